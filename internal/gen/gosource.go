package gen

import (
	"bytes"
	"fmt"
	"go/build/constraint"
	"go/format"
	"go/scanner"
	"go/token"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"
)

// RenderGo renders a generated Go file, with every comment made inert, then gofmt'd. Comments
// carry the spec's free text (help, descriptions, label values, redaction keys), and in Go a
// comment can do more than comment:
//
//   - gofmt (go/printer) moves every "// +build" line it prints, wherever it is, to the top of
//     the file, where it is a build constraint: a help text "+build ignore" silently dropped a
//     whole generated file from the build;
//   - "//go:" lines are directives (//go:build, //go:generate, //go:linkname), and go generate
//     reads any line that starts with "//go:generate", even inside a /* */ comment;
//   - control characters (a carriage return, U+2028) end a line for some tools and not others,
//     and the bidirectional controls can make code read other than it compiles.
//
// So each comment is rewritten before formatting: a "+build" that starts its text is quoted
// ("// `+build` ignore"), a directive loses its place after "//" ("// go:generate ..."), a
// block comment's lines cannot start with "//", and those characters become spaces. The
// emitters' own comments hold none of these, so they are unchanged.
func RenderGo(f *jen.File) ([]byte, error) {
	f.NoFormat = true
	var raw bytes.Buffer
	if err := f.Render(&raw); err != nil {
		return nil, err
	}
	src, err := InertComments(raw.Bytes())
	if err != nil {
		return nil, err
	}
	out, err := format.Source(src)
	if err != nil {
		return nil, fmt.Errorf("formatting generated Go: %w", err)
	}
	return out, nil
}

// InertComments rewrites the comments of the Go source src as RenderGo says.
func InertComments(src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	// Errors are left to gofmt, after: a NUL in a comment is one, and the rewrite removes it.
	s.Init(file, src, nil, scanner.ScanComments)
	var out bytes.Buffer
	last := 0
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok != token.COMMENT {
			continue
		}
		// The literal lacks the carriage returns of the source: take the comment's text from
		// the source itself.
		off := file.Offset(pos)
		end := len(src)
		if strings.HasPrefix(lit, "//") {
			if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
				end = off + i
			}
		} else if i := bytes.Index(src[off+2:], []byte("*/")); i >= 0 {
			end = off + 2 + i + 2
		}
		text := string(src[off:end])
		safe := inertComment(text)
		if safe == text {
			continue
		}
		out.Write(src[last:off])
		out.WriteString(safe)
		last = end
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}

// inertComment returns comment (with its // or /* */) made inert.
func inertComment(comment string) string {
	if body, ok := strings.CutPrefix(comment, "//"); ok {
		body = strings.Map(inertRune, body)
		line := "//" + body
		switch {
		case constraint.IsPlusBuild(line):
			trimmed := strings.TrimLeft(body, " \t")
			return "//" + body[:len(body)-len(trimmed)] + "`+build`" + strings.TrimPrefix(trimmed, "+build")
		case constraint.IsGoBuild(line), strings.HasPrefix(body, "go:"), strings.HasPrefix(body, "line "), strings.HasPrefix(body, "export "), strings.HasPrefix(body, "extern "):
			return "// " + body
		}
		return line
	}
	// A block comment: its lines keep their breaks, and none starts with "//".
	body := strings.TrimSuffix(strings.TrimPrefix(comment, "/*"), "*/")
	lines := strings.Split(body, "\n")
	for i, l := range lines {
		l = strings.Map(inertRune, l)
		if i > 0 && strings.HasPrefix(l, "//") {
			l = " " + l
		}
		lines[i] = l
	}
	return "/*" + strings.Join(lines, "\n") + "*/"
}

// inertRune replaces the characters a comment must not hold by a space: control characters
// but the tab, the Unicode line and paragraph separators, and the bidirectional controls.
func inertRune(r rune) rune {
	switch {
	case r == '\t':
		return r
	case unicode.IsControl(r), r == '\u2028', r == '\u2029', unicode.Is(unicode.Bidi_Control, r):
		return ' '
	}
	return r
}

package spec

import (
	"bytes"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/diag"
)

// IgnoreMarker starts a comment that silences checks on one node of the spec:
//
//	expr: up == 0  # metricgen:ignore promql/unknown-metric up comes from the blackbox exporter
//
// As a line comment it applies to the mapping entry or list item that starts on its line; on a
// line of its own, to the one that starts on the next line that is not a comment (a blank line
// in between leaves it applying to nothing). It silences the named checks on that node and
// everything inside it.
const IgnoreMarker = "metricgen:ignore"

// Ignore is one ignore comment.
type Ignore struct {
	Pos    diag.Pos // the comment, from '#' to the end of the line
	Codes  []IgnoreCode
	Reason string
	// Target is the range the comment silences; Line 0 when it applies to nothing.
	Target diag.Pos
}

// IgnoreCode is one code an ignore comment names, where it is written.
type IgnoreCode struct {
	Code diag.Code
	Pos  diag.Pos
}

// Ignores finds the ignore comments of the document indexed by x.
func (x *Nodes) Ignores() []Ignore {
	if !bytes.Contains(x.src, []byte(IgnoreMarker)) {
		return nil
	}
	x.index()
	var out []Ignore
	for from := 0; ; {
		i := bytes.Index(x.src[from:], []byte(IgnoreMarker))
		if i < 0 {
			return out
		}
		at := from + i
		from = at + len(IgnoreMarker)
		hash := bytes.LastIndexByte(x.src[:at], '#')
		if hash < 0 || strings.TrimLeft(string(x.src[hash+1:at]), " \t") != "" {
			continue // not "# metricgen:ignore"
		}
		if hash > 0 && !isBlankByte(x.src[hash-1]) && x.src[hash-1] != '\n' {
			continue // "a#b" is not a comment in YAML
		}
		start := posAt(x.src, x.lines, hash)
		if x.inScalar(start) {
			continue // text of a quoted or block scalar
		}
		lineEnd := len(x.src)
		if j := bytes.IndexByte(x.src[hash:], '\n'); j >= 0 {
			lineEnd = hash + j
		}
		ig := Ignore{Pos: start}
		end := posAt(x.src, x.lines, len(strings.TrimRight(string(x.src[:lineEnd]), " \t\r")))
		ig.Pos.EndLine, ig.Pos.EndCol = end.Line, end.Col
		x.parseIgnore(&ig, from, lineEnd)
		ig.Target = x.ignoreTarget(start)
		out = append(out, ig)
		from = lineEnd
	}
}

// parseIgnore reads the codes (comma-separated, no blanks) and the reason that follow the
// marker, from byte i to the end of the line.
func (x *Nodes) parseIgnore(ig *Ignore, i, end int) {
	for i < end && isBlankByte(x.src[i]) {
		i++
	}
	j := i
	for j < end && !isBlankByte(x.src[j]) && x.src[j] != '\r' {
		j++
	}
	for k := i; k < j; {
		c := bytes.IndexByte(x.src[k:j], ',')
		stop := j
		if c >= 0 {
			stop = k + c
		}
		if stop > k {
			p := posAt(x.src, x.lines, k)
			e := posAt(x.src, x.lines, stop)
			p.EndLine, p.EndCol = e.Line, e.Col
			ig.Codes = append(ig.Codes, IgnoreCode{Code: diag.Code(x.src[k:stop]), Pos: p})
		}
		k = stop + 1
	}
	ig.Reason = strings.TrimSpace(string(x.src[j:end]))
}

// ignoreTarget is the range an ignore comment that starts at p applies to.
func (x *Nodes) ignoreTarget(p diag.Pos) diag.Pos {
	line := p.Line
	lineStart := x.lines[line-1]
	if strings.TrimSpace(string(x.src[lineStart:byteIndex(x.src, x.lines, p.Line, p.Col)])) == "" {
		// A comment on a line of its own: the next line that is not a comment.
		for line++; line <= len(x.lines); line++ {
			text := strings.TrimSpace(x.lineText(line))
			if text == "" {
				return diag.Pos{}
			}
			if !strings.HasPrefix(text, "#") {
				break
			}
		}
		if line > len(x.lines) {
			return diag.Pos{}
		}
	}
	if s, ok := x.outer[line]; ok {
		return s
	}
	// No mapping entry or list item starts there (a continuation line): the line itself.
	end := x.lineEnd(line)
	return diag.Pos{Line: line, Col: 1, EndLine: line, EndCol: max(end.Col, 2)}
}

func (x *Nodes) lineText(line int) string {
	start := x.lines[line-1]
	end := len(x.src)
	if line < len(x.lines) {
		end = x.lines[line] - 1
	}
	return string(x.src[start:end])
}

// inScalar reports whether p is inside the text of a quoted or block scalar.
func (x *Nodes) inScalar(p diag.Pos) bool {
	for n, e := range x.end {
		// A plain scalar never holds " #": YAML reads it as the start of a comment.
		if n.Kind != yaml.ScalarNode || n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
			continue
		}
		if !after(diag.Pos{Line: n.Line, Col: n.Column}, p) && after(e, p) {
			return true
		}
	}
	return false
}

func isBlankByte(b byte) bool { return b == ' ' || b == '\t' }

// Contains reports whether the range r holds position p.
func Contains(r diag.Pos, p diag.Pos) bool {
	if r.Line == 0 {
		return false
	}
	start := diag.Pos{Line: r.Line, Col: r.Col}
	end := diag.Pos{Line: r.EndLine, Col: r.EndCol}
	return !after(start, p) && after(end, p)
}

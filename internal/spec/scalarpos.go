package spec

import (
	"slices"
	"strconv"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/diag"
)

// PosIn returns the file position of byte offset off inside the value of s, for any scalar
// style: plain, single- or double-quoted, literal (|) or folded (>), on one line or several.
// PromQL errors name an offset in the expression; this maps it back to where the user wrote
// it. Offsets past the end map to the value's last character.
func (f *File) PosIn(s String, off int) diag.Pos {
	if s.Node == nil {
		return diag.Pos{}
	}
	if f.aliased[s.Node] != nil {
		return posOf(s.Node) // the alias: the value's text is at the anchor
	}
	return posIn(f.Src, f.lineIndex(), s.Node, s.Value, off)
}

// RangeIn returns the range of bytes off to end (exclusive) of the value of s, as PosIn maps
// them.
func (f *File) RangeIn(s String, off, end int) diag.Pos {
	if s.Node == nil {
		return diag.Pos{}
	}
	if f.aliased[s.Node] != nil {
		return posOf(s.Node) // the alias: the value's text is at the anchor
	}
	lines := f.lineIndex()
	p := posIn(f.Src, lines, s.Node, s.Value, off)
	if end > off && end <= len(s.Value) {
		_, size := utf8.DecodeLastRuneInString(s.Value[off:end])
		last := posIn(f.Src, lines, s.Node, s.Value, end-size)
		e := afterChar(f.Src, lines, s.Node, last)
		p.EndLine, p.EndCol = e.Line, e.Col
	}
	return p
}

// afterChar is the position just after the character of scalar n's value written at p: past
// an escape sequence, a doubled quote, or a multi-byte character.
func afterChar(src []byte, lines []int, n *yaml.Node, p diag.Pos) diag.Pos {
	i := byteIndex(src, lines, p.Line, p.Col)
	if i < 0 || i >= len(src) {
		return diag.Pos{Line: p.Line, Col: p.Col + 1}
	}
	j := i
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0 && src[i] == '\\':
		srcLen, _ := escapeLen(src[i+1:])
		j += srcLen
	case n.Style&yaml.SingleQuotedStyle != 0 && src[i] == '\'':
		j += 2
	default:
		_, size := utf8.DecodeRune(src[i:])
		j += size
	}
	return posAt(src, lines, min(j, len(src)))
}

// posIn maps byte offset off of v, the value of scalar node n, to its position in src.
func posIn(src []byte, lines []int, n *yaml.Node, v string, off int) diag.Pos {
	start := byteIndex(src, lines, n.Line, n.Column)
	if start < 0 {
		return posOf(n)
	}
	j := start
	switch n.Style {
	case yaml.LiteralStyle, yaml.FoldedStyle:
		for j < len(src) && src[j] != '\n' {
			j++
		}
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		j++
	}
	at := j
	for i := 0; i <= off && i < len(v) && j < len(src); {
		c := src[j]
		switch {
		case n.Style == yaml.DoubleQuotedStyle && c == '\\':
			if j+1 < len(src) && (src[j+1] == '\n' || src[j+1] == '\r') {
				// An escaped line break: the lines join with nothing in between.
				j += 2
				continue
			}
			// An escape: one character of the value (1 to 4 bytes), 2 to 10 in the source.
			srcLen, valLen := escapeLen(src[j+1:])
			at = j
			j += srcLen
			i += valLen
		case c == v[i]:
			at = j
			j++
			if n.Style == yaml.SingleQuotedStyle && c == '\'' {
				j++ // '' stands for '
			}
			i++
		case n.Style != yaml.LiteralStyle && (v[i] == ' ' || v[i] == '\n') && (c == '\n' || c == '\r'),
			n.Style == yaml.LiteralStyle && v[i] == '\n' && c == '\r':
			// A line break the value keeps as a space (folding) or as a newline.
			at = j
			j++
			i++
		default:
			// Indentation, the blanks of a folded line break, or source text the value does
			// not keep: skip it in the source only.
			j++
		}
	}
	return posAt(src, lines, at)
}

// escapeLen returns the length in the source of the escape whose letter starts rest (after
// the backslash, which it counts), and the length in bytes of the character it stands for.
func escapeLen(rest []byte) (srcLen, valLen int) {
	if len(rest) == 0 {
		return 1, 1
	}
	digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[rest[0]]
	switch rest[0] {
	case 'N', '_': // U+0085, U+00A0
		return 2, 2
	case 'L', 'P': // U+2028, U+2029
		return 2, 3
	}
	if digits == 0 || len(rest) < 1+digits {
		return 2, 1
	}
	r, err := strconv.ParseUint(string(rest[1:1+digits]), 16, 32)
	if err != nil {
		return 2, 1
	}
	if l := utf8.RuneLen(rune(r)); l > 0 {
		return 2 + digits, l
	}
	return 2 + digits, len(string(utf8.RuneError)) // a surrogate or past U+10FFFF
}

// lineIndex returns lineStarts(f.Src), computed on first use.
func (f *File) lineIndex() []int {
	f.linesOnce.Do(func() { f.lines = lineStarts(f.Src) })
	return f.lines
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// byteIndex converts a 1-based line and rune column to a byte index, -1 if out of range.
func byteIndex(src []byte, lines []int, line, col int) int {
	if line < 1 || line > len(lines) {
		return -1
	}
	i := lines[line-1]
	for c := 1; c < col && i < len(src) && src[i] != '\n'; c++ {
		_, size := utf8.DecodeRune(src[i:])
		i += size
	}
	return i
}

func posAt(src []byte, lines []int, i int) diag.Pos {
	// lines[k] is the offset where line k+1 starts: the line holding i is the number of line
	// starts at or before it. A binary search, since every node of a large spec asks.
	line, _ := slices.BinarySearch(lines, i+1)
	line = max(line, 1)
	start := lines[line-1]
	if i > len(src) {
		i = len(src)
	}
	return diag.Pos{Line: line, Col: utf8.RuneCount(src[start:i]) + 1}
}

// Range returns the range of the value of s as written, quotes included (or of the alias
// that stands for it): the range a diagnostic at the value gets from Nodes.Complete, for the
// few values whose range is kept while a spec is valid (output paths), without indexing
// every node of the document.
func (f *File) Range(s String) diag.Pos {
	n := s.Node
	if n == nil {
		return diag.Pos{}
	}
	p := posOf(n)
	x := &source{src: f.Src, lines: f.lineIndex()}
	var e diag.Pos
	switch alias := f.aliased[n]; {
	case alias != nil:
		e = diag.Pos{Line: alias.Line, Col: alias.Column + 1 + utf8.RuneCountInString(alias.Value)}
	case n.Kind == yaml.ScalarNode:
		e = x.scalarEnd(n)
	}
	if !after(e, p) {
		e = x.wordEnd(p.Line, p.Col)
	}
	p.EndLine, p.EndCol = e.Line, e.Col
	return p
}

package spec

import (
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/diag"
)

// PosIn returns the file position of byte offset off inside the value of s, for any scalar
// style: plain, single- or double-quoted, literal (|) or folded (>), on one line or several.
// PromQL errors name an offset in the expression; this maps it back to where the user wrote
// it. Offsets past the end map to the value's last character.
func (f *File) PosIn(s String, off int) diag.Pos {
	n := s.Node
	if n == nil {
		return diag.Pos{}
	}
	lines := lineStarts(f.Src)
	start := byteIndex(f.Src, lines, n.Line, n.Column)
	if start < 0 {
		return posOf(n)
	}
	j := start
	switch n.Style {
	case yaml.LiteralStyle, yaml.FoldedStyle:
		for j < len(f.Src) && f.Src[j] != '\n' {
			j++
		}
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		j++
	}
	v := s.Value
	at := j
	for i := 0; i <= off && i < len(v) && j < len(f.Src); {
		c := f.Src[j]
		switch {
		case c == v[i]:
			if n.Style == yaml.SingleQuotedStyle && c == '\'' && j+1 < len(f.Src) && f.Src[j+1] == '\'' {
				at = j
				j += 2
			} else {
				at = j
				j++
			}
			i++
		case n.Style == yaml.DoubleQuotedStyle && c == '\\':
			// An escape: one character of the value, two or more in the source.
			at = j
			j += 2
			i++
		case (v[i] == ' ' || v[i] == '\n') && (c == '\n' || c == '\r'):
			at = j
			j++
			i++
		default:
			// Indentation, the blanks of a folded line break, or source text the value does
			// not keep: skip it in the source only.
			j++
		}
	}
	return posAt(f.Src, lines, at)
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
	line := 1
	for line < len(lines) && lines[line] <= i {
		line++
	}
	start := lines[line-1]
	if i > len(src) {
		i = len(src)
	}
	return diag.Pos{Line: line, Col: utf8.RuneCount(src[start:i]) + 1}
}

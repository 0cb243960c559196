package spec

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/diag"
)

// Nodes indexes the YAML nodes of a document by where they start, with where they end: the
// ranges of diagnostics reported at a node's position, and the nodes ignore comments name.
//
// The index is built on first use: a valid spec without ignore comments never needs it.
type Nodes struct {
	source
	root  *yaml.Node
	built bool
	// at holds the node that starts at a position; where a collection and its first key
	// start at the same place, the scalar, which is what checks report at.
	at map[[2]int]*yaml.Node
	// end holds the position just after each node.
	end map[*yaml.Node]diag.Pos
	// outer holds, by line, the outermost mapping entry or list item that starts on the line,
	// and what it spans: a mapping entry runs from its key to the end of its value.
	outer map[int]Span
	// aliased maps the nodes an alias copied from its anchor to the alias: each spans the
	// alias, where the copy is positioned.
	aliased map[*yaml.Node]*yaml.Node
}

// source is a document's text and where its lines start (once known), for the positions of
// its nodes.
type source struct {
	src   []byte
	lines []int
}

// Span is the range of a node: Line:Col to EndLine:EndCol (exclusive).
type Span = diag.Pos

// NewNodes indexes the nodes under root (nil: none) of the document src.
func NewNodes(src []byte, root *yaml.Node) *Nodes {
	return &Nodes{source: source{src: src}, root: root}
}

// Nodes indexes the nodes of d (nil: none) in src, the document d was loaded from.
func (d *Doc) Nodes(src []byte) *Nodes {
	if d == nil {
		return NewNodes(src, nil)
	}
	return &Nodes{source: source{src: src}, root: d.Root, aliased: d.aliased}
}

// index builds the index the first time it is needed.
func (x *Nodes) index() {
	if x.built {
		return
	}
	x.built = true
	x.lines = lineStarts(x.src)
	x.at, x.end, x.outer = map[[2]int]*yaml.Node{}, map[*yaml.Node]diag.Pos{}, map[int]Span{}
	if x.root != nil {
		x.walk(x.root, 0)
	}
}

// Outer returns the outermost mapping entry or list item that starts on line, with its range.
func (x *Nodes) Outer(line int) (Span, bool) {
	x.index()
	s, ok := x.outer[line]
	return s, ok
}

// walk records n and everything under it, and returns the end of n.
func (x *Nodes) walk(n *yaml.Node, depth int) diag.Pos {
	if e, ok := x.end[n]; ok || depth > maxDepth {
		return e
	}
	if alias := x.aliased[n]; alias != nil {
		n = alias // a copy made for an alias spans the alias
	}
	if n.Kind == yaml.AliasNode {
		// The alias itself: *name.
		e := diag.Pos{Line: n.Line, Col: n.Column + 1 + utf8.RuneCountInString(n.Value)}
		x.end[n] = e
		x.record(n, e)
		return e
	}
	var e diag.Pos
	switch n.Kind {
	case yaml.ScalarNode:
		e = x.scalarEnd(n)
	case yaml.MappingNode, yaml.SequenceNode:
		e = diag.Pos{Line: n.Line, Col: n.Column}
		x.end[n] = e // against cycles
		for i, c := range n.Content {
			ce := x.walk(c, depth+1)
			if after(ce, e) {
				e = ce
			}
			switch {
			case n.Kind == yaml.MappingNode && i%2 == 1:
				k := n.Content[i-1]
				x.entry(k, ce) // an entry spans its key and value
			case n.Kind == yaml.SequenceNode:
				x.entry(c, ce)
			}
		}
		if n.Style&yaml.FlowStyle != 0 {
			e = x.flowEnd(n, e)
		}
	}
	x.end[n] = e
	x.record(n, e)
	return e
}

// record notes n as starting where it does.
func (x *Nodes) record(n *yaml.Node, e diag.Pos) {
	if n.Line <= 0 {
		return
	}
	pos := [2]int{n.Line, n.Column}
	if prev, ok := x.at[pos]; !ok || prev.Kind != yaml.ScalarNode {
		x.at[pos] = n
	}
}

// entry notes a mapping entry (from key n) or a list item n that ends at e, as the line's
// outermost one when it starts left of the others on its line.
func (x *Nodes) entry(n *yaml.Node, e diag.Pos) {
	if n.Line <= 0 {
		return
	}
	s := Span{Line: n.Line, Col: n.Column, EndLine: e.Line, EndCol: e.Col}
	if prev, ok := x.outer[n.Line]; !ok || s.Col < prev.Col || s.Col == prev.Col && after(e, diag.Pos{Line: prev.EndLine, Col: prev.EndCol}) {
		x.outer[n.Line] = s
	}
}

func after(a, b diag.Pos) bool { return a.Line > b.Line || a.Line == b.Line && a.Col > b.Col }

// scalarEnd is the position just after scalar n, its closing quote included.
func (x *source) scalarEnd(n *yaml.Node) diag.Pos {
	v := n.Value
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		v = strings.TrimRight(v, "\n")
	}
	quoted := n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0
	if v == "" {
		if i := byteIndex(x.src, x.lines, n.Line, n.Column); quoted && i >= 0 {
			return x.tokenEnd(i)
		}
		if n.Tag == "!!null" && n.Value == "" {
			return diag.Pos{Line: n.Line, Col: n.Column}
		}
		return x.wordEnd(n.Line, n.Column)
	}
	_, size := utf8.DecodeLastRuneInString(v)
	p := posIn(x.src, x.lines, n, v, len(v)-size)
	e := afterChar(x.src, x.lines, n, p)
	if quoted {
		e.Col++ // the closing quote
	}
	return e
}

// tokenEnd is the end of the quoted scalar that starts at byte i.
func (x *source) tokenEnd(i int) diag.Pos {
	q := x.src[i]
	j := i + 1
	for j < len(x.src) {
		c := x.src[j]
		switch {
		case q == '"' && c == '\\':
			j += 2
			continue
		case c == q && q == '\'' && j+1 < len(x.src) && x.src[j+1] == '\'':
			j += 2
			continue
		case c == q:
			return posAt(x.src, x.lines, j+1)
		}
		j++
	}
	return posAt(x.src, x.lines, len(x.src))
}

// flowEnd is the position just after the bracket that closes flow collection n, whose last
// item ends at last.
func (x *Nodes) flowEnd(n *yaml.Node, last diag.Pos) diag.Pos {
	closer := byte(']')
	if n.Kind == yaml.MappingNode {
		closer = '}'
	}
	i := byteIndex(x.src, x.lines, last.Line, last.Col)
	if len(n.Content) == 0 {
		i = byteIndex(x.src, x.lines, n.Line, n.Column) + 1
	}
	if i < 0 {
		return last
	}
	for ; i < len(x.src); i++ {
		switch x.src[i] {
		case closer:
			return posAt(x.src, x.lines, i+1)
		case ' ', '\t', '\r', '\n', ',':
		case '#':
			for i < len(x.src) && x.src[i] != '\n' {
				i++
			}
		default:
			return last
		}
	}
	return last
}

// wordEnd is the end of the run of non-blank characters at line:col, at least one character.
func (x *source) wordEnd(line, col int) diag.Pos {
	i := byteIndex(x.src, x.lines, line, col)
	if i < 0 {
		return diag.Pos{Line: line, Col: col + 1}
	}
	j := i
	for j < len(x.src) {
		r, size := utf8.DecodeRune(x.src[j:])
		if unicode.IsSpace(r) {
			break
		}
		j += size
	}
	if j == i && j < len(x.src) && x.src[j] != '\n' {
		_, size := utf8.DecodeRune(x.src[j:])
		j += size
	}
	if j == i {
		return diag.Pos{Line: line, Col: col + 1}
	}
	return posAt(x.src, x.lines, j)
}

// Complete gives every diagnostic that has a column but no end the range of the node that
// starts at its position, or else of the word there.
func (x *Nodes) Complete(ds []diag.Diagnostic) {
	if !slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return d.EndLine == 0 && d.Line > 0 && d.Col > 0 }) {
		return
	}
	x.index()
	for i := range ds {
		d := &ds[i]
		if d.EndLine > 0 || d.Line <= 0 || d.Col <= 0 {
			continue
		}
		e, ok := diag.Pos{}, false
		if n := x.at[[2]int{d.Line, d.Col}]; n != nil {
			e, ok = x.end[n]
			if ok && n.Kind != yaml.ScalarNode && n.Style&yaml.FlowStyle == 0 {
				// A block collection: its first line, as far as it goes.
				e = x.lineEnd(d.Line)
			}
		}
		if !ok || !after(e, d.Pos()) {
			e = x.wordEnd(d.Line, d.Col)
		}
		d.EndLine, d.EndCol = e.Line, e.Col
	}
}

// lineEnd is the end of line's text, before a comment and trailing blanks.
func (x *Nodes) lineEnd(line int) diag.Pos {
	if line < 1 || line > len(x.lines) {
		return diag.Pos{}
	}
	start := x.lines[line-1]
	end := len(x.src)
	if line < len(x.lines) {
		end = x.lines[line] - 1
	}
	text := string(x.src[start:end])
	if i := strings.Index(text, " #"); i >= 0 {
		text = text[:i]
	}
	text = strings.TrimRight(text, " \t\r")
	return diag.Pos{Line: line, Col: utf8.RuneCountInString(text) + 1}
}

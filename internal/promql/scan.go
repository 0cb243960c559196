package promql

import (
	"strconv"

	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/promql/parser"
)

// The parser keeps the position of every node but not of the words inside one: a label
// matcher, a label of by (...) or on (...), a binary operator. These helpers find them in the
// text, skipping string literals and comments, so that findings point at the exact word.

// skipString returns the offset just after the string literal starting at q[i].
func skipString(q string, i int) int {
	quote := q[i]
	for j := i + 1; j < len(q); j++ {
		switch q[j] {
		case '\\':
			if quote != '`' {
				j++
			}
		case quote:
			return j + 1
		}
	}
	return len(q)
}

func isIdentByte(b byte) bool {
	return b == '_' || b == ':' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

// findIdent returns the offset of the first identifier token equal to name in q[from:to]
// (or of the string literal spelling it, as in on("name")), -1 when none.
func findIdent(q string, from, to int, name string) int {
	from, to = max(from, 0), min(to, len(q))
	for i := from; i < to; {
		switch c := q[i]; {
		case c == '"' || c == '\'' || c == '`':
			j := skipString(q, i)
			if s, err := strconv.Unquote(q[i:j]); err == nil && s == name {
				return i
			}
			i = j
		case c == '#':
			for i < to && q[i] != '\n' {
				i++
			}
		case isIdentByte(c):
			j := i
			for j < to && isIdentByte(q[j]) {
				j++
			}
			if q[i:j] == name {
				return i
			}
			i = j
		default:
			i++
		}
	}
	return -1
}

// skipBlank returns the first offset at or after i that is not blank or inside a comment.
func skipBlank(q string, i, to int) int {
	for i < to {
		switch q[i] {
		case ' ', '\t', '\n', '\r':
			i++
		case '#':
			for i < to && q[i] != '\n' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// opSpan returns the range of a binary expression's operator with its modifiers (/ on(a)
// group_left): the tokens between its two sides.
func (c *checker) opSpan(e *parser.BinaryExpr) span {
	from, to := end(e.LHS), start(e.RHS)
	i := skipBlank(c.q, from, to)
	if i >= to {
		return span{start(e.LHS), start(e.LHS) + 1}
	}
	last := i + 1
	for j := i; j < to; {
		switch k := skipBlank(c.q, j, to); {
		case k >= to:
			j = to
		case c.q[k] == '"' || c.q[k] == '\'' || c.q[k] == '`':
			j = skipString(c.q, k)
			last = j
		default:
			j = k + 1
			last = j
		}
	}
	return span{i, min(last, to)}
}

// tokenSpan returns the range of the identifier or string literal that starts at i (one byte
// for anything else).
func tokenSpan(q string, i int) span {
	switch {
	case i >= len(q):
		return span{i, i}
	case q[i] == '"' || q[i] == '\'' || q[i] == '`':
		return span{i, skipString(q, i)}
	case isIdentByte(q[i]):
		j := i
		for j < len(q) && isIdentByte(q[j]) {
			j++
		}
		return span{i, j}
	}
	return span{i, i + 1}
}

// matcherSpans returns the range of each of vs's label matchers, in the order of
// vs.LabelMatchers; a matcher not found in the text (the metric name itself) gets the
// selector's range.
func (c *checker) matcherSpans(vs *parser.VectorSelector) []span {
	type written struct {
		name string
		op   labels.MatchType
		at   span
		used bool
	}
	var ws []written
	q := c.q
	i, to := start(vs), min(end(vs), len(q))
	for i < to && q[i] != '{' {
		if q[i] == '"' || q[i] == '\'' || q[i] == '`' {
			i = skipString(q, i)
			continue
		}
		i++
	}
	i++
	for i < to {
		i = skipBlank(q, i, to)
		if i >= to || q[i] == '}' {
			break
		}
		off := i
		var name string
		switch {
		case q[i] == '"' || q[i] == '\'' || q[i] == '`':
			j := skipString(q, i)
			name, _ = strconv.Unquote(q[i:j])
			i = j
		case isIdentByte(q[i]):
			j := i
			for j < to && isIdentByte(q[j]) {
				j++
			}
			name = q[i:j]
			i = j
		default:
			i++
			continue
		}
		i = skipBlank(q, i, to)
		op, n := labels.MatchType(-1), 0
		switch {
		case i+1 < to && q[i:i+2] == "=~":
			op, n = labels.MatchRegexp, 2
		case i+1 < to && q[i:i+2] == "!~":
			op, n = labels.MatchNotRegexp, 2
		case i+1 < to && q[i:i+2] == "!=":
			op, n = labels.MatchNotEqual, 2
		case i < to && q[i] == '=':
			op, n = labels.MatchEqual, 1
		}
		if n == 0 {
			// A quoted metric name inside the braces: {"my.metric", a="b"}.
			for i < to && q[i] != ',' && q[i] != '}' {
				i++
			}
			if i < to && q[i] == ',' {
				i++
			}
			continue
		}
		i = skipBlank(q, i+n, to)
		if i < to && (q[i] == '"' || q[i] == '\'' || q[i] == '`') {
			i = skipString(q, i)
		}
		ws = append(ws, written{name: name, op: op, at: span{off, i}})
		i = skipBlank(q, i, to)
		if i < to && q[i] == ',' {
			i++
		}
	}
	spans := make([]span, len(vs.LabelMatchers))
	for k, m := range vs.LabelMatchers {
		spans[k] = nodeSpan(vs)
		for w := range ws {
			if !ws[w].used && ws[w].name == m.Name && ws[w].op == m.Type {
				ws[w].used = true
				spans[k] = ws[w].at
				break
			}
		}
	}
	return spans
}

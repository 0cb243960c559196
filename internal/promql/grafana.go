package promql

import (
	"strings"
)

// Var stands for a Grafana template variable after SubstituteGrafana, wherever a name or a
// string goes: a metric or label name holding it is not looked up, a matcher value holding it
// is not checked.
const Var = "__grafana_var__"

// grafanaDurations are Grafana's interval variables: PromQL durations.
var grafanaDurations = map[string]bool{
	"__rate_interval": true, "__interval": true, "__range": true, "__auto": true,
}

// grafanaNumbers are Grafana's variables that expand to numbers.
var grafanaNumbers = map[string]string{
	"__interval_ms": "300000", "__range_ms": "300000", "__range_s": "300",
	"__rate_interval_ms": "300000", "__from": "0", "__to": "0",
}

// labelListKeywords open a parenthesised list of label names.
var labelListKeywords = map[string]bool{
	"by": true, "without": true, "on": true, "ignoring": true, "group_left": true, "group_right": true,
}

// SubstituteGrafana replaces the Grafana variables of a dashboard query ($var, ${var},
// ${var:format}, [[var]]) with text that parses as PromQL in its place: a duration for the
// interval variables and inside [...] or after offset, Var inside strings and where a name
// goes, a number elsewhere. It returns the query and a function mapping an offset of it back
// to an offset of expr (a substituted variable maps to its '$').
func SubstituteGrafana(expr string) (string, func(int) int) {
	type seg struct{ out, orig, outLen, origLen int }
	var (
		b       strings.Builder
		segs    []seg
		quote   byte
		bracket int
		brace   int
		parens  []bool // per open '(': whether it holds label names
		lastTok string // the last identifier outside strings
	)
	for i := 0; i < len(expr); {
		c := expr[i]
		name, n := grafanaVar(expr, i)
		if n > 0 {
			var repl string
			switch {
			case quote != 0:
				repl = Var
			case grafanaDurations[name]:
				repl = "5m"
			case grafanaNumbers[name] != "":
				repl = grafanaNumbers[name]
			case bracket > 0 || lastTok == "offset":
				repl = "5m"
			case brace > 0 || len(parens) > 0 && parens[len(parens)-1],
				i > 0 && isIdentByte(expr[i-1]),
				i+n < len(expr) && (isIdentByte(expr[i+n]) || strings.IndexByte("{[(", expr[i+n]) >= 0):
				repl = Var
			default:
				repl = "1"
			}
			segs = append(segs, seg{out: b.Len(), orig: i, outLen: len(repl), origLen: n})
			b.WriteString(repl)
			i += n
			continue
		}
		switch {
		case quote != 0:
			if c == '\\' && quote != '`' && i+1 < len(expr) {
				b.WriteByte(c)
				i++
				c = expr[i]
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'' || c == '`':
			quote = c
		case c == '[':
			bracket++
		case c == ']':
			bracket = max(0, bracket-1)
		case c == '{':
			brace++
		case c == '}':
			brace = max(0, brace-1)
		case c == '(':
			parens = append(parens, labelListKeywords[lastTok])
		case c == ')':
			if len(parens) > 0 {
				parens = parens[:len(parens)-1]
			}
		case isIdentByte(c):
			j := i
			for j < len(expr) && isIdentByte(expr[j]) {
				j++
			}
			lastTok = expr[i:j]
			b.WriteString(lastTok)
			i = j
			continue
		}
		if quote == 0 && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '(' {
			lastTok = ""
		}
		b.WriteByte(c)
		i++
	}
	pos := func(off int) int {
		shift := 0
		for _, s := range segs {
			if off < s.out {
				break
			}
			if off < s.out+s.outLen {
				return s.orig
			}
			shift = s.orig + s.origLen - s.out - s.outLen
		}
		return off + shift
	}
	return b.String(), pos
}

// grafanaVar returns the name and length of the Grafana variable reference at expr[i], or a
// length of 0. $1 and the like (label_replace's references) are not variables.
func grafanaVar(expr string, i int) (string, int) {
	rest := expr[i:]
	word := func(s string) int {
		n := 0
		for n < len(s) && (s[n] == '_' || 'a' <= s[n] && s[n] <= 'z' || 'A' <= s[n] && s[n] <= 'Z' || n > 0 && '0' <= s[n] && s[n] <= '9') {
			n++
		}
		return n
	}
	switch {
	case strings.HasPrefix(rest, "${"):
		j := strings.IndexByte(rest, '}')
		if j < 0 {
			return "", 0
		}
		inner := rest[2:j]
		n := word(inner)
		if n == 0 {
			return "", 0
		}
		return inner[:n], j + 1
	case strings.HasPrefix(rest, "[["):
		j := strings.Index(rest, "]]")
		if j < 0 {
			return "", 0
		}
		inner := rest[2:j]
		n := word(inner)
		if n == 0 || (n < len(inner) && inner[n] != ':') {
			return "", 0
		}
		return inner[:n], j + 2
	case strings.HasPrefix(rest, "$"):
		n := word(rest[1:])
		if n == 0 {
			return "", 0
		}
		return rest[1 : 1+n], 1 + n
	}
	return "", 0
}

// Package promql owns metricgen's use of Prometheus' PromQL parser, alert templates and rule
// file format: it is the only package that imports promql/parser. It parses an expression,
// infers the labels every subexpression returns from a Catalog of the spec's series, and
// reports what can never work (unknown metrics, matchers that match nothing, binary operations
// whose sides never match, counters and gauges mixed up, histogram_quantile without le) as
// Findings at byte offsets of the expression. Callers map the offsets to spec positions.
package promql

import (
	"errors"
	"fmt"
	"strings"

	"github.com/prometheus/prometheus/promql/parser"

	"github.com/metricgen/metricgen/internal/diag"
)

// prom is the one parser configuration metricgen accepts: Prometheus' defaults, no
// experimental syntax, so that every rule loads in a stock Prometheus and promtool.
var prom = parser.NewParser(parser.Options{})

// Finding is one problem in an expression: the range of the offending text as byte offsets of
// the text that was checked (End just after its last byte), and the check that found it.
type Finding struct {
	Off, End int
	Severity diag.Severity
	Code     diag.Code
	Msg      string
}

// Options select the checks that depend on where an expression is used.
type Options struct {
	// Alert enables the checks that only make sense for an alert's expression: a counter's
	// raw value, and an expression with no comparison.
	Alert bool
	// Grafana says the expression went through SubstituteGrafana: names and values holding
	// the substituted variable are unknown and not checked.
	Grafana bool
}

// Result is what checking one expression found, and what the rest of metricgen needs to know
// of it: the labels it returns, the series it reads, the thresholds it compares with.
type Result struct {
	Findings []Finding
	// Parsed reports whether the expression is valid PromQL; the fields below are empty when
	// it is not.
	Parsed bool
	// Labels are the labels of the series the expression returns; unknown when the
	// expression uses series whose labels the catalogue does not know.
	Labels Labels
	// Selectors are the expression's vector selectors, in text order.
	Selectors []Selector
	// Comparisons are its filtering comparisons with a number, outermost first.
	Comparisons []Comparison
}

// Check parses expr and checks it against the catalogue. A catalogue parses each text once,
// however often it is checked or read as a recording rule's definition.
func (c *Catalog) Check(expr string, opts Options) Result {
	ck := &checker{cat: c, q: expr, opts: opts}
	e, err := c.parse(expr)
	if err != nil {
		ck.syntax(err)
		return Result{Findings: ck.out}
	}
	v := ck.eval(e, ctx{})
	if opts.Alert {
		ck.alertChecks(e)
	}
	if opts.Grafana {
		for i := range ck.out {
			ck.out[i].Msg = strings.ReplaceAll(ck.out[i].Msg, Var, "$var")
		}
	}
	res := Result{Findings: ck.out, Parsed: true, Labels: v.ls.export()}
	c.analyse(e, &res)
	return res
}

// syntax reports the parser's first error: later ones are mostly consequences of it.
func (c *checker) syntax(err error) {
	var errs parser.ParseErrors
	var one *parser.ParseErr
	switch {
	case errors.As(err, &errs) && len(errs) > 0:
		one = &errs[0]
	case errors.As(err, &one):
	default:
		c.errorf(diag.PromQLSyntax, span{0, len(c.q)}, "invalid PromQL: %v", err)
		return
	}
	msg := one.Err.Error()
	at := span{int(one.PositionRange.Start), int(one.PositionRange.End)}
	if strings.HasPrefix(msg, "unclosed left parenthesis") {
		// The parser notices at the end of the input; the useful place is the '(' itself.
		if i := unclosedParen(c.q); i >= 0 {
			at = span{i, i + 1}
		}
	}
	c.errorf(diag.PromQLSyntax, c.nonEmpty(at), "invalid PromQL: %s; fix the expression (Prometheus would refuse to load it)", msg)
}

// unclosedParen returns the offset of the last '(' in q that is never closed, or -1.
func unclosedParen(q string) int {
	var open []int
	for i := 0; i < len(q); i++ {
		switch q[i] {
		case '"', '\'', '`':
			i = skipString(q, i) - 1
		case '#':
			for i < len(q) && q[i] != '\n' {
				i++
			}
		case '(':
			open = append(open, i)
		case ')':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	if len(open) == 0 {
		return -1
	}
	return open[len(open)-1]
}

// checker checks one expression.
type checker struct {
	cat   *Catalog
	q     string
	opts  Options
	quiet bool // inferring a recording rule's labels: its own check reports its problems
	out   []Finding
}

func (c *checker) errorf(code diag.Code, at span, format string, args ...any) {
	c.report(code, at, diag.Error, format, args...)
}

func (c *checker) warnf(code diag.Code, at span, format string, args ...any) {
	c.report(code, at, diag.Warning, format, args...)
}

func (c *checker) report(code diag.Code, at span, sev diag.Severity, format string, args ...any) {
	if c.quiet {
		return
	}
	c.out = append(c.out, Finding{Off: at.start, End: at.end, Severity: sev, Code: code, Msg: fmt.Sprintf(format, args...)})
}

// span is the range of a finding: byte offsets of the expression, end exclusive.
type span struct{ start, end int }

// nodeSpan is the range of n.
func nodeSpan(n parser.Node) span { return span{start(n), end(n)} }

// nonEmpty widens an empty range (a parser error at one point) to the character there.
func (c *checker) nonEmpty(at span) span {
	if at.end <= at.start {
		at.end = min(at.start+1, len(c.q))
	}
	return at
}

// start is the offset where n begins.
func start(n parser.Node) int { return int(n.PositionRange().Start) }

// end is the offset just after n.
func end(n parser.Node) int { return int(n.PositionRange().End) }

package promql

import (
	"slices"
	"sync/atomic"

	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/promql/parser"
)

// Selector is one vector selector of a checked expression.
type Selector struct {
	// Name is the metric name selected, by name or by a __name__="..." matcher; "" when no
	// single name is given. ByName: the selector starts with Name (not with '{').
	Name   string
	ByName bool
	// Off and End are where the selector starts, and just after it ends, in the checked text
	// (its name and matchers, and an offset or @ modifier; not a range).
	Off, End int
	// Matchers are the label matchers as written, the name's own left out.
	Matchers []Matcher
	// Series are the labels of the series called Name, as the catalogue knows them.
	Series Labels
}

// Matcher is one label matcher: Op is =, !=, =~ or !~.
type Matcher struct {
	Label, Op, Value string
}

// Comparison is a filtering comparison of a value with a number literal (not ==, != or bool).
type Comparison struct {
	// Op is >, >=, < or <=, seen from the compared side: `0.05 < x` is `x > 0.05`.
	Op    string
	Value float64
	// Selectors index Result.Selectors: those on the compared side.
	Selectors []int
	// Funcs and Aggregations are the functions and aggregation operators of the compared side,
	// each once, sorted.
	Funcs        []string
	Aggregations []string
	// Quantile is the φ of the side's first histogram_quantile with a literal φ, 0 when none.
	Quantile float64
}

// parses counts calls of Prometheus' parser, so that a test can assert that every expression
// of a run is parsed once (see Catalog.parse).
var parses atomic.Int64

// parsed is the parser's result for one text.
type parsed struct {
	expr parser.Expr
	err  error
}

// parse parses expr, at most once per catalogue: an expression that is checked and also read
// as a recording rule's definition, or written twice in a spec, is parsed once.
func (c *Catalog) parse(expr string) (parser.Expr, error) {
	if p, ok := c.parsed[expr]; ok {
		return p.expr, p.err
	}
	parses.Add(1)
	e, err := prom.ParseExpr(expr)
	c.parsed[expr] = parsed{e, err}
	return e, err
}

// analyse lists the selectors and comparisons of e.
func (c *Catalog) analyse(e parser.Expr, res *Result) {
	var nodes []*parser.VectorSelector // nodes[i] is the node of res.Selectors[i]
	walk(e, func(n parser.Node) {
		if vs, ok := n.(*parser.VectorSelector); ok {
			nodes = append(nodes, vs)
		}
	})
	// Inspect visits an aggregation's expression before its parameter: put them in text order.
	if !slices.IsSortedFunc(nodes, func(a, b *parser.VectorSelector) int { return start(a) - start(b) }) {
		slices.SortStableFunc(nodes, func(a, b *parser.VectorSelector) int { return start(a) - start(b) })
	}
	res.Selectors = make([]Selector, len(nodes))
	for i, vs := range nodes {
		res.Selectors[i] = c.selectorOf(vs)
	}

	walk(e, func(n parser.Node) {
		b, ok := n.(*parser.BinaryExpr)
		if !ok || !b.Op.IsComparisonOperator() || b.ReturnBool || b.Op == parser.EQLC || b.Op == parser.NEQ {
			return
		}
		side, value, op, ok := comparison(b)
		if !ok {
			return
		}
		cmp := Comparison{Op: op, Value: value}
		walk(side, func(n parser.Node) {
			switch n := n.(type) {
			case *parser.VectorSelector:
				cmp.Selectors = append(cmp.Selectors, slices.Index(nodes, n))
			case *parser.Call:
				cmp.Funcs = append(cmp.Funcs, n.Func.Name)
				if n.Func.Name == "histogram_quantile" && cmp.Quantile == 0 && len(n.Args) > 0 {
					cmp.Quantile, _ = number(n.Args[0])
				}
			case *parser.AggregateExpr:
				cmp.Aggregations = append(cmp.Aggregations, n.Op.String())
			}
		})
		slices.Sort(cmp.Selectors)
		cmp.Funcs = set(cmp.Funcs)
		cmp.Aggregations = set(cmp.Aggregations)
		res.Comparisons = append(res.Comparisons, cmp)
	})
}

// walk calls f for e and every node below it, depth first, in the order parser.Inspect visits
// them, without the allocations of Inspect's paths (the analysis walks every expression of a
// spec).
func walk(e parser.Node, f func(parser.Node)) {
	if e == nil {
		return
	}
	f(e)
	switch e := e.(type) {
	case *parser.ParenExpr:
		walk(e.Expr, f)
	case *parser.StepInvariantExpr:
		walk(e.Expr, f)
	case *parser.UnaryExpr:
		walk(e.Expr, f)
	case *parser.MatrixSelector:
		walk(e.VectorSelector, f)
	case *parser.SubqueryExpr:
		walk(e.Expr, f)
	case *parser.BinaryExpr:
		walk(e.LHS, f)
		walk(e.RHS, f)
	case *parser.AggregateExpr:
		if e.Expr != nil {
			walk(e.Expr, f)
		}
		if e.Param != nil {
			walk(e.Param, f)
		}
	case *parser.Call:
		for _, a := range e.Args {
			walk(a, f)
		}
	}
}

// selectorOf describes one vector selector.
func (c *Catalog) selectorOf(vs *parser.VectorSelector) Selector {
	s := Selector{Name: vs.Name, ByName: vs.Name != "", Off: start(vs), End: end(vs)}
	for _, m := range vs.LabelMatchers {
		if m.Name == labels.MetricName {
			if m.Type == labels.MatchEqual && s.Name == "" {
				s.Name = m.Value
			}
			continue
		}
		s.Matchers = append(s.Matchers, Matcher{Label: m.Name, Op: m.Type.String(), Value: m.Value})
	}
	if s.Name != "" {
		s.Series = c.seriesLabels(s.Name)
	}
	return s
}

// seriesLabels returns the labels of the series called name (unknown when the catalogue does
// not know it), worked out once per name.
func (c *Catalog) seriesLabels(name string) Labels {
	if l, ok := c.exported[name]; ok {
		return l
	}
	var l Labels
	if series := c.lookup(name); series != nil {
		l = series.ls.export()
	}
	c.exported[name] = l
	return l
}

// comparison splits a comparison into its non-literal side, the literal and the operator as
// seen from that side. ok is false unless exactly one side is a number.
func comparison(b *parser.BinaryExpr) (side parser.Expr, value float64, op string, ok bool) {
	l, lNum := number(b.LHS)
	r, rNum := number(b.RHS)
	switch {
	case rNum && !lNum:
		return b.LHS, r, b.Op.String(), true
	case lNum && !rNum:
		flip := map[string]string{">": "<", ">=": "<=", "<": ">", "<=": ">="}
		return b.RHS, l, flip[b.Op.String()], true
	}
	return nil, 0, "", false
}

// number returns the value of a number literal, possibly parenthesised or negated.
func number(e parser.Expr) (float64, bool) {
	switch e := unparen(e).(type) {
	case *parser.NumberLiteral:
		return e.Val, true
	case *parser.UnaryExpr:
		if v, ok := number(e.Expr); ok && e.Op == parser.SUB {
			return -v, true
		}
	}
	return 0, false
}

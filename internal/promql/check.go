package promql

import (
	"strings"

	"github.com/prometheus/prometheus/promql/parser"

	"github.com/metricgen/metricgen/internal/diag"
)

// ctx is what a subexpression's position in the whole tells about it.
type ctx struct {
	// counterOK: the value only feeds rate(), increase(), count(), absent(), the right side
	// of `and` ... where a counter's raw value is fine.
	counterOK bool
}

// value is what the checker infers about a subexpression.
type value struct {
	typ    parser.ValueType
	ls     labelSet
	native bool    // holds native histograms: histogram_quantile needs no le
	le     *leDrop // where a classic histogram's le label was aggregated away
}

// leDrop remembers the clause that dropped le, so that histogram_quantile can point at it.
type leDrop struct {
	at     span
	clause string // "sum by (endpoint)"
	fix    string // "sum by (endpoint, le)"
}

// eval infers e's labels, reporting problems on the way.
func (c *checker) eval(e parser.Expr, cx ctx) value {
	switch e := e.(type) {
	case *parser.ParenExpr:
		return c.eval(e.Expr, cx)
	case *parser.StepInvariantExpr:
		return c.eval(e.Expr, cx)
	case *parser.UnaryExpr:
		v := c.eval(e.Expr, cx)
		v.ls = v.ls.each(alt.dropName)
		return v
	case *parser.NumberLiteral:
		return value{typ: parser.ValueTypeScalar, ls: unknownSet}
	case *parser.StringLiteral:
		return value{typ: parser.ValueTypeString, ls: unknownSet}
	case *parser.VectorSelector:
		return c.selector(e, cx)
	case *parser.MatrixSelector:
		v := c.eval(e.VectorSelector, cx)
		v.typ = parser.ValueTypeMatrix
		return v
	case *parser.SubqueryExpr:
		v := c.eval(e.Expr, cx)
		v.typ = parser.ValueTypeMatrix
		return v
	case *parser.Call:
		return c.call(e, cx)
	case *parser.AggregateExpr:
		return c.aggregate(e, cx)
	case *parser.BinaryExpr:
		return c.binary(e, cx)
	}
	return value{typ: e.Type(), ls: unknownSet}
}

// aggregate infers sum, avg, count, topk ... with by or without.
func (c *checker) aggregate(e *parser.AggregateExpr, cx ctx) value {
	inCx := cx
	if e.Op == parser.COUNT || e.Op == parser.GROUP {
		inCx.counterOK = true // counting series does not read their values
	}
	in := c.eval(e.Expr, inCx)
	if e.Param != nil {
		c.eval(e.Param, ctx{counterOK: true})
	}
	out := value{typ: parser.ValueTypeVector, native: in.native, le: in.le}
	if c.opts.Grafana && anyVar(e.Grouping) {
		out.ls = unknownSet
		return out
	}
	c.groupingLabels(e, in)
	grouping := set(e.Grouping)
	switch e.Op {
	case parser.TOPK, parser.BOTTOMK, parser.LIMITK, parser.LIMIT_RATIO:
		// They select series and keep them whole; by/without only groups the selection.
		out.ls = in.ls
		if k, ok := number(e.Param); ok && k == 1 && e.Op != parser.LIMIT_RATIO {
			// One series per group: the group's labels tell the results apart.
			out.ls = in.ls.each(func(a alt) alt {
				if e.Without {
					return a.onePer(minus(a.labels, grouping))
				}
				return a.onePer(grouping)
			})
		}
		return out
	}
	switch {
	case in.ls.unknown && !e.Without:
		// Whatever the input, the result carries no label but these.
		out.ls = single(alt{labels: minus(grouping, []string{"__name__"}), name: has(grouping, "__name__")})
		out.ls.upper = true
	case e.Without:
		out.ls = in.ls.each(func(a alt) alt { return a.without(grouping).dropName() })
	default:
		out.ls = in.ls.each(func(a alt) alt { return a.keep(grouping) })
	}
	if e.Op == parser.COUNT_VALUES {
		if l, ok := stringArg(e.Param); ok {
			out.ls = out.ls.each(func(a alt) alt { return a.add(l, false) })
		}
	}
	if out.le == nil && !in.ls.unknown && in.ls.hasAny("le") && !out.ls.hasAny("le") {
		out.le = &leDrop{at: nodeSpan(e), clause: clause(e, e.Grouping), fix: fixLe(e)}
	}
	return out
}

// groupingLabels reports labels of by (...) or without (...) that the input never has.
func (c *checker) groupingLabels(e *parser.AggregateExpr, in value) {
	if in.ls.unknown {
		return
	}
	for _, l := range e.Grouping {
		if in.ls.hasAny(l) || l == "__name__" {
			continue
		}
		at := c.groupingSpan(e, l)
		hint := didYouMean(l, in.ls.all())
		if !e.Without && !has(c.cat.target, l) {
			// A label no input series can carry groups nothing: a typo, or a label an inner
			// aggregation dropped.
			c.errorf(diag.PromQLUnknownLabel, at, "%s: no series of the input can carry label %s (its labels: %s), so the result never carries it%s", clause(e, e.Grouping), l, list(in.ls.all()), orKeep(hint, "; group by labels the input has, or keep "+l+" in the aggregations inside"))
			continue
		}
		if e.Without {
			c.warnf(diag.PromQLUnknownLabel, at, "%s: the input has no label %s (its labels: %s), so nothing is removed%s", clause(e, e.Grouping), l, list(in.ls.all()), hint)
		} else {
			c.warnf(diag.PromQLUnknownLabel, at, "%s: the input has no label %s (its labels: %s), so the result never carries it%s", clause(e, e.Grouping), l, list(in.ls.all()), hint)
		}
	}
}

// groupingSpan finds label l in the by/without clause, before or after the argument list.
func (c *checker) groupingSpan(e *parser.AggregateExpr, l string) span {
	first, last := start(e.Expr), end(e.Expr)
	if e.Param != nil {
		first, last = min(first, start(e.Param)), max(last, end(e.Param))
	}
	if i := findIdent(c.q, start(e), first, l); i >= 0 {
		return tokenSpan(c.q, i)
	}
	if i := findIdent(c.q, last, end(e), l); i >= 0 {
		return tokenSpan(c.q, i)
	}
	return nodeSpan(e)
}

// clause writes an aggregation's operator and grouping as the user would: sum by (a, b).
func clause(e *parser.AggregateExpr, grouping []string) string {
	s := e.Op.String()
	switch {
	case e.Without:
		s += " without (" + strings.Join(grouping, ", ") + ")"
	case len(grouping) > 0:
		s += " by (" + strings.Join(grouping, ", ") + ")"
	}
	return s
}

// fixLe is the clause of e with le kept.
func fixLe(e *parser.AggregateExpr) string {
	if e.Without {
		var rest []string
		for _, l := range e.Grouping {
			if l != "le" {
				rest = append(rest, l)
			}
		}
		if len(rest) == 0 {
			return e.Op.String()
		}
		return clause(e, rest)
	}
	return e.Op.String() + " by (" + strings.Join(append(append([]string{}, e.Grouping...), "le"), ", ") + ")"
}

// stringArg returns the value of a string literal argument.
func stringArg(e parser.Expr) (string, bool) {
	for {
		p, ok := e.(*parser.ParenExpr)
		if !ok {
			break
		}
		e = p.Expr
	}
	if s, ok := e.(*parser.StringLiteral); ok {
		return s.Val, true
	}
	return "", false
}

// unparen strips parentheses.
func unparen(e parser.Expr) parser.Expr {
	for {
		switch p := e.(type) {
		case *parser.ParenExpr:
			e = p.Expr
		case *parser.StepInvariantExpr:
			e = p.Expr
		default:
			return e
		}
	}
}

// alertChecks are the checks of an alert's whole expression.
func (c *checker) alertChecks(e parser.Expr) {
	if !hasSelector(e) {
		return // a constant expression is a deliberate always-firing alert (a watchdog)
	}
	if !filters(e) {
		c.warnf(diag.PromQLAlertCondition, nodeSpan(e), "the alert's expression has no comparison, so the alert fires for every series it returns, whatever the value; add a condition such as > 0.05 or == 0")
	}
}

func hasSelector(e parser.Expr) bool {
	found := false
	parser.Inspect(e, func(n parser.Node, _ []parser.Node) error {
		if _, ok := n.(*parser.VectorSelector); ok {
			found = true
		}
		return nil
	})
	return found
}

// filters reports whether e can drop series by their value (a comparison without bool, or
// absent()), so that an alert on it fires only when something is wrong.
func filters(e parser.Expr) bool {
	switch e := unparen(e).(type) {
	case *parser.BinaryExpr:
		switch {
		case e.Op.IsComparisonOperator():
			return !e.ReturnBool
		case e.Op == parser.LOR:
			return filters(e.LHS) && filters(e.RHS)
		case e.Op == parser.LUNLESS:
			return true
		}
		return filters(e.LHS) || filters(e.RHS)
	case *parser.Call:
		switch e.Func.Name {
		case "absent", "absent_over_time":
			return true
		}
		for _, a := range e.Args {
			if t := a.Type(); (t == parser.ValueTypeVector || t == parser.ValueTypeMatrix) && filters(a) {
				return true
			}
		}
	case *parser.AggregateExpr:
		return filters(e.Expr)
	case *parser.SubqueryExpr:
		return filters(e.Expr)
	}
	return false
}

// list formats labels for messages: "endpoint, method" or "none".
func list(ls []string) string {
	if len(ls) == 0 {
		return "none"
	}
	return strings.Join(ls, ", ")
}

func anyVar(ls []string) bool {
	for _, l := range ls {
		if strings.Contains(l, Var) {
			return true
		}
	}
	return false
}

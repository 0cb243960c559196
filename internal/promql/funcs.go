package promql

import (
	"regexp"
	"strings"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/promql/parser"

	"github.com/metricgen/metricgen/internal/diag"
)

// counterFuncs read a counter correctly: through its rate, its resets, or not its value.
var counterFuncs = map[string]bool{
	"rate": true, "irate": true, "increase": true, "resets": true, "changes": true,
	"absent": true, "absent_over_time": true, "present_over_time": true, "count_over_time": true,
	"timestamp": true,
}

// gaugeFuncs are documented as meant for gauges only.
var gaugeFuncs = map[string]bool{
	"delta": true, "idelta": true, "deriv": true, "predict_linear": true,
	"double_exponential_smoothing": true, "holt_winters": true,
}

// keepName are the functions that return their input series unchanged, name included.
var keepName = map[string]bool{
	"sort": true, "sort_desc": true, "sort_by_label": true, "sort_by_label_desc": true,
	"last_over_time": true, "first_over_time": true,
}

// call infers a function call.
func (c *checker) call(e *parser.Call, cx ctx) value {
	name := e.Func.Name
	argCx := cx
	if counterFuncs[name] {
		argCx.counterOK = true
	}
	args := make([]value, len(e.Args))
	in := -1 // the vector or matrix argument whose series the function maps
	for i, a := range e.Args {
		args[i] = c.eval(a, argCx)
		if t := args[i].typ; in < 0 && (t == parser.ValueTypeVector || t == parser.ValueTypeMatrix) {
			in = i
		}
	}
	c.funcTypes(e)

	out := value{typ: e.Type(), ls: unknownSet}
	if out.typ != parser.ValueTypeVector {
		return out
	}
	if in < 0 {
		out.ls = empty // hour(), vector(1), ...: one series without labels
		return out
	}
	arg := args[in]
	out.native, out.le = arg.native, arg.le
	switch name {
	case "absent", "absent_over_time":
		out.ls = absentLabels(e.Args[0])
	case "label_replace", "label_join":
		out.ls = c.labelFunc(e, arg)
	case "histogram_quantile":
		c.histogramQuantile(e, arg)
		out.ls = arg.ls.each(func(a alt) alt { return a.without([]string{"le"}).dropName() })
		out.native, out.le = false, nil
	case "info", "histogram_quantiles":
		out.ls = unknownSet // labels from other series, or new ones
	default:
		out.ls = arg.ls
		if !keepName[name] {
			out.ls = out.ls.each(alt.dropName)
		}
	}
	return out
}

// funcTypes warns about functions applied to the wrong kind of metric.
func (c *checker) funcTypes(e *parser.Call) {
	name := e.Func.Name
	if len(e.Args) == 0 || !(name == "rate" || name == "irate" || name == "increase" || gaugeFuncs[name]) {
		return
	}
	s := c.rangeOf(e.Args[0])
	if s == nil {
		return
	}
	switch {
	case (s.kind == kindGauge || s.kind == kindQuantile) && !gaugeFuncs[name]:
		c.warnf(diag.PromQLFunctionType, nodeSpan(e), "%s() of gauge %s: rate, irate and increase read every decrease as a counter reset, so on a gauge they return nonsense; use deriv() for its slope or delta() for its change", name, s.name)
	case s.kind.counterLike() && gaugeFuncs[name]:
		c.warnf(diag.PromQLFunctionType, nodeSpan(e), "%s() of counter %s: %s is meant for gauges and reads every counter reset as a huge drop; use rate() or increase()", name, s.name, name)
	}
}

// rangeOf returns the series of a range-vector argument written as a plain selector.
func (c *checker) rangeOf(e parser.Expr) *series {
	ms, ok := unparen(e).(*parser.MatrixSelector)
	if !ok {
		return nil
	}
	vs, ok := ms.VectorSelector.(*parser.VectorSelector)
	if !ok {
		return nil
	}
	name := vs.Name
	for _, m := range vs.LabelMatchers {
		if m.Name == labels.MetricName && m.Type == labels.MatchEqual {
			name = m.Value
		}
	}
	if name == "" {
		return nil
	}
	return c.cat.lookup(name)
}

// absentLabels are the labels absent() returns: those its selector fixes with =.
func absentLabels(e parser.Expr) labelSet {
	e = unparen(e)
	if ms, ok := e.(*parser.MatrixSelector); ok {
		e = ms.VectorSelector
	}
	vs, ok := e.(*parser.VectorSelector)
	if !ok {
		return empty
	}
	var a alt
	for _, m := range vs.LabelMatchers {
		if m.Type == labels.MatchEqual && m.Name != labels.MetricName && m.Value != "" {
			a.labels = union(a.labels, []string{m.Name})
		}
	}
	a.pinned = a.labels
	return single(a)
}

// labelFunc infers label_replace(v, dst, replacement, src, regex) and
// label_join(v, dst, separator, src...), and checks what Prometheus only checks when the
// rule runs: the destination's name, the regular expression, and that the sources exist.
func (c *checker) labelFunc(e *parser.Call, arg value) labelSet {
	dst, ok := stringArg(e.Args[1])
	if !ok {
		return unknownSet
	}
	if !model.LegacyValidation.IsValidLabelName(dst) {
		c.errorf(diag.PromQLInvalidArgument, nodeSpan(e.Args[1]), "%s(): %q is not a valid label name, so the rule fails when it runs; use letters, digits and '_'", e.Func.Name, dst)
	}
	var srcs []parser.Expr
	pinned := false
	if e.Func.Name == "label_replace" {
		repl, _ := stringArg(e.Args[2])
		pinned = !strings.Contains(repl, "$")
		srcs = e.Args[3:4]
		if re, ok := stringArg(e.Args[4]); ok {
			// Prometheus compiles "^(?s:" + re + ")$"; the error reads better without the wrapper.
			if _, err := regexp.Compile("^(?s:" + re + ")$"); err != nil {
				if _, plain := regexp.Compile(re); plain != nil {
					err = plain
				}
				c.errorf(diag.PromQLInvalidArgument, nodeSpan(e.Args[4]), "label_replace(): invalid regular expression %q: %s; the rule fails when it runs", re, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
			}
		}
	} else {
		srcs = e.Args[3:]
	}
	if !arg.ls.unknown {
		for _, s := range srcs {
			l, ok := stringArg(s)
			if !ok || l == "" || arg.ls.hasAny(l) || (c.opts.Grafana && strings.Contains(l, Var)) {
				continue
			}
			c.warnf(diag.PromQLUnknownLabel, nodeSpan(s), "%s(): the input has no label %s (its labels: %s), so it reads an empty value%s", e.Func.Name, l, list(arg.ls.all()), didYouMean(l, arg.ls.all()))
		}
	}
	return arg.ls.each(func(a alt) alt { return a.add(dst, pinned) })
}

// histogramQuantile checks that the buckets reach histogram_quantile with their le label.
func (c *checker) histogramQuantile(e *parser.Call, in value) {
	if in.native || in.ls.unknown || in.ls.hasAny("le") {
		return
	}
	if d := in.le; d != nil {
		c.errorf(diag.PromQLHistogramQuantile, d.at, "histogram_quantile needs the le label of the buckets, but %s drops it; keep it: %s", d.clause, d.fix)
		return
	}
	c.errorf(diag.PromQLHistogramQuantile, nodeSpan(e.Args[1]), "histogram_quantile needs the buckets of a histogram (series with an le label), but its input has labels %s; pass rate(<histogram>_bucket[5m]), aggregated by (le, ...) if at all", braces(in.ls.all()))
}

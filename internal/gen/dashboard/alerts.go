package dashboard

import (
	"fmt"
	"slices"
	"strings"

	"github.com/metricgen/metricgen/internal/promql"

	"github.com/metricgen/metricgen/internal/model"
)

// view names the panel of a metric's panel set that shows a given quantity.
type view int

const (
	viewRate       view = iota + 1 // counter: per-second rate
	viewValue                      // gauge: value (timeseries and stat)
	viewQuantiles                  // histogram: quantiles
	viewMean                       // histogram: mean observation
	viewThroughput                 // histogram: observations per second
)

// watch is a threshold of an alert, drawn on the panel of the metric the alert compares.
type watch struct {
	alert    *model.Alert
	metric   *model.Metric
	view     view
	quantile float64 // viewQuantiles: the alert's quantile (0 when not a literal)
	value    float64
	above    bool   // the alert fires above value (> or >=), not below
	op       string // as the alert writes it, after flipping `N < x` to `x > N`
}

// findWatches returns the thresholds of the spec's alerts, in alert order: every comparison
// `<expr> <op> N` (or `N <op> <expr>`) whose expression reads one metric of the spec, when
// that expression is on the scale of one of the metric's panels. Comparisons of ratios of two
// metrics, or of quantities no panel shows (increase over an hour, a count of series), draw
// nothing: a line on a panel of another scale would mislead.
func findWatches(s *model.Spec) ([]watch, error) {
	var out []watch
	for _, a := range s.Alerts {
		e, err := promql.ParseExpr(a.Expr)
		if err != nil {
			return nil, fmt.Errorf("alert %s: %w", a.Name, err)
		}
		promql.Inspect(e, func(n promql.Node, _ []promql.Node) error {
			b, ok := n.(*promql.BinaryExpr)
			if !ok || !b.Op.IsComparisonOperator() || b.ReturnBool ||
				b.Op == promql.EQLC || b.Op == promql.NEQ {
				return nil
			}
			side, value, op, ok := comparison(b)
			if !ok {
				return nil
			}
			if w, ok := watchOf(s, side); ok {
				w.alert, w.value, w.op = a, value, op
				w.above = op == ">" || op == ">="
				out = append(out, w)
			}
			return nil
		})
	}
	return out, nil
}

// comparison splits a comparison into its non-literal side, the literal and the operator as
// seen from that side. ok is false unless exactly one side is a number.
func comparison(b *promql.BinaryExpr) (side promql.Expr, value float64, op string, ok bool) {
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
func number(e promql.Expr) (float64, bool) {
	switch e := unwrap(e).(type) {
	case *promql.NumberLiteral:
		return e.Val, true
	case *promql.UnaryExpr:
		if v, ok := number(e.Expr); ok && e.Op == promql.SUB {
			return -v, true
		}
	}
	return 0, false
}

// watchOf finds the metric and the panel of what side computes.
func watchOf(s *model.Spec, side promql.Expr) (watch, bool) {
	var (
		metric   *model.Metric
		suffixes = map[string]bool{}
		calls    = map[string]bool{}
		aggs     = map[promql.ItemType]bool{}
		quantile float64
		foreign  bool
	)
	promql.Inspect(side, func(n promql.Node, _ []promql.Node) error {
		switch n := n.(type) {
		case *promql.VectorSelector:
			m, suffix := metricOf(s, n.Name)
			if m == nil || metric != nil && m != metric {
				foreign = true
				return nil
			}
			metric = m
			suffixes[suffix] = true
		case *promql.Call:
			calls[n.Func.Name] = true
			if n.Func.Name == "histogram_quantile" && quantile == 0 {
				quantile, _ = number(n.Args[0])
			}
		case *promql.AggregateExpr:
			aggs[n.Op] = true
		}
		return nil
	})
	if foreign || metric == nil {
		return watch{}, false
	}
	w := watch{metric: metric}
	rate := calls["rate"] || calls["irate"]
	switch metric.Type {
	case model.Counter:
		if !rate {
			return watch{}, false
		}
		w.view = viewRate
	case model.Gauge:
		for _, f := range []string{"rate", "irate", "increase", "delta", "idelta", "deriv",
			"changes", "resets", "count_over_time", "absent", "absent_over_time", "timestamp"} {
			if calls[f] {
				return watch{}, false
			}
		}
		for _, op := range []promql.ItemType{promql.COUNT, promql.COUNT_VALUES, promql.GROUP,
			promql.STDDEV, promql.STDVAR} {
			if aggs[op] {
				return watch{}, false
			}
		}
		w.view = viewValue
	case model.Histogram:
		switch {
		case calls["histogram_quantile"]:
			w.view, w.quantile = viewQuantiles, quantile
		case suffixes["_sum"] && suffixes["_count"] && rate:
			w.view = viewMean
		case suffixes["_count"] && len(suffixes) == 1 && rate:
			w.view = viewThroughput
		default:
			return watch{}, false
		}
	default:
		return watch{}, false
	}
	return w, true
}

// metricOf returns the spec metric a series name belongs to, and the name's suffix after the
// metric's (a histogram's _bucket, _sum or _count).
func metricOf(s *model.Spec, name string) (*model.Metric, string) {
	for _, m := range s.Metrics {
		if suffix, ok := strings.CutPrefix(name, m.Name); ok && histogramSuffix(m.Type, suffix) {
			return m, suffix
		}
	}
	return nil, ""
}

// histogramSuffix reports whether a series of a metric of type t may end in suffix after
// the metric's name.
func histogramSuffix(t model.MetricType, suffix string) bool {
	switch suffix {
	case "":
		return true
	case "_sum", "_count":
		return t == model.Histogram || t == model.Summary
	case "_bucket":
		return t == model.Histogram
	}
	return false
}

// watchesOn returns the watches drawn on one panel of m.
func watchesOn(ws []watch, m *model.Metric, v view) []watch {
	var out []watch
	for _, w := range ws {
		if w.metric == m && w.view == v {
			out = append(out, w)
		}
	}
	return out
}

// lineThresholds draws every watch as a red step, for a timeseries in thresholdsStyle "line":
// only the steps above the base draw a line, so the base stays green whatever the direction.
func lineThresholds(ws []watch) thresholds {
	t := baseThresholds("green")
	var values []float64
	for _, w := range ws {
		values = append(values, w.value)
	}
	slices.Sort(values)
	for _, v := range slices.Compact(values) {
		t.Steps = append(t.Steps, thresholdStep{Color: "red", Value: &v})
	}
	return t
}

// colorThresholds colours a stat by the watches: red where an alert fires. Alerts that fire
// below their value make the base red and the value green; mixed directions colour as "above",
// the common case.
func colorThresholds(ws []watch) thresholds {
	below := len(ws) > 0
	for _, w := range ws {
		below = below && !w.above
	}
	if !below {
		return lineThresholds(ws)
	}
	t := baseThresholds("red")
	highest := ws[0].value
	for _, w := range ws {
		highest = max(highest, w.value)
	}
	t.Steps = append(t.Steps, thresholdStep{Color: "green", Value: &highest})
	return t
}

func baseThresholds(color string) thresholds {
	return thresholds{Mode: "absolute", Steps: []thresholdStep{{Color: color}}}
}

// watchNote tells a panel's reader which alerts its thresholds stand for.
func watchNote(ws []watch) string {
	var b strings.Builder
	for _, w := range ws {
		fmt.Fprintf(&b, " Threshold: alert %s fires when %s %s %s.", w.alert.Name, w.what(),
			w.op, formatFloat(w.value))
	}
	return b.String()
}

// what names the quantity the alert compares, as the panel shows it.
func (w watch) what() string {
	switch w.view {
	case viewRate:
		return "the rate"
	case viewQuantiles:
		if w.quantile > 0 {
			return "the " + quantileName(w.quantile)
		}
		return "a quantile"
	case viewMean:
		return "the mean"
	case viewThroughput:
		return "the throughput"
	}
	return "the value"
}

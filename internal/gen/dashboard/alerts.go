package dashboard

import (
	"fmt"
	"slices"
	"strings"

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
func findWatches(s *model.Spec) []watch {
	var out []watch
	for _, a := range s.Alerts {
		for _, c := range a.Expr.Comparisons {
			if w, ok := watchOf(c); ok {
				w.alert, w.value, w.op = a, c.Value, c.Op
				w.above = c.Above()
				out = append(out, w)
			}
		}
	}
	return out
}

// watchOf finds the metric and the panel of what the compared side of c computes.
func watchOf(c *model.Comparison) (watch, bool) {
	var metric *model.Metric
	suffixes := map[string]bool{}
	for _, sel := range c.Selectors {
		if sel.Metric == nil || metric != nil && sel.Metric != metric {
			return watch{}, false // several metrics, or one the spec does not define
		}
		metric = sel.Metric
		suffixes[sel.Suffix] = true
	}
	if metric == nil {
		return watch{}, false
	}
	calls := func(names ...string) bool {
		return slices.ContainsFunc(names, func(n string) bool { return slices.Contains(c.Funcs, n) })
	}
	w := watch{metric: metric}
	rate := calls("rate", "irate")
	switch metric.Type {
	case model.Counter:
		if !rate {
			return watch{}, false
		}
		w.view = viewRate
	case model.Gauge:
		if calls("rate", "irate", "increase", "delta", "idelta", "deriv", "changes", "resets",
			"count_over_time", "absent", "absent_over_time", "timestamp") {
			return watch{}, false
		}
		for _, op := range []string{"count", "count_values", "group", "stddev", "stdvar"} {
			if slices.Contains(c.Aggregations, op) {
				return watch{}, false
			}
		}
		w.view = viewValue
	case model.Histogram:
		switch {
		case calls("histogram_quantile"):
			w.view, w.quantile = viewQuantiles, c.Quantile
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

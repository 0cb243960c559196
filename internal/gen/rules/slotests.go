package rules

import (
	"fmt"
	"math"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/slo"
)

// SLO tests: promtool unit tests generated for every SLO, proving on synthetic counters that
// each burn-rate alert fires just above its burn rate and stays silent just below it (5% either
// side: never on a threshold, where floating point would decide), that the budget alert fires
// exactly when the budget is overspent, that a handful of failing events pages nobody, and that
// vanished series alert while zero traffic does not.
//
// Traffic is constant from the first sample, so every window sees the same error ratio and the
// set of alerts expected firing follows from the factors alone; windows longer than the data
// count the events seen (missing tiles are no events).

// margin is how far from a threshold the tests' burn rates sit.
const margin = 0.05

// sloTest is one generated test, before it becomes YAML.
type sloTest struct {
	name   string
	series []model.SeriesInput
	checks []sloCheck
}

// sloCheck is one promql_expr_test: the series expr returns at a time.
type sloCheck struct {
	expr    string
	at      time.Duration
	samples []model.ExpSample
}

// sloTests returns the tests of one SLO.
func sloTests(s *model.Spec, o *model.SLO, interval time.Duration) []sloTest {
	x := sloExprs{s: s, o: o}
	budget := o.Budget()
	perMin := max(100, math.Ceil(float64(2*o.Alerting.MinEvents)/5))
	firingSel := fmt.Sprintf(`ALERTS{alertstate="firing",service=%q,slo=%q}`, s.Service, o.Name)
	var tests []sloTest

	// A burn rate r from the start: the alerts with factors below r fire, the budget alert
	// when r > 1.
	burnTest := func(name string, burn float64, at time.Duration) {
		ratio := burn * budget
		if ratio >= 1 {
			return // the objective is too low for this factor ever to fire
		}
		var samples []model.ExpSample
		for _, a := range o.Alerts {
			if a.Factor < burn {
				samples = append(samples, x.expected(BurnAlert, o.Alerting.Severity(a.Class), slo.Format(a.Long))...)
			}
		}
		if burn > 1 {
			samples = append(samples, x.expected(ExhaustedAlert, o.Alerting.TicketSeverity, "")...)
		}
		slices.SortFunc(samples, func(a, b model.ExpSample) int { return strings.Compare(a.Labels, b.Labels) })
		tests = append(tests, sloTest{
			name:   fmt.Sprintf("SLO %s: %s", o.Name, name),
			series: x.inputs(perMin, ratio, at, interval, false),
			checks: []sloCheck{{expr: firingSel, at: at, samples: samples}},
		})
	}
	// With constant traffic from the first sample every window sees the same ratio, from
	// the first base window on: the thresholds are tested in a quarter of an hour.
	const at = 15 * time.Minute
	for _, a := range o.Alerts {
		f := strconv.FormatFloat(a.Factor, 'g', -1, 64)
		burnTest(fmt.Sprintf("%s at %sx over %s fires at %sx", a.Class, f, slo.Format(a.Long), num3(a.Factor*(1+margin))), a.Factor*(1+margin), at)
		burnTest(fmt.Sprintf("%s at %sx over %s is silent at %sx", a.Class, f, slo.Format(a.Long), num3(a.Factor*(1-margin))), a.Factor*(1-margin), at)
	}

	// The fastest page waits for its long window: after healthy traffic over that window, a
	// burn at twice its factor crosses it half-way through the window.
	if a := o.Alerts[0]; 2*a.Factor*budget < 1 {
		silent := (a.Long / 4).Truncate(interval)
		firing := (3*a.Long/4 + interval - 1).Truncate(interval)
		healthy := x.inputs(perMin, 0, a.Long, interval, false)
		burning := x.inputs(perMin, 2*a.Factor*budget, firing, interval, false)
		series := make([]model.SeriesInput, len(healthy))
		for i := range healthy {
			// Healthy counters, then the burn's increments on top.
			series[i] = model.SeriesInput{Series: healthy[i].Series, Values: healthy[i].Values + " " + continued(healthy[i].Values, burning[i].Values)}
		}
		sel := fmt.Sprintf(`ALERTS{alertstate="firing",service=%q,slo=%q,window=%q}`, s.Service, o.Name, slo.Format(a.Long))
		tests = append(tests, sloTest{
			name:   fmt.Sprintf("SLO %s: %s at %gx over %s waits for its window at %gx", o.Name, a.Class, a.Factor, slo.Format(a.Long), 2*a.Factor),
			series: series,
			checks: []sloCheck{
				{expr: sel, at: a.Long + silent},
				{expr: sel, at: a.Long + firing, samples: x.expected(BurnAlert, o.Alerting.Severity(a.Class), slo.Format(a.Long))},
			},
		})
	}

	// Every event failing, but fewer events than the guard wants in any window: nothing.
	if n := o.Alerting.MinEvents; n > 0 {
		rate := float64(n) / 2 / (float64(at) / float64(time.Minute))
		tests = append(tests, sloTest{
			name:   fmt.Sprintf("SLO %s: %d failing events in %s page nobody (min_events %d)", o.Name, int(float64(n)/2), slo.Format(at), n),
			series: x.inputs(rate, 1, at, interval, false),
			checks: []sloCheck{{expr: firingSel, at: at}},
		})
	}

	// The series vanish after 30m: the missing-series alert fires once the lookback (5m) and
	// its for have passed; zero traffic alerts nobody.
	gone := 30 * time.Minute
	fire := gone + 5*time.Minute + MissingFor + 2*time.Minute
	missing := fmt.Sprintf(`max(ALERTS{alertname=%q,alertstate="firing",service=%q,slo=%q})`, MissingAlert, s.Service, o.Name)
	tests = append(tests,
		sloTest{
			name:   fmt.Sprintf("SLO %s: series vanishing alert within %s", o.Name, slo.Format(fire-gone)),
			series: x.inputs(perMin, 0, gone, interval, false),
			checks: []sloCheck{
				{expr: missing, at: gone},
				{expr: missing, at: fire, samples: []model.ExpSample{{Labels: "{}", Value: 1}}},
			},
		},
		sloTest{
			name:   fmt.Sprintf("SLO %s: zero traffic is not missing series", o.Name),
			series: x.inputs(0, 0, fire, interval, true),
			checks: []sloCheck{{expr: firingSel, at: fire}},
		})
	return tests
}

// alertSeries writes the ALERTS series of a firing SLO alert, as promtool prints labels.
func (x sloExprs) alertSeries(alert, severity, window string, combo map[string]string) string {
	ls := map[string]string{"__name__": "ALERTS", "alertname": alert, "alertstate": "firing"}
	for _, kv := range x.alertLabels(severity) {
		ls[kv.Key] = kv.Value
	}
	if window != "" {
		ls[windowLabel] = window
	}
	for l, v := range combo {
		ls[l] = v
	}
	keys := make([]string, 0, len(ls))
	for k := range ls {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + strconv.Quote(ls[k])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// combos are the values of the by labels the test series carry: every combination of enum
// values (so that none reads as missing), or one made-up value per free-form label.
func (x sloExprs) combos() []map[string]string {
	if len(x.o.By) == 0 {
		return []map[string]string{nil}
	}
	if len(x.o.ByValues) > 0 {
		out := make([]map[string]string, len(x.o.ByValues))
		for i, vals := range x.o.ByValues {
			out[i] = map[string]string{}
			for j, l := range x.o.By {
				out[i][l] = vals[j]
			}
		}
		return out
	}
	c := map[string]string{}
	for _, l := range x.o.By {
		v, ok := satisfy(x.o.SLI.Total.Matchers, l)
		if !ok {
			v = "a"
		}
		c[l] = v
	}
	return []map[string]string{c}
}

// expected lists the ALERTS series of an alert for every by combination.
func (x sloExprs) expected(alert, severity, window string) []model.ExpSample {
	var out []model.ExpSample
	for _, c := range x.combos() {
		out = append(out, model.ExpSample{Labels: x.alertSeries(alert, severity, window, c), Value: 1})
	}
	return out
}

// inputs are the SLI's counters at perMin events a minute, a share ratio of them bad, for
// span; flat counters (zero traffic) when flat.
func (x sloExprs) inputs(perMin, ratio float64, span, interval time.Duration, flat bool) []model.SeriesInput {
	steps := int(span / interval)
	per := perMin * interval.Minutes()
	if flat {
		per = 0
	}
	combos := x.combos()
	per /= float64(len(combos))
	bad, good := per*ratio, per*(1-ratio)
	var out []model.SeriesInput
	for _, c := range combos {
		counter := func(sel *model.EventSelector, inc float64, notMatching ...*model.EventSelector) model.SeriesInput {
			return model.SeriesInput{Series: x.series(sel, c, notMatching...), Values: fmt.Sprintf("0+%sx%d", num(inc), steps)}
		}
		sli := x.o.SLI
		switch {
		case sli.Kind == model.SLIErrors && sli.Errors.Metric == sli.Total.Metric:
			out = append(out, counter(sli.Errors, bad), counter(sli.Total, good, sli.Errors))
		case sli.Kind == model.SLIErrors:
			out = append(out, counter(sli.Errors, bad), counter(sli.Total, per))
		case sli.Good.Metric == sli.Total.Metric && sli.Kind == model.SLISuccess:
			out = append(out, counter(sli.Good, good), counter(sli.Total, bad, sli.Good))
		default: // success over another metric, or a histogram's bucket and +Inf
			out = append(out, counter(sli.Good, good), counter(sli.Total, per))
		}
	}
	return out
}

// continued writes the values of a second series segment that goes on from the last value of
// first: "0+5x60" then "0+7x30" -> "307+7x29".
func continued(first, second string) string {
	var v0, inc0, inc float64
	var n0, n int
	fmt.Sscanf(strings.Replace(first, "+", " ", 1), "%g %gx%d", &v0, &inc0, &n0)
	fmt.Sscanf(strings.Replace(second, "+", " ", 1), "%g %gx%d", &v0, &inc, &n)
	last := float64(n0) * inc0
	return fmt.Sprintf("%s+%sx%d", num(last+inc), num(inc), n-1)
}

func num3(f float64) string { return strconv.FormatFloat(f, 'g', 4, 64) }

// num writes a number without the binary noise of its computation (0.1*3).
func num(f float64) string { return strconv.FormatFloat(f, 'g', 12, 64) }

// series writes a series sel selects (and, for the other side of a ratio over one metric, that
// none of notMatching selects), carrying the SLO's by labels.
func (x sloExprs) series(sel *model.EventSelector, combo map[string]string, notMatching ...*model.EventSelector) string {
	ls := map[string]string{}
	for l, v := range combo {
		ls[l] = v
	}
	for _, m := range sel.Matchers {
		if _, ok := ls[m.Label]; ok {
			continue
		}
		if v, ok := satisfy(sel.Matchers, m.Label); ok {
			ls[m.Label] = v
		}
	}
	for _, other := range notMatching {
		// Break the first matcher of other that sel does not share.
		for _, m := range other.Matchers {
			if slices.Contains(sel.Matchers, m) {
				continue
			}
			if v, ok := satisfy(append(slices.Clone(sel.Matchers), negate(m)), m.Label); ok {
				ls[m.Label] = v
				break
			}
		}
	}
	keys := make([]string, 0, len(ls))
	for k := range ls {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + strconv.Quote(ls[k])
	}
	return sel.Metric + "{" + strings.Join(parts, ",") + "}"
}

func negate(m model.Matcher) model.Matcher {
	ops := map[string]string{"=": "!=", "!=": "=", "=~": "!~", "!~": "=~"}
	m.Op = ops[m.Op]
	return m
}

// satisfy finds a value of label l that every matcher on l accepts: an equality's value, a
// shortest string of a regular expression, or a made-up one.
func satisfy(ms []model.Matcher, l string) (string, bool) {
	var cands []string
	for _, m := range ms {
		if m.Label != l {
			continue
		}
		switch m.Op {
		case "=":
			cands = append(cands, m.Value)
		case "=~":
			if re, err := syntax.Parse("^(?:"+m.Value+")$", syntax.Perl); err == nil {
				cands = append(cands, shortest(re.Simplify()))
			}
		}
	}
	cands = append(cands, "200", "ok", "success", "1", "a", "x")
	for _, c := range cands {
		if accepts(ms, l, c) {
			return c, true
		}
	}
	return "", false
}

func accepts(ms []model.Matcher, l, v string) bool {
	for _, m := range ms {
		if m.Label != l {
			continue
		}
		var ok bool
		switch m.Op {
		case "=":
			ok = v == m.Value
		case "!=":
			ok = v != m.Value
		default:
			re, err := regexp.Compile("^(?:" + m.Value + ")$")
			ok = err == nil && re.MatchString(v) == (m.Op == "=~")
		}
		if !ok {
			return false
		}
	}
	return true
}

// shortest writes a shortest string the regular expression matches: first alternatives,
// fewest repetitions, the first character of classes ('0' for digits in "5..", where any
// character is allowed).
func shortest(re *syntax.Regexp) string {
	switch re.Op {
	case syntax.OpLiteral:
		return string(re.Rune)
	case syntax.OpCharClass:
		if len(re.Rune) > 0 {
			return string(re.Rune[0])
		}
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return "0"
	case syntax.OpCapture:
		return shortest(re.Sub[0])
	case syntax.OpConcat:
		var sb strings.Builder
		for _, s := range re.Sub {
			sb.WriteString(shortest(s))
		}
		return sb.String()
	case syntax.OpAlternate:
		return shortest(re.Sub[0])
	case syntax.OpPlus:
		return shortest(re.Sub[0])
	case syntax.OpRepeat:
		return strings.Repeat(shortest(re.Sub[0]), re.Min)
	}
	return ""
}

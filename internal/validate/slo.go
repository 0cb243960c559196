package validate

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/promql"
	"github.com/metricgen/metricgen/internal/slo"
	"github.com/metricgen/metricgen/internal/spec"
)

const (
	defaultSLOWindow    = 30 * 24 * time.Hour
	defaultMinEvents    = 10
	maxByCombinations   = 100
	defaultPageSeverity = "critical"
	defaultTickSeverity = "warning"
)

// Labels the SLO rules set themselves.
var sloReserved = []string{"slo", "service", "severity", "event", "window"}

// slos builds the model of every SLO, one per entry (so that checkSLOs finds each by index;
// a spec with errors never reaches the emitters). The SLI's selectors are analysed with the
// other expressions, in checkSLOs.
func (b *builder) slos() {
	seen := map[string]spec.String{}
	for _, it := range b.f.SLOs {
		o := it.Value
		out := &model.SLO{Name: o.Name.Value, Objective: o.Objective.Value, Window: defaultSLOWindow, Description: strings.TrimSpace(o.Description.Value)}
		if prev, dup := seen[out.Name]; dup && o.Name.Set() {
			b.errorf(diag.SLODuplicate, o.Name.Pos(), "SLO %q is defined twice (first at line %d); give each SLO its own name", out.Name, prev.Node.Line)
		}
		if o.Name.Set() {
			seen[out.Name] = o.Name
		}
		if o.Window.Set() {
			out.Window = b.sloWindow(o.Window)
		}
		if in := o.SLI; in != nil && !sliShape(in) {
			b.errorf(diag.SLOSLI, spec.PosOf(in.Node), "SLO %q: sli takes exactly one of {errors, total}, {success, total} or {latency: {metric, le}}", out.Name)
		}
		for _, l := range o.By {
			if slices.Contains(sloReserved, l.Value) {
				b.errorf(diag.SLOBy, l.Pos(), "by: %s is a label the SLO's rules set themselves; split by another label", l.Value)
				continue
			}
			out.By = append(out.By, l.Value)
		}
		b.sloAlerting(o, out)
		out.Alerts = slo.Alerts(out.Window)
		b.s.SLOs = append(b.s.SLOs, out)
	}
	if len(b.f.SLOs) == 0 {
		return
	}
	first := spec.PosOf(b.f.SLOs[0].Node)
	if b.s.Outputs.Rules == "" && !b.f.Outputs.Rules.Set() {
		b.warnf(diag.SLONoRulesOutput, first, "the SLOs' rules and alerts go to the rule file, but the spec has no outputs.rules; add outputs.rules (e.g. deploy/prometheus/%s.rules.yml)", b.f.Service.Value)
	}
	if d := b.s.RuleGroup.Interval.Std(); d > 0 && (d > slo.Base || slo.Base%d != 0) && b.f.RuleGroup != nil {
		b.errorf(diag.SLOInterval, b.f.RuleGroup.Interval.Pos(), "rule_group.interval %s does not divide %s: the SLOs' long windows add up %s rates recorded at each evaluation, which need an evaluation every %s or a fraction of it; use 15s, 30s, 1m or 5m",
			b.f.RuleGroup.Interval.Value, slo.Format(slo.Base), slo.Format(slo.Base), slo.Format(slo.Base))
	}
}

// sliShape reports whether sli is exactly one of its three forms.
func sliShape(in *spec.SLI) bool {
	forms := 0
	for _, set := range []bool{in.Errors.Set(), in.Success.Set(), in.Latency != nil} {
		if set {
			forms++
		}
	}
	return forms == 1 && (in.Latency == nil) == in.Total.Set()
}

// sloWindow checks an SLO's window: a duration from MinWindow, a whole number of Base.
func (b *builder) sloWindow(s spec.String) time.Duration {
	d := b.duration(s, "window").Std()
	switch {
	case d == 0:
		// not a duration: reported
	case d < slo.MinWindow:
		b.errorf(diag.SLOWindow, s.Pos(), "window %s is shorter than 1d: an error budget over less than a day pages on noise; use 1d or more", s.Value)
	case d%slo.Base != 0:
		b.errorf(diag.SLOWindow, s.Pos(), "window %s is not a whole number of %s, the SLI's shortest recorded window that every longer one adds up; use e.g. %s",
			s.Value, slo.Format(slo.Base), slo.Format(d.Round(slo.Base)))
	default:
		return d
	}
	return 0
}

// plainSelector returns the one selector of e when e is nothing but a selector (no function,
// range, offset or operator), else nil.
func plainSelector(e *model.Expr) *model.Selector {
	if e == nil || len(e.Selectors) != 1 || e.Selectors[0].Offset != 0 || e.Selectors[0].Name == "" {
		return nil
	}
	end := len(e.Selectors[0].Name)
	if i := strings.LastIndex(e.Text, "}"); i >= 0 {
		end = i + 1
	}
	if end > len(e.Text) || strings.TrimSpace(e.Text[end:]) != "" {
		return nil
	}
	return e.Selectors[0]
}

func eventSelector(sel *model.Selector) *model.EventSelector {
	return &model.EventSelector{Metric: sel.Name, Matchers: slices.Clone(sel.Matchers)}
}

// counterSeries reports whether sel reads counters: a counter, a histogram's _count or
// _bucket, a summary's _count.
func counterSeries(sel *model.Selector) bool {
	var t model.MetricType
	switch {
	case sel.Metric != nil:
		t = sel.Metric.Type
	case sel.External != nil:
		t = sel.External.Type
	default:
		return true // unknown: reported as such
	}
	switch sel.Suffix {
	case "":
		return t == model.Counter
	case "_count":
		return true
	case "_bucket":
		return t == model.Histogram
	}
	return false
}

// checkSLOs analyses the SLI selectors like every other expression (metric, labels, values)
// and checks what only an SLI needs: plain selectors of counters, errors a subset of total,
// by labels on every series, a latency threshold that is a bucket.
func checkSLOs(an *analyser, f *spec.File, s *model.Spec) {
	for i, it := range f.SLOs {
		o := it.Value
		if i >= len(s.SLOs) || o.SLI == nil || !sliShape(o.SLI) {
			continue
		}
		out := s.SLOs[i]
		if o.SLI.Latency != nil {
			checkLatency(an, o, out)
		} else {
			checkEvents(an, o, out)
		}
		sloByValues(s, out)
	}
}

func checkEvents(an *analyser, o spec.SLO, out *model.SLO) {
	sels := map[string]*model.Selector{}
	texts := map[string]spec.String{"errors": o.SLI.Errors, "success": o.SLI.Success, "total": o.SLI.Total}
	for _, key := range []string{"errors", "success", "total"} {
		text := texts[key]
		if !isText(text) {
			continue
		}
		e, res := an.expr(text, promql.Options{})
		out.SLI.Exprs = append(out.SLI.Exprs, e)
		if !res.Parsed {
			continue
		}
		sel := plainSelector(e)
		if sel == nil {
			an.dl.Errorf(diag.SLOSelector, text.Pos(), "sli.%s must be a plain selector of a counter, such as api_requests_total{status=\"error\"}: metricgen takes its rate over each window itself", key)
			continue
		}
		if sel.Metric == nil && sel.External == nil {
			continue // unknown: reported
		}
		if !counterSeries(sel) {
			an.dl.Errorf(diag.SLOCounter, text.Pos(), "sli.%s selects %s, which is not a counter: an SLI counts events, and only a counter's rate says how many happened", key, sel.Name)
			continue
		}
		sels[key] = sel
		for _, l := range o.By {
			if !slices.Contains(sloReserved, l.Value) && !sel.Series.Has(l.Value) {
				an.dl.Errorf(diag.SLOBy, l.Pos(), "by: %s is not a label of sli.%s (%s has {%s}); split by a label every SLI series has", l.Value, key, sel.Name, strings.Join(withoutName(sel.Series.Names), ", "))
			}
		}
	}
	total := sels["total"]
	for _, key := range []string{"errors", "success"} {
		if part := sels[key]; part != nil && total != nil {
			subset(an.dl, key, part, total, texts[key])
		}
	}
	if total == nil {
		return
	}
	out.SLI.Total = eventSelector(total)
	if e := sels["errors"]; e != nil {
		out.SLI.Kind, out.SLI.Errors = model.SLIErrors, eventSelector(e)
	}
	if g := sels["success"]; g != nil {
		out.SLI.Kind, out.SLI.Good = model.SLISuccess, eventSelector(g)
	}
}

func withoutName(ls []string) []string {
	return slices.DeleteFunc(slices.Clone(ls), func(l string) bool { return l == "__name__" })
}

// subset checks that part (errors or success) selects only events total counts: every
// matcher of total is in part too, where part's series have the label.
func subset(dl *diag.List, key string, part, total *model.Selector, at spec.String) {
	same := part.Name == total.Name
	if same && slices.Equal(part.Matchers, total.Matchers) {
		dl.Errorf(diag.SLOErrorsSubset, at.Pos(), "sli.%s selects the same series as sli.total, so the ratio is always 1; restrict it, e.g. with a status matcher", key)
		return
	}
	for _, m := range total.Matchers {
		if slices.Contains(part.Matchers, m) {
			continue
		}
		if same || part.Series.Has(m.Label) {
			dl.Errorf(diag.SLOErrorsSubset, at.Pos(), "sli.%s counts series that sli.total does not: total matches %s%s%q and %s does not; add it to sli.%s",
				key, m.Label, m.Op, m.Value, key, key)
			continue
		}
		dl.Errorf(diag.SLOErrorsSubset, at.Pos(), "sli.%s cannot be restricted like sli.total (%s%s%q): %s has no label %s; select total without it, or count %s with a metric that has it",
			key, m.Label, m.Op, m.Value, part.Name, m.Label, key)
	}
}

// checkLatency resolves the histogram (a metric key of the spec is read as its full name),
// and checks that le is one of its buckets.
func checkLatency(an *analyser, o spec.SLO, out *model.SLO) {
	l := o.SLI.Latency
	if !isText(l.Metric) || !l.Le.Set() {
		return
	}
	text := strings.TrimSpace(l.Metric.Value)
	name := text
	if i := strings.IndexAny(text, "{ "); i >= 0 {
		name = text[:i]
	}
	// Resolve the name (a metric key or a full name) before analysing: the rules read the
	// histogram's _bucket series, and so does the analysis.
	var buckets []float64
	full := name
	switch m, x := an.s.Metric(name), externalNamed(an.s, name); {
	case m == nil && x == nil:
		for _, c := range an.s.Metrics {
			if c.Name == name {
				m = c
			}
		}
		if m == nil {
			break
		}
		fallthrough
	case m != nil:
		if m == nil {
			m = an.s.Metric(name)
		}
		if m.Type != model.Histogram {
			an.dl.Errorf(diag.SLOHistogram, l.Metric.Pos(), "sli.latency.metric %s is a %s; a latency SLI counts a histogram's observations within a bucket", m.Name, m.Type)
			return
		}
		if len(m.Buckets) == 0 {
			an.dl.Errorf(diag.SLOHistogram, l.Metric.Pos(), "histogram %s has native buckets only: a latency SLI needs classic buckets (their le label); add buckets: to it", m.Name)
			return
		}
		full, buckets = m.Name, m.Buckets
	case x != nil && x.Type != model.Histogram:
		an.dl.Errorf(diag.SLOHistogram, l.Metric.Pos(), "sli.latency.metric %s is declared as a %s in external_metrics; a latency SLI needs a histogram", x.Name, x.Type)
		return
	}
	if x := externalNamed(an.s, name); x != nil {
		full = x.Name
	}
	if buckets != nil || externalNamed(an.s, name) != nil {
		text = full + "_bucket" + text[len(name):]
	}
	e, res := an.analyse(text, promql.Options{}, func(int, int) diag.Pos { return l.Metric.Pos() })
	out.SLI.Exprs = []*model.Expr{e}
	if !res.Parsed {
		return
	}
	sel := plainSelector(e)
	if sel == nil {
		an.dl.Errorf(diag.SLOSelector, l.Metric.Pos(), "sli.latency.metric must name a histogram, optionally with matchers (api_duration_seconds{endpoint!=\"health\"})")
		return
	}
	if sel.Metric == nil && sel.External == nil {
		return // unknown: reported
	}
	if sel.Matches("le") {
		an.dl.Errorf(diag.SLOSelector, l.Metric.Pos(), "sli.latency.metric must not match le: the threshold is the le key")
		return
	}
	le := l.Le.Value
	if buckets != nil && !slices.Contains(buckets, le) {
		an.dl.Errorf(diag.SLOLeNotABucket, l.Le.Pos(), "le %s is not a bucket of %s, so no series counts the requests within it (the SLI would read nothing); %s",
			strconv.FormatFloat(le, 'g', -1, 64), full, neighbours(le, buckets))
		return
	}
	for _, b := range o.By {
		if !slices.Contains(sloReserved, b.Value) && !sel.Series.Has(b.Value) {
			an.dl.Errorf(diag.SLOBy, b.Pos(), "by: %s is not a label of histogram %s ({%s}); split by a label every SLI series has", b.Value, full, strings.Join(withoutName(sel.Series.Names), ", "))
		}
	}
	base := &model.EventSelector{Metric: sel.Name, Matchers: slices.Clone(sel.Matchers)}
	out.SLI = model.SLI{
		Exprs:     out.SLI.Exprs,
		Kind:      model.SLILatency,
		Good:      base.With(leMatcher(le)),
		Total:     base.With(model.Matcher{Label: "le", Op: "=", Value: "+Inf"}),
		Histogram: sel.Metric,
		HistName:  full,
		Le:        le,
	}
}

// leMatcher selects the bucket le: client_golang writes 1 as "1", Prometheus 3 rewrites it
// to "1.0" on ingestion; both are matched so that the SLI survives an upgrade.
func leMatcher(le float64) model.Matcher {
	s := strconv.FormatFloat(le, 'g', -1, 64)
	if le == float64(int64(le)) && !strings.ContainsAny(s, "e") {
		return model.Matcher{Label: "le", Op: "=~", Value: s + `|` + s + `\.0`}
	}
	return model.Matcher{Label: "le", Op: "=", Value: s}
}

// neighbours says which buckets are closest to le.
func neighbours(le float64, buckets []float64) string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	i, _ := slices.BinarySearch(buckets, le)
	switch {
	case i == 0:
		return fmt.Sprintf("its smallest bucket is %s; use it, or add %s to the buckets", f(buckets[0]), f(le))
	case i == len(buckets):
		return fmt.Sprintf("its largest bucket is %s; use it, or add %s to the buckets", f(buckets[len(buckets)-1]), f(le))
	}
	return fmt.Sprintf("the neighbouring buckets are %s and %s; use one of them, or add %s to the buckets", f(buckets[i-1]), f(buckets[i]), f(le))
}

// sloByValues lists the combinations of the by labels' values when all are enum labels.
func sloByValues(s *model.Spec, out *model.SLO) {
	if len(out.By) == 0 || out.SLI.Total == nil {
		return
	}
	combos := [][]string{nil}
	for _, l := range out.By {
		lab := s.Label(l)
		if lab == nil || !lab.Enum() {
			return
		}
		var next [][]string
		for _, c := range combos {
			for _, v := range lab.Values {
				if selects(out.SLI.Total, l, v.Value) {
					next = append(next, append(slices.Clone(c), v.Value))
				}
			}
		}
		combos = next
		if len(combos) > maxByCombinations {
			return
		}
	}
	out.ByValues = combos
}

// selects reports whether the matchers of sel on label l accept value v.
func selects(sel *model.EventSelector, l, v string) bool {
	for _, m := range sel.Matchers {
		if m.Label != l {
			continue
		}
		var ok bool
		switch m.Op {
		case "=":
			ok = v == m.Value
		case "!=":
			ok = v != m.Value
		case "=~", "!~":
			re, err := regexp.Compile("^(?:" + m.Value + ")$")
			if err != nil {
				return true
			}
			ok = re.MatchString(v) == (m.Op == "=~")
		}
		if !ok {
			return false
		}
	}
	return true
}

func (b *builder) sloAlerting(o spec.SLO, out *model.SLO) {
	a := model.SLOAlerting{PageSeverity: defaultPageSeverity, TicketSeverity: defaultTickSeverity, MinEvents: defaultMinEvents}
	in := o.Alerting
	if in != nil {
		for _, e := range in.Labels {
			if slices.Contains(sloReserved, e.Key.Value) {
				b.errorf(diag.SLOReservedLabel, e.Key.Pos(), "alerting.labels: %s is set by metricgen on every SLO alert; use page.severity and ticket.severity for severity, or another label name", e.Key.Value)
				continue
			}
			a.Labels = append(a.Labels, model.KV{Key: e.Key.Value, Value: e.Value.Value})
		}
		slices.SortFunc(a.Labels, func(x, y model.KV) int { return strings.Compare(x.Key, y.Key) })
		if in.Page != nil && in.Page.Severity.Set() {
			a.PageSeverity = in.Page.Severity.Value
		}
		if in.Ticket != nil && in.Ticket.Severity.Set() {
			a.TicketSeverity = in.Ticket.Severity.Value
		}
		a.Runbook = in.Runbook.Value // the schema checks it is a URL
		if in.MinEvents.Set() {
			a.MinEvents = in.MinEvents.Value
		}
	}
	out.Alerting = a
}

func externalNamed(s *model.Spec, name string) *model.ExternalMetric {
	for _, x := range s.External {
		if x.Name == name {
			return x
		}
	}
	return nil
}

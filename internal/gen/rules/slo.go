package rules

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/slo"
)

// SLO rules: one group per SLO, recordings first (each window's rate reads the shorter ones
// recorded before it in the same evaluation), then its alerts.
//
// Every window's rate of the SLI's events is one recorded series per event kind,
// slo:sli_events:rate<window>{service, slo, event="error"|"total", <by labels>}. Only the base
// window (5m) reads the SLI's own series; a longer window is the span-weighted mean of
// shorter recorded windows, each read at the offset that makes them tile the longer one
// exactly, so a 30d window costs ten samples per series instead of 30 days of raw samples. A
// tile missing from the past (the rules are new, or Prometheus was down) counts as no events:
// the ratio is then the ratio of the events seen. The error ratio over a window is the error
// rate over the total rate: weighted by traffic, so that the budget is what users reconcile
// (bad events over all events), not a mean of ratios.

// Record and alert names of SLO rules, shared by every SLO; the slo and service labels tell
// them apart.
const (
	EventsRecord    = "slo:sli_events:rate"
	BudgetRecord    = "slo:error_budget:remaining"
	BurnAlert       = "SLOErrorBudgetBurn"
	ExhaustedAlert  = "SLOErrorBudgetExhausted"
	MissingAlert    = "SLOSeriesMissing"
	MissingFor      = 2 * time.Minute
	eventError      = "error"
	eventTotal      = "total"
	eventLabel      = "event"
	windowLabel     = "window"
	sloLabel        = "slo"
	serviceLabel    = "service"
	severityLabel   = "severity"
	runbookAnnotKey = "runbook_url"
)

// EventsName is the record name of the SLI's event rates over w.
func EventsName(w time.Duration) string { return EventsRecord + slo.Format(w) }

// sloGroup is the rule group of one SLO:
//
//   - name: checkout-slo-availability
//     rules:
//   - record: slo:sli_events:rate5m            (event="total", then event="error")
//   - record: slo:sli_events:rate30m ... rate30d
//   - record: slo:error_budget:remaining
//   - alert: SLOErrorBudgetBurn                 (one per window pair)
//   - alert: SLOErrorBudgetExhausted
//   - alert: SLOSeriesMissing
func sloGroup(s *model.Spec, o *model.SLO) *yaml.Node {
	x := sloExprs{s: s, o: o}
	rules := sequence()
	record := func(name, expr string, labels []model.KV) {
		rules.Content = append(rules.Content, mapping("record", str(name), "expr", exprNode(expr), "labels", kvs(labels)))
	}
	alert := func(name, expr string, forDur time.Duration, labels, annotations []model.KV) {
		var f *yaml.Node
		if forDur > 0 {
			f = str(slo.Format(forDur))
		}
		rules.Content = append(rules.Content, mapping(
			"alert", str(name), "expr", exprNode(expr), "for", f,
			"labels", kvs(labels), "annotations", kvs(annotations)))
	}

	windows := slo.Windows(o.Window)
	record(EventsName(slo.Base), x.baseTotal(), x.ruleLabels(eventTotal))
	record(EventsName(slo.Base), x.baseErrors(), x.ruleLabels(eventError))
	for i, w := range windows[1:] {
		record(EventsName(w), x.tiled(w, windows[:i+1]), x.ruleLabels(""))
	}
	record(BudgetRecord, x.budget(), x.ruleLabels(""))

	for _, a := range o.Alerts {
		alert(BurnAlert, x.burn(a), 0, x.alertLabels(o.Alerting.Severity(a.Class), model.KV{Key: windowLabel, Value: slo.Format(a.Long)}), x.burnAnnotations(a))
	}
	alert(ExhaustedAlert, x.exhausted(), 0, x.alertLabels(o.Alerting.TicketSeverity), x.exhaustedAnnotations())
	alert(MissingAlert, x.missing(), MissingFor, x.alertLabels(o.Alerting.PageSeverity), x.missingAnnotations())

	return mapping("name", str(SLOGroupName(s, o)), "interval", duration(s.RuleGroup.Interval), "rules", rules)
}

// SLOGroupName is the rule group of an SLO.
func SLOGroupName(s *model.Spec, o *model.SLO) string {
	name := s.RuleGroup.Name
	if name == "" {
		name = s.Service
	}
	return name + "-slo-" + o.Name
}

// sloExprs writes the PromQL of one SLO's rules.
type sloExprs struct {
	s *model.Spec
	o *model.SLO
}

// sel is the selector of the SLO's recorded series over w, with extra matchers.
//
//	slo:sli_events:rate1h{service="checkout",slo="availability",event="error"}
func (x sloExprs) sel(w time.Duration, extra ...string) string {
	ms := append([]string{
		serviceLabel + "=" + strconv.Quote(x.s.Service),
		sloLabel + "=" + strconv.Quote(x.o.Name),
	}, extra...)
	return EventsName(w) + "{" + strings.Join(ms, ",") + "}"
}

func event(kind string) string { return eventLabel + "=" + strconv.Quote(kind) }

// by is the grouping clause of the SLO's aggregations: "by (endpoint) " or "".
func (x sloExprs) by() string {
	if len(x.o.By) == 0 {
		return ""
	}
	return " by (" + strings.Join(x.o.By, ", ") + ") "
}

// on is the matching clause joining the SLO's raw aggregations with its recorded series.
func (x sloExprs) on() string { return "on (" + strings.Join(x.o.By, ", ") + ")" }

func (x sloExprs) rate(sel *model.EventSelector) string {
	return "sum" + x.by() + "(rate(" + sel.String() + "[" + slo.Format(slo.Base) + "]))"
}

// baseTotal is the rate of all events over the base window.
//
//	sum by (endpoint) (rate(checkout_requests_total[5m]))
func (x sloExprs) baseTotal() string { return x.rate(x.o.SLI.Total) }

// baseErrors is the rate of bad events over the base window. Absent error series mean no
// errors (a free-form label's series exist only once a value was seen); absent good series
// mean no good event, which the series-missing alert reports as well.
//
//	sum by (endpoint) (rate(checkout_requests_total{code=~"5.."}[5m]))
//	  or on (endpoint) 0 * slo:sli_events:rate5m{service="checkout",slo="availability",event="total"}
//
//	clamp_min(
//	  slo:sli_events:rate5m{...,event="total"}
//	    - on (endpoint) (sum by (endpoint) (rate(bookings_created_total[5m])) or on (endpoint) 0 * slo:sli_events:rate5m{...,event="total"}),
//	  0
//	)
func (x sloExprs) baseErrors() string {
	total := x.sel(slo.Base, event(eventTotal))
	if e := x.o.SLI.Errors; e != nil {
		return x.rate(e) + "\n  or " + x.on() + " 0 * " + total
	}
	return "clamp_min(\n  " + total + "\n    - " + x.on() + " (\n      " + x.rate(x.o.SLI.Good) +
		"\n        or " + x.on() + " 0 * " + total + "\n    ),\n  0\n)"
}

// tiled is the rate over w assembled from the recorded windows shorter than w.
//
//	(
//	    slo:sli_events:rate30m{service="checkout",slo="availability"}
//	  + (slo:sli_events:rate30m{...} offset 30m or slo:sli_events:rate30m{...} * 0)
//	) / 2
func (x sloExprs) tiled(w time.Duration, recorded []time.Duration) string {
	tiles := slo.Tiles(w, recorded)
	// Tiles come longest first, so equal spans are neighbours: one weighted sum per span.
	type group struct {
		span  time.Duration
		terms []string
	}
	var groups []*group
	for _, t := range tiles {
		if len(groups) == 0 || groups[len(groups)-1].span != t.Span {
			groups = append(groups, &group{span: t.Span})
		}
		g := groups[len(groups)-1]
		sel := x.sel(t.Span)
		if t.Offset == 0 {
			g.terms = append(g.terms, sel)
		} else {
			g.terms = append(g.terms, "("+sel+" offset "+slo.Format(t.Offset)+" or "+sel+" * 0)")
		}
	}
	if len(groups) == 1 {
		return "(\n    " + strings.Join(groups[0].terms, "\n  + ") + "\n) / " + strconv.Itoa(len(tiles))
	}
	unit := time.Duration(0)
	for _, g := range groups {
		unit = gcd(unit, g.span)
	}
	var sb strings.Builder
	sb.WriteString("(\n")
	for i, g := range groups {
		if i > 0 {
			sb.WriteString("\n  + ")
		} else {
			sb.WriteString("    ")
		}
		fmt.Fprintf(&sb, "%d * (\n        %s\n    )", g.span/unit, strings.Join(g.terms, "\n      + "))
	}
	fmt.Fprintf(&sb, "\n) / %d", w/unit)
	return sb.String()
}

func gcd(a, b time.Duration) time.Duration {
	return time.Duration(new(big.Int).GCD(nil, nil, big.NewInt(int64(a)), big.NewInt(int64(b))).Int64())
}

// ratio is the error ratio over w: bad events over all events. With positive, total only
// where events were seen (no NaN from 0/0).
//
//	slo:sli_events:rate1h{...,event="error"} / ignoring (event) slo:sli_events:rate1h{...,event="total"}
func (x sloExprs) ratio(w time.Duration, positive bool) string {
	total := x.sel(w, event(eventTotal))
	if positive {
		total = "(" + total + " > 0)"
	}
	return x.sel(w, event(eventError)) + " / ignoring (" + eventLabel + ") " + total
}

// budget is the share of the window's error budget left: 1 when no event failed, 0 when the
// budget is spent, negative when overspent; absent when the window saw no event.
//
//	1 - (slo:sli_events:rate30d{...,event="error"} / ignoring (event) (slo:sli_events:rate30d{...,event="total"} > 0)) / 0.001
func (x sloExprs) budget() string {
	return "1 - (\n  " + x.ratio(x.o.Window, true) + "\n) / " + x.o.BudgetText()
}

// guard is the minimum-traffic guard over w, "" when disabled.
//
//	and ignoring (event) slo:sli_events:rate1h{...,event="total"} * 3600 >= 10
func (x sloExprs) guard(w time.Duration) string {
	if x.o.Alerting.MinEvents <= 0 {
		return ""
	}
	return "\nand ignoring (" + eventLabel + ")\n  " + x.sel(w, event(eventTotal)) + " * " +
		strconv.FormatInt(int64(w/time.Second), 10) + " >= " + strconv.Itoa(x.o.Alerting.MinEvents)
}

// burn is a multi-window burn-rate alert; its value is the burn rate over the long window.
//
//	(slo:sli_events:rate1h{...,event="error"} / ignoring (event) slo:sli_events:rate1h{...,event="total"}) / 0.001 > 14.4
//	and
//	(slo:sli_events:rate5m{...,event="error"} / ignoring (event) slo:sli_events:rate5m{...,event="total"}) / 0.001 > 14.4
//	and ignoring (event)
//	  slo:sli_events:rate1h{...,event="total"} * 3600 >= 10
func (x sloExprs) burn(a slo.Alert) string {
	factor := strconv.FormatFloat(a.Factor, 'g', -1, 64)
	cond := func(w time.Duration) string {
		return "(\n  " + x.ratio(w, false) + "\n) / " + x.o.BudgetText() + " > " + factor
	}
	e := cond(a.Long)
	if a.Short != a.Long {
		e += "\nand\n" + cond(a.Short)
	}
	return e + x.guard(a.Long)
}

// exhausted fires while the window's error budget is spent.
//
//	slo:error_budget:remaining{service="checkout",slo="availability"} <= 0
//	and ignoring (event)
//	  slo:sli_events:rate30d{...,event="total"} * 2592000 >= 10
func (x sloExprs) exhausted() string {
	return BudgetRecord + "{" + serviceLabel + "=" + strconv.Quote(x.s.Service) + "," + sloLabel + "=" +
		strconv.Quote(x.o.Name) + "} <= 0" + x.guard(x.o.Window)
}

// missing fires when the SLI's series are gone: no series of all events (or of good events,
// which would otherwise read as all events failing), or for an SLO split by enum labels, no
// series of one combination of their values. Zero traffic is not missing: the counters are
// still there, flat.
//
//	absent(checkout_requests_total)
//	or absent(checkout_requests_total{endpoint="cart"})
func (x sloExprs) missing() string {
	sels := []*model.EventSelector{x.o.SLI.Total}
	if x.o.SLI.Kind == model.SLISuccess {
		sels = append(sels, x.o.SLI.Good)
	}
	var terms []string
	for _, sel := range sels {
		terms = append(terms, "absent("+sel.String()+")")
		for _, vals := range x.o.ByValues {
			ms := make([]model.Matcher, len(vals))
			for i, v := range vals {
				ms[i] = model.Matcher{Label: x.o.By[i], Op: "=", Value: v}
			}
			terms = append(terms, "absent("+sel.With(ms...).String()+")")
		}
	}
	return strings.Join(terms, "\nor ")
}

// ruleLabels are the labels of a recording: service and slo, which its expression keeps
// anyway but which tell Prometheus (and promtool's lint) the groups record distinct series,
// and the event kind of a base recording.
func (x sloExprs) ruleLabels(kind string) []model.KV {
	kv := []model.KV{{Key: serviceLabel, Value: x.s.Service}, {Key: sloLabel, Value: x.o.Name}}
	if kind != "" {
		kv = append([]model.KV{{Key: eventLabel, Value: kind}}, kv...)
	}
	return kv
}

// alertLabels are an alert's labels: the SLO's alerting labels, then slo, service, severity
// and extra, sorted.
func (x sloExprs) alertLabels(severity string, extra ...model.KV) []model.KV {
	m := map[string]string{}
	for _, kv := range x.o.Alerting.Labels {
		m[kv.Key] = kv.Value
	}
	m[sloLabel] = x.o.Name
	m[serviceLabel] = x.s.Service
	m[severityLabel] = severity
	for _, kv := range extra {
		m[kv.Key] = kv.Value
	}
	return sortedKVs(m)
}

func sortedKVs(m map[string]string) []model.KV {
	out := make([]model.KV, 0, len(m))
	for k, v := range m {
		out = append(out, model.KV{Key: k, Value: v})
	}
	sortKVs(out)
	return out
}

func sortKVs(kv []model.KV) {
	for i := 1; i < len(kv); i++ {
		for j := i; j > 0 && kv[j].Key < kv[j-1].Key; j-- {
			kv[j], kv[j-1] = kv[j-1], kv[j]
		}
	}
}

// what names the SLO in annotations: "availability SLO (99.9% over 30d)".
func (x sloExprs) what() string {
	return fmt.Sprintf("%s SLO (%s%% over %s)", x.o.Name, x.o.ObjectiveText(), slo.Format(x.o.Window))
}

// budgetLeft is a template printing the error budget left for the alert's series.
//
//	{{ with printf "slo:error_budget:remaining{service=%q,slo=%q,endpoint=%q}" "checkout" "availability" $labels.endpoint | query }}{{ . | first | value | humanizePercentage }}{{ else }}unknown{{ end }}
func (x sloExprs) budgetLeft() string {
	format := BudgetRecord + "{" + serviceLabel + "=%q," + sloLabel + "=%q"
	args := strconv.Quote(x.s.Service) + " " + strconv.Quote(x.o.Name)
	for _, l := range x.o.By {
		format += "," + l + "=%q"
		args += " $labels." + l
	}
	format += "}"
	return "{{ with printf " + strconv.Quote(format) + " " + args + " | query }}{{ . | first | value | humanizePercentage }}{{ else }}unknown{{ end }}"
}

// scope names the series an alert is about for an SLO split by labels: " for endpoint={{ $labels.endpoint }}".
func (x sloExprs) scope() string {
	if len(x.o.By) == 0 {
		return ""
	}
	parts := make([]string, len(x.o.By))
	for i, l := range x.o.By {
		parts[i] = l + "={{ $labels." + l + " }}"
	}
	return " for " + strings.Join(parts, ", ")
}

func (x sloExprs) annotations(summary, description string) []model.KV {
	kv := []model.KV{{Key: "description", Value: description}, {Key: "summary", Value: summary}}
	if r := x.o.Alerting.Runbook; r != "" {
		kv = append(kv, model.KV{Key: runbookAnnotKey, Value: r})
	}
	sortKVs(kv)
	return kv
}

func (x sloExprs) burnAnnotations(a slo.Alert) []model.KV {
	confirm := ""
	if a.Short != a.Long {
		confirm = ", confirmed over " + slo.Format(a.Short)
	}
	desc := fmt.Sprintf("The %s%s is burning its error budget at {{ printf \"%%.1f\" $value }}x over the last %s%s. "+
		"This %s fires at %gx, which spends %s of the budget in %s. Error budget left over %s: %s.",
		x.what(), x.scope(), slo.Format(a.Long), confirm, a.Class, a.Factor,
		percent(a.BudgetShare(x.o.Window)), slo.Format(a.Long), slo.Format(x.o.Window), x.budgetLeft())
	if d := x.o.Description; d != "" {
		desc += " SLI: " + d + "."
	}
	summary := fmt.Sprintf("%s SLO%s: error budget burning %gx or faster over %s", x.o.Name, x.scope(), a.Factor, slo.Format(a.Long))
	return x.annotations(summary, desc)
}

func (x sloExprs) exhaustedAnnotations() []model.KV {
	desc := fmt.Sprintf("The %s%s has spent its error budget over the last %s: %s of it left. "+
		"It stays spent until the failures of the window age out of it.",
		x.what(), x.scope(), slo.Format(x.o.Window), "{{ $value | humanizePercentage }}")
	return x.annotations(fmt.Sprintf("%s SLO%s: error budget exhausted", x.o.Name, x.scope()), desc)
}

func (x sloExprs) missingAnnotations() []model.KV {
	var sels []string
	sels = append(sels, x.o.SLI.Total.String())
	if x.o.SLI.Kind == model.SLISuccess {
		sels = append(sels, x.o.SLI.Good.String())
	}
	desc := fmt.Sprintf("No series of %s: the %s cannot be measured and its burn-rate alerts cannot fire. "+
		"The service may be down or unscraped, or the metric renamed; zero traffic would keep the series, flat.",
		strings.Join(sels, " or "), x.what())
	return x.annotations(fmt.Sprintf("%s SLO: SLI series missing", x.o.Name), desc)
}

// percent writes a share as a percentage: 0.02 -> "2%", 0.1042 -> "10.4%".
func percent(f float64) string {
	return strconv.FormatFloat(math.Round(f*1000)/10, 'f', -1, 64) + "%"
}

// exprNode is a PromQL expression as a literal block when it spans lines.
func exprNode(s string) *yaml.Node { return expr(s) }

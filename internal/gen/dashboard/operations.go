package dashboard

import (
	"strings"

	"github.com/metricgen/metricgen/internal/model"
)

// operationPanels writes the row of an operation: its rate by outcome, its errors by what
// tells them apart (the labels that come from the error, the status), its error ratio, and
// its latency quantiles with the exemplars of its sampled spans:
//
//	sum by (status) (rate(<requests>{<filters>}[$__rate_interval]))
//	sum by (status_code, error_code) (rate(<errors>{<filters>}[$__rate_interval]))
//	sum(rate(<requests>{status="error"}[...])) / sum(rate(<requests>[...]))
//	histogram_quantile(0.99, sum by (le) (rate(<duration>_bucket{<filters>}[$__rate_interval])))
func (b *builder) operationPanels(o *model.Operation) {
	title := "Operation " + o.Key
	if o.Help != "" {
		title += ": " + o.Help
	}
	b.row(title)
	rate := func(m *model.Metric, suffix, extra string) string {
		sel := b.selector(m, suffix)
		if extra != "" {
			sel = strings.TrimSuffix(sel, "}")
			if !strings.HasSuffix(sel, "{") {
				sel += ", "
			}
			sel += extra + "}"
		}
		return "rate(" + sel + "[$__rate_interval])"
	}
	opDesc := func(text string) string {
		return "Operation " + o.Key + " (" + string(o.Kind) + "). " + text
	}
	if m := o.Requests; m != nil {
		var by []string
		for _, l := range []*model.Label{o.Outcome, o.HTTP.StatusClass} {
			if l != nil && hasLabel(m, l) {
				by = append(by, l.Name)
			}
		}
		b.add(timeseries(o.Key+" rate", opDesc("Operations per second"+byText(by)+", from "+m.Name+"."),
			"reqps", baseThresholds("green"), exemplarTarget(sumBy(by, rate(m, "", "")), legendOf(by, o.Key))), 8, panelHeight)
	}
	var errBy []string
	switch {
	case o.Errors != nil:
		for _, l := range o.Errors.Labels {
			if l == o.HTTP.StatusCode || l == o.HTTP.StatusClass || containsLabel(o.ErrorLabels, l) {
				errBy = append(errBy, l.Name)
			}
		}
		b.add(timeseries(o.Key+" errors", opDesc("Failed operations per second"+byText(errBy)+", from "+o.Errors.Name+"."),
			"reqps", baseThresholds("green"), exemplarTarget(sumBy(errBy, rate(o.Errors, "", "")), legendOf(errBy, "errors"))), 8, panelHeight)
	case o.Requests != nil && o.Outcome != nil && hasLabel(o.Requests, o.Outcome):
		for _, l := range []*model.Label{o.HTTP.StatusCode, o.HTTP.StatusClass} {
			if l != nil && hasLabel(o.Requests, l) {
				errBy = append(errBy, l.Name)
			}
		}
		failed := o.Outcome.Name + `="` + model.OutcomeError + `"`
		b.add(timeseries(o.Key+" errors", opDesc("Failed operations per second"+byText(errBy)+", from "+o.Requests.Name+"{"+failed+"}."),
			"reqps", baseThresholds("green"), exemplarTarget(sumBy(errBy, rate(o.Requests, "", failed)), legendOf(errBy, "errors"))), 8, panelHeight)
	}
	if m := o.Requests; m != nil && o.Outcome != nil && hasLabel(m, o.Outcome) {
		failed := o.Outcome.Name + `="` + model.OutcomeError + `"`
		b.add(timeseries(o.Key+" error ratio", opDesc("Share of the operations that failed."),
			"percentunit", baseThresholds("green"),
			rangeTarget("sum("+rate(m, "", failed)+") / sum("+rate(m, "", "")+")", "error ratio")), 8, panelHeight)
	}
	if m := o.Duration; m != nil {
		var targets []target
		for _, q := range defaultQuantiles {
			qs := formatFloat(q)
			expr := "histogram_quantile(" + qs + ", sum by (le) (" + rate(m, "_bucket", "") + "))"
			switch {
			case m.Native != nil && len(m.Buckets) == 0:
				expr = "histogram_quantile(" + qs + ", sum(" + rate(m, "", "") + "))"
			case m.Native != nil:
				expr += " or histogram_quantile(" + qs + ", sum(" + rate(m, "", "") + "))"
			}
			targets = append(targets, exemplarTarget(expr, quantileName(q)))
		}
		b.newLine()
		b.add(timeseries(o.Key+" latency", opDesc("Quantiles of the duration, from "+m.Name+"; the dots are exemplars, each linking to the trace of a sampled operation."),
			"s", baseThresholds("green"), targets...), 24, panelHeight)
	}
}

// exemplarTarget is a range query whose exemplars Grafana shows.
func exemplarTarget(expr, legend string) target {
	t := rangeTarget(expr, legend)
	t.Exemplar = true
	return t
}

func hasLabel(m *model.Metric, l *model.Label) bool { return containsLabel(m.Labels, l) }

func containsLabel(ls []*model.Label, l *model.Label) bool {
	for _, x := range ls {
		if x == l {
			return true
		}
	}
	return false
}

// byText says " by a and b" for a description.
func byText(by []string) string {
	if len(by) == 0 {
		return ""
	}
	return " by " + strings.Join(by, " and ")
}

// legendOf is the legend of a query summed by labels: {{a}} {{b}}, or what when there is none.
func legendOf(by []string, what string) string {
	if len(by) == 0 {
		return what
	}
	parts := make([]string, len(by))
	for i, l := range by {
		parts[i] = "{{" + l + "}}"
	}
	return strings.Join(parts, " ")
}

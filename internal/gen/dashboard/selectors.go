package dashboard

import (
	"fmt"
	"slices"
	"strings"

	"github.com/metricgen/metricgen/internal/model"
)

// alertSeries are the series Prometheus writes for alerting rules. They carry the labels of
// the alert's result, not the scrape's, so which filters apply depends on the alert.
func alertSeries(name string) bool { return name == "ALERTS" || name == "ALERTS_FOR_STATE" }

// filtersIn returns the labels of b.filters that have reports, in filter order: job,
// instance, then the labels worth filtering on.
func (b *builder) filtersIn(have func(string) bool) []string {
	var out []string
	for _, l := range b.filters {
		if have(l) {
			out = append(out, l)
		}
	}
	return out
}

// metricFilters returns the filters that the series of metric m carry: job, instance (every
// scraped series has them) and the filtered labels among m's.
func (b *builder) metricFilters(m *model.Metric) []string {
	return b.filtersIn(func(l string) bool {
		return slices.Contains(b.s.TargetLabels, l) || slices.ContainsFunc(m.Labels, func(ml *model.Label) bool { return ml.Name == l })
	})
}

// selector returns <name><suffix>{<a matcher per filter the series has>}: the selector of
// every generated query of metric m.
func (b *builder) selector(m *model.Metric, suffix string) string {
	return m.Name + suffix + "{" + matchers(b.metricFilters(m)) + "}"
}

// selectorFilters returns the filters that the series a selector of a spec query reads
// carry. A name the spec does not know is assumed to be scraped: it has job and instance.
func (b *builder) selectorFilters(sel *model.Selector) []string {
	if alertSeries(sel.Name) {
		return nil
	}
	if !sel.Series.Known {
		return []string{"job", "instance"}
	}
	return b.filtersIn(sel.Series.Has)
}

// filterQuery adds the dashboard's filters to every selector of a panel query written in the
// spec, leaving the text otherwise as written: a selector gets a matcher for each filter its
// series has and that it does not match on already.
func (b *builder) filterQuery(e *model.Expr) string {
	return e.WithMatchers(func(sel *model.Selector) []string {
		if sel.Variable {
			return nil
		}
		var add []string
		for _, l := range b.selectorFilters(sel) {
			if !sel.Matches(l) {
				add = append(add, matcher(l))
			}
		}
		return add
	})
}

// matchers returns `l=~"$l"` for each label, comma-separated.
func matchers(labels []string) string {
	parts := make([]string, len(labels))
	for i, l := range labels {
		parts[i] = matcher(l)
	}
	return strings.Join(parts, ", ")
}

func matcher(l string) string { return fmt.Sprintf(`%s=~"$%s"`, l, l) }

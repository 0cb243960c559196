package dashboard

import (
	"fmt"
	"slices"
	"strings"

	"github.com/prometheus/prometheus/model/labels"

	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/promql"
)

// catalog knows the labels of every series a panel of the spec can query, and so which of the
// dashboard's variables can filter it.
type catalog struct {
	prom *promql.Catalog
	// filters are the labels with a variable, in templating order: job, instance, then the
	// labels worth filtering on.
	filters []string
}

func newCatalog(s *model.Spec, filters []string) *catalog {
	var labels []promql.Label
	for _, l := range s.Labels {
		var values []string
		for _, v := range l.Values {
			values = append(values, v.Value)
		}
		labels = append(labels, promql.Label{Name: l.Name, Enum: l.Enum(), Values: values, Pattern: l.Pattern})
	}
	c := promql.NewCatalog(s.TargetLabels, labels)
	for _, m := range s.Metrics {
		c.AddMetric(promql.Metric{Name: m.Name, Type: string(m.Type), Labels: m.LabelNames(),
			Buckets: m.Buckets, Native: m.Native != nil})
	}
	for _, e := range s.External {
		c.AddMetric(promql.Metric{Name: e.Name, Type: string(e.Type), Labels: e.Labels})
	}
	for _, r := range s.Records {
		labels := map[string]string{}
		for _, kv := range r.Labels {
			labels[kv.Key] = kv.Value
		}
		c.AddRecord(r.Record, r.Expr, labels)
	}
	return &catalog{prom: c, filters: filters}
}

// labels returns what the spec tells of the labels of expr's result: the labels of a metric
// and the target labels, a histogram's le on _bucket, a recording rule's labels as its
// expression leaves them, and so on.
func (c *catalog) labels(expr string) promql.Labels {
	return c.prom.Check(expr, promql.Options{}).Labels
}

// alertSeries are the series Prometheus writes for alerting rules. They carry the labels of
// the alert's result, not the scrape's, so which filters apply depends on the alert.
func alertSeries(name string) bool { return name == "ALERTS" || name == "ALERTS_FOR_STATE" }

// seriesFilters returns the labels of c.filters that the series called name carries, in
// filter order. A name the spec does not know is assumed to be scraped: it has job and
// instance.
func (c *catalog) seriesFilters(name string) []string {
	if alertSeries(name) {
		return nil
	}
	have := c.labels(name)
	if !have.Known() {
		return []string{"job", "instance"}
	}
	return c.filtersIn(have.Has)
}

// filtersIn returns the labels of c.filters that have reports, in filter order.
func (c *catalog) filtersIn(have func(string) bool) []string {
	var out []string
	for _, l := range c.filters {
		if have(l) {
			out = append(out, l)
		}
	}
	return out
}

// selector returns name{<a matcher per filter the series has>}: the selector of every
// generated query.
func (c *catalog) selector(name string) string {
	return name + "{" + matchers(c.seriesFilters(name)) + "}"
}

// matchers returns `l=~"$l"` for each label, comma-separated.
func matchers(labels []string) string {
	parts := make([]string, len(labels))
	for i, l := range labels {
		parts[i] = fmt.Sprintf(`%s=~"$%s"`, l, l)
	}
	return strings.Join(parts, ", ")
}

// unwrap strips parentheses.
func unwrap(e promql.Expr) promql.Expr {
	for {
		p, ok := e.(*promql.ParenExpr)
		if !ok {
			return e
		}
		e = p.Expr
	}
}

// filterExpr adds the dashboard's filters to every selector of a panel query written in the
// spec, leaving the text otherwise as written: a selector gets a matcher for each filter its
// series has and that it does not match on already.
func (c *catalog) filterExpr(expr string) (string, error) {
	e, back, err := parsePanelExpr(expr)
	if err != nil {
		return "", err
	}
	type insertion struct {
		at   int
		text string
	}
	var ins []insertion
	promql.Inspect(e, func(n promql.Node, _ []promql.Node) error {
		vs, ok := n.(*promql.VectorSelector)
		if !ok || vs.Name == promql.Var {
			return nil
		}
		var add []string
		for _, l := range c.seriesFilters(vs.Name) {
			if !slices.ContainsFunc(vs.LabelMatchers, func(m *labels.Matcher) bool { return m.Name == l }) {
				add = append(add, l)
			}
		}
		if len(add) == 0 {
			return nil
		}
		at, braces, empty := selectorEnd(expr, back(int(vs.PosRange.Start)))
		text := matchers(add)
		switch {
		case !braces:
			text = "{" + text + "}"
		case !empty:
			text = ", " + text
		}
		ins = append(ins, insertion{at, text})
		return nil
	})
	// Insert from the end so that earlier offsets stay valid.
	slices.SortFunc(ins, func(a, b insertion) int { return b.at - a.at })
	for _, in := range ins {
		expr = expr[:in.at] + in.text + expr[in.at:]
	}
	return expr, nil
}

// selectorEnd scans the vector selector starting at s[start]: a metric name, a {...} matcher
// list, or both. It returns where new matchers go (before the closing brace, or right after the
// name when there are no braces), whether there are braces, and whether they hold nothing yet
// (or end in a comma).
func selectorEnd(s string, start int) (at int, braces, empty bool) {
	i := start
	for i < len(s) && (isWordChar(s[i]) || s[i] == ':') {
		i++
	}
	nameEnd := i
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	if i >= len(s) || s[i] != '{' {
		return nameEnd, false, false
	}
	open := i
	for i++; i < len(s) && s[i] != '}'; {
		if s[i] == '"' || s[i] == '\'' || s[i] == '`' {
			i = skipString(s, i)
			continue
		}
		i++
	}
	inner := strings.TrimSpace(s[open+1 : i])
	return i, true, inner == "" || strings.HasSuffix(inner, ",")
}

func isWordChar(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// skipString returns the offset just past the string literal starting at s[i].
func skipString(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		switch {
		case s[j] == '\\' && q != '`':
			j++
		case s[j] == q:
			return j + 1
		}
	}
	return len(s)
}

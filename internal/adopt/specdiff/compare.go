package specdiff

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/lazyregexp"
	"github.com/metricgen/metricgen/internal/model"
)

// Compare lists every change from old to new, ordered by position in the new version.
func Compare(old, new *model.Spec) []Change {
	c := &comparer{old: old, new: new, renamed: map[string]string{}}
	c.top()
	c.metrics()
	c.labels()
	c.externals()
	c.records()
	c.alerts()
	c.slos()
	c.operations()
	c.dashboard()
	c.logging()
	c.tests()
	sortChanges(c.out)
	return c.out
}

type comparer struct {
	old, new *model.Spec
	out      []Change
	// renamed maps the old names of renamed metrics and recording rules to the new ones, so
	// that an expression that only follows a rename does not count as changed.
	renamed map[string]string
}

// sameExpr reports whether two expressions are the same once the old one follows the
// renames (and blank space aside).
func (c *comparer) sameExpr(o, n *model.Expr) bool {
	if o == nil || n == nil {
		return o == n
	}
	text := o.Text
	sels := slices.Clone(o.Selectors)
	slices.SortFunc(sels, func(a, b *model.Selector) int { return b.Offset - a.Offset }) // from the end
	for _, s := range sels {
		var to string
		switch {
		case s.Metric != nil && c.renamed[s.Metric.Name] != "":
			to = c.renamed[s.Metric.Name] + s.Suffix
		case s.Record != "" && c.renamed[s.Record] != "":
			to = c.renamed[s.Record]
		default:
			continue
		}
		if s.Offset+len(s.Name) <= len(text) && text[s.Offset:s.Offset+len(s.Name)] == s.Name {
			text = text[:s.Offset] + to + text[s.Offset+len(s.Name):]
		}
	}
	return strings.Join(strings.Fields(text), " ") == normExpr(n)
}

// onlyDeprecated reports whether e reads metrics of the old version, all deprecated there and
// removed in the new one: something that goes with them on the deprecation path.
func (c *comparer) onlyDeprecated(e *model.Expr) ([]string, bool) {
	ms := e.Metrics()
	var names []string
	for _, m := range ms {
		if m.Deprecated == "" || c.new.Metric(m.Key) != nil && c.new.Metric(m.Key).Name == m.Name || c.renamed[m.Name] != "" {
			return nil, false
		}
		names = append(names, m.Name)
	}
	return names, len(names) > 0
}

func (c *comparer) add(ch Change) { c.out = append(c.out, ch) }

func (c *comparer) top() {
	o, n := c.old, c.new
	if o.Namespace != n.Namespace {
		c.add(Change{Code: diag.DiffNamespaceChanged, Breaking: true, Section: "namespace",
			Msg:     fmt.Sprintf("namespace %q is now %q: every metric of the spec is renamed", o.Namespace, n.Namespace),
			Outside: "every query, dashboard, alert and recording rule outside this spec that reads one of its metrics gets no data from the next deploy"})
	}
	if o.Service != n.Service {
		c.add(Change{Code: diag.DiffServiceChanged, Breaking: true, Section: "service",
			Msg:     fmt.Sprintf("service %q is now %q", o.Service, n.Service),
			Outside: fmt.Sprintf("every generated alert's service label changes, so Alertmanager routes, inhibit rules and silences matching service=%q stop matching; the generated dashboard gets another uid, so links and bookmarks to it break", o.Service)})
	}
	switch og, ng := o.Go, n.Go; {
	case og == nil && ng != nil:
		c.add(Change{Code: diag.DiffGoPackageChanged, Pos: ng.Pos, Msg: fmt.Sprintf("the Go package %s is now generated", ng.Name)})
	case og != nil && ng == nil:
		c.add(Change{Code: diag.DiffGoPackageChanged, Section: "go", OldPos: og.Pos, Msg: fmt.Sprintf("the Go package %s is no longer generated: code importing it stops compiling", og.Name)})
	case og != nil && (og.Name != ng.Name || og.Dir != ng.Dir):
		c.add(Change{Code: diag.DiffGoPackageChanged, Pos: ng.Pos, OldPos: og.Pos, Msg: fmt.Sprintf("the Go package %s (%s) is now %s (%s): its importers must follow; the compiler shows where", og.Name, og.Dir, ng.Name, ng.Dir)})
	}
	if og, ng := o.Go, n.Go; og != nil && ng != nil && og.Backend != ng.Backend {
		c.add(Change{Code: diag.DiffGoBackendChanged, Pos: ng.Pos, OldPos: og.Pos,
			Msg: fmt.Sprintf("the Go package now records through %s, not %s: New takes %s (the compiler shows the call to change); %s",
				backendName(ng.Backend), backendName(og.Backend), newArg(ng.Backend), backendSeries(ng.Backend))})
	}
	outputs := []struct{ key, o, n string }{
		{"rules", o.Outputs.Rules, n.Outputs.Rules},
		{"rule_tests", o.Outputs.RuleTests, n.Outputs.RuleTests},
		{"prometheus_rule", o.Outputs.PrometheusRule, n.Outputs.PrometheusRule},
		{"dashboard", o.Outputs.Dashboard, n.Outputs.Dashboard},
		{"docs", o.Outputs.Docs, n.Outputs.Docs},
	}
	for _, out := range outputs {
		if out.o != out.n {
			c.add(Change{Code: diag.DiffOutputsChanged, Section: "outputs", Msg: fmt.Sprintf("outputs.%s %s is now %s: deployments that copy or load the file must follow", out.key, orNone(out.o), orNone(out.n))})
		}
	}
	if !slices.Equal(o.TargetLabels, n.TargetLabels) {
		c.add(Change{Code: diag.DiffTargetLabelsChanged, Section: "target_labels", Msg: fmt.Sprintf("target labels %s are now %s", braces(o.TargetLabels), braces(n.TargetLabels))})
	}
	if o.RuleGroup.Name != n.RuleGroup.Name {
		c.add(Change{Code: diag.DiffRuleGroupChanged, Section: "rule_group", Msg: fmt.Sprintf("rule group %q is now %q: Prometheus starts its alerts afresh (pending alerts wait their for: again)", o.RuleGroup.Name, n.RuleGroup.Name)})
	}
	if o.RuleGroup.Interval != n.RuleGroup.Interval {
		c.add(Change{Code: diag.DiffRuleGroupChanged, Section: "rule_group", Msg: fmt.Sprintf("rule group interval %s is now %s", durOr(o.RuleGroup.Interval), durOr(n.RuleGroup.Interval))})
	}
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func durOr(d model.Duration) string {
	if d == 0 {
		return "the server's default"
	}
	return d.String()
}

func braces(ls []string) string { return "{" + strings.Join(ls, ", ") + "}" }

// quoteList writes values quoted and comma-separated.
func quoteList(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}

// Plain words for what a change may break outside the spec.
const (
	outsideSeries = "dashboards, alerts and recording rules outside this spec, other teams' queries, federation and remote-write consumers"
)

// pair is a thing of the old version and the same thing in the new one.
type pair[T any] struct{ old, new T }

// match pairs the things of the two versions by key: the pairs, in the old version's order,
// what only the old version has (removed) and what only the new one has (added), each in its
// version's order.
func match[T any](old, new []T, key func(T) string) (kept []pair[T], removed, added []T) {
	newBy := make(map[string]T, len(new))
	for _, n := range new {
		newBy[key(n)] = n
	}
	oldKeys := make(map[string]bool, len(old))
	for _, o := range old {
		oldKeys[key(o)] = true
		if n, ok := newBy[key(o)]; ok {
			kept = append(kept, pair[T]{o, n})
		} else {
			removed = append(removed, o)
		}
	}
	for _, n := range new {
		if !oldKeys[key(n)] {
			added = append(added, n)
		}
	}
	return kept, removed, added
}

func (c *comparer) metrics() {
	kept, removed, added := match(c.old.Metrics, c.new.Metrics, func(m *model.Metric) string { return m.Name })
	for _, p := range kept {
		c.metric(p.old, p.new)
	}
	pairs := renames(removed, added, c.old.Namespace != c.new.Namespace)
	for _, p := range pairs {
		c.renamed[p[0].Name] = p[1].Name
	}
	for _, p := range pairs {
		o, n := p[0], p[1]
		c.add(Change{Code: diag.DiffMetricRenamed, Breaking: true, Pos: n.Pos, OldPos: o.Pos,
			Msg:     fmt.Sprintf("metric %s is renamed %s (same type, labels and help)", o.Name, n.Name),
			Inside:  uses(c.old, c.new, readsMetric(o), readsMetric(n)),
			Outside: fmt.Sprintf("%s that read %s get no data from the next deploy; over a range spanning it, the history is split between the two names", outsideSeries, o.Name)})
		c.metric(o, n)
		removed = slices.DeleteFunc(removed, func(m *model.Metric) bool { return m == o })
		added = slices.DeleteFunc(added, func(m *model.Metric) bool { return m == n })
	}
	for _, o := range removed {
		if o.Deprecated != "" {
			c.add(Change{Code: diag.DiffDeprecatedMetricRemoved, Section: "metrics", OldPos: o.Pos,
				Msg:    fmt.Sprintf("metric %s is removed; the old version deprecated it (%s)", o.Name, o.Deprecated),
				Inside: uses(c.old, c.new, readsMetric(o), nil)})
			continue
		}
		c.add(Change{Code: diag.DiffMetricRemoved, Breaking: true, Section: "metrics", OldPos: o.Pos,
			Msg:     fmt.Sprintf("metric %s is removed without having been deprecated; deprecate it first (deprecated: why) and remove it in a later version", o.Name),
			Inside:  uses(c.old, c.new, readsMetric(o), nil),
			Outside: fmt.Sprintf("%s that read %s get no data from the next deploy, and alerts on it stay silent; Go code using its field stops compiling", outsideSeries, o.Name)})
	}
	for _, n := range added {
		c.add(Change{Code: diag.DiffMetricAdded, Pos: n.Pos, Msg: fmt.Sprintf("metric %s (%s) is new", n.Name, n.Type)})
	}
}

// renames pairs removed and added metrics that are the same metric under another name: the
// same key when the namespace changed, else the same type, labels and help. When several
// added metrics would do, the one whose name shares the most with the old one wins.
func renames(removed, added []*model.Metric, namespaceChanged bool) [][2]*model.Metric {
	var out [][2]*model.Metric
	taken := map[*model.Metric]bool{}
	for _, o := range removed {
		var best *model.Metric
		for _, n := range added {
			if taken[n] || n.Type != o.Type {
				continue
			}
			same := namespaceChanged && n.Key == o.Key ||
				o.Help != "" && strings.EqualFold(strings.TrimSpace(o.Help), strings.TrimSpace(n.Help)) && sameSet(o.LabelNames(), n.LabelNames())
			if same && (best == nil || shared(o.Name, n.Name) > shared(o.Name, best.Name)) {
				best = n
			}
		}
		if best != nil {
			taken[best] = true
			out = append(out, [2]*model.Metric{o, best})
		}
	}
	return out
}

// shared is the length of the common prefix plus the common suffix of a and b.
func shared(a, b string) int {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	return p + s
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// metric compares two versions of one metric.
// backendName names a Go backend in a sentence.
func backendName(b model.Backend) string {
	if b == model.OTel {
		return "the OpenTelemetry metrics API"
	}
	return "client_golang"
}

// newArg is what New of a backend takes.
func newArg(b model.Backend) string {
	if b == model.OTel {
		return "a metric.MeterProvider"
	}
	return "a prometheus.Registerer"
}

// backendSeries says what changes for the series when the backend becomes b.
func backendSeries(b model.Backend) string {
	if b == model.OTel {
		return "Prometheus reads the series through an OpenTelemetry exporter, which adds target_info and otel_scope_* labels, and a histogram's series appear at their first observation"
	}
	return "Prometheus scrapes the series from client_golang, without the OpenTelemetry exporter's target_info and otel_scope_* labels"
}

// exposed is the name Prometheus sees m under: through the OpenTelemetry exporter's
// translation for the otel backend.
func exposed(m *model.Metric) string {
	if m.OTel != nil {
		return m.OTel.Exposed
	}
	return m.Name
}

func (c *comparer) metric(o, n *model.Metric) {
	if o.Name == n.Name && exposed(o) != exposed(n) {
		c.add(Change{Code: diag.DiffGoBackendRenames, Breaking: true, Pos: n.Pos, OldPos: o.Pos,
			Msg:     fmt.Sprintf("metric %s reaches Prometheus as %s, not %s, with the new go.backend (OpenTelemetry's Prometheus translation renames it)", n.Name, exposed(n), exposed(o)),
			Inside:  uses(c.old, c.new, readsMetric(o), readsMetric(n)),
			Outside: fmt.Sprintf("%s that read %s get no data from the next deploy", outsideSeries, exposed(o))})
	}
	if o.Type != n.Type {
		c.add(Change{Code: diag.DiffMetricTypeChanged, Breaking: true, Pos: n.Pos, OldPos: o.Pos,
			Msg:     fmt.Sprintf("metric %s is now a %s, not a %s", n.Name, n.Type, o.Type),
			Inside:  uses(c.old, c.new, readsMetric(o), readsMetric(n)),
			Outside: fmt.Sprintf("queries outside this spec that rate() a counter or read a gauge's value, or read a histogram's _bucket series, return wrong results or nothing for %s; over a range spanning the deploy its series mix both types", n.Name)})
		return
	}
	switch {
	case o.Unit != "" && n.Unit != "" && o.Unit != n.Unit:
		c.add(Change{Code: diag.DiffMetricUnitChanged, Breaking: true, Pos: n.Pos, OldPos: o.Pos,
			Msg:     fmt.Sprintf("metric %s is now in %s, not %s", n.Name, n.Unit, o.Unit),
			Inside:  uses(c.old, c.new, readsMetric(o), readsMetric(n)),
			Outside: fmt.Sprintf("every threshold and panel unit on %s outside this spec is off by the conversion", n.Name)})
	}
	c.metricLabels(o, n)
	if n.Type == model.Histogram {
		c.histogram(o, n)
	}
	var changed []string
	if o.Unit != n.Unit && (o.Unit == "" || n.Unit == "") {
		changed = append(changed, fmt.Sprintf("unit %s is now %s", orNone(o.Unit), orNone(n.Unit)))
	}
	if o.Help != n.Help {
		changed = append(changed, fmt.Sprintf("help %q is now %q", o.Help, n.Help))
	}
	if o.MaxSeries != n.MaxSeries {
		changed = append(changed, fmt.Sprintf("max_series %d is now %d", o.MaxSeries, n.MaxSeries))
	}
	if o.Title != n.Title {
		changed = append(changed, fmt.Sprintf("title %q is now %q", o.Title, n.Title))
	}
	if o.Init != n.Init && !o.Scrape && !n.Scrape {
		what := map[model.Init]string{
			model.InitAll:  "every combination is exported at 0 from the first scrape",
			model.InitNone: "a series appears when a value is first recorded for it (queries that expected zeros before that find no series)",
		}[n.Init]
		changed = append(changed, fmt.Sprintf("init %s is now %s: %s", o.Init, n.Init, what))
	}
	if o.Scrape != n.Scrape {
		mode := map[bool]string{false: "recorded by the program", true: "read at scrape time"}
		changed = append(changed, fmt.Sprintf("it was %s and is now %s: its Go methods change, so code using them stops compiling", mode[o.Scrape], mode[n.Scrape]))
	}
	if o.Deprecated != "" && n.Deprecated == "" {
		changed = append(changed, "no longer deprecated")
	}
	if len(changed) > 0 {
		c.add(Change{Code: diag.DiffMetricChanged, Pos: n.Pos, OldPos: o.Pos, Msg: fmt.Sprintf("metric %s: %s", n.Name, strings.Join(changed, "; "))})
	}
	if o.Deprecated == "" && n.Deprecated != "" {
		c.add(Change{Code: diag.DiffMetricDeprecated, Pos: n.Pos, OldPos: o.Pos,
			Msg:    fmt.Sprintf("metric %s is deprecated (%s): its help is now exposed as %q, and a later version may remove it", n.Name, n.Deprecated, n.ExposedHelp()),
			Inside: uses(c.old, c.new, nil, readsMetric(n))})
	}
}

func (c *comparer) metricLabels(o, n *model.Metric) {
	on, nn := o.LabelNames(), n.LabelNames()
	for _, l := range nn {
		if slices.Contains(on, l) {
			continue
		}
		c.add(Change{Code: diag.DiffMetricLabelAdded, Breaking: true, Pos: n.Pos, OldPos: o.Pos,
			Msg:     fmt.Sprintf("metric %s gets label %s: each of its series splits into one per value", n.Name, l),
			Inside:  usesNoted(c.old, c.new, readsMetric(o), readsMetric(n), "reads the metric: check how it matches and aggregates the new label"),
			Outside: fmt.Sprintf("queries outside this spec that match %s on exact label sets (on(), ignoring(), group_left, comparisons between metrics), recording rules without by(), and panels that count or legend its series change their result", n.Name)})
	}
	for _, l := range on {
		if slices.Contains(nn, l) {
			continue
		}
		c.add(Change{Code: diag.DiffMetricLabelRemoved, Breaking: true, Pos: n.Pos, OldPos: o.Pos,
			Msg:     fmt.Sprintf("metric %s loses label %s", n.Name, l),
			Inside:  usesNoted(c.old, c.new, readsMetric(o), readsMetric(n), "reads the metric: check it does not filter or group on "+l),
			Outside: fmt.Sprintf("queries and alerts outside this spec that filter %s on %s match nothing, and those that group by it get one series where there were several", n.Name, l)})
	}
	if !sameSet(on, nn) || slices.Equal(on, nn) {
		return
	}
	// The same labels in another order: the generated methods take their arguments in the new
	// order. Calls whose swapped arguments have the same Go type still compile, and record
	// each value under the other label.
	var swapped []string
	for i, a := range nn {
		for _, b := range nn[i+1:] {
			if slices.Index(on, a) > slices.Index(on, b) && sameGoType(n.Labels[slices.Index(nn, a)], n.Labels[slices.Index(nn, b)]) {
				swapped = append(swapped, a+" and "+b)
			}
		}
	}
	msg := fmt.Sprintf("metric %s takes its labels in the order (%s), not (%s)", n.Name, strings.Join(nn, ", "), strings.Join(on, ", "))
	if len(swapped) == 0 {
		c.add(Change{Code: diag.DiffMetricChanged, Pos: n.Pos, OldPos: o.Pos, Msg: msg + ": calls to its generated methods stop compiling until their arguments follow"})
		return
	}
	c.add(Change{Code: diag.DiffMetricLabelOrderChanged, Breaking: true, Pos: n.Pos, OldPos: o.Pos,
		Msg:     msg + fmt.Sprintf(": %s have the same Go type, so existing calls still compile and record each value under the other label", strings.Join(swapped, ", ")),
		Outside: "Go code calling the generated methods with positional arguments: review every call"})
}

// sameGoType reports whether the generated methods take the two labels as the same Go type:
// both free-form (string), or the same enum (never: each enum has its own type).
func sameGoType(a, b *model.Label) bool { return !a.Enum() && !b.Enum() }

func (c *comparer) histogram(o, n *model.Metric) {
	if !slices.Equal(o.Buckets, n.Buckets) {
		var gone, added []string
		for _, b := range o.Buckets {
			if !slices.Contains(n.Buckets, b) {
				gone = append(gone, fmtBound(b))
			}
		}
		for _, b := range n.Buckets {
			if !slices.Contains(o.Buckets, b) {
				added = append(added, fmtBound(b))
			}
		}
		var what []string
		if len(gone) > 0 {
			what = append(what, "without "+strings.Join(gone, ", "))
		}
		if len(added) > 0 {
			what = append(what, "with "+strings.Join(added, ", "))
		}
		c.add(Change{Code: diag.DiffHistogramBucketsChanged, Breaking: true, Pos: n.Pos, OldPos: o.Pos,
			Msg:     fmt.Sprintf("histogram %s has other bucket boundaries: %s", n.Name, strings.Join(what, ", ")),
			Inside:  uses(c.old, c.new, readsBuckets(o), readsBuckets(n)),
			Outside: fmt.Sprintf("histogram_quantile() over %s shifts (it interpolates between other bounds), queries and SLOs on a removed le bound return nothing, and over a range spanning the deploy rate() mixes both layouts", n.Name)})
	}
	switch {
	case o.Native != nil && n.Native == nil:
		c.add(Change{Code: diag.DiffHistogramNativeRemoved, Breaking: true, Pos: n.Pos, OldPos: o.Pos,
			Msg:     fmt.Sprintf("histogram %s no longer has native buckets", n.Name),
			Inside:  uses(c.old, c.new, readsBuckets(o), readsBuckets(n)),
			Outside: fmt.Sprintf("queries of %s's native histograms (its bare name, histogram_count(), histogram_fraction(), ...) outside this spec return nothing", n.Name)})
	case o.Native == nil && n.Native != nil:
		c.add(Change{Code: diag.DiffMetricChanged, Pos: n.Pos, OldPos: o.Pos, Msg: fmt.Sprintf("histogram %s now also has native buckets (Prometheus stores them when scraping with native histograms enabled)", n.Name)})
	case o.Native != nil && *o.Native != *n.Native:
		c.add(Change{Code: diag.DiffMetricChanged, Pos: n.Pos, OldPos: o.Pos, Msg: fmt.Sprintf("histogram %s: native bucket settings changed (resolution and bucket limit)", n.Name)})
	}
}

func fmtBound(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// metricsUsing returns the names of s's metrics that have label l.
func metricsUsing(s *model.Spec, l string) []string {
	var out []string
	for _, m := range s.Metrics {
		if slices.Contains(m.LabelNames(), l) {
			out = append(out, m.Name)
		}
	}
	return out
}

func (c *comparer) labels() {
	for _, o := range c.old.Labels {
		n := c.new.Label(o.Name)
		if n == nil {
			c.add(Change{Code: diag.DiffLabelChanged, Section: "labels", OldPos: o.Pos, Msg: fmt.Sprintf("label %s is no longer declared", o.Name)})
			continue
		}
		c.label(o, n)
	}
	for _, n := range c.new.Labels {
		if c.old.Label(n.Name) == nil {
			c.add(Change{Code: diag.DiffLabelChanged, Pos: n.Pos, Msg: fmt.Sprintf("label %s is newly declared", n.Name)})
		}
	}
}

func (c *comparer) label(o, n *model.Label) {
	affected := metricsUsing(c.new, n.Name)
	on := "no metric uses it"
	if len(affected) > 0 {
		on = "on " + strings.Join(affected, ", ")
	}
	if o.Enum() != n.Enum() {
		kind := func(l *model.Label) string {
			if l.Enum() {
				return "an enum"
			}
			return "free-form"
		}
		ch := Change{Code: diag.DiffLabelKindChanged, Pos: n.Pos, OldPos: o.Pos, Breaking: len(affected) > 0,
			Msg: fmt.Sprintf("label %s is now %s, not %s (%s)", n.Name, kind(n), kind(o), on)}
		if ch.Breaking {
			ch.Outside = fmt.Sprintf("Go code passing %s's values stops compiling (the parameter's type changes)", n.Name)
			if n.Enum() {
				ch.Outside += "; values other than the listed ones can no longer be recorded, so queries outside this spec on them match nothing"
			}
		}
		c.add(ch)
		return
	}
	if n.Enum() {
		var gone, added []string
		var gonePos diag.Pos
		for _, v := range o.Values {
			if !slices.ContainsFunc(n.Values, func(w *model.Value) bool { return w.Value == v.Value }) {
				gone = append(gone, v.Value)
				if gonePos.Line == 0 {
					gonePos = v.Pos
				}
			}
		}
		for _, v := range n.Values {
			if !slices.ContainsFunc(o.Values, func(w *model.Value) bool { return w.Value == v.Value }) {
				added = append(added, v.Value)
				c.add(Change{Code: diag.DiffLabelValueAdded, Pos: v.Pos, Msg: fmt.Sprintf("label %s takes the new value %q (%s): its series start at 0 from the next deploy", n.Name, v.Value, on)})
			}
		}
		if len(gone) > 0 {
			ch := Change{Code: diag.DiffLabelValueRemoved, Breaking: len(affected) > 0, Pos: n.Pos, OldPos: gonePos,
				Msg:    fmt.Sprintf("label %s no longer takes %s (%s)", n.Name, quoteList(gone), on),
				Inside: uses(c.old, c.new, readsValue(o.Name, gone), nil)}
			if ch.Breaking {
				ch.Outside = fmt.Sprintf("queries and alerts outside this spec that match %s on %s silently match nothing; Go code using the removed constants stops compiling", n.Name, quoteList(gone))
			}
			c.add(ch)
		}
	}
	var changed []string
	if o.Help != n.Help {
		changed = append(changed, fmt.Sprintf("help %q is now %q", o.Help, n.Help))
	}
	if o.Pattern != n.Pattern {
		changed = append(changed, fmt.Sprintf("pattern %s is now %s", orNone(o.Pattern), orNone(n.Pattern)))
	}
	if o.MaxValues != n.MaxValues {
		changed = append(changed, fmt.Sprintf("max_values %d is now %d (values past it are recorded as \"other\")", o.MaxValues, n.MaxValues))
	}
	if other := func(l *model.Label) string {
		if l.Other == nil {
			return ""
		}
		return l.Other.Value
	}; other(o) != other(n) {
		switch {
		case other(n) == "":
			changed = append(changed, fmt.Sprintf("other %q is gone: Go code recording a value that is none of the constants now panics, and %sOf no longer exists", other(o), n.GoName))
		default:
			changed = append(changed, fmt.Sprintf("other is now %q: values that are none of the constants are recorded as it", other(n)))
		}
	}
	if len(changed) > 0 {
		c.add(Change{Code: diag.DiffLabelChanged, Pos: n.Pos, OldPos: o.Pos, Msg: fmt.Sprintf("label %s: %s", n.Name, strings.Join(changed, "; "))})
	}
}

func (c *comparer) externals() {
	oldBy := map[string]*model.ExternalMetric{}
	for _, e := range c.old.External {
		oldBy[e.Name] = e
	}
	for _, n := range c.new.External {
		o := oldBy[n.Name]
		delete(oldBy, n.Name)
		switch {
		case o == nil:
			c.add(Change{Code: diag.DiffExternalChanged, Pos: n.Pos, Msg: fmt.Sprintf("external metric %s is newly declared", n.Name)})
		case o.Type != n.Type || o.Help != n.Help || !slices.Equal(o.Labels, n.Labels):
			c.add(Change{Code: diag.DiffExternalChanged, Pos: n.Pos, OldPos: o.Pos, Msg: fmt.Sprintf("external metric %s is declared differently (type, help or labels)", n.Name)})
		}
	}
	for _, o := range c.old.External {
		if oldBy[o.Name] != nil {
			c.add(Change{Code: diag.DiffExternalChanged, Section: "external_metrics", OldPos: o.Pos, Msg: fmt.Sprintf("external metric %s is no longer declared", o.Name)})
		}
	}
}

// normExpr is an expression's text with runs of blank space as one space, for telling a
// renamed rule by its unchanged expression.
func normExpr(e *model.Expr) string { return strings.Join(strings.Fields(e.String()), " ") }

// recordLabels are the labels of a recording rule's series: its expression's result labels
// (without __name__) and its own labels with their values; ok is false when the spec does not
// tell the expression's labels.
func recordLabels(r *model.RecordingRule) ([]string, bool) {
	if r.Expr == nil || !r.Expr.Labels.Known {
		return nil, false
	}
	var out []string
	for _, l := range r.Expr.Labels.Names {
		if l != "__name__" && !slices.ContainsFunc(r.Labels, func(kv model.KV) bool { return kv.Key == l }) {
			out = append(out, l)
		}
	}
	for _, kv := range r.Labels {
		out = append(out, kv.Key+"="+strconv.Quote(kv.Value))
	}
	slices.Sort(out)
	return out, true
}

func (c *comparer) records() {
	kept, removed, added := match(c.old.Records, c.new.Records, func(r *model.RecordingRule) string { return r.Record })
	for _, p := range kept {
		c.record(p.old, p.new)
	}
	for _, o := range removed {
		i := slices.IndexFunc(added, func(n *model.RecordingRule) bool { return c.sameExpr(o.Expr, n.Expr) })
		if i < 0 {
			if ms, ok := c.onlyDeprecated(o.Expr); ok {
				c.add(Change{Code: diag.DiffRecordRemoved, Section: "recording_rules", OldPos: o.Pos,
					Msg: fmt.Sprintf("recording rule %s is removed with the deprecated metrics it read (%s)", o.Record, strings.Join(ms, ", "))})
				continue
			}
			c.add(Change{Code: diag.DiffRecordRemoved, Breaking: true, Section: "recording_rules", OldPos: o.Pos,
				Msg:     fmt.Sprintf("recording rule %s is removed", o.Record),
				Inside:  uses(c.old, c.new, readsRecord(o.Record), nil),
				Outside: fmt.Sprintf("%s that read the recorded series %s get no data from the next deploy", outsideSeries, o.Record)})
			continue
		}
		n := added[i]
		added = slices.Delete(added, i, i+1)
		c.renamed[o.Record] = n.Record
		c.add(Change{Code: diag.DiffRecordRenamed, Breaking: true, Pos: n.Pos, OldPos: o.Pos,
			Msg:     fmt.Sprintf("recording rule %s is renamed %s (same expression)", o.Record, n.Record),
			Inside:  uses(c.old, c.new, readsRecord(o.Record), readsRecord(n.Record)),
			Outside: fmt.Sprintf("%s that read the recorded series %s get no data from the next deploy", outsideSeries, o.Record)})
		c.record(o, n)
	}
	for _, n := range added {
		c.add(Change{Code: diag.DiffRecordAdded, Pos: n.Pos, Msg: fmt.Sprintf("recording rule %s is new", n.Record)})
	}
}

func (c *comparer) record(o, n *model.RecordingRule) {
	ol, ok1 := recordLabels(o)
	nl, ok2 := recordLabels(n)
	if ok1 && ok2 && !slices.Equal(ol, nl) {
		c.add(Change{Code: diag.DiffRecordLabelsChanged, Breaking: true, Pos: n.Pos, OldPos: o.Pos,
			Msg:     fmt.Sprintf("recording rule %s records series with labels %s, not %s", n.Record, braces(nl), braces(ol)),
			Inside:  uses(c.old, c.new, readsRecord(o.Record), readsRecord(n.Record)),
			Outside: fmt.Sprintf("queries outside this spec that filter, group or join %s on the labels it no longer has match nothing or aggregate differently", n.Record)})
	}
	if !c.sameExpr(o.Expr, n.Expr) && (!ok1 || !ok2 || slices.Equal(ol, nl)) {
		c.add(Change{Code: diag.DiffRecordChanged, Pos: n.Pos, OldPos: o.Pos, Msg: fmt.Sprintf("recording rule %s computes its series differently (same labels)", n.Record)})
	}
}

func (c *comparer) alerts() {
	kept, removed, added := match(c.old.Alerts, c.new.Alerts, func(a *model.Alert) string { return a.Name })
	for _, p := range kept {
		c.alert(p.old, p.new)
	}
	for _, o := range removed {
		i := slices.IndexFunc(added, func(n *model.Alert) bool { return c.sameExpr(o.Expr, n.Expr) })
		if i < 0 {
			if ms, ok := c.onlyDeprecated(o.Expr); ok {
				c.add(Change{Code: diag.DiffAlertRemoved, Section: "alerts", OldPos: o.Pos,
					Msg: fmt.Sprintf("alert %s is removed with the deprecated metrics it read (%s)", o.Name, strings.Join(ms, ", "))})
				continue
			}
			c.add(Change{Code: diag.DiffAlertRemoved, Breaking: true, Section: "alerts", OldPos: o.Pos,
				Msg:     fmt.Sprintf("alert %s is removed", o.Name),
				Outside: fmt.Sprintf("whoever it paged is no longer paged for it; Alertmanager routes, inhibit rules and silences matching alertname=%q, and runbooks and dashboards linking to it, refer to nothing", o.Name)})
			continue
		}
		n := added[i]
		added = slices.Delete(added, i, i+1)
		c.add(Change{Code: diag.DiffAlertRenamed, Breaking: true, Pos: n.Pos, OldPos: o.Pos,
			Msg:     fmt.Sprintf("alert %s is renamed %s (same expression)", o.Name, n.Name),
			Outside: fmt.Sprintf("Alertmanager routes, inhibit rules and silences matching alertname=%q stop matching it, and a firing alert resolves and fires again under the new name", o.Name)})
		c.alert(o, n)
	}
	for _, n := range added {
		c.add(Change{Code: diag.DiffAlertAdded, Pos: n.Pos, Msg: fmt.Sprintf("alert %s is new", n.Name)})
	}
}

func (c *comparer) alert(o, n *model.Alert) {
	var lost []string
	for _, kv := range o.Labels {
		i := slices.IndexFunc(n.Labels, func(w model.KV) bool { return w.Key == kv.Key })
		switch {
		case kv.Key == "service" && kv.Value == c.old.Service && i >= 0 && n.Labels[i].Value == c.new.Service:
			// The spec's service, which diff/service-changed reports once.
		case i < 0:
			lost = append(lost, fmt.Sprintf("%s=%q is gone", kv.Key, kv.Value))
		case n.Labels[i].Value != kv.Value:
			lost = append(lost, fmt.Sprintf("%s=%q is now %q", kv.Key, kv.Value, n.Labels[i].Value))
		}
	}
	if len(lost) > 0 {
		c.add(Change{Code: diag.DiffAlertLabelsChanged, Breaking: true, Pos: n.Pos, OldPos: o.Pos,
			Msg:     fmt.Sprintf("alert %s: %s", n.Name, strings.Join(lost, ", ")),
			Outside: "Alertmanager routes, receivers, inhibit rules and silences that match the old labels route or silence it differently"})
	}
	var changed []string
	if !c.sameExpr(o.Expr, n.Expr) {
		changed = append(changed, exprChange(o.Expr, n.Expr))
	}
	if o.For != n.For {
		changed = append(changed, fmt.Sprintf("for %s is now %s", durOrZero(o.For), durOrZero(n.For)))
	}
	if o.KeepFiringFor != n.KeepFiringFor {
		changed = append(changed, fmt.Sprintf("keep_firing_for %s is now %s", durOrZero(o.KeepFiringFor), durOrZero(n.KeepFiringFor)))
	}
	for _, kv := range n.Labels {
		if !slices.ContainsFunc(o.Labels, func(w model.KV) bool { return w.Key == kv.Key }) {
			changed = append(changed, fmt.Sprintf("new label %s=%q", kv.Key, kv.Value))
		}
	}
	if !slices.Equal(o.Annotations, n.Annotations) {
		changed = append(changed, "annotations changed")
	}
	if len(changed) > 0 {
		c.add(Change{Code: diag.DiffAlertChanged, Pos: n.Pos, OldPos: o.Pos, Msg: fmt.Sprintf("alert %s: %s", n.Name, strings.Join(changed, "; "))})
	}
}

func (c *comparer) slos() {
	kept, removed, added := match(c.old.SLOs, c.new.SLOs, func(o *model.SLO) string { return o.Name })
	for _, p := range kept {
		c.slo(p.old, p.new)
	}
	for _, o := range removed {
		var ms []string
		deprecatedOnly := len(o.SLI.Exprs) > 0
		for _, e := range o.SLI.Exprs {
			names, ok := c.onlyDeprecated(e)
			deprecatedOnly = deprecatedOnly && ok
			ms = append(ms, names...)
		}
		if deprecatedOnly {
			c.add(Change{Code: diag.DiffSLORemoved, Section: "slos", OldPos: sloPos(o),
				Msg: fmt.Sprintf("SLO %s is removed with the deprecated metrics it measured (%s)", o.Name, strings.Join(ms, ", "))})
			continue
		}
		c.add(Change{Code: diag.DiffSLORemoved, Breaking: true, Section: "slos", OldPos: sloPos(o),
			Msg:     fmt.Sprintf("SLO %s is removed, with its burn-rate and budget alerts", o.Name),
			Outside: fmt.Sprintf("whoever its alerts paged is no longer paged; Alertmanager routes and silences matching slo=%q, error-budget reports and dashboards that read its recorded series refer to nothing", o.Name)})
	}
	for _, n := range added {
		c.add(Change{Code: diag.DiffSLOAdded, Pos: sloPos(n), Section: "slos", Msg: fmt.Sprintf("SLO %s (%s%% over %s) is new", n.Name, n.ObjectiveText(), model.Duration(n.Window))})
	}
}

// sloPos is where an SLO's SLI is in the spec (the model keeps no position of the SLO itself).
func sloPos(o *model.SLO) diag.Pos {
	if len(o.SLI.Exprs) > 0 {
		return o.SLI.Exprs[0].Pos
	}
	return diag.Pos{}
}

func (c *comparer) slo(o, n *model.SLO) {
	oa, na := o.Alerting, n.Alerting
	var lost []string
	if oa.PageSeverity != na.PageSeverity {
		lost = append(lost, fmt.Sprintf("page severity %q is now %q", oa.PageSeverity, na.PageSeverity))
	}
	if oa.TicketSeverity != na.TicketSeverity {
		lost = append(lost, fmt.Sprintf("ticket severity %q is now %q", oa.TicketSeverity, na.TicketSeverity))
	}
	for _, kv := range oa.Labels {
		i := slices.IndexFunc(na.Labels, func(w model.KV) bool { return w.Key == kv.Key })
		switch {
		case i < 0:
			lost = append(lost, fmt.Sprintf("label %s=%q is gone", kv.Key, kv.Value))
		case na.Labels[i].Value != kv.Value:
			lost = append(lost, fmt.Sprintf("label %s=%q is now %q", kv.Key, kv.Value, na.Labels[i].Value))
		}
	}
	if len(lost) > 0 {
		c.add(Change{Code: diag.DiffSLOAlertingChanged, Breaking: true, Pos: sloPos(n), OldPos: sloPos(o),
			Msg:     fmt.Sprintf("SLO %s's alerts: %s", n.Name, strings.Join(lost, ", ")),
			Outside: "Alertmanager routes, receivers, inhibit rules and silences that match the old labels route or silence its alerts differently"})
	}
	var changed []string
	if o.Objective != n.Objective {
		changed = append(changed, fmt.Sprintf("objective %s%% is now %s%%", o.ObjectiveText(), n.ObjectiveText()))
	}
	if o.Window != n.Window {
		changed = append(changed, fmt.Sprintf("window %s is now %s", model.Duration(o.Window), model.Duration(n.Window)))
	}
	if !slices.Equal(o.By, n.By) {
		changed = append(changed, fmt.Sprintf("by %s is now %s", braces(o.By), braces(n.By)))
	}
	if len(o.SLI.Exprs) != len(n.SLI.Exprs) || slices.ContainsFunc(o.SLI.Exprs, func(e *model.Expr) bool {
		i := slices.Index(o.SLI.Exprs, e)
		return !c.sameExpr(e, n.SLI.Exprs[i])
	}) {
		changed = append(changed, "SLI changed")
	}
	if oa.Runbook != na.Runbook || oa.MinEvents != na.MinEvents || o.Description != n.Description {
		changed = append(changed, "description, runbook or minimum events changed")
	}
	if len(changed) > 0 {
		c.add(Change{Code: diag.DiffSLOChanged, Pos: sloPos(n), OldPos: sloPos(o), Msg: fmt.Sprintf("SLO %s: %s (its alerts' thresholds follow)", n.Name, strings.Join(changed, "; "))})
	}
}

func durOrZero(d model.Duration) string {
	if d == 0 {
		return "0s"
	}
	return d.String()
}

// exprChange says how an alert's expression changed: its thresholds when only they did.
func exprChange(o, n *model.Expr) string {
	if len(o.Comparisons) == len(n.Comparisons) && len(o.Comparisons) > 0 && withoutThresholds(o) == withoutThresholds(n) {
		var th []string
		for i, oc := range o.Comparisons {
			nc := n.Comparisons[i]
			if oc.Op != nc.Op || oc.Value != nc.Value {
				th = append(th, fmt.Sprintf("%s %s is now %s %s", oc.Op, fmtBound(oc.Value), nc.Op, fmtBound(nc.Value)))
			}
		}
		if len(th) > 0 {
			return "threshold " + strings.Join(th, ", ")
		}
	}
	return "expression changed"
}

var number = lazyregexp.New(`[0-9][0-9.]*([eE][-+]?[0-9]+)?`)

// withoutThresholds is an expression's text without blank space, comparison operators and
// the numbers it compares with: equal for two expressions that differ only in thresholds.
func withoutThresholds(e *model.Expr) string {
	s := number.ReplaceAllStringFunc(e.Text, func(lit string) string {
		f, err := strconv.ParseFloat(lit, 64)
		if err == nil && slices.ContainsFunc(e.Comparisons, func(c *model.Comparison) bool { return c.Value == f }) {
			return "#"
		}
		return lit
	})
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(" \t\n<>=", r) {
			return -1
		}
		return r
	}, s)
}

func (c *comparer) dashboard() {
	o, n := c.old.Dashboard, c.new.Dashboard
	var changed []string
	if o.Title != n.Title {
		changed = append(changed, fmt.Sprintf("title %q is now %q", o.Title, n.Title))
	}
	if !slices.Equal(o.Tags, n.Tags) {
		changed = append(changed, "tags changed")
	}
	if groupsKey(o) != groupsKey(n) {
		changed = append(changed, "rows changed")
	}
	oldP := map[string]*model.Panel{}
	for _, p := range o.Panels {
		oldP[p.Title] = p
	}
	var newPanels, changedPanels []string
	var pos diag.Pos
	for _, p := range n.Panels {
		op, ok := oldP[p.Title]
		delete(oldP, p.Title)
		switch {
		case !ok:
			newPanels = append(newPanels, strconv.Quote(p.Title))
		case panelKey(op) != panelKey(p) || !c.sameExpr(op.Expr, p.Expr):
			changedPanels = append(changedPanels, strconv.Quote(p.Title))
		default:
			continue
		}
		if pos.Line == 0 {
			pos = p.Pos
		}
	}
	var gone []string
	for _, p := range o.Panels {
		if _, ok := oldP[p.Title]; ok {
			gone = append(gone, strconv.Quote(p.Title))
		}
	}
	if len(newPanels) > 0 {
		changed = append(changed, "new panels "+strings.Join(newPanels, ", "))
	}
	if len(changedPanels) > 0 {
		changed = append(changed, "changed panels "+strings.Join(changedPanels, ", "))
	}
	if len(gone) > 0 {
		changed = append(changed, "removed panels "+strings.Join(gone, ", "))
	}
	if len(changed) > 0 {
		c.add(Change{Code: diag.DiffDashboardChanged, Pos: pos, Section: "dashboard", Msg: "dashboard: " + strings.Join(changed, "; ")})
	}
}

func groupsKey(d model.Dashboard) string {
	var b strings.Builder
	for _, g := range d.Groups {
		b.WriteString(g.Title + "\x00")
		for _, m := range g.Metrics {
			b.WriteString(m.Name + "\x01")
		}
	}
	return b.String()
}

func panelKey(p *model.Panel) string {
	return strings.Join([]string{p.Type, p.Unit, p.Description, p.Legend, p.Row}, "\x00")
}

// strength orders redaction actions from weakest to strongest: mask shows part of the value,
// hash a stable token that links records, redact a placeholder, remove nothing at all.
var strength = map[model.RedactAction]int{model.Mask: 1, model.Hash: 2, model.Redact: 3, model.Remove: 4}

func (c *comparer) logging() {
	rules := func(s *model.Spec) []*model.RedactRule {
		if s.Logging == nil {
			return nil
		}
		return s.Logging.Rules
	}
	find := func(rs []*model.RedactRule, key string) *model.RedactRule {
		for _, r := range rs {
			if strings.EqualFold(r.Key, key) {
				return r
			}
		}
		return nil
	}
	or, nr := rules(c.old), rules(c.new)
	for _, o := range or {
		n := find(nr, o.Key)
		switch {
		case n == nil:
			c.add(Change{Code: diag.DiffRedactionWeakened, Breaking: true, Section: "logging", OldPos: o.Pos,
				Msg:     fmt.Sprintf("log attributes %q are no longer redacted (they were: %s)", o.Key, o.Action),
				Outside: "from the next deploy, logs carry these values in clear, and log pipelines, indexes and backups keep them"})
		case strength[n.Action] < strength[o.Action] || n.Action == model.Mask && o.Action == model.Mask && n.Keep > o.Keep:
			c.add(Change{Code: diag.DiffRedactionWeakened, Breaking: true, Pos: n.Pos, OldPos: o.Pos,
				Msg:     fmt.Sprintf("log attributes %q are redacted less: %s is now %s", o.Key, action(o), action(n)),
				Outside: "from the next deploy, logs show more of these values, and log pipelines, indexes and backups keep them"})
		case n.Action != o.Action || n.Keep != o.Keep:
			c.add(Change{Code: diag.DiffRedactionChanged, Pos: n.Pos, OldPos: o.Pos, Msg: fmt.Sprintf("log attributes %q are redacted more: %s is now %s", o.Key, action(o), action(n))})
		}
	}
	for _, n := range nr {
		if find(or, n.Key) == nil {
			c.add(Change{Code: diag.DiffRedactionChanged, Pos: n.Pos, Msg: fmt.Sprintf("log attributes %q are now redacted (%s)", n.Key, action(n))})
		}
	}
	if c.old.Logging != nil && c.new.Logging != nil && c.old.Logging.HashKeyEnv != c.new.Logging.HashKeyEnv {
		c.add(Change{Code: diag.DiffRedactionChanged, Section: "logging", Msg: fmt.Sprintf("the hash key comes from $%s, not $%s: hashed values change unless both hold the same key", c.new.Logging.HashKeyEnv, c.old.Logging.HashKeyEnv)})
	}
}

func action(r *model.RedactRule) string {
	if r.Action == model.Mask {
		return fmt.Sprintf("mask (keep %d)", r.Keep)
	}
	return string(r.Action)
}

func (c *comparer) tests() {
	key := func(s *model.Spec) []string {
		var out []string
		for _, t := range s.Tests {
			k := fmt.Sprintf("%s\x00%s\x00%d\x00%d", t.Name, t.Interval, len(t.InputSeries), len(t.AlertTests))
			for _, in := range t.InputSeries {
				k += "\x00" + in.Series + "\x00" + in.Values
			}
			for _, et := range t.ExprTests {
				k += "\x00" + normExpr(et.Expr)
			}
			out = append(out, k)
		}
		return out
	}
	o, n := key(c.old), key(c.new)
	if !slices.Equal(o, n) {
		c.add(Change{Code: diag.DiffTestsChanged, Section: "tests", Msg: fmt.Sprintf("rule tests changed (%d before, %d now)", len(o), len(n))})
	}
}

// Package initspec owns `metricgen init`: drafting a spec from what a service already has (an
// exposition of its metrics, its Prometheus rules, its Grafana dashboard), with a comment on
// every guess, and validating the draft so that its diagnostics are the to-do list. The draft
// is deterministic: the same inputs give the same bytes.
package initspec

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/metricgen/metricgen/internal/adopt/exposition"
	"github.com/metricgen/metricgen/internal/adopt/grafana"
	"github.com/metricgen/metricgen/internal/adopt/promrules"
	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/promql"
	"github.com/metricgen/metricgen/internal/targets"
	"github.com/metricgen/metricgen/internal/validate"
)

// Input is what a draft is made from.
type Input struct {
	// MetricsSource names the exposition in the draft's header (a file or URL).
	MetricsSource string
	Exposition    *exposition.Exposition
	Rules         []RuleFile
	Dashboard     *DashboardFile
	// Namespace overrides the guess from the common prefix when set.
	Namespace string
	// Path is where the draft will be written ("" for standard output): diagnostics name it,
	// and the output paths are checked relative to its folder.
	Path string
}

// RuleFile is one imported rule file.
type RuleFile struct {
	Path   string
	Groups []promrules.Group
}

// DashboardFile is the imported dashboard.
type DashboardFile struct {
	Path      string
	Dashboard *grafana.Dashboard
}

// Result is a draft and what validation says about it.
type Result struct {
	Spec  []byte
	Diags []diag.Diagnostic
	Stats Stats
}

// Stats count what the draft holds, for the summary `metricgen init` prints.
type Stats struct {
	Families   int // in the exposition
	Metrics    int // spec metrics
	Histograms int
	Buckets    int // classic bucket bounds over all histograms
	Labels     int
	Enums      int
	External   int
	LeftOut    int // library families not in the draft
	Alerts     int
	Records    int
	Panels     int
}

// Draft drafts a spec from in and validates it. A metric whose declaration validation
// rejects (a counter without _total, a label that is personal data, ...) cannot become a spec
// metric without being renamed, which would break its users: it moves to external_metrics
// with the reason, and the draft is validated again.
func Draft(in Input) (*Result, error) {
	path := in.Path
	if path == "" {
		path = "metrics.yaml"
	}
	b := newBuilder(in)
	var res *Result
	for round := 0; ; round++ {
		d := b.draft()
		r := d.render()
		s, ds := validate.Source(path, r.src, validate.Options{OutRoot: filepath.Dir(path), Targets: targets.All})
		_ = s
		moved := false
		if round < 5 {
			moved = b.demote(r, ds)
		}
		if !moved {
			res = &Result{Spec: r.src, Diags: ds, Stats: d.stats(b)}
			break
		}
	}
	return res, nil
}

// builder holds what the inputs say and the decisions that rounds of validation change.
type builder struct {
	in        Input
	namespace string
	nsNote    string
	own       []*exposition.Family // families under the namespace
	other     []*exposition.Family // the service's families outside the namespace
	libs      []*exposition.Family // library families
	utf8      []string             // names that are not legacy Prometheus names
	demoted   map[string]string    // family name -> why it is external
	dropped   map[string]string    // label name -> why metrics using it are external
	// The naming checks silenced by an ignore comment, by metric (full name) and label.
	metricIgnores map[string][]string
	labelIgnores  map[string][]string
	refs          map[string]bool // names the imported rules and panels select
}

func newBuilder(in Input) *builder {
	b := &builder{in: in, demoted: map[string]string{}, dropped: map[string]string{}, refs: map[string]bool{},
		metricIgnores: map[string][]string{}, labelIgnores: map[string][]string{}}
	var fams []*exposition.Family
	if in.Exposition != nil {
		fams = in.Exposition.Families
	}
	var service []*exposition.Family
	for _, f := range fams {
		switch {
		case !legacyName.MatchString(f.Name) || slices.ContainsFunc(f.LabelNames(), func(l string) bool { return !legacyLab.MatchString(l) }):
			b.utf8 = append(b.utf8, f.Name)
		case library(f.Name) != "":
			b.libs = append(b.libs, f)
		default:
			service = append(service, f)
		}
	}
	for _, rf := range in.Rules {
		for _, g := range rf.Groups {
			for _, r := range g.Rules {
				b.reference(r.Expr, false)
			}
		}
	}
	if in.Dashboard != nil {
		for _, p := range in.Dashboard.Dashboard.Panels {
			b.reference(p.Expr, true)
		}
	}
	ns, n := guessNamespace(service)
	switch {
	case in.Namespace != "":
		ns = in.Namespace
	case len(service) == 0 && len(b.refs) > 0:
		// No exposition, or one of libraries only: the rules and panels name the metrics.
		var used []*exposition.Family
		for name := range b.refs {
			if library(name) == "" && !strings.Contains(name, ":") {
				used = append(used, &exposition.Family{Name: name})
			}
		}
		if ns, n = guessNamespace(used); ns != "" {
			b.nsNote = fmt.Sprintf("guess: the prefix of %d of the %d metrics the imported rules and panels use", n, len(used))
			break
		}
		fallthrough
	case ns == "":
		ns = "app"
		b.nsNote = "guess: no metric name starts with a shared prefix; choose the namespace every metric of this service will start with"
	default:
		b.nsNote = fmt.Sprintf("guess: the prefix of %d of the service's %d metrics", n, len(service))
	}
	b.namespace = ns
	for _, f := range service {
		if strings.HasPrefix(f.Name, ns+"_") {
			b.own = append(b.own, f)
		} else {
			b.other = append(b.other, f)
		}
	}
	return b
}

// reference records the metric names an expression selects.
func (b *builder) reference(expr string, dashboard bool) {
	if dashboard {
		expr, _ = promql.SubstituteGrafana(expr)
	}
	e, err := promql.ParseExpr(expr)
	if err != nil {
		return // validation reports it
	}
	promql.Inspect(e, func(n promql.Node, _ []promql.Node) error {
		vs, ok := n.(*promql.VectorSelector)
		if !ok {
			return nil
		}
		if vs.Name != "" {
			b.refs[vs.Name] = true
		}
		for _, m := range vs.LabelMatchers {
			if m.Name == "__name__" && m.Type.String() == "=" {
				b.refs[m.Value] = true
			}
		}
		return nil
	})
}

// referenced reports whether an imported expression selects a series of family f.
func (b *builder) referenced(f *exposition.Family) bool {
	if b.refs[f.Name] {
		return true
	}
	switch f.Type {
	case exposition.Histogram, exposition.GaugeHistogram:
		return b.refs[f.Name+"_bucket"] || b.refs[f.Name+"_sum"] || b.refs[f.Name+"_count"]
	case exposition.Summary:
		return b.refs[f.Name+"_sum"] || b.refs[f.Name+"_count"]
	}
	return false
}

// draft assembles the draft from the inputs and the current decisions.
func (b *builder) draft() *draft {
	d := &draft{namespace: b.namespace, nsNote: b.nsNote}
	d.service, d.svcNote = b.service()
	d.goPackage = strings.ReplaceAll(b.namespace, "_", "") + "metrics"
	d.header = b.header()

	labels := map[string]map[string]bool{}
	infoOnly := map[string]bool{}
	for _, f := range b.own {
		if _, out := b.demoted[f.Name]; out {
			continue
		}
		m, why := specMetric(f, strings.TrimPrefix(f.Name, b.namespace+"_"))
		if m == nil {
			b.demoted[f.Name] = why
			continue
		}
		if l := slices.IndexFunc(m.labels, func(l string) bool { return b.dropped[l] != "" }); l >= 0 {
			b.demoted[f.Name] = b.dropped[m.labels[l]]
			continue
		}
		for _, ln := range m.labels {
			if labels[ln] == nil {
				labels[ln] = map[string]bool{}
				infoOnly[ln] = true
			}
			infoOnly[ln] = infoOnly[ln] && m.typ == "gauge" && strings.HasSuffix(m.key, "_info")
			for _, v := range f.Labels[ln] {
				labels[ln][strings.ToValidUTF8(v, "\uFFFD")] = true
			}
		}
		m.ignores = b.metricIgnores[f.Name]
		d.metrics = append(d.metrics, m)
	}
	byName := map[string]*label{}
	for name, vs := range labels {
		values := make([]string, 0, len(vs))
		for v := range vs {
			values = append(values, v)
		}
		slices.Sort(values)
		l := labelGuess(name, values, infoOnly[name])
		l.ignores = b.labelIgnores[name]
		byName[name] = l
		d.labels = append(d.labels, l)
	}
	slices.SortFunc(d.labels, func(x, y *label) int { return cmp.Compare(x.name, y.name) })
	for _, m := range d.metrics {
		if n := seriesBudget(m, byName); n > 1000 {
			m.maxSeries = n
			m.notes = append(m.notes, fmt.Sprintf("max_series acknowledges the %d series its guessed labels allow; lower max_values where you know better", n))
		}
	}
	b.externals(d)
	b.rules(d)
	b.dashboard(d)
	d.outputs, d.outNote = b.outputs(d)
	return d
}

// externals lists the families that are not spec metrics but that the spec's expressions may
// use, and says what was left out.
func (b *builder) externals(d *draft) {
	for _, f := range b.own {
		if why, ok := b.demoted[f.Name]; ok {
			d.external = append(d.external, externalOf(f, "the service's own, kept external: "+why))
		}
	}
	for _, f := range b.other {
		d.external = append(d.external, externalOf(f, fmt.Sprintf("the service's own, kept external: the name does not start with the namespace %q, and metricgen generates only %s_* metrics (renaming it would break its users)", b.namespace, b.namespace)))
	}
	byWho := map[string][]string{}
	var who []string
	for _, f := range b.libs {
		if b.referenced(f) {
			d.external = append(d.external, externalOf(f, "exposed by "+library(f.Name)+"; an imported rule or panel uses it"))
			continue
		}
		w := library(f.Name)
		if byWho[w] == nil {
			who = append(who, w)
		}
		byWho[w] = append(byWho[w], f.Name)
	}
	have := map[string]bool{}
	for _, e := range d.external {
		have[e.name] = true
	}
	for _, f := range b.in.exposed() {
		have[f] = true
	}
	for name, help := range scrapeSeries {
		if b.refs[name] && !have[name] {
			d.external = append(d.external, &external{name: name, typ: "gauge", help: help, note: "added by Prometheus at scrape time; an imported rule or panel uses it"})
		}
	}
	slices.SortFunc(d.external, func(x, y *external) int { return cmp.Compare(x.name, y.name) })
	if len(who) > 0 || len(b.utf8) > 0 {
		note := "Left out: the series that libraries expose, which the service does not define:"
		slices.Sort(who)
		for _, w := range who {
			names := byWho[w]
			note += fmt.Sprintf("\n  %d from %s (%s)", len(names), w, examples(names, 2))
		}
		if len(b.utf8) > 0 {
			note += fmt.Sprintf("\n  %d with names that are not classic Prometheus names (%s): the spec's names are snake_case", len(b.utf8), examples(b.utf8, 2))
		}
		note += "\nDeclare one here when a rule or panel needs it."
		d.extNote = append(d.extNote, note)
	}
}

// exposed returns the names of every family of the exposition.
func (in Input) exposed() []string {
	if in.Exposition == nil {
		return nil
	}
	var out []string
	for _, f := range in.Exposition.Families {
		out = append(out, f.Name)
	}
	return out
}

// service guesses the service's name.
func (b *builder) service() (string, string) {
	return strings.ReplaceAll(b.namespace, "_", "-"), "guess: from the namespace; the service names the dashboard and the rule group, and every generated alert gets the label service: <service>"
}

func (b *builder) header() []string {
	h := []string{"Draft written by `metricgen init` from:"}
	if b.in.MetricsSource != "" {
		n := 0
		format := "text format"
		if b.in.Exposition != nil {
			n = len(b.in.Exposition.Families)
			if b.in.Exposition.Format == "openmetrics" {
				format = "OpenMetrics"
			}
		}
		h[0] += fmt.Sprintf("\n  metrics: %s (%s, %s)", b.in.MetricsSource, format, plural(n, "metric family"))
	}
	for _, rf := range b.in.Rules {
		alerts, records := 0, 0
		for _, g := range rf.Groups {
			for _, r := range g.Rules {
				if r.Alert != "" {
					alerts++
				} else {
					records++
				}
			}
		}
		h[0] += fmt.Sprintf("\n  rules: %s (%s, %s)", rf.Path, plural(alerts, "alert"), plural(records, "recording rule"))
	}
	if df := b.in.Dashboard; df != nil {
		h[0] += fmt.Sprintf("\n  dashboard: %s (%s)", df.Path, plural(len(df.Dashboard.Panels), "PromQL query"))
	}
	h = append(h, "Comments starting with \"guess:\" mark what the exposition could not say for sure: check each. Labels are listed alphabetically, and the generated methods take them in the order a metric lists them. Then run `metricgen validate` on this file: its diagnostics are the to-do list.")
	return h
}

// outputs proposes where generate writes.
func (b *builder) outputs(d *draft) ([]kv, string) {
	var out []kv
	if len(d.alerts)+len(d.records) > 0 {
		out = append(out, kv{"rules", "prometheus/" + d.service + ".rules.yml"})
	}
	out = append(out, kv{"dashboard", "grafana/" + d.service + ".json"}, kv{"docs", "docs/" + d.service + "-metrics.md"})
	note := "Paths are relative to this file's folder (or to --out DIR). generate never overwrites a file it did not write: the generated rules and dashboard sit beside the imported ones until you retire those."
	return out, note
}

// keepName is the reason of the ignore comments that keep a service's existing names.
const keepName = "the name the service exposes today; renaming it would break its users"

// demote settles what validation rejects in the draft's metrics and labels. A naming check
// that may be silenced (a counter without _total, a name that is not snake_case, a unit
// suffix) gets an ignore comment: the name is the one the service exposes, and renaming it
// would break its users. Any other error moves the metric to external_metrics (a label's, every
// metric using the label). It reports whether anything changed.
func (b *builder) demote(r rendered, ds []diag.Diagnostic) bool {
	changed := false
	for _, d := range ds {
		keep := false
		if c, ok := diag.Lookup(d.Code); ok && c.Ignorable && d.Code.Category() == "naming" {
			keep = true
		} else if d.Severity != diag.Error {
			continue
		}
		for key, sp := range r.metrics {
			if d.Line < sp.first || d.Line > sp.last {
				continue
			}
			name := b.namespace + "_" + key
			switch _, done := b.demoted[name]; {
			case done:
			case keep:
				changed = addCode(b.metricIgnores, name, d.Code) || changed
			default:
				b.demoted[name] = fmt.Sprintf("metricgen would reject it as it is (%s: %s)", d.Code, d.Msg)
				changed = true
			}
		}
		for name, sp := range r.labels {
			if d.Line < sp.first || d.Line > sp.last || b.dropped[name] != "" {
				continue
			}
			if keep {
				changed = addCode(b.labelIgnores, name, d.Code) || changed
				continue
			}
			b.dropped[name] = fmt.Sprintf("metricgen would reject its label %q (%s: %s)", name, d.Code, d.Msg)
			changed = true
		}
	}
	return changed
}

// addCode adds code to m[key] unless it is there; it reports whether it added it.
func addCode(m map[string][]string, key string, code diag.Code) bool {
	if slices.Contains(m[key], string(code)) {
		return false
	}
	m[key] = append(m[key], string(code))
	slices.Sort(m[key])
	return true
}

// Summary says in one line what the draft named name holds and what is left to do.
func (r *Result) Summary(name string) string {
	s := r.Stats
	errs, warns := 0, 0
	for _, d := range r.Diags {
		if d.Severity == diag.Error {
			errs++
		} else {
			warns++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s (%s, %s), %s (%s), %s", name, plural(s.Metrics, "metric"), plural(s.Histograms, "histogram"),
		plural(s.Buckets, "bucket bound"), plural(s.Labels, "label"), plural(s.Enums, "enum"), plural(s.External, "external metric"))
	if s.LeftOut > 0 {
		fmt.Fprintf(&b, ", %s left out", plural(s.LeftOut, "library metric"))
	}
	if s.Alerts+s.Records+s.Panels > 0 {
		fmt.Fprintf(&b, ", %s, %s, %s", plural(s.Alerts, "alert"), plural(s.Records, "recording rule"), plural(s.Panels, "panel"))
	}
	if errs+warns == 0 {
		b.WriteString("; validation found nothing to fix")
	} else {
		fmt.Fprintf(&b, "; to do: %s and %s", plural(errs, "error"), plural(warns, "warning"))
	}
	return b.String()
}

// plural writes n and the noun, in the plural unless n is 1.
func plural(n int, noun string) string {
	switch {
	case n == 1:
		return "1 " + noun
	case strings.HasSuffix(noun, "y"):
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func (d *draft) stats(b *builder) Stats {
	s := Stats{Metrics: len(d.metrics), Labels: len(d.labels), External: len(d.external), Alerts: len(d.alerts), Records: len(d.records), Panels: len(d.panels)}
	if b.in.Exposition != nil {
		s.Families = len(b.in.Exposition.Families)
	}
	for _, m := range d.metrics {
		if m.typ == "histogram" {
			s.Histograms++
			s.Buckets += len(m.buckets)
		}
	}
	for _, l := range d.labels {
		if l.values != nil {
			s.Enums++
		}
	}
	for _, f := range b.libs {
		if !b.referenced(f) {
			s.LeftOut++
		}
	}
	return s
}

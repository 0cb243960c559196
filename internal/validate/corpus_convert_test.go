package validate

// The converter of the rule corpus (testdata/rules): a Prometheus rule file, or a
// PrometheusRule resource, becomes a spec whose every metric is an external metric, so that
// metricgen checks real, production rules exactly as a team importing them would meet it.
//
// Faithful means: every alert and recording rule is kept as written (name, expression, for,
// keep_firing_for, labels, annotations), and what a rule file does not say is inferred from
// the rules alone, never from what the checker would like to see:
//
//   - a metric's labels are those the rules show it carries: its matchers, and every label
//     that a by/without, on/ignoring, group_left/right, label_replace/label_join source or
//     alert template reads from the series the metric provides (followed through the
//     expression the way Prometheus computes result labels, so a label read above a
//     `sum by (x)` is not pinned on the metric below it);
//   - its type: a histogram for names used as <base>_bucket, a counter for _total names and
//     for names only read through rate, irate, increase or resets, untyped for a lone _sum or
//     _count, a gauge otherwise;
//   - the spec format needs one metric of its own and a service name: the converter adds a
//     placeholder counter nobody reads, and names the service after the source file.
//
// The target labels job and instance are on every series and are not listed.

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/promql"
)

// corpusSource is one entry of testdata/rules/sources.yaml: a rule file and where it comes from.
type corpusSource struct {
	File   string `yaml:"file"` // under testdata/rules/sources
	Repo   string `yaml:"repo"`
	Path   string `yaml:"path"`
	Commit string `yaml:"commit"`
}

// sourceRule is one rule as a rule file writes it.
type sourceRule struct {
	Alert         string    `yaml:"alert"`
	Record        string    `yaml:"record"`
	Expr          string    `yaml:"expr"`
	For           string    `yaml:"for"`
	KeepFiringFor string    `yaml:"keep_firing_for"`
	Labels        yaml.Node `yaml:"labels"`
	Annotations   yaml.Node `yaml:"annotations"`
}

type sourceGroup struct {
	Name  string       `yaml:"name"`
	Rules []sourceRule `yaml:"rules"`
}

// sourceFile is a rule file (groups:) or a PrometheusRule (spec.groups:).
type sourceFile struct {
	Groups []sourceGroup `yaml:"groups"`
	Spec   struct {
		Groups []sourceGroup `yaml:"groups"`
	} `yaml:"spec"`
}

// srcKV is one entry of a rule's labels or annotations, in source order.
type srcKV struct{ k, v string }

func pairs(n yaml.Node) []srcKV {
	var out []srcKV
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, srcKV{n.Content[i].Value, n.Content[i+1].Value})
	}
	return out
}

// convertRules turns a rule file into a spec. header is written as comments at the top.
func convertRules(service string, src []byte, header []string) ([]byte, error) {
	var sf sourceFile
	if err := yaml.Unmarshal(src, &sf); err != nil {
		return nil, err
	}
	groups := sf.Groups
	if len(groups) == 0 {
		groups = sf.Spec.Groups
	}
	var rules []sourceRule
	for _, g := range groups {
		rules = append(rules, g.Rules...)
	}
	inf := newInference()
	for _, r := range rules {
		if r.Record != "" {
			inf.records[r.Record] = append(inf.records[r.Record], r)
		}
	}
	for _, r := range rules {
		inf.rule(r)
	}
	inf.unify()
	inf.finish()

	doc := yMap()
	yPut(doc, "version", yScalar("1"))
	yPut(doc, "namespace", yScalar("corpus"))
	yPut(doc, "service", yScalar(service))
	metrics := yMap()
	yPut(metrics, "converted_rules_total", yFlow(yMap(
		"type", yScalar("counter"),
		"help", yScalar("Placeholder: the spec format needs one metric of its own; no rule reads it"))))
	yPut(doc, "metrics", metrics)
	if names := inf.metricNames(); len(names) > 0 {
		ext := yMap()
		for _, name := range names {
			m := inf.metrics[name]
			e := yMap("type", yScalar(m.typ))
			if len(m.labels) > 0 {
				e.Content = append(e.Content, yScalar("labels"), yFlow(ySeq(m.labels...)))
			}
			yPut(ext, name, yFlow(e))
		}
		yPut(doc, "external_metrics", ext)
	}
	if len(groups) > 0 {
		yPut(doc, "rule_group", yFlow(yMap("name", yScalar(groups[0].Name))))
	}
	var alerts, records []*yaml.Node
	for _, r := range rules {
		if r.Alert != "" {
			alerts = append(alerts, convertAlert(r))
		} else if r.Record != "" {
			records = append(records, convertRecord(r))
		}
	}
	if len(alerts) > 0 {
		yPut(doc, "alerts", ySeqOf(alerts))
	}
	if len(records) > 0 {
		yPut(doc, "recording_rules", ySeqOf(records))
	}

	var b bytes.Buffer
	for _, h := range header {
		fmt.Fprintf(&b, "# %s\n", h)
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// severityValue is what the spec's severity key accepts; other values stay in labels.
func severityValue(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	return strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-')
	}) < 0
}

func convertAlert(r sourceRule) *yaml.Node {
	a := yMap("alert", yScalar(r.Alert), "expr", yText(r.Expr))
	if r.For != "" {
		yPut(a, "for", yScalar(r.For))
	}
	if r.KeepFiringFor != "" {
		yPut(a, "keep_firing_for", yScalar(r.KeepFiringFor))
	}
	labels := yMap()
	for _, l := range pairs(r.Labels) {
		if l.k == "severity" && severityValue(l.v) {
			yPut(a, "severity", yScalar(l.v))
			continue
		}
		yPut(labels, l.k, yText(l.v))
	}
	if len(labels.Content) > 0 {
		yPut(a, "labels", labels)
	}
	annotations := yMap()
	for _, an := range pairs(r.Annotations) {
		switch an.k {
		case "summary", "description":
			yPut(a, an.k, yText(an.v))
		case "runbook_url":
			yPut(a, "runbook", yText(an.v))
		default:
			yPut(annotations, an.k, yText(an.v))
		}
	}
	if len(annotations.Content) > 0 {
		yPut(a, "annotations", annotations)
	}
	return a
}

func convertRecord(r sourceRule) *yaml.Node {
	n := yMap("record", yScalar(r.Record), "expr", yText(r.Expr))
	if ls := pairs(r.Labels); len(ls) > 0 {
		labels := yMap()
		for _, l := range ls {
			yPut(labels, l.k, yText(l.v))
		}
		yPut(n, "labels", labels)
	}
	return n
}

// YAML node helpers.

func yScalar(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: v} }

// text is a string value; multi-line text is written as a literal block, as rule files do.
func yText(v string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
	if strings.Contains(strings.TrimRight(v, "\n"), "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}

func yMap(kvs ...any) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i+1 < len(kvs); i += 2 {
		yPut(m, kvs[i].(string), kvs[i+1].(*yaml.Node))
	}
	return m
}

func yPut(m *yaml.Node, k string, v *yaml.Node) {
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}, v)
}

func ySeq(vs ...string) *yaml.Node {
	s := &yaml.Node{Kind: yaml.SequenceNode}
	for _, v := range vs {
		s.Content = append(s.Content, yScalar(v))
	}
	return s
}

func ySeqOf(ns []*yaml.Node) *yaml.Node { return &yaml.Node{Kind: yaml.SequenceNode, Content: ns} }

func yFlow(n *yaml.Node) *yaml.Node { n.Style = yaml.FlowStyle; return n }

// inference collects what the rules tell about the metrics they read.
type inference struct {
	records map[string][]sourceRule // recorded name -> the rules recording it
	metrics map[string]*inferred
	uses    map[string]*use // selected name -> how the rules use it
	// recLabels are the labels read from recorded series, to be followed into the
	// expressions that record them.
	recLabels map[string][]string
	exprs     []promql.Expr // every rule's, parsed
	changed   bool          // a label was added since the last pass of unify
}

type inferred struct {
	typ    string
	labels []string
}

type use struct {
	labels   []string
	rated    bool // read through rate, irate, increase or resets
	raw      bool // read otherwise
	quantile bool // selected with a quantile matcher
}

func newInference() *inference {
	return &inference{records: map[string][]sourceRule{}, metrics: map[string]*inferred{}, uses: map[string]*use{}, recLabels: map[string][]string{}}
}

func (in *inference) use(name string) *use {
	u := in.uses[name]
	if u == nil {
		u = &use{}
		in.uses[name] = u
	}
	return u
}

// rule records the uses of one rule's expression and templates.
func (in *inference) rule(r sourceRule) {
	e, err := promql.ParseExpr(r.Expr)
	if err != nil {
		return // the checker reports it
	}
	in.exprs = append(in.exprs, e)
	in.walk(e, false)
	if r.Alert == "" {
		return
	}
	var texts []string
	for _, p := range append(pairs(r.Labels), pairs(r.Annotations)...) {
		texts = append(texts, p.v)
	}
	for _, t := range texts {
		refs, bad := promql.CheckTemplate(t)
		if bad != nil {
			continue
		}
		for _, ref := range refs {
			in.attribute(e, ref.Label)
		}
	}
}

// walk notes every selector's name, its matchers' labels and whether it is rated, and
// attributes the labels each operator reads to the series that provide them.
func (in *inference) walk(n promql.Node, rated bool) {
	switch e := n.(type) {
	case *promql.ParenExpr:
		in.walk(e.Expr, rated)
	case *promql.UnaryExpr:
		in.walk(e.Expr, rated)
	case *promql.SubqueryExpr:
		in.walk(e.Expr, rated)
	case *promql.MatrixSelector:
		in.walk(e.VectorSelector, rated)
	case *promql.VectorSelector:
		name := selectorName(e)
		if name == "" {
			return
		}
		u := in.use(name)
		if rated {
			u.rated = true
		} else {
			u.raw = true
		}
		for _, m := range e.LabelMatchers {
			if m.Name == "__name__" {
				continue
			}
			if m.Name == "quantile" {
				u.quantile = true
			}
			in.label(name, m.Name)
		}
	case *promql.Call:
		name := e.Func.Name
		r := name == "rate" || name == "irate" || name == "increase" || name == "resets"
		for _, a := range e.Args {
			in.walk(a, r)
		}
		switch name {
		case "label_replace":
			if len(e.Args) == 5 {
				if l, ok := stringLit(e.Args[3]); ok && l != "" {
					in.attribute(e.Args[0], l)
				}
			}
		case "label_join":
			for _, a := range e.Args[min(3, len(e.Args)):] {
				if l, ok := stringLit(a); ok && l != "" {
					in.attribute(e.Args[0], l)
				}
			}
		case "sort_by_label", "sort_by_label_desc":
			for _, a := range e.Args[1:] {
				if l, ok := stringLit(a); ok {
					in.attribute(e.Args[0], l)
				}
			}
		}
	case *promql.AggregateExpr:
		in.walk(e.Expr, false)
		if e.Param != nil {
			in.walk(e.Param, false)
		}
		for _, l := range e.Grouping {
			in.attribute(e.Expr, l)
		}
	case *promql.BinaryExpr:
		in.walk(e.LHS, false)
		in.walk(e.RHS, false)
		vm := e.VectorMatching
		if vm == nil || !isVector(e.LHS) || !isVector(e.RHS) {
			return
		}
		// on(l) needs l on both sides; ignoring(l) says a side has it, and the match does
		// not care which.
		for _, l := range vm.MatchingLabels {
			in.attribute(e.LHS, l)
			in.attribute(e.RHS, l)
		}
		one := e.RHS
		if vm.Card.String() == "one-to-many" {
			one = e.LHS
		}
		for _, l := range vm.Include {
			in.attribute(one, l)
		}
	}
}

// attribute notes that the series e returns carry label l, on the selectors whose labels
// reach e's result (Prometheus' rules for result labels); it stops where an operator sets
// or drops l.
func (in *inference) attribute(n promql.Node, l string) {
	if l == "__name__" || l == "job" || l == "instance" {
		return
	}
	switch e := n.(type) {
	case *promql.ParenExpr:
		in.attribute(e.Expr, l)
	case *promql.UnaryExpr:
		in.attribute(e.Expr, l)
	case *promql.SubqueryExpr:
		in.attribute(e.Expr, l)
	case *promql.MatrixSelector:
		in.attribute(e.VectorSelector, l)
	case *promql.VectorSelector:
		if name := selectorName(e); name != "" {
			in.label(name, l)
		}
	case *promql.Call:
		switch e.Func.Name {
		case "absent", "absent_over_time", "vector", "time", "scalar":
			return
		case "label_replace", "label_join":
			if dst, ok := stringLit(e.Args[1]); ok && dst == l {
				return
			}
		}
		for _, a := range e.Args {
			if isVector(a) || isMatrix(a) {
				in.attribute(a, l)
				return
			}
		}
	case *promql.AggregateExpr:
		if e.Op.String() == "count_values" {
			if v, ok := stringLit(e.Param); ok && v == l {
				return
			}
		}
		switch e.Op.String() {
		case "topk", "bottomk", "limitk", "limit_ratio":
			in.attribute(e.Expr, l)
			return
		}
		if slices.Contains(e.Grouping, l) != e.Without {
			in.attribute(e.Expr, l)
		}
	case *promql.BinaryExpr:
		lv, rv := isVector(e.LHS), isVector(e.RHS)
		switch {
		case lv && !rv:
			in.attribute(e.LHS, l)
			return
		case rv && !lv:
			in.attribute(e.RHS, l)
			return
		case !lv && !rv:
			return
		}
		vm := e.VectorMatching
		switch e.Op.String() {
		case "or":
			in.attribute(e.LHS, l)
			in.attribute(e.RHS, l)
			return
		case "and", "unless":
			in.attribute(e.LHS, l)
			return
		}
		listed := slices.Contains(vm.MatchingLabels, l)
		switch vm.Card.String() {
		case "one-to-one":
			if listed == vm.On {
				in.attribute(e.LHS, l)
				in.attribute(e.RHS, l)
			}
		default:
			many, one := e.LHS, e.RHS
			if vm.Card.String() == "one-to-many" {
				many, one = e.RHS, e.LHS
			}
			switch {
			case slices.Contains(vm.Include, l):
				in.attribute(one, l)
			case listed == vm.On:
				in.attribute(many, l)
				in.attribute(one, l)
			default:
				in.attribute(many, l)
			}
		}
	}
}

// label notes that the series of name carry label l: a metric's own label, or one read from
// a recorded series, to be followed into its rules.
func (in *inference) label(name, l string) {
	if l == "__name__" || l == "job" || l == "instance" {
		return
	}
	if _, ok := in.records[name]; ok {
		if !slices.Contains(in.recLabels[name], l) {
			in.recLabels[name] = append(in.recLabels[name], l)
			for _, r := range in.records[name] {
				if slices.ContainsFunc(pairs(r.Labels), func(p srcKV) bool { return p.k == l }) {
					continue // the rule sets it
				}
				if e, err := promql.ParseExpr(r.Expr); err == nil {
					in.attribute(e, l)
				}
			}
		}
		return
	}
	u := in.use(name)
	if !slices.Contains(u.labels, l) {
		u.labels = append(u.labels, l)
		in.changed = true
	}
}

// unify gives both sides of every vector matching the labels the match needs, as far as
// the rules allow: in `a / b` a label known on a must be on b too, or the division would
// never match. A correct rule file is presumed, so the labels go where the match needs them;
// what the expression itself makes impossible (a label aggregated away on one side, a side
// without labels) stays impossible, and the checker reports it.
func (in *inference) unify() {
	for pass := 0; pass < 20; pass++ {
		in.changed = false
		for _, e := range in.exprs {
			promql.Inspect(e, func(n promql.Node, _ []promql.Node) error {
				b, ok := n.(*promql.BinaryExpr)
				if !ok || b.Op.String() == "or" || !isVector(b.LHS) || !isVector(b.RHS) {
					return nil
				}
				L, lok := in.labelsOf(b.LHS, 0)
				R, rok := in.labelsOf(b.RHS, 0)
				if !lok || !rok {
					return nil
				}
				vm := b.VectorMatching
				scope := vm.MatchingLabels
				if !vm.On {
					scope = minusSet(unionSet(L, R), vm.MatchingLabels)
				}
				for _, l := range scope {
					switch {
					case slices.Contains(L, l) && !slices.Contains(R, l):
						in.attribute(b.RHS, l)
					case slices.Contains(R, l) && !slices.Contains(L, l):
						in.attribute(b.LHS, l)
					}
				}
				return nil
			})
		}
		if !in.changed {
			return
		}
	}
}

// labelsOf is the label set of e's result from what is known so far (target labels left
// out); ok is false when it cannot be known.
func (in *inference) labelsOf(n promql.Node, depth int) ([]string, bool) {
	if depth > 50 {
		return nil, false
	}
	switch e := n.(type) {
	case *promql.ParenExpr:
		return in.labelsOf(e.Expr, depth+1)
	case *promql.UnaryExpr:
		return in.labelsOf(e.Expr, depth+1)
	case *promql.SubqueryExpr:
		return in.labelsOf(e.Expr, depth+1)
	case *promql.MatrixSelector:
		return in.labelsOf(e.VectorSelector, depth+1)
	case *promql.VectorSelector:
		name := selectorName(e)
		if name == "" {
			return nil, false
		}
		rules, rec := in.records[name]
		if !rec {
			if u := in.uses[name]; u != nil {
				return slices.Clone(u.labels), true
			}
			return nil, true
		}
		var out []string
		for _, r := range rules {
			re, err := promql.ParseExpr(r.Expr)
			if err != nil {
				return nil, false
			}
			ls, ok := in.labelsOf(re, depth+1)
			if !ok {
				return nil, false
			}
			for _, p := range pairs(r.Labels) {
				ls = unionSet(ls, []string{p.k})
			}
			out = unionSet(out, ls)
		}
		return out, true
	case *promql.Call:
		switch e.Func.Name {
		case "absent", "absent_over_time":
			var out []string
			promql.Inspect(e.Args[0], func(n promql.Node, _ []promql.Node) error {
				if vs, ok := n.(*promql.VectorSelector); ok {
					for _, m := range vs.LabelMatchers {
						if m.Type.String() == "=" && m.Name != "__name__" && m.Name != "job" && m.Name != "instance" {
							out = unionSet(out, []string{m.Name})
						}
					}
				}
				return nil
			})
			return out, true
		case "label_replace", "label_join":
			ls, ok := in.labelsOf(e.Args[0], depth+1)
			if dst, isStr := stringLit(e.Args[1]); isStr && dst != "job" && dst != "instance" {
				ls = unionSet(ls, []string{dst})
			}
			return ls, ok
		case "histogram_quantile":
			ls, ok := in.labelsOf(e.Args[1], depth+1)
			return minusSet(ls, []string{"le"}), ok
		}
		for _, a := range e.Args {
			if isVector(a) || isMatrix(a) {
				return in.labelsOf(a, depth+1)
			}
		}
		return nil, true
	case *promql.AggregateExpr:
		ls, ok := in.labelsOf(e.Expr, depth+1)
		switch e.Op.String() {
		case "topk", "bottomk", "limitk", "limit_ratio":
			return ls, ok
		}
		if e.Without {
			ls = minusSet(ls, e.Grouping)
		} else if ok {
			ls = interSet(ls, e.Grouping)
		} else {
			ls, ok = minusSet(e.Grouping, []string{"job", "instance"}), true
		}
		if e.Op.String() == "count_values" {
			if v, isStr := stringLit(e.Param); isStr {
				ls = unionSet(ls, []string{v})
			}
		}
		return ls, ok
	case *promql.BinaryExpr:
		lv, rv := isVector(e.LHS), isVector(e.RHS)
		switch {
		case lv && !rv:
			return in.labelsOf(e.LHS, depth+1)
		case rv && !lv:
			return in.labelsOf(e.RHS, depth+1)
		case !lv && !rv:
			return nil, true
		}
		L, lok := in.labelsOf(e.LHS, depth+1)
		R, rok := in.labelsOf(e.RHS, depth+1)
		vm := e.VectorMatching
		switch {
		case e.Op.String() == "or":
			return unionSet(L, R), lok && rok
		case e.Op.String() == "and" || e.Op.String() == "unless":
			return L, lok
		case vm.Card.String() == "one-to-one" && vm.On:
			return interSet(L, vm.MatchingLabels), lok
		case vm.Card.String() == "one-to-one":
			return minusSet(L, vm.MatchingLabels), lok
		case vm.Card.String() == "many-to-one":
			return unionSet(L, interSet(R, vm.Include)), lok && rok
		default:
			return unionSet(R, interSet(L, vm.Include)), lok && rok
		}
	}
	return nil, true
}

func unionSet(a, b []string) []string {
	out := slices.Clone(a)
	for _, s := range b {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

func interSet(a, b []string) []string {
	var out []string
	for _, s := range a {
		if slices.Contains(b, s) {
			out = append(out, s)
		}
	}
	return out
}

func minusSet(a, b []string) []string {
	var out []string
	for _, s := range a {
		if !slices.Contains(b, s) {
			out = append(out, s)
		}
	}
	return out
}

// finish turns the uses into metric declarations.
func (in *inference) finish() {
	histograms := map[string]bool{}
	for name := range in.uses {
		if base, ok := strings.CutSuffix(name, "_bucket"); ok {
			if _, rec := in.records[name]; !rec {
				histograms[base] = true
			}
		}
	}
	for name, u := range in.uses {
		if _, rec := in.records[name]; rec {
			continue
		}
		base, family := name, ""
		for _, s := range []string{"_bucket", "_sum", "_count"} {
			if b, ok := strings.CutSuffix(name, s); ok && histograms[b] {
				base, family = b, "histogram"
			}
		}
		var typ string
		switch {
		case family != "":
			typ = family
		case in.uses[name+"_sum"] != nil && in.uses[name+"_count"] != nil && u.quantile:
			typ = "summary"
		case strings.HasSuffix(name, "_total"):
			typ = "counter"
		case strings.HasSuffix(name, "_sum") || strings.HasSuffix(name, "_count"):
			typ = "untyped"
		case u.rated && !u.raw:
			typ = "counter"
		default:
			typ = "gauge"
		}
		if typ == "summary" {
			for _, s := range []string{"_sum", "_count"} {
				in.merge(name, "summary", in.uses[name+s].labels)
			}
		}
		in.merge(base, typ, u.labels)
	}
	for base := range histograms {
		if m := in.metrics[base]; m != nil {
			m.labels = slices.DeleteFunc(m.labels, func(l string) bool { return l == "le" })
		}
	}
	// The _sum and _count of a summary are declared by the summary.
	for name, m := range in.metrics {
		if m.typ != "summary" {
			continue
		}
		delete(in.metrics, name+"_sum")
		delete(in.metrics, name+"_count")
		m.labels = slices.DeleteFunc(m.labels, func(l string) bool { return l == "quantile" })
	}
}

func (in *inference) merge(name, typ string, labels []string) {
	m := in.metrics[name]
	if m == nil {
		m = &inferred{typ: typ}
		in.metrics[name] = m
	}
	if m.typ != typ && typ == "histogram" || typ == "summary" {
		m.typ = typ
	}
	for _, l := range labels {
		if !slices.Contains(m.labels, l) {
			m.labels = append(m.labels, l)
		}
	}
	slices.Sort(m.labels)
}

func (in *inference) metricNames() []string {
	names := make([]string, 0, len(in.metrics))
	for n := range in.metrics {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// selectorName is the metric name a selector fixes, "" for none.
func selectorName(vs *promql.VectorSelector) string {
	if vs.Name != "" {
		return vs.Name
	}
	for _, m := range vs.LabelMatchers {
		if m.Name == "__name__" && m.Type.String() == "=" {
			return m.Value
		}
	}
	return ""
}

func stringLit(e promql.Expr) (string, bool) {
	for {
		p, ok := e.(*promql.ParenExpr)
		if !ok {
			break
		}
		e = p.Expr
	}
	s, ok := e.(*promql.StringLiteral)
	if !ok {
		return "", false
	}
	return s.Val, true
}

func isVector(e promql.Expr) bool { return e != nil && string(e.Type()) == "vector" }
func isMatrix(e promql.Expr) bool { return e != nil && string(e.Type()) == "matrix" }

// readSources reads testdata/rules/sources.yaml.
func readSources(path string) (map[string][]corpusSource, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var sets map[string][]corpusSource
	if err := yaml.Unmarshal(b, &sets); err != nil {
		return nil, err
	}
	return sets, nil
}

package validate

import (
	"slices"
	"strings"

	commonmodel "github.com/prometheus/common/model"
	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/promql"
	"github.com/metricgen/metricgen/internal/spec"
)

// checkExprs checks every PromQL expression and alert template of the spec (alerts, recording
// rules, dashboard.panels, tests' promql_expr_test), reporting at exact positions, and puts
// what it learnt of each expression into the model: each is parsed and analysed here, once.
//
// The catalogue the expressions are checked against comes from the model as far as it was
// built: a metric whose declaration had errors is still known by name, but its labels are not
// checked, so that one mistake is reported once.
func checkExprs(f *spec.File, s *model.Spec, dl *diag.List) {
	if f == nil {
		return
	}
	an := &analyser{f: f, s: s, cat: catalog(s, f), dl: dl}
	recResults := make([]promql.Labels, len(f.Records))
	for i, it := range f.Records {
		r := it.Value
		recordName(r.Record, dl)
		e, res := an.expr(r.Expr, promql.Options{})
		s.Records[i].Expr = e
		recResults[i] = res.Labels
	}
	alertResults := make([]promql.Labels, len(f.Alerts))
	for i, it := range f.Alerts {
		a := it.Value
		e, res := an.expr(a.Expr, promql.Options{Alert: true})
		s.Alerts[i].Expr = e
		alertResults[i] = res.Labels
		ruleLabels := []string{"service"}
		if a.Severity.Set() {
			ruleLabels = append(ruleLabels, "severity")
		}
		for _, e := range a.Labels {
			ruleLabels = append(ruleLabels, e.Key.Value)
		}
		fields := []struct {
			name string
			text spec.String
		}{{"summary", a.Summary}, {"description", a.Description}, {"runbook", a.Runbook}}
		for _, e := range a.Annotations {
			fields = append(fields, struct {
				name string
				text spec.String
			}{"annotations." + e.Key.Value, e.Value})
		}
		for _, e := range a.Labels {
			fields = append(fields, struct {
				name string
				text spec.String
			}{"labels." + e.Key.Value, e.Value})
		}
		for _, fl := range fields {
			checkTemplate(f, fl.name, fl.text, res.Labels, ruleLabels, dl)
			checkTemplateQueries(an, fl.name, fl.text)
		}
	}
	if d := f.Dashboard; d != nil {
		for i, it := range d.Panels {
			e, _ := an.expr(it.Value.Expr, promql.Options{Grafana: true})
			s.Dashboard.Panels[i].Expr = e
		}
	}
	checkSLOs(an, f, s)
	for i, t := range f.Tests {
		for j, et := range t.Value.ExprTests {
			e, _ := an.expr(et.Value.Expr, promql.Options{})
			s.Tests[i].ExprTests[j].Expr = e
		}
	}
	duplicateRules(f, s, alertResults, recResults, dl)
	checkTests(f, s, an.cat, alertResults, dl)
}

// Query analyses a dashboard query of the valid spec s as the compile stage does a panel's
// (Grafana's variables $__rate_interval, $job, ${label:regex}, ... substituted), for tests of
// generated queries: it returns the query's model form and what the checks of checkExprs
// find. Positions are Line 1 and Col the byte offset in expr plus one; File is "".
func Query(s *model.Spec, expr string) (*model.Expr, []diag.Diagnostic) {
	an := &analyser{s: s, cat: catalog(s, nil), dl: &diag.List{}}
	e, _ := an.analyse(expr, promql.Options{Grafana: true}, func(off, end int) diag.Pos {
		return diag.Pos{Line: 1, Col: off + 1, EndLine: 1, EndCol: end + 1}
	})
	return e, an.dl.Diags
}

func isText(s spec.String) bool {
	return s.Set() && s.Node.Kind == yaml.ScalarNode && strings.TrimSpace(s.Value) != ""
}

// add reports a finding about the expression or template in s, mapping its range through
// orig (the inverse of a substitution; nil for none) into the spec file.
func add(dl *diag.List, f *spec.File, s spec.String, fd promql.Finding, orig func(int) int) {
	if orig == nil {
		orig = func(off int) int { return off }
	}
	dl.Report(fd.Code, f.RangeIn(s, orig(fd.Off), orig(fd.End)), fd.Severity, fd.Msg)
}

// checkTemplate parses one annotation or label of an alert as a Prometheus template and checks
// that the labels it reads are labels of the alert's result.
func checkTemplate(f *spec.File, field string, text spec.String, result promql.Labels, ruleLabels []string, dl *diag.List) {
	if !isText(text) {
		return
	}
	refs, bad := promql.CheckTemplate(text.Value)
	if bad != nil {
		fd := *bad
		fd.Msg = field + ": " + fd.Msg
		add(dl, f, text, fd, nil)
		if fd.Code == diag.TemplateSyntax {
			return
		}
	}
	if !result.Known() {
		return
	}
	for _, r := range refs {
		p := f.RangeIn(text, r.Off, r.End)
		if result.Maybe(r.Label) {
			dl.Warnf(diag.TemplateMaybeLabel, p, "%s: $labels.%s is empty when the alert fires from the branch of or that lacks it (only some of the expression's series carry %s; every one carries {%s}); give both branches the label, or write the template for both: {{ with $labels.%s }}...{{ end }}", field, r.Label, r.Label, strings.Join(result.Always(), ", "), r.Label)
			continue
		}
		if result.Has(r.Label) {
			continue
		}
		if slices.Contains(ruleLabels, r.Label) {
			dl.Warnf(diag.TemplateUnknownLabel, p, "%s: $labels.%s is a label of the rule, not of the expression's result: Prometheus fills $labels from the result only, so this prints nothing; write the value itself", field, r.Label)
			continue
		}
		hint := ""
		names := result.Names()
		if c := closest(r.Label, names); c != "" {
			hint = "; did you mean " + c + "?"
		}
		dl.Errorf(diag.TemplateUnknownLabel, p, "%s: $labels.%s is always empty: the alert's expression returns labels {%s}; add %s to the expression (by (...)) or use one of its labels%s", field, r.Label, strings.Join(names, ", "), r.Label, hint)
	}
}

// recordName checks that a recording rule's name follows Prometheus' level:metric:operations
// convention (the schema rejects names that are no metric names at all).
func recordName(name spec.String, dl *diag.List) {
	if !isText(name) {
		return
	}
	n := name.Value
	switch {
	case !commonmodel.LegacyValidation.IsValidMetricName(n):
		// The schema reports it.
	case !strings.Contains(n, ":"):
		dl.Warnf(diag.NamingRecordingRule, name.Pos(), "recording rule name %q has no colon: by Prometheus' convention recorded series are named level:metric:operations (e.g. endpoint:%s:rate5m), which keeps them apart from scraped metrics", n, n)
	}
}

// catalog builds the series that expressions may select. With f, metrics come from the spec
// file so that those whose declaration is broken (and missing or incomplete in s) are still
// known by name; recording rules come from f too. Without f, everything comes from s.
func catalog(s *model.Spec, f *spec.File) *promql.Catalog {
	target := []string{"job", "instance"}
	var labels []promql.Label
	if s != nil {
		if len(s.TargetLabels) > 0 {
			target = s.TargetLabels
		}
		for _, l := range s.Labels {
			pl := promql.Label{Name: l.Name, Enum: l.Enum(), Pattern: l.Pattern}
			for _, v := range l.Values {
				pl.Values = append(pl.Values, v.Value)
			}
			labels = append(labels, pl)
		}
	}
	cat := promql.NewCatalog(target, labels)
	metric := func(m *model.Metric) promql.Metric {
		return promql.Metric{Name: m.Name, Type: string(m.Type), Labels: m.LabelNames(), Buckets: m.Buckets, Native: m.Native != nil}
	}
	external := func(x *model.ExternalMetric) promql.Metric {
		return promql.Metric{Name: x.Name, Type: string(x.Type), Labels: x.Labels, External: true, OnePer: x.OnePer}
	}
	addMetric := func(m promql.Metric) {
		cat.AddMetric(m)
		if m.Type == string(model.Counter) && !strings.HasSuffix(m.Name, "_total") {
			// The name is reported already (naming/counter-suffix); expressions written with
			// the name it should have are not a second mistake.
			m.Name += "_total"
			cat.AddMetric(m)
		}
	}
	if f == nil {
		if s == nil {
			return cat
		}
		for _, m := range s.Metrics {
			addMetric(metric(m))
		}
		for _, x := range s.External {
			cat.AddMetric(external(x))
		}
		for _, r := range s.Records {
			cat.AddRecord(r.Record, r.Expr.String(), kvMap(r.Labels))
		}
		return cat
	}

	ns := f.Namespace.Value
	byKey := map[string]*model.Metric{} // s.Metric is a linear search: quadratic on large specs
	if s != nil {
		ns = s.Namespace
		for _, m := range s.Metrics {
			byKey[m.Key] = m
		}
	}
	for _, e := range f.Metrics {
		name := e.Key.Value
		if ns != "" {
			name = ns + "_" + name
		}
		m := byKey[e.Key.Value]
		if m == nil || len(m.Labels) != len(e.Value.Labels) {
			addMetric(promql.Metric{Name: name, Type: e.Value.Type.Value, Opaque: true})
			continue
		}
		addMetric(metric(m))
	}
	for _, e := range f.External {
		var x *model.ExternalMetric
		if s != nil {
			for _, c := range s.External {
				if c.Name == e.Key.Value {
					x = c
				}
			}
		}
		if x == nil || len(x.Labels) != len(e.Value.Labels) {
			cat.AddMetric(promql.Metric{Name: e.Key.Value, Type: e.Value.Type.Value, Opaque: true, External: true})
			continue
		}
		cat.AddMetric(external(x))
	}
	for _, it := range f.Records {
		r := it.Value
		if !isText(r.Record) || !isText(r.Expr) {
			continue
		}
		ls := map[string]string{}
		for _, e := range r.Labels {
			ls[e.Key.Value] = e.Value.Value
		}
		cat.AddRecord(r.Record.Value, strings.TrimSpace(r.Expr.Value), ls)
	}
	return cat
}

func kvMap(kvs []model.KV) map[string]string {
	m := make(map[string]string, len(kvs))
	for _, kv := range kvs {
		m[kv.Key] = kv.Value
	}
	return m
}

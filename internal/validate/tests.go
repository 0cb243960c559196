package validate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/promql"
	"github.com/metricgen/metricgen/internal/spec"
)

// checkTests checks the spec's promtool tests against what the spec defines, so that a test
// that cannot pass fails validate rather than promtool later: every input series must be a
// series of the spec with labels and values it can have, and every expected alert must carry
// exactly the labels and annotations the alert will have (metricgen adds service and
// severity), as far as metricgen can tell offline. results are the labels of each alert's
// expression, by index of f.Alerts.
func checkTests(f *spec.File, s *model.Spec, cat *promql.Catalog, results []promql.Labels, dl *diag.List) {
	for _, it := range f.Tests {
		t := it.Value
		for _, in := range t.InputSeries {
			checkInputSeries(f, cat, in.Value, dl)
		}
		for _, at := range t.AlertTests {
			a := at.Value
			if !a.Alertname.Set() {
				continue
			}
			var rules []int
			for i, r := range f.Alerts {
				if r.Value.Alert.Value == a.Alertname.Value && s != nil && i < len(s.Alerts) {
					rules = append(rules, i)
				}
			}
			if len(rules) == 0 {
				continue // tests/unknown-alert reports it
			}
			for _, e := range a.ExpAlerts {
				checkExpAlert(f, s, rules, results, a.Alertname.Value, e, dl)
			}
		}
	}
}

func checkInputSeries(f *spec.File, cat *promql.Catalog, in spec.InputSeries, dl *diag.List) {
	if !isText(in.Series) || !in.Values.Set() {
		return
	}
	for _, fd := range cat.CheckInputSeries(in.Series.Value, in.Values.Value) {
		at := in.Series
		if fd.InValues {
			at = in.Values
		}
		dl.Report(fd.Code, f.RangeIn(at, fd.Off, fd.End), fd.Severity, fd.Msg)
	}
}

// staticLabels are the labels an alert rule sets, with the position of each in the spec.
type staticLabel struct {
	key, value string
	where      string // how the spec sets it, for messages
}

func alertStaticLabels(f *spec.File, s *model.Spec, i int) []staticLabel {
	var out []staticLabel
	for _, kv := range s.Alerts[i].Labels {
		where := "labels." + kv.Key
		switch kv.Key {
		case "service":
			if !slices.ContainsFunc(f.Alerts[i].Value.Labels, func(e spec.Entry[spec.String]) bool { return e.Key.Value == "service" }) {
				where = "metricgen adds service, the spec's service, to every alert"
			}
		case "severity":
			if f.Alerts[i].Value.Severity.Set() {
				where = "the alert's severity key"
			}
		}
		out = append(out, staticLabel{kv.Key, kv.Value, where})
	}
	return out
}

// checkExpAlert checks one expected alert against the alert rules of its name (several when
// the name has tiers: one must match).
func checkExpAlert(f *spec.File, s *model.Spec, rules []int, results []promql.Labels, name string, e spec.Item[spec.ExpAlert], dl *diag.List) {
	exp := map[string]spec.Entry[spec.String]{}
	for _, kv := range e.Value.ExpLabels {
		exp[kv.Key.Value] = kv
	}
	// The expression's labels, for rendering templates: what is not a rule label.
	resultLabels := func(static []staticLabel) map[string]string {
		out := map[string]string{}
		for k, kv := range exp {
			if !slices.ContainsFunc(static, func(l staticLabel) bool { return l.key == k }) {
				out[k] = kv.Value.Value
			}
		}
		return out
	}
	type mismatch struct {
		pos diag.Pos
		msg string
	}
	best, bestMiss := -1, []mismatch(nil)
	for _, i := range rules {
		static := alertStaticLabels(f, s, i)
		var miss []mismatch
		for _, l := range static {
			want := l.value
			if rendered, ok, err := promql.RenderTemplate(l.value, resultLabels(static)); err == nil && ok {
				want = rendered
			} else if strings.Contains(l.value, "{{") {
				continue // a value metricgen cannot render offline
			}
			got, ok := exp[l.key]
			switch {
			case !ok:
				pos := keyIn(e.Node, "exp_labels")
				miss = append(miss, mismatch{pos, fmt.Sprintf("exp_labels has no %s, but alert %s carries %s=%q (%s); add it, or promtool fails the test", l.key, name, l.key, want, l.where)})
			case got.Value.Value != want:
				miss = append(miss, mismatch{got.Value.Pos(), fmt.Sprintf("exp_labels %s=%q, but alert %s carries %s=%q (%s); promtool would fail the test", l.key, got.Value.Value, name, l.key, want, l.where)})
			}
		}
		if best < 0 || len(miss) < len(bestMiss) {
			best, bestMiss = i, miss
		}
		if len(miss) == 0 {
			break
		}
	}
	for _, m := range bestMiss {
		if len(rules) > 1 {
			m.msg += fmt.Sprintf(" (%d alerts are named %s; this expected alert matches none of them)", len(rules), name)
		}
		dl.Errorf(diag.TestsExpLabels, m.pos, "%s", m.msg)
	}
	static := alertStaticLabels(f, s, best)
	res := results[best]
	for _, kv := range e.Value.ExpLabels {
		k := kv.Key.Value
		if k == "alertname" {
			dl.Errorf(diag.TestsExpLabels, kv.Key.Pos(), "exp_labels lists alertname, which promtool adds itself from alertname; remove it")
			continue
		}
		if slices.ContainsFunc(static, func(l staticLabel) bool { return l.key == k }) || !res.Known() || res.Has(k) {
			continue
		}
		names := res.Names()
		for _, l := range static {
			names = union(names, l.key)
		}
		dl.Errorf(diag.TestsExpLabels, kv.Key.Pos(), "exp_labels has %s, but alert %s never carries it: its expression returns {%s} and the rule adds {%s}; remove it%s",
			k, name, strings.Join(res.Names(), ", "), strings.Join(staticKeys(static), ", "), didYouMean(k, names))
	}
	checkExpAnnotations(f, s, best, name, e, resultLabels(static), static, dl)
}

func staticKeys(ls []staticLabel) []string {
	out := make([]string, 0, len(ls))
	for _, l := range ls {
		out = append(out, l.key)
	}
	return out
}

func union(a []string, s string) []string {
	if slices.Contains(a, s) {
		return a
	}
	return append(slices.Clone(a), s)
}

// checkExpAnnotations compares an expected alert's annotations with the alert's: the same
// keys (promtool compares them all), and the text each template renders to for the expected
// labels where metricgen can render it.
func checkExpAnnotations(f *spec.File, s *model.Spec, i int, name string, e spec.Item[spec.ExpAlert], labels map[string]string, static []staticLabel, dl *diag.List) {
	have := s.Alerts[i].Annotations
	exp := e.Value.ExpAnnotations
	for _, kv := range have {
		if !slices.ContainsFunc(exp, func(x spec.Entry[spec.String]) bool { return x.Key.Value == kv.Key }) {
			dl.Errorf(diag.TestsExpAnnotations, keyIn(e.Node, "exp_annotations"), "exp_annotations has no %s, but alert %s has that annotation; promtool compares every annotation, so add %s: the text Prometheus expands", kv.Key, name, kv.Key)
		}
	}
	for _, x := range exp {
		k := x.Key.Value
		j := slices.IndexFunc(have, func(kv model.KV) bool { return kv.Key == k })
		if j < 0 {
			keys := make([]string, 0, len(have))
			for _, kv := range have {
				keys = append(keys, kv.Key)
			}
			dl.Errorf(diag.TestsExpAnnotations, x.Key.Pos(), "exp_annotations has %s, but alert %s has no such annotation (it has: %s); remove it%s", k, name, strings.Join(keys, ", "), didYouMean(k, keys))
			continue
		}
		tmpl := have[j].Value
		if readsRuleLabel(tmpl, static) {
			continue // $labels.x of a rule label reads the expression's value, which the test does not show
		}
		want, ok, err := promql.RenderTemplate(tmpl, labels)
		if err != nil || !ok || want == x.Value.Value {
			continue
		}
		dl.Errorf(diag.TestsExpAnnotations, x.Value.Pos(), "exp_annotations %s is %q, but for the expected labels alert %s's template renders %q; promtool would fail the test", k, x.Value.Value, name, want)
	}
}

// readsRuleLabel reports whether a template reads a label that the rule also sets.
func readsRuleLabel(text string, static []staticLabel) bool {
	refs, bad := promql.CheckTemplate(text)
	if bad != nil {
		return true
	}
	for _, r := range refs {
		if slices.ContainsFunc(static, func(l staticLabel) bool { return l.key == r.Label }) {
			return true
		}
	}
	return false
}

package validate

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/promql"
	"github.com/metricgen/metricgen/internal/spec"
)

// alertName warns about an alert name that Prometheus accepts (any text) but that is awkward
// where alert names travel: Alertmanager matchers (alertname=~"...") must quote it, and
// silences and links escape it.
func (b *builder) alertName(name spec.String) {
	n := name.Value
	if n == "" || !utf8.ValidString(n) {
		return // the schema reports an empty name; YAML itself rejects invalid UTF-8
	}
	var odd []string
	for _, r := range n {
		if r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
			continue
		}
		c := fmt.Sprintf("%q", r)
		if r == ' ' {
			c = "space"
		}
		if !slices.Contains(odd, c) {
			odd = append(odd, c)
		}
	}
	if len(odd) == 0 {
		return
	}
	b.warnf(diag.RulesAlertName, name.Pos(), "alert name %q has %s: Prometheus accepts it, but Alertmanager routes and silences must quote it and URLs escape it; letters, digits and '_' in UpperCamelCase, e.g. %q, travel everywhere", n, strings.Join(odd, ", "), camel(n))
}

// camel suggests an UpperCamelCase spelling of an alert name.
func camel(n string) string {
	var sb strings.Builder
	up := true
	for _, r := range n {
		switch {
		case r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9':
			if up && 'a' <= r && r <= 'z' {
				r -= 'a' - 'A'
			}
			sb.WriteRune(r)
			up = false
		case r == '>':
			sb.WriteString("Above")
			up = true
		case r == '<':
			sb.WriteString("Below")
			up = true
		case r == '%':
			sb.WriteString("Percent")
			up = true
		default:
			up = true
		}
	}
	return sb.String()
}

// ruleLabels is the set of labels a rule sets, as "key=value" strings, sorted.
func ruleLabelSet(kvs []model.KV) []string {
	out := make([]string, 0, len(kvs))
	for _, kv := range kvs {
		out = append(out, kv.Key+"="+kv.Value)
	}
	slices.Sort(out)
	return out
}

func keysOf(kvs []model.KV) []string {
	out := make([]string, 0, len(kvs))
	for _, kv := range kvs {
		out = append(out, kv.Key)
	}
	return out
}

// duplicateRules reports two alerts, or two recording rules, that would produce the same
// series. The same name is normal (warning and critical tiers of an alert; a recorded series
// per quantile): only rules that set the same labels, and whose expressions cannot be told
// apart by the values of their labels (code=~"2.." and code=~"5.." can), collide.
func duplicateRules(f *spec.File, s *model.Spec, alertRes, recRes []promql.Labels, dl *diag.List) {
	if s == nil || len(s.Alerts) != len(f.Alerts) || len(s.Records) != len(f.Records) {
		return // the rules are not all built: their own errors come first
	}
	type rule struct {
		name   spec.String
		labels []model.KV
		res    promql.Labels
	}
	check := func(rules []rule, report func(i, j int)) {
		for i, r := range rules {
			if !r.name.Set() {
				continue
			}
			for j := range i {
				o := rules[j]
				if !o.name.Set() || o.name.Value != r.name.Value || !slices.Equal(ruleLabelSet(o.labels), ruleLabelSet(r.labels)) {
					continue
				}
				if r.res.Apart(o.res, keysOf(r.labels)) {
					continue
				}
				report(i, j)
				break
			}
		}
	}
	alerts := make([]rule, len(f.Alerts))
	for i, it := range f.Alerts {
		alerts[i] = rule{it.Value.Alert, s.Alerts[i].Labels, alertRes[i]}
	}
	check(alerts, func(i, j int) {
		a, o := alerts[i], alerts[j]
		dl.Errorf(diag.RulesDuplicateName, a.name.Pos(), "alert %q is defined twice with the same labels {%s} (first at line %d), and nothing in their expressions tells their alerts apart: Prometheus and Alertmanager know an alert by its labels only, so one hides the other; give one a label that tells it apart (severity: warning and critical, say) or its own name",
			a.name.Value, strings.Join(ruleLabelSet(a.labels), ", "), o.name.Node.Line)
	})
	records := make([]rule, len(f.Records))
	for i, it := range f.Records {
		records[i] = rule{it.Value.Record, s.Records[i].Labels, recRes[i]}
	}
	check(records, func(i, j int) {
		r, o := records[i], records[j]
		labels := "no labels of their own"
		if len(r.labels) > 0 {
			labels = "the same labels {" + strings.Join(ruleLabelSet(r.labels), ", ") + "}"
		}
		dl.Errorf(diag.RulesDuplicateName, r.name.Pos(), "recording rule %q records the series of the rule at line %d again: %s, and expressions whose results are not told apart by their labels' values, so Prometheus gets two samples for one series; give one a label that tells them apart (labels: {quantile: \"0.99\"}, say) or its own name",
			r.name.Value, o.name.Node.Line, labels)
	})
}

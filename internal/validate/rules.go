package validate

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	commonmodel "github.com/prometheus/common/model"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/lazyregexp"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/spec"
)

func (b *builder) external() {
	for _, e := range b.f.External {
		name := e.Key.Value
		if !commonmodel.LegacyValidation.IsValidMetricName(name) {
			b.errorf(diag.NamingInvalid, e.Key.Pos(), "external metric %q is not a valid Prometheus metric name", name)
			continue
		}
		for _, m := range b.s.Metrics {
			if m.Name == name {
				b.errorf(diag.MetricNameClash, e.Key.Pos(), "external metric %q is the full name of metric %q of this spec; remove one of them", name, m.Key)
			}
		}
		x := &model.ExternalMetric{Name: name, Type: model.MetricType(e.Value.Type.Value), Help: e.Value.Help.Value, Pos: e.Key.Pos()}
		for _, l := range e.Value.Labels {
			if !labelName.MatchString(l.Value) {
				b.errorf(diag.NamingInvalid, l.Pos(), "external metric %q: %q is not a valid label name (letters, digits and '_', not starting with a digit)", name, l.Value)
				continue
			}
			x.Labels = append(x.Labels, l.Value)
		}
		x.OnePer = b.onePer(name, e.Value, x.Labels)
		b.s.External = append(b.s.External, x)
	}
	slices.SortFunc(b.s.External, func(x, y *model.ExternalMetric) int { return strings.Compare(x.Name, y.Name) })
}

// onePer returns the labels that tell an external metric's series apart: its one_per, or
// the target labels for an info metric (info: true, or a name ending in _info unless info:
// false), nil otherwise.
func (b *builder) onePer(name string, e spec.External, labels []string) []string {
	if len(e.OnePer) > 0 {
		if e.Info.Set() && e.Info.Value {
			b.errorf(diag.MetricOnePer, e.Info.Pos(), "external metric %q has both info and one_per; an info metric is one series per target, one_per says which labels tell its series apart: keep one", name)
		}
		var out []string
		for _, l := range e.OnePer {
			if !slices.Contains(labels, l.Value) && !slices.Contains(b.s.TargetLabels, l.Value) {
				b.errorf(diag.MetricOnePer, l.Pos(), "external metric %q: one_per lists %q, which is neither one of its labels (%s) nor a target label%s; list labels the metric has", name, l.Value, strings.Join(labels, ", "), didYouMean(l.Value, append(slices.Clone(labels), b.s.TargetLabels...)))
				continue
			}
			out = append(out, l.Value)
		}
		return out
	}
	info := strings.HasSuffix(name, "_info")
	if e.Info.Set() {
		info = e.Info.Value
	}
	if info {
		return slices.Clone(b.s.TargetLabels)
	}
	return nil
}

func (b *builder) logging() {
	lg := b.f.Logging
	if lg == nil {
		return
	}
	out := &model.Logging{HashKeyEnv: "LOG_HASH_KEY"}
	if lg.HashKeyEnv.Set() {
		out.HashKeyEnv = lg.HashKeyEnv.Value
	}
	seen := map[string]spec.String{}
	for _, it := range lg.Redact {
		r := it.Value
		key := strings.ToLower(r.Key.Value)
		switch {
		case key == "":
			b.errorf(diag.RedactKey, r.Key.Pos(), "redact key is empty; name the attribute key to redact, e.g. \"email\" or \"*_token\"")
			continue
		case strings.Trim(key, "*") == "":
			b.errorf(diag.RedactKey, r.Key.Pos(), "redact key %q matches every attribute; name the keys to redact", r.Key.Value)
			continue
		case strings.Contains(key, "**"):
			b.errorf(diag.RedactKey, r.Key.Pos(), "redact key %q: '**' means the same as '*'; write one", r.Key.Value)
			continue
		}
		if prev, dup := seen[key]; dup {
			b.errorf(diag.RedactDuplicate, r.Key.Pos(), "redact key %q is already configured at line %d (keys match case-insensitively); keep one rule per key", r.Key.Value, prev.Node.Line)
			continue
		}
		seen[key] = r.Key
		action := model.RedactAction(r.Action.Value)
		if action == model.Mask && r.Keep.Value > 8 {
			b.warnf(diag.RedactKeep, r.Keep.Pos(), "redact key %q keeps %d characters, enough to identify a person; keep 3 or fewer", r.Key.Value, r.Keep.Value)
		}
		out.Rules = append(out.Rules, &model.RedactRule{Key: r.Key.Value, Action: action, Keep: r.Keep.Value, Pos: r.Key.Pos()})
	}
	b.s.Logging = out
}

func (b *builder) ruleGroup() {
	g := &b.s.RuleGroup
	g.Name = b.s.Service
	if rg := b.f.RuleGroup; rg != nil {
		if rg.Name.Set() {
			g.Name = rg.Name.Value
		}
		g.Interval = b.duration(rg.Interval, "rule_group.interval")
	}
}

var bareNumber = lazyregexp.New(`^[0-9]+(\.[0-9]+)?$`)

// duration parses a Prometheus duration, 0 when absent or invalid.
func (b *builder) duration(s spec.String, key string) model.Duration {
	if !s.Set() {
		return 0
	}
	if t := s.Node.ShortTag(); t != "!!str" && t != "!!int" {
		return 0 // not a string: the schema reports it
	}
	d, err := model.ParseDuration(s.Value)
	switch {
	case err == nil:
		return d
	case err.Error() == "duration out of range":
		b.errorf(diag.ValueDuration, s.Pos(), "%s %s is longer than Prometheus can hold: a duration is at most 292y (about 2^63 nanoseconds); write a shorter one", key, s.Value)
	case bareNumber.MatchString(s.Value):
		b.errorf(diag.ValueDuration, s.Pos(), "%s %s has no unit; write a Prometheus duration such as %ss or %sm", key, s.Value, s.Value, s.Value)
	default:
		b.errorf(diag.ValueDuration, s.Pos(), "%s %q is not a Prometheus duration; write it like 30s, 5m, 1h30m (integers, units from y to ms, largest first)", key, s.Value)
	}
	return 0
}

func kvs(m spec.Map[spec.String]) []model.KV {
	out := make([]model.KV, 0, len(m))
	for _, e := range m {
		out = append(out, model.KV{Key: e.Key.Value, Value: e.Value.Value})
	}
	slices.SortFunc(out, func(x, y model.KV) int { return strings.Compare(x.Key, y.Key) })
	return out
}

// reservedRuleLabels are set by Prometheus itself on alerts.
var reservedRuleLabels = []string{"alertname", "alertstate", "__name__"}

func (b *builder) ruleLabels(m spec.Map[spec.String], what string) []model.KV {
	for _, e := range m {
		k := e.Key.Value
		switch {
		case !labelName.MatchString(k) || strings.HasPrefix(k, "__"):
			b.errorf(diag.NamingInvalid, e.Key.Pos(), "%s: %q is not a valid label name (letters, digits, '_'; not starting with \"__\")", what, k)
		case slices.Contains(reservedRuleLabels, k):
			b.errorf(diag.NamingReservedLabel, e.Key.Pos(), "%s: label %q is set by Prometheus; remove it", what, k)
		}
	}
	return kvs(m)
}

func (b *builder) alerts() {
	for i, it := range b.f.Alerts {
		a := it.Value
		out := &model.Alert{
			Name:          a.Alert.Value,
			Pos:           a.Alert.Pos(),
			For:           b.duration(a.For, "for"),
			KeepFiringFor: b.duration(a.KeepFiringFor, "keep_firing_for"),
		}
		if a.Alert.Set() {
			b.alertName(a.Alert)
		}
		what := fmt.Sprintf("alert %q", out.Name)
		out.Labels = b.ruleLabels(a.Labels, what)
		// The contract puts the service in every alert's labels, so that routing and silences
		// can select one service's alerts; the spec's own labels may override it.
		if !slices.ContainsFunc(out.Labels, func(kv model.KV) bool { return kv.Key == "service" }) && b.s.Service != "" {
			out.Labels = append(out.Labels, model.KV{Key: "service", Value: b.s.Service})
			slices.SortFunc(out.Labels, func(x, y model.KV) int { return strings.Compare(x.Key, y.Key) })
		}
		if a.Severity.Set() {
			for _, e := range a.Labels {
				if e.Key.Value == "severity" {
					b.errorf(diag.RulesSeverity, e.Key.Pos(), "%s sets severity both as a key and in labels; keep the severity key", what)
				}
			}
			out.Labels = append(out.Labels, model.KV{Key: "severity", Value: a.Severity.Value})
			slices.SortFunc(out.Labels, func(x, y model.KV) int { return strings.Compare(x.Key, y.Key) })
		}
		if a.Runbook.Set() {
			if u, err := url.Parse(a.Runbook.Value); err != nil || u.Scheme == "" || u.Host == "" {
				b.errorf(diag.RulesRunbook, a.Runbook.Pos(), "%s: runbook %q is not an absolute URL; link the runbook page (https://...)", what, a.Runbook.Value)
			}
		}
		ann := kvs(a.Annotations)
		for _, e := range a.Annotations {
			switch e.Key.Value {
			case "summary", "description", "runbook_url":
				b.errorf(diag.RulesAnnotationKey, e.Key.Pos(), "%s: annotation %q has its own key; use the top-level %s key instead", what, e.Key.Value, strings.TrimSuffix(e.Key.Value, "_url"))
			}
		}
		for _, kv := range []model.KV{{Key: "summary", Value: a.Summary.Value}, {Key: "description", Value: a.Description.Value}, {Key: "runbook_url", Value: a.Runbook.Value}} {
			if kv.Value != "" {
				ann = append(ann, kv)
			}
		}
		slices.SortFunc(ann, func(x, y model.KV) int { return strings.Compare(x.Key, y.Key) })
		out.Annotations = ann
		if !a.Summary.Set() && a.Alert.Set() && b.missing(it.Node, pointer("alerts", strconv.Itoa(i)), "summary", "alert") {
			b.warnf(diag.RulesMissingSummary, a.Alert.Pos(), "%s has no summary; add one line saying what is wrong, so the notification is readable", what)
		}
		b.s.Alerts = append(b.s.Alerts, out)
	}
}

func (b *builder) records() {
	for _, it := range b.f.Records {
		r := it.Value
		name := r.Record.Value
		if m := b.metricByName(name); m != nil {
			b.errorf(diag.MetricNameClash, r.Record.Pos(), "recording rule %q has the full name of metric %q: the recorded series would mix with the metric's; rename it", name, m.Key)
		}
		b.s.Records = append(b.s.Records, &model.RecordingRule{
			Record: name,
			Pos:    r.Record.Pos(),
			Labels: b.ruleLabels(r.Labels, "recording rule "+name),
		})
	}
}

func (b *builder) metricByName(name string) *model.Metric {
	for _, m := range b.s.Metrics {
		if m.Name == name {
			return m
		}
	}
	return nil
}

func (b *builder) tests() {
	alertNames := make([]string, 0, len(b.s.Alerts))
	for _, a := range b.s.Alerts {
		alertNames = append(alertNames, a.Name)
	}
	for _, it := range b.f.Tests {
		t := it.Value
		// promtool's own default is 1m, but some releases load no samples without an explicit
		// interval: always write one.
		out := &model.RuleTest{Name: t.Name.Value, Interval: model.Duration(time.Minute)}
		if t.Interval.Set() {
			out.Interval = b.duration(t.Interval, "interval")
		}
		for _, in := range t.InputSeries {
			out.InputSeries = append(out.InputSeries, model.SeriesInput{Series: in.Value.Series.Value, Values: in.Value.Values.Value})
		}
		for _, at := range t.AlertTests {
			a := at.Value
			if a.Alertname.Set() && !slices.Contains(alertNames, a.Alertname.Value) {
				b.errorf(diag.TestsUnknownAlert, a.Alertname.Pos(), "alert_rule_test checks alert %q, which the spec does not define%s", a.Alertname.Value, didYouMean(a.Alertname.Value, alertNames))
			}
			x := model.AlertTest{EvalTime: b.duration(a.EvalTime, "eval_time"), Alertname: a.Alertname.Value}
			for _, e := range a.ExpAlerts {
				x.ExpAlerts = append(x.ExpAlerts, model.ExpAlert{Labels: kvs(e.Value.ExpLabels), Annotations: kvs(e.Value.ExpAnnotations)})
			}
			out.AlertTests = append(out.AlertTests, x)
		}
		for _, et := range t.ExprTests {
			e := et.Value
			x := model.ExprTest{EvalTime: b.duration(e.EvalTime, "eval_time")}
			for _, smp := range e.ExpSamples {
				x.Samples = append(x.Samples, model.ExpSample{Labels: smp.Value.Labels.Value, Value: smp.Value.Value.Value})
			}
			out.ExprTests = append(out.ExprTests, x)
		}
		b.s.Tests = append(b.s.Tests, out)
	}
}

func (b *builder) dashboard() {
	d := &b.s.Dashboard
	d.Title = b.s.Service
	dd := b.f.Dashboard
	if dd == nil {
		return
	}
	if dd.Title.Set() {
		d.Title = dd.Title.Value
	}
	for _, t := range dd.Tags {
		d.Tags = append(d.Tags, t.Value)
	}
	keys := make([]string, 0, len(b.s.Metrics))
	for _, m := range b.s.Metrics {
		keys = append(keys, m.Key)
	}
	grouped := map[string]int{}
	for _, it := range dd.Groups {
		g := &model.DashboardGroup{Title: it.Value.Title.Value}
		for _, k := range it.Value.Metrics {
			m := b.s.Metric(k.Value)
			if m == nil {
				hint := didYouMean(k.Value, keys)
				if short, ok := strings.CutPrefix(k.Value, b.s.Namespace+"_"); ok && b.s.Metric(short) != nil {
					hint = fmt.Sprintf("; list metrics by their key, without the namespace: %q", short)
				}
				b.errorf(diag.DashboardUnknownMetric, k.Pos(), "dashboard group %q lists metric %q, which the spec does not define%s", g.Title, k.Value, hint)
				continue
			}
			if line, dup := grouped[k.Value]; dup {
				b.errorf(diag.DashboardDuplicateMetric, k.Pos(), "metric %q is already in a dashboard group (line %d); a metric belongs to one row", k.Value, line)
				continue
			}
			grouped[k.Value] = k.Node.Line
			g.Metrics = append(g.Metrics, m)
		}
		d.Groups = append(d.Groups, g)
	}
	for _, it := range dd.Panels {
		p := it.Value
		typ := p.Type.Value
		if typ == "" {
			typ = "timeseries"
		}
		d.Panels = append(d.Panels, &model.Panel{
			Title:       p.Title.Value,
			Type:        typ,
			Pos:         spec.PosOf(it.Node),
			Unit:        p.Unit.Value,
			Description: p.Description.Value,
			Legend:      p.Legend.Value,
			Row:         strings.TrimSpace(p.Row.Value),
		})
	}
}

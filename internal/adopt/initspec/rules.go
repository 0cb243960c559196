package initspec

import (
	"fmt"
	"slices"
	"strings"

	"github.com/metricgen/metricgen/internal/adopt/promrules"
)

// rules brings the imported alerts and recording rules in, in file order.
func (b *builder) rules(d *draft) {
	var groups []promrules.Group
	for _, rf := range b.in.Rules {
		groups = append(groups, rf.Groups...)
	}
	if len(groups) == 0 {
		return
	}
	d.ruleGroup = groups[0].Name
	d.ruleInterval = groups[0].Interval
	if len(groups) > 1 {
		var names []string
		for _, g := range groups {
			every := "the server's default interval"
			if g.Interval != "" {
				every = "every " + g.Interval
			}
			names = append(names, fmt.Sprintf("%q (%s:%d, %s)", g.Name, g.File, g.Line, every))
		}
		d.ruleGroupNote = append(d.ruleGroupNote, fmt.Sprintf("The rules come from %d groups: %s. metricgen writes one group per spec, named and timed like the first; split the spec per component if the groups must stay apart.", len(groups), strings.Join(names, ", ")))
	}
	for _, g := range groups {
		if g.Limit != "" || g.QueryOffset != "" {
			d.ruleGroupNote = append(d.ruleGroupNote, fmt.Sprintf("Group %q sets limit or query_offset, which the spec does not carry: set them in Prometheus' configuration if you need them.", g.Name))
		}
		for _, r := range g.Rules {
			out := &rule{source: fmt.Sprintf("%s:%d", g.File, r.Line), alert: r.Alert, record: r.Record, expr: r.Expr, forDur: r.For, keepFiring: r.KeepFiringFor}
			labels := mergeLabels(g.Labels, r.Labels)
			if len(g.Labels) > 0 {
				out.notes = append(out.notes, fmt.Sprintf("labels include those of group %q", g.Name))
			}
			if r.Record != "" {
				out.labels = labels
				d.records = append(d.records, out)
				continue
			}
			for _, l := range labels {
				if l.key == "severity" {
					out.severity = l.value
					continue
				}
				out.labels = append(out.labels, l)
			}
			for _, a := range r.Annotations {
				switch a.Key {
				case "summary":
					out.summary = a.Value
				case "description":
					out.description = a.Value
				case "runbook_url":
					out.runbook = a.Value
				default:
					out.annotations = append(out.annotations, kv{a.Key, a.Value})
				}
			}
			d.alerts = append(d.alerts, out)
		}
	}
	if len(d.alerts) > 0 {
		d.rulesNote = append(d.rulesNote, fmt.Sprintf("Every generated alert also gets the label service: %s, unless its labels set service. Routes that match on other labels are unaffected.", d.service))
	}
}

// mergeLabels adds a group's labels to a rule's (the rule's win, as in Prometheus), sorted.
func mergeLabels(group, rule []promrules.KV) []kv {
	var out []kv
	for _, l := range rule {
		out = append(out, kv{l.Key, l.Value})
	}
	for _, l := range group {
		if !slices.ContainsFunc(rule, func(r promrules.KV) bool { return r.Key == l.Key }) {
			out = append(out, kv{l.Key, l.Value})
		}
	}
	slices.SortFunc(out, func(a, b kv) int { return strings.Compare(a.key, b.key) })
	return out
}

// dashboard brings the imported dashboard's PromQL panels in.
func (b *builder) dashboard(d *draft) {
	df := b.in.Dashboard
	if df == nil {
		return
	}
	g := df.Dashboard
	d.dashTitle = g.Title
	d.dashTags = g.Tags
	note := fmt.Sprintf("From %s. metricgen adds a panel set for every metric; the panels below are the dashboard's own queries.", df.Path)
	var vars []string
	for _, v := range g.Variables {
		if v != "datasource" && v != "DS_PROMETHEUS" {
			vars = append(vars, "$"+v)
		}
	}
	if len(vars) > 0 {
		note += fmt.Sprintf(" The dashboard defined the variables %s; the generated one defines ${datasource} and one per label worth filtering on: check that the queries below still find theirs.", strings.Join(vars, ", "))
	}
	for _, s := range g.Skipped {
		note += fmt.Sprintf("\nLeft out: panel %q, %s.", s.Title, s.Reason)
	}
	d.dashNote = append(d.dashNote, note)
	for _, p := range g.Panels {
		out := &panel{title: p.Title, typ: p.Type, expr: p.Expr, unit: p.Unit, legend: p.Legend, description: p.Description}
		var notes []string
		if p.WasType != "" {
			notes = append(notes, fmt.Sprintf("a %s panel in the dashboard", p.WasType))
		}
		if p.Queries > 1 {
			out.title = fmt.Sprintf("%s (%s)", p.Title, p.RefID)
			notes = append(notes, fmt.Sprintf("query %s of %d of panel %q: a spec panel has one query", p.RefID, p.Queries, p.Title))
		}
		out.note = strings.Join(notes, "; ")
		d.panels = append(d.panels, out)
	}
}

package validate

import (
	"strings"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/promql"
	"github.com/metricgen/metricgen/internal/spec"
)

// analyser checks the expressions of one spec against its catalogue and turns each into its
// model form, model.Expr: the one place a spec's PromQL is parsed.
type analyser struct {
	f   *spec.File
	s   *model.Spec
	cat *promql.Catalog
	dl  *diag.List

	series map[string]seriesOf // every series name of the spec, built on first use
}

// seriesOf is what a series name belongs to.
type seriesOf struct {
	metric   *model.Metric
	external *model.ExternalMetric
	suffix   string
	record   bool
}

// expr checks the expression of a spec value and returns its model form, and the checker's
// result for the checks that follow (alert templates). An expression that is not text (the
// schema reports it) is empty and unknown.
func (an *analyser) expr(src spec.String, opts promql.Options) (*model.Expr, promql.Result) {
	text := strings.TrimSpace(src.Value)
	if !isText(src) {
		return &model.Expr{Text: text}, promql.Result{}
	}
	lead := strings.Index(src.Value, text)
	return an.analyse(text, opts, func(off, end int) diag.Pos { return an.f.RangeIn(src, lead+off, lead+end) })
}

// analyse checks text, reports what the checks find at rng(start, end) (offsets in text), and
// returns the model form of text.
func (an *analyser) analyse(text string, opts promql.Options, rng func(off, end int) diag.Pos) (*model.Expr, promql.Result) {
	// A dashboard query holds Grafana's variables, which the checker sees substituted; orig
	// maps an offset of what it saw back to the query.
	checked, orig := text, func(off int) int { return off }
	if opts.Grafana {
		checked, orig = promql.SubstituteGrafana(text)
	}
	res := an.cat.Check(checked, opts)
	for _, fd := range res.Findings {
		an.dl.Report(fd.Code, rng(orig(fd.Off), orig(fd.End)), fd.Severity, fd.Msg)
	}
	e := &model.Expr{Text: text, Pos: rng(0, len(text))}
	if !res.Parsed {
		return e, res
	}
	e.Labels = labelSet(res.Labels)
	sels := make([]model.Selector, len(res.Selectors)) // one allocation for all
	e.Selectors = make([]*model.Selector, len(res.Selectors))
	for i, ps := range res.Selectors {
		sel := &sels[i]
		e.Selectors[i] = sel
		*sel = model.Selector{
			Name:   ps.Name,
			Offset: orig(ps.Off),
			Series: labelSet(ps.Series),
		}
		end := orig(ps.End)
		if opts.Grafana && strings.Contains(ps.Name, promql.Var) {
			sel.Variable = ps.Name == promql.Var
			sel.Name = ""
			if ps.ByName {
				// The name as the query writes it, variable and all ("queue_$shard").
				sel.Name = text[sel.Offset:orig(ps.Off+len(ps.Name))]
			}
		}
		sel.Pos = rng(sel.Offset, end)
		if len(ps.Matchers) > 0 {
			sel.Matchers = make([]model.Matcher, len(ps.Matchers))
			for j, m := range ps.Matchers {
				sel.Matchers[j] = model.Matcher{Label: m.Label, Op: m.Op, Value: m.Value}
			}
		}
		if of, ok := an.seriesNamed(ps.Name); ok {
			sel.Metric, sel.External, sel.Suffix = of.metric, of.external, of.suffix
			if of.record {
				sel.Record = ps.Name
			}
		}
	}
	if len(res.Comparisons) > 0 {
		cmps := make([]model.Comparison, len(res.Comparisons))
		e.Comparisons = make([]*model.Comparison, len(res.Comparisons))
		for i, pc := range res.Comparisons {
			c := &cmps[i]
			e.Comparisons[i] = c
			*c = model.Comparison{Op: pc.Op, Value: pc.Value, Funcs: pc.Funcs, Aggregations: pc.Aggregations, Quantile: pc.Quantile}
			c.Selectors = make([]*model.Selector, len(pc.Selectors))
			for j, k := range pc.Selectors {
				c.Selectors[j] = e.Selectors[k]
			}
		}
	}
	return e, res
}

func labelSet(l promql.Labels) model.LabelSet {
	if !l.Known() {
		return model.LabelSet{}
	}
	return model.LabelSet{Known: true, Names: l.Names()}
}

// seriesNamed returns what the series called name belongs to: a metric of the spec (by its
// name, or a histogram's by the name of one of its series), an external metric, a recording
// rule.
func (an *analyser) seriesNamed(name string) (seriesOf, bool) {
	if an.series == nil {
		an.series = map[string]seriesOf{}
		add := func(name string, of seriesOf) {
			if _, dup := an.series[name]; !dup {
				an.series[name] = of
			}
		}
		for _, m := range an.s.Metrics {
			add(m.Name, seriesOf{metric: m})
			if m.Type == model.Histogram {
				for _, suffix := range []string{"_bucket", "_sum", "_count"} {
					add(m.Name+suffix, seriesOf{metric: m, suffix: suffix})
				}
			}
		}
		for _, x := range an.s.External {
			add(x.Name, seriesOf{external: x})
			switch x.Type {
			case model.Histogram:
				for _, suffix := range []string{"_bucket", "_sum", "_count"} {
					add(x.Name+suffix, seriesOf{external: x, suffix: suffix})
				}
			case model.Summary:
				for _, suffix := range []string{"_sum", "_count"} {
					add(x.Name+suffix, seriesOf{external: x, suffix: suffix})
				}
			}
		}
		for _, r := range an.s.Records {
			add(r.Record, seriesOf{record: true})
		}
	}
	of, ok := an.series[name]
	return of, ok
}

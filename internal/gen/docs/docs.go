// Package docs emits the Markdown catalogue of a spec: metrics, labels, alerts, recording
// rules and redaction rules, from templates/docs.md.tmpl.
package docs

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"time"

	"github.com/metricgen/metricgen/internal/gen"
	"github.com/metricgen/metricgen/internal/lazyregexp"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/slo"
	"github.com/metricgen/metricgen/templates"
)

// tmpl is the catalogue's template, parsed on first use (package initialisation runs on every
// start of metricgen, whatever the command).
var tmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("docs.md.tmpl").Funcs(template.FuncMap{
		"anchor":       anchor,
		"cell":         cell,
		"code":         code,
		"codeList":     codeList,
		"floats":       floats,
		"num":          model.FormatFloat,
		"labelList":    labelList,
		"labelValues":  labelValues,
		"kvList":       kvList,
		"annotation":   annotation,
		"redactResult": redactResult,
		"dur":          slo.Format,
		"budget":       budget,
		"share":        share,
		"sliText":      sliText,
		"series":       series,
		"seriesCell":   seriesCell,
		"seriesTotal":  seriesTotal,
		"operation":    operation,
	}).ParseFS(templates.FS, "docs.md.tmpl"))
})

// Generate returns the catalogue at s.Outputs.Docs, or nothing when the spec asks for none.
func Generate(s *model.Spec) ([]gen.File, error) {
	if s.Outputs.Docs == "" {
		return nil, nil
	}
	var buf bytes.Buffer
	if err := tmpl().Execute(&buf, s); err != nil {
		return nil, fmt.Errorf("docs: %w", err)
	}
	out := blankRuns.ReplaceAll(buf.Bytes(), []byte("\n\n"))
	out = append(bytes.TrimRight(out, "\n"), '\n')
	return []gen.File{{Path: s.Outputs.Docs, Content: out}}, nil
}

var blankRuns = lazyregexp.New(`\n{3,}`)

// anchor is the GitHub heading anchor of a metric section ("### `a_b`" -> "a_b").
func anchor(s string) string { return strings.ToLower(s) }

// cell makes s safe inside a Markdown table cell.
func cell(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\n", " ")
	return strings.ReplaceAll(s, "|", `\|`)
}

// code writes s as inline code inside a table cell, with a fence long enough for backticks
// in s.
func code(s string) string {
	s = cell(s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	return fence + s + fence
}

func codeList(ss []string) string {
	if len(ss) == 0 {
		return "–"
	}
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = "`" + s + "`"
	}
	return strings.Join(parts, ", ")
}

func floats(fs []float64) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = model.FormatFloat(f)
	}
	return strings.Join(parts, ", ")
}

// series says how many series a metric exports: from the first scrape, and at most.
func series(m *model.Metric) string {
	most := thousands(m.Series)
	switch {
	case m.Scrape:
		return fmt.Sprintf("one per function registered, at most %s", most)
	case m.Init == model.InitAll:
		return fmt.Sprintf("%s, all of them from the first scrape at 0 (init: all)", most)
	case m.EnumOnly():
		return fmt.Sprintf("at most %s; each appears when a value is first recorded for it (init: none)", most)
	}
	return fmt.Sprintf("at most %s; each appears when a value is first recorded for it (free-form labels)", most)
}

// seriesCell is the catalogue's count of a metric's series: n when all exist from the start,
// "≤ n" when they appear as values are recorded.
func seriesCell(m *model.Metric) string {
	if m.Init == model.InitAll {
		return thousands(m.Series)
	}
	return "≤ " + thousands(m.Series)
}

// seriesTotal sums the series of all metrics, so that a reviewer sees what the spec costs.
func seriesTotal(s *model.Spec) string {
	start, most := 0, 0
	for _, m := range s.Metrics {
		start += m.InitialSeries()
		most += m.Series
	}
	return fmt.Sprintf("Series (per scraped instance, histograms counting each bucket): %s from the first scrape, at most %s.", thousands(start), thousands(most))
}

// thousands writes n with commas between groups of three digits: 156,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func labelList(m *model.Metric) string { return codeList(m.LabelNames()) }

func labelValues(l *model.Label) string {
	if l.Enum() {
		vals := make([]string, len(l.Values))
		for i, v := range l.Values {
			vals[i] = v.Value
		}
		if l.Other != nil {
			return cell(codeList(vals)) + "; anything else is `" + cell(l.Other.Value) + "`"
		}
		return cell(codeList(vals))
	}
	var parts []string
	if l.Pattern != "" {
		parts = append(parts, "matching "+code(l.Pattern))
	}
	if l.MaxValues > 0 {
		parts = append(parts, fmt.Sprintf("at most %d distinct, then `other`", l.MaxValues))
	} else {
		parts = append(parts, "unbounded")
	}
	return "free-form, " + strings.Join(parts, ", ")
}

func kvList(kvs []model.KV) string {
	if len(kvs) == 0 {
		return "–"
	}
	parts := make([]string, len(kvs))
	for i, kv := range kvs {
		parts[i] = code(kv.Key + "=" + kv.Value)
	}
	return strings.Join(parts, ", ")
}

func annotation(a *model.Alert, key string) string {
	for _, kv := range a.Annotations {
		if kv.Key == key {
			return kv.Value
		}
	}
	return ""
}

func redactResult(r *model.RedactRule) string {
	switch r.Action {
	case model.Mask:
		if r.Keep == 0 {
			return "`***`"
		}
		return fmt.Sprintf("first %d characters kept, then `***`", r.Keep)
	case model.Remove:
		return "attribute dropped"
	case model.Redact:
		return "`[REDACTED]`"
	case model.Hash:
		return "keyed HMAC-SHA256 token (stable, not reversible)"
	}
	return string(r.Action)
}

// budget writes an SLO's error budget as a share and as time of full outage over its window:
// "0.1% (43m of full outage)".
func budget(o *model.SLO) string {
	outage := time.Duration(o.Budget() * float64(o.Window)).Round(time.Minute)
	return fmt.Sprintf("%s%% (%s of full outage)", model.FormatFloat(o.BudgetPercent()), slo.Format(outage))
}

// share writes the share of the budget an alert's burn rate spends over its long window.
func share(a slo.Alert, o *model.SLO) string {
	return model.FormatFloat(math.Round(a.BudgetShare(o.Window)*1000)/10) + "%"
}

// sliText says what the SLI counts.
func sliText(o *model.SLO) string {
	s := o.SLI
	switch s.Kind {
	case model.SLIErrors:
		return fmt.Sprintf("SLI: bad events `%s` over all events `%s`.", s.Errors, s.Total)
	case model.SLISuccess:
		return fmt.Sprintf("SLI: good events `%s` over all events `%s`.", s.Good, s.Total)
	}
	return fmt.Sprintf("SLI: observations of `%s` at most %s (its bucket `le=\"%s\"`) over all of them.",
		s.HistName, model.FormatFloat(s.Le), strconv.FormatFloat(s.Le, 'g', -1, 64)) // le as client_golang exposes it
}

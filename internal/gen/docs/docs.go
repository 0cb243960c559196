// Package docs emits the Markdown catalogue of a spec: metrics, labels, alerts, recording
// rules and redaction rules, from templates/docs.md.tmpl.
package docs

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"text/template"

	"github.com/metricgen/metricgen/internal/gen"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/templates"
)

var tmpl = template.Must(template.New("docs.md.tmpl").Funcs(template.FuncMap{
	"anchor":       anchor,
	"cell":         cell,
	"code":         code,
	"codeList":     codeList,
	"floats":       floats,
	"labelList":    labelList,
	"labelValues":  labelValues,
	"kvList":       kvList,
	"annotation":   annotation,
	"redactResult": redactResult,
}).ParseFS(templates.FS, "docs.md.tmpl"))

// Generate returns the catalogue at s.Outputs.Docs, or nothing when the spec asks for none.
func Generate(s *model.Spec) ([]gen.File, error) {
	if s.Outputs.Docs == "" {
		return nil, nil
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, s); err != nil {
		return nil, fmt.Errorf("docs: %w", err)
	}
	out := blankRuns.ReplaceAll(buf.Bytes(), []byte("\n\n"))
	out = append(bytes.TrimRight(out, "\n"), '\n')
	return []gen.File{{Path: s.Outputs.Docs, Content: out}}, nil
}

var blankRuns = regexp.MustCompile(`\n{3,}`)

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
		parts[i] = strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strings.Join(parts, ", ")
}

func labelList(m *model.Metric) string { return codeList(m.LabelNames()) }

func labelValues(l *model.Label) string {
	if l.Enum() {
		vals := make([]string, len(l.Values))
		for i, v := range l.Values {
			vals[i] = v.Value
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

package initspec

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"
	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/spec"
)

// span is the lines [first, last] an entry of the draft takes, for mapping validation's
// diagnostics back to the metric or label they are about.
type span struct{ first, last int }

// rendered is the draft as YAML, with the lines of each metric and label entry.
type rendered struct {
	src     []byte
	metrics map[string]span // by metric key
	labels  map[string]span // by label name
}

// writer writes YAML line by line and counts lines.
type writer struct {
	b    bytes.Buffer
	line int // lines written so far
}

func (w *writer) raw(indent int, s string) {
	w.b.WriteString(strings.Repeat(" ", indent))
	w.b.WriteString(s)
	w.b.WriteByte('\n')
	w.line++
}

func (w *writer) blank() {
	w.b.WriteByte('\n')
	w.line++
}

// comment writes text as comment lines wrapped at 100 columns; each "\n" starts a new line,
// which keeps its leading spaces.
func (w *writer) comment(indent int, text string) {
	for _, para := range strings.Split(text, "\n") {
		lead := para[:len(para)-len(strings.TrimLeft(para, " "))]
		line := ""
		for _, word := range strings.Fields(para) {
			if line != "" && indent+2+len(lead)+len(line)+1+len(word) > 100 {
				w.raw(indent, "# "+lead+line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += word
		}
		if line == "" {
			w.raw(indent, "#")
			continue
		}
		w.raw(indent, "# "+lead+line)
	}
}

// ignore writes an ignore comment for the entry on the next line (one line: the comment
// parser reads no continuation).
func (w *writer) ignore(indent int, codes []string) {
	if len(codes) > 0 {
		w.raw(indent, "# "+spec.IgnoreMarker+" "+strings.Join(codes, ",")+" "+keepName)
	}
}

// field writes "key: value", with a block scalar for multi-line text; nothing for "".
func (w *writer) field(indent int, key, value string) {
	if value == "" {
		return
	}
	if block, ok := blockScalar(value, indent+2); ok {
		w.raw(indent, key+": "+block[0])
		for _, l := range block[1:] {
			if l == "" {
				w.blank()
			} else {
				w.raw(0, l)
			}
		}
		return
	}
	w.raw(indent, key+": "+quote(value, false))
}

// flowList writes a list in flow style: [a, b, c].
func flowList(items []string) string {
	q := make([]string, len(items))
	for i, it := range items {
		q[i] = quote(it, true)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// flowMap writes a mapping in flow style: {a: x, b: y}.
func flowMap(items []kv) string {
	q := make([]string, len(items))
	for i, it := range items {
		q[i] = quote(it.key, true) + ": " + quote(it.value, true)
	}
	return "{" + strings.Join(q, ", ") + "}"
}

// quote returns s as a YAML scalar that reads back as the string s: plain when that is
// unambiguous, else single-quoted, else double-quoted (control characters). In a flow
// collection, plain scalars cannot hold the flow indicators.
func quote(s string, flow bool) string {
	if plainOK(s, flow) {
		return s
	}
	printable := utf8.ValidString(s)
	for _, r := range s {
		if !unicode.IsPrint(r) && r != ' ' {
			printable = false
		}
	}
	if printable {
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return strconv.Quote(s) // Go's escapes are a subset of YAML's double-quoted ones
}

func plainOK(s string, flow bool) bool {
	if s == "" || strings.TrimSpace(s) != s || strings.ContainsAny(s, "\n\r\t") {
		return false
	}
	doc := "k: " + s
	if flow {
		doc = "k: [" + s + "]"
	}
	var n yaml.Node
	if yaml.Unmarshal([]byte(doc), &n) != nil || len(n.Content) != 1 || len(n.Content[0].Content) != 2 {
		return false
	}
	v := n.Content[0].Content[1]
	if flow {
		if v.Kind != yaml.SequenceNode || len(v.Content) != 1 {
			return false
		}
		v = v.Content[0]
	}
	return v.Kind == yaml.ScalarNode && v.Tag == "!!str" && v.Value == s && v.Style == 0
}

// blockScalar writes multi-line text as a literal block (|- or |), the way rule files write
// long PromQL, when the text survives it unchanged; the lines after the first are indented.
func blockScalar(s string, indent int) ([]string, bool) {
	if !strings.Contains(strings.TrimRight(s, "\n"), "\n") || strings.Contains(s, "\r") || !utf8.ValidString(s) {
		return nil, false
	}
	header := "|-"
	body := s
	switch {
	case strings.HasSuffix(s, "\n\n"):
		return nil, false
	case strings.HasSuffix(s, "\n"):
		header = "|"
		body = strings.TrimSuffix(s, "\n")
	}
	lines := strings.Split(body, "\n")
	if lines[0] == "" || lines[0][0] == ' ' || lines[0][0] == '\t' {
		return nil, false
	}
	out := []string{header}
	pad := strings.Repeat(" ", indent)
	for _, l := range lines {
		if strings.TrimRight(l, " \t") != l {
			return nil, false // trailing blanks would be invisible in review
		}
		for _, r := range l {
			if !unicode.IsPrint(r) && r != '\t' {
				return nil, false
			}
		}
		if l == "" {
			out = append(out, "")
			continue
		}
		out = append(out, pad+l)
	}
	return out, true
}

// number formats a bucket bound so that YAML reads it back as the same float64: positional
// notation for the sizes buckets usually have, exponents beyond.
func number(f float64) string {
	if a := math.Abs(f); a == 0 || a >= 1e-4 && a < 1e15 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if mant, exp, ok := strings.Cut(s, "e"); ok && !strings.Contains(mant, ".") {
		s = mant + ".0e" + exp
	}
	return s
}

// buckets writes bucket bounds as the spec's exponential or linear form when client_golang's
// generator gives exactly these bounds, else as a list.
func buckets(b []float64) string {
	if n := len(b); n >= 3 && b[0] > 0 {
		factor := b[1] / b[0]
		if factor > 1 && slices.Equal(prometheus.ExponentialBuckets(b[0], factor, n), b) {
			return fmt.Sprintf("{exponential: {start: %s, factor: %s, count: %d}}", number(b[0]), number(factor), n)
		}
	}
	if n := len(b); n >= 3 {
		width := b[1] - b[0]
		if width > 0 && slices.Equal(prometheus.LinearBuckets(b[0], width, n), b) {
			return fmt.Sprintf("{linear: {start: %s, width: %s, count: %d}}", number(b[0]), number(width), n)
		}
	}
	s := make([]string, len(b))
	for i, f := range b {
		s[i] = number(f)
	}
	return "[" + strings.Join(s, ", ") + "]"
}

// render writes the draft as YAML.
func (d *draft) render() rendered {
	w := &writer{}
	r := rendered{metrics: map[string]span{}, labels: map[string]span{}}
	for _, h := range d.header {
		w.comment(0, h)
	}
	w.raw(0, "version: 1")
	if d.nsNote != "" {
		w.comment(0, d.nsNote)
	}
	w.raw(0, "namespace: "+quote(d.namespace, false))
	if d.svcNote != "" {
		w.comment(0, d.svcNote)
	}
	w.raw(0, "service: "+quote(d.service, false))
	w.blank()
	w.raw(0, "go:")
	w.raw(2, "package: "+quote(d.goPackage, false))
	if len(d.outputs) > 0 {
		if d.outNote != "" {
			w.comment(0, d.outNote)
		}
		w.raw(0, "outputs:")
		for _, o := range d.outputs {
			w.raw(2, o.key+": "+quote(o.value, false))
		}
	}

	w.blank()
	if len(d.labels) == 0 {
		w.raw(0, "labels: {}")
	} else {
		w.raw(0, "labels:")
	}
	for _, l := range d.labels {
		first := w.line + 1
		if l.note != "" {
			w.comment(2, l.note)
		}
		w.ignore(2, l.ignores)
		switch {
		case l.values != nil:
			w.raw(2, l.name+":")
			w.raw(4, "values: "+flowList(l.values))
		case l.maxValues > 0:
			w.raw(2, l.name+":")
			w.raw(4, "max_values: "+strconv.Itoa(l.maxValues))
		default:
			w.raw(2, l.name+": {}")
		}
		r.labels[l.name] = span{first, w.line}
	}

	w.blank()
	if len(d.metrics) == 0 {
		w.raw(0, "metrics: {}")
	} else {
		w.raw(0, "metrics:")
	}
	for _, m := range d.metrics {
		first := w.line + 1
		for _, n := range m.notes {
			w.comment(2, n)
		}
		w.ignore(2, m.ignores)
		w.raw(2, m.key+":")
		w.raw(4, "type: "+m.typ)
		w.raw(4, "help: "+quote(m.help, false))
		if m.unit != "" {
			w.raw(4, "unit: "+m.unit)
		}
		if len(m.labels) > 0 {
			w.raw(4, "labels: "+flowList(m.labels))
		}
		if len(m.buckets) > 0 {
			w.raw(4, "buckets: "+buckets(m.buckets))
		}
		if m.maxSeries > 0 {
			w.raw(4, "max_series: "+strconv.Itoa(m.maxSeries))
		}
		w.field(4, "deprecated", m.deprecated)
		r.metrics[m.key] = span{first, w.line}
	}

	if len(d.external) > 0 || len(d.extNote) > 0 {
		w.blank()
		for _, n := range d.extNote {
			w.comment(0, n)
		}
		if len(d.external) == 0 {
			w.raw(0, "external_metrics: {}")
		} else {
			w.raw(0, "external_metrics:")
		}
		for _, e := range d.external {
			if e.note != "" {
				w.comment(2, e.note)
			}
			w.raw(2, quote(e.name, false)+":")
			w.raw(4, "type: "+e.typ)
			w.field(4, "help", e.help)
			if len(e.labels) > 0 {
				w.raw(4, "labels: "+flowList(e.labels))
			}
		}
	}

	if d.ruleGroup != "" || d.ruleInterval != "" {
		w.blank()
		for _, n := range d.ruleGroupNote {
			w.comment(0, n)
		}
		w.raw(0, "rule_group:")
		w.field(2, "name", d.ruleGroup)
		w.field(2, "interval", d.ruleInterval)
	}
	if len(d.records) > 0 {
		w.blank()
		w.raw(0, "recording_rules:")
		for _, rr := range d.records {
			d.writeRule(w, rr)
		}
	}
	if len(d.alerts) > 0 {
		w.blank()
		for _, n := range d.rulesNote {
			w.comment(0, n)
		}
		w.raw(0, "alerts:")
		for _, a := range d.alerts {
			d.writeRule(w, a)
		}
	}

	if d.dashTitle != "" || len(d.panels) > 0 || len(d.dashNote) > 0 {
		w.blank()
		for _, n := range d.dashNote {
			w.comment(0, n)
		}
		w.raw(0, "dashboard:")
		w.field(2, "title", d.dashTitle)
		if len(d.dashTags) > 0 {
			w.raw(2, "tags: "+flowList(d.dashTags))
		}
		if len(d.panels) > 0 {
			w.raw(2, "panels:")
		}
		for _, p := range d.panels {
			if p.note != "" {
				w.comment(4, p.note)
			}
			w.raw(4, "- title: "+quote(p.title, false))
			w.field(6, "type", p.typ)
			w.field(6, "expr", p.expr)
			w.field(6, "unit", p.unit)
			w.field(6, "legend", p.legend)
			w.field(6, "description", p.description)
		}
	}
	r.src = w.b.Bytes()
	return r
}

func (d *draft) writeRule(w *writer, r *rule) {
	if r.source != "" {
		w.comment(2, "from "+r.source)
	}
	for _, n := range r.notes {
		w.comment(2, n)
	}
	if r.alert != "" {
		w.raw(2, "- alert: "+quote(r.alert, false))
	} else {
		w.raw(2, "- record: "+quote(r.record, false))
	}
	w.field(4, "expr", r.expr)
	w.field(4, "for", r.forDur)
	w.field(4, "keep_firing_for", r.keepFiring)
	w.field(4, "severity", r.severity)
	if len(r.labels) > 0 {
		w.raw(4, "labels: "+flowMap(r.labels))
	}
	w.field(4, "summary", r.summary)
	w.field(4, "description", r.description)
	w.field(4, "runbook", r.runbook)
	if len(r.annotations) > 0 {
		w.raw(4, "annotations:")
		for _, a := range r.annotations {
			w.field(6, quote(a.key, false), a.value)
		}
	}
}

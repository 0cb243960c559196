package promql

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCheckTemplate(t *testing.T) {
	for _, tc := range []struct {
		text string
		refs []TemplateRef
		err  string // "off: message"
	}{
		{text: "no template at all"},
		{text: "{{ $value | humanizePercentage }} of calls fail"},
		{text: "{{ $labels.instance }} is down", refs: []TemplateRef{{3, 19, "instance"}}},
		{text: "on {{.Labels.job}}", refs: []TemplateRef{{5, 16, "job"}}},
		{text: `{{ index $labels "pod" }}`, refs: []TemplateRef{{17, 22, "pod"}}},
		{text: "{{ with $labels.a }}{{ .Labels.b }}{{ $labels.c }}{{ end }}", refs: []TemplateRef{{8, 17, "a"}, {38, 47, "c"}}},
		{text: "{{ range $i, $x := .Labels }}{{ $x }}{{ end }}"},
		{text: "{{ if $labels.a }}x{{ else }}{{ .Labels.b }}{{ end }}", refs: []TemplateRef{{6, 15, "a"}, {32, 41, "b"}}},
		{text: "line one\nand {{ $value | humanise }}", err: "25: invalid alert template: function humanise is not defined; did you mean humanize?"},
		{text: "{{ $labels.instance ", err: "0: invalid alert template: unclosed action; fix the {{ ... }} syntax (Go text/template, as Prometheus expands it)"},
		{text: "a\nb {{ end }}", err: "4: invalid alert template: unexpected {{end}}; fix the {{ ... }} syntax (Go text/template, as Prometheus expands it)"},
		// Templates that parse but cannot run.
		{text: "value {{ value }}", err: "9: alert template cannot run: wrong number of args for value: want 1 got 0; Prometheus would put an error in place of the text: give the function its arguments, e.g. {{ $value | humanize }} or {{ humanize $value }}"},
		{text: "{{ $labels.job }}:\n{{ $value | toUpper }}", refs: []TemplateRef{{3, 14, "job"}}, err: "31: alert template cannot run: wrong type for value; expected string; got float64; Prometheus would put an error in place of the text: pipe it a value of the type it takes (toUpper, title and reReplaceAll take text; value and label take a query sample)"},
		{text: "{{ $labels.instance.host }}", refs: []TemplateRef{{3, 19, "instance"}}, err: "10: alert template cannot run: can't evaluate field host in type string; Prometheus would put an error in place of the text: $labels.x is text and has no fields: read one label at a time"},
		{text: "{{ query \"up\" | humanize }}", err: "16: alert template cannot run: error calling humanize: can't convert promql.queryResult to float; Prometheus would put an error in place of the text: fix the {{ ... }} pipeline"},
		// Runs whatever the values: a label holding a number, a query's first sample.
		{text: "{{ $labels.threshold | humanize }} {{ $value | printf \"%.2f\" | humanizePercentage }}", refs: []TemplateRef{{3, 20, "threshold"}}},
		{text: "{{ with query \"up\" }}{{ . | first | value | humanize }}{{ end }}"},
		{text: "{{ printf `x{instance=%q}` $labels.instance | query | first | value }}", refs: []TemplateRef{{27, 43, "instance"}}},
	} {
		refs, bad := CheckTemplate(tc.text)
		if diff := cmp.Diff(tc.refs, refs); diff != "" {
			t.Errorf("%q: refs (-want +got):\n%s", tc.text, diff)
		}
		got := ""
		if bad != nil {
			got = formatFinding(*bad)
		}
		if got != tc.err {
			t.Errorf("%q: error %q, want %q", tc.text, got, tc.err)
		}
	}
}

// TestTemplateFuncsListed: the functions templates run with are exactly the ones parsing
// accepts (PrometheusTemplateFuncs, which the verify module compares with Prometheus').
func TestTemplateFuncsListed(t *testing.T) {
	for _, render := range []bool{false, true} {
		var names []string
		for name := range templateFuncMap(render) {
			names = append(names, name)
		}
		slices.Sort(names)
		if diff := cmp.Diff(PrometheusTemplateFuncs, names); diff != "" {
			t.Errorf("template functions (render %v) differ from PrometheusTemplateFuncs (-listed +run):\n%s", render, diff)
		}
	}
}

// TestRenderTemplate: templates that read only labels render as Prometheus expands them.
func TestRenderTemplate(t *testing.T) {
	labels := map[string]string{"instance": "db-1.example.com:9100", "job": "node", "ratio": "0.25"}
	for _, tc := range []struct {
		text, want string
		ok         bool
	}{
		{"plain text", "plain text", true},
		{"{{ $labels.instance }} down", "db-1.example.com:9100 down", true},
		{"{{ .Labels.job | toUpper }} on {{ $labels.instance | stripPort }}", "NODE on db-1.example.com", true},
		{"{{ $labels.instance | stripDomain }}", "db-1:9100", true},
		{"{{ $labels.ratio | humanizePercentage }}", "25%", true},
		{"{{ \"43200\" | humanizeDuration }}", "12h 0m 0s", true},
		{"{{ 1234567.0 | humanize }} {{ 2048.0 | humanize1024 }}", "1.235M 2ki", true},
		{"{{ $labels.job | title }}", "Node", true},
		{"{{ reReplaceAll \"-[0-9]+\" \"\" $labels.instance }}", "db.example.com:9100", true},
		{"{{ $labels.missing }}", "", true},
		{"{{ $value }}", "", false},
		{"{{ $value | humanize }}", "", false},
		{"{{ query \"up\" | first | value }}", "", false},
		{"{{ externalURL }}/alerts", "", false},
		{"{{ $externalLabels.cluster }}", "", false},
		{"{{ . }}", "", false},
	} {
		got, ok, err := RenderTemplate(tc.text, labels)
		if err != nil || ok != tc.ok || got != tc.want {
			t.Errorf("%q: %q, %v, %v; want %q, %v", tc.text, got, ok, err, tc.want, tc.ok)
		}
	}
}

// TestTemplateRunEnds: templates whose execution could run for ever are not run.
func TestTemplateRunEnds(t *testing.T) {
	for _, text := range []string{
		"{{ range 1000000000000 }}{{ end }}",
		"{{ $n := 1000000000000 }}{{ range $n }}x{{ end }}",
		"{{ range $i, $x := .Labels }}{{ range 100000000000 }}{{ end }}{{ end }}",
		"{{ define \"x\" }}{{ template \"x\" }}{{ end }}{{ template \"x\" }}",
	} {
		CheckTemplate(text)
		RenderTemplate(text, map[string]string{"a": "b"})
	}
}

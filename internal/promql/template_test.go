package promql

import (
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

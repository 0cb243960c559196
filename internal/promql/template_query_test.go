package promql

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTemplateQueries(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []TemplateQuery
	}{
		{`no template`, nil},
		{`{{ $value }}`, nil},
		{`{{ query "up" }}`, []TemplateQuery{{Query: "up", Off: 9, End: 13, Exact: true}}},
		{"{{ with query `up{a=\"b\"}` }}{{ . | first | value }}{{ end }}", []TemplateQuery{{Query: `up{a="b"}`, Off: 14, End: 25, Exact: true}}},
		{`{{ "x{a=\"b\"}" | query | first | value }}`, []TemplateQuery{{Query: `x{a="b"}`, Off: 3, End: 15}}},
		{`{{ if true }}{{ range query "a" }}{{ end }}{{ else }}{{ (query "b") }}{{ end }}`, []TemplateQuery{{Query: "a", Off: 28, End: 31, Exact: true}, {Query: "b", Off: 63, End: 66, Exact: true}}},
		{`{{ printf "up{i=%q}" $labels.instance | query }}`, nil}, // built at run time
		{`{{ query "up" `, nil}, // does not parse
	} {
		if diff := cmp.Diff(tc.want, TemplateQueries(tc.text)); diff != "" {
			t.Errorf("TemplateQueries(%q) (-want +got):\n%s", tc.text, diff)
		}
	}
}

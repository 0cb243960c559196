package spec

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/diag"
)

func parseNodes(t *testing.T, src string) *Nodes {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	return NewNodes([]byte(src), doc.Content[0])
}

func TestIgnores(t *testing.T) {
	src := `metrics:
  a_count:  # metricgen:ignore naming/counter-suffix,naming/type-in-name kept for dashboards
    type: counter
  # metricgen:ignore series/budget
  # another comment
  b_total:
    type: counter
alerts:
  - alert: X   # metricgen:ignore rules/missing-summary paging only
    expr: "up # metricgen:ignore promql/syntax not a comment"
  - alert: Y
    expr: |
      up
      # metricgen:ignore promql/syntax not a comment either
    # metricgen:ignore promql/unknown-metric

    for: 5m
labels: {a: {values: [x]}}  # metricgen:ignore label/unbounded flow
`
	got := parseNodes(t, src).Ignores()
	want := []Ignore{
		{
			Pos: diag.Pos{Line: 2, Col: 13, EndLine: 2, EndCol: 93},
			Codes: []IgnoreCode{
				{Code: "naming/counter-suffix", Pos: diag.Pos{Line: 2, Col: 32, EndLine: 2, EndCol: 53}},
				{Code: "naming/type-in-name", Pos: diag.Pos{Line: 2, Col: 54, EndLine: 2, EndCol: 73}},
			},
			Reason: "kept for dashboards",
			Target: diag.Pos{Line: 2, Col: 3, EndLine: 3, EndCol: 18},
		},
		{
			Pos:    diag.Pos{Line: 4, Col: 3, EndLine: 4, EndCol: 35},
			Codes:  []IgnoreCode{{Code: "series/budget", Pos: diag.Pos{Line: 4, Col: 22, EndLine: 4, EndCol: 35}}},
			Target: diag.Pos{Line: 6, Col: 3, EndLine: 7, EndCol: 18},
		},
		{
			Pos:    diag.Pos{Line: 9, Col: 16, EndLine: 9, EndCol: 68},
			Codes:  []IgnoreCode{{Code: "rules/missing-summary", Pos: diag.Pos{Line: 9, Col: 35, EndLine: 9, EndCol: 56}}},
			Reason: "paging only",
			Target: diag.Pos{Line: 9, Col: 5, EndLine: 10, EndCol: 62},
		},
		{
			// Followed by a blank line: it applies to nothing.
			Pos:   diag.Pos{Line: 15, Col: 5, EndLine: 15, EndCol: 45},
			Codes: []IgnoreCode{{Code: "promql/unknown-metric", Pos: diag.Pos{Line: 15, Col: 24, EndLine: 15, EndCol: 45}}},
		},
		{
			Pos:    diag.Pos{Line: 18, Col: 29, EndLine: 18, EndCol: 68},
			Codes:  []IgnoreCode{{Code: "label/unbounded", Pos: diag.Pos{Line: 18, Col: 48, EndLine: 18, EndCol: 63}}},
			Reason: "flow",
			Target: diag.Pos{Line: 18, Col: 1, EndLine: 18, EndCol: 27},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Ignores (-want +got):\n%s", diff)
	}
}

func TestNodeRanges(t *testing.T) {
	src := "a: plain value  # c\n" +
		"b: \"quo\\\"ted\"\n" +
		"c: 'it''s'\n" +
		"d: |\n  one\n  two\n\n" +
		"e: [x, {y: z}]\n" +
		"f:\n  - k: v\n" +
		"g: été\n"
	x := parseNodes(t, src)
	ds := []diag.Diagnostic{
		{Line: 1, Col: 1}, {Line: 1, Col: 4}, // key, plain scalar
		{Line: 2, Col: 4}, {Line: 3, Col: 4}, // quoted
		{Line: 4, Col: 4},                    // literal block
		{Line: 8, Col: 4}, {Line: 8, Col: 8}, // flow list, flow mapping
		{Line: 10, Col: 3}, {Line: 10, Col: 5}, // a block list: its first line; a key
		{Line: 11, Col: 4}, // multi-byte
		{Line: 1, Col: 17}, // not a node: the word there
		{Line: 3, Col: 2, EndLine: 3, EndCol: 3},
	}
	x.Complete(ds)
	var got []string
	for _, d := range ds {
		got = append(got, d.Pos().String())
	}
	want := []string{
		"1:1-1:2", "1:4-1:15",
		"2:4-2:14", "3:4-3:11",
		"4:4-6:6",
		"8:4-8:15", "8:8-8:14",
		"10:3-10:9", "10:5-10:6",
		"11:4-11:7",
		"1:17-1:18",
		"3:2-3:3",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ranges (-want +got):\n%s", diff)
	}
}

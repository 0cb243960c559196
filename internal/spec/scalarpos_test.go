package spec

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/diag"
	_ "github.com/metricgen/metricgen/internal/golden" // defines -update, which go test ./... passes to every package
)

// scalar parses src and returns it as a File with the value of its top-level key "v".
func scalar(t *testing.T, src string) (*File, String) {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatalf("%q: %v", src, err)
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "v" {
			n := root.Content[i+1]
			return &File{Src: []byte(src), Root: root}, String{Value: n.Value, Node: n}
		}
	}
	t.Fatalf("%q has no key v", src)
	return nil, String{}
}

// p is a position, line and column.
func p(line, col int) diag.Pos { return diag.Pos{Line: line, Col: col} }

// at returns the byte of src at pos.
func at(src string, pos diag.Pos) (byte, bool) {
	lines := strings.Split(src, "\n")
	if pos.Line < 1 || pos.Line > len(lines) {
		return 0, false
	}
	line := []rune(lines[pos.Line-1] + "\n")
	if pos.Col < 1 || pos.Col > len(line) {
		return 0, false
	}
	return string(line[pos.Col-1 : pos.Col])[0], true
}

func TestPosIn(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want map[int]diag.Pos // value offset -> position
	}{
		{
			name: "plain",
			src:  "a: 1\nv: rate(x[5m]) > 1\n",
			want: map[int]diag.Pos{0: p(2, 4), 5: p(2, 9), 13: p(2, 17)},
		},
		{
			name: "plain on several lines",
			// value: "sum(rate(a[5m])) / sum(rate(b[5m]))"
			src:  "v: sum(rate(a[5m]))\n  / sum(rate(b[5m]))\n",
			want: map[int]diag.Pos{0: p(1, 4), 16: p(1, 20), 17: p(2, 3), 28: p(2, 14)},
		},
		{
			name: "plain on several lines, CRLF",
			src:  "v: a +\r\n  b\r\n",
			want: map[int]diag.Pos{2: p(1, 6), 4: p(2, 3)},
		},
		{
			name: "single-quoted with ''",
			// value: it's {a="x"} here
			src:  "v: 'it''s {a=\"x\"} here'\n",
			want: map[int]diag.Pos{0: p(1, 5), 2: p(1, 7), 3: p(1, 9), 5: p(1, 11), 13: p(1, 19)},
		},
		{
			name: "single-quoted on several lines",
			src:  "v: 'up ==\n  0'\n",
			want: map[int]diag.Pos{3: p(1, 8), 5: p(1, 10), 6: p(2, 3)},
		},
		{
			name: "double-quoted with escapes",
			// value: a<tab>b "q" éx \ y
			src:  `v: "a\tb \"q\" \u00e9x \\ y"` + "\n",
			want: map[int]diag.Pos{0: p(1, 5), 1: p(1, 6), 2: p(1, 8), 4: p(1, 10), 5: p(1, 12), 8: p(1, 16), 9: p(1, 16), 10: p(1, 22), 12: p(1, 24), 14: p(1, 27)},
		},
		{
			name: "double-quoted with an escaped line break",
			// value: abcdef
			src:  "v: \"abc\\\n  def\"\n",
			want: map[int]diag.Pos{2: p(1, 7), 3: p(2, 3), 5: p(2, 5)},
		},
		{
			name: "double-quoted with a folded line break",
			src:  "v: \"up ==\n  0\"\n",
			want: map[int]diag.Pos{5: p(1, 10), 6: p(2, 3)},
		},
		{
			name: "literal block",
			// value: "sum(rate(a[5m]))\n  > 1\n"
			src:  "v: |\n  sum(rate(a[5m]))\n    > 1\nw: 2\n",
			want: map[int]diag.Pos{0: p(2, 3), 15: p(2, 18), 16: p(2, 19), 19: p(3, 5), 21: p(3, 7)},
		},
		{
			name: "literal block with a comment and a keep indicator",
			src:  "v: |+ # the query\n  up\n\n  == 0\n",
			want: map[int]diag.Pos{0: p(2, 3), 4: p(4, 3), 7: p(4, 6)},
		},
		{
			name: "folded block",
			// value: "sum(rate(a[5m])) > 1\n"
			src:  "v: >\n  sum(rate(a[5m]))\n  > 1\n",
			want: map[int]diag.Pos{0: p(2, 3), 16: p(2, 19), 17: p(3, 3), 19: p(3, 5)},
		},
		{
			name: "folded block with a blank line",
			// value: "a\nb\n"
			src:  "v: >-\n  a\n\n  b\n",
			want: map[int]diag.Pos{0: p(2, 3), 2: p(4, 3)},
		},
		{
			name: "columns count characters, not bytes",
			// "Größe " is 8 bytes
			src:  "v: 'Größe {{ $value }}'\n",
			want: map[int]diag.Pos{0: p(1, 5), 2: p(1, 7), 4: p(1, 8), 8: p(1, 11)},
		},
		{
			name: "after a flow mapping on the same line",
			src:  "{w: 1, v: 'a''b c'}\n",
			want: map[int]diag.Pos{0: p(1, 12), 1: p(1, 13), 2: p(1, 15), 4: p(1, 17)},
		},
		{
			name: "offsets past the end map to the last character",
			src:  "v: up == 0\n",
			want: map[int]diag.Pos{6: p(1, 10), 7: p(1, 10), 100: p(1, 10)},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, s := scalar(t, c.src)
			for off, want := range c.want {
				if got := f.PosIn(s, off); got != want {
					t.Errorf("PosIn(%q, %d) = %d:%d, want %d:%d", s.Value, off, got.Line, got.Col, want.Line, want.Col)
				}
			}
			// Every character the value copies from the source (not from an escape, not a
			// blank that may stand for a line break) maps to that very character.
			src := c.src
			for off := range len(s.Value) {
				b := s.Value[off]
				if b <= ' ' || b >= 0x80 || strings.Contains(src, `\`) {
					continue
				}
				pos := f.PosIn(s, off)
				if got, ok := at(src, pos); !ok || got != b {
					t.Errorf("PosIn(%q, %d) = %d:%d, which holds %q, not %q", s.Value, off, pos.Line, pos.Col, got, b)
				}
			}
		})
	}
}

func TestPosInNoNode(t *testing.T) {
	f := &File{Src: []byte("v: 1\n")}
	if got := f.PosIn(String{Value: "x"}, 0); got != (diag.Pos{}) {
		t.Errorf("PosIn of a value without a node = %v, want the zero Pos", got)
	}
}

// TestPosInSpec maps offsets inside a loaded spec: an alert expression in a literal block.
func TestPosInSpec(t *testing.T) {
	src := []byte(`version: 1
namespace: shop
service: shop
metrics:
  orders_total: {type: counter, help: Orders}
alerts:
  - alert: NoOrders
    expr: |
      sum(rate(shop_orders_total[10m]))
        == 0
`)
	f, _, ds := Load("spec.yaml", src)
	if f == nil || len(ds) > 0 {
		t.Fatalf("Load: %v", ds)
	}
	expr := f.Alerts[0].Value.Expr
	off := strings.Index(expr.Value, "==")
	if got, want := f.PosIn(expr, off), (diag.Pos{Line: 10, Col: 9}); got != want {
		t.Errorf("PosIn(==) = %v, want %v", got, want)
	}
	off = strings.Index(expr.Value, "shop_orders_total")
	if got, want := f.PosIn(expr, off), (diag.Pos{Line: 9, Col: 16}); got != want {
		t.Errorf("PosIn(shop_orders_total) = %v, want %v", got, want)
	}
}

// TestRangeIsComplete: File.Range gives an output path the range that Nodes.Complete gives a
// diagnostic at it, in every scalar style and through an alias, without the node index.
func TestRangeIsComplete(t *testing.T) {
	src := "version: 1\nnamespace: x\nservice: x\nanchors: {p: &p deploy/a.yml}\noutputs:\n" +
		"  rules: deploy/rules.yml # comment\n" +
		"  docs: \"docs/é \\\" x.md\"\n" +
		"  dashboard: 'grafana/it''s.json'\n" +
		"  prometheus_rule: *p\n" +
		"  rule_tests: \"\"\n"
	f, doc, ds := Load("spec.yaml", []byte(src))
	if f == nil {
		t.Fatalf("load: %v", ds)
	}
	for _, s := range []String{f.Outputs.Rules, f.Outputs.Docs, f.Outputs.Dashboard, f.Outputs.PrometheusRule, f.Outputs.RuleTests} {
		pos := s.Pos()
		want := []diag.Diagnostic{{Line: pos.Line, Col: pos.Col}}
		doc.Nodes([]byte(src)).Complete(want)
		if got := f.Range(s); got != want[0].Pos() || got.EndLine == 0 {
			t.Errorf("%q at %d:%d: Range %v, Complete %v", s.Value, pos.Line, pos.Col, got, want[0].Pos())
		}
	}
}

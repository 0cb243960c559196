package validate

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// flatSpec writes a valid spec of n metrics without any alias: about 70 bytes and 7 YAML
// nodes per metric, so that 21,000 metrics pass the 100,000 nodes that aliases may add.
func flatSpec(n int) []byte {
	var b bytes.Buffer
	b.WriteString("version: 1\nnamespace: big\nservice: big\nmetrics:\n")
	for i := range n {
		fmt.Fprintf(&b, "  m%06d_total:\n    type: counter\n    help: metric %d\n", i, i)
	}
	return b.Bytes()
}

// lastLineErrors are problems on the last line of a large spec, each with the diagnostic it
// must give (after the file name and line).
var lastLineErrors = []struct {
	name, line, want string
}{
	{"indent", "   stray: 1\n", ":4: error: yaml/syntax: invalid YAML (did not find expected key): this line is not indented like the other keys of its mapping; line it up with them"},
	{"unclosed-flow", "  tail_total: {type: counter, help: [x}\n", ":37: error: yaml/syntax: invalid YAML (did not find expected ',' or ']'): the list opened with '[' here is not closed; add the ']' (and ',' between items)"},
	{"unclosed-quote", "  tail_total: {type: counter, help: \"x}\n", ":37: error: yaml/syntax: invalid YAML (found unexpected end of stream): the quoted string that starts here is not closed; add the closing quote"},
	{"unknown-key", "  tail_total: {type: counter, help: x, lables: []}\n", ":40: error: schema/unknown-key: metrics.tail_total: unknown key \"lables\"; did you mean \"labels\"?"},
}

// TestLargeSpec: a spec of 21,000 metrics and no alias is not an alias bomb, and a problem on
// its last line is reported on that line, whatever go-yaml says about the mapping around it.
func TestLargeSpec(t *testing.T) {
	const n = 21_000
	src := flatSpec(n)
	s, ds := Source("big.yaml", src, Options{OutRoot: t.TempDir()})
	if s == nil || len(ds) > 0 {
		t.Fatalf("a valid spec of %d metrics: %v", n, ds)
	}
	last := bytes.Count(src, []byte("\n")) + 1
	for _, tc := range lastLineErrors {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := Source("big.yaml", append(bytes.Clone(src), tc.line...), Options{OutRoot: t.TempDir()})
			want := fmt.Sprintf("big.yaml:%d%s", last, tc.want)
			if len(ds) != 1 || ds[0].String() != want {
				t.Errorf("diagnostics:\n%v\nwant\n%s", ds, want)
			}
		})
	}
}

// BenchmarkLoadLarge validates a 10 MB spec (180,000 metrics, no alias) that is valid,
// then the same with each problem of lastLineErrors on its last line. The target: a
// last-line error reported in under 2 s on this machine. The reference, yaml-parse, is one
// parse of the same bytes into YAML nodes by go-yaml: the least any report can cost.
func BenchmarkLoadLarge(b *testing.B) {
	src := flatSpec(180_000)
	if len(src) < 10<<20 {
		b.Fatalf("the spec is %d bytes, want 10 MB", len(src))
	}
	root := b.TempDir()
	b.Run("yaml-parse", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			var n yaml.Node
			if err := yaml.Unmarshal(src, &n); err != nil {
				b.Fatal(err)
			}
		}
	})
	cases := append([]struct{ name, line, want string }{{"valid", "", ""}}, lastLineErrors...)
	for _, tc := range cases {
		in := append(bytes.Clone(src), tc.line...)
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				_, ds := Source("big.yaml", in, Options{OutRoot: root})
				if got := len(ds); (tc.want == "") != (got == 0) || !strings.Contains(fmt.Sprint(ds), tc.want) {
					b.Fatalf("diagnostics %v, want %q", ds, tc.want)
				}
			}
		})
	}
}

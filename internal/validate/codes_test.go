package validate

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/targets"
)

// TestCorpusCodes: every diagnostic of every spec in the repository (the invalid corpus, the
// golden cases), validated as the CLI does with --strict, carries a registered check code and a range that ends after it
// starts.
func TestCorpusCodes(t *testing.T) {
	var dirs []string
	for _, pattern := range []string{"../../testdata/invalid/*", "../../testdata/golden/*"} {
		ds, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, ds...)
	}
	if len(dirs) < 100 {
		t.Fatalf("found %d cases; is the corpus where it was?", len(dirs))
	}
	seen := map[diag.Code]bool{}
	for _, dir := range dirs {
		src, err := os.ReadFile(filepath.Join(dir, "spec.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		_, ds := Source("spec.yaml", src, Options{OutRoot: dir, Strict: true, Targets: targets.All})
		for _, d := range ds {
			seen[d.Code] = true
			if !diag.Known(d.Code) {
				t.Errorf("%s: %s: code %q is not registered in internal/diag", filepath.Base(dir), d, d.Code)
			}
			if d.Col > 0 && (d.EndLine < d.Line || d.EndLine == d.Line && d.EndCol <= d.Col) {
				t.Errorf("%s: %s: range ends at %d:%d", filepath.Base(dir), d, d.EndLine, d.EndCol)
			}
		}
	}
	if len(seen) < 50 {
		t.Errorf("the corpus exercises %d codes; expected most of the registry", len(seen))
	}
}

// TestSpecRanges: ranges map back into the spec for every YAML style an expression can be
// written in, and a node's range covers the node.
func TestSpecRanges(t *testing.T) {
	src := `version: 1
namespace: shop
service: shop
labels:
  status: {values: [ok, error]}
metrics:
  requests_total: {type: counter, help: Requests, labels: [status]}
  Orders: {type: counter, help: Orders}
alerts:
  - alert: A
    expr: |
      sum(rate(shop_requests_total{
        status="failed"}[5m])) > 0
    summary: a
  - alert: B
    expr: "sum(rate(shop_requests_total{status=\"nope\"}[5m])) > 0"
    summary: b
  - alert: C
    expr: >-
      sum(rate(shop_requests_total{status='x'}[5m]))
      > 0
    summary: '{{ $labels.statuss }}'
`
	_, ds := Source("spec.yaml", []byte(src), Options{OutRoot: t.TempDir(), Targets: targets.All})
	var got []string
	for _, d := range ds {
		got = append(got, string(d.Code)+" "+d.Pos().String())
	}
	want := []string{
		"naming/snake-case 8:3-8:9",
		"promql/never-matches 13:9-13:24",
		"promql/never-matches 16:41-16:56",
		"promql/never-matches 20:36-20:46",
		"template/unknown-label 22:18-22:33",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ranges (-want +got):\n%s", diff)
	}
}

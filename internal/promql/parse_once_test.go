package promql_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/metricgen/metricgen/internal/promql"
	"github.com/metricgen/metricgen/internal/targets"
	"github.com/metricgen/metricgen/internal/validate"
)

// TestParsedOnce runs the pipeline (validate, then every target) over every valid spec of the
// repository and counts the runs of Prometheus' parser: each distinct expression of the spec
// is parsed exactly once, by the compile stage; no emitter parses PromQL.
func TestParsedOnce(t *testing.T) {
	var paths []string
	for _, pattern := range []string{"testdata/golden/*/spec.yaml", "testdata/invalid/*/spec.yaml", "spec/*.yaml", "examples/*/metrics.yaml"} {
		ps, _ := filepath.Glob(filepath.Join("..", "..", pattern))
		paths = append(paths, ps...)
	}
	checked := 0
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		before := promql.Parses()
		s, _ := validate.Source(p, src, validate.Options{OutRoot: t.TempDir(), Targets: targets.All})
		parsed := promql.Parses() - before
		if s == nil {
			continue
		}
		checked++
		texts := map[string]bool{}
		for _, a := range s.Alerts {
			texts[a.Expr.Text] = true
		}
		for _, r := range s.Records {
			texts[r.Expr.Text] = true
		}
		for _, rt := range s.Tests {
			for _, et := range rt.ExprTests {
				texts[et.Expr.Text] = true
			}
		}
		for _, o := range s.SLOs {
			for _, e := range o.SLI.Exprs {
				texts[e.Text] = true
			}
		}
		for _, pn := range s.Dashboard.Panels {
			text, _ := promql.SubstituteGrafana(pn.Expr.Text) // what the checker reads
			texts[text] = true
		}
		if parsed != int64(len(texts)) {
			t.Errorf("%s: validation parsed %d times, for %d distinct expressions", p, parsed, len(texts))
		}
		before = promql.Parses()
		for _, tg := range targets.All {
			if _, err := tg.Generate(s); err != nil {
				t.Fatalf("%s: %s: %v", p, tg.Name, err)
			}
		}
		if n := promql.Parses() - before; n != 0 {
			t.Errorf("%s: the emitters parsed PromQL %d times", p, n)
		}
	}
	if checked < 20 {
		t.Fatalf("only %d valid specs checked", checked)
	}
}

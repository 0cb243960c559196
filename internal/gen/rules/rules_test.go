package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/gen"
	"github.com/metricgen/metricgen/internal/golden"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/validate"
)

// goldenRoot is the repository's golden folder, from this package's folder.
const goldenRoot = "../../../testdata/golden"

// rulesCase is one golden case: its folder, model and generated files.
type rulesCase struct {
	name, dir string
	spec      *model.Spec
	files     []gen.File
}

// loadCases validates every testdata/golden/rules-*/spec.yaml (cleanly, as stderr.txt is
// empty) and generates its rule files.
func loadCases(t *testing.T) []rulesCase {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(goldenRoot, "rules-*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	var cases []rulesCase
	for _, dir := range dirs {
		src, err := os.ReadFile(filepath.Join(dir, "spec.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		s, ds := validate.Source("spec.yaml", src, validate.Options{OutRoot: t.TempDir()})
		if diag.HasErrors(ds) || s == nil {
			t.Fatalf("%s: the spec does not validate: %v", dir, ds)
		}
		files, err := Generate(s)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		cases = append(cases, rulesCase{name: filepath.Base(dir), dir: dir, spec: s, files: files})
	}
	return cases
}

// TestGolden compares the generated files with <case>/out, which cmd/metricgen's TestGolden
// owns (it rewrites it with -update).
func TestGolden(t *testing.T) {
	for _, c := range loadCases(t) {
		t.Run(c.name, func(t *testing.T) {
			for _, f := range c.files {
				golden.Compare(t, filepath.Join(c.dir, "out", filepath.FromSlash(f.Path)), f.Content)
			}
			again, err := Generate(c.spec)
			if err != nil || !cmp.Equal(again, c.files) {
				t.Errorf("a second run generates different output")
			}
		})
	}
}

func TestRelative(t *testing.T) {
	for _, tc := range []struct{ dir, target, want string }{
		{".", "rules.yml", "rules.yml"},
		{"deploy", "deploy/rules.yml", "rules.yml"},
		{"deploy/tests", "deploy/prometheus/r.yml", "../prometheus/r.yml"},
		{"a/b", "c.yml", "../../c.yml"},
		{"a", "a/b/c.yml", "b/c.yml"},
	} {
		if got := relative(tc.dir, tc.target); got != tc.want {
			t.Errorf("relative(%q, %q) = %q, want %q", tc.dir, tc.target, got, tc.want)
		}
	}
}

func TestNothingAsked(t *testing.T) {
	files, err := Generate(&model.Spec{Service: "x"})
	if err != nil || len(files) != 0 {
		t.Errorf("Generate without rule outputs = %v, %v", files, err)
	}
}

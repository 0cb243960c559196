package dashboard

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"slices"
	"testing"

	"github.com/metricgen/metricgen/internal/golden"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/validate"
)

// repoRoot is the module root, from this package's folder.
const repoRoot = "../../.."

// specCase is a spec whose dashboard the tests check.
type specCase struct {
	name   string
	dir    string // golden case folder; "" for the repository's example specs
	spec   *model.Spec
	golden bool
}

// goldenCases loads testdata/golden/dashboard-*/spec.yaml as the golden harness of
// cmd/metricgen does: named "spec.yaml", so that headers quote that path.
func goldenCases(t *testing.T) []specCase {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "golden", "dashboard-*"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(dirs)
	if len(dirs) == 0 {
		t.Fatal("no testdata/golden/dashboard-* cases")
	}
	var cases []specCase
	for _, dir := range dirs {
		src, err := os.ReadFile(filepath.Join(dir, "spec.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		s, ds := validate.Source("spec.yaml", src, validate.Options{OutRoot: t.TempDir()})
		if len(ds) > 0 || s == nil {
			// A golden case's stderr.txt is empty: its spec must validate without a word.
			t.Fatalf("%s: the spec does not validate cleanly: %v", dir, ds)
		}
		cases = append(cases, specCase{name: filepath.Base(dir), dir: dir, spec: s, golden: true})
	}
	return cases
}

// allCases adds the repository's example specs (spec/*.yaml) to the golden cases, for the
// checks that need no expected output. An example that does not validate is skipped: the
// validator's own tests speak for it.
func allCases(t *testing.T) []specCase {
	t.Helper()
	cases := goldenCases(t)
	examples, _ := filepath.Glob(filepath.Join(repoRoot, "spec", "*.yaml"))
	slices.Sort(examples)
	for _, p := range examples {
		s, ds := validate.File(p, validate.Options{OutRoot: t.TempDir()})
		if s == nil {
			t.Logf("%s does not validate, not checked here: %v", p, ds)
			continue
		}
		if s.Outputs.Dashboard != "" {
			cases = append(cases, specCase{name: "spec/" + filepath.Base(p), spec: s})
		}
	}
	return cases
}

// generateOne returns the one dashboard file of s.
func generateOne(t *testing.T, s *model.Spec) []byte {
	t.Helper()
	files, err := Generate(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Path != s.Outputs.Dashboard {
		t.Fatalf("Generate returned %d files, want one at %s", len(files), s.Outputs.Dashboard)
	}
	return files[0].Content
}

// TestGolden compares each case's dashboard with <case>/out/<outputs.dashboard>, which
// cmd/metricgen's TestGolden owns (it rewrites it with -update).
func TestGolden(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			got := generateOne(t, c.spec)
			if again := generateOne(t, c.spec); !bytes.Equal(got, again) {
				t.Fatal("two runs over the same spec differ")
			}
			golden.Compare(t, filepath.Join(c.dir, "out", filepath.FromSlash(path.Clean(c.spec.Outputs.Dashboard))), got)
		})
	}
}

func TestNoDashboardOutput(t *testing.T) {
	files, err := Generate(&model.Spec{Service: "x"})
	if err != nil || files != nil {
		t.Fatalf("Generate without outputs.dashboard = %v, %v; want nothing", files, err)
	}
}

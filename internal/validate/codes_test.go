package validate

import (
	"path/filepath"
	"testing"

	"github.com/metricgen/metricgen/internal/diag"
)

// TestCorpusCodes: every diagnostic of every spec in the repository (the invalid corpus, the
// golden cases, the examples) carries a registered check code and a range that ends after it
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
		for _, d := range diagnose(t, dir) {
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

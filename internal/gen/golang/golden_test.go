package golang

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/metricgen/metricgen/internal/gen"
	"github.com/metricgen/metricgen/internal/golden"
	"github.com/metricgen/metricgen/internal/model"
)

// goldenRoot is the repository's golden folder, from this package's folder.
const goldenRoot = "../../../testdata/golden"

// tree returns files keyed by path.
func tree(files []gen.File) map[string]string {
	m := map[string]string{}
	for _, f := range files {
		m[f.Path] = string(f.Content)
	}
	return m
}

// byPath returns files keyed by path, as package golden takes them.
func byPath(files []gen.File) map[string][]byte {
	m := map[string][]byte{}
	for _, f := range files {
		m[f.Path] = f.Content
	}
	return m
}

// generate runs Generate on a case's model, failing the test on error.
func generate(t *testing.T, name string, spec func() *model.Spec) []gen.File {
	t.Helper()
	files, err := Generate(spec())
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return files
}

// TestGolden compares the package generated from each case's model with
// testdata/golden/<case>/out, which cmd/metricgen's TestGolden owns: it generates the same
// folders from spec.yaml through the whole CLI, and rewrites them with -update.
func TestGolden(t *testing.T) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			golden.CompareTree(t, filepath.Join(goldenRoot, c.name, "out"), byPath(generate(t, c.name, c.spec)))
		})
	}
}

// benchDir holds the generated package the benchmarks of package bench measure.
const benchDir = "bench"

// TestBenchPackage keeps bench/benchmetrics equal to what benchSpec generates; -update
// rewrites it, so that the benchmarks always measure the current emitter.
func TestBenchPackage(t *testing.T) {
	files := generate(t, "bench", benchSpec)
	for i := range files {
		files[i].Path = strings.TrimPrefix(files[i].Path, "benchmetrics/")
	}
	golden.Tree(t, filepath.Join(benchDir, "benchmetrics"), byPath(files))
}

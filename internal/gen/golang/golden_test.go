package golang

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/metricgen/metricgen/internal/gen"
	"github.com/metricgen/metricgen/internal/model"
)

var update = flag.Bool("update", false, "rewrite the generated trees of testdata/golden/go-*/out")

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

// readTree returns every file below dir, keyed by slash-separated relative path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return files
}

// writeTree replaces dir with files.
func writeTree(t *testing.T, dir string, files []gen.File) {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
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
// testdata/golden/<case>/out; -update rewrites out. (cmd/metricgen's TestGolden runs the same
// folders through the whole CLI, from spec.yaml.)
func TestGolden(t *testing.T) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := generate(t, c.name, c.spec)
			out := filepath.Join(goldenRoot, c.name, "out")
			if *update {
				writeTree(t, out, files)
				return
			}
			if diff := cmp.Diff(readTree(t, out), tree(files)); diff != "" {
				t.Errorf("generated package differs from %s (-want +got); rerun with -update if intended:\n%s", out, diff)
			}
		})
	}
}

// benchDir holds the generated package the benchmarks of package bench measure.
const benchDir = "bench"

// TestBenchPackage keeps bench/benchmetrics equal to what benchSpec generates; -update rewrites
// it, so that the benchmarks always measure the current emitter.
func TestBenchPackage(t *testing.T) {
	files := generate(t, "bench", benchSpec)
	for i := range files {
		files[i].Path = strings.TrimPrefix(files[i].Path, "benchmetrics/")
	}
	pkg := filepath.Join(benchDir, "benchmetrics")
	if *update {
		writeTree(t, pkg, files)
		return
	}
	want, got := readTree(t, pkg), tree(files)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("bench/benchmetrics is stale (-want +got); rerun with -update:\n%s", diff)
	}
}

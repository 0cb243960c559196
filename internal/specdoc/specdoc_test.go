package specdoc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/metricgen/metricgen/internal/golden"
)

const repoRoot = "../.."

// TestSpecReference keeps docs/spec.md equal to what the schema says, and every key of the
// schema documented with a type and an example (from the schema's `examples`, or else a
// value from the repository's specs).
func TestSpecReference(t *testing.T) {
	schemaJSON, err := os.ReadFile(filepath.Join(repoRoot, "schema/metricgen.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	specs, err := filepath.Glob(filepath.Join(repoRoot, "spec/*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	goldenSpecs, _ := filepath.Glob(filepath.Join(repoRoot, "testdata/golden/*/spec.yaml"))
	specs = append(append(specs, filepath.Join(repoRoot, "examples/checkout/metrics.yaml")), goldenSpecs...)
	var files [][]byte
	for _, p := range specs {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, b)
	}
	ex, err := FromSpecs(files...)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := Keys(schemaJSON, ex)
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) < 50 {
		t.Fatalf("the schema yields %d keys; expected every key of the spec", len(keys))
	}
	for _, k := range keys {
		if k.Type == "" {
			t.Errorf("%s: no type in the schema", k.Path)
		}
		if k.Description == "" {
			t.Errorf("%s: no description in the schema", k.Path)
		}
		if k.Example == "" && !k.Section {
			t.Errorf("%s: no example: add `examples` to the schema, or use the key in spec/ or examples/", k.Path)
		}
	}
	got := Render(keys)
	golden.File(t, filepath.Join(repoRoot, "docs/spec.md"), got) // go test ./internal/specdoc -update rewrites it
	for _, top := range []string{"## `version`", "## `metrics`", "### `metrics.<name>.buckets`", "## `alerts`"} {
		if !strings.Contains(string(got), top+"\n") {
			t.Errorf("the reference has no heading %q", top)
		}
	}
}

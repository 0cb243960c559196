package initspec_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/metricgen/metricgen/internal/adopt/initspec"
	"github.com/metricgen/metricgen/internal/diag"
	goldenfile "github.com/metricgen/metricgen/internal/golden"
	"github.com/metricgen/metricgen/internal/targets"
	"github.com/metricgen/metricgen/internal/validate"
)

// TestGolden drafts each case of testdata/<case>: inputs.txt names the inputs (lines
// "metrics: FILE", "rules: FILE...", "dashboard: FILE", "namespace: NS"); the expected draft
// is draft.yaml and its diagnostics and summary are todo.txt.
func TestGolden(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "*", "inputs.txt"))
	if len(dirs) == 0 {
		t.Fatal("no cases")
	}
	for _, f := range dirs {
		dir := filepath.Dir(f)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Chdir(dir)
			res := draftCase(t)
			var todo bytes.Buffer
			diag.Printer{Format: diag.Text}.Print(&todo, res.Diags)
			todo.WriteString(res.Summary("metrics.yaml") + "\n")
			golden(t, "draft.yaml", res.Spec)
			golden(t, "todo.txt", todo.Bytes())

			// The draft means what validation said of it: validate agrees byte for byte.
			_, ds := validate.Source("metrics.yaml", res.Spec, validate.Options{Targets: targets.All})
			if diff := cmp.Diff(res.Diags, ds); diff != "" {
				t.Errorf("validate disagrees with init:\n%s", diff)
			}
			// Deterministic: a second draft is the same.
			if again := draftCase(t); !bytes.Equal(again.Spec, res.Spec) {
				t.Error("a second draft differs from the first")
			}
		})
	}
}

func draftCase(t *testing.T) *initspec.Result {
	t.Helper()
	b, err := os.ReadFile("inputs.txt")
	if err != nil {
		t.Fatal(err)
	}
	src := initspec.Sources{Timeout: time.Second}
	var ns string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		k, v, _ := strings.Cut(line, ": ")
		switch k {
		case "metrics":
			src.Metrics = v
		case "rules":
			src.Rules = strings.Fields(v)
		case "dashboard":
			src.Dashboard = v
		case "namespace":
			ns = v
		default:
			t.Fatalf("inputs.txt: unknown line %q", line)
		}
	}
	in, ds := initspec.Read(context.Background(), src)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	in.Namespace, in.Path = ns, "metrics.yaml"
	res, err := initspec.Draft(in)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// golden checks the file name against got; go test ./... -update rewrites it.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.File(t, name, got)
}

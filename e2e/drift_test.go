//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestE2EDriftCheck runs the workflow of a service repository on a scratch copy of the example:
// go generate, build, hand-edit a generated file (the drift check must name it), regenerate
// (clean again), and remove an operation that code calls (the build must break).
func TestE2EDriftCheck(t *testing.T) {
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "checkout")
	copyTree(t, exampleDir, dir)
	env := []string{"GOWORK=off"}
	mustRun(t, dir, env, "go", "mod", "edit", "-replace", "github.com/metricgen/metricgen="+repo)

	// From nothing generated to a service that builds.
	for _, gen := range []string{"checkoutmetrics", "deploy", "docs"} {
		if err := os.RemoveAll(filepath.Join(dir, gen)); err != nil {
			t.Fatal(err)
		}
	}
	mustRun(t, dir, env, "go", "generate", "./...")
	for _, p := range []string{"checkoutmetrics/metrics.go", "checkoutmetrics/redact.go", "deploy/prometheus/checkout.rules.yml", "deploy/grafana/checkout.json"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Fatalf("go generate did not write %s (is its emitter wired in cmd/metricgen/emitters.go?)", p)
		}
	}
	mustRun(t, dir, env, "go", "build", "./...")
	if out, code := run(t, dir, env, "go", "tool", "metricgen", "check", "metrics.yaml"); code != 0 {
		t.Fatalf("metricgen check right after go generate: exit %d, want 0\n%s", code, out)
	}

	// A hand edit of a generated file is drift, named in the report.
	edited := filepath.Join(dir, "checkoutmetrics", "metrics.go")
	b, err := os.ReadFile(edited)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, edited, string(b)+"\n// a hand edit\n")
	out, code := run(t, dir, env, "go", "tool", "metricgen", "check", "metrics.yaml")
	if code != 1 || !strings.Contains(out, "checkoutmetrics/metrics.go") {
		t.Fatalf("metricgen check after editing checkoutmetrics/metrics.go: exit %d, want 1 and the file named\n%s", code, out)
	}
	// Run through Go's tool directive, the hint names the command as the user runs it.
	if !strings.Contains(out, "run: go tool metricgen generate metrics.yaml") {
		t.Errorf("metricgen check's hint does not say `go tool metricgen generate metrics.yaml`:\n%s", out)
	}

	mustRun(t, dir, env, "go", "generate", "./...")
	if out, code := run(t, dir, env, "go", "tool", "metricgen", "check", "metrics.yaml"); code != 0 {
		t.Fatalf("metricgen check after regenerating: exit %d, want 0\n%s", code, out)
	}

	// Removing an operation from the spec removes its method: code still calling it no longer
	// compiles.
	spec := filepath.Join(dir, "metrics.yaml")
	src, err := os.ReadFile(spec)
	if err != nil {
		t.Fatal(err)
	}
	start := strings.Index(string(src), "\n  charge:\n")
	end := strings.Index(string(src), "\n  payments_api:\n")
	if start < 0 || end < start {
		t.Fatalf("%s has no operation charge followed by payments_api", spec)
	}
	writeFile(t, spec, string(src[:start])+string(src[end:]))
	mustRun(t, dir, env, "go", "generate", "./...")
	out, code = run(t, dir, env, "go", "build", "./...")
	if code == 0 || !strings.Contains(out, "Charge") {
		t.Fatalf("go build after removing the operation charge from the spec: exit %d, want a compile error naming Charge\n%s", code, out)
	}
	t.Logf("go build after removing an operation the code calls:\n%s", out)
}

package golang

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/metricgen/metricgen/internal/model"
)

// repoRoot is the module root, from this package's folder.
const repoRoot = "../../.."

// TestExercise builds every golden package in a scratch module (module scratch, with the
// requirements and go.sum of our go.mod, so that it selects the versions our build has in the
// module cache), adds its exercise as a test, and runs go vet and go test -race there,
// offline: GOPROXY=off, the module cache only.
func TestExercise(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a scratch module; skipped with -short")
	}
	dir := t.TempDir()
	write := func(rel, content string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", scratchGoMod(t))
	sum, err := os.ReadFile(filepath.Join(repoRoot, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	write("go.sum", string(sum))
	all := append(cases[:len(cases):len(cases)], struct {
		name     string
		spec     func() *model.Spec
		exercise string
	}{"edge", edgeSpec, edgeExercise})
	for _, c := range all {
		s := c.spec()
		files, err := Generate(s)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for _, f := range files {
			write(f.Path, string(f.Content))
		}
		pkg := func(src string) string { return strings.ReplaceAll(src, "PKG", s.Go.Name) }
		write(s.Go.Dir+"/exercise_test.go", pkg(exercisePrelude)+c.exercise)
		write(s.Go.Dir+"/race_test.go", pkg(raceOnFile))
		write(s.Go.Dir+"/norace_test.go", pkg(raceOffFile))
	}
	goCmd(t, dir, "vet", "./...")
	goCmd(t, dir, "test", "-race", "-count=1", "./...")
}

// goCmd runs the go command in dir, offline, and fails the test with its output on error.
func goCmd(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	t.Logf("go %s:\n%s", strings.Join(args, " "), out)
}

// scratchGoMod is our go.mod as module scratch: the same requirements, so the same versions.
func scratchGoMod(t *testing.T) string {
	t.Helper()
	mod, err := os.ReadFile(filepath.Join(repoRoot, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	first, rest, _ := strings.Cut(string(mod), "\n")
	if !strings.HasPrefix(first, "module ") || !strings.Contains(rest, "github.com/prometheus/client_golang ") {
		t.Fatalf("%s/go.mod does not start with a module line or does not require client_golang", repoRoot)
	}
	return "module scratch\n" + rest
}

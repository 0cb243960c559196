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

// TestExercise builds every golden package in a scratch module (module scratch, requiring the
// client_golang of our go.mod, with our go.sum), adds its exercise as a test, and runs go vet
// and go test -race there, offline: GOPROXY=off, the module cache only.
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
	write("go.mod", "module scratch\n\ngo 1.26\n\nrequire github.com/prometheus/client_golang "+clientGolangVersion(t)+"\n")
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

// clientGolangVersion returns the version of client_golang our go.mod requires.
func clientGolangVersion(t *testing.T) string {
	t.Helper()
	mod, err := os.ReadFile(filepath.Join(repoRoot, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(mod), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "github.com/prometheus/client_golang" {
			return f[1]
		}
		if f := strings.Fields(line); len(f) >= 3 && f[0] == "require" && f[1] == "github.com/prometheus/client_golang" {
			return f[2]
		}
	}
	t.Fatal("go.mod does not require github.com/prometheus/client_golang")
	return ""
}

//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestE2EPreCommitHook installs scripts/pre-commit in a scratch git repository holding the
// example service and commits the way people do: the spec staged without its regenerated
// outputs must be refused even though the working tree holds them (the hook checks what is
// staged), the outputs staged too must pass, and an unstaged hand edit must not block a
// commit whose staged files are right.
func TestE2EPreCommitHook(t *testing.T) {
	git := requireTool(t, "git")
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "checkout")
	copyTree(t, exampleDir, dir)
	env := []string{"GOWORK=off", "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null"}
	mustRun(t, dir, env, "go", "mod", "edit", "-replace", "github.com/metricgen/metricgen="+repo)
	mustRun(t, dir, env, git, "init", "-q")
	mustRun(t, dir, env, git, "add", "-A")
	mustRun(t, dir, env, git, "commit", "-q", "-m", "service")
	hook, err := os.ReadFile(filepath.Join(repo, "scripts", "pre-commit"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".git", "hooks", "pre-commit"), hook, 0o755); err != nil {
		t.Fatal(err)
	}

	// The spec changes; the outputs are regenerated in the working tree but not staged.
	replaceInFile(t, filepath.Join(dir, "metrics.yaml"), "help: HTTP requests served\n", "help: HTTP requests served, every route\n")
	mustRun(t, dir, env, "go", "generate", "./...")
	mustRun(t, dir, env, git, "add", "metrics.yaml")
	out, code := run(t, dir, env, git, "commit", "-q", "-m", "spec only")
	if code == 0 || !strings.Contains(out, "checkoutmetrics/metrics.go") {
		t.Fatalf("commit of the spec without its outputs: exit %d, want a refusal naming checkoutmetrics/metrics.go\n%s", code, out)
	}

	mustRun(t, dir, env, git, "add", "-A")
	if out, code := run(t, dir, env, git, "commit", "-q", "-m", "spec and outputs"); code != 0 {
		t.Fatalf("commit of the spec with its outputs: exit %d\n%s", code, out)
	}

	// What is staged is right; the working tree's hand edit is not being committed.
	writeFile(t, filepath.Join(dir, "README.txt"), "notes\n")
	edited := filepath.Join(dir, "checkoutmetrics", "metrics.go")
	b, err := os.ReadFile(edited)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, edited, string(b)+"\n// a hand edit, not staged\n")
	mustRun(t, dir, env, git, "add", "README.txt")
	if out, code := run(t, dir, env, git, "commit", "-q", "-m", "notes"); code != 0 {
		t.Fatalf("commit with an unstaged edit of a generated file: exit %d, want 0\n%s", code, out)
	}
}

// TestE2EPreCommitFrameworkHook checks the hook this repository offers the pre-commit
// framework: it runs the service's own metricgen (go tool) without file names, as the
// README's configuration expects.
func TestE2EPreCommitFrameworkHook(t *testing.T) {
	b, err := os.ReadFile("../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID            string   `yaml:"id"`
		Entry         string   `yaml:"entry"`
		Language      string   `yaml:"language"`
		PassFilenames *bool    `yaml:"pass_filenames"`
		Args          []string `yaml:"args"`
	}
	if err := yaml.Unmarshal(b, &hooks); err != nil {
		t.Fatal(err)
	}
	if len(hooks) != 1 {
		t.Fatalf(".pre-commit-hooks.yaml has %d hooks, want 1", len(hooks))
	}
	h := hooks[0]
	if h.ID != "metricgen-check" || h.Entry != "go tool metricgen check" || h.Language != "system" || h.PassFilenames == nil || *h.PassFilenames {
		t.Errorf("hook %+v: want id metricgen-check, entry `go tool metricgen check`, language system, pass_filenames false", h)
	}
	// The entry and default args run as a command in the example service.
	dir := filepath.Join(t.TempDir(), "checkout")
	copyTree(t, exampleDir, dir)
	repo, _ := filepath.Abs("..")
	mustRun(t, dir, []string{"GOWORK=off"}, "go", "mod", "edit", "-replace", "github.com/metricgen/metricgen="+repo)
	args := append(strings.Fields(h.Entry)[1:], h.Args...)
	mustRun(t, dir, []string{"GOWORK=off"}, "go", args...)
}

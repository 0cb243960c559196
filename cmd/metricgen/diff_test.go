package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/golden"
)

// TestDiffCorpus runs `metricgen diff old.yaml new.yaml` on each pair of testdata/diff (one
// per kind of change) and compares stdout, stderr and the exit status with want.txt; the
// formats case also with want.json and want.github. -update rewrites them.
func TestDiffCorpus(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join(repoRoot, "testdata", "diff", "*"))
	if len(dirs) < 30 {
		t.Fatalf("only %d cases in testdata/diff", len(dirs))
	}
	seen := map[diag.Code]bool{}
	for _, dir := range dirs {
		dir, _ := filepath.Abs(dir)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			formats := []string{"text"}
			if filepath.Base(dir) == "formats" {
				formats = append(formats, "json", "github")
			}
			for _, f := range formats {
				code, stdout, stderr := runIn(t, dir, "diff", "--format", f, "old.yaml", "new.yaml")
				got := fmt.Sprintf("%s%s-- exit %d\n", stdout, stderr, code)
				name := map[string]string{"text": "want.txt", "json": "want.json", "github": "want.github"}[f]
				golden.File(t, filepath.Join(dir, name), []byte(got))
				for _, d := range diag.Checks {
					if out := stdout + stderr; strings.Contains(out, string(d.Code)+":") || strings.Contains(out, `"code":"`+string(d.Code)+`"`) {
						seen[d.Code] = true
					}
				}
			}
			// Both versions are valid specs: the corpus tests diff, not validation.
			for _, v := range []string{"old.yaml", "new.yaml"} {
				if code, _, stderr := runIn(t, dir, "validate", v); code != exitOK {
					t.Errorf("%s does not validate:\n%s", v, stderr)
				}
			}
		})
	}
	for _, d := range diag.Checks {
		if d.Code.Category() == "diff" && !seen[d.Code] {
			t.Errorf("no case of testdata/diff reports %s", d.Code)
		}
	}
}

func TestDiffAllowBreaking(t *testing.T) {
	dir, _ := filepath.Abs(filepath.Join(repoRoot, "testdata", "diff", "metric-removed"))
	if code, _, _ := runIn(t, dir, "diff", "old.yaml", "new.yaml"); code != exitFail {
		t.Errorf("breaking change: exit %d, want %d", code, exitFail)
	}
	code, stdout, stderr := runIn(t, dir, "diff", "--allow-breaking", "old.yaml", "new.yaml")
	if code != exitOK || !strings.Contains(stderr, "error: diff/metric-removed") || !strings.Contains(stderr, "(allowed by --allow-breaking)") || stdout != "" {
		t.Errorf("--allow-breaking: exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestDiffUsage(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "bad.yaml"), "version: 1\nnamespace: Bad\n")
	writeFile(t, filepath.Join(dir, "ok.yaml"), "version: 1\nnamespace: a\nservice: a\nmetrics:\n  x_total: {type: counter, help: X}\n")
	for _, tc := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"diff"}, exitUsage, "name OLD and NEW, or --base REF and the specs"},
		{[]string{"diff", "a.yaml"}, exitUsage, "name OLD and NEW"},
		{[]string{"diff", "--base", "main"}, exitUsage, "name OLD and NEW"},
		{[]string{"diff", "--format", "xml", "a", "b"}, exitUsage, "--format must be text, json or github"},
		{[]string{"diff", "-h"}, exitOK, "metricgen diff --base origin/main --format github metrics.yaml"},
		{[]string{"diff", "missing.yaml", "ok.yaml"}, exitFail, "missing.yaml: no such file or directory"},
		{[]string{"diff", "bad.yaml", "ok.yaml"}, exitFail, "a version does not validate, so it cannot be compared"},
		{[]string{"diff", "ok.yaml", "ok.yaml"}, exitOK, "metricgen diff: no change"},
	} {
		code, stdout, stderr := runIn(t, dir, tc.args...)
		if code != tc.code || !strings.Contains(stdout+stderr, tc.out) {
			t.Errorf("metricgen %v = %d, %q; want %d and %q", tc.args, code, stdout+stderr, tc.code, tc.out)
		}
	}
}

// TestDiffBase: --base reads the old version from git, at the merge base of the ref and HEAD
// (so a change made on the base branch after the fork does not count as this change).
func TestDiffBase(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found")
	}
	dir := t.TempDir()
	gitIn := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	corpus, _ := filepath.Abs(filepath.Join(repoRoot, "testdata", "diff", "metric-removed"))
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(corpus, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	gitIn("init", "-q", "-b", "main")
	if err := os.Mkdir(filepath.Join(dir, "spec"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "spec", "metrics.yaml"), read("old.yaml"))
	gitIn("add", ".")
	gitIn("commit", "-q", "-m", "base")
	gitIn("checkout", "-q", "-b", "feature")
	writeFile(t, filepath.Join(dir, "spec", "metrics.yaml"), read("new.yaml"))
	gitIn("commit", "-q", "-am", "remove a metric")
	// main moves on: its own change must not show up in the feature's diff.
	gitIn("checkout", "-q", "main")
	writeFile(t, filepath.Join(dir, "spec", "metrics.yaml"), strings.Replace(read("old.yaml"), "service: checkout", "service: cart", 1))
	gitIn("commit", "-q", "-am", "rename the service on main")
	gitIn("checkout", "-q", "feature")

	code, stdout, stderr := runIn(t, filepath.Join(dir, "spec"), "diff", "--base", "main", "metrics.yaml")
	if code != exitFail || !strings.Contains(stderr, "metrics.yaml:23:1: error: diff/metric-removed") || strings.Contains(stderr, "service-changed") || stdout != "" {
		t.Errorf("diff --base main = %d\n%s%s", code, stdout, stderr)
	}
	// A spec git does not hold at the base is new: nothing to compare.
	writeFile(t, filepath.Join(dir, "spec", "other.yaml"), read("old.yaml"))
	code, _, stderr = runIn(t, filepath.Join(dir, "spec"), "diff", "--base", "main", "other.yaml")
	if code != exitOK || !strings.Contains(stderr, "other.yaml is new since main") {
		t.Errorf("new spec = %d, %s", code, stderr)
	}
	code, _, stderr = runIn(t, filepath.Join(dir, "spec"), "diff", "--base", "no-such-ref", "metrics.yaml")
	if code != exitFail || !strings.Contains(stderr, `git does not know "no-such-ref"`) {
		t.Errorf("unknown ref = %d, %s", code, stderr)
	}
}

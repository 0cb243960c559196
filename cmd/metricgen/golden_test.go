package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/metricgen/metricgen/internal/golden"
	"github.com/metricgen/metricgen/internal/output"
)

// repoRoot is the module root, from this package's folder.
const repoRoot = "../.."

// runIn runs the CLI in-process with dir as the working folder.
func runIn(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Chdir(dir)
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// readTree returns every file below dir, keyed by slash-separated relative path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	for p, b := range golden.ReadTree(t, dir) {
		files[p] = string(b)
	}
	return files
}

func caseDirs(t *testing.T, pattern string) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(repoRoot, pattern))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(dirs)
	if len(dirs) == 0 {
		t.Fatalf("no cases match %s", pattern)
	}
	return dirs
}

// TestGolden generates every testdata/golden/<case>/spec.yaml (working folder: the case, output
// root: a scratch folder) and compares the whole tree with <case>/out and the diagnostics with
// <case>/stderr.txt. It owns them: -update rewrites them (the golden tests of the emitters'
// packages only compare).
func TestGolden(t *testing.T) {
	for _, dir := range caseDirs(t, "testdata/golden/*") {
		abs, _ := filepath.Abs(dir)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			out := t.TempDir()
			code, _, stderr := runIn(t, abs, "generate", "--out", out, "spec.yaml")
			if code != exitOK {
				t.Fatalf("generate exited %d:\n%s", code, stderr)
			}
			tree := golden.ReadTree(t, out)
			// The manifest is the disk stage's, not an emitter's: the emitters' own golden
			// tests compare out/ too. ownership_test.go checks it.
			if _, ok := tree[output.ManifestName]; !ok {
				t.Errorf("generate wrote no %s", output.ManifestName)
			}
			delete(tree, output.ManifestName)
			golden.Tree(t, filepath.Join(abs, "out"), tree)
			golden.File(t, filepath.Join(abs, "stderr.txt"), []byte(stderr))
		})
	}
}

// TestInvalid validates every testdata/invalid/<case>/spec.yaml and compares the diagnostics
// with <case>/stderr.txt, exactly: positions and messages; it owns stderr.txt (-update). A case whose expected output has an
// error must exit 1; one with only warnings must exit 0 (and 1 with --strict).
func TestInvalid(t *testing.T) {
	for _, dir := range caseDirs(t, "testdata/invalid/*") {
		abs, _ := filepath.Abs(dir)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			code, stdout, stderr := runIn(t, abs, "validate", "spec.yaml")
			golden.File(t, filepath.Join(abs, "stderr.txt"), []byte(stderr))
			if stderr == "" {
				t.Fatal("validate printed nothing: an invalid case must expect at least one diagnostic")
			}
			if stdout != "" {
				t.Errorf("validate wrote to stdout: %q", stdout)
			}
			wantCode := exitOK
			if strings.Contains(stderr, ": error: ") {
				wantCode = exitFail
			}
			if code != wantCode {
				t.Errorf("exit status %d, want %d", code, wantCode)
			}
			if wantCode == exitOK {
				if code, _, _ := runIn(t, abs, "validate", "--strict", "spec.yaml"); code != exitFail {
					t.Errorf("validate --strict exited %d on warnings, want 1", code)
				}
			}
		})
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t *testing.T, p, content string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

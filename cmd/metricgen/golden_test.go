package main

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the expected files of testdata/golden and testdata/invalid")

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

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for rel, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
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
// <case>/stderr.txt. -update rewrites them.
func TestGolden(t *testing.T) {
	for _, dir := range caseDirs(t, "testdata/golden/*") {
		abs, _ := filepath.Abs(dir)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			out := t.TempDir()
			code, _, stderr := runIn(t, abs, "generate", "--out", out, "spec.yaml")
			if code != exitOK {
				t.Fatalf("generate exited %d:\n%s", code, stderr)
			}
			got := readTree(t, out)
			if *update {
				writeTree(t, filepath.Join(abs, "out"), got)
				writeFile(t, filepath.Join(abs, "stderr.txt"), stderr)
				return
			}
			want := readTree(t, filepath.Join(abs, "out"))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("generated tree differs from out/ (-want +got); rerun with -update if intended:\n%s", diff)
			}
			if diff := cmp.Diff(readFile(t, filepath.Join(abs, "stderr.txt")), stderr); diff != "" {
				t.Errorf("diagnostics differ from stderr.txt (-want +got):\n%s", diff)
			}
		})
	}
}

// TestInvalid validates every testdata/invalid/<case>/spec.yaml and compares the diagnostics
// with <case>/stderr.txt, exactly: positions and messages. A case whose expected output has an
// error must exit 1; one with only warnings must exit 0 (and 1 with --strict).
func TestInvalid(t *testing.T) {
	for _, dir := range caseDirs(t, "testdata/invalid/*") {
		abs, _ := filepath.Abs(dir)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			code, stdout, stderr := runIn(t, abs, "validate", "spec.yaml")
			if *update {
				writeFile(t, filepath.Join(abs, "stderr.txt"), stderr)
				return
			}
			want := readFile(t, filepath.Join(abs, "stderr.txt"))
			if want == "" {
				t.Fatal("stderr.txt is empty: an invalid case must expect at least one diagnostic")
			}
			if diff := cmp.Diff(want, stderr); diff != "" {
				t.Errorf("diagnostics differ from stderr.txt (-want +got):\n%s", diff)
			}
			if stdout != "" {
				t.Errorf("validate wrote to stdout: %q", stdout)
			}
			wantCode := exitOK
			if strings.Contains(want, ": error: ") {
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

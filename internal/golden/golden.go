// Package golden is the one update path of every golden file of the repository: the expected
// outputs under testdata/golden and testdata/invalid, and the generated code that benchmarks
// measure. Tests compare what they produce with the committed files through it, and
//
//	go test ./... -update
//
// rewrites them all. The -update flag is defined here and nowhere else; every test package
// of the module imports this package (TestEveryTestPackageImportsGolden checks it), so that
// the flag exists in every test binary that `go test ./...` runs.
//
// Each golden file has one owner, the test that writes it under -update (File, Tree). Other
// tests that read the same file compare with it (Compare, CompareTree) and stand down under
// -update, while the owner may be rewriting it in a test binary running in parallel.
//
// Only tests import this package.
package golden

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	udiff "github.com/aymanbagabas/go-udiff"
)

var update = flag.Bool("update", false, "rewrite every golden file: testdata/golden, testdata/invalid and the generated code of the benchmarks")

// Update reports whether the test binary runs with -update.
func Update() bool { return *update }

// File checks that the file at path holds got; with -update, it writes got there instead
// (creating its folder). The caller owns the file.
func File(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		write(t, path, got)
		return
	}
	compare(t, path, got)
}

// Compare checks that the file at path holds got, as File does, but never writes it: another
// test owns it. With -update it checks nothing.
func Compare(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		t.Logf("-update: %s is rewritten by its owner, not compared here", path)
		return
	}
	compare(t, path, got)
}

// Tree checks that dir holds exactly files (slash-separated paths relative to dir, and their
// contents); with -update, it replaces the contents of dir with files instead. The caller
// owns dir.
func Tree(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	if *update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		for _, rel := range sortedKeys(files) {
			write(t, filepath.Join(dir, filepath.FromSlash(rel)), files[rel])
		}
		return
	}
	compareTree(t, dir, files)
}

// CompareTree checks dir as Tree does, but never writes it: another test owns it. With
// -update it checks nothing.
func CompareTree(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	if *update {
		t.Logf("-update: %s is rewritten by its owner, not compared here", dir)
		return
	}
	compareTree(t, dir, files)
}

// ReadTree returns every file below dir, keyed by slash-separated path relative to dir; a
// missing dir is empty.
func ReadTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return files
}

func compare(t testing.TB, path string, got []byte) {
	t.Helper()
	want, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if err != nil {
		t.Errorf("%s is missing; run go test ./... -update to write it", path)
		return
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from what the test produced; run go test ./... -update if the change is intended:\n%s",
			path, unified(path, want, got))
	}
}

func compareTree(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	want := ReadTree(t, dir)
	var problems []string
	for _, rel := range sortedKeys(files) {
		path := filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(rel)))
		w, ok := want[rel]
		switch {
		case !ok:
			problems = append(problems, path+" is missing")
		case !bytes.Equal(w, files[rel]):
			problems = append(problems, path+" differs:\n"+unified(path, w, files[rel]))
		}
	}
	for _, rel := range sortedKeys(want) {
		if _, ok := files[rel]; !ok {
			problems = append(problems, filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(rel)))+" is no longer produced")
		}
	}
	if len(problems) > 0 {
		t.Errorf("%s differs from what the test produced; run go test ./... -update if the change is intended:\n%s",
			dir, strings.Join(problems, "\n"))
	}
}

// unified is the diff from the golden file to what the test produced.
func unified(path string, want, got []byte) string {
	return udiff.Unified(path+" (golden)", path+" (test)", string(want), string(got))
}

func write(t testing.TB, path string, content []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

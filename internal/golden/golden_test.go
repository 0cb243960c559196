package golden

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// repoRoot is the module root, from this package's folder.
const repoRoot = "../.."

const importPath = "github.com/metricgen/metricgen/internal/golden"

// TestEveryTestPackageImportsGolden: `go test ./... -update` passes -update to every test
// binary of the module, and one that does not define it fails ("flag provided but not
// defined"). So every folder of the module with tests imports this package from a test file,
// and no code but tests imports it.
func TestEveryTestPackageImportsGolden(t *testing.T) {
	// A package whose every test file has a build constraint (e2e) may import it from one of
	// them; otherwise the import belongs in a file that every build compiles.
	type pkg struct{ tests, imports, unconstrainedTests, unconstrainedImports bool }
	pkgs := map[string]*pkg{}
	err := filepath.WalkDir(repoRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if p != repoRoot && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil && p != repoRoot {
				return filepath.SkipDir // another module: `go test ./...` does not reach it
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			return err
		}
		imports := slices.ContainsFunc(f.Imports, func(s *ast.ImportSpec) bool {
			path, _ := strconv.Unquote(s.Path.Value)
			return path == importPath
		})
		dir := filepath.Dir(p)
		if pkgs[dir] == nil {
			pkgs[dir] = &pkg{}
		}
		constrained := false
		for _, g := range f.Comments {
			for _, c := range g.List {
				if c.Pos() < f.Package && c.Text == "//go:build ignore" {
					return nil // never built here (templates/gootel: tested in internal/gen/goscratch)
				}
				constrained = constrained || c.Pos() < f.Package && strings.HasPrefix(c.Text, "//go:build ")
			}
		}
		if strings.HasSuffix(p, "_test.go") {
			q := pkgs[dir]
			q.tests = true
			q.imports = q.imports || imports
			if !constrained {
				q.unconstrainedTests = true
				q.unconstrainedImports = q.unconstrainedImports || imports
			}
		} else if imports {
			t.Errorf("%s imports %s: only tests may (it defines the -update flag)", p, importPath)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	self := filepath.Join(repoRoot, "internal", "golden") // its tests are in the package
	n := 0
	for dir, p := range pkgs {
		if !p.tests {
			continue
		}
		n++
		if dir != self && (!p.imports || p.unconstrainedTests && !p.unconstrainedImports) {
			t.Errorf("%s has tests but none imports %s; add `_ %q` to one of them (without a build constraint), or go test ./... -update fails there",
				dir, importPath, importPath)
		}
	}
	if n < 5 {
		t.Errorf("found %d test packages; is repoRoot right?", n)
	}
}

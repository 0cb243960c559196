package gosrc

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Check checks an emitter's list of the files of a template package (folder dir of fsys)
// against the package itself, and returns every problem: a non-test file the list leaves out
// (but those named in skip: the package's doc.go, and the generated part a template package
// may hold to compile), a listed file that does not exist or has a package doc comment, and a
// name a listed file uses that another file of the package declares while the list's Needs do
// not bring that file in. Names declared in the skip files are the generated part, there in
// every generated package, so any file may use them.
func Check(fsys fs.FS, dir string, files []File, skip ...string) []error {
	var errs []error
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return []error{err}
	}
	declaredBy := map[string]string{} // package-level name -> file
	parsed := map[string]*ast.File{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return []error{err}
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ParseComments)
		if err != nil {
			return []error{err}
		}
		parsed[name] = f
		for _, n := range TopLevel(f) {
			declaredBy[n] = name
		}
		if !slices.Contains(skip, name) && !slices.ContainsFunc(files, func(f File) bool { return f.Name == name }) {
			errs = append(errs, fmt.Errorf("%s/%s is not in the list of runtime files", dir, name))
		}
	}
	for _, f := range files {
		af := parsed[f.Name]
		if af == nil {
			errs = append(errs, fmt.Errorf("%s/%s is listed but is not a file of the package", dir, f.Name))
			continue
		}
		if af.Doc != nil {
			errs = append(errs, fmt.Errorf("%s/%s has a package doc comment; only doc.go may", dir, f.Name))
		}
		closure, err := Closure(files, f.Name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		seen := map[string]bool{}
		for _, id := range af.Unresolved {
			by, ok := declaredBy[id.Name]
			if !ok || by == f.Name || slices.Contains(skip, by) || seen[id.Name] {
				continue
			}
			seen[id.Name] = true
			if !slices.ContainsFunc(closure, func(c File) bool { return c.Name == by }) {
				errs = append(errs, fmt.Errorf("%s/%s uses %s of %s, which its Needs do not bring in", dir, f.Name, id.Name, by))
			}
		}
	}
	return errs
}

// TopLevel returns the package-level names that f declares (not methods).
func TopLevel(f *ast.File) []string {
	var names []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names = append(names, d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names = append(names, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names = append(names, n.Name)
					}
				}
			}
		}
	}
	return names
}

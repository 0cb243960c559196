package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeExample: the README's 30-second example is true. Its spec validates without a
// word; with status="failed" in the alert, validate prints the error the README shows; and
// every name of the generated package its Go snippet uses (MustNew, MethodOf, ParseStatus, ...)
// is one that generate writes.
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "## 30-second example")
	if !ok {
		t.Fatal("README.md has no 30-second example")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	block := func(lang string) string {
		m := regexp.MustCompile("(?s)```" + lang + "\n(.*?)```").FindStringSubmatch(section)
		if m == nil {
			t.Fatalf("the example has no %s block", lang)
		}
		return m[1]
	}
	spec, snippet := block("yaml"), block("go")

	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "metrics.yaml"), spec)
	if code, stdout, stderr := runIn(t, dir, "validate", "--strict", "metrics.yaml"); code != exitOK || stdout+stderr != "" {
		t.Fatalf("validate of the example: exit %d\n%s%s", code, stdout, stderr)
	}
	writeFile(t, filepath.Join(dir, "metrics.yaml"), strings.Replace(spec, `status="error"`, `status="failed"`, 1))
	_, _, stderr := runIn(t, dir, "validate", "metrics.yaml")
	want := regexp.MustCompile(`(?m)^metrics\.yaml:\d+:\d+: error: .*$`).FindString(section)
	if first, _, _ := strings.Cut(stderr, "\n"); first != want {
		t.Errorf("with status=\"failed\", validate prints\n%s\nthe README shows\n%s", first, want)
	}

	writeFile(t, filepath.Join(dir, "metrics.yaml"), spec)
	if code, _, stderr := runIn(t, dir, "generate", "metrics.yaml"); code != exitOK {
		t.Fatalf("generate: %s", stderr)
	}
	declared := map[string]bool{}
	files, _ := filepath.Glob(filepath.Join(dir, "shopmetrics", "*.go"))
	for _, f := range files {
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for name, obj := range af.Scope.Objects {
			declared[name] = obj != nil
		}
	}
	body, err := parser.ParseFile(token.NewFileSet(), "snippet.go", "package x\nfunc _() {\n"+snippet+"}\n", 0)
	if err != nil {
		t.Fatalf("the Go snippet does not parse: %v", err)
	}
	used := 0
	ast.Inspect(body, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "shopmetrics" {
				used++
				if !declared[sel.Sel.Name] {
					t.Errorf("the snippet uses shopmetrics.%s, which generate does not write", sel.Sel.Name)
				}
			}
		}
		return true
	})
	for _, name := range []string{"MethodOf", "ParseStatus"} {
		if !strings.Contains(snippet, "shopmetrics."+name+"(") {
			t.Errorf("the snippet does not show the parsed-enum pattern (%s)", name)
		}
	}
	if used == 0 {
		t.Fatal("the snippet uses nothing of shopmetrics")
	}
}

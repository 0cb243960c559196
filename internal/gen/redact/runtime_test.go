package redact

import (
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"

	"github.com/metricgen/metricgen/internal/gen/gosrc"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/templates"
)

// TestRuntimeFiles: runtimeFiles lists every file of templates/goredact that may be copied,
// each with the files it needs; they import only the standard library and declare only the
// contract's Redactor and names starting with "redact" (the metrics code shares the package).
func TestRuntimeFiles(t *testing.T) {
	for _, err := range gosrc.Check(templates.Go, runtimeDir, runtimeFiles, "doc.go", "spec.go") {
		t.Error(err)
	}
	for _, f := range runtimeFiles {
		src, err := templates.Go.ReadFile(runtimeDir + "/" + f.Name)
		if err != nil {
			t.Fatal(err)
		}
		af, err := parser.ParseFile(token.NewFileSet(), f.Name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); strings.Contains(strings.Split(p, "/")[0], ".") {
				t.Errorf("%s imports %s: only the standard library", f.Name, p)
			}
		}
		for _, name := range gosrc.TopLevel(af) {
			if name != "Redactor" && name != "_" && !strings.HasPrefix(name, "redact") {
				t.Errorf("%s declares %s: the names of the redaction code are Redactor and redact...", f.Name, name)
			}
		}
	}
}

// TestRuntimeSelection: a package gets the helpers of the actions and patterns its rules use,
// and no other.
func TestRuntimeSelection(t *testing.T) {
	for _, c := range []struct {
		name  string
		rules []*model.RedactRule
		want  string
	}{
		{"none", nil, "redactor.go walk.go handler.go"},
		{"every key", []*model.RedactRule{rule("*", model.Redact)}, "redactor.go walk.go handler.go"},
		{"exact", []*model.RedactRule{rule("a", model.Remove)}, "redactor.go walk.go handler.go lower.go"},
		{"mask", []*model.RedactRule{mask("a", 1)}, "redactor.go walk.go handler.go lower.go mask.go"},
		{"hash", []*model.RedactRule{rule("a*", model.Hash)}, "redactor.go walk.go handler.go lower.go hash.go"},
		{"in order", []*model.RedactRule{rule("*a*b*", model.Redact)}, "redactor.go walk.go handler.go lower.go contains.go"},
	} {
		l := &model.Logging{Rules: c.rules}
		m, err := newMatcher(l)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range runtimeOf(l, m) {
			names = append(names, f.Name)
		}
		if got := strings.Join(names, " "); got != c.want {
			t.Errorf("%s: runtime files %q, want %q", c.name, got, c.want)
		}
	}
}

package diag

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	_ "github.com/metricgen/metricgen/internal/golden" // defines -update, which go test ./... passes to every package
)

// noExample are the checks no spec can show: a file that cannot be read, metricgen's own bugs,
// drift and what stands on disk at an output path (found on the files on disk, not in a spec),
// problems of metricgen init's inputs, a stale schema copy (a second file beside the spec).
var noExample = map[Code]bool{SchemaStaleCopy: true, FileUnreadable: true, FileTooLarge: true, InternalEmit: true, InternalSchema: true, SchemaViolation: true,
	DriftMissing: true, DriftStale: true, DriftNotGenerated: true, DriftLeftover: true, OutputNotOwned: true, OutputNotRegular: true,
	InputUnreadable: true, InputExposition: true, InputRules: true, InputDashboard: true}

var codeForm = regexp.MustCompile(`^[a-z]+/[a-z]+(-[a-z]+)*$`)

func TestRegistry(t *testing.T) {
	if !slices.IsSortedFunc(Checks, func(a, b Check) int { return strings.Compare(string(a.Code), string(b.Code)) }) {
		t.Error("Checks is not sorted by code; Lookup relies on it")
	}
	seen := map[Code]bool{}
	for _, c := range Checks {
		if !codeForm.MatchString(string(c.Code)) {
			t.Errorf("code %q is not category/name in lower-case words", c.Code)
		}
		if seen[c.Code] {
			t.Errorf("code %q is registered twice", c.Code)
		}
		seen[c.Code] = true
		if c.Summary == "" || c.Catches == "" || c.Fix == "" {
			t.Errorf("%s is not documented: it needs Summary, Catches and Fix", c.Code)
		}
		// A diff/* check compares two versions of a spec: testdata/diff holds a pair for each
		// (TestDiffCorpus in cmd/metricgen).
		if c.Example == "" && !noExample[c.Code] && c.Code.Category() != "diff" {
			t.Errorf("%s has no example", c.Code)
		}
		if got, ok := Lookup(c.Code); !ok || got.Code != c.Code {
			t.Errorf("Lookup(%q) = %v, %v", c.Code, got.Code, ok)
		}
	}
	if Known("promql/no-such-check") {
		t.Error("Known reports an unregistered code")
	}
}

// TestChecksDoc keeps docs/checks.md equal to what the registry generates.
func TestChecksDoc(t *testing.T) {
	got, err := os.ReadFile("../../docs/checks.md")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Markdown(), string(got)); diff != "" {
		t.Errorf("docs/checks.md is stale; run make docs (-want +got):\n%s", diff)
	}
}

// TestEveryCodeRegistered: each Code constant of checks.go has its entry in Checks, so that a
// check cannot report a code the docs do not explain.
func TestEveryCodeRegistered(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "checks.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, decl := range f.Decls {
		g, ok := decl.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Code" {
				continue
			}
			for _, v := range vs.Values {
				lit := v.(*ast.BasicLit)
				code, _ := strconv.Unquote(lit.Value)
				n++
				if !Known(Code(code)) {
					t.Errorf("%s is declared in checks.go but has no entry in Checks", code)
				}
			}
		}
	}
	if n != len(Checks) {
		t.Errorf("checks.go declares %d codes, Checks has %d entries", n, len(Checks))
	}
}

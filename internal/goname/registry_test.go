package goname

import (
	"slices"
	"strings"
	"testing"

	"github.com/metricgen/metricgen/internal/diag"
	_ "github.com/metricgen/metricgen/internal/golden" // defines -update, which go test ./... passes to every package
)

func TestRegistry(t *testing.T) {
	a := Origin{What: `label "a"`, Pos: diag.Pos{Line: 3, Col: 3}}
	b := Origin{What: `metric "b"`, Pos: diag.Pos{Line: 9, Col: 3}}
	code := Origin{What: "the generated code"}
	r := New("shopmetrics", Origin{What: "go.package"})
	r.Import("prometheus", code)
	r.Type("Metrics", code)
	r.Func("New", code)
	r.Method("Metrics", "Collect", code)

	r.Type("Status", a)
	r.Const("Status", b)             // twice in the package block
	r.Type("prometheus", a)          // an import's name
	r.Field("Metrics", "Collect", b) // a method's name
	r.Field("Metrics", "Orders", b)  // fine
	r.Method("Status", "String", a)  // fine: another type
	r.Type("string", a)              // predeclared
	r.Var("init", a)                 // init is for functions
	r.Func("init", code)             // any number of those
	r.Func("init", code)             //
	r.Const("_", a)                  // blank: declares nothing
	r.Const("_", a)                  //
	r.Type("func", a)                // keyword
	r.Type("2x", a)                  // not an identifier
	r.Import("Metrics", code)        // an import named like a declaration
	r.Import("prometheus", code)     // the same import in another file: fine

	var got []string
	for _, c := range r.Clashes() {
		s := c.Decl.String()
		if c.With != nil {
			s += " / " + c.With.String()
		} else {
			s += ": " + c.Reason
		}
		got = append(got, s)
	}
	want := []string{
		"the constant Status / the type Status",
		"the type prometheus / the imported package name prometheus",
		"the field Metrics.Collect / the method Metrics.Collect",
		"the type string: would hide Go's predeclared string, which the generated code relies on",
		"the variable init: is reserved: Go allows init only as an initialisation function",
		"the type func: is a Go keyword",
		"the type 2x: is not a valid Go identifier",
		"the type Metrics / the imported package name Metrics",
	}
	if !slices.Equal(got, want) {
		t.Errorf("clashes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !r.Declared("prometheus") || !r.Declared("New") || r.Declared("Orders") || r.Lookup("Status").Origin != a {
		t.Error("Declared or Lookup is wrong")
	}
	if m := r.Members("Metrics"); !slices.Equal(m, []string{"Collect", "Orders"}) {
		t.Errorf("Members(Metrics) = %v", m)
	}
}

func TestPackageNames(t *testing.T) {
	for name, bad := range map[string]bool{"shopmetrics": false, "main": true, "init": true, "nil": true, "string": true, "_": true, "2x": true} {
		r := New(name, Origin{What: "go.package"})
		if got := len(r.Clashes()) > 0; got != bad {
			t.Errorf("package %q: clash %v, want %v", name, got, bad)
		}
	}
}

func TestSource(t *testing.T) {
	src := `package x

import (
	"sync"
	str "strings"
	_ "embed"
)

type guard struct {
	sync.Mutex
	seen map[string]struct{}
	a, b int
}

type cache[K comparable, V any] struct{ m map[K]V }

func (g *guard) admit(v string) string { return str.ToLower(v) }
func (c *cache[K, V]) load(k K) V     { return c.m[k] }
func newGuard() *guard                 { return nil }
func _()                               {}

const (
	one = iota
	two
)

var def = newGuard()
`
	r := New("x", Origin{})
	if err := r.Source([]byte(src), Origin{What: "static.go"}); err != nil {
		t.Fatal(err)
	}
	if got, want := r.Names(), []string{"cache", "def", "guard", "newGuard", "one", "two"}; !slices.Equal(got, want) {
		t.Errorf("Names = %v, want %v", got, want)
	}
	if got, want := r.Members("guard"), []string{"Mutex", "a", "admit", "b", "seen"}; !slices.Equal(got, want) {
		t.Errorf("Members(guard) = %v, want %v", got, want)
	}
	if got, want := r.Members("cache"), []string{"load", "m"}; !slices.Equal(got, want) {
		t.Errorf("Members(cache) = %v, want %v", got, want)
	}
	if !r.Declared("sync") || !r.Declared("str") || r.Declared("strings") || r.Declared("embed") {
		t.Error("imports are not declared by the names they introduce")
	}
	if len(r.Clashes()) != 0 {
		t.Errorf("clashes: %+v", r.Clashes())
	}
	if err := r.Source([]byte("package x\nfunc {"), Origin{}); err == nil {
		t.Error("Source accepts a file that does not parse")
	}
}

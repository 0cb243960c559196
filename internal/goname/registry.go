// Package goname owns the identifiers of one generated Go package: a Registry that every
// emitter writing into the package declares its names in (through its target's GoNames, see
// package gen), and that reports every name the Go compiler would reject or that would change
// what the generated code means: two declarations of one name, a field and a method of one
// name, a Go keyword, a predeclared identifier shadowed, a name taken by an import, a package
// name that cannot be imported.
//
// The compile stage (package validate) fills a registry from every target and reports its
// clashes as diagnostics at the spec's positions, so that a spec that validates always
// generates a package that compiles.
package goname

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"

	"github.com/metricgen/metricgen/internal/diag"
)

// Kind is what a declaration declares.
type Kind uint8

const (
	Type Kind = iota + 1
	Func
	Const
	Var
	Method // of a type of the package
	Field  // of a struct type of the package
	Import // a package name an import of one of the package's files introduces
)

// Origin is what declares an identifier: a thing of the spec, with its position, or the
// generated code itself (What names the emitter's code, Pos is zero).
//
// What starts with the noun of the spec's thing, so that "rename <noun>" reads: `label
// "method"`, `value "GET" of label "method"`, `metric "api_requests_total"`.
type Origin struct {
	What string
	Pos  diag.Pos
}

// Spec reports whether the origin is a thing of the spec (it has a position).
func (o Origin) Spec() bool { return o.Pos.Line > 0 }

// Decl is one declaration.
type Decl struct {
	Name   string
	Kind   Kind
	Of     string // Method, Field: the type it belongs to
	Origin Origin
}

// String names the declaration as a Go programmer would: "the type Method", "the method
// Metrics.Collect".
func (d Decl) String() string {
	switch d.Kind {
	case Type:
		return "the type " + d.Name
	case Func:
		return "the function " + d.Name
	case Const:
		return "the constant " + d.Name
	case Var:
		return "the variable " + d.Name
	case Method:
		return "the method " + d.Of + "." + d.Name
	case Field:
		return "the field " + d.Of + "." + d.Name
	case Import:
		return "the imported package name " + d.Name
	}
	return d.Name
}

// Clash is a declaration the package cannot have: it collides with another (With), or Go
// itself forbids or reserves the name (Reason).
type Clash struct {
	Decl   Decl
	With   *Decl
	Reason string // when With is nil: "is a Go keyword", ...
}

// Registry collects the declarations of one generated package.
type Registry struct {
	pkg     string
	scope   map[string]*Decl            // package block
	imports map[string]*Decl            // file blocks: a name here may not be declared in scope
	members map[string]map[string]*Decl // by type: fields and methods
	clashes []Clash
}

// New starts the registry of the package called pkg, declared by origin (go.package); a
// package name that cannot be imported under its own name is a clash.
func New(pkg string, origin Origin) *Registry {
	r := &Registry{
		pkg:     pkg,
		scope:   map[string]*Decl{},
		imports: map[string]*Decl{},
		members: map[string]map[string]*Decl{},
	}
	d := Decl{Name: pkg, Kind: Import, Origin: origin}
	switch {
	case pkg == "_" || !token.IsIdentifier(pkg):
		r.clash(d, nil, "is not a valid package name")
	case pkg == "main":
		r.clash(d, nil, "names a program, which cannot be imported")
	case pkg == "init":
		r.clash(d, nil, "cannot be imported: Go reserves init for initialisation functions")
	case predeclared[pkg]:
		r.clash(d, nil, "would hide Go's predeclared "+pkg+" in every file that imports the package")
	}
	return r
}

// Package is the name of the package.
func (r *Registry) Package() string { return r.pkg }

// Type declares a type in the package block.
func (r *Registry) Type(name string, o Origin) { r.declare(Decl{Name: name, Kind: Type, Origin: o}) }

// Func declares a function in the package block.
func (r *Registry) Func(name string, o Origin) { r.declare(Decl{Name: name, Kind: Func, Origin: o}) }

// Const declares a constant in the package block.
func (r *Registry) Const(name string, o Origin) { r.declare(Decl{Name: name, Kind: Const, Origin: o}) }

// Var declares a variable in the package block.
func (r *Registry) Var(name string, o Origin) { r.declare(Decl{Name: name, Kind: Var, Origin: o}) }

// Method declares method name of type typ.
func (r *Registry) Method(typ, name string, o Origin) {
	r.member(Decl{Name: name, Kind: Method, Of: typ, Origin: o})
}

// Field declares field name of struct type typ.
func (r *Registry) Field(typ, name string, o Origin) {
	r.member(Decl{Name: name, Kind: Field, Of: typ, Origin: o})
}

// Import declares the package name that an import of one of the package's files introduces
// (the last element of its path, or its alias). Several files may import one package.
func (r *Registry) Import(name string, o Origin) {
	d := Decl{Name: name, Kind: Import, Origin: o}
	if prev := r.scope[name]; prev != nil {
		r.clash(*prev, &d, "")
		return
	}
	if r.imports[name] == nil {
		r.imports[name] = &d
	}
}

// Declared reports whether name is taken in the package block or by an import: a name that a
// function body of the package may not shadow if it uses it.
func (r *Registry) Declared(name string) bool {
	return r.scope[name] != nil || r.imports[name] != nil
}

// Lookup returns the package-block declaration of name, or nil.
func (r *Registry) Lookup(name string) *Decl { return r.scope[name] }

// Names returns every package-block name, sorted.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.scope))
	for n := range r.scope {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Members returns the fields and methods declared of type typ, sorted.
func (r *Registry) Members(typ string) []string {
	var names []string
	for n := range r.members[typ] {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Clashes returns every clash, in the order the declarations were made.
func (r *Registry) Clashes() []Clash { return r.clashes }

func (r *Registry) clash(d Decl, with *Decl, reason string) {
	r.clashes = append(r.clashes, Clash{Decl: d, With: with, Reason: reason})
}

// declare adds a package-block declaration.
func (r *Registry) declare(d Decl) {
	name := d.Name
	switch {
	case name == "_":
		return // the blank identifier declares nothing
	case token.IsKeyword(name):
		r.clash(d, nil, "is a Go keyword")
		return
	case !token.IsIdentifier(name):
		r.clash(d, nil, "is not a valid Go identifier")
		return
	case name == "init" && d.Kind != Func:
		r.clash(d, nil, "is reserved: Go allows init only as an initialisation function")
		return
	case name == "init":
		return // any number of init functions may be declared
	case predeclared[name]:
		r.clash(d, nil, "would hide Go's predeclared "+name+", which the generated code relies on")
		return
	}
	if prev := r.scope[name]; prev != nil {
		r.clash(d, prev, "")
		return
	}
	if prev := r.imports[name]; prev != nil {
		r.clash(d, prev, "")
		return
	}
	r.scope[name] = &d
}

// member adds a field or method of a type.
func (r *Registry) member(d Decl) {
	switch {
	case d.Name == "_" && d.Kind == Field:
		return // padding
	case !token.IsIdentifier(d.Name):
		r.clash(d, nil, "is not a valid Go identifier")
		return
	}
	ms := r.members[d.Of]
	if ms == nil {
		ms = map[string]*Decl{}
		r.members[d.Of] = ms
	}
	if prev := ms[d.Name]; prev != nil {
		r.clash(d, prev, "")
		return
	}
	ms[d.Name] = &d
}

// Source declares everything a Go source file of the package declares: its imports, the
// package-block names of its declarations, the methods of its types and the fields of its
// struct types. It is how code written as a plain Go file (a static file copied into the
// generated package) joins the registry. The file's package clause is not checked.
func (r *Registry) Source(src []byte, o Origin) error {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.SkipObjectResolution)
	if err != nil {
		return fmt.Errorf("goname: %w", err)
	}
	for _, imp := range f.Imports {
		name := importName(imp)
		if name != "_" && name != "." {
			r.Import(name, o)
		}
	}
	for _, decl := range f.Decls {
		switch decl := decl.(type) {
		case *ast.FuncDecl:
			if decl.Recv == nil {
				r.Func(decl.Name.Name, o)
			} else if typ := receiverType(decl.Recv.List[0].Type); typ != "" {
				r.Method(typ, decl.Name.Name, o)
			}
		case *ast.GenDecl:
			for _, spec := range decl.Specs {
				switch spec := spec.(type) {
				case *ast.TypeSpec:
					r.Type(spec.Name.Name, o)
					if st, ok := spec.Type.(*ast.StructType); ok {
						for _, fl := range st.Fields.List {
							for _, n := range fieldNames(fl) {
								r.Field(spec.Name.Name, n, o)
							}
						}
					}
				case *ast.ValueSpec:
					for _, n := range spec.Names {
						if decl.Tok == token.CONST {
							r.Const(n.Name, o)
						} else {
							r.Var(n.Name, o)
						}
					}
				}
			}
		}
	}
	return nil
}

// importName is the name an import introduces: its alias, or the last element of its path
// (the package name, for every package the generated code imports).
func importName(imp *ast.ImportSpec) string {
	if imp.Name != nil {
		return imp.Name.Name
	}
	p := strings.Trim(imp.Path.Value, "`\"")
	return p[strings.LastIndex(p, "/")+1:]
}

// receiverType is the name of a method's receiver type: T in (t T), (t *T), (t *T[K, V]).
func receiverType(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// fieldNames are the names of a struct field line; an embedded field is named by its type
// (sync.Mutex: Mutex).
func fieldNames(fl *ast.Field) []string {
	var out []string
	for _, n := range fl.Names {
		out = append(out, n.Name)
	}
	if len(fl.Names) > 0 {
		return out
	}
	t := fl.Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if s, ok := t.(*ast.SelectorExpr); ok {
		return []string{s.Sel.Name}
	}
	if n := receiverType(t); n != "" {
		return []string{n}
	}
	return nil
}

// predeclared are Go's predeclared identifiers (the universe block).
var predeclared = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`any append bool byte cap clear close comparable complex
		complex128 complex64 copy delete error false float32 float64 imag int int16 int32 int64
		int8 iota len make max min new nil panic print println real recover rune string true
		uint uint16 uint32 uint64 uint8 uintptr`) {
		m[n] = true
	}
	return m
}()

// Predeclared reports whether name is one of Go's predeclared identifiers (string, len, nil,
// true, ...).
func Predeclared(name string) bool { return predeclared[name] }

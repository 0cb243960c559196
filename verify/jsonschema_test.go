package verify

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	libschema "github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/jsonschema"
	"github.com/metricgen/metricgen/internal/spec"
	"github.com/metricgen/metricgen/schema"
)

// metricgen validates specs against its JSON Schema with its own internal/jsonschema, which
// implements the keywords the schema uses and reports as santhosh-tekuri/jsonschema/v5 does
// (whose package initialisation costs every metricgen start about a megabyte). The tests here
// hold it to that: on every spec of the repository, on every registry example, on mutations
// of each value of the richest specs, and under fuzzing, the two give the same tree of errors
// (the library's child order is its map order, so children are compared sorted).

// library compiles the schema with the library, as metricgen did: draft 2020-12, formats
// asserted. Compiling also validates the schema against the draft's meta-schema.
func library(t testing.TB) *libschema.Schema {
	t.Helper()
	c := libschema.NewCompiler()
	c.Draft = libschema.Draft2020
	c.AssertFormat = true
	if err := c.AddResource(schema.ID, bytes.NewReader(schema.JSON)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(schema.ID)
	if err != nil {
		t.Fatalf("the schema is not a valid JSON Schema 2020-12: %v", err)
	}
	return s
}

func ours(t testing.TB) *jsonschema.Schema {
	t.Helper()
	s, err := jsonschema.Compile(schema.ID, schema.JSON)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// node is an error of either tree, in a comparable form.
type node struct {
	Keyword, Absolute, Instance, Message string
	Causes                               []node
}

func fromLibrary(e *libschema.ValidationError) node {
	n := node{Keyword: e.KeywordLocation, Absolute: e.AbsoluteKeywordLocation, Instance: unescape(e.InstanceLocation), Message: e.Message}
	for _, c := range e.Causes {
		n.Causes = append(n.Causes, fromLibrary(c))
	}
	return n.normal()
}

func fromOurs(e *jsonschema.ValidationError) node {
	n := node{Keyword: e.KeywordLocation, Absolute: e.AbsoluteKeywordLocation, Instance: e.InstanceLocation, Message: e.Message}
	for _, c := range e.Causes {
		n.Causes = append(n.Causes, fromOurs(c))
	}
	return n.normal()
}

// normal sorts what the library leaves in map order: the children of a node (but not the
// alternatives of oneOf, which keep the schema's order) and the names in an
// additionalProperties message.
func (n node) normal() node {
	if strings.HasSuffix(n.Keyword, "/additionalProperties") {
		if list, ok := strings.CutPrefix(n.Message, "additionalProperties "); ok {
			list = strings.TrimSuffix(list, " not allowed")
			names := strings.Split(list, ", ")
			slices.Sort(names)
			n.Message = "additionalProperties " + strings.Join(names, ", ") + " not allowed"
		}
	}
	if !strings.HasSuffix(n.Keyword, "/oneOf") {
		slices.SortFunc(n.Causes, func(a, b node) int {
			return strings.Compare(a.Instance+"\x00"+a.Keyword+"\x00"+a.Message, b.Instance+"\x00"+b.Keyword+"\x00"+b.Message)
		})
	}
	return n
}

// unescape undoes the library's URL escaping of each segment of an instance location, as
// metricgen did before (a JSON pointer names the value then).
func unescape(ptr string) string {
	segs := strings.Split(ptr, "/")
	for i, s := range segs {
		if u, err := url.PathUnescape(s); err == nil {
			segs[i] = u
		}
	}
	return strings.Join(segs, "/")
}

// agree validates v with both and fails the test if they differ.
func agree(t testing.TB, lib *libschema.Schema, our *jsonschema.Schema, name string, v any) {
	t.Helper()
	var want, got *node
	if err := lib.Validate(v); err != nil {
		ve, ok := err.(*libschema.ValidationError)
		if !ok {
			t.Fatalf("%s: the library fails: %v", name, err)
		}
		n := fromLibrary(ve)
		want = &n
	}
	ve, err := our.Validate(v)
	if err != nil {
		t.Fatalf("%s: internal/jsonschema fails: %v", name, err)
	}
	if ve != nil {
		n := fromOurs(ve)
		got = &n
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: internal/jsonschema differs from the library (-library +ours):\n%s", name, diff)
	}
}

// corpus is every spec of the repository and every check's example.
func corpus(t testing.TB) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, pattern := range []string{
		"../spec/*.yaml", "../examples/*/*.yaml", "../testdata/golden/*/*.yaml",
		"../testdata/invalid/*/*.yaml", "../testdata/diff/*/*.yaml", "../templates/*/*.yaml",
	} {
		paths, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			files[p] = src
		}
	}
	for _, c := range diag.Checks {
		if c.Example == "" {
			continue
		}
		src := c.Example
		if !c.ExampleFile {
			src = diag.ExampleHeader + src
		}
		files["example of "+string(c.Code)] = []byte(src)
	}
	if len(files) < 200 {
		t.Fatalf("only %d specs found", len(files))
	}
	return files
}

// TestJSONSchemaCorpus: on every spec, internal/jsonschema gives the library's errors.
func TestJSONSchemaCorpus(t *testing.T) {
	lib, our := library(t), ours(t)
	invalid := 0
	for name, src := range corpus(t) {
		_, doc, _ := spec.Load(name, src)
		if doc == nil {
			continue
		}
		if lib.Validate(doc.Value) != nil {
			invalid++
		}
		agree(t, lib, our, name, doc.Value)
	}
	if invalid < 50 {
		t.Errorf("only %d specs of the corpus violate the schema: the comparison sees too few errors", invalid)
	}
}

// replacements are the values each value of a spec is replaced with in turn: every JSON type,
// numbers at and around the schema's bounds, strings that break its patterns and formats.
var replacements = []any{
	nil, true, false, json.Number("0"), json.Number("1"), json.Number("-1"), json.Number("0.5"),
	json.Number("1.5"), json.Number("2"), json.Number("100000"), json.Number("1e+21"),
	"", "x", "Bad Name", "a_b", "5m", "1h30m", "0s", "(", "http://x", "a/../b", "histogram", "mask",
	[]any{}, []any{"a", "a"}, []any{json.Number("1"), json.Number("1.0")}, []any{map[string]any{}},
	map[string]any{}, map[string]any{"unknown": true},
}

// TestJSONSchemaMutations: every value of the richest specs replaced by some of
// replacements (in turn, so that each position type meets all of them across the specs),
// removed, or given an unknown key, validates the same with both.
func TestJSONSchemaMutations(t *testing.T) {
	lib, our := library(t), ours(t)
	paths := []string{"../testdata/golden/rules-slo/spec.yaml", "../examples/checkout/metrics.yaml", "../testdata/golden/redact-klaviyo/spec.yaml", "../testdata/golden/dashboard-kinds/spec.yaml"}
	if testing.Short() {
		paths = paths[:1]
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		_, doc, ds := spec.Load(p, src)
		if doc == nil {
			t.Fatalf("%s: %v", p, ds)
		}
		n := 0
		mutate(doc.Value, func(where string) {
			n++
			agree(t, lib, our, p+" with "+where, doc.Value)
		})
		t.Logf("%s: %d mutations", p, n)
		if n < 100 {
			t.Errorf("%s: only %d mutations", p, n)
		}
	}
}

// mutate changes v in place in every way of TestJSONSchemaMutations, calls check after each
// change, and puts v back.
func mutate(v any, check func(where string)) {
	const perValue = 3
	next := 0
	some := func() []any {
		var rs []any
		for range perValue {
			rs = append(rs, replacements[next%len(replacements)])
			next++
		}
		return rs
	}
	var walk func(v any, ptr string)
	walk = func(v any, ptr string) {
		switch v := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				old := v[k]
				for _, r := range some() {
					v[k] = r
					check(ptr + "/" + k + " = " + jsonText(r))
				}
				delete(v, k)
				check(ptr + "/" + k + " removed")
				v[k] = old
				walk(old, ptr+"/"+k)
			}
			v["unknwon"] = "x"
			check(ptr + " with an unknown key")
			delete(v, "unknwon")
		case []any:
			for i, old := range v {
				for _, r := range some() {
					v[i] = r
					check(ptr + "/" + jsonText(i) + " = " + jsonText(r))
				}
				v[i] = old
				walk(old, ptr+"/"+jsonText(i))
			}
		}
	}
	walk(v, "")
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// FuzzJSONSchema: on any spec text, internal/jsonschema gives the library's errors.
func FuzzJSONSchema(f *testing.F) {
	for _, src := range corpus(f) {
		f.Add(src)
	}
	lib, our := library(f), ours(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		_, doc, _ := spec.Load("fuzz.yaml", src)
		if doc == nil {
			return
		}
		agree(t, lib, our, "fuzz.yaml", doc.Value)
	})
}

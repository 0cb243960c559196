package jsonschema

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	_ "github.com/metricgen/metricgen/internal/golden" // defines -update, which go test ./... passes to every package
	"github.com/metricgen/metricgen/schema"
)

const id = "https://example.com/s.json"

func mustCompile(t *testing.T, doc string) *Schema {
	t.Helper()
	s, err := Compile(id, []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// validate validates v with s, failing the test if v is not JSON.
func validate(t *testing.T, s *Schema, v any) *ValidationError {
	t.Helper()
	ve, err := s.Validate(v)
	if err != nil {
		t.Fatal(err)
	}
	return ve
}

func decode(t *testing.T, doc string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// leaves writes the leaves of a tree one a line: instance location, keyword location,
// absolute keyword location (after '#'), message.
func leaves(e *ValidationError) string {
	if e == nil {
		return ""
	}
	if len(e.Causes) == 0 {
		_, abs, _ := strings.Cut(e.AbsoluteKeywordLocation, "#")
		return fmt.Sprintf("%s | %s | %s | %s\n", e.InstanceLocation, e.KeywordLocation, abs, e.Message)
	}
	var b strings.Builder
	for _, c := range e.Causes {
		b.WriteString(leaves(c))
	}
	return b.String()
}

// TestKeywords: each keyword accepts and rejects as JSON Schema says, with the library's
// locations and messages (the verify module compares whole trees with the library's).
func TestKeywords(t *testing.T) {
	for _, tc := range []struct {
		name, schema, value, want string
	}{
		{"type", `{"type": "string"}`, `1`, " | /type | /type | expected string, but got number\n"},
		{"type list", `{"type": ["string", "integer"]}`, `1.5`, " | /type | /type | expected string or integer, but got number\n"},
		{"integer", `{"type": "integer"}`, `2.0`, ""},
		{"const", `{"const": 1}`, `2`, ` | /const | /const | value must be "1"` + "\n"},
		{"const ok", `{"const": 1}`, `1.0`, ""},
		{"enum", `{"enum": ["a", "b"]}`, `"c"`, ` | /enum | /enum | value must be one of "a", "b"` + "\n"},
		{"format regex", `{"format": "regex"}`, `"(a"`, " | /format | /format | '(a' is not valid 'regex'\n"},
		{"format uri", `{"format": "uri"}`, `"runbooks/x.md"`, " | /format | /format | 'runbooks/x.md' is not valid 'uri'\n"},
		{"format uri ipv6", `{"format": "uri"}`, `"http://[::1]:80/x"`, ""},
		{"format on a number", `{"format": "uri"}`, `1`, ""},
		{"required", `{"required": ["a", "b"]}`, `{"b": 1}`, " | /required | /required | missing properties: 'a'\n"},
		{"minProperties", `{"minProperties": 1}`, `{}`, " | /minProperties | /minProperties | minimum 1 properties allowed, but found 0 properties\n"},
		{"additionalProperties false", `{"properties": {"a": true}, "additionalProperties": false}`, `{"a": 1, "c": 1, "b": 1}`,
			" | /additionalProperties | /additionalProperties | additionalProperties 'b', 'c' not allowed\n"},
		{"additionalProperties schema", `{"additionalProperties": {"type": "string"}}`, `{"x/y": 1}`,
			"/x~1y | /additionalProperties/type | /additionalProperties/type | expected string, but got number\n"},
		{"propertyNames", `{"propertyNames": {"pattern": "^[a-z]+$"}}`, `{"ok": 1, "Bad": 2}`,
			"/Bad | /propertyNames/pattern | /propertyNames/pattern | does not match pattern '^[a-z]+$'\n"},
		{"dependentRequired", `{"dependentRequired": {"a": ["b", "c"]}}`, `{"a": 1, "c": 1}`,
			" | /dependentRequired/a/0 | /dependentRequired/a/0 | property 'b' is required, if 'a' property exists\n"},
		{"dependentSchemas", `{"dependentSchemas": {"a": {"properties": {"b": false}}}}`, `{"a": 1, "b": 1}`,
			"/b | /dependentSchemas/a/properties/b | /dependentSchemas/a/properties/b | not allowed\n"},
		{"minItems", `{"minItems": 1}`, `[]`, " | /minItems | /minItems | minimum 1 items required, but found 0 items\n"},
		{"uniqueItems", `{"uniqueItems": true}`, `[1, "1", 1.0, 2]`, " | /uniqueItems | /uniqueItems | items at index 0 and 2 are equal\n"},
		{"uniqueItems objects", `{"uniqueItems": true}`, `[{"a": [1, {"b": null}]}, {"a": [1.0, {"b": null}]}]`, " | /uniqueItems | /uniqueItems | items at index 0 and 1 are equal\n"},
		{"items", `{"items": {"type": "number"}}`, `[1, "a", 2]`, "/1 | /items/type | /items/type | expected number, but got string\n"},
		{"minLength", `{"minLength": 2}`, `"é"`, " | /minLength | /minLength | length must be >= 2, but got 1\n"},
		{"pattern", `{"pattern": "^a"}`, `"ba"`, " | /pattern | /pattern | does not match pattern '^a'\n"},
		{"minimum", `{"minimum": 0.5}`, `0.25`, " | /minimum | /minimum | must be >= 0.5 but found 0.25\n"},
		{"exclusiveMinimum", `{"exclusiveMinimum": 1}`, `1`, " | /exclusiveMinimum | /exclusiveMinimum | must be > 1 but found 1\n"},
		{"maximum", `{"maximum": 1}`, `1.5`, " | /maximum | /maximum | must be <= 1 but found 1.5\n"},
		{"exclusiveMaximum", `{"exclusiveMaximum": 1}`, `1`, " | /exclusiveMaximum | /exclusiveMaximum | must be < 1 but found 1\n"},
		{"not", `{"not": {"const": "a"}}`, `"a"`, " | /not | /not | not failed\n"},
		{"oneOf none", `{"oneOf": [{"type": "string"}, {"type": "array"}]}`, `1`,
			" | /oneOf/0/type | /oneOf/0/type | expected string, but got number\n | /oneOf/1/type | /oneOf/1/type | expected array, but got number\n"},
		{"oneOf two", `{"oneOf": [{"type": "number"}, {"minimum": 0}]}`, `1`, " | /oneOf | /oneOf | valid against schemas at indexes 0 and 1\n"},
		{"if then", `{"if": {"required": ["a"]}, "then": {"required": ["b"]}}`, `{"a": 1}`, " | /then/required | /then/required | missing properties: 'b'\n"},
		{"if not then", `{"if": {"required": ["a"]}, "then": {"required": ["b"]}}`, `{}`, ""},
		{"ref", `{"$defs": {"n": {"type": "number"}}, "properties": {"a": {"$ref": "#/$defs/n"}}}`, `{"a": "x"}`,
			"/a | /properties/a/$ref/type | /$defs/n/type | expected number, but got string\n"},
		{"false", `{"properties": {"a": false}}`, `{"a": 1}`, "/a | /properties/a | /properties/a | not allowed\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := leaves(validate(t, mustCompile(t, tc.schema), decode(t, tc.value)))
			if got != tc.want {
				t.Errorf("%s against %s:\ngot  %q\nwant %q", tc.value, tc.schema, got, tc.want)
			}
		})
	}
}

// TestTree: the tree has the library's shape: a node without a message gathers several
// violations of one schema, $ref wraps the violations of the schema it names, and the root
// names the schema.
func TestTree(t *testing.T) {
	s := mustCompile(t, `{"$defs": {"o": {"required": ["a"], "properties": {"b": {"type": "string"}}}}, "$ref": "#/$defs/o"}`)
	e := validate(t, s, decode(t, `{"b": 1}`))
	if e == nil || e.Message != "doesn't validate with "+id+"#" || e.KeywordLocation != "" || len(e.Causes) != 1 {
		t.Fatalf("root %+v", e)
	}
	ref := e.Causes[0]
	if ref.KeywordLocation != "/$ref" || ref.Message != "doesn't validate with '/$defs/o'" || len(ref.Causes) != 2 {
		t.Fatalf("$ref %+v", ref)
	}
}

// TestUniqueLong: lists longer than 20 items are compared through a canonical form, with the
// result of comparing each pair.
func TestUniqueLong(t *testing.T) {
	s := mustCompile(t, `{"uniqueItems": true}`)
	var items []string
	for i := range 30 {
		items = append(items, fmt.Sprint(i))
	}
	for _, tc := range []struct{ extra, want string }{
		{`, 1.0`, "items at index 1 and 30 are equal"},
		{`, "1"`, ""},
		{`, {"a": [1, null, true]}, {"a": [1e0, null, true]}`, "items at index 30 and 31 are equal"},
		{`, {"a": 1, "b": 2}, {"b": 2, "a": 1}`, "items at index 30 and 31 are equal"},
		{`, {"a": 1}, {"a": "1"}`, ""},
	} {
		e := validate(t, s, decode(t, "["+strings.Join(items, ", ")+tc.extra+"]"))
		got := ""
		if e != nil {
			got = e.Causes[0].Message
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.extra, got, tc.want)
		}
	}
}

// TestFloat64: values decoded without UseNumber validate the same.
func TestFloat64(t *testing.T) {
	s := mustCompile(t, `{"type": "integer", "minimum": 2}`)
	if got := leaves(validate(t, s, 1.0)); got != " | /minimum | /minimum | must be >= 2 but found 1\n" {
		t.Errorf("%q", got)
	}
	if e := validate(t, s, 2.5); e == nil || e.Causes[0].Message != "expected integer, but got number" {
		t.Errorf("%+v", e)
	}
}

// TestNotJSON: a value that is not JSON is an error, not a panic.
func TestNotJSON(t *testing.T) {
	s := mustCompile(t, `{"items": {"type": "string"}, "additionalProperties": {"type": "string"}}`)
	if _, err := s.Validate([]any{"a", 1}); err == nil {
		t.Error("an int validates")
	}
	if _, err := s.Validate(map[string]any{"a": struct{}{}}); err == nil {
		t.Error("a struct validates")
	}
}

// TestUnimplemented: a keyword this package does not check is refused, never ignored.
func TestUnimplemented(t *testing.T) {
	for _, doc := range []string{
		`{"maxLength": 3}`,
		`{"properties": {"a": {"anyOf": [true]}}}`,
		`{"format": "email"}`,
		`{"$ref": "other.json#/x"}`,
		`{"$ref": "#/$defs/missing"}`,
	} {
		if _, err := Compile(id, []byte(doc)); err == nil {
			t.Errorf("%s compiles", doc)
		}
	}
}

// TestMetricgenSchema: metricgen's schema compiles: every keyword it uses is implemented.
func TestMetricgenSchema(t *testing.T) {
	if _, err := Compile(schema.ID, schema.JSON); err != nil {
		t.Fatal(err)
	}
}

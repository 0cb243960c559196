package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/spec"
	"github.com/metricgen/metricgen/schema"
)

// compiled is the embedded JSON Schema, compiled once, with its raw form for the messages
// (allowed keys for "did you mean", descriptions).
var compiled = sync.OnceValues(func() (*compiledSchema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	if err := c.AddResource(schema.ID, bytes.NewReader(schema.JSON)); err != nil {
		return nil, err
	}
	s, err := c.Compile(schema.ID)
	if err != nil {
		return nil, err
	}
	var raw any
	if err := json.Unmarshal(schema.JSON, &raw); err != nil {
		return nil, err
	}
	return &compiledSchema{schema: s, raw: raw}, nil
})

type compiledSchema struct {
	schema *jsonschema.Schema
	raw    any
}

// checkSchema validates the JSON view of the document against the spec's JSON Schema and
// reports each violation at the YAML node it concerns.
func checkSchema(doc *spec.Doc, dl *diag.List) {
	cs, err := compiled()
	if err != nil {
		panic("metricgen: the embedded JSON Schema does not compile: " + err.Error())
	}
	err = cs.schema.Validate(doc.Value)
	if err == nil {
		return
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		dl.Errorf(diag.Pos{Line: 1, Col: 1}, "the spec cannot be checked against its schema: %v", err)
		return
	}
	for _, leaf := range leaves(ve) {
		cs.report(doc, leaf, dl)
	}
}

// leaves flattens a validation error tree to the errors that say something. Where the schema
// offers alternatives (oneOf, anyOf), a value that matches none gets the errors of the
// alternative it came closest to: the one whose type it has.
func leaves(ve *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return []*jsonschema.ValidationError{ve}
	}
	kw := lastSegment(ve.KeywordLocation)
	if kw == "oneOf" || kw == "anyOf" {
		var typed [][]*jsonschema.ValidationError
		var typeErrs []*jsonschema.ValidationError
		for _, c := range ve.Causes {
			ls := leaves(c)
			if len(ls) == 1 && lastSegment(ls[0].KeywordLocation) == "type" && ls[0].InstanceLocation == ve.InstanceLocation {
				typeErrs = append(typeErrs, ls[0])
				continue
			}
			typed = append(typed, ls)
		}
		switch {
		case len(typed) == 0:
			// The value has none of the types offered: one error naming them all.
			return []*jsonschema.ValidationError{{
				KeywordLocation:         ve.KeywordLocation + "/type",
				AbsoluteKeywordLocation: "", // the combined message needs no schema lookup
				InstanceLocation:        ve.InstanceLocation,
				Message:                 "expected " + joinTypes(typeErrs),
			}}
		case len(typed) == 1:
			return typed[0]
		}
		// Several alternatives of the right type: the one with the fewest problems.
		best := typed[0]
		for _, t := range typed[1:] {
			if len(t) < len(best) {
				best = t
			}
		}
		return best
	}
	var out []*jsonschema.ValidationError
	for _, c := range ve.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

func joinTypes(typeErrs []*jsonschema.ValidationError) string {
	var types []string
	for _, e := range typeErrs {
		// "expected string, but got object"
		t, _, _ := strings.Cut(strings.TrimPrefix(e.Message, "expected "), ",")
		for _, p := range strings.Split(t, " or ") {
			if !slices.Contains(types, p) {
				types = append(types, p)
			}
		}
	}
	return strings.Join(types, " or ")
}

func (cs *compiledSchema) report(doc *spec.Doc, e *jsonschema.ValidationError, dl *diag.List) {
	loc := e.InstanceLocation
	node := doc.Pointers[loc]
	where := describe(loc)
	kw := lastSegment(e.KeywordLocation)
	switch kw {
	case "additionalProperties", "unevaluatedProperties":
		allowed := cs.propertiesAt(parentPointer(e.AbsoluteKeywordLocation))
		for _, k := range unknownKeys(node, allowed) {
			hint := didYouMean(k.Value, allowed)
			if hint == "" && len(allowed) > 0 {
				hint = "; allowed keys: " + strings.Join(allowed, ", ")
			}
			dl.Errorf(spec.PosOf(k), "%sunknown key %q%s", prefix(where), k.Value, hint)
		}
		return
	case "required":
		missing := requiredMissing(e.Message)
		for _, m := range missing {
			dl.Errorf(keyPos(doc, loc), "%smissing required key %q%s", prefix(where), m, cs.describeKey(e.AbsoluteKeywordLocation, m))
		}
		return
	case "propertyNames":
		dl.Errorf(keyPos(doc, loc), "%q is not a valid name here: %s", lastSegmentUnescaped(loc), strings.TrimPrefix(e.Message, "does not match pattern "))
		return
	}

	pos := spec.PosOf(node)
	value := valueString(node)
	switch kw {
	case "type":
		dl.Errorf(pos, "%s%s, not %s", prefix(where), typeWanted(e.Message), typeGot(node))
	case "enum":
		options := cs.enumAt(e.AbsoluteKeywordLocation)
		dl.Errorf(pos, "%s%q is not one of %s%s", prefix(where), value, strings.Join(options, ", "), didYouMean(value, options))
	case "const":
		if loc == "/version" {
			dl.Errorf(pos, "unsupported spec version %s; this metricgen reads version 1: set `version: 1`", value)
			return
		}
		dl.Errorf(pos, "%s%s", prefix(where), e.Message)
	case "pattern":
		dl.Errorf(pos, "%s%q is not valid: it must match %s", prefix(where), value, strings.TrimPrefix(e.Message, "does not match pattern "))
	case "uniqueItems":
		// "items at index 0 and 2 are equal": point at the repeat.
		var i, j int
		fmt.Sscanf(e.Message, "items at index %d and %d are equal", &i, &j)
		if n := doc.Pointers[loc+"/"+strconv.Itoa(j)]; n != nil {
			pos = spec.PosOf(n)
			value = valueString(n)
		}
		dl.Errorf(pos, "%s%q is listed twice; remove the repeat", prefix(where), value)
	case "format":
		dl.Errorf(pos, "%s%q is not a valid %s", prefix(where), value, cs.formatAt(e.AbsoluteKeywordLocation))
	case "not", "then", "else", "dependentSchemas":
		dl.Errorf(pos, "%s%s", prefix(where), cs.explain(e))
	default:
		dl.Errorf(pos, "%s%s", prefix(where), e.Message)
	}
}

// explain turns a failed `not` or `if/then` into the schema's own words: the nearest
// "description" or "$comment" along the keyword's path names the rule that was broken.
func (cs *compiledSchema) explain(e *jsonschema.ValidationError) string {
	ptr := e.AbsoluteKeywordLocation
	for ptr != "" {
		if m, ok := cs.lookup(ptr).(map[string]any); ok {
			if c, ok := m["$comment"].(string); ok {
				return c
			}
		}
		ptr = parentPointer(ptr)
		if strings.HasSuffix(ptr, "#") {
			break
		}
	}
	return e.Message
}

// lookup resolves an absolute keyword location (".../metricgen.schema.json#/$defs/x/...")
// in the raw schema.
func (cs *compiledSchema) lookup(abs string) any {
	_, frag, ok := strings.Cut(abs, "#")
	if !ok {
		return nil
	}
	v := cs.raw
	for _, seg := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		if seg == "" {
			continue
		}
		seg = strings.NewReplacer("~1", "/", "~0", "~").Replace(seg)
		switch t := v.(type) {
		case map[string]any:
			v = t[seg]
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(t) {
				return nil
			}
			v = t[i]
		default:
			return nil
		}
	}
	return v
}

func (cs *compiledSchema) propertiesAt(objPtr string) []string {
	m, _ := cs.lookup(objPtr).(map[string]any)
	props, _ := m["properties"].(map[string]any)
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// describeKey returns ": <description>" of a required key, so that the message says what the
// key is for.
func (cs *compiledSchema) describeKey(requiredAbs, key string) string {
	m, _ := cs.lookup(parentPointer(requiredAbs)).(map[string]any)
	props, _ := m["properties"].(map[string]any)
	p, _ := props[key].(map[string]any)
	if d, ok := p["description"].(string); ok {
		d, _, _ = strings.Cut(d, "\n")
		d, _, _ = strings.Cut(d, ". ")
		return " (" + strings.TrimSuffix(strings.TrimSpace(d), ".") + ")"
	}
	return ""
}

func (cs *compiledSchema) enumAt(abs string) []string {
	vals, _ := cs.lookup(abs).([]any)
	out := make([]string, 0, len(vals))
	for _, v := range vals {
		out = append(out, fmt.Sprint(v))
	}
	return out
}

func (cs *compiledSchema) formatAt(abs string) string {
	if f, ok := cs.lookup(abs).(string); ok {
		return f
	}
	return "value"
}

// unknownKeys returns the key nodes of mapping n that are not allowed.
func unknownKeys(n *yaml.Node, allowed []string) []*yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	var out []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		if !slices.Contains(allowed, n.Content[i].Value) {
			out = append(out, n.Content[i])
		}
	}
	return out
}

// requiredMissing parses "missing properties: 'a', 'b'".
func requiredMissing(msg string) []string {
	list := strings.TrimPrefix(msg, "missing properties: ")
	var out []string
	for _, p := range strings.Split(list, ", ") {
		out = append(out, strings.Trim(p, "'"))
	}
	return out
}

// keyPos is where the value at ptr is named: its key in the parent mapping, or the value
// itself for list items and the root.
func keyPos(doc *spec.Doc, ptr string) diag.Pos {
	if k := doc.Keys[ptr]; k != nil {
		return spec.PosOf(k)
	}
	if n := doc.Pointers[ptr]; n != nil {
		return spec.PosOf(n)
	}
	return diag.Pos{Line: 1, Col: 1}
}

// describe turns a JSON pointer into the dotted path a user reads: "/metrics/x/buckets/0"
// -> "metrics.x.buckets[0]".
func describe(ptr string) string {
	if ptr == "" {
		return ""
	}
	var b strings.Builder
	for _, seg := range strings.Split(ptr[1:], "/") {
		seg = strings.NewReplacer("~1", "/", "~0", "~").Replace(seg)
		if _, err := strconv.Atoi(seg); err == nil {
			b.WriteString("[" + seg + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteString(".")
		}
		b.WriteString(seg)
	}
	return b.String()
}

func prefix(where string) string {
	if where == "" {
		return ""
	}
	return where + ": "
}

func lastSegment(ptr string) string {
	return ptr[strings.LastIndex(ptr, "/")+1:]
}

func lastSegmentUnescaped(ptr string) string {
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(lastSegment(ptr))
}

func parentPointer(ptr string) string {
	if i := strings.LastIndex(ptr, "/"); i >= 0 {
		return ptr[:i]
	}
	return ptr
}

func valueString(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	return typeGot(n)
}

func typeGot(n *yaml.Node) string {
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.ShortTag() {
	case "!!null":
		return "empty"
	case "!!int", "!!float":
		return "the number " + n.Value
	case "!!bool":
		return "the boolean " + n.Value
	}
	return fmt.Sprintf("the string %q", n.Value)
}

// typeWanted turns "expected string, but got object" into "must be a string".
func typeWanted(msg string) string {
	t, _, _ := strings.Cut(strings.TrimPrefix(msg, "expected "), ",")
	words := map[string]string{
		"object": "a mapping", "array": "a list", "string": "a string", "number": "a number",
		"integer": "a whole number", "boolean": "true or false", "null": "empty",
	}
	var parts []string
	for _, p := range strings.Split(t, " or ") {
		if w, ok := words[p]; ok {
			p = w
		}
		parts = append(parts, p)
	}
	return "must be " + strings.Join(parts, " or ")
}

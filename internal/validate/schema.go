package validate

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/jsonschema"
	"github.com/metricgen/metricgen/internal/lazyregexp"
	"github.com/metricgen/metricgen/internal/spec"
	"github.com/metricgen/metricgen/schema"
)

// compiled is the embedded JSON Schema, compiled once, on first use (nothing of it runs in
// package initialisation), with its raw form for the messages (allowed keys for "did you
// mean", descriptions), decoded only when there is a message to write.
var compiled = sync.OnceValues(func() (*compiledSchema, error) {
	s, err := jsonschema.Compile(schema.ID, schema.JSON)
	if err != nil {
		return nil, err
	}
	return &compiledSchema{schema: s, raw: sync.OnceValue(func() any {
		var raw any
		if err := json.Unmarshal(schema.JSON, &raw); err != nil {
			panic("metricgen: the embedded JSON Schema is not JSON: " + err.Error()) // it compiled
		}
		return raw
	})}, nil
})

type compiledSchema struct {
	schema *jsonschema.Schema
	raw    func() any
}

// semanticOwned are the schema rules that a semantic check enforces too, with a message that
// says more (what the value means, what to write instead). While the semantic checks run, the
// schema's violations of these rules are left to them, so that each problem is reported once.
// Each entry is a prefix of an absolute keyword location (after $ref), with the check that
// owns it.
var semanticOwned = []string{
	"#/properties/namespace/pattern",             // builder.build: snake_case
	"#/properties/go/properties/package/pattern", // builder.goPackage
	"#/$defs/relativePath/pattern",               // builder.outPath
	"#/$defs/duration/pattern",                   // builder.duration, for every duration
	"#/$defs/duration/minimum",
	"#/$defs/duration/maximum",
	"#/$defs/duration/minLength",
	"#/$defs/label/properties/pattern/format",                           // builder.labels: the regexp's own error
	"#/$defs/label/dependentSchemas/values/",                            // builder.labels: values with pattern or max_values
	"#/$defs/label/dependentRequired",                                   // builder.labels: other on a free-form label
	"#/$defs/metric/then/",                                              // builder.buckets: buckets or native on a non-histogram
	"#/$defs/nativeHistogram/properties/bucket_factor/exclusiveMinimum", // builder.buckets
	"#/$defs/alert/properties/runbook/format",                           // builder.alerts
	"#/$defs/label/properties/values/items/minLength",                   // builder.enumValues: an empty value
	"#/$defs/redactRule/properties/key/minLength",                       // builder.logging: an empty key
}

// semanticOwnedAt are rules of shared definitions that a semantic check enforces at some
// places only: a label name in target_labels, say, but not in a test's expected labels.
var semanticOwnedAt = []struct {
	at   *lazyregexp.Regexp // instance location
	rule string             // absolute keyword location
}{
	{lazyregexp.New(`^/target_labels/[0-9]+$`), "#/$defs/labelName/pattern"},                   // builder.targetLabels
	{lazyregexp.New(`^/external_metrics/[^/]+/labels/[0-9]+$`), "#/$defs/labelName/pattern"},   // builder.external
	{lazyregexp.New(`^/dashboard/groups/[0-9]+/metrics/[0-9]+$`), "#/$defs/metricKey/pattern"}, // builder.dashboard
}

// namesCheckedBySemantic are the mappings whose keys the semantic checks validate as names
// (metric and label names, rule labels), so the schema's propertyNames need not.
var namesCheckedBySemantic = lazyregexp.New(`^/(metrics|labels|external_metrics|(alerts|recording_rules)/[0-9]+/labels)$`)

// checkSchema validates the JSON view of the document against the spec's JSON Schema and
// reports each violation at the YAML node it concerns. semantic says that the semantic checks
// run too (see semanticOwned). It returns the JSON pointers of the values found wrong.
func checkSchema(doc *spec.Doc, dl *diag.List, semantic bool) []string {
	cs, err := compiled()
	if err != nil {
		panic("metricgen: the embedded JSON Schema does not compile: " + err.Error())
	}
	ve, err := cs.schema.Validate(doc.Value)
	if err != nil {
		dl.Errorf(diag.InternalSchema, diag.Pos{}, "the spec cannot be checked against its schema: %v", err)
		return nil
	}
	if ve == nil {
		return nil
	}
	r := &reporter{cs: cs, doc: doc, dl: dl, semantic: semantic}
	leaves := r.leaves(ve)
	// A value that must go as a whole (a key a `false` schema forbids) has no problems of
	// its own worth reading.
	var removed []string
	for _, leaf := range leaves {
		if leaf.Message == "not allowed" {
			removed = append(removed, leaf.InstanceLocation)
		}
	}
	for _, leaf := range leaves {
		r.flagged = append(r.flagged, leaf.InstanceLocation)
		inside := leaf.Message != "not allowed" && slices.ContainsFunc(removed, func(p string) bool {
			return leaf.InstanceLocation == p || strings.HasPrefix(leaf.InstanceLocation, p+"/")
		})
		if !inside && !r.owned(leaf) {
			r.report(leaf)
		}
	}
	return r.flagged
}

// reporter turns the schema's errors about one document into diagnostics.
type reporter struct {
	cs       *compiledSchema
	doc      *spec.Doc
	dl       *diag.List
	semantic bool
	flagged  []string
}

// owned reports whether a semantic check reports e's problem itself.
func (r *reporter) owned(e *jsonschema.ValidationError) bool {
	if !r.semantic {
		return false
	}
	if strings.Contains(e.KeywordLocation, "/propertyNames/") {
		return namesCheckedBySemantic.MatchString(parentPointer(e.InstanceLocation))
	}
	frag := fragment(e.AbsoluteKeywordLocation)
	for _, o := range semanticOwned {
		if strings.HasPrefix(frag, o) {
			return true
		}
	}
	for _, o := range semanticOwnedAt {
		if frag == o.rule && o.at.MatchString(e.InstanceLocation) {
			return true
		}
	}
	return false
}

// leaves flattens a validation error tree to the errors that say something. Where the schema
// offers alternatives (oneOf, anyOf), a value that matches none gets the errors of the
// alternative it came closest to: the one whose type it has and, among mappings, the one whose
// keys it uses.
func (r *reporter) leaves(ve *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return []*jsonschema.ValidationError{ve}
	}
	kw := lastSegment(ve.KeywordLocation)
	if kw == "oneOf" || kw == "anyOf" {
		var typed [][]*jsonschema.ValidationError
		var alts []*jsonschema.ValidationError
		var typeErrs []*jsonschema.ValidationError
		for _, c := range ve.Causes {
			ls := r.leaves(c)
			if len(ls) == 1 && lastSegment(ls[0].KeywordLocation) == "type" && ls[0].InstanceLocation == ve.InstanceLocation {
				typeErrs = append(typeErrs, ls[0])
				continue
			}
			typed = append(typed, ls)
			alts = append(alts, c)
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
		if n := r.doc.Pointers[ve.InstanceLocation]; n != nil && n.Kind == yaml.MappingNode {
			if ls, ok := r.byKeys(ve, n, alts, typed); ok {
				return ls
			}
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
		out = append(out, r.leaves(c)...)
	}
	return out
}

// byKeys chooses among alternative mapping schemas by the keys they require (buckets:
// {exponential: ...} or {linear: ...}). A mapping with the keys of exactly one alternative
// gets that one's errors; one with the keys of none or of several gets one error saying so.
func (r *reporter) byKeys(ve *jsonschema.ValidationError, n *yaml.Node, alts []*jsonschema.ValidationError, typed [][]*jsonschema.ValidationError) ([]*jsonschema.ValidationError, bool) {
	var matched []int
	var keys, allowed []string
	for i, c := range alts {
		m, _ := r.cs.resolve(c.AbsoluteKeywordLocation).(map[string]any)
		req, _ := m["required"].([]any)
		if len(req) == 0 {
			return nil, false // not told apart by keys
		}
		has := true
		for _, k := range req {
			ks, _ := k.(string)
			keys = append(keys, ks)
			if !hasKey(n, ks) {
				has = false
			}
		}
		if props, ok := m["properties"].(map[string]any); ok {
			for p := range props {
				if !slices.Contains(allowed, p) {
					allowed = append(allowed, p)
				}
			}
		}
		if has {
			matched = append(matched, i)
		}
	}
	slices.Sort(allowed)
	where := prefix(describe(ve.InstanceLocation))
	switch len(matched) {
	case 1:
		return typed[matched[0]], true
	case 0:
		unknown := unknownKeys(n, allowed)
		for _, k := range unknown {
			hint := didYouMean(k.Value, allowed)
			if hint == "" {
				hint = "; use one of " + strings.Join(keys, ", ")
			}
			r.dl.Errorf(diag.SchemaUnknownKey, spec.PosOf(k), "%sunknown key %q%s", where, k.Value, hint)
		}
		if len(unknown) == 0 {
			r.dl.Errorf(diag.SchemaRequired, r.keyPos(ve.InstanceLocation), "%sneeds one of the keys %s", where, strings.Join(keys, ", "))
		}
	default:
		var both []string
		for _, i := range matched {
			both = append(both, keys[i])
		}
		r.dl.Errorf(diag.SchemaNotAllowed, spec.PosOf(n), "%shas both %s; use only one of them", where, strings.Join(both, " and "))
	}
	return nil, true
}

func hasKey(n *yaml.Node, key string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

func (r *reporter) report(e *jsonschema.ValidationError) {
	cs, doc, dl := r.cs, r.doc, r.dl
	loc := e.InstanceLocation
	node := doc.Pointers[loc]
	where := describe(loc)
	kw := lastSegment(e.KeywordLocation)
	switch {
	case strings.Contains(e.KeywordLocation, "/propertyNames/"):
		// The key itself is wrong: point at it and name it, not its value.
		dl.Errorf(diag.SchemaFormat, r.keyPos(loc), "%s%q is not a valid name: %s", prefix(describe(parentPointer(loc))), lastSegmentUnescaped(loc), cs.patternMessage(e))
		return
	case e.Message == "not allowed":
		// A key that a `false` schema forbids here; the schema's $comment says why.
		dl.Errorf(diag.SchemaNotAllowed, r.keyPos(loc), "%s%s: remove %s", prefix(describe(parentPointer(loc))), strings.TrimSuffix(cs.explain(e), "."), lastSegmentUnescaped(loc))
		return
	case strings.Contains(e.KeywordLocation, "/dependentRequired/"):
		// "property 'rules' is required, if 'rule_tests' property exists"
		var need, because string
		fmt.Sscanf(strings.NewReplacer("'", " ", ",", " ").Replace(e.Message), "property %s is required  if %s property exists", &need, &because)
		dl.Errorf(diag.SchemaRequired, r.keyPos(loc+"/"+because), "%s%s needs %s too; add %s, or remove %s", prefix(where), because, need, need, because)
		return
	}
	switch kw {
	case "additionalProperties", "unevaluatedProperties":
		allowed := cs.propertiesAt(parentPointer(e.AbsoluteKeywordLocation))
		for _, k := range unknownKeys(node, allowed) {
			hint := didYouMean(k.Value, allowed)
			if hint == "" && len(allowed) > 0 {
				hint = "; allowed keys: " + strings.Join(allowed, ", ")
			}
			dl.Errorf(diag.SchemaUnknownKey, spec.PosOf(k), "%sunknown key %q%s", prefix(where), k.Value, hint)
		}
		return
	case "required":
		allowed := cs.propertiesAt(parentPointer(e.AbsoluteKeywordLocation))
		for _, m := range requiredMissing(e.Message) {
			if doc.Merged[loc] || typoOf(node, m, allowed) {
				continue // the merge key or the misspelt key is reported
			}
			dl.Errorf(diag.SchemaRequired, r.keyPos(loc), "%smissing required key %q%s", prefix(where), m, cs.describeKey(e.AbsoluteKeywordLocation, m))
		}
		return
	}

	pos := spec.PosOf(node)
	value := valueString(node)
	switch kw {
	case "type":
		if v, ok := nonFinite(node); ok {
			if strings.Contains(loc, "/buckets/") && v == "+Inf" {
				dl.Errorf(diag.HistogramBuckets, pos, "%sremove %s: every histogram has a +Inf bucket already", prefix(where), node.Value)
			} else {
				dl.Errorf(diag.SchemaType, pos, "%smust be a finite number, not %s", prefix(where), node.Value)
			}
			return
		}
		hint := ""
		if want := typeWanted(e.Message); want == "must be a string" && node != nil && node.Kind == yaml.ScalarNode && node.ShortTag() != "!!null" {
			// YAML read 404 or true as a number or boolean: quoting keeps the text.
			hint = fmt.Sprintf("; quote it: '%s'", node.Value)
		}
		dl.Errorf(diag.SchemaType, pos, "%s%s, not %s%s", prefix(where), typeWanted(e.Message), typeGot(node), hint)
	case "enum":
		options := cs.enumAt(e.AbsoluteKeywordLocation)
		hint := didYouMean(value, options)
		if value == "summary" && slices.Contains(options, "histogram") && !slices.Contains(options, "summary") {
			hint = "; metricgen makes histograms instead (they aggregate across instances): use histogram"
		}
		dl.Errorf(diag.SchemaEnum, pos, "%s%q is not one of %s%s", prefix(where), value, strings.Join(options, ", "), hint)
	case "const":
		if loc == "/version" {
			if node != nil && node.ShortTag() != "!!int" {
				dl.Errorf(diag.SchemaVersion, pos, "version must be the number 1, not %s; write `version: 1`, without quotes", typeGot(node))
				return
			}
			dl.Errorf(diag.SchemaVersion, pos, "unsupported spec version %s; this metricgen reads version 1: set `version: 1`", value)
			return
		}
		dl.Errorf(diag.SchemaViolation, pos, "%s%s", prefix(where), e.Message)
	case "pattern":
		dl.Errorf(diag.SchemaFormat, pos, "%s%q is not valid: %s", prefix(where), value, cs.patternMessage(e))
	case "uniqueItems":
		// The schema names the first pair only; report every repeat, at the repeat.
		items, _ := valueAt(doc.Value, loc).([]any)
		seen := map[string]bool{}
		for j, item := range items {
			key, err := json.Marshal(item) // canonical: mapping keys sorted
			if err != nil {
				continue
			}
			if seen[string(key)] {
				if n := doc.Pointers[loc+"/"+strconv.Itoa(j)]; n != nil {
					dl.Errorf(diag.SchemaDuplicateItem, spec.PosOf(n), "%s%q is listed twice; remove the repeat", prefix(where), valueString(n))
				}
			}
			seen[string(key)] = true
		}
	case "format":
		dl.Errorf(diag.SchemaFormat, pos, "%s%q is not a valid %s", prefix(where), value, cs.formatAt(e.AbsoluteKeywordLocation))
	case "minItems", "minLength", "minProperties":
		var min int
		fmt.Sscanf(strings.TrimLeft(e.Message, "abcdefghijklmnopqrstuvwxyz >="), "%d", &min)
		if min <= 1 {
			dl.Errorf(diag.SchemaEmpty, pos, "%smust not be empty", prefix(where))
		} else {
			dl.Errorf(diag.SchemaRange, pos, "%s%s", prefix(where), e.Message)
		}
	case "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum":
		// "must be > 0 but found 0"
		var op, bound string
		fmt.Sscanf(e.Message, "must be %s %s", &op, &bound)
		words := map[string]string{">": "greater than", ">=": "at least", "<": "less than", "<=": "at most"}
		dl.Errorf(diag.SchemaRange, pos, "%smust be %s %s, not %s", prefix(where), words[op], bound, value)
	case "not", "then", "else", "dependentSchemas":
		dl.Errorf(diag.SchemaNotAllowed, pos, "%s%s", prefix(where), cs.explain(e))
	default:
		dl.Errorf(diag.SchemaViolation, pos, "%s%s", prefix(where), e.Message)
	}
}

// typoOf reports whether mapping n has an unknown key that is a misspelling of key.
func typoOf(n *yaml.Node, key string, allowed []string) bool {
	for _, k := range unknownKeys(n, allowed) {
		if closest(k.Value, allowed) == key {
			return true
		}
	}
	return false
}

// nonFinite reports whether n is a YAML float that JSON cannot hold (.inf, .nan) or a string
// that reads as one ("+Inf", "NaN"); v is "+Inf", "-Inf" or "NaN".
func nonFinite(n *yaml.Node) (string, bool) {
	if n == nil || n.Kind != yaml.ScalarNode {
		return "", false
	}
	var f float64
	if n.ShortTag() == "!!float" {
		if n.Decode(&f) != nil {
			return "", false
		}
	} else {
		v, err := strconv.ParseFloat(n.Value, 64)
		if err != nil {
			return "", false
		}
		f = v
	}
	switch {
	case math.IsNaN(f):
		return "NaN", true
	case math.IsInf(f, 1):
		return "+Inf", true
	case math.IsInf(f, -1):
		return "-Inf", true
	}
	return "", false
}

// pointerUnescaper undoes JSON pointer escaping in one segment.
var pointerUnescaper = strings.NewReplacer("~1", "/", "~0", "~")

// valueAt returns the JSON value at pointer ptr of v.
func valueAt(v any, ptr string) any {
	if ptr == "" {
		return v
	}
	for _, seg := range strings.Split(ptr[1:], "/") {
		seg = pointerUnescaper.Replace(seg)
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

func fragment(abs string) string {
	_, frag, _ := strings.Cut(abs, "#")
	return "#" + frag
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
	return valueAt(cs.raw(), strings.TrimSuffix(frag, "/"))
}

// resolve is lookup that follows a "$ref" at the end of the location, to the schema it names.
func (cs *compiledSchema) resolve(abs string) any {
	v := cs.lookup(abs)
	for range 8 {
		ref, ok := v.(string)
		if m, isMap := v.(map[string]any); isMap {
			ref, ok = m["$ref"].(string)
		}
		if !ok || !strings.HasPrefix(ref, "#") {
			return v
		}
		v = cs.lookup(ref)
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

// patternMessage says in words what a failed pattern requires: the schema's
// patternErrorMessage beside the pattern (which editors show too, through
// yaml-language-server), as a clause: "a label name is letters, ...".
func (cs *compiledSchema) patternMessage(e *jsonschema.ValidationError) string {
	m, _ := cs.lookup(parentPointer(e.AbsoluteKeywordLocation)).(map[string]any)
	msg, _ := m["patternErrorMessage"].(string)
	if msg == "" {
		return "it must match " + strings.TrimPrefix(e.Message, "does not match pattern ")
	}
	msg = strings.TrimSuffix(msg, ".")
	r, n := utf8.DecodeRuneInString(msg)
	return string(unicode.ToLower(r)) + msg[n:]
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
func (r *reporter) keyPos(ptr string) diag.Pos { return keyPos(r.doc, ptr) }

func keyPos(doc *spec.Doc, ptr string) diag.Pos {
	for {
		if k := doc.Keys[ptr]; k != nil {
			return spec.PosOf(k)
		}
		if n := doc.Pointers[ptr]; n != nil {
			return spec.PosOf(n)
		}
		if ptr == "" {
			return diag.Pos{} // the file as a whole, not a made-up 1:1
		}
		ptr = parentPointer(ptr) // the nearest value that is there
	}
}

// describe turns a JSON pointer into the dotted path a user reads: "/metrics/x/buckets/0"
// -> "metrics.x.buckets[0]".
func describe(ptr string) string {
	if ptr == "" {
		return ""
	}
	var b strings.Builder
	for _, seg := range strings.Split(ptr[1:], "/") {
		seg = pointerUnescaper.Replace(seg)
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
	return pointerUnescaper.Replace(lastSegment(ptr))
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

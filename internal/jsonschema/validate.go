package jsonschema

import (
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ValidationError is a violation of the schema, or a node of the tree of them: its Causes
// are the violations it is made of. Its fields are those of the library's ValidationError.
type ValidationError struct {
	KeywordLocation         string // the keywords from the root schema to the one violated, through $ref
	AbsoluteKeywordLocation string // the schema's id, '#', and the keyword's place in the schema
	InstanceLocation        string // a JSON pointer to the value
	Message                 string
	Causes                  []*ValidationError
}

func (e *ValidationError) Error() string {
	leaf := e
	for len(leaf.Causes) > 0 {
		leaf = leaf.Causes[0]
	}
	return fmt.Sprintf("jsonschema: %s does not validate with %s: %s", quote(leaf.InstanceLocation), leaf.AbsoluteKeywordLocation, leaf.Message)
}

// causes makes err a cause of e, or err's causes if err only gathers them.
func (e *ValidationError) causes(err *ValidationError) *ValidationError {
	if err.Message == "" {
		e.Causes = err.Causes
	} else {
		e.Causes = append(e.Causes, err)
	}
	return e
}

// Validate validates v, a value as encoding/json decodes it (json.Number or float64 for
// numbers), and returns the tree of violations, or nil. The error says that v holds
// something that is not a JSON value.
func (s *Schema) Validate(v any) (ve *ValidationError, err error) {
	defer func() {
		if r := recover(); r != nil {
			nj, ok := r.(notJSON)
			if !ok {
				panic(r)
			}
			ve, err = nil, nj
		}
	}()
	w := &walker{quiet: true}
	if w.validate(s, v) == nil {
		return nil, nil // valid: no error built, not even for the alternatives that failed
	}
	w.quiet = false
	top := &ValidationError{AbsoluteKeywordLocation: s.loc, Message: "doesn't validate with " + s.loc}
	return top.causes(w.validate(s, v)), nil
}

// notJSON is the panic of jsonType, which Validate turns into its error.
type notJSON struct{ value any }

func (e notJSON) Error() string { return fmt.Sprintf("jsonschema: %T is not a JSON value", e.value) }

// A walker validates one value: where it is in the schema and in the value, written out only
// for a violation.
type walker struct {
	// quiet asks only whether the value is valid: the first violation stops the walk, and
	// is failed. A valid spec is walked quietly once; an invalid one again, for the tree.
	quiet bool
	// keywords leads from the root schema to the current one: each schema on the way adds
	// its place in its parent ("properties/x", "items", "$ref").
	keywords []string
	// steps leads from the root value to the current one.
	steps []step
}

// step is a key (index < 0) or an index.
type step struct {
	key   string
	index int
}

// failed is what a quiet walk returns for any violation.
var failed = &ValidationError{Message: "failed"}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// keywordLocation is the location of keyword kw of the current schema (kw "": the schema).
func (w *walker) keywordLocation(kw string) string {
	var b strings.Builder
	for _, seg := range w.keywords {
		b.WriteString("/" + seg)
	}
	if kw != "" {
		b.WriteString("/" + kw)
	}
	return b.String()
}

func (w *walker) instanceLocation() string {
	var b strings.Builder
	for _, st := range w.steps {
		b.WriteByte('/')
		if st.index >= 0 {
			b.WriteString(strconv.Itoa(st.index))
		} else {
			b.WriteString(pointerEscaper.Replace(st.key))
		}
	}
	return b.String()
}

// violation is a violation of keyword kw of s (kw "": of s as a whole); failed when quiet.
func (w *walker) violation(s *Schema, kw, format string, args ...any) *ValidationError {
	if w.quiet {
		return failed
	}
	abs := s.loc
	if kw != "" {
		abs += "/" + kw
	}
	return &ValidationError{
		KeywordLocation:         w.keywordLocation(kw),
		AbsoluteKeywordLocation: abs,
		InstanceLocation:        w.instanceLocation(),
		Message:                 fmt.Sprintf(format, args...),
	}
}

// in validates v against sub, which is at seg in the current schema (the value stays).
func (w *walker) in(sub *Schema, seg string, v any) *ValidationError {
	w.keywords = append(w.keywords, seg)
	err := w.validate(sub, v)
	w.keywords = w.keywords[:len(w.keywords)-1]
	return err
}

// at validates v, the value at st in the current value, against sub, at seg.
func (w *walker) at(sub *Schema, seg string, st step, v any) *ValidationError {
	w.steps = append(w.steps, st)
	err := w.in(sub, seg, v)
	w.steps = w.steps[:len(w.steps)-1]
	return err
}

// holds reports whether v is valid against sub, at seg, without building errors.
func (w *walker) holds(sub *Schema, seg string, v any) bool {
	quiet := w.quiet
	w.quiet = true
	err := w.in(sub, seg, v)
	w.quiet = quiet
	return err == nil
}

// validate validates the current value v against s.
func (w *walker) validate(s *Schema, v any) *ValidationError {
	if s.always != nil {
		if !*s.always {
			return w.violation(s, "", "not allowed")
		}
		return nil
	}
	if len(s.types) > 0 {
		t := jsonType(v)
		if !slices.Contains(s.types, t) && !(t == "number" && slices.Contains(s.types, "integer") && isInteger(v)) {
			return w.violation(s, "type", "expected %s, but got %s", strings.Join(s.types, " or "), t)
		}
	}

	var errs []*ValidationError
	if len(s.constant) > 0 && !equals(v, s.constant[0]) {
		switch jsonType(s.constant[0]) {
		case "object", "array":
			errs = append(errs, w.violation(s, "const", "const failed"))
		default:
			errs = append(errs, w.violation(s, "const", "value must be %#v", s.constant[0]))
		}
	}
	if len(s.enum) > 0 && !slices.ContainsFunc(s.enum, func(x any) bool { return equals(v, x) }) {
		errs = append(errs, w.violation(s, "enum", "%s", s.enumMessage))
	}
	if str, ok := v.(string); ok && s.formatValid != nil && !s.formatValid(str) {
		errs = append(errs, w.violation(s, "format", "%v is not valid %s", quote(str), quote(s.format)))
	}
	if w.quiet && len(errs) > 0 {
		return failed
	}

	switch v := v.(type) {
	case map[string]any:
		errs = w.object(s, v, errs)
	case []any:
		errs = w.array(s, v, errs)
	case string:
		if s.minLength >= 0 {
			if n := utf8.RuneCountInString(v); n < s.minLength {
				errs = append(errs, w.violation(s, "minLength", "length must be >= %d, but got %d", s.minLength, n))
			}
		}
		if s.pattern != nil && !s.pattern.MatchString(v) {
			errs = append(errs, w.violation(s, "pattern", "does not match pattern %s", quote(s.pattern.String())))
		}
	case json.Number, float64:
		errs = w.number(s, v, errs)
	}
	if w.quiet && len(errs) > 0 {
		return failed
	}

	if s.ref != nil {
		if err := w.in(s.ref, "$ref", v); err != nil {
			if w.quiet {
				return failed
			}
			errs = append(errs, w.violation(s, "$ref", "doesn't validate with %s", quote(s.ref.fragment())).causes(err))
		}
	}
	if s.not != nil && w.holds(s.not, "not", v) {
		errs = append(errs, w.violation(s, "not", "not failed"))
	}
	if len(s.oneOf) > 0 {
		matched := -1
		for i, alt := range s.oneOf {
			if !w.holds(alt, s.oneOfSegs[i], v) {
				continue
			}
			if matched >= 0 {
				errs = append(errs, w.violation(s, "oneOf", "valid against schemas at indexes %d and %d", matched, i))
				break
			}
			matched = i
		}
		if matched < 0 {
			e := w.violation(s, "oneOf", "oneOf failed")
			if !w.quiet {
				for i, alt := range s.oneOf {
					e.Causes = append(e.Causes, w.in(alt, s.oneOfSegs[i], v))
				}
			}
			errs = append(errs, e)
		}
	}
	if s.ifS != nil && s.thenS != nil && w.holds(s.ifS, "if", v) {
		if err := w.in(s.thenS, "then", v); err != nil {
			e := w.violation(s, "then", "if-then failed")
			if !w.quiet {
				e.Causes = []*ValidationError{err}
			}
			errs = append(errs, e)
		}
	}

	switch {
	case len(errs) == 0:
		return nil
	case w.quiet:
		return failed
	case len(errs) == 1:
		return errs[0]
	}
	return &ValidationError{KeywordLocation: w.keywordLocation(""), AbsoluteKeywordLocation: s.loc, InstanceLocation: w.instanceLocation(), Causes: errs}
}

func (w *walker) object(s *Schema, m map[string]any, errs []*ValidationError) []*ValidationError {
	if s.minProperties >= 0 && len(m) < s.minProperties {
		errs = append(errs, w.violation(s, "minProperties", "minimum %d properties allowed, but found %d properties", s.minProperties, len(m)))
	}
	var missing []string
	for _, name := range s.required {
		if _, ok := m[name]; !ok {
			missing = append(missing, quote(name))
		}
	}
	if len(missing) > 0 {
		errs = append(errs, w.violation(s, "required", "missing properties: %s", strings.Join(missing, ", ")))
	}
	if w.quiet && len(errs) > 0 {
		return errs
	}
	for _, p := range s.propertyList {
		if pv, ok := m[p.name]; ok {
			if err := w.at(p.schema, p.seg, step{p.name, -1}, pv); err != nil {
				if errs = append(errs, err); w.quiet {
					return errs
				}
			}
		}
	}
	if s.propertyNames != nil || s.additional != nil || s.noAdditional {
		var others []string // the keys properties does not name, sorted
		var names []string  // all keys, sorted, for propertyNames
		for k := range m {
			if s.propertyNames != nil {
				names = append(names, k)
			}
			if _, ok := s.properties[k]; !ok {
				others = append(others, k)
			}
		}
		slices.Sort(names)
		slices.Sort(others)
		for _, k := range names {
			if err := w.at(s.propertyNames, "propertyNames", step{k, -1}, k); err != nil {
				if errs = append(errs, err); w.quiet {
					return errs
				}
			}
		}
		switch {
		case s.noAdditional && len(others) > 0:
			quoted := make([]string, len(others))
			for i, k := range others {
				quoted[i] = quote(k)
			}
			errs = append(errs, w.violation(s, "additionalProperties", "additionalProperties %s not allowed", strings.Join(quoted, ", ")))
		case s.additional != nil:
			for _, k := range others {
				if err := w.at(s.additional, "additionalProperties", step{k, -1}, m[k]); err != nil {
					if errs = append(errs, err); w.quiet {
						return errs
					}
				}
			}
		}
	}
	for _, name := range s.dependentOrder {
		if _, ok := m[name]; !ok {
			continue
		}
		for i, need := range s.dependentRequired[name] {
			if _, ok := m[need]; !ok {
				errs = append(errs, w.violation(s, "dependentRequired/"+escape(name)+"/"+strconv.Itoa(i), "property %s is required, if %s property exists", quote(need), quote(name)))
			}
		}
	}
	for _, d := range s.dependentSchemas {
		if _, ok := m[d.name]; ok {
			if err := w.in(d.schema, d.seg, m); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errs
}

func (w *walker) array(s *Schema, items []any, errs []*ValidationError) []*ValidationError {
	if s.minItems >= 0 && len(items) < s.minItems {
		errs = append(errs, w.violation(s, "minItems", "minimum %d items required, but found %d items", s.minItems, len(items)))
	}
	if s.uniqueItems {
		if j, i, ok := firstRepeat(items); ok {
			errs = append(errs, w.violation(s, "uniqueItems", "items at index %d and %d are equal", j, i))
		}
	}
	if w.quiet && len(errs) > 0 {
		return errs
	}
	if s.items != nil {
		for i, item := range items {
			if err := w.at(s.items, "items", step{"", i}, item); err != nil {
				if errs = append(errs, err); w.quiet {
					return errs
				}
			}
		}
	}
	return errs
}

func (w *walker) number(s *Schema, v any, errs []*ValidationError) []*ValidationError {
	if s.minimum == nil && s.exclusiveMinimum == nil && s.maximum == nil && s.exclusiveMaximum == nil {
		return errs
	}
	n := toRat(v)
	f64 := func(r *big.Rat) float64 {
		f, _ := r.Float64()
		return f
	}
	if s.minimum != nil && n.Cmp(s.minimum) < 0 {
		errs = append(errs, w.violation(s, "minimum", "must be >= %v but found %v", f64(s.minimum), v))
	}
	if s.exclusiveMinimum != nil && n.Cmp(s.exclusiveMinimum) <= 0 {
		errs = append(errs, w.violation(s, "exclusiveMinimum", "must be > %v but found %v", f64(s.exclusiveMinimum), v))
	}
	if s.maximum != nil && n.Cmp(s.maximum) > 0 {
		errs = append(errs, w.violation(s, "maximum", "must be <= %v but found %v", f64(s.maximum), v))
	}
	if s.exclusiveMaximum != nil && n.Cmp(s.exclusiveMaximum) >= 0 {
		errs = append(errs, w.violation(s, "exclusiveMaximum", "must be < %v but found %v", f64(s.exclusiveMaximum), v))
	}
	return errs
}

// fragment is the schema's location in its document, as the messages of $ref name it.
func (s *Schema) fragment() string {
	_, f, _ := strings.Cut(s.loc, "#")
	if f == "/" {
		return ""
	}
	return f
}

// firstRepeat returns the first item i that equals an earlier one, j the first of those.
func firstRepeat(items []any) (j, i int, ok bool) {
	if len(items) <= 20 {
		for i := 1; i < len(items); i++ {
			for j := range i {
				if equals(items[i], items[j]) {
					return j, i, true
				}
			}
		}
		return 0, 0, false
	}
	first := make(map[string]int, len(items))
	for i, item := range items {
		k := canonical(item)
		if j, seen := first[k]; seen {
			return j, i, true
		}
		first[k] = i
	}
	return 0, 0, false
}

// canonical writes v so that two values are equal exactly when their canonical forms are.
func canonical(v any) string {
	var b strings.Builder
	var write func(v any)
	write = func(v any) {
		switch v := v.(type) {
		case nil:
			b.WriteString("n")
		case bool:
			b.WriteString("b" + strconv.FormatBool(v))
		case string:
			b.WriteString("s" + strconv.Quote(v))
		case []any:
			b.WriteString("[")
			for _, x := range v {
				write(x)
				b.WriteString(",")
			}
			b.WriteString("]")
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			b.WriteString("{")
			for _, k := range keys {
				b.WriteString(strconv.Quote(k) + ":")
				write(v[k])
				b.WriteString(",")
			}
			b.WriteString("}")
		default:
			b.WriteString("#" + toRat(v).RatString())
		}
	}
	write(v)
	return b.String()
}

// jsonType is the JSON type of v.
func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case json.Number, float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	panic(notJSON{v})
}

// equals reports whether two JSON values are equal: numbers by value, objects whatever the
// order of their keys.
func equals(a, b any) bool {
	switch a := a.(type) {
	case []any:
		b, ok := b.([]any)
		return ok && slices.EqualFunc(a, b, equals)
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, av := range a {
			bv, ok := b[k]
			if !ok || !equals(av, bv) {
				return false
			}
		}
		return true
	case json.Number, float64:
		if t := jsonType(b); t != "number" {
			return false
		}
		return toRat(a).Cmp(toRat(b)) == 0
	}
	return jsonType(a) == jsonType(b) && a == b
}

func toRat(v any) *big.Rat {
	r, _ := new(big.Rat).SetString(fmt.Sprint(v))
	return r
}

// isInteger reports whether number v is a whole number.
func isInteger(v any) bool {
	if n, ok := v.(json.Number); ok {
		s := strings.TrimPrefix(string(n), "-")
		if s != "" && strings.Trim(s, "0123456789") == "" {
			return true
		}
	}
	r := toRat(v)
	return r != nil && r.IsInt()
}

// quote single-quotes s as the library's messages do.
func quote(s string) string {
	s = fmt.Sprintf("%q", s)
	s = strings.ReplaceAll(s, `\"`, `"`)
	s = strings.ReplaceAll(s, `'`, `\'`)
	return "'" + s[1:len(s)-1] + "'"
}

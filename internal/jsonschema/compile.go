// Package jsonschema validates JSON values against metricgen's own JSON Schema (draft
// 2020-12), with the keywords that schema uses and no others.
//
// It reports like santhosh-tekuri/jsonschema/v5, the library metricgen used before: the same
// tree of errors, with the same keyword and instance locations and the same messages, so that
// the diagnostics built from it stay exactly as they were; the verify module checks the two
// against each other on every spec of the test corpus and under fuzzing. It exists because
// that library (and v6, and its forks) compiles the meta-schemas of every draft in its package
// initialisation, about 1 MB and 8,500 allocations on every start of metricgen, whatever the
// command; here nothing runs before the first validation.
//
// Compile refuses a schema with a keyword it does not implement, so that the schema can never
// grow a rule that is silently not checked.
package jsonschema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// A Schema is a compiled schema (or subschema).
type Schema struct {
	loc string // absolute location: the schema's id, '#', and a JSON pointer

	always *bool // a boolean schema

	types []string

	constant    []any // at most one: the const value
	enum        []any
	enumMessage string

	format      string
	formatValid func(string) bool

	minProperties     int
	required          []string
	properties        map[string]*Schema
	propertyList      []named // sorted by name
	propertyNames     *Schema
	additional        *Schema // additionalProperties as a schema
	noAdditional      bool    // additionalProperties: false
	dependentRequired map[string][]string
	dependentOrder    []string
	dependentSchemas  []named

	minItems    int
	uniqueItems bool
	items       *Schema

	minLength int
	pattern   *regexp.Regexp

	minimum, exclusiveMinimum, maximum, exclusiveMaximum *big.Rat

	ref        *Schema
	not        *Schema
	oneOf      []*Schema
	oneOfSegs  []string // "oneOf/0", ...
	ifS, thenS *Schema
}

// named is a subschema under a name (a property's, a dependent schema's), with its segment
// of a keyword location.
type named struct {
	name   string
	seg    string
	schema *Schema
}

// annotations are the keywords that say something to readers and tools and nothing to
// validation. patternErrorMessage is yaml-language-server's (and VS Code's): the message an
// editor shows when a value fails the pattern beside it; validation reads it for its own
// message (internal/validate).
var annotations = []string{"$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples", "deprecated", "patternErrorMessage"}

// Compile compiles the schema doc, whose "$id" is id. References must be local ("#/...").
func Compile(id string, doc []byte) (*Schema, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		return nil, fmt.Errorf("jsonschema: %s: %w", id, err)
	}
	c := &compiler{id: id, root: root, done: map[string]*Schema{}}
	s, err := c.compile(root, "")
	if err != nil {
		return nil, fmt.Errorf("jsonschema: %s: %w", id, err)
	}
	return s, nil
}

type compiler struct {
	id   string
	root any
	done map[string]*Schema // by JSON pointer
}

func (c *compiler) compile(v any, ptr string) (*Schema, error) {
	if s, ok := c.done[ptr]; ok {
		return s, nil
	}
	s := &Schema{loc: c.id + "#" + ptr, minProperties: -1, minItems: -1, minLength: -1}
	c.done[ptr] = s
	if b, ok := v.(bool); ok {
		s.always = &b
		return s, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: a schema is an object or a boolean, not %T", "#"+ptr, v)
	}
	sub := func(key string) (*Schema, error) { return c.compile(m[key], ptr+"/"+key) }
	var err error
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		val := m[k]
		switch k {
		case "type":
			switch t := val.(type) {
			case string:
				s.types = []string{t}
			case []any:
				for _, x := range t {
					s.types = append(s.types, x.(string))
				}
			}
		case "const":
			s.constant = []any{val}
		case "enum":
			s.enum = val.([]any)
			s.enumMessage = enumMessage(s.enum)
		case "format":
			s.format = val.(string)
			if s.formatValid = formatChecker(s.format); s.formatValid == nil {
				return nil, fmt.Errorf("#%s: format %q is not implemented", ptr, s.format)
			}
		case "minProperties":
			s.minProperties = integer(val)
		case "required":
			for _, x := range val.([]any) {
				s.required = append(s.required, x.(string))
			}
		case "properties":
			s.properties = map[string]*Schema{}
			for name, p := range val.(map[string]any) {
				seg := "properties/" + escape(name)
				if s.properties[name], err = c.compile(p, ptr+"/"+seg); err != nil {
					return nil, err
				}
				s.propertyList = append(s.propertyList, named{name, seg, s.properties[name]})
			}
			slices.SortFunc(s.propertyList, byName)
		case "propertyNames":
			if s.propertyNames, err = sub(k); err != nil {
				return nil, err
			}
		case "additionalProperties":
			if b, ok := val.(bool); ok && !b {
				s.noAdditional = true
			} else if s.additional, err = sub(k); err != nil {
				return nil, err
			}
		case "dependentRequired":
			s.dependentRequired = map[string][]string{}
			for name, req := range val.(map[string]any) {
				for _, x := range req.([]any) {
					s.dependentRequired[name] = append(s.dependentRequired[name], x.(string))
				}
				s.dependentOrder = append(s.dependentOrder, name)
			}
			slices.Sort(s.dependentOrder)
		case "dependentSchemas":
			for name, d := range val.(map[string]any) {
				seg := "dependentSchemas/" + escape(name)
				ds, err := c.compile(d, ptr+"/"+seg)
				if err != nil {
					return nil, err
				}
				s.dependentSchemas = append(s.dependentSchemas, named{name, seg, ds})
			}
			slices.SortFunc(s.dependentSchemas, byName)
		case "minItems":
			s.minItems = integer(val)
		case "uniqueItems":
			s.uniqueItems = val.(bool)
		case "items":
			if s.items, err = sub(k); err != nil {
				return nil, err
			}
		case "minLength":
			s.minLength = integer(val)
		case "pattern":
			if s.pattern, err = regexp.Compile(val.(string)); err != nil {
				return nil, fmt.Errorf("#%s/pattern: %w", ptr, err)
			}
		case "minimum":
			s.minimum = rat(val)
		case "exclusiveMinimum":
			s.exclusiveMinimum = rat(val)
		case "maximum":
			s.maximum = rat(val)
		case "exclusiveMaximum":
			s.exclusiveMaximum = rat(val)
		case "$ref":
			ref := val.(string)
			if !strings.HasPrefix(ref, "#") {
				return nil, fmt.Errorf("#%s/$ref: %q is not a reference inside the schema", ptr, ref)
			}
			target, ok := c.resolve(ref[1:])
			if !ok {
				return nil, fmt.Errorf("#%s/$ref: %q names nothing", ptr, ref)
			}
			if s.ref, err = c.compile(target, ref[1:]); err != nil {
				return nil, err
			}
		case "not":
			if s.not, err = sub(k); err != nil {
				return nil, err
			}
		case "oneOf":
			for i, alt := range val.([]any) {
				a, err := c.compile(alt, fmt.Sprintf("%s/oneOf/%d", ptr, i))
				if err != nil {
					return nil, err
				}
				s.oneOf = append(s.oneOf, a)
				s.oneOfSegs = append(s.oneOfSegs, fmt.Sprintf("oneOf/%d", i))
			}
		case "if":
			if s.ifS, err = sub(k); err != nil {
				return nil, err
			}
		case "then":
			if s.thenS, err = sub(k); err != nil {
				return nil, err
			}
		default:
			if !slices.Contains(annotations, k) {
				return nil, fmt.Errorf("#%s: keyword %q is not implemented by metricgen's internal/jsonschema; implement it there (the verify module's differential test will check it against the library)", ptr, k)
			}
		}
	}
	return s, nil
}

// resolve returns the value at JSON pointer ptr of the schema document.
func (c *compiler) resolve(ptr string) (any, bool) {
	v := c.root
	if ptr == "" {
		return v, true
	}
	for _, seg := range strings.Split(ptr[1:], "/") {
		seg, err := url.PathUnescape(seg)
		if err != nil {
			return nil, false
		}
		seg = strings.NewReplacer("~1", "/", "~0", "~").Replace(seg)
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[seg]; !ok {
			return nil, false
		}
	}
	return v, true
}

func integer(v any) int {
	f, _ := v.(json.Number).Float64()
	return int(f)
}

func rat(v any) *big.Rat {
	r, _ := new(big.Rat).SetString(string(v.(json.Number)))
	return r
}

// enumMessage is the message of a value that is none of enum's.
func enumMessage(enum []any) string {
	for _, item := range enum {
		if t := jsonType(item); t == "object" || t == "array" {
			return "enum failed"
		}
	}
	if len(enum) == 1 {
		return fmt.Sprintf("value must be %#v", enum[0])
	}
	strs := make([]string, len(enum))
	for i, item := range enum {
		strs[i] = fmt.Sprintf("%#v", item)
	}
	return "value must be one of " + strings.Join(strs, ", ")
}

func byName(a, b named) int { return strings.Compare(a.name, b.name) }

// escape makes a property name a segment of a location, as the library does: a JSON pointer
// token, URL-escaped.
func escape(token string) string {
	return url.PathEscape(pointerEscaper.Replace(token))
}

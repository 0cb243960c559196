// Package specdoc writes the spec reference (docs/spec.md) from the JSON Schema of the spec:
// every key with its type, whether it is required, its default and an example. The schema is
// the one source of both, and a test keeps the committed file equal to what Render returns.
package specdoc

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/lazyregexp"
)

// Key is one documented key of the spec.
type Key struct {
	Path        string // dotted, with <name> for map keys and [] for list items: metrics.<key>.buckets
	Type        string // Markdown
	Required    bool
	Default     string // Markdown; "" when none
	Description string
	Example     string // YAML, "" when neither the schema nor the example specs have one
	Section     bool   // an object whose keys follow under their own heading
}

// Examples finds a value for a key path in example specs: Lookup returns the YAML of the first
// value found at path (placeholders match any map key or list item), or "".
type Examples interface {
	Lookup(path string) string
}

// Keys lists the keys of the schema in document order, depth first.
func Keys(schemaJSON []byte, ex Examples) ([]Key, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(schemaJSON, &root); err != nil {
		return nil, err
	}
	if len(root.Content) != 1 {
		return nil, fmt.Errorf("schema: not one document")
	}
	w := &walker{root: root.Content[0], ex: ex, seen: map[*yaml.Node]string{}}
	w.object("", w.root)
	return w.keys, nil
}

type walker struct {
	root *yaml.Node
	ex   Examples
	keys []Key
	seen map[*yaml.Node]string // object definitions already documented, by path
}

// get returns the value of key in a mapping node.
func get(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// deref follows $ref to a definition; it returns the definition and its name ("" when n is
// not a reference).
func (w *walker) deref(n *yaml.Node) (*yaml.Node, string) {
	ref := get(n, "$ref")
	if ref == nil {
		return n, ""
	}
	name := strings.TrimPrefix(ref.Value, "#/$defs/")
	return get(get(w.root, "$defs"), name), name
}

// object documents the properties of an object schema under path.
func (w *walker) object(path string, n *yaml.Node) {
	n, _ = w.deref(n)
	required := map[string]bool{}
	if r := get(n, "required"); r != nil {
		for _, k := range r.Content {
			required[k.Value] = true
		}
	}
	props := get(n, "properties")
	if props == nil {
		return
	}
	for i := 0; i+1 < len(props.Content); i += 2 {
		name, p := props.Content[i].Value, props.Content[i+1]
		if p.Kind == yaml.ScalarNode { // `false`: a key forbidden in some case
			continue
		}
		w.key(join(path, name), p, required[name])
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// key documents one key, then the keys inside its value.
func (w *walker) key(path string, n *yaml.Node, required bool) {
	def, _ := w.deref(n)
	k := Key{Path: path, Required: required, Type: w.typeOf(n)}
	k.Description = text(get(n, "description"))
	if k.Description == "" {
		k.Description = text(get(def, "description"))
	}
	k.Default = defaultOf(n, def, k.Description)
	k.Example = example(path, n, def, w.ex)
	w.keys = append(w.keys, k)
	i := len(w.keys) - 1
	w.inner(path, def, i)
	// A section's keys carry their own examples; a whole block of a real spec is shown only
	// while it stays short.
	if k := &w.keys[i]; k.Section && strings.Count(k.Example, "\n") >= maxSectionExample {
		k.Example = ""
	}
}

// inner documents what a value holds: an object's keys, a map's or a list's elements, the
// keys of each alternative of a oneOf. k indexes the key whose value it is.
func (w *walker) inner(path string, def *yaml.Node, k int) {
	switch {
	case get(def, "properties") != nil:
		if prev, ok := w.seen[def]; ok {
			w.keys[k].Description += fmt.Sprintf(" Its keys are those of `%s`.", prev)
			return
		}
		w.seen[def] = path
		w.keys[k].Section = true
		w.object(path, def)
	case isMap(def):
		elem, _ := w.deref(get(def, "additionalProperties"))
		w.inner(path+".<name>", elem, k)
	case get(def, "items") != nil:
		elem, _ := w.deref(get(def, "items"))
		w.inner(path+"[]", elem, k)
	case get(def, "oneOf") != nil:
		for _, alt := range get(def, "oneOf").Content {
			d, _ := w.deref(alt)
			w.inner(path, d, k)
		}
	}
}

func isMap(n *yaml.Node) bool {
	ap := get(n, "additionalProperties")
	return ap != nil && ap.Kind == yaml.MappingNode && get(n, "properties") == nil
}

// typeOf describes the type of a value in Markdown.
func (w *walker) typeOf(n *yaml.Node) string {
	def, name := w.deref(n)
	switch name {
	case "duration":
		return "duration (`30s`, `5m`, `1h30m`)"
	case "labelName":
		return "label name"
	case "metricKey", "metricName":
		return "metric name"
	case "relativePath":
		return "path under the output root"
	case "stringMap":
		return "map of label name to string"
	}
	if e := get(def, "enum"); e != nil {
		var vs []string
		for _, v := range e.Content {
			vs = append(vs, "`"+v.Value+"`")
		}
		return "one of " + strings.Join(vs, ", ")
	}
	if c := get(def, "const"); c != nil {
		return "`" + c.Value + "`"
	}
	if alts := get(def, "oneOf"); alts != nil {
		var ts []string
		for _, a := range alts.Content {
			t := w.typeOf(a)
			if ad, _ := w.deref(a); get(ad, "properties") != nil {
				t = "`{" + strings.Join(propNames(ad), ", ") + "}`"
			}
			ts = append(ts, t)
		}
		return strings.Join(ts, ", or ")
	}
	t := get(def, "type")
	var types []string
	if t != nil && t.Kind == yaml.SequenceNode {
		for _, c := range t.Content {
			types = append(types, c.Value)
		}
	} else if t != nil {
		types = []string{t.Value}
	}
	switch {
	case len(types) == 1 && types[0] == "array":
		return "list of " + w.typeOf(get(def, "items"))
	case len(types) == 1 && types[0] == "object" && isMap(def):
		return "map of name to " + w.typeOf(get(def, "additionalProperties"))
	case len(types) == 1 && types[0] == "object":
		return "mapping"
	case len(types) == 0 && get(def, "properties") != nil:
		return "mapping"
	}
	s := strings.Join(types, " or ")
	if f := get(def, "format"); f != nil {
		s += " (" + f.Value + ")"
	}
	return s
}

func propNames(n *yaml.Node) []string {
	var out []string
	if props := get(n, "properties"); props != nil {
		for i := 0; i < len(props.Content); i += 2 {
			out = append(out, props.Content[i].Value)
		}
	}
	return out
}

func text(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	return n.Value
}

var defaultSentence = lazyregexp.New(`(?:^|\. )Default: ([^.]*(?:\.[^ ][^.]*)*)\.`)

// defaultOf is the schema's default, or what the description says after "Default:".
func defaultOf(n, def *yaml.Node, desc string) string {
	for _, s := range []*yaml.Node{n, def} {
		if d := get(s, "default"); d != nil {
			return "`" + flow(d) + "`"
		}
	}
	if m := defaultSentence.FindStringSubmatch(desc); m != nil {
		return m[1]
	}
	return ""
}

// example is the schema's first example for the key, or a value from the example specs.
func example(path string, n, def *yaml.Node, ex Examples) string {
	name := path[strings.LastIndexAny(path, ".]")+1:]
	for _, s := range []*yaml.Node{n, def} {
		if e := get(s, "examples"); e != nil && len(e.Content) > 0 {
			return name + ": " + flow(e.Content[0])
		}
	}
	if ex != nil {
		if v := ex.Lookup(path); v != "" {
			return v
		}
	}
	return ""
}

// flow renders a YAML node on one line (flow style for collections).
func flow(n *yaml.Node) string {
	c := *n
	setFlow(&c)
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&c); err != nil {
		return n.Value
	}
	return strings.TrimSpace(b.String())
}

func setFlow(n *yaml.Node) {
	if n.Kind == yaml.SequenceNode || n.Kind == yaml.MappingNode {
		n.Style = yaml.FlowStyle
	}
	// JSON strings come quoted; YAML does not need the quotes unless the value does.
	if n.Kind == yaml.ScalarNode && n.Style == yaml.DoubleQuotedStyle {
		n.Style = 0
	}
	content := make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		cc := *c
		setFlow(&cc)
		content[i] = &cc
	}
	n.Content = content
}

// maxSectionExample is the most lines of a section's example.
const maxSectionExample = 24

// Render writes the spec reference in Markdown.
func Render(keys []Key) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	for _, k := range keys {
		depth := strings.Count(k.Path, ".") + 1
		if !k.Section && depth > 1 {
			depth = 0
		}
		level := "###"
		if depth == 1 {
			level = "##"
		}
		fmt.Fprintf(&b, "\n%s `%s`\n\n", level, k.Path)
		req := "optional"
		if k.Required {
			req = "**required**"
		}
		fmt.Fprintf(&b, "%s, %s", k.Type, req)
		if k.Default != "" {
			fmt.Fprintf(&b, "; default: %s", k.Default)
		}
		b.WriteString("\n\n")
		if k.Description != "" {
			b.WriteString(k.Description + "\n\n")
		}
		if k.Example != "" {
			fmt.Fprintf(&b, "```yaml\n%s\n```\n", strings.TrimRight(k.Example, "\n"))
		}
	}
	return b.Bytes()
}

const header = `# Spec reference

<!-- Generated from schema/metricgen.schema.json by internal/specdoc (make docs); do not edit:
     change the schema's descriptions and examples instead. -->

A spec is one YAML file per instrumented component. This page lists every key the JSON Schema
(` + "`schema/metricgen.schema.json`, also printed by `metricgen schema`" + `) allows, in the
schema's order: its type, whether it is required, its default and an example. In a path,
` + "`<name>`" + ` stands for a key you choose (a label or metric name) and ` + "`[]`" + ` for an item of a list.
Output paths are relative to the output root: the spec file's folder, or ` + "`--out DIR`" + `.
Validation does more than the schema (PromQL, names, series budgets): see ` + "[checks.md](checks.md)" + `
for every check and the README for the command line.
`

// specExamples finds examples in parsed spec files.
type specExamples []*yaml.Node

// FromSpecs returns Examples that look keys up in the given spec files, in order.
func FromSpecs(files ...[]byte) (Examples, error) {
	var ex specExamples
	for _, f := range files {
		var doc yaml.Node
		if err := yaml.Unmarshal(f, &doc); err != nil {
			return nil, err
		}
		if len(doc.Content) == 1 {
			ex = append(ex, doc.Content[0])
		}
	}
	return ex, nil
}

var segment = lazyregexp.New(`[^.\[\]]+|\[\]`)

// Lookup returns `key: value` for the first value at path, in block style.
func (ex specExamples) Lookup(path string) string {
	segs := segment.FindAllString(path, -1)
	for _, doc := range ex {
		if v := find(doc, segs); v != nil {
			var b bytes.Buffer
			enc := yaml.NewEncoder(&b)
			enc.SetIndent(2)
			if err := enc.Encode(&yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: segs[len(segs)-1]}, v}}); err == nil {
				return strings.TrimSpace(b.String())
			}
		}
	}
	return ""
}

func find(n *yaml.Node, segs []string) *yaml.Node {
	if len(segs) == 0 {
		return n
	}
	switch {
	case segs[0] == "[]" && n.Kind == yaml.SequenceNode:
		for _, c := range n.Content {
			if v := find(c, segs[1:]); v != nil {
				return v
			}
		}
	case n.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if segs[0] == "<name>" || n.Content[i].Value == segs[0] {
				if v := find(n.Content[i+1], segs[1:]); v != nil {
					return v
				}
			}
		}
	}
	return nil
}

package spec

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/diag"
)

// maxNodes bounds the nodes a document may expand to through aliases, so that a small file of
// nested aliases (a "billion laughs") cannot make metricgen run out of memory; maxDepth bounds
// nesting, which an alias to its own ancestor makes infinite.
const (
	maxNodes = 100_000
	maxDepth = 64
)

// Load parses src as the spec at path. It returns the typed file and the problems found in
// the YAML itself: syntax errors, a second document, duplicate keys, merge keys and alias
// bombs. The file is nil when the YAML cannot be read at all; otherwise it is as complete as
// the YAML allows, and the JSON view in Doc is ready for schema validation.
func Load(path string, src []byte) (*File, *Doc, []diag.Diagnostic) {
	dl := diag.List{File: path}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			dl.Errorf(diag.YAMLEmpty, diag.Pos{Line: 1, Col: 1}, "the spec is empty; start with `version: 1` (see `metricgen schema`)")
		} else {
			pos, msg := syntaxError(err, src)
			dl.Errorf(diag.YAMLSyntax, pos, "%s", msg)
		}
		return nil, nil, dl.Diags
	}
	var second yaml.Node
	if err := dec.Decode(&second); err == nil {
		dl.Errorf(diag.YAMLMultipleDocuments, diag.Pos{Line: second.Line, Col: second.Column}, "a second YAML document; a spec is one document: remove the '---' and what follows, or split it into its own spec file")
	} else if !errors.Is(err, io.EOF) {
		pos, msg := syntaxError(err, src)
		dl.Errorf(diag.YAMLSyntax, pos, "%s", msg)
	}
	if len(doc.Content) == 0 || doc.Content[0].Tag == "!!null" {
		dl.Errorf(diag.YAMLEmpty, diag.Pos{Line: 1, Col: 1}, "the spec is empty; start with `version: 1` (see `metricgen schema`)")
		return nil, nil, dl.Diags
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		dl.Errorf(diag.SchemaType, posOf(root), "the spec must be a mapping of keys (version, namespace, service, metrics, ...), not a %s", kindName(root))
		return nil, nil, dl.Diags
	}

	d := &Doc{Root: root, Pointers: map[string]*yaml.Node{}, Keys: map[string]*yaml.Node{}, Merged: map[string]bool{}}
	w := &walk{budget: maxNodes}
	d.Value = d.convert(root, "", &dl, w, 0)
	switch {
	case w.tooDeep != nil:
		dl.Errorf(diag.YAMLAliasLimit, posOf(w.tooDeep), "the document nests deeper than %d levels (an alias inside the node it names?); write the spec without recursive aliases", maxDepth)
		return nil, nil, diag.Sort(dl.Diags)
	case w.budget < 0:
		dl.Errorf(diag.YAMLAliasLimit, posOf(root), "the document expands to more than %s values through aliases (a \"billion laughs\"?); write the spec without nested aliases", thousands(maxNodes))
		return nil, nil, diag.Sort(dl.Diags)
	}

	f := &File{Path: path, Src: src, Root: root}
	if err := root.Decode(f); err != nil {
		// A value of the wrong type is left unset and decoding goes on (a *yaml.TypeError):
		// the schema reports it with a better message, and the rest of the file still gets
		// its semantic checks. Any other failure leaves no usable typed view.
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			f = nil
		}
	}
	return f, d, diag.Sort(dl.Diags)
}

// Doc is the JSON view of a spec, for schema validation, with the node behind every JSON
// pointer (and, for mapping keys, the key's own node).
type Doc struct {
	Root     *yaml.Node // the top-level mapping
	Value    any
	Pointers map[string]*yaml.Node // JSON pointer -> value node
	Keys     map[string]*yaml.Node // JSON pointer -> key node, for values inside mappings
	// Merged holds the pointers of mappings that had a merge key (<<), which is reported and
	// left out: such a mapping misses the keys it meant to merge, and that is not news.
	Merged map[string]bool
}

// walk bounds a conversion: the nodes it may still visit, and the node where it went too deep.
type walk struct {
	budget  int
	tooDeep *yaml.Node
}

func (d *Doc) convert(n *yaml.Node, ptr string, dl *diag.List, w *walk, depth int) any {
	w.budget--
	if w.budget < 0 || w.tooDeep != nil {
		return nil
	}
	if depth > maxDepth {
		w.tooDeep = n
		return nil
	}
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	d.Pointers[ptr] = n
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		first := map[string]*yaml.Node{}
		// The keys reported here are also dropped from the node tree, so that the typed
		// decoding sees what the schema sees (go-yaml would give up on the whole mapping over a
		// repeated key, and would apply a merge key).
		kept := n.Content[:0:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				dl.Errorf(diag.YAMLComplexKey, posOf(k), "a mapping key must be a plain name, not a %s", kindName(k))
				continue
			}
			if k.Tag == "!!merge" {
				dl.Errorf(diag.YAMLMergeKey, posOf(k), "merge keys (<<) are not supported; write the keys out")
				d.Merged[ptr] = true
				continue
			}
			if prev, dup := first[k.Value]; dup {
				dl.Errorf(diag.YAMLDuplicateKey, posOf(k), "duplicate key %q (first at line %d); remove one of them", k.Value, prev.Line)
				continue
			}
			kept = append(kept, k, v)
			first[k.Value] = k
			p := ptr + "/" + escapePointer(k.Value)
			d.Keys[p] = k
			m[k.Value] = d.convert(v, p, dl, w, depth+1)
		}
		n.Content = kept
		return m
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, c := range n.Content {
			s[i] = d.convert(c, ptr+"/"+strconv.Itoa(i), dl, w, depth+1)
		}
		return s
	default:
		return scalarValue(n)
	}
}

// scalarValue converts a scalar the way a JSON decoder would see it.
func scalarValue(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	case "!!int":
		var i int64
		if n.Decode(&i) == nil {
			return json.Number(strconv.FormatInt(i, 10))
		}
	case "!!float":
		var f float64
		if n.Decode(&f) == nil {
			if s := strconv.FormatFloat(f, 'g', -1, 64); !strings.ContainsAny(s, "IN") { // not Inf/NaN
				return json.Number(s)
			}
		}
	}
	return n.Value
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

func escapePointer(s string) string { return pointerEscaper.Replace(s) }

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	}
	return "scalar (" + strings.TrimPrefix(n.ShortTag(), "!!") + ")"
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

package spec

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/diag"
)

// maxAliased bounds the nodes that aliases may add to a document, so that a small file of
// nested aliases (a "billion laughs") cannot make metricgen run out of memory; only copies made
// through aliases count, so a large spec written out in full is bounded by MaxSize alone.
// maxDepth bounds nesting, which an alias to its own ancestor makes infinite.
const (
	maxAliased = 100_000
	maxDepth   = 64
)

// Load parses src as the spec at path. It returns the typed file and the problems found in
// the YAML itself: syntax errors, a second document, duplicate keys, merge keys and alias
// bombs. The file is nil when the YAML cannot be read at all; otherwise it is as complete as
// the YAML allows, and the JSON view in Doc is ready for schema validation.
func Load(path string, src []byte) (*File, *Doc, []diag.Diagnostic) {
	dl := diag.List{File: path}
	var doc yaml.Node
	in := &lineReader{src: src}
	dec := yaml.NewDecoder(in)
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			dl.Errorf(diag.YAMLEmpty, diag.Pos{Line: 1, Col: 1}, "the spec is empty; start with `version: 1` (see `metricgen schema`)")
		} else {
			pos, msg := syntaxError(err, src, in.lines())
			dl.Errorf(diag.YAMLSyntax, pos, "%s", msg)
		}
		return nil, nil, dl.Diags
	}
	var second yaml.Node
	if err := dec.Decode(&second); err == nil {
		dl.Errorf(diag.YAMLMultipleDocuments, diag.Pos{Line: second.Line, Col: second.Column}, "a second YAML document; a spec is one document: remove the '---' and what follows, or split it into its own spec file")
	} else if !errors.Is(err, io.EOF) {
		pos, msg := syntaxError(err, src, in.lines())
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

	d := &Doc{Root: root, Pointers: map[string]*yaml.Node{}, Keys: map[string]*yaml.Node{}, Merged: map[string]bool{}, aliased: map[*yaml.Node]*yaml.Node{}}
	w := &walk{budget: maxAliased}
	d.Value = d.convert(root, "", &dl, w, 0)
	switch {
	case w.tooDeep != nil:
		dl.Errorf(diag.YAMLAliasLimit, posOf(w.tooDeep), "the document nests deeper than %d levels (an alias inside the node it names?); write the spec without recursive aliases", maxDepth)
		return nil, nil, diag.Sort(dl.Diags)
	case w.exhausted != nil:
		dl.Errorf(diag.YAMLAliasLimit, posOf(w.exhausted), "this alias expands the document by more than %s values (a \"billion laughs\"?); write the spec without nested aliases", thousands(maxAliased))
		return nil, nil, diag.Sort(dl.Diags)
	}

	f := &File{Path: path, Src: src, Root: root, aliased: d.aliased}
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

// lineReader gives go-yaml its input one line per Read. go-yaml reads only as far as it
// needs (a token and a few characters beyond), so when it fails, the lines read so far end at
// most one line after the problem: its own error names only the line where the enclosing
// mapping starts, which may be thousands of lines above.
type lineReader struct {
	src []byte
	off int
}

func (r *lineReader) Read(p []byte) (int, error) {
	if r.off >= len(r.src) {
		return 0, io.EOF
	}
	rest := r.src[r.off:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i+1]
	}
	n := copy(p, rest)
	r.off += n
	return n, nil
}

// lines is the number of lines read so far, a partly read one included.
func (r *lineReader) lines() int {
	n := bytes.Count(r.src[:r.off], []byte("\n"))
	if r.off > 0 && r.src[r.off-1] != '\n' {
		n++
	}
	return n
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

	// aliased maps the nodes copied from an anchor where an alias uses it (see expand) to
	// that alias.
	aliased map[*yaml.Node]*yaml.Node
}

// walk bounds a conversion: the nodes aliases may still add, the alias that went past that,
// and the node where the document went too deep.
type walk struct {
	budget    int
	exhausted *yaml.Node
	tooDeep   *yaml.Node
}

func (w *walk) stopped() bool { return w.exhausted != nil || w.tooDeep != nil }

func (d *Doc) convert(n *yaml.Node, ptr string, dl *diag.List, w *walk, depth int) any {
	if w.stopped() {
		return nil
	}
	if depth > maxDepth {
		w.tooDeep = n
		return nil
	}
	n = d.expand(n, w, depth)
	if w.stopped() {
		return nil
	}
	d.Pointers[ptr] = n
	if d.aliased[n] == nil {
		checkTag(n, dl)
	}
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
			if d.aliased[k] == nil {
				checkTag(k, dl)
			}
			v = d.expand(v, w, depth+1)
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
			n.Content[i] = d.expand(c, w, depth+1)
			s[i] = d.convert(n.Content[i], ptr+"/"+strconv.Itoa(i), dl, w, depth+1)
		}
		return s
	default:
		return scalarValue(n)
	}
}

// expand replaces an alias by a copy of the node it names, in which every node has the
// alias's position: a problem inside an aliased value is reported where the value is used
// (the anchor's own copy is reported at the anchor), and two uses of one anchor are two
// places, as a duplicate name through an alias must be. Copies count against the walk's
// budget; n is returned as it is when it is not an alias.
func (d *Doc) expand(n *yaml.Node, w *walk, depth int) *yaml.Node {
	if n.Kind != yaml.AliasNode {
		return n
	}
	return d.copyAt(n.Alias, n, w, depth)
}

func (d *Doc) copyAt(n, at *yaml.Node, w *walk, depth int) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	w.budget--
	switch {
	case n == nil || w.stopped():
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: at.Line, Column: at.Column}
	case w.budget < 0:
		w.exhausted = at
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: at.Line, Column: at.Column}
	case depth > maxDepth:
		w.tooDeep = at
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: at.Line, Column: at.Column}
	}
	c := *n
	c.Anchor = ""
	c.Line, c.Column = at.Line, at.Column
	if n.Content != nil {
		c.Content = make([]*yaml.Node, len(n.Content))
		for i, child := range n.Content {
			c.Content[i] = d.copyAt(child, at, w, depth+1)
		}
	}
	d.aliased[&c] = at
	return &c
}

// plainTags are the tags a spec may write explicitly (`!!str 404` keeps a number as text):
// YAML's core types, not "!" (a non-specific tag, which YAML says makes a string and go-yaml ignores).
var plainTags = []string{"!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq"}

// checkTag reports an explicit tag that metricgen would ignore or misread: a custom tag
// (!ref, !include), or a YAML type it has no use for (!!binary would be read as base64 text).
func checkTag(n *yaml.Node, dl *diag.List) {
	if n.Style&yaml.TaggedStyle == 0 || slices.Contains(plainTags, n.ShortTag()) {
		return
	}
	tag := n.Tag
	if strings.HasPrefix(tag, "tag:yaml.org,2002:") {
		tag = "!!" + strings.TrimPrefix(tag, "tag:yaml.org,2002:")
	}
	dl.Errorf(diag.YAMLTag, posOf(n), "the YAML tag %s is not supported: metricgen reads plain values (strings, numbers, lists, mappings); remove the tag and write the value out", tag)
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

// Package promrules owns reading existing Prometheus rules for `metricgen init`: rule files
// (groups:) and prometheus-operator PrometheusRule manifests, several documents per file
// allowed. It reads them with YAML and nothing of Prometheus' rule packages, so the metricgen
// binary does not link them; Prometheus' own checks of the imported rules come later, from the
// spec's validation.
package promrules

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Group is one rule group.
type Group struct {
	File        string
	Line        int
	Name        string
	Interval    string
	QueryOffset string
	Limit       string
	Labels      []KV // group labels (Prometheus 3), added to every rule of the group
	Rules       []Rule
}

// Rule is one alerting or recording rule, as written.
type Rule struct {
	Line          int
	Alert         string // set for alerting rules
	Record        string // set for recording rules
	Expr          string
	For           string
	KeepFiringFor string
	Labels        []KV // sorted by key
	Annotations   []KV // sorted by key
}

// KV is a label or annotation.
type KV struct{ Key, Value string }

// Error is a problem at a line of a rule file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// Parse reads the rule groups of a rule file or of PrometheusRule manifests (a "kind: List"
// of them, or several YAML documents).
func Parse(file string, src []byte) ([]Group, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var groups []Group
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, &Error{File: file, Msg: "not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
		}
		if len(doc.Content) == 0 || doc.Content[0].Tag == "!!null" {
			continue
		}
		gs, err := document(file, doc.Content[0])
		if err != nil {
			return nil, err
		}
		groups = append(groups, gs...)
	}
	return groups, nil
}

func document(file string, n *yaml.Node) ([]Group, error) {
	if n.Kind != yaml.MappingNode {
		return nil, &Error{file, n.Line, "expected a rule file (groups:) or a PrometheusRule manifest"}
	}
	if g := value(n, "groups"); g != nil {
		return groupList(file, g)
	}
	switch kind := scalar(value(n, "kind")); kind {
	case "PrometheusRule":
		spec := value(n, "spec")
		if spec == nil {
			return nil, nil
		}
		g := value(spec, "groups")
		if g == nil {
			return nil, nil
		}
		return groupList(file, g)
	case "List":
		var out []Group
		items := value(n, "items")
		if items == nil {
			return nil, nil
		}
		for _, it := range items.Content {
			if it.Kind == yaml.MappingNode && scalar(value(it, "kind")) != "PrometheusRule" {
				continue // a ConfigMap or other object of the same list
			}
			gs, err := document(file, it)
			if err != nil {
				return nil, err
			}
			out = append(out, gs...)
		}
		return out, nil
	case "":
		return nil, &Error{file, n.Line, "expected a rule file (groups:) or a PrometheusRule manifest (kind: PrometheusRule)"}
	default:
		return nil, nil // another Kubernetes object in a multi-document manifest
	}
}

func groupList(file string, n *yaml.Node) ([]Group, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, &Error{file, n.Line, "groups must be a list"}
	}
	var out []Group
	for _, gn := range n.Content {
		if gn.Kind != yaml.MappingNode {
			return nil, &Error{file, gn.Line, "a rule group must be a mapping (name, rules)"}
		}
		g := Group{
			File:        file,
			Line:        gn.Line,
			Name:        scalar(value(gn, "name")),
			Interval:    scalar(value(gn, "interval")),
			QueryOffset: scalar(value(gn, "query_offset")),
			Limit:       scalar(value(gn, "limit")),
		}
		var err error
		if g.Labels, err = kvs(file, value(gn, "labels")); err != nil {
			return nil, err
		}
		rules := value(gn, "rules")
		if rules != nil && rules.Kind != yaml.SequenceNode {
			return nil, &Error{file, rules.Line, "rules must be a list"}
		}
		if rules != nil {
			for _, rn := range rules.Content {
				r, err := rule(file, rn)
				if err != nil {
					return nil, err
				}
				g.Rules = append(g.Rules, r)
			}
		}
		out = append(out, g)
	}
	return out, nil
}

func rule(file string, n *yaml.Node) (Rule, error) {
	if n.Kind != yaml.MappingNode {
		return Rule{}, &Error{file, n.Line, "a rule must be a mapping (alert or record, expr, ...)"}
	}
	r := Rule{
		Line:          n.Line,
		Alert:         scalar(value(n, "alert")),
		Record:        scalar(value(n, "record")),
		Expr:          scalar(value(n, "expr")),
		For:           scalar(value(n, "for")),
		KeepFiringFor: scalar(value(n, "keep_firing_for")),
	}
	switch {
	case r.Alert == "" && r.Record == "":
		return r, &Error{file, n.Line, "a rule needs alert or record"}
	case r.Alert != "" && r.Record != "":
		return r, &Error{file, n.Line, "a rule has either alert or record, not both"}
	}
	var err error
	if r.Labels, err = kvs(file, value(n, "labels")); err != nil {
		return r, err
	}
	if r.Annotations, err = kvs(file, value(n, "annotations")); err != nil {
		return r, err
	}
	return r, nil
}

// value returns the value node of key in mapping n, or nil.
func value(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			v := n.Content[i+1]
			for v.Kind == yaml.AliasNode {
				v = v.Alias
			}
			if v.Tag == "!!null" {
				return nil
			}
			return v
		}
	}
	return nil
}

func scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

func kvs(file string, n *yaml.Node) ([]KV, error) {
	if n == nil {
		return nil, nil
	}
	if n.Kind != yaml.MappingNode {
		return nil, &Error{file, n.Line, "labels and annotations must be mappings of names to strings"}
	}
	var out []KV
	for i := 0; i+1 < len(n.Content); i += 2 {
		v := n.Content[i+1]
		for v.Kind == yaml.AliasNode {
			v = v.Alias
		}
		if v.Kind != yaml.ScalarNode {
			return nil, &Error{file, v.Line, fmt.Sprintf("%s must be a string", n.Content[i].Value)}
		}
		out = append(out, KV{n.Content[i].Value, v.Value})
	}
	slices.SortStableFunc(out, func(a, b KV) int { return strings.Compare(a.Key, b.Key) })
	return out, nil
}

package promql

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/prometheus/common/model"
	"go.yaml.in/yaml/v3"
)

// RuleFile is a Prometheus rule file (`groups:`) as Prometheus loads it.
type RuleFile struct {
	Groups []RuleGroup
}

// RuleGroup is one group of a rule file.
type RuleGroup struct {
	Name        string
	Interval    model.Duration
	QueryOffset *model.Duration
	Limit       int
	Labels      map[string]string
	Rules       []Rule
	Line, Col   int // of the group's name
}

// Rule is one recording or alerting rule.
type Rule struct {
	Record, Alert, Expr string
	For, KeepFiringFor  model.Duration
	Labels, Annotations map[string]string
	Line, Col           int // of `record` or `alert`
	ExprLine, ExprCol   int // of the expression's YAML value
}

// Name is the rule's alert or record name.
func (r *Rule) Name() string {
	if r.Alert != "" {
		return r.Alert
	}
	return r.Record
}

// The YAML shape of a rule file: exactly the fields Prometheus' model/rulefmt knows, decoded
// with unknown fields rejected, as promtool and Prometheus load rules. A file is decoded twice,
// as rulefmt does: into plain values first, where a value of the wrong type or an unknown field
// is a YAML error, then into nodes for the positions of the checks.
type (
	ruleFileValues struct {
		Groups []ruleGroupValues `yaml:"groups"`
	}
	ruleGroupValues struct {
		Name        string            `yaml:"name"`
		Interval    model.Duration    `yaml:"interval,omitempty"`
		QueryOffset *model.Duration   `yaml:"query_offset,omitempty"`
		Limit       int               `yaml:"limit,omitempty"`
		Labels      map[string]string `yaml:"labels,omitempty"`
		Rules       []ruleValues      `yaml:"rules"`
	}
	ruleValues struct {
		Record        string            `yaml:"record,omitempty"`
		Alert         string            `yaml:"alert,omitempty"`
		Expr          string            `yaml:"expr"`
		For           model.Duration    `yaml:"for,omitempty"`
		KeepFiringFor model.Duration    `yaml:"keep_firing_for,omitempty"`
		Labels        map[string]string `yaml:"labels,omitempty"`
		Annotations   map[string]string `yaml:"annotations,omitempty"`
	}
	ruleFileYAML struct {
		Groups []groupYAML `yaml:"groups"`
	}
	groupYAML struct {
		Name        yaml.Node         `yaml:"name"`
		Interval    model.Duration    `yaml:"interval,omitempty"`
		QueryOffset *model.Duration   `yaml:"query_offset,omitempty"`
		Limit       int               `yaml:"limit,omitempty"`
		Rules       []ruleYAML        `yaml:"rules"`
		Labels      map[string]string `yaml:"labels,omitempty"`
	}
	ruleYAML struct {
		Record        yaml.Node         `yaml:"record,omitempty"`
		Alert         yaml.Node         `yaml:"alert,omitempty"`
		Expr          yaml.Node         `yaml:"expr"`
		For           model.Duration    `yaml:"for,omitempty"`
		KeepFiringFor model.Duration    `yaml:"keep_firing_for,omitempty"`
		Labels        map[string]string `yaml:"labels,omitempty"`
		Annotations   map[string]string `yaml:"annotations,omitempty"`
	}
)

// LoadRules decodes and checks a rule file the way Prometheus and promtool load one
// (model/rulefmt.Parse with unknown fields rejected, the legacy name rules every Prometheus
// release accepts, and metricgen's parser configuration) and returns every problem found, each
// worded `line:col: group "g", rule n, "name": what`. Only the first YAML document is read, as
// Prometheus does. The verify module checks that it accepts exactly what rulefmt accepts.
func LoadRules(content []byte) (*RuleFile, []error) {
	var values ruleFileValues
	dec := yaml.NewDecoder(bytes.NewReader(content))
	dec.KnownFields(true)
	if err := dec.Decode(&values); err != nil && !errors.Is(err, io.EOF) {
		return nil, []error{err}
	}
	var doc ruleFileYAML
	if err := yaml.Unmarshal(content, &doc); err != nil {
		return nil, []error{err}
	}
	var (
		rf    RuleFile
		errs  []error
		names = map[string]bool{}
	)
	for _, g := range doc.Groups {
		name, err := scalarString(&g.Name)
		if err != nil {
			errs = append(errs, err)
		}
		group := RuleGroup{Name: name, Interval: g.Interval, QueryOffset: g.QueryOffset, Limit: g.Limit, Labels: g.Labels, Line: g.Name.Line, Col: g.Name.Column}
		if name == "" {
			errs = append(errs, fmt.Errorf("%d:%d: Groupname must not be empty", g.Name.Line, g.Name.Column))
		}
		if names[name] {
			errs = append(errs, fmt.Errorf("%d:%d: groupname: %q is repeated in the same file", g.Name.Line, g.Name.Column, name))
		}
		names[name] = true
		errs = append(errs, checkLabels(g.Labels)...)
		for i := range g.Rules {
			r, problems := loadRule(&g.Rules[i])
			for _, p := range problems {
				errs = append(errs, fmt.Errorf("%sgroup %q, rule %d, %q: %w", p.at, name, i+1, r.Name(), p.err))
			}
			group.Rules = append(group.Rules, r)
		}
		rf.Groups = append(rf.Groups, group)
	}
	return &rf, errs
}

// ParseRuleFile returns every problem LoadRules finds in content.
func ParseRuleFile(content []byte) []error {
	_, errs := LoadRules(content)
	return errs
}

// ruleProblem is one problem of a rule, at `line:col: ` (or nowhere in particular).
type ruleProblem struct {
	at  string
	err error
}

// loadRule checks one rule as rulefmt's Rule.Validate does.
func loadRule(y *ruleYAML) (Rule, []ruleProblem) {
	var out []ruleProblem
	at := func(ns ...*yaml.Node) string {
		var b strings.Builder
		for _, n := range ns {
			fmt.Fprintf(&b, "%d:%d: ", n.Line, n.Column)
		}
		return b.String()
	}
	add := func(where string, err error) { out = append(out, ruleProblem{where, err}) }
	str := func(n *yaml.Node) string {
		s, err := scalarString(n)
		if err != nil {
			add("", err)
		}
		return s
	}
	r := Rule{
		Record: str(&y.Record), Alert: str(&y.Alert), Expr: str(&y.Expr),
		For: y.For, KeepFiringFor: y.KeepFiringFor, Labels: y.Labels, Annotations: y.Annotations,
		ExprLine: y.Expr.Line, ExprCol: y.Expr.Column,
	}
	r.Line, r.Col = y.Record.Line, y.Record.Column
	if r.Alert != "" {
		r.Line, r.Col = y.Alert.Line, y.Alert.Column
	}
	switch {
	case r.Record != "" && r.Alert != "":
		add(at(&y.Record, &y.Alert), errors.New("only one of 'record' and 'alert' must be set"))
	case r.Record == "" && r.Alert == "":
		add(at(&y.Record, &y.Alert), errors.New("one of 'record' or 'alert' must be set"))
	}
	if r.Expr == "" {
		add(at(&y.Expr), errors.New("field 'expr' must be set in rule"))
	} else if _, err := prom.ParseExpr(r.Expr); err != nil {
		add(at(&y.Expr), fmt.Errorf("could not parse expression: %w", err))
	}
	if r.Record != "" {
		if len(r.Annotations) > 0 {
			add(at(&y.Record), errors.New("invalid field 'annotations' in recording rule"))
		}
		if r.For != 0 {
			add(at(&y.Record), errors.New("invalid field 'for' in recording rule"))
		}
		if r.KeepFiringFor != 0 {
			add(at(&y.Record), errors.New("invalid field 'keep_firing_for' in recording rule"))
		}
		if !model.LegacyValidation.IsValidMetricName(r.Record) {
			add(at(&y.Record), fmt.Errorf("invalid recording rule name: %s", r.Record))
		}
		if strings.ContainsAny(r.Record, "{}") {
			add(at(&y.Record), fmt.Errorf("braces present in the recording rule name; should it be in expr?: %s", r.Record))
		}
	}
	for _, err := range checkLabels(r.Labels) {
		add("", err)
	}
	for _, k := range sortedKeys(r.Annotations) {
		if !model.LegacyValidation.IsValidLabelName(k) {
			add("", fmt.Errorf("invalid annotation name: %s", k))
		}
	}
	if r.Alert != "" {
		// Prometheus expands labels and annotations of alerting rules only.
		for _, k := range sortedKeys(r.Labels) {
			if err := parseAlertTemplate(r.Alert, r.Labels[k]); err != nil {
				add("", fmt.Errorf("label %q: %w", k, err))
			}
		}
		for _, k := range sortedKeys(r.Annotations) {
			if err := parseAlertTemplate(r.Alert, r.Annotations[k]); err != nil {
				add("", fmt.Errorf("annotation %q: %w", k, err))
			}
		}
	}
	return r, out
}

// parseAlertTemplate parses an alert's label or annotation template under the name
// Prometheus gives it.
func parseAlertTemplate(alert, text string) error {
	_, err := parseTemplate("__alert_"+alert, text)
	return err
}

// checkLabels checks label names and values as rulefmt does for groups and rules.
func checkLabels(labels map[string]string) []error {
	var errs []error
	for _, k := range sortedKeys(labels) {
		if !model.LegacyValidation.IsValidLabelName(k) || k == model.MetricNameLabel {
			errs = append(errs, fmt.Errorf("invalid label name: %s", k))
		}
		if !model.LabelValue(labels[k]).IsValid() {
			errs = append(errs, fmt.Errorf("invalid label value: %s", labels[k]))
		}
	}
	return errs
}

// scalarString is the string a YAML node decodes to: a scalar's value, "" for null or an
// absent field, and yaml.v3's error for a sequence or mapping.
func scalarString(n *yaml.Node) (string, error) {
	switch {
	case n.Kind == 0 || n.Tag == "!!null":
		return "", nil
	case n.Kind == yaml.ScalarNode:
		return n.Value, nil
	}
	var s string
	err := n.Decode(&s)
	return s, err
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Package spec owns reading a spec file: YAML syntax, the typed view of its keys, and the
// YAML nodes behind every value, so that any later check can say file:line:col. It checks
// nothing beyond YAML itself; package validate does that.
package spec

import (
	"fmt"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/diag"
)

// File is a loaded spec: the typed keys, with the document they came from.
type File struct {
	Path string     // as the user named it
	Src  []byte     // the file's bytes
	Root *yaml.Node // the top-level mapping

	// aliased are the nodes that an alias copied from its anchor: their position is the
	// alias's, and their text is elsewhere in Src.
	aliased map[*yaml.Node]*yaml.Node

	// lines are the offsets where Src's lines start, computed once (lineIndex): positions are
	// mapped for every expression of a spec, and a spec can hold thousands.
	linesOnce sync.Once
	lines     []int

	Version      Int            `yaml:"version"`
	Namespace    String         `yaml:"namespace"`
	Service      String         `yaml:"service"`
	Go           *Go            `yaml:"go"`
	Outputs      Outputs        `yaml:"outputs"`
	TargetLabels []String       `yaml:"target_labels"`
	Labels       Map[Label]     `yaml:"labels"`
	Metrics      Map[Metric]    `yaml:"metrics"`
	Operations   Map[Operation] `yaml:"operations"`
	External     Map[External]  `yaml:"external_metrics"`
	Logging      *Logging       `yaml:"logging"`
	RuleGroup    *RuleGroup     `yaml:"rule_group"`
	Alerts       List[Alert]    `yaml:"alerts"`
	Records      List[Record]   `yaml:"recording_rules"`
	Dashboard    *Dashboard     `yaml:"dashboard"`
	Tests        List[Test]     `yaml:"tests"`
	SLOs         List[SLO]      `yaml:"slos"`
}

// Go is the go section.
type Go struct {
	Package String `yaml:"package"`
	Out     String `yaml:"out"`
	Backend String `yaml:"backend"`
}

// Outputs is the outputs section.
type Outputs struct {
	Rules          String `yaml:"rules"`
	RuleTests      String `yaml:"rule_tests"`
	PrometheusRule String `yaml:"prometheus_rule"`
	Dashboard      String `yaml:"dashboard"`
	Docs           String `yaml:"docs"`
	Schema         String `yaml:"schema"`
}

// Label is one entry of labels.
type Label struct {
	Help      String   `yaml:"help"`
	Values    []String `yaml:"values"`
	Pattern   String   `yaml:"pattern"`
	MaxValues Int      `yaml:"max_values"`
	Other     String   `yaml:"other"`
}

// Metric is one entry of metrics.
type Metric struct {
	Type       String   `yaml:"type"`
	Help       String   `yaml:"help"`
	Unit       String   `yaml:"unit"`
	Labels     []String `yaml:"labels"`
	Buckets    *Buckets `yaml:"buckets"`
	Native     *Native  `yaml:"native"`
	MaxSeries  Int      `yaml:"max_series"`
	Deprecated String   `yaml:"deprecated"`
	Title      String   `yaml:"title"`
	Init       String   `yaml:"init"`
	Observe    String   `yaml:"observe"`
}

// Operation is one entry of operations.
type Operation struct {
	Help          String         `yaml:"help"`
	Kind          String         `yaml:"kind"`
	Labels        []String       `yaml:"labels"`
	Requests      String         `yaml:"requests"`
	Outcome       String         `yaml:"outcome"`
	Duration      String         `yaml:"duration"`
	Errors        String         `yaml:"errors"`
	ErrorFallback String         `yaml:"error_fallback"`
	InFlight      String         `yaml:"in_flight"`
	HTTP          *OperationHTTP `yaml:"http"`
	Span          *OperationSpan `yaml:"span"`
	Log           *OperationLog  `yaml:"log"`
}

// OperationHTTP names the labels an HTTP operation fills from the request and the response.
type OperationHTTP struct {
	Route       String `yaml:"route"`
	Method      String `yaml:"method"`
	StatusCode  String `yaml:"status_code"`
	StatusClass String `yaml:"status_class"`
	Server      String `yaml:"server"`
}

// OperationSpan is an operation's span.
type OperationSpan struct {
	Name       String      `yaml:"name"`
	Kind       String      `yaml:"kind"`
	Attributes Map[String] `yaml:"attributes"`
	Parameters []String    `yaml:"parameters"`
}

// OperationLog is an operation's log record.
type OperationLog struct {
	Message  String `yaml:"message"`
	Success  String `yaml:"success"`
	Error    String `yaml:"error"`
	Canceled String `yaml:"canceled"`
}

// Buckets is a histogram's classic buckets: a list, or a generated form.
type Buckets struct {
	Node        *yaml.Node
	List        []Float
	Exponential *struct {
		Start  Float `yaml:"start"`
		Factor Float `yaml:"factor"`
		Count  Int   `yaml:"count"`
	} `yaml:"exponential"`
	Linear *struct {
		Start Float `yaml:"start"`
		Width Float `yaml:"width"`
		Count Int   `yaml:"count"`
	} `yaml:"linear"`
}

// UnmarshalYAML accepts both forms.
func (b *Buckets) UnmarshalYAML(n *yaml.Node) error {
	b.Node = n
	if n.Kind == yaml.SequenceNode {
		return n.Decode(&b.List)
	}
	type plain Buckets
	return n.Decode((*plain)(b))
}

// Native configures native histogram buckets.
type Native struct {
	BucketFactor     Float  `yaml:"bucket_factor"`
	MaxBuckets       Int    `yaml:"max_buckets"`
	MinResetDuration String `yaml:"min_reset_duration"`
}

// External is one entry of external_metrics.
type External struct {
	Type   String   `yaml:"type"`
	Help   String   `yaml:"help"`
	Labels []String `yaml:"labels"`
	Info   Bool     `yaml:"info"`
	OnePer []String `yaml:"one_per"`
}

// Logging is the logging section.
type Logging struct {
	HashKeyEnv String       `yaml:"hash_key_env"`
	Redact     List[Redact] `yaml:"redact"`
}

// Redact is one redaction rule.
type Redact struct {
	Key    String `yaml:"key"`
	Action String `yaml:"action"`
	Keep   Int    `yaml:"keep"`
}

// RuleGroup is the rule_group section.
type RuleGroup struct {
	Name     String `yaml:"name"`
	Interval String `yaml:"interval"`
}

// Alert is one alerting rule.
type Alert struct {
	Alert         String      `yaml:"alert"`
	Expr          String      `yaml:"expr"`
	For           String      `yaml:"for"`
	KeepFiringFor String      `yaml:"keep_firing_for"`
	Severity      String      `yaml:"severity"`
	Labels        Map[String] `yaml:"labels"`
	Summary       String      `yaml:"summary"`
	Description   String      `yaml:"description"`
	Runbook       String      `yaml:"runbook"`
	Annotations   Map[String] `yaml:"annotations"`
}

// Record is one recording rule.
type Record struct {
	Record String      `yaml:"record"`
	Expr   String      `yaml:"expr"`
	Labels Map[String] `yaml:"labels"`
}

// Dashboard is the dashboard section.
type Dashboard struct {
	Title  String               `yaml:"title"`
	Tags   []String             `yaml:"tags"`
	Groups List[DashboardGroup] `yaml:"groups"`
	Panels List[Panel]          `yaml:"panels"`
}

// DashboardGroup is a row of metrics.
type DashboardGroup struct {
	Title   String   `yaml:"title"`
	Metrics []String `yaml:"metrics"`
}

// Panel is an extra dashboard panel.
type Panel struct {
	Title       String `yaml:"title"`
	Type        String `yaml:"type"`
	Expr        String `yaml:"expr"`
	Unit        String `yaml:"unit"`
	Description String `yaml:"description"`
	Legend      String `yaml:"legend"`
	Row         String `yaml:"row"`
}

// Test is one promtool rule unit test (promtool's own keys).
type Test struct {
	Name        String            `yaml:"name"`
	Interval    String            `yaml:"interval"`
	InputSeries List[InputSeries] `yaml:"input_series"`
	AlertTests  List[AlertTest]   `yaml:"alert_rule_test"`
	ExprTests   List[ExprTest]    `yaml:"promql_expr_test"`
}

// InputSeries is one input series.
type InputSeries struct {
	Series String `yaml:"series"`
	Values String `yaml:"values"`
}

// AlertTest is one alert_rule_test entry.
type AlertTest struct {
	EvalTime  String         `yaml:"eval_time"`
	Alertname String         `yaml:"alertname"`
	ExpAlerts List[ExpAlert] `yaml:"exp_alerts"`
}

// ExpAlert is one expected alert.
type ExpAlert struct {
	ExpLabels      Map[String] `yaml:"exp_labels"`
	ExpAnnotations Map[String] `yaml:"exp_annotations"`
}

// ExprTest is one promql_expr_test entry.
type ExprTest struct {
	Expr       String          `yaml:"expr"`
	EvalTime   String          `yaml:"eval_time"`
	ExpSamples List[ExpSample] `yaml:"exp_samples"`
}

// ExpSample is one expected sample.
type ExpSample struct {
	Labels String `yaml:"labels"`
	Value  Float  `yaml:"value"`
}

// SLO is one service-level objective.
type SLO struct {
	Name        String       `yaml:"name"`
	Objective   Float        `yaml:"objective"`
	Window      String       `yaml:"window"`
	Description String       `yaml:"description"`
	SLI         *SLI         `yaml:"sli"`
	By          []String     `yaml:"by"`
	Alerting    *SLOAlerting `yaml:"alerting"`
}

// SLI is an SLO's indicator: errors and total, success and total, or latency.
type SLI struct {
	Node    *yaml.Node
	Errors  String      `yaml:"errors"`
	Success String      `yaml:"success"`
	Total   String      `yaml:"total"`
	Latency *SLILatency `yaml:"latency"`
}

// UnmarshalYAML keeps the sli mapping's node, for errors about its keys as a whole.
func (s *SLI) UnmarshalYAML(n *yaml.Node) error {
	s.Node = n
	type plain SLI
	return n.Decode((*plain)(s))
}

// SLILatency is a latency SLI: the requests of a histogram within one of its buckets.
type SLILatency struct {
	Metric String `yaml:"metric"`
	Le     Float  `yaml:"le"`
}

// SLOAlerting is an SLO's alerting section.
type SLOAlerting struct {
	Labels    Map[String]    `yaml:"labels"`
	Page      *SLOAlertClass `yaml:"page"`
	Ticket    *SLOAlertClass `yaml:"ticket"`
	Runbook   String         `yaml:"runbook"`
	MinEvents Int            `yaml:"min_events"`
}

// SLOAlertClass configures the page or ticket alerts of an SLO.
type SLOAlertClass struct {
	Severity String `yaml:"severity"`
}

// posOf returns the position of n, or the zero Pos for nil.
func posOf(n *yaml.Node) diag.Pos {
	if n == nil {
		return diag.Pos{}
	}
	return diag.Pos{Line: n.Line, Col: n.Column}
}

// PosOf returns the position of a YAML node (line 0 for nil).
func PosOf(n *yaml.Node) diag.Pos { return posOf(n) }

// String is a scalar with the node it was read from; Node is nil when the key is absent.
type String struct {
	Value string
	Node  *yaml.Node
}

// UnmarshalYAML takes any scalar. A value of the wrong kind is left unset and reported as a
// *yaml.TypeError, which lets decoding go on: the schema reports the problem, and the rest of
// the file still gets its semantic checks.
func (s *String) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return typeError(n, "a string")
	}
	s.Node = n
	s.Value = n.Value
	return nil
}

func typeError(n *yaml.Node, want string) error {
	return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: expected %s", n.Line, want)}}
}

// Set reports whether the key was present.
func (s String) Set() bool { return s.Node != nil }

// Pos is where the value starts.
func (s String) Pos() diag.Pos { return posOf(s.Node) }

// Int is an integer scalar with its node.
type Int struct {
	Value int
	Node  *yaml.Node
}

// UnmarshalYAML leaves i unset when n is not an integer (see String.UnmarshalYAML).
func (i *Int) UnmarshalYAML(n *yaml.Node) error {
	var v int
	if n.Kind != yaml.ScalarNode || n.Decode(&v) != nil {
		return typeError(n, "an integer")
	}
	i.Node, i.Value = n, v
	return nil
}

// Set reports whether the key was present.
func (i Int) Set() bool { return i.Node != nil }

// Pos is where the value starts.
func (i Int) Pos() diag.Pos { return posOf(i.Node) }

// Bool is a boolean scalar with its node.
type Bool struct {
	Value bool
	Node  *yaml.Node
}

// UnmarshalYAML leaves b unset when n is not a boolean (see String.UnmarshalYAML).
func (b *Bool) UnmarshalYAML(n *yaml.Node) error {
	var v bool
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(&v) != nil {
		return typeError(n, "true or false")
	}
	b.Node, b.Value = n, v
	return nil
}

// Set reports whether the key was present.
func (b Bool) Set() bool { return b.Node != nil }

// Pos is where the value starts.
func (b Bool) Pos() diag.Pos { return posOf(b.Node) }

// Float is a number scalar with its node.
type Float struct {
	Value float64
	Node  *yaml.Node
}

// UnmarshalYAML leaves f unset when n is not a number (see String.UnmarshalYAML).
func (f *Float) UnmarshalYAML(n *yaml.Node) error {
	var v float64
	if n.Kind != yaml.ScalarNode || n.Decode(&v) != nil {
		return typeError(n, "a number")
	}
	f.Node, f.Value = n, v
	return nil
}

// Set reports whether the key was present.
func (f Float) Set() bool { return f.Node != nil }

// Pos is where the value starts.
func (f Float) Pos() diag.Pos { return posOf(f.Node) }

// Entry is one key of a mapping whose keys are user names, in file order.
type Entry[T any] struct {
	Key   String     // the key, with its node
	Node  *yaml.Node // the value's node
	Value T
}

// Map is a mapping keyed by user names, kept in file order.
type Map[T any] []Entry[T]

// UnmarshalYAML keeps every entry, also one whose value is partly of the wrong type (those
// parts stay unset), so that one bad entry does not hide the others from the semantic checks.
// Keys that Load reports (merge keys, repeats, non-scalar keys) are left out.
func (m *Map[T]) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return typeError(n, "a mapping")
	}
	var errs []string
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.ShortTag() == "!!merge" || seen[k.Value] {
			continue
		}
		seen[k.Value] = true
		e := Entry[T]{Key: String{Value: k.Value, Node: k}, Node: v}
		if err := v.Decode(&e.Value); err != nil {
			te, ok := err.(*yaml.TypeError)
			if !ok {
				return err
			}
			errs = append(errs, te.Errors...)
		}
		*m = append(*m, e)
	}
	if errs != nil {
		return &yaml.TypeError{Errors: errs}
	}
	return nil
}

// Item is one element of a sequence, with its node.
type Item[T any] struct {
	Node  *yaml.Node
	Value T
}

// List is a sequence whose elements keep their nodes.
type List[T any] []Item[T]

// UnmarshalYAML keeps every item, also one that is partly of the wrong type (see Map).
func (l *List[T]) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return typeError(n, "a list")
	}
	var errs []string
	for _, c := range n.Content {
		it := Item[T]{Node: c}
		if err := c.Decode(&it.Value); err != nil {
			te, ok := err.(*yaml.TypeError)
			if !ok {
				return err
			}
			errs = append(errs, te.Errors...)
		}
		*l = append(*l, it)
	}
	if errs != nil {
		return &yaml.TypeError{Errors: errs}
	}
	return nil
}

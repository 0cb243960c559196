package model

import (
	"slices"
	"strings"

	"github.com/metricgen/metricgen/internal/diag"
)

// Expr is one PromQL expression of the spec (an alert's, a recording rule's, a dashboard
// panel's, a rule test's), parsed and analysed once by the compile stage. Emitters read what
// they need of it here: none of them parses PromQL.
type Expr struct {
	// Text is the expression as the spec writes it, without the blank space around it. A
	// dashboard panel's keeps Grafana's variables ($__rate_interval, $job, ...).
	Text string
	// Pos is the range of Text in the spec file.
	Pos diag.Pos
	// Labels are the labels of the series the expression returns, as far as the spec tells.
	Labels LabelSet
	// Selectors are the expression's vector selectors, in the order they appear in Text.
	Selectors []*Selector
	// Comparisons are the expression's filtering comparisons of a value with a number
	// (`<expr> > 0.05`, `0.05 < <expr>`; not `==`, `!=` or `bool`), outermost first: an
	// alert's thresholds.
	Comparisons []*Comparison
}

// String returns the expression's text.
func (e *Expr) String() string {
	if e == nil {
		return ""
	}
	return e.Text
}

// Metrics returns the metrics of the spec that the expression reads, each once, in the order
// of their first selector.
func (e *Expr) Metrics() []*Metric {
	var out []*Metric
	for _, s := range e.Selectors {
		if s.Metric != nil && !slices.Contains(out, s.Metric) {
			out = append(out, s.Metric)
		}
	}
	return out
}

// LabelSet is what the spec tells of the labels of some series.
type LabelSet struct {
	// Known is false when nothing is known: a series the spec does not describe, an
	// expression whose labels depend on a Grafana variable.
	Known bool
	// Names are the label names, sorted; "__name__" is among them when the series keep their
	// metric name. Every series carries a subset of them.
	Names []string
}

// Has reports whether the series may carry label name; always true when nothing is known.
func (l LabelSet) Has(name string) bool {
	if !l.Known {
		return true
	}
	_, ok := slices.BinarySearch(l.Names, name)
	return ok
}

// Selector is one vector selector of an expression: which series it reads.
type Selector struct {
	// Name is the metric name the selector selects, by name or by a __name__="..." matcher,
	// as written ("" when no single name is given, e.g. {__name__=~"a|b"}). Variable: the
	// whole name is a Grafana variable ($metric) of a dashboard query.
	Name     string
	Variable bool
	// Offset is where the selector starts in Expr.Text (its name, or its '{'); Pos is the
	// selector's range in the spec file (its name and matchers, and an offset or @ modifier).
	Offset int
	Pos    diag.Pos
	// Matchers are the selector's label matchers as written, without the name's own.
	Matchers []Matcher

	// What the selector reads: a metric of the spec (Suffix is the series' suffix after the
	// metric's name: "", or a histogram's "_bucket", "_sum" or "_count"), an external
	// metric, or a recording rule of the spec (Record is its name). All unset when the name
	// is unknown or not given.
	Metric   *Metric
	Suffix   string
	External *ExternalMetric
	Record   string

	// Series are the labels of the series the name selects (target labels included), before
	// any aggregation; unknown when the name is.
	Series LabelSet
}

// Matches reports whether the selector has a matcher on label name.
func (s *Selector) Matches(name string) bool {
	return slices.ContainsFunc(s.Matchers, func(m Matcher) bool { return m.Label == name })
}

// Matcher is one label matcher of a selector.
type Matcher struct {
	Label string
	Op    string // =, !=, =~ or !~
	Value string
}

// Comparison is a comparison of an expression's value with a number: an alert's threshold.
type Comparison struct {
	// Op is >, >=, < or <=, seen from the compared side: `0.05 < x` is `x > 0.05`.
	Op    string
	Value float64
	// What the compared side computes: its selectors (some of Expr.Selectors), the functions
	// and aggregation operators (sum, count, topk, ...) it uses, each once and sorted, and
	// the φ of its first histogram_quantile with a literal φ (0 when none).
	Selectors    []*Selector
	Funcs        []string
	Aggregations []string
	Quantile     float64
}

// Above reports whether the comparison holds above its value (> or >=).
func (c *Comparison) Above() bool { return c.Op == ">" || c.Op == ">=" }

// WithMatchers returns the expression's text with label matchers added to its selectors: for
// each selector, add returns the matchers to add, as PromQL (`job=~"$job"`), or none. The
// rest of the text stays as written.
func (e *Expr) WithMatchers(add func(*Selector) []string) string {
	type insertion struct {
		at   int
		text string
	}
	var ins []insertion
	for _, s := range e.Selectors {
		ms := add(s)
		if len(ms) == 0 {
			continue
		}
		at, braces, empty := selectorEnd(e.Text, s.Offset)
		text := strings.Join(ms, ", ")
		switch {
		case !braces:
			text = "{" + text + "}"
		case !empty:
			text = ", " + text
		}
		ins = append(ins, insertion{at, text})
	}
	// Insert from the end so that earlier offsets stay valid.
	slices.SortStableFunc(ins, func(a, b insertion) int { return b.at - a.at })
	out := e.Text
	for _, in := range ins {
		out = out[:in.at] + in.text + out[in.at:]
	}
	return out
}

// selectorEnd scans the vector selector starting at s[start]: a metric name, a {...} matcher
// list, or both. It returns where new matchers go (before the closing brace, or right after the
// name when there are no braces), whether there are braces, and whether they hold nothing yet
// (or end in a comma).
func selectorEnd(s string, start int) (at int, braces, empty bool) {
	i := start
	for i < len(s) && (isWordChar(s[i]) || s[i] == ':') {
		i++
	}
	nameEnd := i
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	if i >= len(s) || s[i] != '{' {
		return nameEnd, false, false
	}
	open := i
	for i++; i < len(s) && s[i] != '}'; {
		if s[i] == '"' || s[i] == '\'' || s[i] == '`' {
			i = skipString(s, i)
			continue
		}
		i++
	}
	inner := strings.TrimSpace(s[open+1 : i])
	return i, true, inner == "" || strings.HasSuffix(inner, ",")
}

func isWordChar(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// skipString returns the offset just past the string literal starting at s[i].
func skipString(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		switch {
		case s[j] == '\\' && q != '`':
			j++
		case s[j] == q:
			return j + 1
		}
	}
	return len(s)
}

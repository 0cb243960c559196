package golang

import (
	"fmt"
	"go/token"
	"slices"
	"strings"
	"unicode"

	"github.com/metricgen/metricgen/internal/goname"
	"github.com/metricgen/metricgen/internal/model"
)

// Import paths of the generated code (metrics.go and labels.go; the runtime file has its own
// imports); names registers their package names with jennifer so that imports read naturally.
const (
	promPath    = "github.com/prometheus/client_golang/prometheus"
	timePath    = "time"
	strconvPath = "strconv"
)

var importNames = []struct{ path, name string }{
	{promPath, "prometheus"}, {timePath, "time"}, {strconvPath, "strconv"},
}

// operationImportNames are the imports of operations.go (declared by declareOperations).
var operationImportNames = []struct{ path, name string }{
	{contextPath, "context"}, {errorsPath, "errors"}, {httpPath, "http"}, {slogPath, "slog"},
	{otelTracePath, "trace"}, {otelAttrPath, "attribute"}, {otelPropPath, "propagation"},
}

// Identifiers the generated code uses inside function bodies, as receivers, locals or
// struct fields: a label's parameter must not shadow or clash with any of them.
var bodyNames = []string{
	"c", "g", "h", "t", "v", "s", "k", "d", "m", "r", "i", "x", "ok", "err", "reg", "child",
	"collectors", "vec", "series", "guards", "opts", "ch", "f", "values", "desc", "funcs", "name",
}

// unexport returns the unexported form of a Go name: its leading capitals lowered, keeping
// the last one of a run that starts a word ("HTTPMethod" -> "httpMethod", "URL" -> "url",
// "Method" -> "method").
func unexport(name string) string {
	r := []rune(name)
	n := 0
	for n < len(r) && unicode.IsUpper(r[n]) {
		n++
	}
	if n > 1 && n < len(r) && unicode.IsLower(r[n]) {
		n-- // the last capital starts the next word
	}
	for i := range n {
		r[i] = unicode.ToLower(r[i])
	}
	return string(r)
}

// names holds the identifiers of function bodies that the generated package derives from the
// spec: the labels' parameter names.
type names struct {
	params map[string]string // by label name: its parameter (and loop variable, guard field) name
}

// namesOf derives the parameter name of every label: its Go name unexported, with "Value"
// added until it shadows nothing the generated bodies use (nor ends in Slot, which the loop
// variables of constructors do: slotVar) (a keyword, a predeclared
// identifier, a local name, an import, a package-level name of this emitter, a method of a
// metric's type, where a guard field of that name would clash) and differs from every other
// label's: a metric may take any two labels.
func namesOf(s *model.Spec) *names {
	declared := goname.New(s.Go.Name, goname.Origin{})
	declare(s, declared)
	n := &names{params: map[string]string{}}
	used := map[string]bool{}
	for _, l := range s.Labels {
		p := unexport(l.GoName)
		for token.IsKeyword(p) || goname.Predeclared(p) || slices.Contains(bodyNames, p) ||
			len(s.Operations) > 0 && slices.Contains(operationBodyNames, p) ||
			slices.Contains(metricMethods, p) || declared.Declared(p) || used[p] || strings.HasSuffix(p, "Slot") ||
			isOTel(s) && (slices.Contains(otelBodyNames, p) || slices.Contains(otelMetricMethods, p)) {
			p += "Value"
		}
		used[p] = true
		n.params[l.Name] = p
	}
	return n
}

// metricMethods are the unexported methods of a shape's type.
var metricMethods = []string{"with"}

// The origin of the names the Go emitter declares by itself, not from a thing of the spec.
var metricsCode = goname.Origin{What: "the generated metrics code"}

// GoNames declares in r every identifier that Generate writes into the package of s:
// metrics.go, labels.go and metrics_runtime.go.
func GoNames(s *model.Spec, r *goname.Registry) {
	if s.Go == nil {
		return
	}
	declare(s, r)
}

// declare declares the identifiers of metrics.go, labels.go and metrics_runtime.go.
func declare(s *model.Spec, r *goname.Registry) {
	otel := isOTel(s)
	for _, in := range importNames {
		r.Import(in.name, metricsCode)
	}
	if otel {
		for _, in := range otelImportNames {
			r.Import(in.name, metricsCode)
		}
	}
	r.Type("Metrics", metricsCode)
	r.Func("New", metricsCode)
	r.Func("MustNew", metricsCode)
	if !otel {
		for _, m := range []string{"Describe", "Collect", "collectors"} {
			r.Method("Metrics", m, metricsCode)
		}
	}
	for _, l := range s.Labels {
		if !l.Enum() {
			continue
		}
		o := goname.Origin{What: fmt.Sprintf("label %q", l.Name), Pos: l.Pos}
		r.Type(l.GoName, o)
		r.Method(l.GoName, "String", o)
		if hasIndex(s, l) {
			r.Method(l.GoName, "index", o)
		}
		r.Func(parseFunc(l), o)
		if l.Other != nil {
			r.Func(ofFunc(l), o)
		}
		for _, v := range l.Values {
			r.Const(v.GoName, goname.Origin{What: fmt.Sprintf("value %q of label %q", v.Value, l.Name), Pos: v.Pos})
		}
		r.Const(countConst(l), o)
		r.Func(valuesFunc(l), o)
	}
	ss := shapesOf(s)
	for _, m := range s.Metrics {
		o := goname.Origin{What: fmt.Sprintf("metric %q", m.Key), Pos: m.Pos}
		r.Field("Metrics", m.GoName, o)
		r.Type(metricType(m), o)
	}
	for _, sh := range ss.all {
		if sh.unlabelled() {
			continue // a type of the runtime
		}
		// The shape is named after its first metric's labels: a clash is that metric's.
		var first *model.Metric
		for _, m := range s.Metrics {
			if ss.of[m] == sh {
				first = m
				break
			}
		}
		o := goname.Origin{What: fmt.Sprintf("metric %q", first.Key), Pos: first.Pos}
		r.Type(sh.name, o)
		r.Func(sh.constructor(), o)
		r.Field(sh.name, "series", o)
		if otel {
			_, field := sh.otelInstrument()
			r.Field(sh.name, field, o)
			switch {
			case sh.scrape:
				r.Field(sh.name, "funcs", o)
				r.Method(sh.name, "observe", o)
			case sh.typ == model.Gauge:
				r.Field(sh.name, "values", o)
				r.Method(sh.name, "observe", o)
			case sh.typ == model.Counter:
				r.Field(sh.name, "name", o)
			}
		} else if sh.scrape {
			r.Field(sh.name, "funcs", o)
		} else {
			r.Field(sh.name, "vec", o)
			if sh.typ == model.Counter {
				r.Field(sh.name, "name", o)
			}
		}
		for _, meth := range metricMethods {
			r.Method(sh.name, meth, o) // an enum-only shape has with when an operation records it
		}
		for _, meth := range sh.kindMethods() {
			r.Method(sh.name, meth, o)
		}
	}
	declareOperations(s, r)
	dir, files := runtimeFor(s, ss)
	declareRuntime(dir, files, r)
}

// countConst names the constant holding the number of values of enum label l.
func countConst(l *model.Label) string { return unexport(l.GoName) + "Count" }

// parseFunc names the function turning a string into a value of enum label l.
func parseFunc(l *model.Label) string { return "Parse" + l.GoName }

// ofFunc names the function turning a string into a value of enum label l, or its other
// value.
func ofFunc(l *model.Label) string { return l.GoName + "Of" }

// valuesFunc names the function listing the values of enum label l.
func valuesFunc(l *model.Label) string { return l.GoName + "Values" }

// kindName is the suffix of a metric's type: Counter, Gauge or Histogram.
func kindName(m *model.Metric) string {
	switch m.Type {
	case model.Counter:
		return "Counter"
	case model.Gauge:
		return "Gauge"
	default:
		return "Histogram"
	}
}

// metricType names the type of metric m (APIRequestsTotalCounter), an alias of its shape's.
func metricType(m *model.Metric) string { return m.GoName + kindName(m) }

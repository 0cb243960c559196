package golang

import (
	"fmt"
	"go/token"
	"slices"
	"unicode"

	"github.com/metricgen/metricgen/internal/goname"
	"github.com/metricgen/metricgen/internal/model"
)

// Import paths of the generated code; names registers their package names with jennifer so
// that imports read naturally.
const (
	promPath    = "github.com/prometheus/client_golang/prometheus"
	timePath    = "time"
	regexpPath  = "regexp"
	utf8Path    = "unicode/utf8"
	syncPath    = "sync"
	atomicPath  = "sync/atomic"
	mapsPath    = "maps"
	strconvPath = "strconv"
)

var importNames = []struct{ path, name string }{
	{promPath, "prometheus"}, {timePath, "time"}, {regexpPath, "regexp"}, {utf8Path, "utf8"},
	{syncPath, "sync"}, {atomicPath, "atomic"}, {mapsPath, "maps"}, {strconvPath, "strconv"},
}

// Identifiers the generated code uses inside function bodies, as receivers, locals or
// struct fields: a label's parameter must not shadow or clash with any of them.
var bodyNames = []string{
	"c", "g", "h", "t", "v", "s", "k", "d", "m", "r", "i", "x", "ok", "err", "reg", "child",
	"admitted", "collectors", "vec", "series", "read", "dirty", "misses", "mu",
}

// Package-level helpers of the generated code.
const (
	guardType    = "labelGuard"
	newGuardFunc = "newLabelGuard"
	cacheType    = "seriesCache"
)

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
// added until it shadows nothing the generated bodies use (a keyword, a predeclared
// identifier, a local name, an import, a package-level name of this emitter, a method of a
// metric's type, where a guard field of that name would clash) and differs from every other
// label's: a metric may take any two labels.
func namesOf(s *model.Spec) *names {
	declared := goname.New(s.Go.Name, goname.Origin{})
	declare(s, nil, declared)
	n := &names{params: map[string]string{}}
	used := map[string]bool{}
	for _, l := range s.Labels {
		p := unexport(l.GoName)
		for token.IsKeyword(p) || goname.Predeclared(p) || slices.Contains(bodyNames, p) ||
			slices.Contains(metricMethods, p) || declared.Declared(p) || used[p] {
			p += "Value"
		}
		used[p] = true
		n.params[l.Name] = p
	}
	return n
}

// metricMethods are the unexported methods of a metric's type.
var metricMethods = []string{"with", "create"}

// The origin of the names the Go emitter declares by itself, not from a thing of the spec.
var metricsCode = goname.Origin{What: "the generated metrics code"}

// GoNames declares in r every identifier that Generate writes into the package of s:
// metrics.go and labels.go.
func GoNames(s *model.Spec, r *goname.Registry) {
	if s.Go == nil {
		return
	}
	declare(s, namesOf(s), r)
}

// declare declares the identifiers of metrics.go and labels.go; without n (while the
// parameter names are being chosen), the guard fields named after them are left out.
func declare(s *model.Spec, n *names, r *goname.Registry) {
	g := &generator{s: s, names: n}
	for _, in := range importNames {
		r.Import(in.name, metricsCode)
	}
	r.Type("Metrics", metricsCode)
	r.Func("New", metricsCode)
	r.Func("MustNew", metricsCode)
	for _, m := range []string{"Describe", "Collect", "collectors"} {
		r.Method("Metrics", m, metricsCode)
	}
	for _, l := range s.Labels {
		if !l.Enum() {
			continue
		}
		o := goname.Origin{What: fmt.Sprintf("label %q", l.Name), Pos: l.Pos}
		r.Type(l.GoName, o)
		r.Method(l.GoName, "String", o)
		for _, v := range l.Values {
			r.Const(v.GoName, goname.Origin{What: fmt.Sprintf("value %q of label %q", v.Value, l.Name), Pos: v.Pos})
		}
		r.Const(countConst(l), o)
		r.Func(valuesFunc(l), o)
	}
	for _, m := range s.Metrics {
		o := goname.Origin{What: fmt.Sprintf("metric %q", m.Key), Pos: m.Pos}
		sh := g.shapeOf(m)
		typ := metricType(m)
		r.Field("Metrics", m.GoName, o)
		r.Type(typ, o)
		r.Func(constructor(m), o)
		if sh.unlabelled() {
			r.Field(typ, sh.field(), o)
		} else {
			r.Field(typ, "vec", o)
			r.Field(typ, "series", o)
		}
		if !sh.unlabelled() && !sh.enumOnly() {
			if n != nil {
				for _, l := range sh.free {
					r.Field(typ, g.param(l), o)
				}
			}
			for _, meth := range metricMethods {
				r.Method(typ, meth, o)
			}
		}
		for _, meth := range kindMethods(m) {
			r.Method(typ, meth, o)
		}
		if hasTimer(m) {
			r.Type(timerType(m), o)
			r.Field(timerType(m), "observer", o)
			r.Field(timerType(m), "start", o)
			r.Method(timerType(m), "ObserveDuration", o)
		}
	}
	if g.hasFreeForm() {
		r.Type(guardType, metricsCode)
		if g.hasPattern() {
			r.Field(guardType, "pattern", metricsCode)
		}
		for _, f := range []string{"limit", "mu", "seen"} {
			r.Field(guardType, f, metricsCode)
		}
		r.Method(guardType, "admit", metricsCode)
		r.Func(newGuardFunc, metricsCode)
		r.Type(cacheType, metricsCode)
		for _, f := range []string{"vec", "read", "mu", "dirty", "misses"} {
			r.Field(cacheType, f, metricsCode)
		}
		for _, meth := range []string{"load", "loadLocked", "storeLocked"} {
			r.Method(cacheType, meth, metricsCode)
		}
	}
}

// kindMethods are the exported methods of a metric's type.
func kindMethods(m *model.Metric) []string {
	switch m.Type {
	case model.Counter:
		return []string{"Inc", "Add"}
	case model.Gauge:
		return []string{"Set", "Inc", "Dec", "Add", "Sub", "SetToCurrentTime"}
	}
	if hasTimer(m) {
		return []string{"Observe", "Start"}
	}
	return []string{"Observe"}
}

// countConst names the constant holding the number of values of enum label l.
func countConst(l *model.Label) string { return unexport(l.GoName) + "Count" }

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

// metricType names the type of metric m (APIRequestsTotalCounter).
func metricType(m *model.Metric) string { return m.GoName + kindName(m) }

// constructor names the function creating metric m's type (newAPIRequestsTotalCounter).
func constructor(m *model.Metric) string { return "new" + metricType(m) }

// timerType names the timer of histogram m (APIDurationSecondsTimer).
func timerType(m *model.Metric) string { return m.GoName + "Timer" }

// hasTimer reports whether histogram m gets Start and a timer: it measures seconds, or its
// unit is not given. A timer on a histogram of bytes would record nonsense.
func hasTimer(m *model.Metric) bool {
	return m.Type == model.Histogram && (m.Unit == "" || m.Unit == "seconds")
}

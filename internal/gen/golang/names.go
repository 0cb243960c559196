package golang

import (
	"fmt"
	"go/token"
	"slices"
	"strings"
	"unicode"

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

// predeclared are Go's predeclared identifiers; a parameter may legally shadow them, but the
// generated bodies use several, so none is allowed.
var predeclared = []string{
	"any", "append", "bool", "byte", "cap", "clear", "close", "comparable", "complex",
	"complex128", "complex64", "copy", "delete", "error", "false", "float32", "float64", "imag",
	"int", "int16", "int32", "int64", "int8", "iota", "len", "make", "max", "min", "new", "nil",
	"panic", "print", "println", "real", "recover", "rune", "string", "true", "uint", "uint16",
	"uint32", "uint64", "uint8", "uintptr",
}

// Identifiers the redaction emitter (package internal/gen/redact) declares in the same
// generated package; see namesOf.
var redactNames = []string{"RedactAttr", "NewRedactingHandler", "Redactor", "NewRedactor"}

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

// names holds every identifier the generated package declares, derived once from the spec.
type names struct {
	params map[string]string // by label name: its parameter (and loop variable, guard field) name
}

// namesOf derives the identifiers of the generated package and reports a clash between two
// of them, or with the identifiers of the redaction code generated into the same package,
// as an error that names the spec entries involved.
func namesOf(s *model.Spec) (*names, error) {
	declared := map[string]string{} // identifier -> what declares it
	var clashes []string
	declare := func(id, what string) {
		if prev, ok := declared[id]; ok {
			clashes = append(clashes, fmt.Sprintf("%s and %s both declare %s", prev, what, id))
			return
		}
		declared[id] = what
		if s.Logging != nil && (slices.Contains(redactNames, id) || strings.HasPrefix(id, "redact")) {
			clashes = append(clashes, fmt.Sprintf("%s declares %s, which the redaction code of logging: uses", what, id))
		}
	}
	declare("Metrics", "the generated package")
	declare("New", "the generated package")
	declare("MustNew", "the generated package")
	declare(guardType, "the generated package")
	declare(newGuardFunc, "the generated package")
	declare(cacheType, "the generated package")
	for _, l := range s.Labels {
		if !l.Enum() {
			continue
		}
		what := fmt.Sprintf("label %q", l.Name)
		declare(l.GoName, what)
		declare(l.GoName+"Values", what)
		declare(countConst(l), what)
		for _, v := range l.Values {
			declare(v.GoName, fmt.Sprintf("label %q value %q", l.Name, v.Value))
		}
	}
	for _, m := range s.Metrics {
		what := fmt.Sprintf("metric %q", m.Key)
		if m.GoName == "Describe" || m.GoName == "Collect" {
			clashes = append(clashes, fmt.Sprintf("%s becomes the field Metrics.%s, which is a method of Metrics", what, m.GoName))
		}
		declare(metricType(m), what)
		declare(constructor(m), what)
		if hasTimer(m) {
			declare(timerType(m), what)
		}
	}
	if len(clashes) > 0 {
		return nil, fmt.Errorf("go: generated identifiers clash: %s; rename a label, value or metric", strings.Join(clashes, "; "))
	}

	n := &names{params: map[string]string{}}
	used := map[string]bool{} // parameters are unique too: a metric may take any two labels
	for _, l := range s.Labels {
		p := unexport(l.GoName)
		for token.IsKeyword(p) || slices.Contains(predeclared, p) || slices.Contains(bodyNames, p) ||
			isImportName(p) || declared[p] != "" || used[p] {
			p += "Value"
		}
		used[p] = true
		n.params[l.Name] = p
	}
	return n, nil
}

func isImportName(id string) bool {
	for _, in := range importNames {
		if in.name == id {
			return true
		}
	}
	return false
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

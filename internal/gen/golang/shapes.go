package golang

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/metricgen/metricgen/internal/model"
)

// shape is what the code of a metric depends on: its kind and its labels, in order. Metrics of
// one shape share one type, so that a spec of many metrics over a few label sets generates a
// few types: the metric's own type (APIRequestsTotalCounter) is an alias of its shape's
// (CounterByMethodEndpointStatus). A metric without labels has the shape of a type of the
// runtime (Counter, LazyGauge, GaugeFunc, ... in templates/gometrics).
type shape struct {
	name   string           // its type: CounterByMethodEndpointStatus, or the runtime's Counter
	kind   string           // see shapeKind
	typ    model.MetricType // of its metrics
	lazy   bool             // init: none with enum labels only (or none): each series made on first use
	scrape bool             // observe: scrape: a function per combination of label values
	labels []*model.Label   // parameter order
	enums  []*model.Label   // its enum labels, in parameter order
	free   []*model.Label   // its free-form labels, in parameter order
	recv   string           // receiver of its methods: c, g or h
}

func (sh *shape) unlabelled() bool { return len(sh.labels) == 0 }
func (sh *shape) enumOnly() bool   { return len(sh.labels) > 0 && len(sh.free) == 0 }

// timed reports whether the shape has Start and a Timer: histograms of durations.
func (sh *shape) timed() bool { return strings.HasSuffix(sh.kind, "DurationHistogram") }

// shapeKind is the kind of a metric's shape: Counter, Gauge, Histogram or DurationHistogram (a
// histogram in seconds, the only one with a Start timer: a timer on a histogram of bytes or of
// counts would record nonsense); Lazy before it for a metric whose series are made on first
// use (init: none, without free-form labels, whose series are always made on use); CounterFunc
// or GaugeFunc for a metric read at scrape time.
func shapeKind(m *model.Metric) string {
	var kind string
	switch {
	case m.Type == model.Counter:
		kind = "Counter"
	case m.Type == model.Gauge:
		kind = "Gauge"
	case m.Unit == "seconds":
		kind = "DurationHistogram"
	default:
		kind = "Histogram"
	}
	switch {
	case m.Scrape:
		return kind + "Func"
	case lazy(m):
		return "Lazy" + kind
	}
	return kind
}

// lazy reports whether m's series are made on first use by a Lazy shape: init: none, and no
// free-form label (whose series are made on use anyway).
func lazy(m *model.Metric) bool { return m.Init == model.InitNone && m.EnumOnly() && !m.Scrape }

// shapes are the shapes of a spec's metrics.
type shapes struct {
	all   []*shape // in the order of their first metric
	of    map[*model.Metric]*shape
	named map[string]bool
}

// shapesOf returns the shapes of s's metrics. A shape's type is named after its kind and the Go
// names of its labels; two shapes whose names would be equal ([a_b, c] and [a, b_c]) are told
// apart by a number, in the order of their first metric.
func shapesOf(s *model.Spec) *shapes {
	ss := &shapes{of: map[*model.Metric]*shape{}, named: map[string]bool{}}
	byKey := map[string]*shape{}
	for _, m := range s.Metrics {
		kind := shapeKind(m)
		key := kind + "\x00" + strings.Join(m.LabelNames(), "\x00")
		sh := byKey[key]
		if sh == nil {
			sh = &shape{kind: kind, typ: m.Type, labels: m.Labels, lazy: lazy(m), scrape: m.Scrape}
			sh.recv = map[model.MetricType]string{model.Counter: "c", model.Gauge: "g"}[m.Type]
			if sh.recv == "" {
				sh.recv = "h"
			}
			for _, l := range m.Labels {
				if l.Enum() {
					sh.enums = append(sh.enums, l)
				} else {
					sh.free = append(sh.free, l)
				}
			}
			sh.name = kind
			if len(m.Labels) > 0 {
				var b strings.Builder
				b.WriteString(kind + "By")
				for _, l := range m.Labels {
					b.WriteString(l.GoName)
				}
				sh.name = b.String()
				for i := 2; ss.named[sh.name]; i++ {
					sh.name = fmt.Sprintf("%s%d", b.String(), i)
				}
			}
			ss.named[sh.name] = true
			byKey[key] = sh
			ss.all = append(ss.all, sh)
		}
		ss.of[m] = sh
	}
	return ss
}

// constructor names the function creating a shape's type (newCounterByMethodEndpointStatus,
// newCounter).
func (sh *shape) constructor() string { return "new" + sh.name }

// child is the client_golang type of one series: prometheus.Counter, Gauge or Observer.
func (sh *shape) child() *jen.Statement {
	switch sh.typ {
	case model.Counter:
		return jen.Qual(promPath, "Counter")
	case model.Gauge:
		return jen.Qual(promPath, "Gauge")
	}
	return jen.Qual(promPath, "Observer")
}

// promKind is client_golang's name of the kind: Counter, Gauge or Histogram.
func (sh *shape) promKind() string {
	switch sh.typ {
	case model.Counter:
		return "Counter"
	case model.Gauge:
		return "Gauge"
	}
	return "Histogram"
}

// field is the field of a metric's type that holds its client_golang collector: the vector of
// a shape with labels, the metric itself in the runtime's types without, and the functions of
// a metric read at scrape time.
func (sh *shape) field() string {
	switch {
	case sh.scrape:
		return "funcs"
	case sh.unlabelled() && !sh.lazy:
		return strings.ToLower(sh.promKind())
	}
	return "vec"
}

// opts is the client_golang options type of the shape's metrics.
func (sh *shape) opts() *jen.Statement { return jen.Qual(promPath, sh.promKind()+"Opts") }

// key is the type of the series cache's keys: the free-form values as an array.
func (sh *shape) key() *jen.Statement { return jen.Index(jen.Lit(len(sh.free))).String() }

// freeSeries is the runtime's type finding the series of free-form values:
// freeSeries[[2]string, prometheus.Counter].
func (sh *shape) freeSeries() *jen.Statement {
	return jen.Id("freeSeries").Types(sh.key(), sh.child())
}

// kindMethods are the exported methods of a shape's type.
func (sh *shape) kindMethods() []string {
	switch {
	case sh.scrape:
		return []string{"Observe"}
	case sh.typ == model.Counter:
		return []string{"Inc", "Add"}
	case sh.typ == model.Gauge:
		return []string{"Set", "Inc", "Dec", "Add", "Sub", "SetToCurrentTime"}
	case sh.timed():
		return []string{"Observe", "Start"}
	}
	return []string{"Observe"}
}

// lazySeries is the runtime's type of one series made on first use:
// lazySeries[prometheus.Counter].
func (sh *shape) lazySeries() *jen.Statement {
	return jen.Id("lazySeries").Types(sh.child())
}

package golang

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/metricgen/metricgen/internal/model"
)

// metricsFile writes metrics.go: Metrics, New, MustNew, Metrics' Collector methods, then one
// type per metric.
func (g *generator) metricsFile(f *jen.File) {
	g.metricsStruct(f)
	g.newFunc(f)
	g.mustNewFunc(f)
	g.collectorMethods(f)
	for _, m := range g.s.Metrics {
		g.metric(f, g.shapeOf(m))
	}
}

// shape is a metric with what its code depends on: its kind and how its labels split.
type shape struct {
	m     *model.Metric
	recv  string         // receiver of its methods: c, g or h
	enums []*model.Label // its enum labels, in parameter order
	free  []*model.Label // its free-form labels, in parameter order
}

func (g *generator) shapeOf(m *model.Metric) *shape {
	sh := &shape{m: m, recv: map[model.MetricType]string{model.Counter: "c", model.Gauge: "g"}[m.Type]}
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
	return sh
}

func (sh *shape) unlabelled() bool { return len(sh.m.Labels) == 0 }
func (sh *shape) enumOnly() bool   { return len(sh.m.Labels) > 0 && len(sh.free) == 0 }

// child is the client_golang type of one series: prometheus.Counter, Gauge or Observer
// (Histogram for a metric without labels, which is not a vector's child).
func (sh *shape) child() *jen.Statement {
	switch sh.m.Type {
	case model.Counter:
		return jen.Qual(promPath, "Counter")
	case model.Gauge:
		return jen.Qual(promPath, "Gauge")
	}
	if sh.unlabelled() {
		return jen.Qual(promPath, "Histogram")
	}
	return jen.Qual(promPath, "Observer")
}

// field is the struct field holding a metric without labels, or the vector of one with.
func (sh *shape) field() string {
	if sh.unlabelled() {
		return strings.ToLower(kindName(sh.m))
	}
	return "vec"
}

// vec is the type of the metric's vector; curried is the type CurryWith returns for it.
func (sh *shape) vec() *jen.Statement {
	return jen.Op("*").Qual(promPath, kindName(sh.m)+"Vec")
}

func (sh *shape) curried() *jen.Statement {
	if sh.m.Type == model.Histogram {
		return jen.Qual(promPath, "ObserverVec")
	}
	return sh.vec()
}

// key is the type of the series cache's keys: the free-form values as an array.
func (sh *shape) key() *jen.Statement {
	return jen.Index(jen.Lit(len(sh.free))).String()
}

// cache is the instantiated series cache of a metric with free-form labels.
func (sh *shape) cache() *jen.Statement {
	return jen.Id(cacheType).Types(sh.curried(), sh.key(), sh.child())
}

// seriesOf says "the series of method, endpoint and status" in method docs ("the counter"
// for a metric without labels).
func (g *generator) seriesOf(sh *shape) string {
	if sh.unlabelled() {
		return "the " + strings.ToLower(kindName(sh.m))
	}
	return "the series of " + joinAnd(g.paramNames(sh))
}

// params are the label parameters of a metric's methods, consecutive ones of one type
// sharing it: (method Method, statusCode, errorCode string).
func (g *generator) params(sh *shape) []jen.Code {
	var ps []jen.Code
	for i, l := range sh.m.Labels {
		p := jen.Id(g.param(l))
		if i+1 == len(sh.m.Labels) || !sameType(l, sh.m.Labels[i+1]) {
			p.Add(paramType(l))
		}
		ps = append(ps, p)
	}
	return ps
}

func sameType(a, b *model.Label) bool {
	return a == b || !a.Enum() && !b.Enum()
}

func paramType(l *model.Label) *jen.Statement {
	if l.Enum() {
		return jen.Id(l.GoName)
	}
	return jen.String()
}

// args are the label parameters as arguments: (method, statusCode, errorCode).
func (g *generator) args(labels []*model.Label) []jen.Code {
	var as []jen.Code
	for _, l := range labels {
		as = append(as, jen.Id(g.param(l)))
	}
	return as
}

// metricsStruct writes the struct of all metrics:
//
//	// Metrics holds every metric of klaviyo-integration. ...
//	type Metrics struct {
//		// APIRequestsTotal records klaviyo_api_requests_total: Total Klaviyo API requests.
//		APIRequestsTotal *APIRequestsTotalCounter
//	}
func (g *generator) metricsStruct(f *jen.File) {
	f.Add(doc(fmt.Sprintf("Metrics holds every metric of %s. Create it with New or MustNew; its metrics are "+
		"safe for concurrent use.", g.s.Service)))
	f.Type().Id("Metrics").StructFunc(func(s *jen.Group) {
		for i, m := range g.s.Metrics {
			if i > 0 {
				s.Line()
			}
			paras := []string{fmt.Sprintf("%s records %s: %s", m.GoName, m.Name, sentence(m.Help))}
			if m.Deprecated != "" {
				paras = append(paras, "Deprecated: "+sentence(m.Deprecated))
			}
			s.Add(doc(paras...))
			s.Id(m.GoName).Op("*").Id(metricType(m))
		}
	})
	f.Line()
}

// newFunc writes New:
//
//	func New(reg prometheus.Registerer) (*Metrics, error) {
//		m := &Metrics{
//			APIRequestsTotal: newAPIRequestsTotalCounter(),
//		}
//		collectors := m.collectors()
//		for i, c := range collectors {
//			if err := reg.Register(c); err != nil {
//				for _, r := range collectors[:i] {
//					reg.Unregister(r)
//				}
//				return nil, err
//			}
//		}
//		return m, nil
//	}
func (g *generator) newFunc(f *jen.File) {
	f.Add(doc(
		"New creates the metrics and registers them with reg. Enum-only label sets are resolved here, "+
			"so every combination of their values is exported, with 0, from the first scrape.",
		"New registers every metric or none: when one cannot be registered, it unregisters those it "+
			"registered and returns reg's error unchanged. Registering twice thus returns a "+
			"prometheus.AlreadyRegisteredError, found by errors.As or a type assertion.",
	))
	f.Func().Id("New").Params(jen.Id("reg").Qual(promPath, "Registerer")).Params(jen.Op("*").Id("Metrics"), jen.Error()).Block(
		jen.Id("m").Op(":=").Op("&").Id("Metrics").Values(jen.DictFunc(func(d jen.Dict) {
			for _, m := range g.s.Metrics {
				d[jen.Id(m.GoName)] = jen.Id(constructor(m)).Call()
			}
		})),
		jen.Id("collectors").Op(":=").Id("m").Dot("collectors").Call(),
		jen.For(jen.List(jen.Id("i"), jen.Id("c")).Op(":=").Range().Id("collectors")).Block(
			jen.If(jen.Err().Op(":=").Id("reg").Dot("Register").Call(jen.Id("c")), jen.Err().Op("!=").Nil()).Block(
				jen.For(jen.List(jen.Id("_"), jen.Id("r")).Op(":=").Range().Id("collectors").Index(jen.Empty(), jen.Id("i"))).Block(
					jen.Id("reg").Dot("Unregister").Call(jen.Id("r")),
				),
				jen.Return(jen.Nil(), jen.Err()),
			),
		),
		jen.Return(jen.Id("m"), jen.Nil()),
	)
	f.Line()
}

// collectorMethods writes the prometheus.Collector methods of Metrics, and the list of its
// collectors that they and New use:
//
//	func (m *Metrics) Describe(ch chan<- *prometheus.Desc) {
//		for _, c := range m.collectors() {
//			c.Describe(ch)
//		}
//	}
//
//	func (m *Metrics) Collect(ch chan<- prometheus.Metric) { ... }
//
//	// collectors returns the client_golang collector of every metric.
//	func (m *Metrics) collectors() []prometheus.Collector {
//		return []prometheus.Collector{
//			m.APIRequestsTotal.vec,
//		}
//	}
func (g *generator) collectorMethods(f *jen.File) {
	each := func(method string) *jen.Statement {
		return jen.For(jen.List(jen.Id("_"), jen.Id("c")).Op(":=").Range().Id("m").Dot("collectors").Call()).Block(
			jen.Id("c").Dot(method).Call(jen.Id("ch")),
		)
	}
	f.Add(doc("Describe and Collect make Metrics a prometheus.Collector of all its metrics, for " +
		"testutil.CollectAndCompare in tests, or to expose them through another registry as well: New " +
		"registered them with its registerer already."))
	f.Func().Params(jen.Id("m").Op("*").Id("Metrics")).Id("Describe").
		Params(jen.Id("ch").Chan().Op("<-").Op("*").Qual(promPath, "Desc")).Block(each("Describe"))
	f.Line()
	f.Add(doc("Collect sends the current value of every series to ch; see Describe."))
	f.Func().Params(jen.Id("m").Op("*").Id("Metrics")).Id("Collect").
		Params(jen.Id("ch").Chan().Op("<-").Qual(promPath, "Metric")).Block(each("Collect"))
	f.Line()
	f.Add(doc("collectors returns the client_golang collector of every metric."))
	f.Func().Params(jen.Id("m").Op("*").Id("Metrics")).Id("collectors").Params().Index().Qual(promPath, "Collector").Block(
		jen.Return(jen.Index().Qual(promPath, "Collector").ValuesFunc(func(vs *jen.Group) {
			for _, m := range g.s.Metrics {
				vs.Line().Id("m").Dot(m.GoName).Dot(g.shapeOf(m).field())
			}
			vs.Line()
		})),
	)
	f.Line()
}

// mustNewFunc writes MustNew:
//
//	func MustNew(reg prometheus.Registerer) *Metrics {
//		m, err := New(reg)
//		if err != nil {
//			panic(err)
//		}
//		return m
//	}
func (g *generator) mustNewFunc(f *jen.File) {
	f.Add(doc("MustNew is like New but panics when the metrics cannot be registered."))
	f.Func().Id("MustNew").Params(jen.Id("reg").Qual(promPath, "Registerer")).Op("*").Id("Metrics").Block(
		jen.List(jen.Id("m"), jen.Err()).Op(":=").Id("New").Call(jen.Id("reg")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Panic(jen.Err())),
		jen.Return(jen.Id("m")),
	)
	f.Line()
}

// metric writes the type of one metric, its constructor, its series lookup and its methods.
func (g *generator) metric(f *jen.File, sh *shape) {
	g.metricType(f, sh)
	g.metricConstructor(f, sh)
	switch {
	case sh.unlabelled():
	case sh.enumOnly():
	default:
		g.freeWith(f, sh)
		g.freeCreate(f, sh)
	}
	switch sh.m.Type {
	case model.Counter:
		g.counterMethods(f, sh)
	case model.Gauge:
		g.gaugeMethods(f, sh)
	case model.Histogram:
		g.histogramMethods(f, sh)
	}
}

// metricDoc is the doc comment of a metric's type: help, labels, unit, buckets, deprecation.
func (g *generator) metricDoc(sh *shape) []string {
	m := sh.m
	paras := []string{fmt.Sprintf("%s records the %s %s: %s", metricType(m), m.Type, m.Name, sentence(m.Help))}
	if len(m.Labels) > 0 {
		items := []string{"Labels, in parameter order:"}
		for _, l := range m.Labels {
			items = append(items, "  - "+labelDoc(l))
		}
		paras = append(paras, strings.Join(items, "\n"))
		if sh.enumOnly() {
			paras = append(paras, "Every combination of the labels' values is exported from the first scrape, with 0.")
		}
	}
	var facts []string
	if m.Unit != "" {
		facts = append(facts, fmt.Sprintf("Unit: %s.", m.Unit))
	}
	if m.Type == model.Histogram {
		if len(m.Buckets) > 0 {
			bs := make([]string, len(m.Buckets))
			for i, b := range m.Buckets {
				bs[i] = formatFloat(b)
			}
			facts = append(facts, fmt.Sprintf("Buckets: %s.", strings.Join(bs, ", ")))
		}
		if n := m.Native; n != nil {
			native := fmt.Sprintf("Native histogram alongside the classic buckets: bucket factor %s", formatFloat(n.BucketFactor))
			if len(m.Buckets) == 0 {
				native = fmt.Sprintf("A native histogram only, without classic buckets: bucket factor %s", formatFloat(n.BucketFactor))
			}
			if n.MaxBuckets > 0 {
				native += fmt.Sprintf(", at most %d buckets", n.MaxBuckets)
			}
			if !n.MinResetDuration.IsZero() {
				native += fmt.Sprintf(", reset at most every %s", n.MinResetDuration)
			}
			facts = append(facts, native+".")
		}
	}
	if len(facts) > 0 {
		paras = append(paras, strings.Join(facts, " "))
	}
	if m.Deprecated != "" {
		paras = append(paras, "Deprecated: "+sentence(m.Deprecated))
	}
	return paras
}

// labelDoc describes one label for a metric's doc: its help, then its values or its guard.
//
//	method: HTTP method of the API call. One of GET, POST.
//	error_code: free-form; a value that is not valid UTF-8 is recorded as "invalid"; after 30
//	distinct values, new ones are recorded as "other".
func labelDoc(l *model.Label) string {
	var what string
	if l.Enum() {
		vs := make([]string, len(l.Values))
		for i, v := range l.Values {
			vs[i] = v.Value
		}
		what = "one of " + strings.Join(vs, ", ") + "."
	} else {
		what = fmt.Sprintf("free-form; a value that is not valid UTF-8 is recorded as %q", invalidValue)
		if l.Pattern != "" {
			what = fmt.Sprintf("free-form; a value that does not match %s, or is not valid UTF-8, is recorded as %q", l.Pattern, invalidValue)
		}
		if l.MaxValues > 0 {
			what += fmt.Sprintf("; after %d distinct values, new ones are recorded as %q.", l.MaxValues, otherValue)
		} else {
			what += "; its values are not bounded."
		}
	}
	if l.Help == "" {
		return l.Name + ": " + what
	}
	return l.Name + ": " + sentence(l.Help) + " " + strings.ToUpper(what[:1]) + what[1:]
}

// metricType writes the struct of a metric; for api_errors_total{endpoint, status_code}:
//
//	type APIErrorsTotalCounter struct {
//		vec        *prometheus.CounterVec
//		series     [endpointCount]seriesCache[*prometheus.CounterVec, [1]string, prometheus.Counter]
//		statusCode *labelGuard
//	}
//
// An enum-only metric holds [methodCount][statusCount]prometheus.Counter instead, one without
// labels just its prometheus.Counter.
func (g *generator) metricType(f *jen.File, sh *shape) {
	f.Add(doc(g.metricDoc(sh)...))
	f.Type().Id(metricType(sh.m)).StructFunc(func(s *jen.Group) {
		if sh.unlabelled() {
			s.Id(sh.field()).Add(sh.child())
			return
		}
		s.Id("vec").Add(sh.vec())
		series := s.Id("series")
		for _, l := range sh.enums {
			series.Index(jen.Id(countConst(l)))
		}
		if sh.enumOnly() {
			series.Add(sh.child())
			return
		}
		series.Add(sh.cache())
		for _, l := range sh.free {
			s.Id(g.param(l)).Op("*").Id(guardType)
		}
	})
	f.Line()
}

// opts writes the client_golang options of a metric:
//
//	prometheus.HistogramOpts{
//		Name:                        "klaviyo_api_duration_seconds",
//		Help:                        "Klaviyo API request duration", // "(Deprecated) ..." when deprecated
//		Buckets:                     []float64{0.05, 0.1}, // none for a native-only histogram
//		NativeHistogramBucketFactor: 1.1,
//	}
func (g *generator) opts(sh *shape) *jen.Statement {
	m := sh.m
	fields := []jen.Code{
		jen.Line().Id("Name").Op(":").Lit(m.Name),
		jen.Line().Id("Help").Op(":").Lit(m.ExposedHelp()),
	}
	if m.Type == model.Histogram && len(m.Buckets) > 0 {
		fields = append(fields, jen.Line().Id("Buckets").Op(":").Index().Float64().ValuesFunc(func(vs *jen.Group) {
			for _, b := range m.Buckets {
				vs.Op(formatFloat(b)) // as the spec writes it: 1, not 1.0
			}
		}))
	}
	if m.Type == model.Histogram {
		if n := m.Native; n != nil {
			fields = append(fields, jen.Line().Id("NativeHistogramBucketFactor").Op(":").Lit(n.BucketFactor))
			if n.MaxBuckets > 0 {
				fields = append(fields, jen.Line().Id("NativeHistogramMaxBucketNumber").Op(":").Lit(int(n.MaxBuckets)))
			}
			if d := n.MinResetDuration; !d.IsZero() {
				fields = append(fields, jen.Line().Id("NativeHistogramMinResetDuration").Op(":").Add(durationCode(d.Std())))
			}
		}
	}
	fields = append(fields, jen.Line())
	return jen.Qual(promPath, kindName(m)+"Opts").Values(fields...)
}

// metricConstructor writes the constructor New calls; for an enum-only counter:
//
//	// newAPIRequestsTotalCounter creates klaviyo_api_requests_total with every series.
//	func newAPIRequestsTotalCounter() *APIRequestsTotalCounter {
//		c := &APIRequestsTotalCounter{vec: prometheus.NewCounterVec(prometheus.CounterOpts{
//			...
//		}, []string{"method", "status"})}
//		for _, method := range MethodValues() {
//			for _, status := range StatusValues() {
//				c.series[method][status] = c.vec.WithLabelValues(method.String(), status.String())
//			}
//		}
//		return c
//	}
//
// A mixed metric curries its vector per combination of enum values instead
// (c.series[endpoint].vec = c.vec.MustCurryWith(prometheus.Labels{"endpoint": endpoint.String()}))
// and gets a guard per free-form label (statusCode: newLabelGuard(`^[1-5][0-9][0-9]$`, 60)).
func (g *generator) metricConstructor(f *jen.File, sh *shape) {
	m, r := sh.m, sh.recv
	typ := metricType(m)
	var what string
	switch {
	case sh.unlabelled():
		what = fmt.Sprintf("%s creates %s.", constructor(m), m.Name)
	case sh.enumOnly():
		what = fmt.Sprintf("%s creates %s with all its series.", constructor(m), m.Name)
	case len(sh.enums) > 0:
		what = fmt.Sprintf("%s creates %s and curries it with every combination of enum values.", constructor(m), m.Name)
	default:
		what = fmt.Sprintf("%s creates %s and the guards of its labels.", constructor(m), m.Name)
	}
	f.Add(doc(what))
	f.Func().Id(constructor(m)).Params().Op("*").Id(typ).BlockFunc(func(b *jen.Group) {
		if sh.unlabelled() {
			b.Return(jen.Op("&").Id(typ).Values(jen.Id(sh.field()).Op(":").Qual(promPath, "New"+kindName(m)).Call(g.opts(sh))))
			return
		}
		vec := jen.Qual(promPath, "New"+kindName(m)+"Vec").Call(
			g.opts(sh),
			jen.Index().String().ValuesFunc(func(vs *jen.Group) {
				for _, l := range m.Labels {
					vs.Lit(l.Name)
				}
			}),
		)
		fields := []jen.Code{jen.Id("vec").Op(":").Add(vec)}
		for _, l := range sh.free {
			guard := []jen.Code{jen.Lit(l.MaxValues)}
			if g.hasPattern() {
				pattern := jen.Lit(l.Pattern)
				if l.Pattern != "" && !strings.Contains(l.Pattern, "`") {
					pattern = jen.Op("`" + l.Pattern + "`") // read as written in the spec
				}
				guard = append([]jen.Code{pattern}, guard...)
			}
			fields = append(fields, jen.Line().Id(g.param(l)).Op(":").Id(newGuardFunc).Call(guard...))
		}
		if len(fields) > 1 {
			fields[0] = jen.Line().Add(fields[0])
			fields = append(fields, jen.Line())
		}
		b.Id(r).Op(":=").Op("&").Id(typ).Values(fields...)

		series := jen.Id(r).Dot("series")
		for _, l := range sh.enums {
			series.Index(jen.Id(g.param(l)))
		}
		var inner jen.Code
		switch {
		case sh.enumOnly():
			var values []jen.Code
			for _, l := range m.Labels {
				values = append(values, jen.Id(g.param(l)).Dot("String").Call())
			}
			inner = series.Op("=").Id(r).Dot("vec").Dot("WithLabelValues").Call(values...)
		case len(sh.enums) > 0:
			inner = series.Dot("vec").Op("=").Id(r).Dot("vec").Dot("MustCurryWith").Call(
				jen.Qual(promPath, "Labels").Values(jen.DictFunc(func(d jen.Dict) {
					for _, l := range sh.enums {
						d[jen.Lit(l.Name)] = jen.Id(g.param(l)).Dot("String").Call()
					}
				})),
			)
		default:
			inner = series.Dot("vec").Op("=").Id(r).Dot("vec")
		}
		for i := len(sh.enums) - 1; i >= 0; i-- {
			l := sh.enums[i]
			inner = jen.For(jen.List(jen.Id("_"), jen.Id(g.param(l))).Op(":=").Range().Id(valuesFunc(l)).Call()).Block(inner)
		}
		b.Add(inner)
		b.Return(jen.Id(r))
	})
	f.Line()
}

// freeWith writes the lookup of a metric with free-form labels: an index for the enum values,
// then the lock-free cache for the free-form ones.
//
//	// with returns the series of endpoint and statusCode.
//	func (c *APIErrorsTotalCounter) with(endpoint Endpoint, statusCode string) prometheus.Counter {
//		s := &c.series[min(endpoint, endpointCount-1)]
//		if child, ok := s.load([1]string{statusCode}); ok {
//			return child
//		}
//		return c.create(s, statusCode)
//	}
func (g *generator) freeWith(f *jen.File, sh *shape) {
	r := sh.recv
	series := jen.Id(r).Dot("series")
	for _, l := range sh.enums {
		series.Index(g.index(l))
	}
	f.Add(doc(fmt.Sprintf("with returns %s.", g.seriesOf(sh))))
	f.Func().Params(jen.Id(r).Op("*").Id(metricType(sh.m))).Id("with").Params(g.params(sh)...).Add(sh.child()).Block(
		jen.Id("s").Op(":=").Op("&").Add(series),
		jen.If(
			jen.List(jen.Id("child"), jen.Id("ok")).Op(":=").Id("s").Dot("load").Call(sh.key().Values(g.args(sh.free)...)),
			jen.Id("ok"),
		).Block(jen.Return(jen.Id("child"))),
		jen.Return(jen.Id(r).Dot("create").Call(append([]jen.Code{jen.Id("s")}, g.args(sh.free)...)...)),
	)
	f.Line()
}

// freeCreate writes the slow path of a metric with free-form labels:
//
//	// create returns the series of statusCode in s, creating it. ...
//	func (c *APIErrorsTotalCounter) create(s *seriesCache[...], statusCode string) prometheus.Counter {
//		s.mu.Lock()
//		defer s.mu.Unlock()
//		k := [1]string{statusCode}
//		if child, ok := s.loadLocked(k); ok {
//			return child
//		}
//		admitted := [1]string{c.statusCode.admit(statusCode)}
//		child := s.vec.WithLabelValues(admitted[0])
//		if admitted == k {
//			s.storeLocked(k, child)
//		}
//		return child
//	}
func (g *generator) freeCreate(f *jen.File, sh *shape) {
	r := sh.recv
	var ps, admits, values []jen.Code
	for i, l := range sh.free {
		p := jen.Id(g.param(l))
		if i == len(sh.free)-1 {
			p.String()
		}
		ps = append(ps, p)
		admits = append(admits, jen.Id(r).Dot(g.param(l)).Dot("admit").Call(jen.Id(g.param(l))))
		values = append(values, jen.Id("admitted").Index(jen.Lit(i)))
	}
	var free []string
	for _, l := range sh.free {
		free = append(free, g.param(l))
	}
	f.Add(doc(fmt.Sprintf("create returns the series of %s in s, creating it. The series is stored only when "+
		"every value was admitted as it is, so values recorded as %q or %q take this path each time "+
		"but cannot grow the cache.", joinAnd(free), invalidValue, otherValue)))
	f.Func().Params(jen.Id(r).Op("*").Id(metricType(sh.m))).Id("create").
		Params(append([]jen.Code{jen.Id("s").Op("*").Add(sh.cache())}, ps...)...).Add(sh.child()).Block(
		jen.Id("s").Dot("mu").Dot("Lock").Call(),
		jen.Defer().Id("s").Dot("mu").Dot("Unlock").Call(),
		jen.Id("k").Op(":=").Add(sh.key()).Values(g.args(sh.free)...),
		jen.If(
			jen.List(jen.Id("child"), jen.Id("ok")).Op(":=").Id("s").Dot("loadLocked").Call(jen.Id("k")),
			jen.Id("ok"),
		).Block(jen.Return(jen.Id("child"))),
		jen.Id("admitted").Op(":=").Add(sh.key()).Values(admits...),
		jen.Id("child").Op(":=").Id("s").Dot("vec").Dot("WithLabelValues").Call(values...),
		jen.If(jen.Id("admitted").Op("==").Id("k")).Block(
			jen.Id("s").Dot("storeLocked").Call(jen.Id("k"), jen.Id("child")),
		),
		jen.Return(jen.Id("child")),
	)
	f.Line()
}

// series is the expression of a metric's series in its methods: an array index for enum-only
// labels, the lookup of with when there are free-form ones, the field of a metric without labels:
//
//	c.series[min(method, methodCount-1)][min(status, statusCount-1)]
//	c.with(endpoint, statusCode)
//	c.counter
func (g *generator) series(sh *shape) *jen.Statement {
	switch {
	case sh.unlabelled():
		return jen.Id(sh.recv).Dot(sh.field())
	case sh.enumOnly():
		s := jen.Id(sh.recv).Dot("series")
		for _, l := range sh.enums {
			s.Index(g.index(l))
		}
		return s
	}
	return jen.Id(sh.recv).Dot("with").Call(g.args(sh.m.Labels)...)
}

// method writes one method of a metric that calls the same method of its series:
//
//	// Inc adds 1 to the series of method and status.
//	func (c *APIRequestsTotalCounter) Inc(method Method, status Status) {
//		c.series[min(method, methodCount-1)][min(status, statusCount-1)].Inc()
//	}
func (g *generator) method(f *jen.File, sh *shape, name, text string, value bool) {
	params := g.params(sh)
	var args []jen.Code
	if value {
		params = append([]jen.Code{jen.Id("v").Float64()}, params...)
		args = []jen.Code{jen.Id("v")}
	}
	f.Add(doc(text))
	f.Func().Params(jen.Id(sh.recv).Op("*").Id(metricType(sh.m))).Id(name).Params(params...).Block(
		g.series(sh).Dot(name).Call(args...),
	)
	f.Line()
}

// counterMethods writes Inc and Add; Add ignores what would make client_golang panic:
//
//	// Add adds v to the series of method and status. ...
//	func (c *APIRequestsTotalCounter) Add(v float64, method Method, status Status) {
//		if v >= 0 {
//			c.series[min(method, methodCount-1)][min(status, statusCount-1)].Add(v)
//		}
//	}
func (g *generator) counterMethods(f *jen.File, sh *shape) {
	of := g.seriesOf(sh)
	g.method(f, sh, "Inc", fmt.Sprintf("Inc adds 1 to %s.", of), false)
	f.Add(doc(fmt.Sprintf("Add adds v to %s. It ignores a negative v, and NaN: a counter never goes down "+
		"(client_golang would panic).", of)))
	f.Func().Params(jen.Id(sh.recv).Op("*").Id(metricType(sh.m))).Id("Add").
		Params(append([]jen.Code{jen.Id("v").Float64()}, g.params(sh)...)...).Block(
		jen.If(jen.Id("v").Op(">=").Lit(0)).Block(g.series(sh).Dot("Add").Call(jen.Id("v"))),
	)
	f.Line()
}

// gaugeMethods writes Set, Inc, Dec, Add, Sub and SetToCurrentTime, each calling the same
// method of the series (see method).
func (g *generator) gaugeMethods(f *jen.File, sh *shape) {
	of := g.seriesOf(sh)
	g.method(f, sh, "Set", fmt.Sprintf("Set sets %s to v.", of), true)
	g.method(f, sh, "Inc", fmt.Sprintf("Inc adds 1 to %s.", of), false)
	g.method(f, sh, "Dec", fmt.Sprintf("Dec subtracts 1 from %s.", of), false)
	g.method(f, sh, "Add", fmt.Sprintf("Add adds v to %s.", of), true)
	g.method(f, sh, "Sub", fmt.Sprintf("Sub subtracts v from %s.", of), true)
	g.method(f, sh, "SetToCurrentTime", fmt.Sprintf("SetToCurrentTime sets %s to the current Unix time in seconds.", of), false)
}

// histogramMethods writes Observe, and Start with its timer type when the histogram measures
// seconds:
//
//	// Start starts timing an operation of method; ObserveDuration of the returned timer records
//	// it. In one line: defer m.APIDurationSeconds.Start(method).ObserveDuration().
//	func (h *APIDurationSecondsHistogram) Start(method Method) APIDurationSecondsTimer {
//		return APIDurationSecondsTimer{observer: h.series[min(method, methodCount-1)], start: time.Now()}
//	}
//
//	// APIDurationSecondsTimer times one operation for APIDurationSecondsHistogram.Start. ...
//	type APIDurationSecondsTimer struct {
//		observer prometheus.Observer
//		start    time.Time
//	}
//
//	func (t APIDurationSecondsTimer) ObserveDuration() time.Duration {
//		if t.observer == nil {
//			return 0
//		}
//		d := time.Since(t.start)
//		t.observer.Observe(d.Seconds())
//		return d
//	}
func (g *generator) histogramMethods(f *jen.File, sh *shape) {
	m := sh.m
	of := g.seriesOf(sh)
	g.method(f, sh, "Observe", fmt.Sprintf("Observe records v in %s.", of), true)
	if !hasTimer(m) {
		return
	}
	timer := timerType(m)
	operation := "an operation"
	if !sh.unlabelled() {
		operation += " of " + joinAnd(g.paramNames(sh))
	}
	f.Add(doc(
		fmt.Sprintf("Start starts timing %s; ObserveDuration of the returned timer records it:", operation),
		fmt.Sprintf("\tdefer m.%s.Start(%s).ObserveDuration()", m.GoName, strings.Join(g.paramNames(sh), ", ")),
	))
	f.Func().Params(jen.Id(sh.recv).Op("*").Id(metricType(m))).Id("Start").Params(g.params(sh)...).Id(timer).Block(
		jen.Return(jen.Id(timer).Values(jen.Dict{
			jen.Id("observer"): g.series(sh),
			jen.Id("start"):    jen.Qual(timePath, "Now").Call(),
		})),
	)
	f.Line()

	f.Add(doc(fmt.Sprintf("%s times one operation for %s.Start. It is a value: starting and stopping a "+
		"timer allocates nothing.", timer, metricType(m))))
	f.Type().Id(timer).Struct(
		jen.Id("observer").Qual(promPath, "Observer"),
		jen.Id("start").Qual(timePath, "Time"),
	)
	f.Line()

	f.Add(doc(fmt.Sprintf("ObserveDuration records the time elapsed since Start, in seconds, and returns it. "+
		"The zero %s records nothing and returns 0.", timer)))
	f.Func().Params(jen.Id("t").Id(timer)).Id("ObserveDuration").Params().Qual(timePath, "Duration").Block(
		jen.If(jen.Id("t").Dot("observer").Op("==").Nil()).Block(jen.Return(jen.Lit(0))),
		jen.Id("d").Op(":=").Qual(timePath, "Since").Call(jen.Id("t").Dot("start")),
		jen.Id("t").Dot("observer").Dot("Observe").Call(jen.Id("d").Dot("Seconds").Call()),
		jen.Return(jen.Id("d")),
	)
	f.Line()
}

// paramNames are the names of a metric's label parameters, in order.
func (g *generator) paramNames(sh *shape) []string {
	var ps []string
	for _, l := range sh.m.Labels {
		ps = append(ps, g.param(l))
	}
	return ps
}

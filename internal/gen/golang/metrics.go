package golang

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/metricgen/metricgen/internal/gen"
	"github.com/metricgen/metricgen/internal/model"
)

// metricsFile writes metrics.go: Metrics, New, MustNew, Metrics' Collector methods, one alias
// type per metric, then one type per shape (see shape).
//
// With the otel backend, New and MustNew take a metric.MeterProvider, there are no Collector
// methods, and the shapes record through the OpenTelemetry metrics API (otel.go).
func (g *generator) metricsFile(f *jen.File) {
	otel := isOTel(g.s)
	g.metricsStruct(f)
	if otel {
		g.otelNewFunc(f)
		g.otelMustNewFunc(f)
	} else {
		g.newFunc(f)
		g.mustNewFunc(f)
		g.collectorMethods(f)
	}
	for _, m := range g.s.Metrics {
		g.metricAlias(f, m)
	}
	for _, sh := range g.shapes.all {
		switch {
		case sh.unlabelled():
		case otel:
			g.otelShapeType(f, sh)
		default:
			g.shapeType(f, sh)
		}
	}
}

// params are the label parameters of a shape's methods, consecutive ones of one type sharing
// it: (method Method, statusCode, errorCode string).
func (g *generator) params(labels []*model.Label) []jen.Code {
	var ps []jen.Code
	for i, l := range labels {
		p := jen.Id(g.param(l))
		if i+1 == len(labels) || !sameType(l, labels[i+1]) {
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

// paramNames are the names of the parameters of labels, in order.
func (g *generator) paramNames(labels []*model.Label) []string {
	var ps []string
	for _, l := range labels {
		ps = append(ps, g.param(l))
	}
	return ps
}

// seriesOf says "the series of method, endpoint and status" in method docs ("the counter"
// for a metric without labels).
func (g *generator) seriesOf(sh *shape) string {
	if sh.unlabelled() {
		return "the " + strings.ToLower(sh.promKind())
	}
	return "the series of " + gen.JoinAnd(g.paramNames(sh.labels))
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
		if len(g.s.Operations) > 0 {
			s.Line()
			s.Id(stateField).Id(stateType)
		}
	})
	f.Line()
}

// newFunc writes New, which creates each metric with its shape's constructor and its options:
//
//	func New(reg prometheus.Registerer) (*Metrics, error) {
//		m := &Metrics{
//			APIRequestsTotal: newCounterByMethodEndpointStatus(prometheus.CounterOpts{
//				Name: "klaviyo_api_requests_total",
//				Help: "Total Klaviyo API requests",
//			}),
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
		"New creates the metrics and registers them with reg. The series of a metric with init: all (counters' and "+
			"histograms' default) are made here: every combination of its enum labels' values is exported, with 0, "+
			"from the first scrape. Other series appear once a value is recorded for them, or, for a metric read at "+
			"scrape time, once a function is registered for them.",
		"New registers every metric or none: when one cannot be registered, it unregisters those it "+
			"registered and returns reg's error unchanged. Registering twice thus returns a "+
			"prometheus.AlreadyRegisteredError, found by errors.As or a type assertion.",
	))
	f.Func().Id("New").Params(g.newParams()...).Params(jen.Op("*").Id("Metrics"), jen.Error()).BlockFunc(func(b *jen.Group) {
		b.Id("m").Op(":=").Op("&").Id("Metrics").Values(jen.DictFunc(func(d jen.Dict) {
			for _, m := range g.s.Metrics {
				sh := g.shapes.of[m]
				d[jen.Id(m.GoName)] = jen.Id(sh.constructor()).Call(g.opts(sh, m))
			}
		}))
		if len(g.s.Operations) > 0 {
			b.Id("m").Dot(initMethod).Call(jen.Id("opts"))
		}
		b.Id("collectors").Op(":=").Id("m").Dot("collectors").Call()
		b.For(jen.List(jen.Id("i"), jen.Id("c")).Op(":=").Range().Id("collectors")).Block(
			jen.If(jen.Err().Op(":=").Id("reg").Dot("Register").Call(jen.Id("c")), jen.Err().Op("!=").Nil()).Block(
				jen.For(jen.List(jen.Id("_"), jen.Id("r")).Op(":=").Range().Id("collectors").Index(jen.Empty(), jen.Id("i"))).Block(
					jen.Id("reg").Dot("Unregister").Call(jen.Id("r")),
				),
				jen.Return(jen.Nil(), jen.Err()),
			),
		)
		b.Return(jen.Id("m"), jen.Nil())
	})
	f.Line()
}

// newParams are the parameters of New and MustNew: the registerer, and the options when the
// spec has operations.
func (g *generator) newParams() []jen.Code {
	ps := []jen.Code{jen.Id("reg").Qual(promPath, "Registerer")}
	if len(g.s.Operations) > 0 {
		ps = append(ps, jen.Id("opts").Op("...").Id(optionType))
	}
	return ps
}

// opsUse reports whether an operation records a metric of shape sh.
func (g *generator) opsUse(sh *shape) bool {
	for _, o := range g.s.Operations {
		for _, m := range o.Metrics() {
			if g.shapes.of[m] == sh {
				return true
			}
		}
	}
	return false
}

// enumWith writes the series accessor of an enum-only shape that an operation records:
//
//	// with returns the series of method and status.
//	func (c *CounterByMethodStatus) with(method Method, status Status) prometheus.Counter {
//		return c.series[min(method, methodCount-1)][min(status, statusCount-1)]
//	}
func (g *generator) enumWith(f *jen.File, sh *shape) {
	f.Add(doc(fmt.Sprintf("with returns %s.", g.seriesOf(sh))))
	f.Func().Params(jen.Id(sh.recv).Op("*").Id(sh.name)).Id("with").Params(g.params(sh.labels)...).Add(sh.child()).Block(
		jen.Return(g.series(sh)),
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
	args := []jen.Code{jen.Id("reg")}
	if len(g.s.Operations) > 0 {
		args = append(args, jen.Id("opts").Op("..."))
	}
	f.Func().Id("MustNew").Params(g.newParams()...).Op("*").Id("Metrics").Block(
		jen.List(jen.Id("m"), jen.Err()).Op(":=").Id("New").Call(args...),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Panic(jen.Err())),
		jen.Return(jen.Id("m")),
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
//			m.JobsProcessedTotal.counter,
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
				vs.Line().Id("m").Dot(m.GoName).Dot(g.shapes.of[m].field())
			}
			vs.Line()
		})),
	)
	f.Line()
}

// opts writes the client_golang options of metric m:
//
//	prometheus.HistogramOpts{
//		Name:                        "klaviyo_api_duration_seconds",
//		Help:                        "Klaviyo API request duration", // "(Deprecated) ..." when deprecated
//		Buckets:                     []float64{0.05, 0.1}, // none for a native-only histogram
//		NativeHistogramBucketFactor: 1.1,
//	}
func (g *generator) opts(sh *shape, m *model.Metric) *jen.Statement {
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
	return sh.opts().Values(fields...)
}

// metricAlias writes the type of one metric, an alias of its shape's, with the metric's doc:
//
//	// APIDurationSecondsHistogram records the histogram klaviyo_api_duration_seconds: Klaviyo
//	// API request duration.
//	//
//	// Unit: seconds. Buckets: 0.05, 0.1, 0.25.
//	type APIDurationSecondsHistogram = DurationHistogramByMethodEndpoint
func (g *generator) metricAlias(f *jen.File, m *model.Metric) {
	sh := g.shapes.of[m]
	paras := []string{fmt.Sprintf("%s records the %s %s: %s", metricType(m), m.Type, m.Name, sentence(m.Help))}
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
	if o := m.OTel; o != nil && isOTel(g.s) {
		text := "OpenTelemetry: a " + o.Instrument
		if o.Unit != "" {
			text += " of unit " + o.Unit
		}
		if o.Exposed != m.Name {
			text += "; OpenTelemetry's Prometheus exporter exposes it as " + o.Exposed + ", not " + m.Name
		}
		if m.Type == model.Histogram && m.Native != nil {
			text += "; for a native histogram, give the MeterProvider a view with Base2ExponentialHistogram aggregation for it"
		}
		paras = append(paras, text+".")
	}
	if m.Deprecated != "" {
		paras = append(paras, "Deprecated: "+sentence(m.Deprecated))
	}
	f.Add(doc(paras...))
	f.Type().Id(metricType(m)).Op("=").Id(sh.name)
	f.Line()
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
		if l.Other != nil {
			what = "one of " + strings.Join(vs, ", ") + "; any other value is recorded as " + l.Other.Value + "."
		}
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

// shapeType writes the type of a shape with labels, its constructor, its series lookup and its
// methods.
func (g *generator) shapeType(f *jen.File, sh *shape) {
	if sh.scrape {
		g.funcShape(f, sh)
		return
	}
	g.shapeStruct(f, sh)
	g.shapeConstructor(f, sh)
	if !sh.enumOnly() {
		g.freeWith(f, sh)
	} else if g.opsUse(sh) {
		g.enumWith(f, sh)
	}
	switch sh.typ {
	case model.Counter:
		g.counterMethods(f, sh)
	case model.Gauge:
		g.gaugeMethods(f, sh)
	case model.Histogram:
		g.histogramMethods(f, sh)
	}
}

// shapeDoc is the doc comment of a shape's type: what it is, its labels, what is exported.
func (g *generator) shapeDoc(sh *shape) []string {
	what := map[string]string{
		"Counter": "a counter", "Gauge": "a gauge", "Histogram": "a histogram",
		"DurationHistogram": "a histogram of durations in seconds",
	}[strings.TrimSuffix(strings.TrimPrefix(sh.kind, "Lazy"), "Func")]
	if sh.scrape {
		what += " read at scrape time"
	}
	var names []string
	for _, l := range sh.labels {
		names = append(names, l.Name)
	}
	var of []string
	for _, m := range g.s.Metrics {
		if g.shapes.of[m] == sh {
			of = append(of, m.GoName)
		}
	}
	if len(of) > 3 {
		of = append(of[:2], fmt.Sprintf("%d more metrics", len(of)-2))
	}
	withLabels := "the labels"
	if len(names) == 1 {
		withLabels = "the label"
	}
	paras := []string{fmt.Sprintf("%s is %s with %s %s: the type of %s.", sh.name, what, withLabels, gen.JoinAnd(names), gen.JoinAnd(of))}
	items := []string{"Labels, in parameter order:"}
	for _, l := range sh.labels {
		items = append(items, "  - "+labelDoc(l))
	}
	paras = append(paras, strings.Join(items, "\n"))
	switch {
	case sh.scrape:
		paras = append(paras, "Observe registers the function that gives a combination's value at each scrape; "+
			"a combination without one has no series.")
	case sh.lazy:
		paras = append(paras, "A combination's series is exported from the first value recorded for it (init: none), "+
			"not at 0 before.")
	case sh.enumOnly():
		paras = append(paras, "Every combination of the labels' values is exported from the first scrape, with 0.")
	}
	return paras
}

// shapeStruct writes the struct of a shape; for counters of endpoint and status_code:
//
//	type CounterByEndpointStatusCode struct {
//		vec    *prometheus.CounterVec
//		series [endpointCount]freeSeries[[1]string, prometheus.Counter]
//		name   string // for Add's panic
//	}
//
// An enum-only shape holds [methodCount][statusCount]prometheus.Counter instead, and a Lazy
// one [methodCount][statusCount]lazySeries[prometheus.Counter].
func (g *generator) shapeStruct(f *jen.File, sh *shape) {
	f.Add(doc(g.shapeDoc(sh)...))
	f.Type().Id(sh.name).StructFunc(func(s *jen.Group) {
		s.Id("vec").Op("*").Qual(promPath, sh.promKind()+"Vec")
		series := s.Id("series")
		for _, l := range sh.enums {
			series.Index(jen.Id(countConst(l)).Op("+").Lit(1)) // the last: see slot
		}
		switch {
		case sh.lazy:
			series.Add(sh.lazySeries())
		case sh.enumOnly():
			series.Add(sh.child())
		default:
			series.Add(sh.freeSeries())
		}
		if sh.typ == model.Counter {
			s.Id("name").String().Comment("for Add's panic")
		}
	})
	f.Line()
}

// shapeConstructor writes the constructor New calls; for an enum-only shape:
//
//	// newCounterByMethodStatus creates the counter of opts with all its series.
//	func newCounterByMethodStatus(opts prometheus.CounterOpts) *CounterByMethodStatus {
//		c := &CounterByMethodStatus{vec: prometheus.NewCounterVec(opts, []string{"method", "status"})}
//		for _, method := range MethodValues() {
//			for _, status := range StatusValues() {
//				c.series[method][status] = c.vec.WithLabelValues(method.String(), status.String())
//			}
//		}
//		return c
//	}
//
// With free-form labels, it makes the metric's guards and curries its vector per combination
// of enum values instead:
//
//	guards := []*labelGuard{newLabelGuard(matchPattern(`[1-5][0-9][0-9]`), 60)}
//	for _, endpoint := range EndpointValues() {
//		c.series[endpoint].vec = c.vec.MustCurryWith(prometheus.Labels{"endpoint": endpoint.String()})
//		c.series[endpoint].guards = guards
//	}
func (g *generator) shapeConstructor(f *jen.File, sh *shape) {
	r := sh.recv
	what := fmt.Sprintf("%s creates the %s of opts", sh.constructor(), strings.ToLower(sh.promKind()))
	switch {
	case sh.lazy:
		what += ", and curries its vector with every combination of label values, to make each series on first use."
	case sh.enumOnly():
		what += " with all its series."
	case len(sh.enums) > 0:
		what += ", its label guards, and curries it with every combination of enum values."
	default:
		what += " and its label guards."
	}
	paras := []string{what}
	if len(sh.enums) > 0 {
		paras = append(paras, "The last slot of each enum label stands for the values that are none of its constants: it "+
			"records into the label's other value, or panics.")
	}
	f.Add(doc(paras...))
	f.Func().Id(sh.constructor()).Params(jen.Id("opts").Add(sh.opts())).Op("*").Id(sh.name).BlockFunc(func(b *jen.Group) {
		vec := jen.Qual(promPath, "New"+sh.promKind()+"Vec").Call(
			jen.Id("opts"),
			jen.Index().String().ValuesFunc(func(vs *jen.Group) {
				for _, l := range sh.labels {
					vs.Lit(l.Name)
				}
			}),
		)
		fields := []jen.Code{jen.Id("vec").Op(":").Add(vec)}
		if sh.typ == model.Counter {
			fields = append(fields, jen.Id("name").Op(":").Id("opts").Dot("Name"))
		}
		b.Id(r).Op(":=").Op("&").Id(sh.name).Values(fields...)
		// Each enum label indexes the series with one more slot than it has values: the
		// series recorded for a value that is none of its constants (see slot), its other
		// value's or one that panics.
		series := func() *jen.Statement {
			s := jen.Id(r).Dot("series")
			for _, l := range sh.enums {
				s.Index(jen.Id(slotVar(g.param(l))))
			}
			return s
		}
		curry := func() *jen.Statement {
			return jen.Id(r).Dot("vec").Dot("MustCurryWith").Call(
				jen.Qual(promPath, "Labels").Values(jen.DictFunc(func(d jen.Dict) {
					for _, l := range sh.enums {
						d[jen.Lit(l.Name)] = jen.Id(g.param(l)).Dot("String").Call()
					}
				})),
			)
		}
		var guards *jen.Statement
		if len(sh.free) > 0 {
			b.Add(g.guards(sh))
			guards = series().Dot("guards").Op("=").Id("guards")
		}
		// set writes the series of the slots from what the vector makes of them.
		set := func(made func() *jen.Statement) []jen.Code {
			switch {
			case sh.lazy:
				return []jen.Code{series().Dot("vec").Op("=").Add(made())}
			case sh.enumOnly():
				return []jen.Code{series().Op("=").Add(made())}
			}
			return []jen.Code{series().Dot("vec").Op("=").Add(made())}
		}
		var real func() *jen.Statement
		switch {
		case sh.enumOnly() && !sh.lazy:
			real = func() *jen.Statement {
				var values []jen.Code
				for _, l := range sh.labels {
					values = append(values, jen.Id(g.param(l)).Dot("String").Call())
				}
				return jen.Id(r).Dot("vec").Dot("WithLabelValues").Call(values...)
			}
		case len(sh.enums) > 0:
			real = curry
		default:
			real = func() *jen.Statement { return jen.Id(r).Dot("vec") }
		}
		inner := set(real)
		var cases []jen.Code
		for _, l := range sh.enums {
			if l.Other != nil {
				continue
			}
			cases = append(cases, jen.Case(jen.Id(g.param(l)).Op("==").Id(countConst(l))).Block(
				set(func() *jen.Statement { return g.panicSeries(sh, l) })...))
		}
		if len(cases) > 0 {
			inner = []jen.Code{jen.Switch().Block(append(cases, jen.Default().Block(inner...))...)}
		}
		if guards != nil {
			inner = append(inner, guards)
		}
		for i := len(sh.enums) - 1; i >= 0; i-- {
			l := sh.enums[i]
			p := g.param(l)
			body := []jen.Code{jen.Id(p).Op(":=").Id(slotVar(p))}
			if l.Other != nil {
				body = append(body, jen.If(jen.Id(p).Op("==").Id(countConst(l))).Block(jen.Id(p).Op("=").Id(l.Other.GoName)))
			}
			inner = []jen.Code{jen.For(jen.Id(slotVar(p)).Op(":=").Range().Id(l.GoName).Call(jen.Id(countConst(l)).Op("+").Lit(1))).Block(append(body, inner...)...)}
		}
		for _, c := range inner {
			b.Add(c)
		}
		b.Return(jen.Id(r))
	})
	f.Line()
}

// guards declares the label guards of the free-form labels of sh, in order:
// guards := []*labelGuard{newLabelGuard(<valid>, <max_values>), ...}.
func (g *generator) guards(sh *shape) *jen.Statement {
	return jen.Id("guards").Op(":=").Index().Op("*").Id("labelGuard").ValuesFunc(func(gs *jen.Group) {
		for _, l := range sh.free {
			guard := jen.Id("newLabelGuard").Call(g.guardValid(l), jen.Lit(l.MaxValues))
			if len(sh.free) > 1 {
				gs.Line().Add(guard)
			} else {
				gs.Add(guard)
			}
		}
		if len(sh.free) > 1 {
			gs.Line()
		}
	})
}

// guardValid is what a free-form label's guard admits: matchPattern of its pattern, as written
// in the spec, or nil.
func (g *generator) guardValid(l *model.Label) *jen.Statement {
	if l.Pattern == "" {
		return jen.Nil()
	}
	pattern := jen.Lit(l.Pattern)
	if !strings.Contains(l.Pattern, "`") {
		pattern = jen.Op("`" + l.Pattern + "`") // read as written in the spec
	}
	return jen.Id("matchPattern").Call(pattern)
}

// freeWith writes the lookup of a shape with free-form labels: an index for the enum values,
// then the lock-free cache for the free-form ones.
//
//	// with returns the series of endpoint and statusCode.
//	func (c *CounterByEndpointStatusCode) with(endpoint Endpoint, statusCode string) prometheus.Counter {
//		k := [1]string{statusCode}
//		return c.series[min(endpoint, endpointCount-1)].get(k, k[:])
//	}
func (g *generator) freeWith(f *jen.File, sh *shape) { g.freeWithChild(f, sh, sh.child()) }

// freeWithChild is freeWith returning child, the type of a series.
func (g *generator) freeWithChild(f *jen.File, sh *shape, child *jen.Statement) {
	r := sh.recv
	series := jen.Id(r).Dot("series")
	for _, l := range sh.enums {
		series.Index(g.at(l))
	}
	f.Add(doc(fmt.Sprintf("with returns %s.", g.seriesOf(sh))))
	f.Func().Params(jen.Id(r).Op("*").Id(sh.name)).Id("with").Params(g.params(sh.labels)...).Add(child).Block(
		jen.Id("k").Op(":=").Add(sh.key()).Values(g.args(sh.free)...),
		jen.Return(series.Dot("get").Call(jen.Id("k"), jen.Id("k").Index(jen.Empty(), jen.Empty()))),
	)
	f.Line()
}

// series is the expression of a shape's series in its methods: an array index for enum-only
// labels, the lookup of with when there are free-form ones:
//
//	c.series[min(method, methodCount-1)][min(status, statusCount-1)]
//	c.with(endpoint, statusCode)
func (g *generator) series(sh *shape) *jen.Statement {
	if sh.enumOnly() {
		s := jen.Id(sh.recv).Dot("series")
		for _, l := range sh.enums {
			s.Index(g.at(l))
		}
		if sh.lazy && !isOTel(g.s) {
			s.Dot("get").Call() // the Prometheus backend's series made on first use
		}
		return s
	}
	return jen.Id(sh.recv).Dot("with").Call(g.args(sh.labels)...)
}

// method writes one method of a shape that calls the same method of its series:
//
//	// Inc adds 1 to the series of method and status.
//	func (c *CounterByMethodStatus) Inc(method Method, status Status) {
//		c.series[min(method, methodCount-1)][min(status, statusCount-1)].Inc()
//	}
func (g *generator) method(f *jen.File, sh *shape, name, text string, value bool) {
	params := g.params(sh.labels)
	var args []jen.Code
	if value {
		params = append([]jen.Code{jen.Id("v").Float64()}, params...)
		args = []jen.Code{jen.Id("v")}
	}
	f.Add(doc(text))
	f.Func().Params(jen.Id(sh.recv).Op("*").Id(sh.name)).Id(name).Params(params...).Block(
		g.series(sh).Dot(name).Call(args...),
	)
	f.Line()
}

// counterMethods writes Inc and Add; Add panics on what would make a counter go down, as
// client_golang's does on a negative value:
//
//	// Add adds v to the series of method and status. It panics when v is negative or NaN ...
//	func (c *CounterByMethodStatus) Add(v float64, method Method, status Status) {
//		if !(v >= 0) {
//			panic(counterDecrease{c.name, v})
//		}
//		c.series[method.index()][status.index()].Add(v)
//	}
func (g *generator) counterMethods(f *jen.File, sh *shape) {
	of := g.seriesOf(sh)
	g.method(f, sh, "Inc", fmt.Sprintf("Inc adds 1 to %s.", of), false)
	f.Add(doc(fmt.Sprintf("Add adds v to %s. It panics when v is negative or NaN, as client_golang's Add panics "+
		"on a negative v: a counter never goes down.", of)))
	f.Func().Params(jen.Id(sh.recv).Op("*").Id(sh.name)).Id("Add").
		Params(append([]jen.Code{jen.Id("v").Float64()}, g.params(sh.labels)...)...).Block(
		jen.If(jen.Op("!").Parens(jen.Id("v").Op(">=").Lit(0))).Block(
			jen.Panic(jen.Id("counterDecrease").Values(jen.Id(sh.recv).Dot("name"), jen.Id("v"))),
		),
		g.series(sh).Dot("Add").Call(jen.Id("v")),
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

// histogramMethods writes Observe, and Start for a histogram of durations:
//
//	// Start starts timing an operation of method; ObserveDuration of the returned timer records
//	// it:
//	//
//	//	defer h.Start(method).ObserveDuration()
//	func (h *DurationHistogramByMethod) Start(method Method) Timer {
//		return newTimer(h.series[min(method, methodCount-1)])
//	}
func (g *generator) histogramMethods(f *jen.File, sh *shape) {
	of := g.seriesOf(sh)
	g.method(f, sh, "Observe", fmt.Sprintf("Observe records v in %s.", of), true)
	if !sh.timed() {
		return
	}
	f.Add(doc(
		fmt.Sprintf("Start starts timing an operation of %s; ObserveDuration of the returned timer records it:", gen.JoinAnd(g.paramNames(sh.labels))),
		fmt.Sprintf("\tdefer %s.Start(%s).ObserveDuration()", sh.recv, strings.Join(g.paramNames(sh.labels), ", ")),
	))
	f.Func().Params(jen.Id(sh.recv).Op("*").Id(sh.name)).Id("Start").Params(g.params(sh.labels)...).Id("Timer").Block(
		jen.Return(jen.Id("newTimer").Call(g.series(sh))),
	)
	f.Line()
}

// funcShape writes the type of a shape read at scrape time, its constructor and Observe; for
// gauges of pool and role:
//
//	type GaugeFuncByPoolRole struct {
//		funcs *funcSeries
//	}
//
//	func newGaugeFuncByPoolRole(opts prometheus.GaugeOpts) *GaugeFuncByPoolRole {
//		var values [][]string
//		for _, pool := range PoolValues() {
//			for _, role := range RoleValues() {
//				values = append(values, []string{pool.String(), role.String()})
//			}
//		}
//		desc := prometheus.NewDesc(opts.Name, opts.Help, []string{"pool", "role"}, nil)
//		return &GaugeFuncByPoolRole{funcs: newFuncSeries(desc, prometheus.GaugeValue, values)}
//	}
//
//	func (g *GaugeFuncByPoolRole) Observe(f func() float64, pool Pool, role Role) {
//		g.funcs.set(int(pool.index())*roleCount+int(role.index()), f)
//	}
func (g *generator) funcShape(f *jen.File, sh *shape) {
	f.Add(doc(g.shapeDoc(sh)...))
	f.Type().Id(sh.name).Struct(jen.Id("funcs").Op("*").Id("funcSeries"))
	f.Line()

	f.Add(doc(fmt.Sprintf("%s creates the %s of opts, without functions yet (and so without series).", sh.constructor(), strings.ToLower(sh.promKind()))))
	valueType := "GaugeValue"
	if sh.typ == model.Counter {
		valueType = "CounterValue"
	}
	f.Func().Id(sh.constructor()).Params(jen.Id("opts").Add(sh.opts())).Op("*").Id(sh.name).BlockFunc(func(b *jen.Group) {
		b.Var().Id("values").Index().Index().String()
		var values []jen.Code
		for _, l := range sh.labels {
			values = append(values, jen.Id(g.param(l)).Dot("String").Call())
		}
		inner := jen.Id("values").Op("=").Append(jen.Id("values"), jen.Index().String().Values(values...))
		for i := len(sh.labels) - 1; i >= 0; i-- {
			l := sh.labels[i]
			inner = jen.For(jen.List(jen.Id("_"), jen.Id(g.param(l))).Op(":=").Range().Id(valuesFunc(l)).Call()).Block(inner)
		}
		b.Add(inner)
		b.Id("desc").Op(":=").Qual(promPath, "NewDesc").Call(jen.Id("opts").Dot("Name"), jen.Id("opts").Dot("Help"),
			jen.Index().String().ValuesFunc(func(vs *jen.Group) {
				for _, l := range sh.labels {
					vs.Lit(l.Name)
				}
			}), jen.Nil())
		b.Return(jen.Op("&").Id(sh.name).Values(jen.Id("funcs").Op(":").Id("newFuncSeries").Call(
			jen.Id("desc"), jen.Qual(promPath, valueType), jen.Id("values"))))
	})
	f.Line()

	g.observeMethod(f, sh)
}

// slotVar names the loop variable of a label's slots in a constructor: methodSlot.
func slotVar(param string) string { return param + "Slot" }

// panicSeries is the series of a shape that stands for the values of enum label l that are
// none of its constants, and panics when recorded into:
//
//	panicCounter{err: enumRange{"method", "Method", -1, methodCount}}
//	panicVec[prometheus.Counter]{panicCounter{...}} // where series are made on use
func (g *generator) panicSeries(sh *shape, l *model.Label) *jen.Statement {
	err := jen.Id("enumRange").Values(jen.Lit(l.Name), jen.Lit(l.GoName), jen.Lit(-1), jen.Id(countConst(l)))
	series := jen.Id(panicType(sh)).Values(jen.Id("err").Op(":").Add(err))
	if sh.lazy || !sh.enumOnly() {
		return jen.Id("panicVec").Types(sh.child()).Values(series)
	}
	return series
}

// panicType is the runtime's series of a shape that panics when recorded into.
func panicType(sh *shape) string {
	switch sh.typ {
	case model.Counter:
		return "panicCounter"
	case model.Gauge:
		return "panicGauge"
	}
	return "panicObserver"
}

// observeMethod writes Observe of a shape read at scrape time, the same for both backends: it
// stores f at the index of its combination, the labels' indexes as digits of mixed radix.
//
//	func (g *GaugeFuncByPoolRole) Observe(f func() float64, pool Pool, role Role) {
//		g.funcs.set(int(pool.index())*roleCount+int(role.index()), f)
//	}
func (g *generator) observeMethod(f *jen.File, sh *shape) {
	r := sh.recv
	var index *jen.Statement
	for i, l := range sh.labels {
		digit := jen.Int().Call(g.index(l))
		if i == 0 {
			index = digit
			continue
		}
		if i > 1 {
			index = jen.Parens(index)
		}
		index = index.Op("*").Id(countConst(l)).Op("+").Add(digit)
	}
	counter := ""
	if sh.typ == model.Counter {
		counter = " Its results must never go down: a lower value is read by rate() as a restart of the count."
	}
	f.Add(doc(fmt.Sprintf("Observe makes f the value of %s: f is called at every scrape, concurrently with the program, "+
		"so it must be safe for that, and quick.%s A later call replaces f; Observe(nil, ...) removes the series.", g.seriesOf(sh), counter)))
	f.Func().Params(jen.Id(r).Op("*").Id(sh.name)).Id("Observe").
		Params(append([]jen.Code{jen.Id("f").Func().Params().Float64()}, g.params(sh.labels)...)...).Block(
		jen.Id(r).Dot("funcs").Dot("set").Call(index, jen.Id("f")),
	)
	f.Line()
}

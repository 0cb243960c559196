package golang

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/metricgen/metricgen/internal/gen"
	"github.com/metricgen/metricgen/internal/model"
)

// The otel backend (go.backend: otel) writes the same package as the Prometheus backend — the
// same Metrics, metric types, shapes and methods, labels.go unchanged — over the
// OpenTelemetry metrics API instead of client_golang. What differs is here: New and MustNew
// take a metric.MeterProvider, a shape holds an instrument and, per series, what its
// measurements pass (an attribute set built once, as metric.WithAttributeSet options), and
// the runtime comes from templates/gootel (otel_runtime.go).
//
// A method added to a shape must be added to both backends: kindMethods (shapes.go) lists
// them for both, counterMethods/gaugeMethods/histogramMethods (metrics.go) write the
// Prometheus ones, otelMethods here the OTel ones, and the equivalence test in verify calls
// every method on both.

// Import paths of the otel backend's generated code.
const (
	otelMetricPath = "go.opentelemetry.io/otel/metric"
	otelAttrPath   = "go.opentelemetry.io/otel/attribute"
	contextPath    = "context"
	reflectPath    = "reflect"
)

var otelImportNames = []struct{ path, name string }{
	{otelMetricPath, "metric"}, {otelAttrPath, "attribute"}, {contextPath, "context"}, {reflectPath, "reflect"},
}

// otelBodyNames are the identifiers the otel backend's function bodies use besides bodyNames.
var otelBodyNames = []string{"meter", "mp", "o", "cfg", "name", "counter", "histogram", "gauge", "values", "set"}

// otelMetricMethods are the unexported methods of the otel backend's shape types besides
// metricMethods.
var otelMetricMethods = []string{"observe"}

func isOTel(s *model.Spec) bool { return s.Go != nil && s.Go.Backend == model.OTel }

// background is context.Background(), which every measurement passes: the generated methods
// take no context, as the Prometheus backend's.
func background() *jen.Statement { return jen.Qual(contextPath, "Background").Call() }

// otelPackageDoc is the generated package's doc comment with the otel backend.
func otelPackageDoc(s *model.Spec) string {
	return docText(
		fmt.Sprintf("Package %s is the OpenTelemetry instrumentation of %s.", s.Go.Name, s.Service),
		"Create the metrics once with New (or MustNew) from a metric.MeterProvider and share the "+
			"*Metrics; every method is safe for concurrent use. Labels are parameters in the order the "+
			"spec lists them: an enum label takes its type, a free-form label a string. Through "+
			"OpenTelemetry's Prometheus exporter the metrics are the series that the spec's rules and "+
			"dashboards query.",
	)
}

// otelNewFunc writes New:
//
//	func New(mp metric.MeterProvider, opts ...Option) (*Metrics, error) {
//		cfg := config{meterName: reflect.TypeFor[Metrics]().PkgPath()}
//		for _, o := range opts {
//			o(&cfg)
//		}
//		meter := mp.Meter(cfg.meterName, cfg.meterOptions...)
//		m := &Metrics{}
//		var err error
//		if m.APIRequestsTotal, err = newCounterByMethodEndpointStatus(meter, "klaviyo_api_requests_total",
//			metric.WithDescription("Total Klaviyo API requests"),
//		); err != nil {
//			return nil, err
//		}
//		if _, err := meter.RegisterCallback(func(_ context.Context, o metric.Observer) error {
//			m.RateLimitRemaining.observe(o)
//			return nil
//		}, m.RateLimitRemaining.gauge); err != nil {
//			return nil, err
//		}
//		return m, nil
//	}
func (g *generator) otelNewFunc(f *jen.File) {
	f.Add(doc(
		"New creates the metrics' instruments with a meter of mp, named after this package's import "+
			"path (WithMeter sets another name). Enum-only label sets are resolved here: their attribute "+
			"sets are built once, and every combination of their values of a counter or a gauge with "+
			"init: all (counters' default) is exported, with 0, from the first collection; other series "+
			"appear once a value is recorded for them, a histogram's at its first observation (the metrics "+
			"API cannot create an empty one), a metric read at scrape time's once a function is registered.",
		"New returns the first error of the meter, such as for an instrument the MeterProvider refuses.",
	))
	var gauges []*model.Metric
	f.Func().Id("New").Params(
		jen.Id("mp").Qual(otelMetricPath, "MeterProvider"),
		jen.Id("opts").Op("...").Id("Option"),
	).Params(jen.Op("*").Id("Metrics"), jen.Error()).BlockFunc(func(b *jen.Group) {
		b.Id("cfg").Op(":=").Id("config").Values(jen.Id("meterName").Op(":").
			Qual(reflectPath, "TypeFor").Index(jen.Id("Metrics")).Call().Dot("PkgPath").Call())
		b.For(jen.List(jen.Id("_"), jen.Id("o")).Op(":=").Range().Id("opts")).Block(jen.Id("o").Call(jen.Op("&").Id("cfg")))
		b.Id("meter").Op(":=").Id("mp").Dot("Meter").Call(jen.Id("cfg").Dot("meterName"), jen.Id("cfg").Dot("meterOptions").Op("..."))
		b.Id("m").Op(":=").Op("&").Id("Metrics").Values()
		b.Var().Err().Error()
		for _, m := range g.s.Metrics {
			sh := g.shapes.of[m]
			args := []jen.Code{jen.Id("meter"), jen.Lit(m.Name)}
			for _, o := range otelOptions(m) {
				args = append(args, jen.Line().Add(o))
			}
			args = append(args, jen.Line())
			b.If(
				jen.List(jen.Id("m").Dot(m.GoName), jen.Err()).Op("=").Id(sh.constructor()).Call(args...),
				jen.Err().Op("!=").Nil(),
			).Block(jen.Return(jen.Nil(), jen.Err()))
			if m.Type == model.Gauge || m.Scrape {
				gauges = append(gauges, m) // reported by the callback
			}
		}
		if len(gauges) > 0 {
			callback := jen.Func().Params(jen.Id("_").Qual(contextPath, "Context"), jen.Id("o").Qual(otelMetricPath, "Observer")).Error().BlockFunc(func(cb *jen.Group) {
				for _, m := range gauges {
					cb.Id("m").Dot(m.GoName).Dot("observe").Call(jen.Id("o"))
				}
				cb.Return(jen.Nil())
			})
			args := []jen.Code{callback}
			for _, m := range gauges {
				_, field := g.shapes.of[m].otelInstrument()
				args = append(args, jen.Id("m").Dot(m.GoName).Dot(field))
			}
			b.If(
				jen.List(jen.Id("_"), jen.Err()).Op("=").Id("meter").Dot("RegisterCallback").Call(args...),
				jen.Err().Op("!=").Nil(),
			).Block(jen.Return(jen.Nil(), jen.Err()))
		}
		if len(g.s.Operations) > 0 {
			b.Id("m").Dot(initMethod).Call(jen.Id("cfg").Dot("operations"))
		}
		b.Return(jen.Id("m"), jen.Nil())
	})
	f.Line()
}

// otelOptions are the instrument options of metric m: its description, its UCUM unit, and a
// histogram's buckets as bucket boundaries.
func otelOptions(m *model.Metric) []jen.Code {
	opts := []jen.Code{jen.Qual(otelMetricPath, "WithDescription").Call(jen.Lit(m.ExposedHelp()))}
	if m.OTel != nil && m.OTel.Unit != "" {
		opts = append(opts, jen.Qual(otelMetricPath, "WithUnit").Call(jen.Lit(m.OTel.Unit)))
	}
	if m.Type == model.Histogram && len(m.Buckets) > 0 {
		opts = append(opts, jen.Qual(otelMetricPath, "WithExplicitBucketBoundaries").CallFunc(func(bs *jen.Group) {
			for _, b := range m.Buckets {
				bs.Op(formatFloat(b))
			}
		}))
	}
	return opts
}

// otelMustNewFunc writes MustNew:
//
//	func MustNew(mp metric.MeterProvider, opts ...Option) *Metrics {
//		m, err := New(mp, opts...)
//		if err != nil {
//			panic(err)
//		}
//		return m
//	}
func (g *generator) otelMustNewFunc(f *jen.File) {
	f.Add(doc("MustNew is like New but panics when an instrument cannot be created."))
	f.Func().Id("MustNew").Params(
		jen.Id("mp").Qual(otelMetricPath, "MeterProvider"),
		jen.Id("opts").Op("...").Id("Option"),
	).Op("*").Id("Metrics").Block(
		jen.List(jen.Id("m"), jen.Err()).Op(":=").Id("New").Call(jen.Id("mp"), jen.Id("opts").Op("...")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Panic(jen.Err())),
		jen.Return(jen.Id("m")),
	)
	f.Line()
}

// otelInstrument is the metric API type of a shape's instrument, and its field's name.
func (sh *shape) otelInstrument() (*jen.Statement, string) {
	switch {
	case sh.scrape && sh.typ == model.Counter:
		return jen.Qual(otelMetricPath, "Float64ObservableCounter"), "counter"
	}
	switch sh.typ {
	case model.Counter:
		return jen.Qual(otelMetricPath, "Float64Counter"), "counter"
	case model.Gauge:
		return jen.Qual(otelMetricPath, "Float64ObservableGauge"), "gauge"
	}
	return jen.Qual(otelMetricPath, "Float64Histogram"), "histogram"
}

// otelOption is the type of a shape's instrument options: ...metric.Float64CounterOption.
func (sh *shape) otelOption() *jen.Statement {
	switch {
	case sh.scrape && sh.typ == model.Counter:
		return jen.Qual(otelMetricPath, "Float64ObservableCounterOption")
	}
	switch sh.typ {
	case model.Counter:
		return jen.Qual(otelMetricPath, "Float64CounterOption")
	case model.Gauge:
		return jen.Qual(otelMetricPath, "Float64ObservableGaugeOption")
	}
	return jen.Qual(otelMetricPath, "Float64HistogramOption")
}

// otelChild is what a series of the shape is: the options of its measurements, built once
// ([]metric.AddOption, []metric.RecordOption), or the value of a gauge's series.
func (sh *shape) otelChild() *jen.Statement {
	switch sh.typ {
	case model.Counter:
		return jen.Index().Qual(otelMetricPath, "AddOption")
	case model.Gauge:
		return jen.Op("*").Id("gaugeValue")
	}
	return jen.Index().Qual(otelMetricPath, "RecordOption")
}

// otelNewSeries is what makes a series of the shape from its attribute set: the runtime's
// addOptions or recordOptions, or the gauge's values.add.
func (sh *shape) otelNewSeries() *jen.Statement {
	switch sh.typ {
	case model.Counter:
		return jen.Id("addOptions")
	case model.Gauge:
		return jen.Id(sh.recv).Dot("values").Dot("add")
	}
	return jen.Id("recordOptions")
}

// otelShapeType writes the type of a shape with labels, its constructor, its series lookup and
// its methods.
func (g *generator) otelShapeType(f *jen.File, sh *shape) {
	if sh.scrape {
		g.otelFuncShape(f, sh)
		return
	}
	g.otelShapeStruct(f, sh)
	g.otelShapeConstructor(f, sh)
	if !sh.enumOnly() {
		g.freeWithChild(f, sh, sh.otelChild())
	}
	g.otelMethods(f, sh)
}

// otelShapeStruct writes the struct of a shape; for counters of method and status:
//
//	type CounterByMethodStatus struct {
//		counter metric.Float64Counter
//		series  [methodCount][statusCount][]metric.AddOption
//	}
//
// A gauge holds its series' values too (values gaugeValues), and a shape with free-form labels
// the runtime's freeSets[[1]string, []metric.AddOption] per combination of enum values.
func (g *generator) otelShapeStruct(f *jen.File, sh *shape) {
	paras := g.shapeDoc(sh)
	switch {
	case sh.enumOnly() && sh.typ == model.Histogram:
		// The metrics API cannot create an empty histogram point.
		paras[len(paras)-1] = "The attribute set of every combination of the labels' values is built when the metrics are " +
			"created; a series is exported from its first observation."
	case sh.enumOnly():
		paras[len(paras)-1] = "Every combination of the labels' values is exported from the first collection, with 0."
	}
	f.Add(doc(paras...))
	inst, field := sh.otelInstrument()
	f.Type().Id(sh.name).StructFunc(func(s *jen.Group) {
		s.Id(field).Add(inst)
		if sh.typ == model.Gauge {
			s.Id("values").Id("gaugeValues")
		}
		if sh.typ == model.Counter {
			s.Id("name").String().Comment("for Add's panic")
		}
		series := s.Id("series")
		for _, l := range sh.enums {
			series.Index(jen.Id(countConst(l)))
		}
		if sh.enumOnly() {
			series.Add(sh.otelChild())
		} else {
			series.Id("freeSets").Types(sh.key(), sh.otelChild())
		}
	})
	f.Line()
}

// otelShapeConstructor writes the constructor New calls; for an enum-only counter:
//
//	// newCounterByMethodStatus creates the counter name with opts and the attribute sets of all its series.
//	func newCounterByMethodStatus(meter metric.Meter, name string, opts ...metric.Float64CounterOption) (*CounterByMethodStatus, error) {
//		counter, err := meter.Float64Counter(name, opts...)
//		if err != nil {
//			return nil, err
//		}
//		c := &CounterByMethodStatus{counter: counter}
//		for _, method := range MethodValues() {
//			for _, status := range StatusValues() {
//				c.series[method][status] = addOptions(attribute.NewSet(
//					attribute.String("method", method.String()),
//					attribute.String("status", status.String()),
//				))
//				counter.Add(context.Background(), 0, c.series[method][status]...)
//			}
//		}
//		return c, nil
//	}
//
// With free-form labels, it makes the metric's guards and the freeSets of each combination of
// enum values instead:
//
//	guards := []*labelGuard{newLabelGuard(matchPattern(`[1-5][0-9][0-9]`), 60)}
//	for _, endpoint := range EndpointValues() {
//		c.series[endpoint].enum = []attribute.KeyValue{attribute.String("endpoint", endpoint.String())}
//		c.series[endpoint].keys = []attribute.Key{"status_code"}
//		c.series[endpoint].guards = guards
//		c.series[endpoint].newSeries = addOptions
//	}
func (g *generator) otelShapeConstructor(f *jen.File, sh *shape) {
	r := sh.recv
	_, field := sh.otelInstrument()
	kind := strings.ToLower(sh.promKind())
	what := fmt.Sprintf("%s creates the %s name with opts", sh.constructor(), kind)
	switch {
	case sh.enumOnly():
		what += " and the attribute sets of all its series."
	case len(sh.enums) > 0:
		what += ", its label guards, and the attribute sets of every combination of enum values."
	default:
		what += " and its label guards."
	}
	f.Add(doc(what))
	create := "Float64" + map[model.MetricType]string{model.Counter: "Counter", model.Gauge: "ObservableGauge"}[sh.typ]
	if sh.typ == model.Histogram {
		create = "Float64Histogram"
	}
	f.Func().Id(sh.constructor()).Params(
		jen.Id("meter").Qual(otelMetricPath, "Meter"),
		jen.Id("name").String(),
		jen.Id("opts").Op("...").Add(sh.otelOption()),
	).Params(jen.Op("*").Id(sh.name), jen.Error()).BlockFunc(func(b *jen.Group) {
		b.List(jen.Id(field), jen.Err()).Op(":=").Id("meter").Dot(create).Call(jen.Id("name"), jen.Id("opts").Op("..."))
		b.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))
		fields := []jen.Code{jen.Id(field).Op(":").Id(field)}
		switch {
		case sh.typ == model.Counter:
			fields = append(fields, jen.Id("name").Op(":").Id("name"))
		case sh.typ == model.Gauge && sh.lazy:
			// init: none: a series is reported once a value is recorded for it.
			fields = append(fields, jen.Id("values").Op(":").Id("gaugeValues").Values(jen.Id("lazy").Op(":").True()))
		}
		b.Id(r).Op(":=").Op("&").Id(sh.name).Values(fields...)
		series := func() *jen.Statement {
			s := jen.Id(r).Dot("series")
			for _, l := range sh.enums {
				s.Index(jen.Id(g.param(l)))
			}
			return s
		}
		attr := func(l *model.Label) *jen.Statement {
			return jen.Qual(otelAttrPath, "String").Call(jen.Lit(l.Name), jen.Id(g.param(l)).Dot("String").Call())
		}
		var inner []jen.Code
		if sh.enumOnly() {
			set := jen.Qual(otelAttrPath, "NewSet").CallFunc(func(as *jen.Group) {
				for _, l := range sh.labels {
					as.Line().Add(attr(l))
				}
				as.Line()
			})
			inner = append(inner, series().Op("=").Add(sh.otelNewSeries()).Call(set))
			if sh.typ == model.Counter && !sh.lazy {
				// Exported from the first collection, with 0, as the Prometheus backend does.
				inner = append(inner, jen.Id(field).Dot("Add").Call(background(), jen.Lit(0), series().Op("...")))
			}
		} else {
			b.Add(g.guards(sh))
			if len(sh.enums) > 0 {
				inner = append(inner, series().Dot("enum").Op("=").Index().Qual(otelAttrPath, "KeyValue").ValuesFunc(func(as *jen.Group) {
					for _, l := range sh.enums {
						as.Add(attr(l))
					}
				}))
			}
			inner = append(inner,
				series().Dot("keys").Op("=").Index().Qual(otelAttrPath, "Key").ValuesFunc(func(ks *jen.Group) {
					for _, l := range sh.free {
						ks.Lit(l.Name)
					}
				}),
				series().Dot("guards").Op("=").Id("guards"),
				series().Dot("newSeries").Op("=").Add(sh.otelNewSeries()),
			)
		}
		for i := len(sh.enums) - 1; i >= 0; i-- {
			l := sh.enums[i]
			inner = []jen.Code{jen.For(jen.List(jen.Id("_"), jen.Id(g.param(l))).Op(":=").Range().Id(valuesFunc(l)).Call()).Block(inner...)}
		}
		for _, c := range inner {
			b.Add(c)
		}
		b.Return(jen.Id(r), jen.Nil())
	})
	f.Line()
}

// otelMethods writes the shape's methods: the same as the Prometheus backend's (kindMethods),
// recording into the instrument with the series' options, or into the gauge's value.
//
//	// Inc adds 1 to the series of method and status.
//	func (c *CounterByMethodStatus) Inc(method Method, status Status) {
//		c.counter.Add(context.Background(), 1, c.series[min(method, methodCount-1)][min(status, statusCount-1)]...)
//	}
func (g *generator) otelMethods(f *jen.File, sh *shape) {
	of := g.seriesOf(sh)
	params := g.params(sh.labels)
	withV := append([]jen.Code{jen.Id("v").Float64()}, params...)
	method := func(name, text string, value bool, body jen.Code) {
		ps := params
		if value {
			ps = withV
		}
		f.Add(doc(text))
		f.Func().Params(jen.Id(sh.recv).Op("*").Id(sh.name)).Id(name).Params(ps...).Block(body)
		f.Line()
	}
	r := jen.Id(sh.recv)
	switch sh.typ {
	case model.Counter:
		add := func(v jen.Code) *jen.Statement {
			return r.Clone().Dot("counter").Dot("Add").Call(background(), v, g.series(sh).Op("..."))
		}
		method("Inc", fmt.Sprintf("Inc adds 1 to %s.", of), false, add(jen.Lit(1)))
		f.Add(doc(fmt.Sprintf("Add adds v to %s. It panics when v is negative or NaN, as the Prometheus backend "+
			"(and client_golang) does: a counter never goes down.", of)))
		f.Func().Params(jen.Id(sh.recv).Op("*").Id(sh.name)).Id("Add").Params(withV...).Block(
			jen.If(jen.Op("!").Parens(jen.Id("v").Op(">=").Lit(0))).Block(
				jen.Panic(jen.Id("counterDecrease").Values(r.Clone().Dot("name"), jen.Id("v"))),
			),
			add(jen.Id("v")),
		)
		f.Line()
	case model.Gauge:
		value := func(call string, args ...jen.Code) *jen.Statement { return g.series(sh).Dot(call).Call(args...) }
		method("Set", fmt.Sprintf("Set sets %s to v.", of), true, value("set", jen.Id("v")))
		method("Inc", fmt.Sprintf("Inc adds 1 to %s.", of), false, value("add", jen.Lit(1)))
		method("Dec", fmt.Sprintf("Dec subtracts 1 from %s.", of), false, value("add", jen.Lit(-1)))
		method("Add", fmt.Sprintf("Add adds v to %s.", of), true, value("add", jen.Id("v")))
		method("Sub", fmt.Sprintf("Sub subtracts v from %s.", of), true, value("add", jen.Op("-").Id("v")))
		method("SetToCurrentTime", fmt.Sprintf("SetToCurrentTime sets %s to the current Unix time in seconds.", of), false, value("setToCurrentTime"))
		f.Add(doc("observe reports the value of every series to o: New's callback calls it at each collection."))
		f.Func().Params(jen.Id(sh.recv).Op("*").Id(sh.name)).Id("observe").Params(jen.Id("o").Qual(otelMetricPath, "Observer")).Block(
			r.Clone().Dot("values").Dot("report").Call(jen.Id("o"), r.Clone().Dot("gauge")),
		)
		f.Line()
	default:
		method("Observe", fmt.Sprintf("Observe records v in %s.", of), true,
			r.Clone().Dot("histogram").Dot("Record").Call(background(), jen.Id("v"), g.series(sh).Op("...")))
		if sh.timed() {
			f.Add(doc(
				fmt.Sprintf("Start starts timing an operation of %s; ObserveDuration of the returned timer records it:", gen.JoinAnd(g.paramNames(sh.labels))),
				fmt.Sprintf("\tdefer %s.Start(%s).ObserveDuration()", sh.recv, strings.Join(g.paramNames(sh.labels), ", ")),
			))
			f.Func().Params(jen.Id(sh.recv).Op("*").Id(sh.name)).Id("Start").Params(params...).Id("Timer").Block(
				jen.Return(jen.Id("newTimer").Call(r.Clone().Dot("histogram"), g.series(sh))),
			)
			f.Line()
		}
	}
}

// otelFuncShape writes the type of a shape read at scrape time for the otel backend: an
// observable instrument, the functions of its combinations, observe (which New's callback
// calls) and Observe; for gauges of pool:
//
//	type GaugeFuncByPool struct {
//		gauge metric.Float64ObservableGauge
//		funcs *funcSets
//	}
//
//	func newGaugeFuncByPool(meter metric.Meter, name string, opts ...metric.Float64ObservableGaugeOption) (*GaugeFuncByPool, error) {
//		gauge, err := meter.Float64ObservableGauge(name, opts...)
//		if err != nil {
//			return nil, err
//		}
//		var sets []attribute.Set
//		for _, pool := range PoolValues() {
//			sets = append(sets, attribute.NewSet(attribute.String("pool", pool.String())))
//		}
//		return &GaugeFuncByPool{gauge: gauge, funcs: newFuncSets(sets)}, nil
//	}
func (g *generator) otelFuncShape(f *jen.File, sh *shape) {
	r := sh.recv
	inst, field := sh.otelInstrument()
	f.Add(doc(g.shapeDoc(sh)...))
	f.Type().Id(sh.name).Struct(
		jen.Id(field).Add(inst),
		jen.Id("funcs").Op("*").Id("funcSets"),
	)
	f.Line()

	create := "Float64ObservableGauge"
	if sh.typ == model.Counter {
		create = "Float64ObservableCounter"
	}
	f.Add(doc(fmt.Sprintf("%s creates the observable %s name with opts, without functions yet (and so without series).",
		sh.constructor(), strings.ToLower(sh.promKind()))))
	f.Func().Id(sh.constructor()).Params(
		jen.Id("meter").Qual(otelMetricPath, "Meter"),
		jen.Id("name").String(),
		jen.Id("opts").Op("...").Add(sh.otelOption()),
	).Params(jen.Op("*").Id(sh.name), jen.Error()).BlockFunc(func(b *jen.Group) {
		b.List(jen.Id(field), jen.Err()).Op(":=").Id("meter").Dot(create).Call(jen.Id("name"), jen.Id("opts").Op("..."))
		b.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))
		b.Var().Id("sets").Index().Qual(otelAttrPath, "Set")
		inner := jen.Id("sets").Op("=").Append(jen.Id("sets"), jen.Qual(otelAttrPath, "NewSet").CallFunc(func(as *jen.Group) {
			for _, l := range sh.labels {
				as.Qual(otelAttrPath, "String").Call(jen.Lit(l.Name), jen.Id(g.param(l)).Dot("String").Call())
			}
		}))
		for i := len(sh.labels) - 1; i >= 0; i-- {
			l := sh.labels[i]
			inner = jen.For(jen.List(jen.Id("_"), jen.Id(g.param(l))).Op(":=").Range().Id(valuesFunc(l)).Call()).Block(inner)
		}
		b.Add(inner)
		b.Return(jen.Op("&").Id(sh.name).Values(
			jen.Id(field).Op(":").Id(field),
			jen.Id("funcs").Op(":").Id("newFuncSets").Call(jen.Id("sets")),
		), jen.Nil())
	})
	f.Line()

	f.Add(doc("observe reports the value of every registered function to o: New's callback calls it at each collection."))
	f.Func().Params(jen.Id(r).Op("*").Id(sh.name)).Id("observe").Params(jen.Id("o").Qual(otelMetricPath, "Observer")).Block(
		jen.Id(r).Dot("funcs").Dot("report").Call(jen.Id("o"), jen.Id(r).Dot(field)),
	)
	f.Line()
	g.observeMethod(f, sh)
}

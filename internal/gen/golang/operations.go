package golang

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/metricgen/metricgen/internal/gen"
	"github.com/metricgen/metricgen/internal/goname"
	"github.com/metricgen/metricgen/internal/model"
)

// Import paths of operations.go.
const (
	errorsPath    = "errors"
	httpPath      = "net/http"
	slogPath      = "log/slog"
	otelTracePath = "go.opentelemetry.io/otel/trace"
	otelPropPath  = "go.opentelemetry.io/otel/propagation"
)

// operationsFile is the file of the operations: Option, the state the operations share, and
// one method per operation.
const operationsFile = "operations.go"

// The names operations.go declares whatever the spec.
const (
	optionType    = "Option"
	optionsType   = "options"
	stateType     = "operations"
	stateField    = "ops"
	initMethod    = "initOperations"
	loggerMethod  = "operationLogger"
	redactingFunc = "redactingLogger"
)

// Identifiers the bodies of the operations use as locals and parameters: a label's parameter
// name never takes one of these.
var operationBodyNames = []string{
	"ctx", "fn", "span", "start", "returned", "elapsed", "exemplar", "logger", "attrs", "rec",
	"w", "req", "resp", "next", "result", "level", "o", "opt", "tp", "p", "l", "code", "pattern", "description",
}

var operationsCode = goname.Origin{What: "the generated operations code"}

// hasSpans reports whether an operation of s has a span: the package then imports the
// OpenTelemetry trace API.
func hasSpans(s *model.Spec) bool {
	for _, o := range s.Operations {
		if o.Span != nil {
			return true
		}
	}
	return false
}

// operationRuntime names the runtime files (of templates/gometrics, prefixed with dir) that
// the operations of s need; exemplars are attached by the operations on the Prometheus
// backend only (the OpenTelemetry SDK attaches its own).
func operationRuntime(s *model.Spec, dir string, exemplars bool) []string {
	if len(s.Operations) == 0 {
		return nil
	}
	names := []string{"operation.go"}
	http := hasKind(s, model.HTTPServerOperation) || hasKind(s, model.HTTPClientOperation)
	if exemplars {
		names = append(names, "exemplar.go")
	}
	if http {
		names = append(names, "http.go")
	}
	if hasSpans(s) {
		names = append(names, "trace.go")
		if exemplars {
			names = append(names, "trace_exemplar.go")
		}
		if http {
			names = append(names, "trace_http.go")
		}
	}
	for i, n := range names {
		names[i] = dir + n
	}
	return names
}

// hasLogs reports whether an operation of s writes a log record.
func hasLogs(s *model.Spec) bool {
	for _, o := range s.Operations {
		if o.Log != nil {
			return true
		}
	}
	return false
}

// hasKind reports whether an operation of s is of kind k.
func hasKind(s *model.Spec, k model.OperationKind) bool {
	for _, o := range s.Operations {
		if o.Kind == k {
			return true
		}
	}
	return false
}

// opTypeName names the unexported type of an HTTP operation's handler or transport.
func opTypeName(o *model.Operation) string {
	return unexport(o.GoName) + map[model.OperationKind]string{model.HTTPServerOperation: "Handler", model.HTTPClientOperation: "Transport"}[o.Kind]
}

// errorLabelsType names the interface an error implements to give an operation's error labels.
func errorLabelsType(o *model.Operation) string { return o.GoName + "ErrorLabels" }

// endMethod names the method that records the end of an operation.
func endMethod(o *model.Operation) string { return unexport(o.GoName) + "End" }

// spanNamesField names the field of the precomputed span names of an operation.
func spanNamesField(o *model.Operation) string { return unexport(o.GoName) + "SpanNames" }

// declareOperations declares the identifiers of operations.go.
func declareOperations(s *model.Spec, r *goname.Registry) {
	if len(s.Operations) == 0 {
		return
	}
	for _, in := range operationImportNames[:4] {
		r.Import(in.name, operationsCode)
	}
	if hasSpans(s) {
		for _, n := range []string{"trace", "attribute", "propagation"} {
			r.Import(n, operationsCode)
		}
		r.Func("WithTracerProvider", operationsCode)
		r.Func("WithPropagator", operationsCode)
	}
	if !isOTel(s) {
		r.Type(optionType, operationsCode) // the otel backend's runtime declares it
	}
	r.Type(optionsType, operationsCode)
	r.Type(stateType, operationsCode)
	r.Func("WithLogger", operationsCode)
	r.Field("Metrics", stateField, operationsCode)
	r.Method("Metrics", initMethod, operationsCode)
	r.Method("Metrics", loggerMethod, operationsCode)
	r.Func(redactingFunc, operationsCode)
	for _, o := range s.Operations {
		og := goname.Origin{What: fmt.Sprintf("operation %q", o.Key), Pos: o.Pos}
		r.Method("Metrics", o.GoName, og)
		r.Method("Metrics", endMethod(o), og)
		r.Field(stateType, spanNamesField(o), og)
		if len(o.ErrorLabels) > 0 {
			r.Type(errorLabelsType(o), og)
		}
		if o.Kind.HTTP() {
			r.Type(opTypeName(o), og)
		}
	}
}

// operationsFileOf writes operations.go.
func (g *generator) operationsFileOf(f *jen.File) {
	g.optionsCode(f)
	g.stateCode(f)
	for _, o := range g.s.Operations {
		switch o.Kind {
		case model.CallOperation:
			g.callOperation(f, o)
		case model.HTTPServerOperation:
			g.serverOperation(f, o)
		case model.HTTPClientOperation:
			g.clientOperation(f, o)
		}
		g.endCode(f, o)
	}
}

// optionsCode writes Option and its functions:
//
//	type Option func(*options)
//	func WithLogger(l *slog.Logger) Option { ... }
func (g *generator) optionsCode(f *jen.File) {
	spans := hasSpans(g.s)
	otel := isOTel(g.s)
	if !otel {
		f.Add(doc("Option configures what New sets up besides the metrics: the logger of the operations' records" +
			map[bool]string{true: ", and the tracing of their spans.", false: "."}[spans]))
		f.Type().Id(optionType).Func().Params(jen.Op("*").Id(optionsType))
		f.Line()
	}
	f.Comment("options are the settings of the operations that Options make.")
	f.Type().Id(optionsType).StructFunc(func(s *jen.Group) {
		if spans {
			s.Id("tracerProvider").Qual(otelTracePath, "TracerProvider")
			s.Id("propagator").Qual(otelPropPath, "TextMapPropagator")
		}
		s.Id("logger").Op("*").Qual(slogPath, "Logger")
	})
	f.Line()
	opt := func(name, param string, typ jen.Code, field, text string) {
		f.Add(doc(text))
		set := jen.Func().Params(jen.Id("o").Op("*").Id(optionsType)).Block(jen.Id("o").Dot(field).Op("=").Id(param))
		if otel {
			// The otel backend's Option sets its config, which keeps this option for
			// initOperations.
			set = jen.Func().Params(jen.Id("c").Op("*").Id("config")).Block(
				jen.Id("c").Dot("operations").Op("=").Append(jen.Id("c").Dot("operations"), jen.Func().Params(jen.Id("x").Any()).Block(
					jen.Id("x").Assert(jen.Op("*").Id(optionsType)).Dot(field).Op("=").Id(param),
				)),
			)
		}
		f.Func().Id(name).Params(jen.Id(param).Add(typ)).Id(optionType).Block(jen.Return(set))
		f.Line()
	}
	if spans {
		opt("WithTracerProvider", "tp", jen.Qual(otelTracePath, "TracerProvider"), "tracerProvider",
			"WithTracerProvider makes the operations start their spans with tp. Without it they use the global "+
				"TracerProvider (otel.GetTracerProvider) as it is when New runs. With a no-op TracerProvider "+
				"(go.opentelemetry.io/otel/trace/noop) they start no span at all, and cost nothing for tracing.")
		opt("WithPropagator", "p", jen.Qual(otelPropPath, "TextMapPropagator"), "propagator",
			"WithPropagator makes the HTTP operations extract (server) and inject (client) the trace context "+
				"with p. Without it they use the global propagator (otel.GetTextMapPropagator) as it is when New runs.")
	}
	redaction := ""
	if g.s.Logging != nil {
		redaction = ", through the redaction of logging.redact (unless its handler is a redacting handler of this package already)"
	}
	opt("WithLogger", "l", jen.Op("*").Qual(slogPath, "Logger"), "logger",
		"WithLogger makes the operations write their records to l"+redaction+". Without it they write to slog.Default() as it is at each call.")
}

// stateCode writes the state the operations share, its set-up in New, and the logger helpers.
func (g *generator) stateCode(f *jen.File) {
	spans := hasSpans(g.s)
	f.Comment("operations is the state of the operations: what they trace and log with, and the names of")
	f.Comment("their spans, made once.")
	f.Type().Id(stateType).StructFunc(func(s *jen.Group) {
		if spans {
			s.Id("tracing").Id("tracing")
		}
		s.Id("logger").Op("*").Qual(slogPath, "Logger")
		for _, o := range g.s.Operations {
			if arr := g.spanNameArray(o); arr != nil {
				s.Id(spanNamesField(o)).Add(arr)
			}
		}
	})
	f.Line()

	f.Comment(initMethod + " applies opts and makes what the operations need.")
	optType := jen.Id(optionType)
	if isOTel(g.s) {
		optType = jen.Func().Params(jen.Any())
	}
	f.Func().Params(jen.Id("m").Op("*").Id("Metrics")).Id(initMethod).Params(jen.Id("opts").Index().Add(optType)).BlockFunc(func(b *jen.Group) {
		b.Var().Id("o").Id(optionsType)
		b.For(jen.List(jen.Id("_"), jen.Id("opt")).Op(":=").Range().Id("opts")).Block(jen.Id("opt").Call(jen.Op("&").Id("o")))
		if spans {
			b.Id("m").Dot(stateField).Dot("tracing").Op("=").Id("newTracing").Call(jen.Id("o").Dot("tracerProvider"), jen.Id("o").Dot("propagator"), jen.Lit(g.s.Go.Name))
		}
		b.If(jen.Id("o").Dot("logger").Op("!=").Nil()).Block(
			jen.Id("m").Dot(stateField).Dot("logger").Op("=").Id(redactingFunc).Call(jen.Id("o").Dot("logger")),
		)
		for _, o := range g.s.Operations {
			if arr := g.spanNameArray(o); arr != nil {
				g.fillSpanNames(b, o)
			}
		}
	})
	f.Line()

	if g.s.Logging != nil {
		f.Comment(redactingFunc + " returns l with a handler that applies logging.redact, unless it has one.")
		f.Func().Id(redactingFunc).Params(jen.Id("l").Op("*").Qual(slogPath, "Logger")).Op("*").Qual(slogPath, "Logger").Block(
			jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Id("l").Dot("Handler").Call().Assert(jen.Op("*").Id("redactHandler")), jen.Id("ok")).Block(jen.Return(jen.Id("l"))),
			jen.Return(jen.Qual(slogPath, "New").Call(jen.Id("NewRedactingHandler").Call(jen.Id("l").Dot("Handler").Call()))),
		)
	} else {
		f.Comment(redactingFunc + " returns l: the spec has no logging.redact rules to apply.")
		f.Func().Id(redactingFunc).Params(jen.Id("l").Op("*").Qual(slogPath, "Logger")).Op("*").Qual(slogPath, "Logger").Block(jen.Return(jen.Id("l")))
	}
	f.Line()
	f.Comment(loggerMethod + " returns the logger of an operation's record at level, nil when it would discard it.")
	f.Func().Params(jen.Id("m").Op("*").Id("Metrics")).Id(loggerMethod).Params(jen.Id("ctx").Qual(contextPath, "Context"), jen.Id("level").Qual(slogPath, "Level")).Op("*").Qual(slogPath, "Logger").Block(
		jen.Id("l").Op(":=").Id("m").Dot(stateField).Dot("logger"),
		jen.If(jen.Id("l").Op("==").Nil()).Block(jen.Id("l").Op("=").Qual(slogPath, "Default").Call()),
		jen.If(jen.Op("!").Id("l").Dot("Enabled").Call(jen.Id("ctx"), jen.Id("level"))).Block(jen.Return(jen.Nil())),
		jen.Return(jen.Id(redactingFunc).Call(jen.Id("l"))),
	)
	f.Line()
}

// spanNameArray is the type of an operation's precomputed span names: an array indexed by the
// enum parameters its name uses; nil when the name needs no precomputing (a constant, or a
// free-form parameter, concatenated at each call).
func (g *generator) spanNameArray(o *model.Operation) *jen.Statement {
	if o.Span == nil || len(o.Span.NameParams) == 0 {
		return nil
	}
	t := jen.Null()
	for _, l := range o.Span.NameParams {
		if !l.Enum() {
			return nil
		}
		t.Index(jen.Id(countConst(l)))
	}
	return t.String()
}

// fillSpanNames fills an operation's span names in initOperations:
//
//	for _, endpoint := range EndpointValues() {
//		m.ops.apiCallSpanNames[endpoint] = "klaviyo." + endpoint.String()
//	}
func (g *generator) fillSpanNames(b *jen.Group, o *model.Operation) {
	target := jen.Id("m").Dot(stateField).Dot(spanNamesField(o))
	seen := map[*model.Label]bool{}
	var loops []*model.Label
	for _, l := range o.Span.NameParams {
		if !seen[l] {
			seen[l] = true
			loops = append(loops, l)
		}
	}
	for _, l := range o.Span.NameParams {
		target.Index(jen.Id(g.param(l)))
	}
	body := target.Op("=").Add(g.spanNameExpr(o))
	for i := len(loops) - 1; i >= 0; i-- {
		l := loops[i]
		body = jen.For(jen.List(jen.Id("_"), jen.Id(g.param(l))).Op(":=").Range().Id(valuesFunc(l)).Call()).Block(body)
	}
	b.Add(body)
}

// spanNameExpr is the expression of an operation's span name from its parameters:
// "klaviyo." + endpoint.String().
func (g *generator) spanNameExpr(o *model.Operation) *jen.Statement {
	var parts []jen.Code
	for i, lit := range o.Span.NameParts {
		if lit != "" {
			parts = append(parts, jen.Lit(lit))
		}
		if i < len(o.Span.NameParams) {
			l := o.Span.NameParams[i]
			if l.Enum() {
				parts = append(parts, jen.Id(g.param(l)).Dot("String").Call())
			} else {
				parts = append(parts, jen.Id(g.param(l)))
			}
		}
	}
	if len(parts) == 0 {
		return jen.Lit("")
	}
	e := jen.Add(parts[0])
	for _, p := range parts[1:] {
		e.Op("+").Add(p)
	}
	return e
}

// spanName is the span name at a call: a constant, the precomputed name, or the name made now.
func (g *generator) spanName(o *model.Operation) *jen.Statement {
	if len(o.Span.NameParams) == 0 {
		return jen.Lit(strings.Join(o.Span.NameParts, ""))
	}
	if g.spanNameArray(o) != nil {
		s := jen.Id("m").Dot(stateField).Dot(spanNamesField(o))
		for _, l := range o.Span.NameParams {
			s.Index(jen.Id(g.param(l))) // checked by checkParams
		}
		return s
	}
	return g.spanNameExpr(o)
}

// enumParam reports whether l is an enum parameter of an operation of s: its type then has
// the index method (see enumIndex), which the operation checks it with.
func enumParam(s *model.Spec, l *model.Label) bool {
	if !l.Enum() {
		return false
	}
	for _, o := range s.Operations {
		if slices.Contains(o.Params, l) {
			return true
		}
	}
	return false
}

// checkParams writes the check of an operation's enum parameters, before it starts: a value
// that is none of a label's constants (a conversion) becomes the label's other value, or
// panics naming the label, as recording it would; the operation then records, names its span
// and logs only values of the label.
//
//	endpoint = endpoint.index()
func (g *generator) checkParams(b *jen.Group, o *model.Operation) {
	for _, l := range o.Params {
		if l.Enum() {
			b.Id(g.param(l)).Op("=").Add(g.index(l))
		}
	}
}

// opParams are an operation's parameters as Go parameters.
func (g *generator) opParams(o *model.Operation) []jen.Code { return g.params(o.Params) }

// opDoc is the doc comment of an operation's method.
func (g *generator) opDoc(o *model.Operation, first string) *jen.Statement {
	var records []string
	for _, m := range o.Metrics() {
		what := m.Name
		switch m {
		case o.Requests:
			if o.Outcome != nil {
				what += fmt.Sprintf(" (%s: success, error", o.Outcome.Name)
				if o.Canceled() {
					what += " or canceled"
				}
				what += ")"
			}
		case o.Errors:
			if len(o.ErrorLabels) > 0 {
				var names []string
				for _, l := range o.ErrorLabels {
					names = append(names, l.Name)
				}
				what += fmt.Sprintf(" (%s from the error: see %s)", gen.JoinAnd(names), errorLabelsType(o))
			}
		}
		records = append(records, what)
	}
	if o.Span != nil {
		name := fmt.Sprintf("%q", o.Span.Name)
		switch o.Kind {
		case model.HTTPServerOperation:
			name = `"<method> <route>"`
		case model.HTTPClientOperation:
			name = `"<method>"`
		}
		records = append(records, fmt.Sprintf("a span %s of kind %s", name, o.Span.Kind))
	}
	if o.Log != nil {
		records = append(records, fmt.Sprintf("a log record %q", o.Log.Message))
	}
	paras := []string{first}
	if o.Help != "" {
		paras[0] = first + " " + sentence(o.Help)
	}
	paras = append(paras, "It records "+gen.JoinAnd(records)+".")
	return doc(paras...)
}

// callOperation writes the method of a call operation:
//
//	func (m *Metrics) APICall(ctx context.Context, method Method, endpoint Endpoint, fn func(context.Context) error) error {
//		var span trace.Span
//		if t := m.ops.tracing.tracer; t != nil {
//			ctx, span = t.Start(ctx, name, trace.WithSpanKind(...), trace.WithAttributes(...))
//		}
//		start := time.Now()
//		returned := false
//		defer func() {
//			if !returned {
//				err := recovered(recover())
//				m.apiCallEnd(ctx, span, start, err, method, endpoint)
//				repanic(err)
//			}
//		}()
//		err := fn(ctx)
//		returned = true
//		m.apiCallEnd(ctx, span, start, err, method, endpoint)
//		return err
//	}
func (g *generator) callOperation(f *jen.File, o *model.Operation) {
	if len(o.ErrorLabels) > 0 {
		var names []string
		var results []jen.Code
		for i, l := range o.ErrorLabels {
			names = append(names, l.Name)
			r := jen.Id(g.param(l))
			if i+1 == len(o.ErrorLabels) || !sameType(l, o.ErrorLabels[i+1]) {
				r.Add(paramType(l))
			}
			results = append(results, r)
		}
		f.Add(doc(fmt.Sprintf("%s is what an error returned by the function of %s may implement (found with errors.As, "+
			"so also when wrapped) to give the labels %s of %s; an error that does not implement it gets %q.",
			errorLabelsType(o), o.GoName, gen.JoinAnd(names), o.Errors.Name, o.ErrorFallback)))
		f.Type().Id(errorLabelsType(o)).Interface(jen.Id("MetricLabels").Params().Params(results...))
		f.Line()
	}
	f.Add(g.opDoc(o, fmt.Sprintf("%s runs fn as one %s operation, passing it ctx (with the operation's span), and returns its error.", o.GoName, o.Key)))
	f.Comment("//")
	f.Comment("A panic in fn is recorded as an error, and goes on.")
	params := append([]jen.Code{jen.Id("ctx").Qual(contextPath, "Context")}, g.opParams(o)...)
	params = append(params, jen.Id("fn").Func().Params(jen.Qual(contextPath, "Context")).Error())
	endArgs := func(err jen.Code) []jen.Code {
		as := []jen.Code{jen.Id("ctx")}
		if o.Span != nil {
			as = append(as, jen.Id("span"))
		}
		as = append(as, jen.Id("start"), err)
		return append(as, g.args(o.Params)...)
	}
	f.Func().Params(jen.Id("m").Op("*").Id("Metrics")).Id(o.GoName).Params(params...).Error().BlockFunc(func(b *jen.Group) {
		g.checkParams(b, o)
		if o.Span != nil {
			b.Var().Id("span").Qual(otelTracePath, "Span")
			b.If(jen.Id("t").Op(":=").Id("m").Dot(stateField).Dot("tracing").Dot("tracer"), jen.Id("t").Op("!=").Nil()).Block(
				jen.List(jen.Id("ctx"), jen.Id("span")).Op("=").Id("t").Dot("Start").Call(g.startArgs(o)...),
			)
		}
		g.inFlightInc(b, o)
		b.Id("start").Op(":=").Qual(timePath, "Now").Call()
		g.deferEnd(b, o, endArgs)
		b.Id("err").Op(":=").Id("fn").Call(jen.Id("ctx"))
		b.Id("returned").Op("=").True()
		b.Id("m").Dot(endMethod(o)).Call(endArgs(jen.Id("err"))...)
		b.Return(jen.Id("err"))
	})
	f.Line()
}

// startArgs are the arguments of Tracer.Start of a call operation.
func (g *generator) startArgs(o *model.Operation) []jen.Code {
	args := []jen.Code{jen.Id("ctx"), g.spanName(o),
		jen.Qual(otelTracePath, "WithSpanKind").Call(jen.Qual(otelTracePath, spanKindConst(o.Span.Kind)))}
	var attrs []jen.Code
	for _, kv := range o.Span.Attributes {
		attrs = append(attrs, jen.Qual(otelAttrPath, "String").Call(jen.Lit(kv.Key), jen.Lit(kv.Value)))
	}
	for _, l := range o.Span.Params {
		attrs = append(attrs, jen.Qual(otelAttrPath, "String").Call(jen.Lit(l.Name), g.labelString(l)))
	}
	if len(attrs) > 0 {
		args = append(args, jen.Qual(otelTracePath, "WithAttributes").Call(attrs...))
	}
	return args
}

// spanKindConst is the trace API's constant of a span kind.
func spanKindConst(kind string) string {
	return "SpanKind" + strings.ToUpper(kind[:1]) + kind[1:]
}

// labelString is the label value of a parameter as a string: enum.String() or the string.
func (g *generator) labelString(l *model.Label) *jen.Statement {
	if l.Enum() {
		return jen.Id(g.param(l)).Dot("String").Call()
	}
	return jen.Id(g.param(l))
}

// constAttrs are the constant attributes of an HTTP operation's span, and those of its
// span.parameters.
func (g *generator) constAttrs(o *model.Operation, recv string) []jen.Code {
	if o.Span == nil {
		return nil
	}
	var attrs []jen.Code
	for _, kv := range o.Span.Attributes {
		attrs = append(attrs, jen.Qual(otelAttrPath, "String").Call(jen.Lit(kv.Key), jen.Lit(kv.Value)))
	}
	for _, l := range o.Span.Params {
		v := jen.Id(recv).Dot(g.param(l))
		if l.Enum() {
			v = v.Dot("String").Call()
		}
		attrs = append(attrs, jen.Qual(otelAttrPath, "String").Call(jen.Lit(l.Name), v))
	}
	return attrs
}

// deferEnd writes the deferred function that records an operation whose function panicked or
// exited its goroutine, and panics again.
func (g *generator) deferEnd(b *jen.Group, o *model.Operation, endArgs func(jen.Code) []jen.Code) {
	b.Id("returned").Op(":=").False()
	b.Defer().Func().Params().Block(
		jen.If(jen.Op("!").Id("returned")).Block(
			jen.Id("err").Op(":=").Id("recovered").Call(jen.Recover()),
			jen.Id("m").Dot(endMethod(o)).Call(endArgs(jen.Id("err"))...),
			jen.Id("repanic").Call(jen.Id("err")),
		),
	).Call()
}

// inFlightInc increments the in-flight gauge of an operation.
func (g *generator) inFlightInc(b *jen.Group, o *model.Operation) {
	if o.InFlight != nil {
		b.Add(g.gaugeCall(o.InFlight, "Inc"))
	}
}

// opSeries is the client_golang series of one of an operation's metrics, for the values of
// its labels in the locals (and parameters) named after them.
func (g *generator) opSeries(m *model.Metric) *jen.Statement {
	sh := g.shapes.of[m]
	if isOTel(g.s) {
		return jen.Id("m").Dot(m.GoName) // its methods take the labels: inc and observe add them
	}
	switch {
	case sh.unlabelled() && sh.lazy:
		return jen.Id("m").Dot(m.GoName).Dot(strings.ToLower(sh.promKind())).Dot("get").Call() // made on first use
	case sh.unlabelled():
		return jen.Id("m").Dot(m.GoName).Dot(sh.field())
	}
	return jen.Id("m").Dot(m.GoName).Dot("with").Call(g.args(m.Labels)...)
}

// serverOperation writes the middleware of an http_server operation.
func (g *generator) serverOperation(f *jen.File, o *model.Operation) {
	typ := opTypeName(o)
	f.Add(g.opDoc(o, fmt.Sprintf("%s returns next wrapped as the %s operation: each request it serves is one operation.", o.GoName, o.Key)))
	f.Comment("//")
	f.Comment("The route is the path of the http.ServeMux pattern that matched the request (Request.Pattern), so")
	f.Comment("wrap the ServeMux itself, or each handler registered on it. A panic in next is recorded as an")
	f.Comment("error (a response status of 500), and goes on.")
	params := append([]jen.Code{jen.Id("next").Qual(httpPath, "Handler")}, g.opParams(o)...)
	f.Func().Params(jen.Id("m").Op("*").Id("Metrics")).Id(o.GoName).Params(params...).Qual(httpPath, "Handler").BlockFunc(func(b *jen.Group) {
		g.checkParams(b, o)
		b.Return(jen.Op("&").Id(typ).ValuesFunc(func(d *jen.Group) {
			d.Id("m").Op(":").Id("m")
			d.Id("next").Op(":").Id("next")
			for _, l := range o.Params {
				d.Id(g.param(l)).Op(":").Id(g.param(l))
			}
		}))
	})
	f.Line()
	g.opStruct(f, o, typ, jen.Qual(httpPath, "Handler"))
	h := o.HTTP
	endArgs := func(err jen.Code) []jen.Code {
		as := []jen.Code{jen.Id("r"), jen.Id("rec")}
		if o.Span != nil {
			as = append(as, jen.Id("span"))
		}
		as = append(as, jen.Id("start"), err)
		if h.Method != nil {
			as = append(as, jen.Id(g.param(h.Method)))
		}
		return append(as, g.args(o.Params)...)
	}
	f.Comment("ServeHTTP serves r with the wrapped handler and records it.")
	f.Func().Params(jen.Id("h").Op("*").Id(typ)).Id("ServeHTTP").Params(jen.Id("w").Qual(httpPath, "ResponseWriter"), jen.Id("r").Op("*").Qual(httpPath, "Request")).BlockFunc(func(b *jen.Group) {
		b.Id("m").Op(":=").Id("h").Dot("m")
		if h.Method != nil {
			b.Id(g.param(h.Method)).Op(":=").Add(g.foldString(h.Method, jen.Id("r").Dot("Method")))
		}
		g.bindParams(b, o, "h")
		if o.Span != nil {
			b.Var().Id("span").Qual(otelTracePath, "Span")
			b.If(jen.Id("m").Dot(stateField).Dot("tracing").Dot("tracer").Op("!=").Nil()).Block(
				jen.List(jen.Id("r"), jen.Id("span")).Op("=").Id("startServerSpan").Call(append([]jen.Code{jen.Id("m").Dot(stateField).Dot("tracing"), jen.Id("r")}, g.constAttrs(o, "h")...)...),
			)
		}
		g.inFlightInc(b, o)
		b.Id("rec").Op(":=").Op("&").Id("responseRecorder").Values(jen.Id("ResponseWriter").Op(":").Id("w"))
		b.Id("start").Op(":=").Qual(timePath, "Now").Call()
		g.deferEnd(b, o, endArgs)
		b.Id("h").Dot("next").Dot("ServeHTTP").Call(jen.Id("rec"), jen.Id("r"))
		b.Id("returned").Op("=").True()
		b.Id("m").Dot(endMethod(o)).Call(endArgs(jen.Nil())...)
	})
	f.Line()
}

// bindParams makes locals of the parameters a handler or transport holds, so that the code
// after reads them by their names.
func (g *generator) bindParams(b *jen.Group, o *model.Operation, recv string) {
	for _, l := range o.Params {
		b.Id(g.param(l)).Op(":=").Id(recv).Dot(g.param(l))
	}
}

// opStruct writes the struct of an HTTP operation's handler or transport.
func (g *generator) opStruct(f *jen.File, o *model.Operation, typ string, next jen.Code) {
	f.Comment(fmt.Sprintf("%s is the %s of %s, with its parameters.", typ, map[model.OperationKind]string{model.HTTPServerOperation: "handler", model.HTTPClientOperation: "transport"}[o.Kind], o.GoName))
	f.Type().Id(typ).StructFunc(func(s *jen.Group) {
		s.Id("m").Op("*").Id("Metrics")
		s.Id("next").Add(next)
		for _, l := range o.Params {
			s.Id(g.param(l)).Add(paramType(l))
		}
	})
	f.Line()
}

// foldString is the value of an HTTP label of a string: the enum value of the label's
// <Label>Of (its other: value for a string it does not list; validation makes sure an enum
// label an HTTP operation fills has one), or the string.
//
//	MethodOf(r.Method)
func (g *generator) foldString(l *model.Label, s *jen.Statement) *jen.Statement {
	if l.Enum() {
		return jen.Id(ofFunc(l)).Call(s)
	}
	return s
}

// clientOperation writes the transport of an http_client operation.
func (g *generator) clientOperation(f *jen.File, o *model.Operation) {
	typ := opTypeName(o)
	f.Add(g.opDoc(o, fmt.Sprintf("%s returns next (http.DefaultTransport when nil) wrapped as the %s operation: each request it sends is one operation, from RoundTrip until the response's header arrives.", o.GoName, o.Key)))
	f.Comment("//")
	f.Comment("Use it as the Transport of an http.Client. A panic in next is recorded as an error, and goes on.")
	params := append([]jen.Code{jen.Id("next").Qual(httpPath, "RoundTripper")}, g.opParams(o)...)
	f.Func().Params(jen.Id("m").Op("*").Id("Metrics")).Id(o.GoName).Params(params...).Qual(httpPath, "RoundTripper").BlockFunc(func(b *jen.Group) {
		g.checkParams(b, o)
		b.If(jen.Id("next").Op("==").Nil()).Block(jen.Id("next").Op("=").Qual(httpPath, "DefaultTransport"))
		b.Return(jen.Op("&").Id(typ).ValuesFunc(func(d *jen.Group) {
			d.Id("m").Op(":").Id("m")
			d.Id("next").Op(":").Id("next")
			for _, l := range o.Params {
				d.Id(g.param(l)).Op(":").Id(g.param(l))
			}
		}))
	})
	f.Line()
	g.opStruct(f, o, typ, jen.Qual(httpPath, "RoundTripper"))
	h := o.HTTP
	endArgs := func(resp, err jen.Code) []jen.Code {
		as := []jen.Code{jen.Id("req"), resp}
		if o.Span != nil {
			as = append(as, jen.Id("span"))
		}
		as = append(as, jen.Id("start"), err)
		if h.Method != nil {
			as = append(as, jen.Id(g.param(h.Method)))
		}
		if h.Server != nil {
			as = append(as, jen.Id(g.param(h.Server)))
		}
		return append(as, g.args(o.Params)...)
	}
	f.Comment("RoundTrip sends req with the wrapped transport and records it.")
	f.Func().Params(jen.Id("t").Op("*").Id(typ)).Id("RoundTrip").Params(jen.Id("req").Op("*").Qual(httpPath, "Request")).Params(jen.Op("*").Qual(httpPath, "Response"), jen.Error()).BlockFunc(func(b *jen.Group) {
		b.Id("m").Op(":=").Id("t").Dot("m")
		if h.Method != nil {
			b.Id(g.param(h.Method)).Op(":=").Add(g.foldString(h.Method, jen.Id("req").Dot("Method")))
		}
		if h.Server != nil {
			b.Id(g.param(h.Server)).Op(":=").Add(g.foldString(h.Server, jen.Id("req").Dot("URL").Dot("Hostname").Call()))
		}
		g.bindParams(b, o, "t")
		if o.Span != nil {
			b.Var().Id("span").Qual(otelTracePath, "Span")
			b.If(jen.Id("m").Dot(stateField).Dot("tracing").Dot("tracer").Op("!=").Nil()).Block(
				jen.List(jen.Id("req"), jen.Id("span")).Op("=").Id("startClientSpan").Call(append([]jen.Code{jen.Id("m").Dot(stateField).Dot("tracing"), jen.Id("req")}, g.constAttrs(o, "t")...)...),
			)
		}
		g.inFlightInc(b, o)
		b.Id("start").Op(":=").Qual(timePath, "Now").Call()
		b.Id("returned").Op(":=").False()
		b.Defer().Func().Params().Block(
			jen.If(jen.Op("!").Id("returned")).Block(
				jen.Id("err").Op(":=").Id("recovered").Call(jen.Recover()),
				jen.Id("m").Dot(endMethod(o)).Call(endArgs(jen.Nil(), jen.Id("err"))...),
				jen.Id("repanic").Call(jen.Id("err")),
			),
		).Call()
		b.List(jen.Id("resp"), jen.Err()).Op(":=").Id("t").Dot("next").Dot("RoundTrip").Call(jen.Id("req"))
		b.Id("returned").Op("=").True()
		b.Id("m").Dot(endMethod(o)).Call(endArgs(jen.Id("resp"), jen.Err())...)
		b.Return(jen.Id("resp"), jen.Err())
	})
	f.Line()
}

// endCode writes the method recording the end of an operation: its metrics, its span, its log
// record.
func (g *generator) endCode(f *jen.File, o *model.Operation) {
	h := o.HTTP
	var params []jen.Code
	ctx := jen.Id("ctx")
	switch o.Kind {
	case model.CallOperation:
		params = append(params, jen.Id("ctx").Qual(contextPath, "Context"))
	case model.HTTPServerOperation:
		params = append(params, jen.Id("r").Op("*").Qual(httpPath, "Request"), jen.Id("rec").Op("*").Id("responseRecorder"))
		ctx = jen.Id("r").Dot("Context").Call()
	case model.HTTPClientOperation:
		params = append(params, jen.Id("req").Op("*").Qual(httpPath, "Request"), jen.Id("resp").Op("*").Qual(httpPath, "Response"))
		ctx = jen.Id("req").Dot("Context").Call()
	}
	if o.Span != nil {
		params = append(params, jen.Id("span").Qual(otelTracePath, "Span"))
	}
	params = append(params, jen.Id("start").Qual(timePath, "Time"), jen.Err().Error())
	var labels []*model.Label
	if h.Method != nil {
		labels = append(labels, h.Method)
	}
	if o.Kind == model.HTTPClientOperation && h.Server != nil {
		labels = append(labels, h.Server)
	}
	labels = append(labels, o.Params...)
	params = append(params, g.params(labels)...)

	otel := isOTel(g.s)
	needResult := o.Outcome != nil || o.Errors != nil || o.Span != nil || o.Log != nil
	needCode := o.Kind == model.HTTPServerOperation && (needResult || h.StatusCode != nil || h.StatusClass != nil)
	exemplar := jen.Nil()
	if o.Span != nil {
		exemplar = jen.Id("exemplar")
	}

	f.Comment(fmt.Sprintf("%s records the end of one %s operation, which started at start and ended with err.", endMethod(o), o.GoName))
	f.Func().Params(jen.Id("m").Op("*").Id("Metrics")).Id(endMethod(o)).Params(params...).BlockFunc(func(b *jen.Group) {
		b.Id("elapsed").Op(":=").Qual(timePath, "Since").Call(jen.Id("start"))
		if needCode {
			b.Id("code").Op(":=").Id("rec").Dot("code").Call()
			b.If(jen.Err().Op("!=").Nil().Op("&&").Id("rec").Dot("status").Op("==").Lit(0)).Block(
				jen.Id("code").Op("=").Qual(httpPath, "StatusInternalServerError"),
			)
		}
		if needResult {
			switch o.Kind {
			case model.CallOperation:
				b.Id("result").Op(":=").Id("outcomeOf").Call(jen.Err(), jen.Lit(o.Canceled()))
			case model.HTTPServerOperation:
				b.Id("result").Op(":=").Id("serverOutcome").Call(jen.Id("r").Dot("Context").Call(), jen.Id("code"), jen.Err(), jen.Lit(o.Canceled()))
			case model.HTTPClientOperation:
				b.Id("result").Op(":=").Id("clientOutcome").Call(jen.Id("resp"), jen.Err(), jen.Lit(o.Canceled()))
			}
		}
		if o.Kind == model.HTTPServerOperation && (h.Route != nil || o.Span != nil || o.Log != nil) {
			b.Id("pattern").Op(":=").Id("routeOf").Call(jen.Id("r").Dot("Pattern"))
		}
		if l := h.Route; l != nil {
			if l.Enum() {
				b.Id(g.param(l)).Op(":=").Add(g.foldString(l, jen.Id("pattern")))
			} else {
				b.Id(g.param(l)).Op(":=").Id("pattern")
				b.If(jen.Id(g.param(l)).Op("==").Lit("")).Block(jen.Id(g.param(l)).Op("=").Lit(model.OtherValue))
			}
		}
		g.statusLabel(b, o, h.StatusCode, "statusCodeText")
		g.statusLabel(b, o, h.StatusClass, "statusClassOf")
		if l := o.Outcome; l != nil {
			b.Id(g.param(l)).Op(":=").Id(outcomeValue(l, model.OutcomeSuccess))
			b.Switch(jen.Id("result")).BlockFunc(func(sw *jen.Group) {
				sw.Case(jen.Id("operationError")).Block(jen.Id(g.param(l)).Op("=").Id(outcomeValue(l, model.OutcomeError)))
				if o.Canceled() {
					sw.Case(jen.Id("operationCanceled")).Block(jen.Id(g.param(l)).Op("=").Id(outcomeValue(l, model.OutcomeCanceled)))
				}
			})
		}
		if o.Span != nil && !otel {
			b.Id("exemplar").Op(":=").Id("exemplarOf").Call(jen.Id("span"))
		}
		if o.InFlight != nil {
			b.Add(g.gaugeCall(o.InFlight, "Dec"))
		}
		if o.Duration != nil {
			b.Add(g.observe(o.Duration, jen.Id("elapsed").Dot("Seconds").Call(), exemplar, ctx))
		}
		for _, l := range o.ErrorLabels {
			b.Var().Id(g.param(l)).Add(paramType(l))
		}
		if o.Errors != nil {
			b.If(jen.Id("result").Op("==").Id("operationError")).BlockFunc(func(ib *jen.Group) {
				if len(o.ErrorLabels) > 0 {
					var lhs, fallbacks []jen.Code
					for _, l := range o.ErrorLabels {
						lhs = append(lhs, jen.Id(g.param(l)))
						if l.Enum() {
							fallbacks = append(fallbacks, jen.Id(outcomeValue(l, o.ErrorFallback)))
						} else {
							fallbacks = append(fallbacks, jen.Lit(o.ErrorFallback))
						}
					}
					ib.List(lhs...).Op("=").List(fallbacks...)
					ib.Var().Id("l").Id(errorLabelsType(o))
					ib.If(jen.Qual(errorsPath, "As").Call(jen.Err(), jen.Op("&").Id("l"))).Block(
						jen.List(lhs...).Op("=").Id("l").Dot("MetricLabels").Call(),
					)
				}
				ib.Add(g.inc(o.Errors, exemplar, ctx))
			})
		}
		if o.Requests != nil {
			b.Add(g.inc(o.Requests, exemplar, ctx))
		}
		if o.Span != nil {
			b.If(jen.Id("span").Op("!=").Nil()).BlockFunc(func(ib *jen.Group) {
				switch o.Kind {
				case model.CallOperation:
					desc := jen.Lit("")
					ib.Id("description").Op(":=").Add(desc)
					ib.If(jen.Err().Op("!=").Nil()).Block(jen.Id("description").Op("=").Err().Dot("Error").Call())
					ib.Id("endSpan").Call(jen.Id("span"), jen.Err(), jen.Id("result"), jen.Id("description"))
				case model.HTTPServerOperation:
					ib.Id("endServerSpan").Call(jen.Id("span"), jen.Id("r").Dot("Method"), jen.Id("pattern"), jen.Id("code"), jen.Err(), jen.Id("result"))
				case model.HTTPClientOperation:
					ib.Id("endClientSpan").Call(jen.Id("span"), jen.Id("resp"), jen.Err(), jen.Id("result"))
				}
			})
		}
		if o.Log != nil {
			g.logCode(b, o, ctx)
		}
	})
	f.Line()
}

// outcomeValue is the constant of value v of enum label l.
func outcomeValue(l *model.Label, v string) string {
	for _, x := range l.Values {
		if x.Value == v {
			return x.GoName
		}
	}
	return l.GoName + model.GoCase(v) // validation guarantees the value
}

// statusLabel writes the local of a status label of an HTTP operation (code or class).
func (g *generator) statusLabel(b *jen.Group, o *model.Operation, l *model.Label, conv string) {
	if l == nil {
		return
	}
	p := g.param(l)
	if o.Kind == model.HTTPServerOperation {
		if l.Enum() && l.Other == nil {
			// A label of status classes may list them all instead of an other value (validation):
			// a code without a class (600 to 999, which net/http lets a handler write) then
			// counts as a server error.
			//
			//	statusClass := StatusClass5xx
			//	if c, ok := ParseStatusClass(statusClassOf(code)); ok {
			//		statusClass = c
			//	}
			b.Id(p).Op(":=").Id(outcomeValue(l, "5xx"))
			b.If(jen.List(jen.Id("c"), jen.Id("ok")).Op(":=").Id(parseFunc(l)).Call(jen.Id(conv).Call(jen.Id("code"))), jen.Id("ok")).Block(
				jen.Id(p).Op("=").Id("c"),
			)
			return
		}
		b.Id(p).Op(":=").Add(g.foldString(l, jen.Id(conv).Call(jen.Id("code"))))
		return
	}
	if l.Enum() {
		b.Id(p).Op(":=").Id(l.Other.GoName) // no response (validation: an enum label here has other)
	} else {
		b.Id(p).Op(":=").Lit(o.ErrorFallback)
	}
	b.If(jen.Id("resp").Op("!=").Nil()).Block(jen.Id(p).Op("=").Add(g.foldString(l, jen.Id(conv).Call(jen.Id("resp").Dot("StatusCode")))))
}

// slogLevels are log/slog's constants of the levels of the spec.
var slogLevels = map[string]string{"debug": "LevelDebug", "info": "LevelInfo", "warn": "LevelWarn", "error": "LevelError"}

// logCode writes the log record of an operation:
//
//	var level slog.Level
//	switch result {
//	case operationSuccess:
//		level = slog.LevelDebug
//	...
//	}
//	logger := m.operationLogger(ctx, level)
//	if logger == nil {
//		return
//	}
//	attrs := []slog.Attr{slog.String("operation", "api_call"), ...}
//	logger.LogAttrs(ctx, level, "klaviyo API call", attrs...)
func (g *generator) logCode(b *jen.Group, o *model.Operation, ctx jen.Code) {
	lg := o.Log
	b.Var().Id("level").Qual(slogPath, "Level")
	b.Switch(jen.Id("result")).BlockFunc(func(sw *jen.Group) {
		for _, c := range []struct{ outcome, level string }{{"operationSuccess", lg.Success}, {"operationError", lg.Error}, {"operationCanceled", lg.Canceled}} {
			if c.outcome == "operationCanceled" && !o.Canceled() {
				continue
			}
			if c.level == "off" {
				sw.Case(jen.Id(c.outcome)).Block(jen.Return())
				continue
			}
			sw.Case(jen.Id(c.outcome)).Block(jen.Id("level").Op("=").Qual(slogPath, slogLevels[c.level]))
		}
	})
	b.Id("logger").Op(":=").Id("m").Dot(loggerMethod).Call(ctx, jen.Id("level"))
	b.If(jen.Id("logger").Op("==").Nil()).Block(jen.Return())
	b.Id("attrs").Op(":=").Index().Qual(slogPath, "Attr").ValuesFunc(func(v *jen.Group) {
		v.Qual(slogPath, "String").Call(jen.Lit("operation"), jen.Lit(o.Key))
		for _, l := range o.Params {
			v.Qual(slogPath, "String").Call(jen.Lit(l.Name), g.labelString(l))
		}
		switch o.Kind {
		case model.HTTPServerOperation:
			v.Qual(slogPath, "String").Call(jen.Lit("http.request.method"), jen.Id("r").Dot("Method"))
			v.Qual(slogPath, "String").Call(jen.Lit("http.route"), jen.Id("pattern"))
			v.Qual(slogPath, "Int").Call(jen.Lit("http.response.status_code"), jen.Id("code"))
		case model.HTTPClientOperation:
			v.Qual(slogPath, "String").Call(jen.Lit("http.request.method"), jen.Id("req").Dot("Method"))
			v.Qual(slogPath, "String").Call(jen.Lit("server.address"), jen.Id("req").Dot("URL").Dot("Hostname").Call())
		}
		v.Qual(slogPath, "String").Call(jen.Lit("outcome"), jen.Id("result").Dot("String").Call())
		v.Qual(slogPath, "Duration").Call(jen.Lit("duration"), jen.Id("elapsed"))
	})
	if o.Kind == model.HTTPClientOperation {
		b.If(jen.Id("resp").Op("!=").Nil()).Block(
			jen.Id("attrs").Op("=").Append(jen.Id("attrs"), jen.Qual(slogPath, "Int").Call(jen.Lit("http.response.status_code"), jen.Id("resp").Dot("StatusCode"))),
		)
	}
	b.If(jen.Err().Op("!=").Nil()).Block(
		jen.Id("attrs").Op("=").Append(jen.Id("attrs"), jen.Qual(slogPath, "Any").Call(jen.Lit("error"), jen.Err())),
	)
	if len(o.ErrorLabels) > 0 {
		b.If(jen.Id("result").Op("==").Id("operationError")).BlockFunc(func(ib *jen.Group) {
			var as []jen.Code
			for _, l := range o.ErrorLabels {
				as = append(as, jen.Qual(slogPath, "String").Call(jen.Lit(l.Name), g.labelString(l)))
			}
			ib.Id("attrs").Op("=").Append(append([]jen.Code{jen.Id("attrs")}, as...)...)
		})
	}
	if o.Span != nil {
		b.Id("attrs").Op("=").Id("appendTraceAttrs").Call(jen.Id("attrs"), jen.Id("span"))
	}
	b.Id("logger").Dot("LogAttrs").Call(ctx, jen.Id("level"), jen.Lit(lg.Message), jen.Id("attrs").Op("..."))
}

// inc adds 1 to the series of one of an operation's counters: with an exemplar on the
// Prometheus backend; on the otel backend through the instrument with the operation's context,
// from whose sampled span the SDK takes the exemplar itself:
//
//	incWithExemplar(m.APIRequestsTotal.with(method, endpoint, status), exemplar)
//	m.APIRequestsTotal.counter.Add(ctx, 1, m.APIRequestsTotal.series[method.index()][endpoint.index()][status.index()]...)
func (g *generator) inc(m *model.Metric, exemplar, ctx jen.Code) *jen.Statement {
	if isOTel(g.s) {
		return g.otelRecord(m, "Add", ctx, jen.Lit(1))
	}
	return jen.Id("incWithExemplar").Call(g.opSeries(m), exemplar)
}

// observe records v in the series of an operation's histogram, as inc does.
func (g *generator) observe(m *model.Metric, v, exemplar, ctx jen.Code) *jen.Statement {
	if isOTel(g.s) {
		return g.otelRecord(m, "Record", ctx, v)
	}
	return jen.Id("observeWithExemplar").Call(g.opSeries(m), v, exemplar)
}

// otelRecord is the measurement v of an operation's counter (method Add) or histogram
// (Record) on the otel backend, made with ctx: the instrument of the metric's type (the
// runtime's types without labels have the same field), and the options of the series, as the
// shape's own methods find them.
func (g *generator) otelRecord(m *model.Metric, method string, ctx, v jen.Code) *jen.Statement {
	sh := g.shapes.of[m]
	base := func() *jen.Statement { return jen.Id("m").Dot(m.GoName) }
	_, field := sh.otelInstrument()
	args := []jen.Code{ctx, v}
	switch {
	case sh.unlabelled():
	case sh.enumOnly():
		s := base().Dot("series")
		for _, l := range sh.enums {
			s.Index(g.at(l))
		}
		args = append(args, s.Op("..."))
	default:
		args = append(args, base().Dot("with").Call(g.args(m.Labels)...).Op("..."))
	}
	return base().Dot(field).Dot(method).Call(args...)
}

// gaugeCall moves the series of an operation's in-flight gauge up or down (method Inc or Dec).
func (g *generator) gaugeCall(m *model.Metric, method string) *jen.Statement {
	if isOTel(g.s) {
		return jen.Id("m").Dot(m.GoName).Dot(method).Call(g.args(m.Labels)...)
	}
	return g.opSeries(m).Dot(method).Call()
}

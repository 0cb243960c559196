//go:build ignore

// The OpenTelemetry part of the operations, copied only into packages whose spec declares a
// span (the root module does not require OpenTelemetry, so the file is built and tested in the
// scratch module of internal/gen/goscratch).

package gometrics

import (
	"fmt"
	"log/slog"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"
)

// errorTypeKey is the attribute key of the semantic conventions for the kind of error.
const errorTypeKey = attribute.Key("error.type")

// tracing is what the operations of a Metrics start their spans with.
type tracing struct {
	tracer     trace.Tracer // nil: no spans, a no-op TracerProvider was given
	propagator propagation.TextMapPropagator
}

// newTracing returns the tracing of tp (nil: the global TracerProvider) and p (nil: the
// global propagator), with spans of the instrumentation scope named scope. With a no-op
// TracerProvider the operations start no span at all, which would cost a context and a span
// for nothing.
func newTracing(tp trace.TracerProvider, p propagation.TextMapPropagator, scope string) tracing {
	if p == nil {
		p = otel.GetTextMapPropagator()
	}
	switch tp.(type) {
	case nil:
		tp = otel.GetTracerProvider()
	case noop.TracerProvider, *noop.TracerProvider:
		return tracing{propagator: p}
	}
	return tracing{tracer: tp.Tracer(scope), propagator: p}
}

// endSpan ends the span of an operation that returned err: the error is recorded (a panic
// with its stack), and the status is Error unless the operation succeeded or was canceled.
func endSpan(span trace.Span, err error, outcome operationOutcome, description string) {
	if err != nil {
		_, panicked := err.(panicError)
		span.RecordError(err, trace.WithStackTrace(panicked))
		span.SetAttributes(errorTypeKey.String(errorType(err)))
	}
	if outcome == operationError {
		span.SetStatus(codes.Error, description)
	}
	span.End()
}

// errorType returns the error.type of err, as the semantic conventions ask: the type's name.
func errorType(err error) string {
	switch err.(type) {
	case panicError:
		return "panic"
	case goexitError:
		return "goexit"
	}
	return fmt.Sprintf("%T", err)
}

// appendTraceAttrs appends the trace_id and span_id of span to attrs, when it has them.
func appendTraceAttrs(attrs []slog.Attr, span trace.Span) []slog.Attr {
	if span == nil {
		return attrs
	}
	if sc := span.SpanContext(); sc.IsValid() {
		attrs = append(attrs, slog.String("trace_id", sc.TraceID().String()), slog.String("span_id", sc.SpanID().String()))
	}
	return attrs
}

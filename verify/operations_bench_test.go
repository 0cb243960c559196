package verify

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"

	"github.com/metricgen/metricgen/generated/klaviyometrics"
)

// The cost of the generated APICall of spec/klaviyo.yaml (issue 15), against what it does by
// hand. Compare with benchstat:
//
//	cd verify && go test -run '^$' -bench Operation -benchmem -count 10 . | tee ops.txt && benchstat ops.txt
//
//   - BareMetrics: the generated metric calls the operation makes, written out: time.Now,
//     the call, time.Since, Observe and Inc on the generated metrics. The floor.
//   - Generated: APICall, with a no-op TracerProvider and logging off.
//   - Guide: the same wrapper written by hand the way the vendor guides write it
//     (WithLabelValues per call, time.Since, a span with attribute.String per parameter),
//     on the same no-op tracer.
//   - GeneratedSDK, GuideSDK: the same two with the OpenTelemetry SDK, sampling every span
//     into an in-memory exporter.
//   - GuideSDKExemplars: GuideSDK that also attaches the trace_id exemplars the generated code
//     attaches (the guides don't), the hand-written way: what GeneratedSDK compares with.

func noopOK(context.Context) error { return nil }

var quietLogger = slog.New(slog.DiscardHandler)

func BenchmarkOperationBareMetrics(b *testing.B) {
	m := klaviyometrics.MustNew(prometheus.NewRegistry())
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		start := time.Now()
		err := noopOK(ctx)
		m.APIDurationSeconds.Observe(time.Since(start).Seconds(), klaviyometrics.MethodPOST, klaviyometrics.EndpointEvents)
		if err == nil {
			m.APIRequestsTotal.Inc(klaviyometrics.MethodPOST, klaviyometrics.EndpointEvents, klaviyometrics.StatusSuccess)
		}
	}
}

func BenchmarkOperationGenerated(b *testing.B) {
	m := klaviyometrics.MustNew(prometheus.NewRegistry(), klaviyometrics.WithTracerProvider(noop.NewTracerProvider()), klaviyometrics.WithLogger(quietLogger))
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		m.APICall(ctx, klaviyometrics.MethodPOST, klaviyometrics.EndpointEvents, noopOK)
	}
}

func BenchmarkOperationGuide(b *testing.B) {
	g := newGuide(prometheus.NewRegistry(), noop.NewTracerProvider())
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		g.call(ctx, "POST", "events", noopOK)
	}
}

func sdkProvider(b *testing.B) (*sdktrace.TracerProvider, *tracetest.InMemoryExporter) {
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSampler(sdktrace.AlwaysSample()), sdktrace.WithSyncer(exp))
	b.Cleanup(func() { tp.Shutdown(context.Background()) })
	return tp, exp
}

func BenchmarkOperationGeneratedSDK(b *testing.B) {
	tp, exp := sdkProvider(b)
	m := klaviyometrics.MustNew(prometheus.NewRegistry(), klaviyometrics.WithTracerProvider(tp), klaviyometrics.WithLogger(quietLogger))
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		m.APICall(ctx, klaviyometrics.MethodPOST, klaviyometrics.EndpointEvents, noopOK)
		if i%1024 == 0 {
			exp.Reset()
		}
	}
}

func BenchmarkOperationGuideSDK(b *testing.B) {
	tp, exp := sdkProvider(b)
	g := newGuide(prometheus.NewRegistry(), tp)
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		g.call(ctx, "POST", "events", noopOK)
		if i%1024 == 0 {
			exp.Reset()
		}
	}
}

func BenchmarkOperationGuideSDKExemplars(b *testing.B) {
	tp, exp := sdkProvider(b)
	g := newGuide(prometheus.NewRegistry(), tp)
	g.exemplars = true
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		g.call(ctx, "POST", "events", noopOK)
		if i%1024 == 0 {
			exp.Reset()
		}
	}
}

// guide is Klaviyo's instrumentedCall and tracedKlaviyoCall as the guide writes them, in Go.
type guide struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	errors   *prometheus.CounterVec
	tracer   trace.Tracer

	exemplars bool // attach the span's trace_id to the observation and the increment
}

func newGuide(reg prometheus.Registerer, tp trace.TracerProvider) *guide {
	g := &guide{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "klaviyo_api_requests_total", Help: "Total Klaviyo API requests"}, []string{"method", "endpoint", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "klaviyo_api_duration_seconds", Help: "Klaviyo API request duration",
			Buckets: []float64{0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}}, []string{"method", "endpoint"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "klaviyo_api_errors_total", Help: "Klaviyo API errors"}, []string{"endpoint", "status_code", "error_code"}),
		tracer: tp.Tracer("klaviyo"),
	}
	reg.MustRegister(g.requests, g.duration, g.errors)
	return g
}

func (g *guide) call(ctx context.Context, method, endpoint string, fn func(context.Context) error) error {
	ctx, span := g.tracer.Start(ctx, "klaviyo."+endpoint, trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(
		attribute.String("peer.service", "klaviyo"),
		attribute.String("method", method),
		attribute.String("endpoint", endpoint),
	))
	defer span.End()
	start := time.Now()
	err := fn(ctx)
	var ex prometheus.Labels
	if sc := span.SpanContext(); g.exemplars && sc.IsSampled() {
		ex = prometheus.Labels{"trace_id": sc.TraceID().String()}
	}
	observe(g.duration.WithLabelValues(method, endpoint), time.Since(start).Seconds(), ex)
	if err != nil {
		inc(g.requests.WithLabelValues(method, endpoint, "error"), ex)
		inc(g.errors.WithLabelValues(endpoint, "unknown", "unknown"), ex)
		span.RecordError(err)
		span.SetStatus(codes.Error, err.Error())
		return err
	}
	inc(g.requests.WithLabelValues(method, endpoint, "success"), ex)
	return nil
}

func observe(o prometheus.Observer, v float64, ex prometheus.Labels) {
	if ex != nil {
		o.(prometheus.ExemplarObserver).ObserveWithExemplar(v, ex)
		return
	}
	o.Observe(v)
}

func inc(c prometheus.Counter, ex prometheus.Labels) {
	if ex != nil {
		c.(prometheus.ExemplarAdder).AddWithExemplar(1, ex)
		return
	}
	c.Inc()
}

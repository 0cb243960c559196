package verify

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/metricgen/metricgen/generated/klaviyometrics"
)

type klaviyoError struct{ status, code, email string }

func (e *klaviyoError) Error() string                  { return "klaviyo: " + e.status + " for " + e.email }
func (e *klaviyoError) MetricLabels() (string, string) { return e.status, e.code }
func (e *klaviyoError) LogValue() slog.Value {
	return slog.GroupValue(slog.String("status", e.status), slog.String("email", e.email))
}

// TestOperationWithSDK runs the generated APICall with the OpenTelemetry SDK: the span it
// records, the exemplar of the sampled span on the counters and the histogram, and the log
// record with the same trace_id and no raw personal data.
func TestOperationWithSDK(t *testing.T) {
	spans := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
	defer tp.Shutdown(context.Background())
	reg := prometheus.NewRegistry()
	var logs bytes.Buffer
	m := klaviyometrics.MustNew(reg, klaviyometrics.WithTracerProvider(tp),
		klaviyometrics.WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))))

	ctx, parent := tp.Tracer("test").Start(context.Background(), "sync")
	err := m.APICall(ctx, klaviyometrics.MethodPOST, klaviyometrics.EndpointEvents, func(context.Context) error {
		return &klaviyoError{"429", "throttled", "jane.doe@example.com"}
	})
	parent.End()
	if err == nil {
		t.Fatal("APICall did not return fn's error")
	}
	ended := spans.Ended()
	if len(ended) != 2 {
		t.Fatalf("%d spans ended, want 2", len(ended))
	}
	s := ended[0]
	if s.Name() != "klaviyo.events" || s.SpanKind() != trace.SpanKindClient || s.Status().Code != codes.Error {
		t.Errorf("span %q kind %v status %v", s.Name(), s.SpanKind(), s.Status())
	}
	if s.Parent().SpanID() != parent.SpanContext().SpanID() {
		t.Error("the operation's span is not the child of the span in ctx")
	}
	attrs := map[string]string{}
	for _, a := range s.Attributes() {
		attrs[string(a.Key)] = a.Value.Emit()
	}
	if attrs["peer.service"] != "klaviyo" || attrs["method"] != "POST" || attrs["error.type"] != "*verify.klaviyoError" {
		t.Errorf("attributes %v", attrs)
	}
	if len(s.Events()) != 1 || s.Events()[0].Name != "exception" {
		t.Errorf("events %v, want the recorded error", s.Events())
	}
	traceID := s.SpanContext().TraceID().String()

	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	exemplars := 0
	for _, mf := range mfs {
		for _, mt := range mf.GetMetric() {
			var labels []string
			if e := mt.GetCounter().GetExemplar(); e != nil {
				labels = append(labels, e.GetLabel()[0].GetValue())
			}
			for _, b := range mt.GetHistogram().GetBucket() {
				if e := b.GetExemplar(); e != nil {
					labels = append(labels, e.GetLabel()[0].GetValue())
				}
			}
			for _, l := range labels {
				exemplars++
				if l != traceID {
					t.Errorf("%s: exemplar trace_id %s, want %s", mf.GetName(), l, traceID)
				}
			}
		}
	}
	if exemplars != 3 { // requests, errors, one duration bucket
		t.Errorf("%d exemplars, want 3", exemplars)
	}
	line := logs.String()
	if !strings.Contains(line, `"trace_id":"`+traceID+`"`) || !strings.Contains(line, `"level":"WARN"`) {
		t.Errorf("log record %s", line)
	}
	if strings.Contains(line, "jane.doe@example.com") {
		t.Errorf("log record holds the raw email: %s", line)
	}
	if !strings.Contains(line, `"email":"jan***"`) {
		t.Errorf("log record does not hold the masked email: %s", line)
	}
}

// TestOperationNotSampled: a span the sampler drops gives no exemplar.
func TestOperationNotSampled(t *testing.T) {
	tp := sdktrace.NewTracerProvider(sdktrace.WithSampler(sdktrace.NeverSample()))
	reg := prometheus.NewRegistry()
	m := klaviyometrics.MustNew(reg, klaviyometrics.WithTracerProvider(tp), klaviyometrics.WithLogger(slog.New(slog.DiscardHandler)))
	m.APICall(context.Background(), klaviyometrics.MethodGET, klaviyometrics.EndpointLists, func(context.Context) error { return errors.New("x") })
	mfs, _ := reg.Gather()
	for _, mf := range mfs {
		for _, mt := range mf.GetMetric() {
			if mt.GetCounter().GetExemplar() != nil {
				t.Errorf("%s has an exemplar of an unsampled span", mf.GetName())
			}
		}
	}
}

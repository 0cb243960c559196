//go:build ignore

// The exemplars of the operations' spans on the Prometheus backend (see trace.go).

package gometrics

import (
	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/trace"
)

// exemplarOf returns the exemplar labels of span: its trace_id when it is sampled, else nil.
func exemplarOf(span trace.Span) prometheus.Labels {
	if span == nil {
		return nil
	}
	if sc := span.SpanContext(); sc.IsSampled() {
		return prometheus.Labels{"trace_id": sc.TraceID().String()}
	}
	return nil
}

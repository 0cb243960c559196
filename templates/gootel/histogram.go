//go:build ignore

package gootel

import (
	"context"

	"go.opentelemetry.io/otel/metric"
)

// Histogram is a histogram without labels, of something other than durations: one series,
// exported from its first observation (the metrics API cannot make an empty histogram).
type Histogram struct {
	histogram metric.Float64Histogram
}

// newHistogram creates the histogram name with opts.
func newHistogram(meter metric.Meter, name string, opts ...metric.Float64HistogramOption) (*Histogram, error) {
	h, err := meter.Float64Histogram(name, opts...)
	if err != nil {
		return nil, err
	}
	return &Histogram{histogram: h}, nil
}

// Observe records v in the histogram.
func (h *Histogram) Observe(v float64) { h.histogram.Record(context.Background(), v) }

//go:build ignore

package gootel

import (
	"context"

	"go.opentelemetry.io/otel/metric"
)

// DurationHistogram is a histogram of durations in seconds without labels: one series,
// exported from its first observation (the metrics API cannot make an empty histogram).
type DurationHistogram struct {
	histogram metric.Float64Histogram
}

// newDurationHistogram creates the histogram name with opts.
func newDurationHistogram(meter metric.Meter, name string, opts ...metric.Float64HistogramOption) (*DurationHistogram, error) {
	h, err := meter.Float64Histogram(name, opts...)
	if err != nil {
		return nil, err
	}
	return &DurationHistogram{histogram: h}, nil
}

// Observe records v, in seconds, in the histogram.
func (h *DurationHistogram) Observe(v float64) { h.histogram.Record(context.Background(), v) }

// Start starts timing an operation; ObserveDuration of the returned timer records it:
//
//	defer h.Start().ObserveDuration()
func (h *DurationHistogram) Start() Timer { return newTimer(h.histogram, nil) }

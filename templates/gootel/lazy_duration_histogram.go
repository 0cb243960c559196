//go:build ignore

package gootel

import (
	"context"

	"go.opentelemetry.io/otel/metric"
)

// LazyDurationHistogram is a histogram of durations in seconds without labels: one series,
// exported from its first observation, as every histogram of this backend is (the metrics API
// cannot make an empty histogram): the type of a histogram with init: none.
type LazyDurationHistogram struct {
	histogram metric.Float64Histogram
}

// newLazyDurationHistogram creates the histogram name with opts.
func newLazyDurationHistogram(meter metric.Meter, name string, opts ...metric.Float64HistogramOption) (*LazyDurationHistogram, error) {
	h, err := meter.Float64Histogram(name, opts...)
	if err != nil {
		return nil, err
	}
	return &LazyDurationHistogram{histogram: h}, nil
}

// Observe records v, in seconds, in the histogram.
func (h *LazyDurationHistogram) Observe(v float64) { h.histogram.Record(context.Background(), v) }

// Start starts timing an operation; ObserveDuration of the returned timer records it:
//
//	defer h.Start().ObserveDuration()
func (h *LazyDurationHistogram) Start() Timer { return newTimer(h.histogram, nil) }

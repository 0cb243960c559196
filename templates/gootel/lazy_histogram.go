//go:build ignore

package gootel

import (
	"context"

	"go.opentelemetry.io/otel/metric"
)

// LazyHistogram is a histogram without labels, of something other than durations: one series,
// exported from its first observation, as every histogram of this backend is (the metrics API
// cannot make an empty histogram): the type of a histogram with init: none.
type LazyHistogram struct {
	histogram metric.Float64Histogram
}

// newLazyHistogram creates the histogram name with opts.
func newLazyHistogram(meter metric.Meter, name string, opts ...metric.Float64HistogramOption) (*LazyHistogram, error) {
	h, err := meter.Float64Histogram(name, opts...)
	if err != nil {
		return nil, err
	}
	return &LazyHistogram{histogram: h}, nil
}

// Observe records v in the histogram.
func (h *LazyHistogram) Observe(v float64) { h.histogram.Record(context.Background(), v) }

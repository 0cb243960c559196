package gometrics

import "github.com/prometheus/client_golang/prometheus"

// LazyHistogram is a histogram without labels, of something other than durations, that is
// exported once a value is first recorded (init: none).
type LazyHistogram struct {
	vec       *prometheus.HistogramVec
	histogram lazySeries[prometheus.Observer]
}

// newLazyHistogram creates the histogram of opts, without its series.
func newLazyHistogram(opts prometheus.HistogramOpts) *LazyHistogram {
	h := &LazyHistogram{vec: prometheus.NewHistogramVec(opts, nil)}
	h.histogram.vec = h.vec
	return h
}

// Observe records v in the histogram.
func (h *LazyHistogram) Observe(v float64) { h.histogram.get().Observe(v) }

package gometrics

import "github.com/prometheus/client_golang/prometheus"

// LazyDurationHistogram is a histogram of durations in seconds without labels that is
// exported once a value is first recorded (init: none).
type LazyDurationHistogram struct {
	vec       *prometheus.HistogramVec
	histogram lazySeries[prometheus.Observer]
}

// newLazyDurationHistogram creates the histogram of opts, without its series.
func newLazyDurationHistogram(opts prometheus.HistogramOpts) *LazyDurationHistogram {
	h := &LazyDurationHistogram{vec: prometheus.NewHistogramVec(opts, nil)}
	h.histogram.vec = h.vec
	return h
}

// Observe records v, in seconds, in the histogram.
func (h *LazyDurationHistogram) Observe(v float64) { h.histogram.get().Observe(v) }

// Start starts timing an operation, making the series if it is the first; ObserveDuration of
// the returned timer records it:
//
//	defer h.Start().ObserveDuration()
func (h *LazyDurationHistogram) Start() Timer { return newTimer(h.histogram.get()) }

package gometrics

import "github.com/prometheus/client_golang/prometheus"

// DurationHistogram is a histogram of durations in seconds without labels: one series,
// exported from the first scrape.
type DurationHistogram struct {
	histogram prometheus.Histogram
}

// newDurationHistogram creates the histogram of opts.
func newDurationHistogram(opts prometheus.HistogramOpts) *DurationHistogram {
	return &DurationHistogram{histogram: prometheus.NewHistogram(opts)}
}

// Observe records v, in seconds, in the histogram.
func (h *DurationHistogram) Observe(v float64) { h.histogram.Observe(v) }

// Start starts timing an operation; ObserveDuration of the returned timer records it:
//
//	defer h.Start().ObserveDuration()
func (h *DurationHistogram) Start() Timer { return newTimer(h.histogram) }

package gometrics

import "github.com/prometheus/client_golang/prometheus"

// Histogram is a histogram without labels, of something other than durations: one series,
// exported from the first scrape.
type Histogram struct {
	histogram prometheus.Histogram
}

// newHistogram creates the histogram of opts.
func newHistogram(opts prometheus.HistogramOpts) *Histogram {
	return &Histogram{histogram: prometheus.NewHistogram(opts)}
}

// Observe records v in the histogram.
func (h *Histogram) Observe(v float64) { h.histogram.Observe(v) }

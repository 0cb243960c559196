package gometrics

import "github.com/prometheus/client_golang/prometheus"

// GaugeFunc is a gauge without labels read at scrape time (observe: scrape): its value is what
// the function given to Observe returns when Prometheus scrapes.
type GaugeFunc struct {
	funcs *funcSeries
}

// newGaugeFunc creates the gauge of opts, without a function yet (and so without a series).
func newGaugeFunc(opts prometheus.GaugeOpts) *GaugeFunc {
	return &GaugeFunc{funcs: newFuncSeries(prometheus.NewDesc(opts.Name, opts.Help, nil, nil), prometheus.GaugeValue, [][]string{nil})}
}

// Observe makes f the gauge's value: f is called at every scrape, concurrently with the
// program, so it must be safe for that and quick. A later call replaces f; Observe(nil)
// removes the series.
func (g *GaugeFunc) Observe(f func() float64) { g.funcs.set(0, f) }

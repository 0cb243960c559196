package gometrics

import "github.com/prometheus/client_golang/prometheus"

// LazyGauge is a gauge without labels that is exported once a value is first recorded
// (init: none, gauges' default): before that there is no series, rather than a 0 that nobody
// measured.
type LazyGauge struct {
	vec   *prometheus.GaugeVec
	gauge lazySeries[prometheus.Gauge]
}

// newLazyGauge creates the gauge of opts, without its series.
func newLazyGauge(opts prometheus.GaugeOpts) *LazyGauge {
	g := &LazyGauge{vec: prometheus.NewGaugeVec(opts, nil)}
	g.gauge.vec = g.vec
	return g
}

// Set sets the gauge to v.
func (g *LazyGauge) Set(v float64) { g.gauge.get().Set(v) }

// Inc adds 1 to the gauge.
func (g *LazyGauge) Inc() { g.gauge.get().Inc() }

// Dec subtracts 1 from the gauge.
func (g *LazyGauge) Dec() { g.gauge.get().Dec() }

// Add adds v to the gauge.
func (g *LazyGauge) Add(v float64) { g.gauge.get().Add(v) }

// Sub subtracts v from the gauge.
func (g *LazyGauge) Sub(v float64) { g.gauge.get().Sub(v) }

// SetToCurrentTime sets the gauge to the current Unix time in seconds.
func (g *LazyGauge) SetToCurrentTime() { g.gauge.get().SetToCurrentTime() }

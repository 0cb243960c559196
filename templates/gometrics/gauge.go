package gometrics

import "github.com/prometheus/client_golang/prometheus"

// Gauge is a gauge without labels: one series, exported from the first scrape.
type Gauge struct {
	gauge prometheus.Gauge
}

// newGauge creates the gauge of opts.
func newGauge(opts prometheus.GaugeOpts) *Gauge {
	return &Gauge{gauge: prometheus.NewGauge(opts)}
}

// Set sets the gauge to v.
func (g *Gauge) Set(v float64) { g.gauge.Set(v) }

// Inc adds 1 to the gauge.
func (g *Gauge) Inc() { g.gauge.Inc() }

// Dec subtracts 1 from the gauge.
func (g *Gauge) Dec() { g.gauge.Dec() }

// Add adds v to the gauge.
func (g *Gauge) Add(v float64) { g.gauge.Add(v) }

// Sub subtracts v from the gauge.
func (g *Gauge) Sub(v float64) { g.gauge.Sub(v) }

// SetToCurrentTime sets the gauge to the current Unix time in seconds.
func (g *Gauge) SetToCurrentTime() { g.gauge.SetToCurrentTime() }

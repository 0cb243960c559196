//go:build ignore

package gootel

import (
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// Gauge is a gauge without labels: one series, exported from the first collection. Its value
// is kept here and reported by an observable gauge, so that it can be both set and added to.
type Gauge struct {
	gauge  metric.Float64ObservableGauge
	values gaugeValues
	value  *gaugeValue
}

// newGauge creates the observable gauge name with opts; New registers the callback that
// reports its value (observe).
func newGauge(meter metric.Meter, name string, opts ...metric.Float64ObservableGaugeOption) (*Gauge, error) {
	gauge, err := meter.Float64ObservableGauge(name, opts...)
	if err != nil {
		return nil, err
	}
	g := &Gauge{gauge: gauge}
	g.value = g.values.add(attribute.NewSet())
	return g, nil
}

// observe reports the gauge's value to o.
func (g *Gauge) observe(o metric.Observer) { g.values.report(o, g.gauge) }

// Set sets the gauge to v.
func (g *Gauge) Set(v float64) { g.value.set(v) }

// Inc adds 1 to the gauge.
func (g *Gauge) Inc() { g.value.add(1) }

// Dec subtracts 1 from the gauge.
func (g *Gauge) Dec() { g.value.add(-1) }

// Add adds v to the gauge.
func (g *Gauge) Add(v float64) { g.value.add(v) }

// Sub subtracts v from the gauge.
func (g *Gauge) Sub(v float64) { g.value.add(-v) }

// SetToCurrentTime sets the gauge to the current Unix time in seconds.
func (g *Gauge) SetToCurrentTime() { g.value.setToCurrentTime() }

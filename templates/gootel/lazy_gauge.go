//go:build ignore

package gootel

import (
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// LazyGauge is a gauge without labels that is exported once a value is first recorded (init:
// none, gauges' default). Its value is kept here and reported by an observable gauge, so that
// it can be both set and added to.
type LazyGauge struct {
	gauge  metric.Float64ObservableGauge
	values gaugeValues
	value  *gaugeValue
}

// newLazyGauge creates the observable gauge name with opts, without a value yet; New
// registers the callback that reports its value (observe).
func newLazyGauge(meter metric.Meter, name string, opts ...metric.Float64ObservableGaugeOption) (*LazyGauge, error) {
	gauge, err := meter.Float64ObservableGauge(name, opts...)
	if err != nil {
		return nil, err
	}
	g := &LazyGauge{gauge: gauge, values: gaugeValues{lazy: true}}
	g.value = g.values.add(attribute.NewSet())
	return g, nil
}

// observe reports the gauge's value to o.
func (g *LazyGauge) observe(o metric.Observer) { g.values.report(o, g.gauge) }

// Set sets the gauge to v.
func (g *LazyGauge) Set(v float64) { g.value.set(v) }

// Inc adds 1 to the gauge.
func (g *LazyGauge) Inc() { g.value.add(1) }

// Dec subtracts 1 from the gauge.
func (g *LazyGauge) Dec() { g.value.add(-1) }

// Add adds v to the gauge.
func (g *LazyGauge) Add(v float64) { g.value.add(v) }

// Sub subtracts v from the gauge.
func (g *LazyGauge) Sub(v float64) { g.value.add(-v) }

// SetToCurrentTime sets the gauge to the current Unix time in seconds.
func (g *LazyGauge) SetToCurrentTime() { g.value.setToCurrentTime() }

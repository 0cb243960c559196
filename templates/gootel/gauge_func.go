//go:build ignore

package gootel

import (
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// GaugeFunc is a gauge without labels read at scrape time (observe: scrape): its value is what
// the function given to Observe returns when the reader collects.
type GaugeFunc struct {
	gauge metric.Float64ObservableGauge
	funcs *funcSets
}

// newGaugeFunc creates the observable gauge name with opts, without a function yet (and so
// without a series); New registers the callback that reports it (observe).
func newGaugeFunc(meter metric.Meter, name string, opts ...metric.Float64ObservableGaugeOption) (*GaugeFunc, error) {
	gauge, err := meter.Float64ObservableGauge(name, opts...)
	if err != nil {
		return nil, err
	}
	return &GaugeFunc{gauge: gauge, funcs: newFuncSets([]attribute.Set{attribute.NewSet()})}, nil
}

// observe reports the gauge's value to o, when it has a function.
func (g *GaugeFunc) observe(o metric.Observer) { g.funcs.report(o, g.gauge) }

// Observe makes f the gauge's value: f is called at every collection, concurrently with the
// program, so it must be safe for that and quick. A later call replaces f; Observe(nil)
// removes the series.
func (g *GaugeFunc) Observe(f func() float64) { g.funcs.set(0, f) }

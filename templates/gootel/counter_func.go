//go:build ignore

package gootel

import (
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// CounterFunc is a counter without labels read at scrape time (observe: scrape): its value is
// what the function given to Observe returns when the reader collects, a total that only goes
// up (such as sql.DBStats.WaitCount).
type CounterFunc struct {
	counter metric.Float64ObservableCounter
	funcs   *funcSets
}

// newCounterFunc creates the observable counter name with opts, without a function yet (and so
// without a series); New registers the callback that reports it (observe).
func newCounterFunc(meter metric.Meter, name string, opts ...metric.Float64ObservableCounterOption) (*CounterFunc, error) {
	counter, err := meter.Float64ObservableCounter(name, opts...)
	if err != nil {
		return nil, err
	}
	return &CounterFunc{counter: counter, funcs: newFuncSets([]attribute.Set{attribute.NewSet()})}, nil
}

// observe reports the counter's value to o, when it has a function.
func (c *CounterFunc) observe(o metric.Observer) { c.funcs.report(o, c.counter) }

// Observe makes f the counter's value: f is called at every collection, concurrently with the
// program, so it must be safe for that and quick, and its results must never go down (a
// restart of the count is read by rate() as a counter reset). A later call replaces f;
// Observe(nil) removes the series.
func (c *CounterFunc) Observe(f func() float64) { c.funcs.set(0, f) }

//go:build ignore

package gootel

import (
	"context"

	"go.opentelemetry.io/otel/metric"
)

// LazyCounter is a counter without labels that is exported once a value is first recorded
// (init: none).
type LazyCounter struct {
	counter metric.Float64Counter
	name    string
}

// newLazyCounter creates the counter name with opts, without its series.
func newLazyCounter(meter metric.Meter, name string, opts ...metric.Float64CounterOption) (*LazyCounter, error) {
	counter, err := meter.Float64Counter(name, opts...)
	if err != nil {
		return nil, err
	}
	return &LazyCounter{counter: counter, name: name}, nil
}

// Inc adds 1 to the counter.
func (c *LazyCounter) Inc() { c.counter.Add(context.Background(), 1) }

// Add adds v to the counter. It panics when v is negative or NaN, as the Prometheus backend
// (and client_golang) does: a counter never goes down.
func (c *LazyCounter) Add(v float64) {
	if !(v >= 0) {
		panic(counterDecrease{c.name, v})
	}
	c.counter.Add(context.Background(), v)
}

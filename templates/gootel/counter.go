//go:build ignore

package gootel

import (
	"context"

	"go.opentelemetry.io/otel/metric"
)

// Counter is a counter without labels: one series, exported from the first collection.
type Counter struct {
	counter metric.Float64Counter
	name    string
}

// newCounter creates the counter name with opts.
func newCounter(meter metric.Meter, name string, opts ...metric.Float64CounterOption) (*Counter, error) {
	counter, err := meter.Float64Counter(name, opts...)
	if err != nil {
		return nil, err
	}
	counter.Add(context.Background(), 0)
	return &Counter{counter: counter, name: name}, nil
}

// Inc adds 1 to the counter.
func (c *Counter) Inc() { c.counter.Add(context.Background(), 1) }

// Add adds v to the counter. It panics when v is negative or NaN, as the Prometheus backend
// (and client_golang) does: a counter never goes down.
func (c *Counter) Add(v float64) {
	if !(v >= 0) {
		panic(counterDecrease{c.name, v})
	}
	c.counter.Add(context.Background(), v)
}

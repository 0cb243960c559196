package gometrics

import "github.com/prometheus/client_golang/prometheus"

// Counter is a counter without labels: one series, exported from the first scrape.
type Counter struct {
	counter prometheus.Counter
	name    string
}

// newCounter creates the counter of opts.
func newCounter(opts prometheus.CounterOpts) *Counter {
	return &Counter{counter: prometheus.NewCounter(opts), name: opts.Name}
}

// Inc adds 1 to the counter.
func (c *Counter) Inc() { c.counter.Inc() }

// Add adds v to the counter. It panics when v is negative or NaN, as client_golang's Add
// panics on a negative v: a counter never goes down.
func (c *Counter) Add(v float64) {
	if !(v >= 0) {
		panic(counterDecrease{c.name, v})
	}
	c.counter.Add(v)
}

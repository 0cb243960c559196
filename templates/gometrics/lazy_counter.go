package gometrics

import "github.com/prometheus/client_golang/prometheus"

// LazyCounter is a counter without labels that is exported once a value is first recorded
// (init: none).
type LazyCounter struct {
	vec     *prometheus.CounterVec
	counter lazySeries[prometheus.Counter]
	name    string
}

// newLazyCounter creates the counter of opts, without its series.
func newLazyCounter(opts prometheus.CounterOpts) *LazyCounter {
	c := &LazyCounter{vec: prometheus.NewCounterVec(opts, nil), name: opts.Name}
	c.counter.vec = c.vec
	return c
}

// Inc adds 1 to the counter.
func (c *LazyCounter) Inc() { c.counter.get().Inc() }

// Add adds v to the counter. It panics when v is negative or NaN, as client_golang's Add
// panics on a negative v: a counter never goes down.
func (c *LazyCounter) Add(v float64) {
	if !(v >= 0) {
		panic(counterDecrease{c.name, v})
	}
	c.counter.get().Add(v)
}

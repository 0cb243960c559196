package gometrics

import "github.com/prometheus/client_golang/prometheus"

// Counter is a counter without labels: one series, exported from the first scrape.
type Counter struct {
	counter prometheus.Counter
}

// newCounter creates the counter of opts.
func newCounter(opts prometheus.CounterOpts) *Counter {
	return &Counter{counter: prometheus.NewCounter(opts)}
}

// Inc adds 1 to the counter.
func (c *Counter) Inc() { c.counter.Inc() }

// Add adds v to the counter. It ignores a negative v, and NaN: a counter never goes down
// (client_golang would panic).
func (c *Counter) Add(v float64) {
	if v >= 0 {
		c.counter.Add(v)
	}
}

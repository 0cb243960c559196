package gometrics

import "github.com/prometheus/client_golang/prometheus"

// CounterFunc is a counter without labels read at scrape time (observe: scrape): its value is
// what the function given to Observe returns when Prometheus scrapes, a total that only goes
// up (such as sql.DBStats.WaitCount).
type CounterFunc struct {
	funcs *funcSeries
}

// newCounterFunc creates the counter of opts, without a function yet (and so without a series).
func newCounterFunc(opts prometheus.CounterOpts) *CounterFunc {
	return &CounterFunc{funcs: newFuncSeries(prometheus.NewDesc(opts.Name, opts.Help, nil, nil), prometheus.CounterValue, [][]string{nil})}
}

// Observe makes f the counter's value: f is called at every scrape, concurrently with the
// program, so it must be safe for that and quick, and its results must never go down (a
// restart of the count is read by rate() as a counter reset). A later call replaces f;
// Observe(nil) removes the series.
func (c *CounterFunc) Observe(f func() float64) { c.funcs.set(0, f) }

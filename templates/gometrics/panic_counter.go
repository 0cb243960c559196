package gometrics

import "github.com/prometheus/client_golang/prometheus"

// panicCounter stands, in a counter's array of series, for the values of an enum label that
// are none of its constants: recording into it panics. It is never registered; the embedded
// interface is nil.
type panicCounter struct {
	prometheus.Counter
	err enumRange
}

func (c panicCounter) Inc()          { panic(c.err) }
func (c panicCounter) Add(_ float64) { panic(c.err) }

package gometrics

import "github.com/prometheus/client_golang/prometheus"

// panicGauge stands, in a gauge's array of series, for the values of an enum label that are
// none of its constants: recording into it panics. It is never registered; the embedded
// interface is nil.
type panicGauge struct {
	prometheus.Gauge
	err enumRange
}

func (g panicGauge) Set(_ float64)     { panic(g.err) }
func (g panicGauge) Inc()              { panic(g.err) }
func (g panicGauge) Dec()              { panic(g.err) }
func (g panicGauge) Add(_ float64)     { panic(g.err) }
func (g panicGauge) Sub(_ float64)     { panic(g.err) }
func (g panicGauge) SetToCurrentTime() { panic(g.err) }

package gometrics

import (
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
)

// funcSeries are the series of a metric read at scrape time (observe: scrape): a function per
// combination of label values, registered by the program and called at every collection, as
// client_golang's GaugeFunc and CounterFunc are, but one metric for all combinations. A
// combination without a function has no series.
type funcSeries struct {
	desc   *prometheus.Desc
	typ    prometheus.ValueType
	values [][]string                       // the label values of each combination, by index
	funcs  []atomic.Pointer[func() float64] // by index; nil: no series
}

// newFuncSeries makes the series of a metric with the label values of each combination (one
// combination of no values for a metric without labels).
func newFuncSeries(desc *prometheus.Desc, typ prometheus.ValueType, values [][]string) *funcSeries {
	return &funcSeries{desc: desc, typ: typ, values: values, funcs: make([]atomic.Pointer[func() float64], len(values))}
}

// set makes f the function of combination i; nil removes its series.
func (s *funcSeries) set(i int, f func() float64) {
	if f == nil {
		s.funcs[i].Store(nil)
		return
	}
	s.funcs[i].Store(&f)
}

// Describe sends the metric's one description.
func (s *funcSeries) Describe(ch chan<- *prometheus.Desc) { ch <- s.desc }

// Collect calls each registered function and sends its value as the series of its
// combination.
func (s *funcSeries) Collect(ch chan<- prometheus.Metric) {
	for i := range s.funcs {
		if f := s.funcs[i].Load(); f != nil {
			ch <- prometheus.MustNewConstMetric(s.desc, s.typ, (*f)(), s.values[i]...)
		}
	}
}

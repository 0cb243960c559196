//go:build ignore

package gootel

import (
	"sync/atomic"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// funcSets are the series of a metric read at scrape time (observe: scrape): a function per
// combination of label values, registered by the program and called at every collection by
// the callback New registers. A combination without a function has no series.
type funcSets struct {
	observe [][]metric.ObserveOption         // the attribute set of each combination, by index
	funcs   []atomic.Pointer[func() float64] // by index; nil: no series
}

// newFuncSets makes the series of a metric with the attribute set of each combination (one
// empty set for a metric without labels).
func newFuncSets(sets []attribute.Set) *funcSets {
	s := &funcSets{funcs: make([]atomic.Pointer[func() float64], len(sets))}
	for _, set := range sets {
		s.observe = append(s.observe, []metric.ObserveOption{metric.WithAttributeSet(set)})
	}
	return s
}

// set makes f the function of combination i; nil removes its series.
func (s *funcSets) set(i int, f func() float64) {
	if f == nil {
		s.funcs[i].Store(nil)
		return
	}
	s.funcs[i].Store(&f)
}

// report calls each registered function and observes its value for the instrument.
func (s *funcSets) report(o metric.Observer, inst metric.Float64Observable) {
	for i := range s.funcs {
		if f := s.funcs[i].Load(); f != nil {
			o.ObserveFloat64(inst, (*f)(), s.observe[i]...)
		}
	}
}

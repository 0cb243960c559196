package gometrics

import "sync/atomic"

// lazySeries is one series of a metric that exports nothing before a value is recorded for it
// (init: none): its client_golang vector, curried with the series' label values, makes the
// series on first use. M is the series (prometheus.Counter, Gauge or Observer).
type lazySeries[M any] struct {
	vec    interface{ WithLabelValues(...string) M } // curried with every label value
	series atomic.Pointer[M]
}

// get returns the series, making it on first use.
func (s *lazySeries[M]) get() M {
	if m := s.series.Load(); m != nil {
		return *m
	}
	return s.create()
}

// create makes the series. Two goroutines may both get here: the vector returns the same
// series to both, so either store is right.
func (s *lazySeries[M]) create() M {
	m := s.vec.WithLabelValues()
	s.series.Store(&m)
	return m
}

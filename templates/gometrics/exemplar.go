package gometrics

import "github.com/prometheus/client_golang/prometheus"

// incWithExemplar adds 1 to c, with the exemplar labels ex unless they are nil.
func incWithExemplar(c prometheus.Counter, ex prometheus.Labels) {
	if ex != nil {
		if e, ok := c.(prometheus.ExemplarAdder); ok {
			e.AddWithExemplar(1, ex)
			return
		}
	}
	c.Inc()
}

// observeWithExemplar records v in o, with the exemplar labels ex unless they are nil.
func observeWithExemplar(o prometheus.Observer, v float64, ex prometheus.Labels) {
	if ex != nil {
		if e, ok := o.(prometheus.ExemplarObserver); ok {
			e.ObserveWithExemplar(v, ex)
			return
		}
	}
	o.Observe(v)
}

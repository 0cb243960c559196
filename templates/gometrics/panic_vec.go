package gometrics

// panicVec stands for the client_golang vector of the values of an enum label that are none of
// its constants, where series are made on use (init: none, free-form labels): the series it
// makes is one that panics when recorded into (panicCounter, panicGauge, panicObserver).
type panicVec[M any] struct {
	series M
}

func (v panicVec[M]) WithLabelValues(...string) M { return v.series }

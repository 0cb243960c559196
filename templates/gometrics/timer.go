package gometrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Timer times one operation for a histogram of durations: Start returns it, and
// ObserveDuration records the time elapsed. It is a value: starting and stopping a timer
// allocates nothing. In one line: defer m.RequestDurationSeconds.Start(...).ObserveDuration().
type Timer struct {
	observer prometheus.Observer
	start    time.Time
}

// newTimer starts a Timer recording into o.
func newTimer(o prometheus.Observer) Timer {
	return Timer{observer: o, start: time.Now()}
}

// ObserveDuration records the time elapsed since Start, in seconds, and returns it. The zero
// Timer records nothing and returns 0.
func (t Timer) ObserveDuration() time.Duration {
	if t.observer == nil {
		return 0
	}
	d := time.Since(t.start)
	t.observer.Observe(d.Seconds())
	return d
}

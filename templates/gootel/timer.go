//go:build ignore

package gootel

import (
	"context"
	"time"

	"go.opentelemetry.io/otel/metric"
)

// Timer times one operation for a histogram of durations: Start returns it, and
// ObserveDuration records the time elapsed. It is a value: starting and stopping a timer
// allocates nothing. In one line: defer m.RequestDurationSeconds.Start(...).ObserveDuration().
type Timer struct {
	histogram metric.Float64Histogram
	options   []metric.RecordOption
	start     time.Time
}

// newTimer starts a Timer recording into h with the attributes of options.
func newTimer(h metric.Float64Histogram, options []metric.RecordOption) Timer {
	return Timer{histogram: h, options: options, start: time.Now()}
}

// ObserveDuration records the time elapsed since Start, in seconds, and returns it. The zero
// Timer records nothing and returns 0.
func (t Timer) ObserveDuration() time.Duration {
	if t.histogram == nil {
		return 0
	}
	d := time.Since(t.start)
	t.histogram.Record(context.Background(), d.Seconds(), t.options...)
	return d
}

package batchmetrics_test

import (
	"math"
	"testing"
	"time"

	"scratch/go-nolabels/batchmetrics"
)

func TestNoLabels(t *testing.T) {
	m, reg := newMetrics(t, batchmetrics.New, batchmetrics.MustNew)
	// Each metric is one series, exported from the first scrape.
	check(t, reg, m, `
# HELP batch_jobs_processed_total Jobs processed
# TYPE batch_jobs_processed_total counter
batch_jobs_processed_total 0
# HELP batch_run_duration_seconds Duration of a batch run
# TYPE batch_run_duration_seconds histogram
batch_run_duration_seconds_bucket{le="1"} 0
batch_run_duration_seconds_bucket{le="10"} 0
batch_run_duration_seconds_bucket{le="60"} 0
batch_run_duration_seconds_bucket{le="600"} 0
batch_run_duration_seconds_bucket{le="+Inf"} 0
batch_run_duration_seconds_sum 0
batch_run_duration_seconds_count 0
`)
	// A gauge is exported once set (init: none): no 0 that nobody measured.
	absent(t, reg, "batch_temperature_celsius")
	m.JobsProcessedTotal.Inc()
	m.JobsProcessedTotal.Add(41)
	mustPanic(t, "counter batch_jobs_processed_total: Add(-5): a counter cannot decrease", func() { m.JobsProcessedTotal.Add(-5) })
	m.TemperatureCelsius.Set(20)
	m.TemperatureCelsius.Inc()
	m.TemperatureCelsius.Dec()
	m.TemperatureCelsius.Dec()
	m.TemperatureCelsius.Add(1.5)
	m.TemperatureCelsius.Sub(0.25)
	m.RunDurationSeconds.Observe(42)
	check(t, reg, m, `
# HELP batch_jobs_processed_total Jobs processed
# TYPE batch_jobs_processed_total counter
batch_jobs_processed_total 42
# HELP batch_run_duration_seconds Duration of a batch run
# TYPE batch_run_duration_seconds histogram
batch_run_duration_seconds_bucket{le="1"} 0
batch_run_duration_seconds_bucket{le="10"} 0
batch_run_duration_seconds_bucket{le="60"} 1
batch_run_duration_seconds_bucket{le="600"} 1
batch_run_duration_seconds_bucket{le="+Inf"} 1
batch_run_duration_seconds_sum 42
batch_run_duration_seconds_count 1
# HELP batch_temperature_celsius Temperature of the batch host
# TYPE batch_temperature_celsius gauge
batch_temperature_celsius 20.25
`)
	m.TemperatureCelsius.SetToCurrentTime()
	if got := sample(t, reg, "batch_temperature_celsius").GetGauge().GetValue(); math.Abs(got-float64(time.Now().Unix())) > 5 {
		t.Errorf("SetToCurrentTime set %v", got)
	}
	if d := m.RunDurationSeconds.Start().ObserveDuration(); d < 0 || d > time.Second {
		t.Errorf("timer: %v", d)
	}
	if got := sample(t, reg, "batch_run_duration_seconds").GetHistogram().GetSampleCount(); got != 2 {
		t.Errorf("count after the timer: %d, want 2", got)
	}
	noAllocs(t, "Inc without labels", func() { m.JobsProcessedTotal.Inc() })
	noAllocs(t, "Start without labels", func() { m.RunDurationSeconds.Start().ObserveDuration() })
}

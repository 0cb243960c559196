package gometrics

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

// write returns the current state of a series.
func write(t *testing.T, m prometheus.Metric) *dto.Metric {
	t.Helper()
	var d dto.Metric
	if err := m.Write(&d); err != nil {
		t.Fatal(err)
	}
	return &d
}

func TestCounter(t *testing.T) {
	c := newCounter(prometheus.CounterOpts{Name: "c_total", Help: "h"})
	c.Inc()
	c.Add(2.5)
	for _, v := range []float64{-1, math.NaN()} {
		wantPanic(t, "counter c_total: Add("+strconv.FormatFloat(v, 'g', -1, 64)+"): a counter cannot decrease", func() { c.Add(v) })
	}
	if got := write(t, c.counter).GetCounter().GetValue(); got != 3.5 {
		t.Errorf("counter %v, want 3.5", got)
	}
}

// wantPanic checks that f panics with an error whose text starts with want.
func wantPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		err, ok := r.(error)
		if !ok || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("panic %v, want an error starting %q", r, want)
		}
	}()
	f()
}

func TestGauge(t *testing.T) {
	g := newGauge(prometheus.GaugeOpts{Name: "g", Help: "h"})
	g.Set(10)
	g.Inc()
	g.Dec()
	g.Dec()
	g.Add(1.5)
	g.Sub(0.25)
	if got := write(t, g.gauge).GetGauge().GetValue(); got != 10.25 {
		t.Errorf("gauge %v, want 10.25", got)
	}
	g.SetToCurrentTime()
	if got := write(t, g.gauge).GetGauge().GetValue(); math.Abs(got-float64(time.Now().Unix())) > 5 {
		t.Errorf("SetToCurrentTime set %v", got)
	}
}

func TestHistograms(t *testing.T) {
	opts := prometheus.HistogramOpts{Name: "h", Help: "h", Buckets: []float64{0.01, 1}}
	h := newHistogram(opts)
	h.Observe(0.5)
	if got := write(t, h.histogram).GetHistogram(); got.GetSampleCount() != 1 || got.GetSampleSum() != 0.5 {
		t.Errorf("histogram %v", got)
	}
	d := newDurationHistogram(opts)
	d.Observe(2)
	timer := d.Start()
	time.Sleep(10 * time.Millisecond)
	if got := timer.ObserveDuration(); got < 10*time.Millisecond {
		t.Errorf("ObserveDuration returned %v, want at least 10ms", got)
	}
	if got := write(t, d.histogram).GetHistogram(); got.GetSampleCount() != 2 || got.GetSampleSum() < 2.01 {
		t.Errorf("duration histogram %v, want 2 observations summing at least 2.01", got)
	}
	var zero Timer
	if got := zero.ObserveDuration(); got != 0 {
		t.Errorf("the zero Timer returned %v", got)
	}
	if !raceEnabled {
		if n := testing.AllocsPerRun(100, func() { d.Start().ObserveDuration() }); n != 0 {
			t.Errorf("Start and ObserveDuration: %v allocations, want 0", n)
		}
	}
}

package gometrics

import (
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

// exposition lists c's series, one a line: its name, labels and value (empty when it has
// none). A pedantic registry checks what c describes and collects.
func exposition(t *testing.T, c prometheus.Collector) string {
	t.Helper()
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(c)
	fams, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range fams {
		for _, m := range f.GetMetric() {
			b.WriteString(f.GetName())
			for _, l := range m.GetLabel() {
				b.WriteString(" " + l.GetName() + "=" + l.GetValue())
			}
			switch {
			case m.GetCounter() != nil:
				b.WriteString(" " + strconv.FormatFloat(m.GetCounter().GetValue(), 'g', -1, 64))
			case m.GetGauge() != nil:
				b.WriteString(" " + strconv.FormatFloat(m.GetGauge().GetValue(), 'g', -1, 64))
			case m.GetHistogram() != nil:
				b.WriteString(" count=" + strconv.FormatUint(m.GetHistogram().GetSampleCount(), 10))
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// TestLazy: a metric with init: none exports nothing until a value is recorded, then the one
// series, made once however many goroutines race to make it.
func TestLazy(t *testing.T) {
	g := newLazyGauge(prometheus.GaugeOpts{Name: "queue_depth", Help: "h"})
	c := newLazyCounter(prometheus.CounterOpts{Name: "jobs_total", Help: "h"})
	h := newLazyHistogram(prometheus.HistogramOpts{Name: "batch_size", Help: "h", Buckets: []float64{1, 10}})
	d := newLazyDurationHistogram(prometheus.HistogramOpts{Name: "job_seconds", Help: "h", Buckets: []float64{1}})
	for _, col := range []prometheus.Collector{g.vec, c.vec, h.vec, d.vec} {
		if got := exposition(t, col); got != "" {
			t.Errorf("before any record: %q, want no series", got)
		}
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g.Add(1)
			c.Inc()
			h.Observe(3)
			d.Start().ObserveDuration()
		}()
	}
	wg.Wait()
	g.Sub(2)
	g.Inc()
	g.Dec()
	c.Add(2)
	wantPanic(t, "counter jobs_total: Add(-3)", func() { c.Add(-3) })
	var got strings.Builder
	for _, col := range []prometheus.Collector{g.vec, c.vec, h.vec, d.vec} {
		got.WriteString(exposition(t, col))
	}
	if want := "queue_depth 6\njobs_total 10\nbatch_size count=8\njob_seconds count=8\n"; got.String() != want {
		t.Errorf("after recording:\n%s\nwant:\n%s", got.String(), want)
	}
	if !raceEnabled {
		if n := testing.AllocsPerRun(100, func() { g.Set(1); c.Inc(); h.Observe(1) }); n != 0 {
			t.Errorf("recording into made series: %v allocations, want 0", n)
		}
	}
}

// TestFuncSeries: a metric read at scrape time has a series per registered function, valued
// at each scrape; Observe replaces a function, nil removes it.
func TestFuncSeries(t *testing.T) {
	g := newGaugeFunc(prometheus.GaugeOpts{Name: "pool_in_use", Help: "h"})
	if got := exposition(t, g.funcs); got != "" {
		t.Errorf("without a function: %q, want no series", got)
	}
	v := 3.0
	g.Observe(func() float64 { return v })
	if got := exposition(t, g.funcs); got != "pool_in_use 3\n" {
		t.Errorf("gauge %q, want 3", got)
	}
	v = 5
	if got := exposition(t, g.funcs); got != "pool_in_use 5\n" {
		t.Errorf("gauge %q, want 5: read at every scrape", got)
	}
	g.Observe(func() float64 { return 7 })
	if got := exposition(t, g.funcs); got != "pool_in_use 7\n" {
		t.Errorf("gauge %q, want 7 from the later function", got)
	}
	g.Observe(nil)
	if got := exposition(t, g.funcs); got != "" {
		t.Errorf("after Observe(nil): %q, want no series", got)
	}

	c := newCounterFunc(prometheus.CounterOpts{Name: "waits_total", Help: "h"})
	c.Observe(func() float64 { return 42 })
	if got := exposition(t, c.funcs); got != "waits_total 42\n" {
		t.Errorf("counter %q, want 42", got)
	}

	s := newFuncSeries(prometheus.NewDesc("pool_open", "h", []string{"pool"}, nil), prometheus.GaugeValue,
		[][]string{{"primary"}, {"replica"}})
	s.set(1, func() float64 { return 2 })
	if got := exposition(t, s); got != "pool_open pool=replica 2\n" {
		t.Errorf("one function of two: %q", got)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() { // registering while scraping
			defer wg.Done()
			s.set(i%2, func() float64 { return float64(i) })
			ch := make(chan prometheus.Metric, 2)
			s.Collect(ch)
		}()
	}
	wg.Wait()
}

func TestEnumRange(t *testing.T) {
	if got, want := (enumRange{label: "outcome", typ: "Outcome", value: -1, count: 3}).Error(),
		"label outcome: an Outcome that is none of the constants is not one of its 3 values"; !strings.HasPrefix(got, want) {
		t.Errorf("%s\nwant %s...", got, want)
	}
	err := enumRange{label: "method", typ: "Method", value: 7, count: 3}
	want := "label method: Method(7) is not one of its 3 values; record only the constants of Method (ParseMethod reports whether a string is one), or declare other: on the label to record such values as it"
	if err.Error() != want {
		t.Errorf("%s\nwant %s", err, want)
	}
}

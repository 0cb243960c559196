package bench

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/metricgen/metricgen/internal/gen/golang/bench/benchmetrics"
	_ "github.com/metricgen/metricgen/internal/golden" // defines -update, which go test ./... passes to every package
)

// Every benchmark records one fixed series, as client_golang's own benchmarks do, so that the
// figures compare the cost of finding a series, not cache effects. Each group measures:
//
//   - generated: the generated method;
//   - WithLabelValues, With: client_golang's vector by hand, on the same shape;
//   - resolved: a child resolved once, outside the loop: the floor, an atomic add.

func newMetrics(b *testing.B) *benchmetrics.Metrics {
	m, err := benchmetrics.New(prometheus.NewRegistry())
	if err != nil {
		b.Fatal(err)
	}
	return m
}

var requestLabels = []string{"method", "endpoint", "status"}

func requestsVec() *prometheus.CounterVec {
	return prometheus.NewCounterVec(prometheus.CounterOpts{Name: "bench_api_requests_total", Help: "API requests"}, requestLabels)
}

func durationVec() *prometheus.HistogramVec {
	return prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "bench_api_duration_seconds", Help: "API request duration",
		Buckets: []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10},
	}, requestLabels)
}

func errorsVec() *prometheus.CounterVec {
	return prometheus.NewCounterVec(prometheus.CounterOpts{Name: "bench_api_errors_total", Help: "API errors"},
		[]string{"endpoint", "status_code", "error_code"})
}

func tenantVec() *prometheus.CounterVec {
	return prometheus.NewCounterVec(prometheus.CounterOpts{Name: "bench_tenant_requests_total", Help: "Requests by tenant"},
		[]string{"tenant"})
}

// run runs f b.N times, or spread over GOMAXPROCS goroutines when parallel.
func run(b *testing.B, parallel bool, f func()) {
	b.ReportAllocs()
	b.ResetTimer()
	if !parallel {
		for b.Loop() {
			f()
		}
		return
	}
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			f()
		}
	})
}

func benchCounterInc(b *testing.B, parallel bool) {
	b.Run("generated", func(b *testing.B) {
		m := newMetrics(b)
		run(b, parallel, func() {
			m.APIRequestsTotal.Inc(benchmetrics.MethodPOST, benchmetrics.EndpointEvents, benchmetrics.StatusSuccess)
		})
	})
	b.Run("WithLabelValues", func(b *testing.B) {
		v := requestsVec()
		run(b, parallel, func() { v.WithLabelValues("POST", "events", "success").Inc() })
	})
	b.Run("With", func(b *testing.B) {
		v := requestsVec()
		run(b, parallel, func() {
			v.With(prometheus.Labels{"method": "POST", "endpoint": "events", "status": "success"}).Inc()
		})
	})
	b.Run("resolved", func(b *testing.B) {
		c := requestsVec().WithLabelValues("POST", "events", "success")
		run(b, parallel, func() { c.Inc() })
	})
}

// BenchmarkCounterInc: Inc on an enum-only 3-label counter.
func BenchmarkCounterInc(b *testing.B) { benchCounterInc(b, false) }

// BenchmarkCounterIncParallel: the same from GOMAXPROCS goroutines.
func BenchmarkCounterIncParallel(b *testing.B) { benchCounterInc(b, true) }

func benchHistogramObserve(b *testing.B, parallel bool) {
	b.Run("generated", func(b *testing.B) {
		m := newMetrics(b)
		run(b, parallel, func() {
			m.APIDurationSeconds.Observe(0.042, benchmetrics.MethodPOST, benchmetrics.EndpointEvents, benchmetrics.StatusSuccess)
		})
	})
	b.Run("WithLabelValues", func(b *testing.B) {
		v := durationVec()
		run(b, parallel, func() { v.WithLabelValues("POST", "events", "success").Observe(0.042) })
	})
	b.Run("With", func(b *testing.B) {
		v := durationVec()
		run(b, parallel, func() {
			v.With(prometheus.Labels{"method": "POST", "endpoint": "events", "status": "success"}).Observe(0.042)
		})
	})
	b.Run("resolved", func(b *testing.B) {
		o := durationVec().WithLabelValues("POST", "events", "success")
		run(b, parallel, func() { o.Observe(0.042) })
	})
}

// BenchmarkHistogramObserve: Observe on an enum-only 3-label histogram.
func BenchmarkHistogramObserve(b *testing.B) { benchHistogramObserve(b, false) }

// BenchmarkHistogramObserveParallel: the same from GOMAXPROCS goroutines.
func BenchmarkHistogramObserveParallel(b *testing.B) { benchHistogramObserve(b, true) }

// BenchmarkTimer: Start and ObserveDuration, against client_golang's NewTimer on a resolved
// child (which allocates the timer).
func BenchmarkTimer(b *testing.B) {
	b.Run("generated", func(b *testing.B) {
		m := newMetrics(b)
		run(b, false, func() {
			m.APIDurationSeconds.Start(benchmetrics.MethodPOST, benchmetrics.EndpointEvents, benchmetrics.StatusSuccess).ObserveDuration()
		})
	})
	b.Run("NewTimer", func(b *testing.B) {
		o := durationVec().WithLabelValues("POST", "events", "success")
		run(b, false, func() { prometheus.NewTimer(o).ObserveDuration() })
	})
}

func benchFreeForm(b *testing.B, parallel bool) {
	b.Run("generated", func(b *testing.B) {
		m := newMetrics(b)
		run(b, parallel, func() { m.TenantRequestsTotal.Inc("acme-corp") })
	})
	b.Run("WithLabelValues", func(b *testing.B) {
		v := tenantVec()
		run(b, parallel, func() { v.WithLabelValues("acme-corp").Inc() })
	})
	b.Run("resolved", func(b *testing.B) {
		c := tenantVec().WithLabelValues("acme-corp")
		run(b, parallel, func() { c.Inc() })
	})
}

// BenchmarkFreeFormInc: Inc on a counter with one free-form label (pattern and max_values).
func BenchmarkFreeFormInc(b *testing.B) { benchFreeForm(b, false) }

// BenchmarkFreeFormIncParallel: the same from GOMAXPROCS goroutines.
func BenchmarkFreeFormIncParallel(b *testing.B) { benchFreeForm(b, true) }

func benchMixed(b *testing.B, parallel bool) {
	b.Run("generated", func(b *testing.B) {
		m := newMetrics(b)
		run(b, parallel, func() { m.APIErrorsTotal.Inc(benchmetrics.EndpointEvents, "429", "throttled") })
	})
	b.Run("WithLabelValues", func(b *testing.B) {
		v := errorsVec()
		run(b, parallel, func() { v.WithLabelValues("events", "429", "throttled").Inc() })
	})
	b.Run("resolved", func(b *testing.B) {
		c := errorsVec().WithLabelValues("events", "429", "throttled")
		run(b, parallel, func() { c.Inc() })
	})
}

// BenchmarkMixedInc: Inc on a counter with one enum and two free-form labels.
func BenchmarkMixedInc(b *testing.B) { benchMixed(b, false) }

// BenchmarkMixedIncParallel: the same from GOMAXPROCS goroutines.
func BenchmarkMixedIncParallel(b *testing.B) { benchMixed(b, true) }

// BenchmarkParse: ParseMethod of a known value and of an unknown one, against the map a
// hand-written parser would use (and the switch it would repeat).
func BenchmarkParse(b *testing.B) {
	byName := map[string]benchmetrics.Method{}
	for _, m := range benchmetrics.MethodValues() {
		byName[m.String()] = m
	}
	var sink benchmetrics.Method
	for _, in := range []string{"PATCH", "OPTIONS"} {
		b.Run("generated/"+in, func(b *testing.B) {
			run(b, false, func() { sink, _ = benchmetrics.ParseMethod(in) })
		})
		b.Run("map/"+in, func(b *testing.B) {
			run(b, false, func() { sink = byName[in] })
		})
	}
	b.Run("Of/unknown", func(b *testing.B) {
		run(b, false, func() { _ = benchmetrics.QueueOf("fax") })
	})
	_ = sink
}

func benchLazy(b *testing.B, parallel bool) {
	b.Run("generated", func(b *testing.B) {
		m := newMetrics(b)
		run(b, parallel, func() { m.JobsTotal.Inc(benchmetrics.QueueSMS) })
	})
	b.Run("WithLabelValues", func(b *testing.B) {
		v := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "bench_jobs_total", Help: "Jobs"}, []string{"queue"})
		run(b, parallel, func() { v.WithLabelValues("sms").Inc() })
	})
	b.Run("resolved", func(b *testing.B) {
		c := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "bench_jobs_total", Help: "Jobs"}, []string{"queue"}).WithLabelValues("sms")
		run(b, parallel, func() { c.Inc() })
	})
}

// BenchmarkLazyInc: Inc on a one-label counter with init: none, whose series is made on first
// use (a load of the made series more than an enum counter with init: all).
func BenchmarkLazyInc(b *testing.B) { benchLazy(b, false) }

// BenchmarkLazyIncParallel: the same from GOMAXPROCS goroutines.
func BenchmarkLazyIncParallel(b *testing.B) { benchLazy(b, true) }

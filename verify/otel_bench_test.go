package verify

import (
	"context"
	"runtime"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"

	"github.com/metricgen/metricgen/generated/kirametrics"
	"github.com/metricgen/metricgen/generated/klaviyometrics"
)

// The benchmarks of issue 16: the generated OTel backend (generated/kirametrics, from
// spec/kira.yaml) against hand-written OpenTelemetry code recording the same series, on one
// SDK MeterProvider with a manual reader (what an exporter pulls from). Run them in one run
// and compare with benchstat (the closing note has the command):
//
//	go test -run '^$' -bench 'OTel' -benchmem -count 10 -benchtime 300000x . | tee otel.txt
//
//	benchstat -col /impl otel.txt
//
// impl=generated is metricgen's; impl=attributeset the hand-written best practice (an
// attribute set built once, passed with metric.WithAttributeSet); impl=attributes the usual
// call (metric.WithAttributes(attribute.String(...), ...)); impl=options hand-written code
// that also builds the option slice once, as the generated code does (the floor).

func benchProvider(b *testing.B) metric.MeterProvider {
	b.Helper()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
	b.Cleanup(func() { _ = mp.Shutdown(context.Background()) })
	return mp
}

func BenchmarkOTelCounterEnum(b *testing.B) {
	ctx := context.Background()
	b.Run("impl=prometheus-backend", func(b *testing.B) {
		// The same call on the Prometheus backend (generated/klaviyometrics), for scale.
		m := klaviyometrics.MustNew(prometheus.NewRegistry())
		runtime.GC()
		b.ReportAllocs()
		for b.Loop() {
			m.APIRequestsTotal.Inc(klaviyometrics.MethodGET, klaviyometrics.EndpointProfiles, klaviyometrics.StatusSuccess)
		}
	})
	b.Run("impl=generated", func(b *testing.B) {
		m, err := kirametrics.New(benchProvider(b))
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC() // no garbage of the previous sub-benchmark collected in this one
		b.ReportAllocs()
		for b.Loop() {
			m.APIRequestsTotal.Inc(kirametrics.MethodGET, kirametrics.EndpointCustomers, kirametrics.StatusSuccess)
		}
	})
	b.Run("impl=attributeset", func(b *testing.B) {
		c, err := benchProvider(b).Meter("bench").Float64Counter("kira_api_requests_total")
		if err != nil {
			b.Fatal(err)
		}
		set := attribute.NewSet(attribute.String("method", "GET"), attribute.String("endpoint", "customers"), attribute.String("status", "success"))
		runtime.GC() // no garbage of the previous sub-benchmark collected in this one
		b.ReportAllocs()
		for b.Loop() {
			c.Add(ctx, 1, metric.WithAttributeSet(set))
		}
	})
	b.Run("impl=attributes", func(b *testing.B) {
		c, err := benchProvider(b).Meter("bench").Float64Counter("kira_api_requests_total")
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC() // no garbage of the previous sub-benchmark collected in this one
		b.ReportAllocs()
		for b.Loop() {
			c.Add(ctx, 1, metric.WithAttributes(attribute.String("method", "GET"), attribute.String("endpoint", "customers"), attribute.String("status", "success")))
		}
	})
	b.Run("impl=options", func(b *testing.B) {
		c, err := benchProvider(b).Meter("bench").Float64Counter("kira_api_requests_total")
		if err != nil {
			b.Fatal(err)
		}
		opts := []metric.AddOption{metric.WithAttributeSet(attribute.NewSet(attribute.String("method", "GET"), attribute.String("endpoint", "customers"), attribute.String("status", "success")))}
		runtime.GC() // no garbage of the previous sub-benchmark collected in this one
		b.ReportAllocs()
		for b.Loop() {
			c.Add(ctx, 1, opts...)
		}
	})
}

func BenchmarkOTelHistogramEnum(b *testing.B) {
	ctx := context.Background()
	bounds := metric.WithExplicitBucketBoundaries(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
	b.Run("impl=generated", func(b *testing.B) {
		m, err := kirametrics.New(benchProvider(b))
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC() // no garbage of the previous sub-benchmark collected in this one
		b.ReportAllocs()
		for b.Loop() {
			m.APIDurationSeconds.Observe(0.3, kirametrics.MethodGET, kirametrics.EndpointCustomers)
		}
	})
	b.Run("impl=attributeset", func(b *testing.B) {
		h, err := benchProvider(b).Meter("bench").Float64Histogram("kira_api_duration_seconds", bounds)
		if err != nil {
			b.Fatal(err)
		}
		set := attribute.NewSet(attribute.String("method", "GET"), attribute.String("endpoint", "customers"))
		runtime.GC() // no garbage of the previous sub-benchmark collected in this one
		b.ReportAllocs()
		for b.Loop() {
			h.Record(ctx, 0.3, metric.WithAttributeSet(set))
		}
	})
	b.Run("impl=attributes", func(b *testing.B) {
		h, err := benchProvider(b).Meter("bench").Float64Histogram("kira_api_duration_seconds", bounds)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC() // no garbage of the previous sub-benchmark collected in this one
		b.ReportAllocs()
		for b.Loop() {
			h.Record(ctx, 0.3, metric.WithAttributes(attribute.String("method", "GET"), attribute.String("endpoint", "customers")))
		}
	})
	b.Run("impl=options", func(b *testing.B) {
		h, err := benchProvider(b).Meter("bench").Float64Histogram("kira_api_duration_seconds", bounds)
		if err != nil {
			b.Fatal(err)
		}
		opts := []metric.RecordOption{metric.WithAttributeSet(attribute.NewSet(attribute.String("method", "GET"), attribute.String("endpoint", "customers")))}
		runtime.GC() // no garbage of the previous sub-benchmark collected in this one
		b.ReportAllocs()
		for b.Loop() {
			h.Record(ctx, 0.3, opts...)
		}
	})
}

// BenchmarkOTelCounterFree: one enum and two free-form labels, values already seen (the
// steady state: the generated code finds the series in its cache).
func BenchmarkOTelCounterFree(b *testing.B) {
	ctx := context.Background()
	b.Run("impl=generated", func(b *testing.B) {
		m, err := kirametrics.New(benchProvider(b))
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC() // no garbage of the previous sub-benchmark collected in this one
		b.ReportAllocs()
		for b.Loop() {
			m.APIErrorsTotal.Inc(kirametrics.EndpointCustomers, "429", "throttled")
		}
	})
	b.Run("impl=attributes", func(b *testing.B) {
		c, err := benchProvider(b).Meter("bench").Float64Counter("kira_api_errors_total")
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC() // no garbage of the previous sub-benchmark collected in this one
		b.ReportAllocs()
		for b.Loop() {
			c.Add(ctx, 1, metric.WithAttributes(attribute.String("endpoint", "customers"), attribute.String("status_code", "429"), attribute.String("error_code", "throttled")))
		}
	})
}

// BenchmarkOTelGauge: the generated gauge keeps its value (one atomic store) for an
// observable gauge to report; against the synchronous instruments a hand-written gauge would
// use: Float64Gauge.Record (set) and Float64UpDownCounter.Add (add).
func BenchmarkOTelGauge(b *testing.B) {
	ctx := context.Background()
	b.Run("impl=generated", func(b *testing.B) {
		m, err := kirametrics.New(benchProvider(b))
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.ReportAllocs()
		for b.Loop() {
			m.SyncLagSeconds.Set(12)
		}
	})
	b.Run("impl=gauge", func(b *testing.B) {
		g, err := benchProvider(b).Meter("bench").Float64Gauge("kira_sync_lag_seconds")
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.ReportAllocs()
		for b.Loop() {
			g.Record(ctx, 12)
		}
	})
	b.Run("impl=updowncounter", func(b *testing.B) {
		g, err := benchProvider(b).Meter("bench").Float64UpDownCounter("kira_sync_lag_seconds")
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.ReportAllocs()
		for b.Loop() {
			g.Add(ctx, 1)
		}
	})
}

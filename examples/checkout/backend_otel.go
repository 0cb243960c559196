//go:build otel

package main

import (
	"context"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	otelprom "go.opentelemetry.io/otel/exporters/prometheus"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"

	"example.com/checkout/checkoutmetrics"
)

// newMetrics creates the service's metrics with the OpenTelemetry backend. To run the example
// on it: set go.backend: otel in metrics.yaml, run go generate ./..., and build with
// -tags otel (make e2e does exactly that in a copy of this folder). The code that records the
// metrics (main.go) does not change: both backends generate the same methods.
//
// The SDK's MeterProvider reads the instruments through OpenTelemetry's Prometheus exporter,
// which serves GET /metrics with the Go and process collectors beside it. It exposes the
// spec's names (metricgen validation warns where its translation would not) with two
// additions of its own: a target_info series of the resource, and otel_scope_name/_version
// labels on every series (the generated package's import path): the generated rules and
// dashboard aggregate them away. The SDK keeps an exemplar (trace_id, span_id) of measurements
// made with a sampled span's context, as the generated operations make theirs; OpenMetrics
// carries them. A service exporting OTLP adds its periodic reader beside the exporter.
func newMetrics(opts ...checkoutmetrics.Option) (*checkoutmetrics.Metrics, http.Handler, func(context.Context) error, error) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	exporter, err := otelprom.New(otelprom.WithRegisterer(reg))
	if err != nil {
		return nil, nil, nil, err
	}
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(exporter))
	m, err := checkoutmetrics.New(mp, opts...)
	if err != nil {
		return nil, nil, nil, err
	}
	return m, promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg, EnableOpenMetrics: true}), mp.Shutdown, nil
}

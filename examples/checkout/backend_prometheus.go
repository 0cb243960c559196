//go:build !otel

package main

import (
	"context"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"example.com/checkout/checkoutmetrics"
)

// newMetrics creates the service's metrics with the Prometheus backend (go.backend:
// prometheus, the default, in metrics.yaml) in a registry of our own: no global state, and
// only what we register is exposed. It returns them with the handler of GET /metrics (in
// OpenMetrics when Prometheus asks for it: the format that carries exemplars) and what to call
// at shutdown.
func newMetrics(opts ...checkoutmetrics.Option) (*checkoutmetrics.Metrics, http.Handler, func(context.Context) error, error) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	m, err := checkoutmetrics.New(reg, opts...)
	if err != nil {
		return nil, nil, nil, err
	}
	return m, promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg, EnableOpenMetrics: true}), func(context.Context) error { return nil }, nil
}

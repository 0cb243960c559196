//go:build ignore

package gootel

import (
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// Option configures New.
type Option func(*config)

// config is what the options of New set.
type config struct {
	meterName    string
	meterOptions []metric.MeterOption
	// operations are the options of the operations (WithLogger, WithTracerProvider, ...,
	// generated in operations.go when the spec has operations), each applied by New to the
	// operations' own settings.
	operations []func(any)
}

// WithMeter sets the name of the meter that New creates the instruments with, and its options
// (metric.WithInstrumentationVersion, metric.WithSchemaURL, ...): the instrumentation scope,
// which OpenTelemetry's Prometheus exporter adds to every series as the otel_scope_name label
// (and _version). The default name is the generated package's import path.
func WithMeter(name string, opts ...metric.MeterOption) Option {
	return func(c *config) {
		c.meterName = name
		c.meterOptions = opts
	}
}

// addOptions returns the options of an Add to the series of set, built once per series: a
// slice passed with ... is not copied, so an Add allocates nothing.
func addOptions(set attribute.Set) []metric.AddOption {
	return []metric.AddOption{metric.WithAttributeSet(set)}
}

// recordOptions is addOptions for Record.
func recordOptions(set attribute.Set) []metric.RecordOption {
	return []metric.RecordOption{metric.WithAttributeSet(set)}
}

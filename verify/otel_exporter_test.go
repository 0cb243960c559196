package verify

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	otelprom "go.opentelemetry.io/otel/exporters/prometheus"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"

	"github.com/metricgen/metricgen/generated/kirametrics"
	"github.com/metricgen/metricgen/internal/validate"
)

// TestKiraThroughExporter (issue 16): spec/kira.yaml's package, generated with the otel
// backend, behind OpenTelemetry's Prometheus exporter with its defaults, as a service runs it:
// every metric is exposed under the spec's name, with the spec's labels plus the exporter's
// otel_scope_* labels (the package's import path as the scope name), beside a target_info of
// the resource. TestOTelEquivalence compares the series themselves.
func TestKiraThroughExporter(t *testing.T) {
	s, ds := validate.File(filepath.Join("..", "spec", "kira.yaml"), validate.Options{OutRoot: t.TempDir()})
	if s == nil {
		t.Fatal(ds)
	}
	reg := prometheus.NewRegistry()
	exp, err := otelprom.New(otelprom.WithRegisterer(reg))
	if err != nil {
		t.Fatal(err)
	}
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(exp))
	defer mp.Shutdown(context.Background())
	m, err := kirametrics.New(mp)
	if err != nil {
		t.Fatal(err)
	}
	m.APIDurationSeconds.Observe(0.3, kirametrics.MethodGET, kirametrics.EndpointCustomers)
	m.WebhookPayloadBytes.Observe(2048)
	m.APIErrorsTotal.Inc(kirametrics.EndpointDocuments, "429", "rate_limited")
	m.SyncLagSeconds.Set(12)
	fams, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fams {
		got = append(got, f.GetName())
		if f.GetName() == "target_info" {
			continue
		}
		for _, mt := range f.GetMetric() {
			var scope string
			for _, l := range mt.GetLabel() {
				if l.GetName() == "otel_scope_name" {
					scope = l.GetValue()
				}
			}
			if scope != "github.com/metricgen/metricgen/generated/kirametrics" {
				t.Errorf("%s: otel_scope_name %q, want the generated package's import path", f.GetName(), scope)
			}
		}
	}
	want := []string{"target_info"}
	for _, m := range s.Metrics {
		want = append(want, m.Name)
	}
	slices.Sort(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("exposed metrics:\n  %s\nwant\n  %s", strings.Join(got, " "), strings.Join(want, " "))
	}
}

package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestBinaryDependencies keeps the binary lean (every package it links is compiled in each
// service that runs it through Go's tool directive): no Kubernetes client, no PromQL engine,
// no Prometheus rule or template packages (metricgen has its own, checked against them in
// the verify module), no OpenTelemetry, nothing with costly package initialisation.
func TestBinaryDependencies(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list; skipped with -short")
	}
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	pkgs := strings.Fields(string(out))
	if len(pkgs) < 100 {
		t.Fatalf("go list -deps listed %d packages; expected the binary's full graph", len(pkgs))
	}
	banned := []struct{ prefix, why string }{
		{"k8s.io/", "Kubernetes client code"},
		{"sigs.k8s.io/", "Kubernetes client code"},
		{"go.opentelemetry.io/", "OpenTelemetry (tests may use it from the verify module)"},
		{"github.com/prometheus/prometheus/promql\x00", "the PromQL engine"},
		{"github.com/prometheus/prometheus/model/rulefmt\x00", "rulefmt (use promql.LoadRules)"},
		{"github.com/prometheus/prometheus/template\x00", "Prometheus' template package (use promql.CheckTemplate)"},
		{"github.com/prometheus/prometheus/tsdb\x00", "the TSDB"},
		{"github.com/prometheus/prometheus/config\x00", "Prometheus' configuration"},
		{"github.com/prometheus/prometheus/discovery", "service discovery"},
		{"github.com/santhosh-tekuri/jsonschema", "a JSON Schema library whose package initialisation compiles every draft's meta-schema on each start (use internal/jsonschema)"},
	}
	for _, p := range pkgs {
		for _, b := range banned {
			prefix, exact := strings.CutSuffix(b.prefix, "\x00")
			if (exact && p == prefix) || (!exact && strings.HasPrefix(p, prefix)) {
				t.Errorf("the metricgen binary links %s: %s must stay out of it (see docs/development.md)", p, b.why)
			}
		}
	}
}

package main

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
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

// TestPackageInit keeps package initialisation cheap: it runs on every start of metricgen,
// whatever the command (issue 13: a small spec's validate spends under 3 ms in it). No
// metricgen package may allocate more than maxInitBytes in its initialisation: compile a
// regular expression with internal/lazyregexp, and parse a template or a schema on first use
// (sync.OnceValue). The test runs its own binary again with GODEBUG=inittrace=1: it links
// every package the command does.
func TestPackageInit(t *testing.T) {
	const maxInitBytes = 8 << 10
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// init github.com/metricgen/metricgen/internal/validate @14 ms, 0.030 ms clock, 2608 bytes, 8 allocs
	line := regexp.MustCompile(`(?m)^init (\S+) @.* clock, (\d+) bytes, (\d+) allocs$`)
	seen := 0
	for _, m := range line.FindAllStringSubmatch(string(out), -1) {
		pkg, bytes := m[1], m[2]
		if !strings.HasPrefix(pkg, "github.com/metricgen/metricgen/") || pkg == "github.com/metricgen/metricgen/cmd/metricgen" {
			continue // the package under test is initialised with its tests' own variables
		}
		seen++
		if n, _ := strconv.Atoi(bytes); n > maxInitBytes {
			t.Errorf("package %s allocates %s bytes (%s allocations) in its initialisation, more than %d: do that work on first use", pkg, bytes, m[3], maxInitBytes)
		}
	}
	if seen < 5 {
		t.Fatalf("inittrace listed %d metricgen packages:\n%s", seen, out)
	}
}

package verify

import (
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/gen/golang"
	"github.com/metricgen/metricgen/internal/gen/redact"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/validate"
)

// TestOTelEquivalence (issue 16): for every spec with a Go package (the golden cases and
// spec/), the exposition of the OTel backend through OpenTelemetry's Prometheus exporter
// equals client_golang's exposition of the Prometheus backend after the same calls: names
// (as validation predicts the exporter's translation), types, help, label names and values,
// values, bucket boundaries and counts. The exporter runs without target_info and the
// otel_scope_* labels (see equivtest.MeterProvider). Each spec is generated with both
// backends into one scratch module, with a test that makes the same calls on both packages;
// one `go test` runs them all.
func TestOTelEquivalence(t *testing.T) {
	root := t.TempDir()
	if d := os.Getenv("OTELEQUIV_DIR"); d != "" {
		root = d // keep the module, to run its tests by hand
	}
	writeEquivModule(t, root)
	specs, err := filepath.Glob(filepath.Join("..", "testdata", "golden", "*", "spec.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob(filepath.Join("..", "spec", "*.yaml"))
	specs = append(specs, more...)
	n := 0
	for i, p := range specs {
		s, ds := validate.File(p, validate.Options{OutRoot: t.TempDir()})
		if s == nil || diag.HasErrors(ds) {
			t.Fatalf("%s: %v", p, ds)
		}
		if s.Go == nil {
			continue
		}
		name := filepath.Base(filepath.Dir(p))
		if name == "spec" {
			name = "spec-" + strings.TrimSuffix(filepath.Base(p), ".yaml")
		}
		writeEquivCase(t, root, name, i, s)
		n++
	}
	if n < 8 {
		t.Fatalf("only %d specs with a Go package", n)
	}
	cmd := exec.Command("go", "test", "-count=1", "-v", "./all")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local")
	cmd.WaitDelay = time.Second
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go test in the scratch module %s: %v\n%s", root, err, out)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if strings.Contains(l, "empty histogram series") {
			t.Log(strings.TrimSpace(l))
		}
	}
}

// writeEquivModule writes the scratch module: verify's requirements (client_golang, the OTel
// SDK and its Prometheus exporter, the OTel API), without metricgen's own modules, and the
// comparison package.
func writeEquivModule(t *testing.T, root string) {
	t.Helper()
	mod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, l := range strings.Split(string(mod), "\n") {
		switch {
		case strings.HasPrefix(l, "module "):
			l = "module equiv"
		case strings.Contains(l, "github.com/metricgen/metricgen"):
			continue
		}
		b.WriteString(l + "\n")
	}
	write(t, filepath.Join(root, "go.mod"), b.String())
	sum, err := os.ReadFile("go.sum")
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(root, "go.sum"), string(sum))
	cmp, err := os.ReadFile(filepath.Join("testdata", "otelequiv", "compare.go.txt"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(root, "equivtest", "compare.go"), string(cmp))
}

// writeEquivCase writes the spec's package generated with each backend, and the test making
// the same calls on both, into the package all, which tests every case in one binary (one
// link of the SDK rather than one per case).
func writeEquivCase(t *testing.T, root, name string, i int, s *model.Spec) {
	t.Helper()
	for _, backend := range []model.Backend{model.Prometheus, model.OTel} {
		bs := *s
		g := *s.Go
		g.Backend = backend
		bs.Go = &g
		for _, m := range s.Metrics {
			m.OTel = nil
			if backend == model.OTel {
				m.OTel = validate.OTel(m)
			}
		}
		files, err := golang.Generate(&bs)
		if err != nil {
			t.Fatalf("%s (%s): %v", name, backend, err)
		}
		// The package's redaction code too: the operations' log records go through it.
		rfiles, err := redact.Generate(&bs)
		if err != nil {
			t.Fatalf("%s (%s): %v", name, backend, err)
		}
		files = append(files, rfiles...)
		for _, f := range files {
			if path.Dir(f.Path) == s.Go.Dir && strings.HasSuffix(f.Path, ".go") {
				write(t, filepath.Join(root, name, string(backend), path.Base(f.Path)), string(f.Content))
			}
		}
	}
	exposed := map[string]string{}
	native := map[string]bool{}
	for _, m := range s.Metrics {
		if m.OTel.Exposed != m.Name {
			exposed[m.Name] = m.OTel.Exposed
		}
		if m.Native != nil {
			native[m.Name] = true
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `package all

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"equiv/equivtest"
	otel%[2]d "equiv/%[1]s/otel"
	prom%[2]d "equiv/%[1]s/prometheus"
)

// TestSameSeries%[2]d makes the same calls on both backends' packages of %[1]s and compares
// what each exposes.
func TestSameSeries%[2]d(t *testing.T) {
	promReg := prometheus.NewPedanticRegistry()
	pm, err := prom%[2]d.New(promReg)
	if err != nil {
		t.Fatal(err)
	}
	otelReg := prometheus.NewRegistry()
	om, err := otel%[2]d.New(equivtest.MeterProvider(t, otelReg))
	if err != nil {
		t.Fatal(err)
	}
	promPanics, otelPanics := exerciseProm%[2]d(pm), exerciseOTel%[2]d(om)
	for i := range promPanics {
		if promPanics[i] != otelPanics[i] {
			t.Errorf("call %%d: the prometheus backend panics %%q, the otel backend %%q", i, promPanics[i], otelPanics[i])
		}
	}
	n := equivtest.Compare(t, promReg, otelReg, %#[3]v, %#[4]v)
	t.Logf("%[1]s: %%d empty histogram series (prometheus backend only)", n)
}
`, name, i, exposed, native)
	fmt.Fprintf(&b, "\nfunc exerciseProm%d(m *prom%[1]d.Metrics) (panics []string) {\n%s\treturn panics\n}\n", i, calls(s, fmt.Sprintf("prom%d", i)))
	fmt.Fprintf(&b, "\nfunc exerciseOTel%d(m *otel%[1]d.Metrics) (panics []string) {\n%s\treturn panics\n}\n", i, calls(s, fmt.Sprintf("otel%d", i)))
	write(t, filepath.Join(root, "all", name+"_test.go"), b.String())
}

// calls returns the statements that exercise every method of every metric of s, on the
// package named pkg: label values that cycle through every enum value and one past the
// last, free-form values that are empty, invalid UTF-8, outside the pattern and more than
// max_values; values that cross every bucket boundary.
func calls(s *model.Spec, pkg string) string {
	var b strings.Builder
	for _, m := range s.Metrics {
		rounds := 5
		for _, l := range m.Labels {
			if l.Enum() {
				rounds = max(rounds, len(l.Values)+1)
			} else {
				rounds = max(rounds, min(l.MaxValues, 60)+6)
			}
		}
		if len(m.Labels) == 0 {
			rounds = 1
		}
		for i := range rounds {
			var args []string
			for j, l := range m.Labels {
				args = append(args, labelArg(pkg, l, i, j, rounds))
			}
			for _, c := range methodCalls(m, i) {
				// Out-of-range enum values and negative Adds panic, alike on both backends.
				fmt.Fprintf(&b, "\tpanics = append(panics, equivtest.Call(func() { m.%s.%s }))\n", m.GoName, withArgs(c, args))
			}
		}
	}
	return b.String()
}

// labelArg is the value of label l (the j-th) in round i of rounds: enum values in turn, the
// last round one past the last value; free-form values "v0", "v1", ... with a few that the
// guard records as "invalid" in between.
func labelArg(pkg string, l *model.Label, i, j, rounds int) string {
	if l.Enum() {
		if i == rounds-1 {
			return fmt.Sprintf("%s.%s(%d)", pkg, l.GoName, len(l.Values))
		}
		return pkg + "." + l.Values[(i+j)%len(l.Values)].GoName
	}
	switch i % 7 {
	case 3:
		return strconv.Quote("")
	case 5:
		return `"\xff"`
	}
	return strconv.Quote(fmt.Sprintf("v%d", i))
}

// methodCalls are the calls of round i on metric m, with %s where the labels go (a leading
// value takes ", " before them).
func methodCalls(m *model.Metric, i int) []string {
	v := float64(i)
	if m.Scrape {
		// The last function registered for a combination is the one read; nil removes it.
		calls := []string{fmt.Sprintf("Observe(func() float64 { return %v }, %%s)", v+0.5)}
		if i%3 == 2 {
			calls = append(calls, "Observe(nil, %s)")
		}
		return calls
	}
	switch m.Type {
	case model.Counter:
		return []string{"Inc(%s)", fmt.Sprintf("Add(%v, %%s)", v+2.5), "Add(-1, %s)"}
	case model.Gauge:
		return []string{fmt.Sprintf("Set(%v, %%s)", v+0.5), "Inc(%s)", "Inc(%s)", "Dec(%s)", fmt.Sprintf("Add(%v, %%s)", v+1.5), "Sub(0.25, %s)"}
	default:
		var cs []string
		obs := []float64{0, 1e9}
		for k, bound := range m.Buckets {
			if k < 12 || k == len(m.Buckets)-1 {
				obs = append(obs, bound, bound*1.01)
			}
		}
		if len(m.Buckets) == 0 {
			obs = append(obs, 0.001, 0.1, 3, 42, 1e4)
		}
		for k, o := range obs {
			if (k+i)%2 == 0 {
				cs = append(cs, fmt.Sprintf("Observe(%v, %%s)", o))
			}
		}
		return cs
	}
}

// withArgs puts the label arguments into a call.
func withArgs(call string, args []string) string {
	joined := strings.Join(args, ", ")
	if joined == "" {
		call = strings.Replace(call, ", %s", "", 1)
		return strings.Replace(call, "%s", "", 1)
	}
	return strings.Replace(call, "%s", joined, 1)
}

func write(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

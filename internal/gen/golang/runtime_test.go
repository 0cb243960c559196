package golang

import (
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/metricgen/metricgen/internal/gen/gosrc"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/templates"
)

// TestRuntimeFiles: runtimeFiles lists every file of templates/gometrics that may be copied,
// each with the files it needs, and none imports more than the standard library and
// client_golang.
func TestRuntimeFiles(t *testing.T) {
	for _, err := range gosrc.Check(templates.Go, runtimeDir, runtimeFiles, "doc.go") {
		t.Error(err)
	}
	for _, f := range runtimeFiles {
		src, err := templates.Go.ReadFile(runtimeDir + "/" + f.Name)
		if err != nil {
			t.Fatal(err)
		}
		af, err := parser.ParseFile(token.NewFileSet(), f.Name, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		// The files of the operations' spans import the OpenTelemetry API, which the root
		// module does not require: they are build-ignored here (and built in the scratch
		// module of internal/gen/goscratch).
		ignored := strings.HasPrefix(string(src), "//go:build ignore\n")
		for _, imp := range af.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			switch {
			case !strings.Contains(strings.Split(p, "/")[0], ".") || p == promPath:
			case ignored && otelAPI(p):
			case otelAPI(p):
				t.Errorf("%s imports %s without //go:build ignore on its first line: the root module does not require OpenTelemetry", f.Name, p)
			default:
				t.Errorf("%s imports %s: only the standard library, client_golang and (build-ignored) the OpenTelemetry API", f.Name, p)
			}
		}
	}
}

// otelAPI reports whether p is a package of the OpenTelemetry API that generated code may
// import: go.opentelemetry.io/otel and its trace module, never the SDK.
func otelAPI(p string) bool {
	return p == "go.opentelemetry.io/otel" || slices.Contains([]string{"attribute", "codes", "propagation", "trace", "trace/noop"}, strings.TrimPrefix(p, "go.opentelemetry.io/otel/"))
}

// TestRuntimeSelection: a package gets the runtime files its metrics use, and no other.
func TestRuntimeSelection(t *testing.T) {
	names := func(s *model.Spec) string {
		var ns []string
		for _, f := range runtimeOf(s, shapesOf(s)) {
			ns = append(ns, f.Name)
		}
		return strings.Join(ns, " ")
	}
	for _, c := range []struct {
		name string
		spec func() *model.Spec
		want string
	}{
		{"go-enum", enumSpec, "enum.go panic_counter.go panic_observer.go decrease.go timer.go"},
		{"go-deprecated", deprecatedSpec, "enum.go panic_counter.go decrease.go"},
		{"go-kinds", kindsSpec, "enum.go panic_counter.go panic_gauge.go panic_observer.go panic_vec.go decrease.go lazy.go timer.go histogram.go"},
		{"go-mixed", mixedSpec, "enum.go panic_counter.go panic_gauge.go panic_observer.go panic_vec.go decrease.go guard.go pattern.go cache.go free.go timer.go"},
		{"go-freeform", freeformSpec, "decrease.go guard.go pattern.go cache.go free.go timer.go"},
		{"go-nolabels", nolabelsSpec, "decrease.go lazy.go timer.go counter.go duration_histogram.go lazy_gauge.go"},
		{"go-api", apiSpec, "enum.go panic_counter.go decrease.go lazy.go funcs.go timer.go histogram.go lazy_gauge.go counter_func.go gauge_func.go"},
	} {
		if got := names(c.spec()); got != c.want {
			t.Errorf("%s: runtime files %q, want %q", c.name, got, c.want)
		}
	}
	// Without a pattern, no regexp.
	s := freeformSpec()
	for _, l := range s.Labels {
		l.Pattern = ""
	}
	if got := names(s); strings.Contains(got, "pattern.go") {
		t.Errorf("free-form labels without a pattern get %s", got)
	}
	// Without any file, no metrics_runtime.go: gauges of a label with an other value, recorded
	// from the first scrape.
	quiet := func() *model.Spec {
		level := enum("level", "", "low", "high", "other")
		level.Other = level.Values[2]
		g := metric("q", "queue_jobs", model.Gauge, "", "Jobs waiting", level)
		g.Init = model.InitAll
		return spec("q", "q", "qmetrics", []*model.Label{level}, g)
	}
	if got := names(quiet()); got != "" {
		t.Errorf("a gauge of a label with other: runtime files %q, want none", got)
	}
	for _, f := range generate(t, "quiet", quiet) {
		if strings.HasSuffix(f.Path, runtimeFile) {
			t.Errorf("%s, with nothing in it", f.Path)
		}
	}
}

// TestShapes: metrics of one kind and labels share a type; types whose names would be equal
// are told apart. A gauge is Lazy by default (init: none), a histogram without unit: seconds
// has no Start (a Histogram, not a DurationHistogram), and a metric read at scrape time is a
// Func.
func TestShapes(t *testing.T) {
	ab := enum("a_b", "", "x")
	c := enum("c", "", "x")
	a := enum("a", "", "x")
	bc := enum("b_c", "", "x")
	s := spec("t", "t", "tmetrics", []*model.Label{ab, c, a, bc},
		metric("t", "one_total", model.Counter, "", "one", ab, c),
		metric("t", "three_total", model.Counter, "", "three", a, bc),
		metric("t", "two_total", model.Counter, "", "two", ab, c),
		metric("t", "level", model.Gauge, "", "level", ab, c),
		metric("t", "size_bytes", model.Histogram, "bytes", "size", ab, c),
		metric("t", "wait_seconds", model.Histogram, "seconds", "wait", ab, c),
		metric("t", "batch_items", model.Histogram, "", "items", ab, c),
		metric("t", "pool_open", model.Gauge, "", "pool", ab, c),
	)
	s.Metric("pool_open").Scrape = true
	ss := shapesOf(s)
	of := func(key string) string { return ss.of[s.Metric(key)].name }
	for key, want := range map[string]string{
		"one_total": "CounterByABC", "two_total": "CounterByABC", "three_total": "CounterByABC2",
		"level": "LazyGaugeByABC", "size_bytes": "HistogramByABC", "wait_seconds": "DurationHistogramByABC",
		"batch_items": "HistogramByABC", "pool_open": "GaugeFuncByABC",
	} {
		if got := of(key); got != want {
			t.Errorf("%s has the shape %s, want %s", key, got, want)
		}
	}
	if len(ss.all) != 6 {
		t.Errorf("%d shapes, want 6", len(ss.all))
	}
}

// TestOTelRuntimeFiles: otelRuntimeFiles lists every file of templates/gootel that may be
// copied, each with the files it needs (checked within the folder; what it uses of
// templates/gometrics is checked by compiling every golden package of the otel backend in
// internal/gen/goscratch), every file starts with the go:build ignore line that keeps the OTel
// API out of metricgen's go.mod, and none imports more than the standard library and the OTel
// metrics API.
func TestOTelRuntimeFiles(t *testing.T) {
	var local []gosrc.File
	for _, f := range otelRuntimeFiles {
		name, ok := strings.CutPrefix(f.Name, "gootel/")
		if !ok {
			if _, err := templates.Go.ReadFile(f.Name); err != nil || !strings.HasPrefix(f.Name, "gometrics/") {
				t.Errorf("%s: not a file of templates/gootel or templates/gometrics", f.Name)
			}
			continue
		}
		lf := gosrc.File{Name: name}
		for _, n := range f.Needs {
			if n, ok := strings.CutPrefix(n, "gootel/"); ok {
				lf.Needs = append(lf.Needs, n)
			}
		}
		local = append(local, lf)
	}
	for _, err := range gosrc.Check(templates.Go, "gootel", local, "doc.go") {
		t.Error(err)
	}
	entries, err := templates.Go.ReadDir("gootel")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		src, err := templates.Go.ReadFile("gootel/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(src), "//go:build ignore\n\n") {
			t.Errorf("gootel/%s does not start with //go:build ignore and a blank line", e.Name())
		}
		if strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), e.Name(), src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if strings.Contains(strings.Split(p, "/")[0], ".") && p != otelMetricPath && p != otelAttrPath {
				t.Errorf("gootel/%s imports %s: only the standard library and the OTel metrics API", e.Name(), p)
			}
		}
	}
}

// TestOTelRuntimeSelection: a package of the otel backend gets the runtime files its metrics
// use, and no other.
func TestOTelRuntimeSelection(t *testing.T) {
	names := func(s *model.Spec) string {
		s.Go.Backend = model.OTel
		dir, files := runtimeFor(s, shapesOf(s))
		var ns []string
		for _, f := range files {
			ns = append(ns, f.Name)
		}
		return dir + ": " + strings.Join(ns, " ")
	}
	for _, c := range []struct {
		name string
		spec func() *model.Spec
		want string
	}{
		{"go-enum", enumSpec, ".: gometrics/enum.go gometrics/decrease.go gootel/options.go gootel/timer.go"},
		{"go-mixed", mixedSpec, ".: gometrics/enum.go gometrics/decrease.go gometrics/guard.go gometrics/pattern.go gometrics/cache.go gootel/options.go gootel/free.go gootel/value.go gootel/timer.go"},
		{"go-nolabels", nolabelsSpec, ".: gometrics/decrease.go gootel/options.go gootel/value.go gootel/timer.go gootel/counter.go gootel/duration_histogram.go gootel/lazy_gauge.go"},
		{"go-api", apiSpec, ".: gometrics/enum.go gometrics/decrease.go gootel/options.go gootel/value.go gootel/funcs.go gootel/timer.go gootel/histogram.go gootel/lazy_gauge.go gootel/counter_func.go gootel/gauge_func.go"},
	} {
		if got := names(c.spec()); got != c.want {
			t.Errorf("%s: runtime files %q, want %q", c.name, got, c.want)
		}
	}
}

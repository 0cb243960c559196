package golang

import (
	"go/parser"
	"go/token"
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
		for _, imp := range af.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); strings.Contains(strings.Split(p, "/")[0], ".") && p != promPath {
				t.Errorf("%s imports %s: only the standard library and client_golang", f.Name, p)
			}
		}
	}
}

// TestRuntimeSelection: a package gets the runtime files its metrics use, and no other.
func TestRuntimeSelection(t *testing.T) {
	names := func(s *model.Spec) string {
		var ns []string
		for _, f := range runtimeOf(shapesOf(s)) {
			ns = append(ns, f.Name)
		}
		return strings.Join(ns, " ")
	}
	for _, c := range []struct {
		name string
		spec func() *model.Spec
		want string
	}{
		{"go-enum", enumSpec, "timer.go"},
		{"go-deprecated", deprecatedSpec, ""},
		{"go-kinds", kindsSpec, "timer.go histogram.go"},
		{"go-mixed", mixedSpec, "guard.go pattern.go cache.go free.go timer.go"},
		{"go-freeform", freeformSpec, "guard.go pattern.go cache.go free.go timer.go"},
		{"go-nolabels", nolabelsSpec, "timer.go counter.go gauge.go duration_histogram.go"},
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
	// Without any file, no metrics_runtime.go.
	for _, f := range generate(t, "go-deprecated", deprecatedSpec) {
		if strings.HasSuffix(f.Path, runtimeFile) {
			t.Errorf("go-deprecated has %s, with nothing in it", f.Path)
		}
	}
}

// TestShapes: metrics of one kind and labels share a type; types whose names would be equal
// are told apart.
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
	)
	ss := shapesOf(s)
	of := func(key string) string { return ss.of[s.Metric(key)].name }
	for key, want := range map[string]string{
		"one_total": "CounterByABC", "two_total": "CounterByABC", "three_total": "CounterByABC2",
		"level": "GaugeByABC", "size_bytes": "HistogramByABC", "wait_seconds": "DurationHistogramByABC",
	} {
		if got := of(key); got != want {
			t.Errorf("%s has the shape %s, want %s", key, got, want)
		}
	}
	if len(ss.all) != 5 {
		t.Errorf("%d shapes, want 5", len(ss.all))
	}
}

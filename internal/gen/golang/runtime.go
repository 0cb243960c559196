package golang

import (
	"path"
	"slices"

	"github.com/metricgen/metricgen/internal/gen/gosrc"
	"github.com/metricgen/metricgen/internal/goname"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/templates"
)

// runtimeDir is the folder, in templates.Go, of the static code of the generated package.
const runtimeDir = "gometrics"

// runtimeFile is the generated package's file that holds the static code it needs.
const runtimeFile = "metrics_runtime.go"

// runtimeFiles are the files of templates/gometrics that a generated package may need, in the
// order they are copied, with the files each uses. Every non-test file of the folder but
// doc.go is here (TestRuntimeFiles checks it, and that Needs is complete).
var runtimeFiles = []gosrc.File{
	{Name: "enum.go"},
	{Name: "panic_counter.go", Needs: []string{"enum.go"}},
	{Name: "panic_gauge.go", Needs: []string{"enum.go"}},
	{Name: "panic_observer.go", Needs: []string{"enum.go"}},
	{Name: "panic_vec.go"},
	{Name: "decrease.go"},
	{Name: "guard.go"},
	{Name: "pattern.go"},
	{Name: "cache.go"},
	{Name: "free.go", Needs: []string{"guard.go", "cache.go"}},
	{Name: "lazy.go"},
	{Name: "funcs.go"},
	{Name: "timer.go"},
	{Name: "counter.go", Needs: []string{"decrease.go"}},
	{Name: "gauge.go"},
	{Name: "histogram.go"},
	{Name: "duration_histogram.go", Needs: []string{"timer.go"}},
	{Name: "lazy_counter.go", Needs: []string{"lazy.go", "decrease.go"}},
	{Name: "lazy_gauge.go", Needs: []string{"lazy.go"}},
	{Name: "lazy_histogram.go", Needs: []string{"lazy.go"}},
	{Name: "lazy_duration_histogram.go", Needs: []string{"lazy.go", "timer.go"}},
	{Name: "counter_func.go", Needs: []string{"funcs.go"}},
	{Name: "gauge_func.go", Needs: []string{"funcs.go"}},
	{Name: "operation.go"},
	{Name: "exemplar.go"},
	{Name: "http.go", Needs: []string{"operation.go"}},
	{Name: "trace.go", Needs: []string{"operation.go"}},
	{Name: "trace_exemplar.go", Needs: []string{"trace.go", "exemplar.go"}},
	{Name: "trace_http.go", Needs: []string{"trace.go", "http.go"}},
}

// runtimeOrigin is the origin of the names the runtime files declare.
var runtimeOrigin = goname.Origin{What: "the generated metrics code (its runtime, templates/gometrics)"}

// otelRuntimeOrigin is the same for the otel backend's runtime.
var otelRuntimeOrigin = goname.Origin{What: "the generated metrics code (its OpenTelemetry runtime, templates/gootel)"}

// runtimeOf returns the runtime files the package of s needs: those of the shapes of its
// metrics, of its enum labels, of its operations, and what they need.
func runtimeOf(s *model.Spec, ss *shapes) []gosrc.File {
	var names []string
	for _, l := range s.Labels {
		if l.Enum() && l.Other == nil && (usedBy(s, l, true) || enumParam(s, l)) {
			names = append(names, "enum.go") // index panics
		}
	}
	names = append(names, operationRuntime(s, "", true)...)
	for _, sh := range ss.all {
		if !sh.scrape && slices.ContainsFunc(sh.enums, func(l *model.Label) bool { return l.Other == nil }) {
			names = append(names, map[model.MetricType]string{
				model.Counter: "panic_counter.go", model.Gauge: "panic_gauge.go", model.Histogram: "panic_observer.go",
			}[sh.typ])
			if sh.lazy || !sh.enumOnly() {
				names = append(names, "panic_vec.go")
			}
		}
		switch {
		case sh.unlabelled():
			names = append(names, unlabelledFiles[sh.kind])
		case sh.scrape:
			names = append(names, "funcs.go")
		case sh.lazy:
			names = append(names, "lazy.go")
		}
		if !sh.unlabelled() && sh.timed() {
			names = append(names, "timer.go")
		}
		if !sh.unlabelled() && sh.typ == model.Counter && !sh.scrape {
			names = append(names, "decrease.go") // Add panics
		}
		if len(sh.free) > 0 {
			names = append(names, "free.go")
		}
		for _, l := range sh.free {
			if l.Pattern != "" {
				names = append(names, "pattern.go")
			}
		}
	}
	files, err := gosrc.Closure(runtimeFiles, names...)
	if err != nil {
		panic(err) // a name above is not in runtimeFiles: TestRuntimeFiles fails too
	}
	return files
}

// runtimeFor returns the folder of templates.Go that the runtime files of the package of s
// are named in, and the files its metrics need: those of templates/gometrics for the
// Prometheus backend, those of templates/gootel and the gometrics files they use (named with
// their folder) for the otel backend.
func runtimeFor(s *model.Spec, ss *shapes) (string, []gosrc.File) {
	if s.Go.Backend == model.OTel {
		return ".", otelRuntimeOf(s, ss)
	}
	return runtimeDir, runtimeOf(s, ss)
}

// unlabelledFiles are the runtime files of the types of metrics without labels, by kind.
var unlabelledFiles = map[string]string{
	"Counter": "counter.go", "Gauge": "gauge.go", "Histogram": "histogram.go", "DurationHistogram": "duration_histogram.go",
	"LazyCounter": "lazy_counter.go", "LazyGauge": "lazy_gauge.go", "LazyHistogram": "lazy_histogram.go",
	"LazyDurationHistogram": "lazy_duration_histogram.go", "CounterFunc": "counter_func.go", "GaugeFunc": "gauge_func.go",
}

// runtimeSource returns metrics_runtime.go of the package of s, and false when s needs no
// runtime file.
func runtimeSource(s *model.Spec, dir string, files []gosrc.File) ([]byte, bool, error) {
	if len(files) == 0 {
		return nil, false, nil
	}
	src, err := gosrc.Copy(templates.Go, dir, files, gosrc.Header(s.Source), s.Go.Name, docText(gosrc.About(dir, files)))
	return src, true, err
}

// declareRuntime declares in r the names of the runtime files the package of s holds.
func declareRuntime(dir string, files []gosrc.File, r *goname.Registry) {
	for _, f := range files {
		src, err := templates.Go.ReadFile(path.Join(dir, f.Name))
		if err == nil {
			origin := runtimeOrigin
			if dir == "." {
				origin = otelRuntimeOrigin
			}
			err = r.Source(src, origin)
		}
		if err != nil {
			panic(err) // the embedded files are ours: TestRuntimeFiles reads them all
		}
	}
}

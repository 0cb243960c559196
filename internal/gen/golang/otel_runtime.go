package golang

import (
	"github.com/metricgen/metricgen/internal/gen/gosrc"
	"github.com/metricgen/metricgen/internal/model"
)

// otelRuntimeFiles are the files a package generated for the otel backend may need, named with
// their folder in templates.Go: the files of templates/gootel, and those of templates/gometrics
// they use (the label guard, the series cache and the pattern are the same for both
// backends), in the order they are copied. Every non-test file of templates/gootel but doc.go
// is here (TestOTelRuntimeFiles checks it, and that Needs is complete).
var otelRuntimeFiles = []gosrc.File{
	{Name: "gometrics/enum.go"},
	{Name: "gometrics/decrease.go"},
	{Name: "gometrics/guard.go"},
	{Name: "gometrics/pattern.go"},
	{Name: "gometrics/cache.go"},
	{Name: "gootel/options.go"},
	{Name: "gootel/free.go", Needs: []string{"gometrics/guard.go", "gometrics/cache.go"}},
	{Name: "gootel/value.go"},
	{Name: "gootel/funcs.go"},
	{Name: "gootel/timer.go"},
	{Name: "gootel/counter.go", Needs: []string{"gometrics/decrease.go"}},
	{Name: "gootel/gauge.go", Needs: []string{"gootel/value.go"}},
	{Name: "gootel/histogram.go"},
	{Name: "gootel/duration_histogram.go", Needs: []string{"gootel/timer.go"}},
	{Name: "gootel/lazy_counter.go", Needs: []string{"gometrics/decrease.go"}},
	{Name: "gootel/lazy_gauge.go", Needs: []string{"gootel/value.go"}},
	{Name: "gootel/lazy_histogram.go"},
	{Name: "gootel/lazy_duration_histogram.go", Needs: []string{"gootel/timer.go"}},
	{Name: "gootel/counter_func.go", Needs: []string{"gootel/funcs.go"}},
	{Name: "gootel/gauge_func.go", Needs: []string{"gootel/funcs.go"}},
	{Name: "gometrics/operation.go"},
	{Name: "gometrics/http.go", Needs: []string{"gometrics/operation.go"}},
	{Name: "gometrics/trace.go", Needs: []string{"gometrics/operation.go"}},
	{Name: "gometrics/trace_http.go", Needs: []string{"gometrics/trace.go", "gometrics/http.go"}},
}

// otelRuntimeOf returns the runtime files a package of the otel backend needs: options.go
// always (New's options; the attribute-set options of every series), then those of its
// shapes, of its enum labels and of its operations, and what they need.
func otelRuntimeOf(s *model.Spec, ss *shapes) []gosrc.File {
	names := []string{"gootel/options.go"}
	for _, l := range s.Labels {
		if l.Enum() && l.Other == nil && hasIndex(s, l) {
			names = append(names, "gometrics/enum.go") // index panics
		}
	}
	names = append(names, operationRuntime(s, "gometrics/", false)...)
	for _, sh := range ss.all {
		switch {
		case sh.unlabelled():
			names = append(names, "gootel/"+unlabelledFiles[sh.kind])
		case sh.scrape:
			names = append(names, "gootel/funcs.go")
		case sh.timed():
			names = append(names, "gootel/timer.go")
		}
		if !sh.unlabelled() && sh.typ == model.Gauge && !sh.scrape {
			names = append(names, "gootel/value.go")
		}
		if !sh.unlabelled() && sh.typ == model.Counter && !sh.scrape {
			names = append(names, "gometrics/decrease.go") // Add panics
		}
		if len(sh.free) > 0 {
			names = append(names, "gootel/free.go")
		}
		for _, l := range sh.free {
			if l.Pattern != "" {
				names = append(names, "gometrics/pattern.go")
			}
		}
	}
	files, err := gosrc.Closure(otelRuntimeFiles, names...)
	if err != nil {
		panic(err) // a name above is not in otelRuntimeFiles: TestOTelRuntimeFiles fails too
	}
	return files
}

package golang

import (
	"path"

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
	{Name: "guard.go"},
	{Name: "pattern.go"},
	{Name: "cache.go"},
	{Name: "free.go", Needs: []string{"guard.go", "cache.go"}},
	{Name: "timer.go"},
	{Name: "counter.go"},
	{Name: "gauge.go"},
	{Name: "histogram.go"},
	{Name: "duration_histogram.go", Needs: []string{"timer.go"}},
}

// runtimeOrigin is the origin of the names the runtime files declare.
var runtimeOrigin = goname.Origin{What: "the generated metrics code (its runtime, templates/gometrics)"}

// otelRuntimeOrigin is the same for the otel backend's runtime.
var otelRuntimeOrigin = goname.Origin{What: "the generated metrics code (its OpenTelemetry runtime, templates/gootel)"}

// runtimeOf returns the runtime files the package of s needs: those of the shapes of its
// metrics, and what they need.
func runtimeOf(ss *shapes) []gosrc.File {
	var names []string
	for _, sh := range ss.all {
		switch {
		case sh.unlabelled() && sh.kind == "DurationHistogram":
			names = append(names, "duration_histogram.go")
		case sh.unlabelled():
			names = append(names, map[string]string{"Counter": "counter.go", "Gauge": "gauge.go", "Histogram": "histogram.go"}[sh.kind])
		case sh.timed():
			names = append(names, "timer.go")
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
		return ".", otelRuntimeOf(ss)
	}
	return runtimeDir, runtimeOf(ss)
}

// runtimeAbout is the comment of metrics_runtime.go under its package clause.
func runtimeAbout(dir string, files []gosrc.File) string {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.Name
	}
	if dir == "." {
		return docText("The code below is the same for every spec: metricgen copies it from " + joinAnd(names) +
			" in its folder templates, where it is tested.")
	}
	return docText("The code below is the same for every spec: metricgen copies it from " + joinAnd(names) +
		" in its folder templates/" + dir + ", where it is tested.")
}

// runtimeSource returns metrics_runtime.go of the package of s, and false when s needs no
// runtime file.
func runtimeSource(s *model.Spec, dir string, files []gosrc.File) ([]byte, bool, error) {
	if len(files) == 0 {
		return nil, false, nil
	}
	src, err := gosrc.Copy(templates.Go, dir, files, gosrc.Header(s.Source), s.Go.Name, runtimeAbout(dir, files))
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

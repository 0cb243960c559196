// Package golang owns the Go target: it turns the model into the typed instrumentation package
// of a spec (go.package in folder go.out), written with jennifer. The generated package
// depends only on the standard library and client_golang, holds no global state, and records
// enum-only label sets through arrays resolved once in New: an index and an atomic add.
//
// Files: metrics.go (Metrics, New, MustNew, a type per metric, aliasing the type of its shape:
// metrics of the same kind and labels share one type), labels.go when the spec has enum labels
// (one type per enum label), and metrics_runtime.go when the metrics need any of the static
// code of templates/gometrics (the free-form label guard and series cache, the timer, the
// types of metrics without labels), copied from there (see runtime.go). redact.go and
// redact_runtime.go in the same package belong to package internal/gen/redact.
package golang

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/metricgen/metricgen/internal/gen"
	"github.com/metricgen/metricgen/internal/gen/gosrc"
	"github.com/metricgen/metricgen/internal/model"
)

// Generate returns the Go package of s, or nil when s has no go section.
func Generate(s *model.Spec) ([]gen.File, error) {
	if s.Go == nil {
		return nil, nil
	}
	for _, l := range s.Labels {
		if l.Enum() && len(l.Values) == 0 {
			return nil, fmt.Errorf("go: label %q has no values", l.Name)
		}
	}
	g := &generator{s: s, names: namesOf(s), shapes: shapesOf(s)}

	metrics := g.newFile()
	if isOTel(s) {
		for _, m := range s.Metrics {
			if m.OTel == nil {
				return nil, fmt.Errorf("go: metric %q has no OpenTelemetry instrument in the model", m.Key)
			}
		}
		metrics.PackageComment(otelPackageDoc(s))
	} else {
		metrics.PackageComment(packageDoc(s))
	}
	g.metricsFile(metrics)
	files := []*namedFile{{"metrics.go", metrics}}
	if g.hasEnums() {
		labels := g.newFile()
		g.labelsFile(labels)
		files = append(files, &namedFile{"labels.go", labels})
	}
	if len(s.Operations) > 0 {
		ops := g.newFile()
		g.operationsFileOf(ops)
		files = append(files, &namedFile{operationsFile, ops})
	}

	var out []gen.File
	for _, f := range files {
		b, err := gen.RenderGo(f.file) // comments made inert: see gen.RenderGo
		if err != nil {
			return nil, fmt.Errorf("go: %s: %v", f.name, err)
		}
		out = append(out, gen.File{Path: path.Join(s.Go.Dir, f.name), Content: groupImports(b)})
	}
	dir, rfiles := runtimeFor(s, g.shapes)
	runtime, ok, err := runtimeSource(s, dir, rfiles)
	if err != nil {
		return nil, fmt.Errorf("go: %s: %v", runtimeFile, err)
	}
	if ok {
		out = append(out, gen.File{Path: path.Join(s.Go.Dir, runtimeFile), Content: runtime})
	}
	return out, nil
}

type namedFile struct {
	name string
	file *jen.File
}

// generator holds what every emitting function reads.
type generator struct {
	s      *model.Spec
	names  *names
	shapes *shapes
}

// param names label l's parameter.
func (g *generator) param(l *model.Label) string { return g.names.params[l.Name] }

func (g *generator) newFile() *jen.File {
	f := jen.NewFile(g.s.Go.Name)
	f.HeaderComment(gosrc.Header(g.s.Source))
	for _, in := range importNames {
		f.ImportName(in.path, in.name)
	}
	for _, in := range operationImportNames {
		f.ImportName(in.path, in.name)
	}
	if isOTel(g.s) {
		for _, in := range otelImportNames {
			f.ImportName(in.path, in.name)
		}
	}
	return f
}

// packageDoc is the generated package's doc comment.
func packageDoc(s *model.Spec) string {
	return docText(
		fmt.Sprintf("Package %s is the Prometheus instrumentation of %s.", s.Go.Name, s.Service),
		"Create the metrics once with New (or MustNew) and share the *Metrics; every method is safe "+
			"for concurrent use. Labels are parameters in the order the spec lists them: an enum label "+
			"takes its type, a free-form label a string.",
	)
}

// hasEnums reports whether labels.go has anything to hold: an enum label's type.
func (g *generator) hasEnums() bool {
	for _, l := range g.s.Labels {
		if l.Enum() {
			return true
		}
	}
	return false
}

// groupImports puts the standard library's imports first and the others after an empty line, as
// goimports does; jennifer sorts them as one block. The rest of the file is gofmt'd already, so
// an empty line in the block is all that changes.
func groupImports(src []byte) []byte {
	start := bytes.Index(src, []byte("\nimport (\n"))
	if start < 0 {
		return src
	}
	start += len("\nimport (\n")
	end := start + bytes.Index(src[start:], []byte("\n)\n"))
	var std, other []string
	for _, line := range strings.Split(string(src[start:end]), "\n") {
		path := strings.Trim(strings.TrimSpace(line), `"`)
		if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") {
			other = append(other, line)
		} else {
			std = append(std, line)
		}
	}
	if len(std) == 0 || len(other) == 0 {
		return src
	}
	block := strings.Join(std, "\n") + "\n\n" + strings.Join(other, "\n")
	return slices.Concat(src[:start], []byte(block), src[end:])
}

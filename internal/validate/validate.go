// Package validate is the compile stage: it owns deciding whether a spec is valid, and turning
// a valid one into the model: YAML problems (package spec), the JSON Schema, the semantic checks
// (names, labels, buckets, durations, output paths, Prometheus naming lint, series budgets),
// the PromQL checks and analysis of every expression (each parsed once, its analysis stored in
// the model for the emitters), and the names every target declares in the generated Go package
// (package goname). It reports every problem it finds, never just the first, and returns the
// model only when there is no error, so that a spec that validates always generates.
package validate

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/gen"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/spec"
)

// Options are the settings of a validation run that do not come from the spec.
type Options struct {
	// OutRoot is the output root that the spec's output paths are relative to; "" means the
	// spec file's own folder.
	OutRoot string
	// Strict reports ignore comments that silence nothing (--strict).
	Strict bool
	// Targets are the targets that will generate the spec (package targets lists them all):
	// the identifiers they declare in the generated Go package must not clash. With none, Go
	// names are not checked.
	Targets []gen.Target
}

// File reads and validates the spec at path. It returns the model only when the spec has no
// errors; the diagnostics (warnings included) are sorted by position.
func File(path string, opts Options) (*model.Spec, []diag.Diagnostic) {
	src, err := spec.ReadFile(path)
	switch {
	case errors.Is(err, spec.ErrTooLarge):
		return nil, []diag.Diagnostic{diag.New(diag.FileTooLarge, path, diag.Pos{}, diag.Error, err.Error())}
	case err != nil:
		return nil, []diag.Diagnostic{diag.New(diag.FileUnreadable, path, diag.Pos{}, diag.Error, "cannot read the spec: "+unwrapPathError(err))}
	}
	return Source(path, src, opts)
}

// Source validates src as the spec at path (path names it in diagnostics and headers, and
// locates the default output root).
func Source(path string, src []byte, opts Options) (*model.Spec, []diag.Diagnostic) {
	f, doc, ds := spec.Load(path, src)
	dl := &diag.List{File: path, Diags: ds}
	var flagged []string
	if doc != nil {
		flagged = checkSchema(doc, dl, f != nil)
	}
	nodes := doc.Nodes(src)
	if f == nil {
		nodes.Complete(dl.Diags)
		return nil, diag.Sort(dl.Diags)
	}
	root := opts.OutRoot
	if root == "" {
		root = filepath.Dir(path)
	}
	b := &builder{f: f, dl: dl, root: root, flagged: flagged}
	s := b.build()
	checkExprs(f, s, dl)
	checkGoNames(s, opts.Targets, dl)
	nodes.Complete(dl.Diags)
	ds = diag.Sort(applyIgnores(path, nodes, dl.Diags, opts.Strict))
	if diag.HasErrors(ds) {
		return nil, ds
	}
	return s, ds
}

func unwrapPathError(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

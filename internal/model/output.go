package model

import (
	"path"
	"strings"

	"github.com/metricgen/metricgen/internal/diag"
)

// OutputPath is one path a spec writes under the output root, with the spec key that names
// it: a file (outputs.docs), or the folder of the generated Go package (go.out, or go.package
// for the default folder), whose .go files the Go emitter names. Validation checks every one
// (the portable-path rule, collisions, symbolic links); the write stage uses it to say which
// key wrote a file, and refuses a file no path covers.
type OutputPath struct {
	Key    string // "outputs.docs", "go.out", "go.package"
	Path   string // slash-separated, relative to the output root
	Folder bool
	Pos    diag.Pos
}

// PathOf returns the output path that covers the generated file at rel: the file itself, or
// the Go package's folder holding it.
func (s *Spec) PathOf(rel string) (OutputPath, bool) {
	for _, p := range s.Paths {
		if p.Path == rel || p.Folder && path.Dir(rel) == p.Path && strings.HasSuffix(rel, ".go") {
			return p, true
		}
	}
	return OutputPath{}, false
}

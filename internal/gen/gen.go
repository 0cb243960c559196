// Package gen defines what an emitter produces (File) and what a target is (Target): the
// emitter of one kind of output, in one subpackage of gen per target. Emitters read only the
// model and never touch the disk: writing and drift checking belong to package output. The
// list of every target is package targets.
package gen

import (
	"strings"

	"github.com/metricgen/metricgen/internal/goname"
	"github.com/metricgen/metricgen/internal/model"
)

// File is one generated file. Path is slash-separated and relative to the output root.
type File struct {
	Path    string
	Content []byte
}

// Target is one kind of output metricgen generates.
type Target struct {
	// Name says what the target writes, in messages: "go", "rules", "dashboard", ...
	Name string
	// Generate returns the target's files for a valid spec; none when the spec asks for none.
	// An error means a bug in metricgen: what a spec can get wrong, validation reports.
	Generate func(*model.Spec) ([]File, error)
	// GoNames declares in r every identifier that Generate writes into the spec's generated
	// Go package (package-block names, the fields and methods of its types, its imports), so
	// that validation reports a spec whose names would clash in Go; nil for a target that
	// writes no Go. Validation calls it only for a spec with a Go package (s.Go set).
	GoNames func(s *model.Spec, r *goname.Registry)
}

// JoinAnd joins words as English does: "a", "a and b", "a, b and c".
func JoinAnd(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

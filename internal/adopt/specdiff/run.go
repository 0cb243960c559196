package specdiff

import (
	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/validate"
)

// Versions are the two versions of one spec to compare.
type Versions struct {
	OldName string // how diagnostics name the old version: its path, or REF:path
	OldSrc  []byte
	NewPath string
	NewSrc  []byte
}

// Result is what comparing two versions found.
type Result struct {
	Changes []Change
	// Findings are Changes as diagnostics on the new version.
	Findings []diag.Diagnostic
	// Invalid holds the errors of a version that does not validate; then nothing was
	// compared.
	Invalid []diag.Diagnostic
}

// Run validates both versions and compares them. opts are the validation options of the new
// version (and of the old one, whose output paths are checked against the same root).
func Run(v Versions, opts validate.Options) Result {
	oldSpec, oldDs := validate.Source(v.OldName, v.OldSrc, opts)
	newSpec, newDs := validate.Source(v.NewPath, v.NewSrc, opts)
	var invalid []diag.Diagnostic
	if oldSpec == nil {
		invalid = append(invalid, errorsOnly(oldDs)...)
	}
	if newSpec == nil {
		invalid = append(invalid, errorsOnly(newDs)...)
	}
	if invalid != nil {
		return Result{Invalid: invalid}
	}
	cs := Compare(oldSpec, newSpec)
	return Result{Changes: cs, Findings: Diagnostics(cs, v.NewPath, Sections(v.NewPath, v.NewSrc))}
}

func errorsOnly(ds []diag.Diagnostic) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range ds {
		if d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}

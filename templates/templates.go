// Package templates holds the text/templates of the generated text outputs, embedded in the
// binary so that metricgen needs no files beside it.
package templates

import "embed"

// FS holds every *.tmpl file of this folder.
//
//go:embed *.tmpl
var FS embed.FS

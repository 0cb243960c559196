// Package templates holds what the emitters copy into their outputs, embedded in the binary so
// that metricgen needs no files beside it: the text/templates of the generated text outputs
// (*.tmpl), and the static Go of the generated packages (gometrics, goredact), which are
// ordinary Go packages compiled and tested in this repository.
package templates

import "embed"

// FS holds every *.tmpl file of this folder.
//
//go:embed *.tmpl
var FS embed.FS

// Go holds the Go files of the static runtime packages: gometrics (the instrumentation),
// gootel (the instrumentation's OpenTelemetry backend, whose files carry a go:build ignore
// line that keeps the OpenTelemetry API out of metricgen's go.mod) and goredact (the log
// redaction), tests included (the emitters copy only what they list).
//
//go:embed gometrics/*.go gootel/*.go goredact/*.go
var Go embed.FS

//go:build ignore

// Package gootel is the static part of the Go instrumentation that metricgen generates for
// the OpenTelemetry backend (go.backend: otel): the code that is the same whatever the spec.
// It is copied, with the files of templates/gometrics it needs (the label guard, the series
// cache, the pattern), into each generated package that needs it, into
// <package>/metrics_runtime.go under the generated header. Package internal/gen/golang
// selects the files (otelRuntimeFiles there) and builds the spec-dependent code around them.
//
// Every file here starts with a go:build ignore line, which the copy drops: the files import
// the OpenTelemetry metrics API, and the build constraint keeps `go mod tidy` from adding it
// to metricgen's own go.mod (generated code may import the API; metricgen may not). They are
// compiled, vetted and tested with -race in the scratch module of internal/gen/goscratch,
// together with the gometrics files they use, at the versions of generated/go.mod.
//
// The rules of templates/gometrics apply: no package doc but here, a file names the files it
// needs, exported names are part of the generated API.
package gootel

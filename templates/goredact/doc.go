// Package goredact is the static part of the generated log redaction: the Redactor, the walk
// through attributes, groups, maps and slices, the slog.Handler, and the helpers of the rules'
// actions. It is ordinary Go, compiled, vetted and tested here, and copied into each generated
// package whose spec has a logging section, into <package>/redact_runtime.go under the
// generated header. Package internal/gen/redact selects the files (runtimeFiles there) and
// generates the part that depends on the rules with jennifer: RedactAttr, NewRedactingHandler,
// NewRedactor, redactMatch (the compiled rules) and Redactor.leaf (the actions the rules use).
//
// spec.go here is that generated part for the rules of spec.yaml beside it, so that this
// package compiles and its tests run against real generated code; internal/gen/redact's tests
// keep it (and spec_test.go, the rules and probe keys the tests read) current, and
// go test ./... -update rewrites them. The tests other than spec_test.go hold for any rules:
// package internal/gen/goscratch runs them against the package of every spec of the test
// corpus too.
//
// Rules for the files of this package: doc.go, spec.go and the tests are not copied; every
// other file declares only names starting with "redact" or the contract's (Redactor), uses
// only the standard library, compiles with Go 1.24, and names the files it needs in
// runtimeFiles.
package goredact

// Package gometrics is the static part of the generated Go instrumentation: code that is the
// same whatever the spec (the free-form label guard, the series cache, the timer, the types of
// metrics without labels). It is ordinary Go, compiled, vetted and tested here, and copied
// into each generated package that needs it, into <package>/metrics_runtime.go under the
// generated header. Package internal/gen/golang selects the files (runtimeFiles there) and
// builds the spec-dependent code around them with jennifer.
//
// Rules for the files of this package, checked by internal/gen/golang's tests:
//
//   - doc.go is not copied. Every other non-test file may be: it declares its own names only,
//     uses only the standard library and client_golang, and compiles with Go 1.24 and
//     client_golang v1.20.5 (generated/go.mod), as the generated package must.
//   - A file names the other files it needs in runtimeFiles, and generated code uses a file's
//     declarations only when it copies the file: no dead code in a generated package.
//   - Exported names are part of the generated API; keep them few and documented.
package gometrics

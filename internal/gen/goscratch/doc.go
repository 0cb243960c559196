// Package goscratch has no code of its own: its test compiles every Go package that the test
// corpus generates, in one scratch module, and runs their exercises there with one go command
// (go test -race -vet=all), so that the dependencies are compiled once for all of them.
//
// What the scratch module holds, with module path "scratch":
//
//   - scratch/<case>/<go.out>: the Go package that testdata/golden/<case>/spec.yaml generates
//     (through the validator and the Go emitters, not read from out/, which -update may be
//     rewriting), with the case's exercise, testdata/golden/<case>/exercise/*_test.go, beside
//     it. An exercise imports the package as "scratch/<case>/<go.out>".
//   - scratch/<name>/<go.out>: packages of the model-only cases of this package's tests (specs
//     that validation rejects or that exist only to compile), with their exercises from
//     testdata/<name>.
//   - for every package with metrics and an exercise, the helpers of testdata/metrics; for
//     every package with log redaction, the rule-independent tests of templates/goredact and a
//     spec_test.go listing the case's rules and probe keys (internal/gen/redact/redacttest).
//   - scratch/templates/gometrics and goredact: the static runtime code with its own tests, so
//     that they run with -race too.
//
// The module requires what generated/go.mod requires (the lowest Go and client_golang a
// service may use with the generated code), so generated code that needs more fails here.
package goscratch

// Package bench holds the redaction code generated from
// testdata/golden/redact-klaviyo/spec.yaml, committed so that its benchmarks run with the rest
// of the module's (TestBenchPackage in package redact keeps it up to date; -update rewrites it):
//
//	go test ./internal/gen/redact/bench -run '^$' -bench . -benchmem -count 6 > bench.txt
//	go run golang.org/x/perf/cmd/benchstat@latest -col /handler bench.txt
package bench

// Package bench measures the generated Go instrumentation against client_golang used by hand,
// on the same metric shapes, in one run: go test -run '^$' -bench . -benchmem. The package
// measured, benchmetrics, is generated from spec.yaml and kept current by
// internal/gen/golang's TestBenchPackage. BENCHMARKS.md at the repository root holds the
// figures.
package bench

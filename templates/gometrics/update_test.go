package gometrics

// The one file of this package's tests that the scratch module of internal/gen/goscratch
// leaves out: it imports metricgen's own test support.

import _ "github.com/metricgen/metricgen/internal/golden" // defines -update, which go test ./... passes to every package

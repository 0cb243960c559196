package promql

// Parses is the number of times Prometheus' parser ran, for tests of other packages (package
// promql_test) that assert each expression of a run is parsed once.
func Parses() int64 { return parses.Load() }

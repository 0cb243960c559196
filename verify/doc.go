// Package verify holds the tests that check metricgen and its outputs with heavy third-party
// code: Prometheus' own rulefmt, template package and query engine, client_golang's testutil,
// the OpenTelemetry SDK and exporters. It is a module of its own (verify/go.mod, which
// replaces github.com/metricgen/metricgen with ../) so that none of those requirements sits
// in metricgen's go.mod, where Go's tool directive would make them part of every service's
// version selection. The tests may import metricgen's internal packages: the import path is
// inside github.com/metricgen/metricgen. Run them with `make test` (or `cd verify && go test
// ./...`).
package verify

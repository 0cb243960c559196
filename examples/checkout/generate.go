package main

// The package checkoutmetrics, the rule file and its promtool tests, the PrometheusRule, the
// dashboard and the docs are all generated from metrics.yaml: edit the spec, then run
// `go generate ./...`. CI runs `go tool metricgen check metrics.yaml` to catch drift.

//go:generate go tool metricgen generate metrics.yaml

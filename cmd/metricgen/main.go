// Command metricgen turns a reviewed YAML spec of a service's telemetry into typed Go
// instrumentation, checked Prometheus rules, a Grafana dashboard, slog redaction and a
// Markdown catalogue; `metricgen check` fails CI when the committed outputs drift.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

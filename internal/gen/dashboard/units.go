package dashboard

import (
	"math"
	"strings"

	"github.com/metricgen/metricgen/internal/model"
)

// grafanaUnits maps the spec's base units to Grafana's unit ids.
var grafanaUnits = map[string]string{
	"seconds": "s",
	"bytes":   "bytes",
	"ratio":   "percentunit",
	"celsius": "celsius",
	"meters":  "lengthm",
	"volts":   "volt",
	"amperes": "amp",
	"joules":  "joule",
	"grams":   "massg",
	"hertz":   "hertz",
}

// valueUnit is the Grafana unit of a metric's values (a gauge's value, a histogram's
// observations, a counter's increase).
func valueUnit(m *model.Metric) string {
	if u, ok := grafanaUnits[m.Unit]; ok {
		return u
	}
	return "short"
}

// rateUnit is the Grafana unit of a counter's per-second rate: of bytes, bytes per second;
// of seconds, the busy fraction; of anything else, events per second.
func rateUnit(m *model.Metric) string {
	switch m.Unit {
	case "bytes":
		return "Bps"
	case "seconds":
		return "percentunit"
	}
	return countRateUnit(m)
}

// countRateUnit is the Grafana unit of events per second of m (a histogram's observations):
// requests per second when m is about requests, else operations per second.
func countRateUnit(m *model.Metric) string {
	if strings.Contains(strings.ToLower(m.Key+" "+m.Help), "request") {
		return "reqps"
	}
	return "ops"
}

// panelUnit is the Grafana unit of an extra panel: the spec's base units are mapped, Grafana
// unit ids pass through, and no unit means "short".
func panelUnit(u string) string {
	if g, ok := grafanaUnits[u]; ok {
		return g
	}
	if u == "" {
		return "short"
	}
	return u
}

// quantileName writes 0.99 as "p99" and 0.999 as "p99.9".
func quantileName(q float64) string {
	return "p" + formatFloat(math.Round(q*100*1e6)/1e6)
}

// formatFloat writes numbers as every output does (model.FormatFloat).
func formatFloat(f float64) string { return model.FormatFloat(f) }

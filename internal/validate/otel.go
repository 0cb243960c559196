package validate

import (
	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/otelname"
	"github.com/metricgen/metricgen/internal/spec"
)

// backend reads go.backend (the schema checks its values).
func backend(g *spec.Go) model.Backend {
	if g == nil || !g.Backend.Set() {
		return model.Prometheus
	}
	return model.Backend(g.Backend.Value)
}

// otel decides the OpenTelemetry instrument of every metric when the Go backend is otel, and
// warns where the Prometheus exporter's name translation would expose a metric or a label
// under another name than the one the spec's rules and dashboards query.
func (b *builder) otel() {
	s := b.s
	if s.Go == nil || s.Go.Backend != model.OTel {
		return
	}
	used := map[*model.Label]bool{}
	for _, m := range s.Metrics {
		m.OTel = OTel(m)
		if m.OTel.Exposed != m.Name {
			_, kind := otelInstrument(m)
			b.warnf(diag.NamingOTelRename, m.Pos, "metric %q: with the otel backend, OpenTelemetry's Prometheus exporter exposes it as %q (%s), so the spec's queries of %q would match nothing; rename the metric so that its full name is %q", m.Key, m.OTel.Exposed, renameReason(m, kind), m.Name, m.OTel.Exposed)
		}
		if m.Type == model.Histogram && m.Native != nil {
			b.warnf(diag.GoOTelNative, m.Pos, "metric %q: with the otel backend, a native histogram needs a view of the MeterProvider with Base2ExponentialHistogram aggregation (the metrics API cannot ask for it); without one it records %s", m.Key, nativeFallback(m))
		}
		for _, l := range m.Labels {
			used[l] = true
		}
	}
	for _, l := range s.Labels {
		if exposed := otelname.Label(l.Name); used[l] && exposed != l.Name {
			b.warnf(diag.NamingOTelRename, l.Pos, "label %q: with the otel backend, OpenTelemetry's Prometheus exporter exposes it as %q, so the spec's queries of %q would match nothing; rename the label %q", l.Name, exposed, l.Name, exposed)
		}
	}
}

// OTel returns how the otel backend records m: its instrument, UCUM unit and the name the
// Prometheus exporter exposes it under. Validation sets Metric.OTel to it when go.backend is
// otel; tests that generate both backends from one spec use it directly.
func OTel(m *model.Metric) *model.OTelInstrument {
	inst, kind := otelInstrument(m)
	unit := otelname.Unit(m.Unit)
	return &model.OTelInstrument{Instrument: inst, Unit: unit, Exposed: otelname.Prometheus(m.Name, unit, kind)}
}

// otelInstrument returns the metric API instrument that records m, and its kind for the name
// translation. A gauge of the generated API is both set (Set, SetToCurrentTime) and added to
// (Inc, Dec, Add, Sub), like a client_golang gauge; the metrics API has no synchronous
// instrument for both (a Gauge is only recorded, an UpDownCounter only added to, and
// emulating one with the other reorders or rounds), so the generated code keeps each series'
// value, one atomic operation per change, and an ObservableGauge reports it at collection.
func otelInstrument(m *model.Metric) (string, otelname.Kind) {
	switch m.Type {
	case model.Counter:
		return "Float64Counter", otelname.Counter
	case model.Histogram:
		return "Float64Histogram", otelname.Histogram
	default:
		return "Float64ObservableGauge", otelname.Gauge
	}
}

// renameReason says which rule of the translation renames m.
func renameReason(m *model.Metric, kind otelname.Kind) string {
	switch {
	case kind == otelname.Counter:
		return `a counter's "total" goes last`
	case kind == otelname.Gauge && m.OTel.Unit == "1":
		return `a gauge of unit ratio gets "ratio" last`
	case m.OTel.Unit != "":
		return "the unit " + m.OTel.Unit + "'s word is added"
	default:
		return "its parts are joined anew"
	}
}

// nativeFallback says what a native histogram records without a view.
func nativeFallback(m *model.Metric) string {
	if len(m.Buckets) > 0 {
		return "its classic buckets only"
	}
	return "the SDK's default bucket boundaries (0 to 10000), as the spec gives no classic buckets"
}

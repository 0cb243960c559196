package verify

import (
	"testing"

	"github.com/prometheus/otlptranslator"

	"github.com/metricgen/metricgen/internal/otelname"
)

// kinds pairs otelname's kinds with otlptranslator's.
var kinds = map[otelname.Kind]otlptranslator.MetricType{
	otelname.Counter:       otlptranslator.MetricTypeMonotonicCounter,
	otelname.UpDownCounter: otlptranslator.MetricTypeNonMonotonicCounter,
	otelname.Gauge:         otlptranslator.MetricTypeGauge,
	otelname.Histogram:     otlptranslator.MetricTypeHistogram,
}

// checkName fails when otelname's prediction of the Prometheus name of (name, unit, k) is
// not what the exporter's translation (UnderscoreEscapingWithSuffixes, its default) builds.
func checkName(t *testing.T, name, unit string, k otelname.Kind) {
	t.Helper()
	namer := otlptranslator.NewMetricNamer("", otlptranslator.UnderscoreEscapingWithSuffixes)
	want, err := namer.Build(otlptranslator.Metric{Name: name, Unit: unit, Type: kinds[k]})
	if err != nil {
		return // the translation refuses the name; validation never lets such a name through
	}
	if got := otelname.Prometheus(name, unit, k); got != want {
		t.Errorf("otelname.Prometheus(%q, %q, %v) = %q, otlptranslator builds %q", name, unit, k, got, want)
	}
}

func checkLabel(t *testing.T, key string) {
	t.Helper()
	namer := otlptranslator.LabelNamer{}
	want, err := namer.Build(key)
	if err != nil {
		return
	}
	if got := otelname.Label(key); got != want {
		t.Errorf("otelname.Label(%q) = %q, otlptranslator builds %q", key, got, want)
	}
}

var otelNameCases = []struct{ name, unit string }{
	{"klaviyo_api_requests_total", ""},
	{"klaviyo_api_duration_seconds", "s"},
	{"cache_hit_ratio", "1"},
	{"cache_ratio_hit_ratio", "1"},
	{"total_requests_total", ""},
	{"payload_bytes", "By"},
	{"bytes_sent", "By"},
	{"link_speed_bits", "bit"},
	{"queue_depth", "{items}"},
	{"distance_meters", "m"},
	{"temperature_celsius", "Cel"},
	{"transfer_rate", "By/s"},
	{"requests_per_second", "1/s"},
	{"up", ""},
	{"2xx_responses_total", ""},
	{"a__b___c", ""},
	{"level:metric:rate5m", "s"},
	{"build_info", ""},
	{"x_seconds_total", "s"},
	{"x_total_seconds", "s"},
}

func TestOTelNamePrediction(t *testing.T) {
	for _, c := range otelNameCases {
		for k := range kinds {
			checkName(t, c.name, c.unit, k)
		}
	}
	for _, key := range []string{"method", "status_code", "a__b", "_x", "__name__", "2xx", "http.method", "é", "__2x__"} {
		checkLabel(t, key)
	}
}

func FuzzOTelName(f *testing.F) {
	for _, c := range otelNameCases {
		f.Add(c.name, c.unit, uint8(0))
	}
	f.Fuzz(func(t *testing.T, name, unit string, k uint8) {
		checkName(t, name, unit, otelname.Kind(k%4))
		checkLabel(t, name)
	})
}

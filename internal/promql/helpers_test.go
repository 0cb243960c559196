package promql

import (
	"fmt"

	_ "github.com/metricgen/metricgen/internal/golden" // defines -update, which go test ./... passes to every package
)

// testCatalog mirrors the example spec: the klaviyo metrics, up, and two recording rules.
func testCatalog() *Catalog {
	c := NewCatalog([]string{"job", "instance"}, []Label{
		{Name: "method", Enum: true, Values: []string{"GET", "POST", "PATCH", "DELETE"}},
		{Name: "endpoint", Enum: true, Values: []string{"profiles", "events", "lists", "campaigns"}},
		{Name: "status", Enum: true, Values: []string{"success", "error"}},
		{Name: "status_code", Pattern: "^([1-5][0-9][0-9]|unknown)$"},
		{Name: "error_code"},
		{Name: "region", Enum: true, Values: []string{"eu"}},
	})
	c.AddMetric(Metric{Name: "klaviyo_api_requests_total", Type: "counter", Labels: []string{"method", "endpoint", "status"}})
	c.AddMetric(Metric{Name: "klaviyo_api_duration_seconds", Type: "histogram", Labels: []string{"method", "endpoint"}, Buckets: []float64{0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}})
	c.AddMetric(Metric{Name: "klaviyo_api_response_size_bytes", Type: "histogram", Labels: []string{"endpoint"}, Buckets: []float64{256, 1024}, Native: true})
	c.AddMetric(Metric{Name: "klaviyo_api_errors_total", Type: "counter", Labels: []string{"endpoint", "status_code", "error_code"}})
	c.AddMetric(Metric{Name: "klaviyo_rate_limit_remaining", Type: "gauge"})
	c.AddMetric(Metric{Name: "klaviyo_queue_depth", Type: "gauge", Labels: []string{"region"}})
	c.AddMetric(Metric{Name: "up", Type: "gauge", Labels: []string{"job", "instance"}})
	c.AddMetric(Metric{Name: "node_uname_info", Type: "gauge", Labels: []string{"nodename", "release"}})
	c.AddMetric(Metric{Name: "rpc_duration_seconds", Type: "summary", Labels: []string{"service"}})
	c.AddMetric(Metric{Name: "legacy_thing", Opaque: true})
	c.AddRecord("klaviyo:api_requests:rate5m", "sum by (endpoint) (rate(klaviyo_api_requests_total[5m]))", nil)
	c.AddRecord("klaviyo:api_duration_seconds:p95", "histogram_quantile(0.95, sum by (endpoint, le) (rate(klaviyo_api_duration_seconds_bucket[5m])))", map[string]string{"quantile": "0.95"})
	return c
}

// format writes findings as "col: severity: message".
func format(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%d: %s: %s", f.Off+1, f.Severity, f.Msg))
	}
	return out
}

func formatFinding(f Finding) string { return fmt.Sprintf("%d: %s", f.Off, f.Msg) }

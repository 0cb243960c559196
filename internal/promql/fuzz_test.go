package promql

import (
	"testing"

	"github.com/metricgen/metricgen/internal/diag"
)

// FuzzCheck: no expression, query, template or test input series makes the checker panic or
// hang, and every finding is a range inside the text with a registered code.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		`sum by (endpoint) (rate(klaviyo_api_requests_total{status="error"}[5m])) / on(endpoint) group_left sum by (endpoint) (rate(klaviyo_api_requests_total[5m]))`,
		`histogram_quantile(0.9, sum by (le) (rate(klaviyo_api_duration_seconds_bucket{le=~"1|2"}[$__rate_interval])))`,
		`label_replace(up, "a", "$1", "instance", "(.*)") * on(a) group_right(job) count_values("v", up) or vector(0)`,
		`absent(up{job="${job:regex}"}) unless topk by (job) (1, klaviyo:api_requests:rate5m)`,
		`{{ $labels.x }} {{ index .Labels "y" }} {{ range $l := $labels }}{{ end }`,
		"max_over_time(rate(x[5m])[1h:] offset -5m @ end()) # c\n> bool 2",
		`{{ $value | humanize }} {{ with query "up" }}{{ . | first | value }}{{ end }} {{ $labels.job | title }}`,
		`klaviyo_api_requests_total{method="GET", status="error", instance="a:1"}`,
	} {
		f.Add(s)
	}
	c := testCatalog()
	f.Fuzz(func(t *testing.T, s string) {
		q, pos := SubstituteGrafana(s)
		for _, opts := range []Options{{}, {Alert: true}, {Grafana: true}} {
			text := s
			if opts.Grafana {
				text = q
			}
			for _, fd := range c.Check(text, opts).Findings {
				if fd.Off < 0 || fd.Off > len(text) || fd.End < fd.Off || fd.End > len(text) {
					t.Fatalf("%q: finding at %d to %d: %s", text, fd.Off, fd.End, fd.Msg)
				}
				if !diag.Known(fd.Code) {
					t.Fatalf("%q: finding without a registered code: %s", text, fd.Msg)
				}
				if opts.Grafana {
					if o := pos(fd.Off); o < 0 || o > len(s) {
						t.Fatalf("%q: finding maps to %d", s, o)
					}
				}
			}
		}
		refs, bad := CheckTemplate(s)
		for _, r := range refs {
			if r.Off < 0 || r.Off >= len(s) {
				t.Fatalf("%q: reference at %d", s, r.Off)
			}
		}
		if bad != nil && (bad.Off < 0 || bad.Off > len(s) || bad.End < bad.Off || bad.End > len(s) || !diag.Known(bad.Code)) {
			t.Fatalf("%q: template error at %d", s, bad.Off)
		}
		RenderTemplate(s, map[string]string{"instance": "a:1", "job": s})
		for _, fd := range c.CheckInputSeries(s, s) {
			if fd.Off < 0 || fd.Off > len(s) || fd.End < fd.Off || fd.End > len(s) || !diag.Known(fd.Code) {
				t.Fatalf("%q: input series finding at %d to %d: %s", s, fd.Off, fd.End, fd.Msg)
			}
		}
	})
}

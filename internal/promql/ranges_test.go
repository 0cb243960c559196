package promql

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFindingRanges: each finding carries its check's code and the range of the text it is
// about: the matcher, the label in by (...) or on (...), the operator with its modifiers, the
// call, the parser's error.
func TestFindingRanges(t *testing.T) {
	for _, tc := range []struct {
		expr  string
		alert bool
		want  []string // "code: the text of the range"
	}{
		{expr: `klaviyo_api_requests_total{method="GET", status = "failed"}`, want: []string{`promql/never-matches: status = "failed"`}},
		{expr: `klaviyo_api_requests_total{region="eu"}`, want: []string{`promql/unknown-label: region="eu"`}},
		{expr: `klaviyo_api_duration_seconds_bucket{le="0.3"}`, want: []string{`promql/never-matches: le="0.3"`}},
		{expr: `klaviyo_api_requsts_total`, want: []string{`promql/unknown-metric: klaviyo_api_requsts_total`}},
		{expr: `rate(klaviyo_api_duration_seconds[5m])`, want: []string{`promql/histogram-name: klaviyo_api_duration_seconds`}},
		{expr: `sum by (endpoint, statuss) (klaviyo_api_requests_total)`, want: []string{`promql/unknown-label: statuss`}},
		{expr: `sum(klaviyo_api_requests_total) by ("statuss")`, want: []string{`promql/unknown-label: "statuss"`}},
		{expr: "sum by (endpoint) (klaviyo:api_requests:rate5m)\n  / on(method) # why\n  sum by (method) (klaviyo_api_requests_total)", want: []string{
			"promql/vector-matching: / on(method)",
		}},
		{expr: `sum by (endpoint) (klaviyo:api_requests:rate5m) unless sum by (method) (klaviyo_api_requests_total)`, want: []string{`promql/vector-matching: unless`}},
		{expr: `klaviyo_api_requests_total / on(endpoint) group_left sum by (endpoint) (klaviyo_api_requests_total)`, want: nil},
		{expr: `sum by (endpoint, method) (klaviyo_api_requests_total) / on(endpoint) sum by (endpoint) (klaviyo_api_requests_total)`, want: []string{`promql/match-cardinality: / on(endpoint)`}},
		{expr: `irate(klaviyo_rate_limit_remaining[5m])`, want: []string{`promql/function-type: irate(klaviyo_rate_limit_remaining[5m])`}},
		{expr: `label_replace(up, "0bad", "x", "", "")`, want: []string{`promql/invalid-argument: "0bad"`}},
		{expr: `label_join(up, "t", "-", "jobb")`, want: []string{`promql/unknown-label: "jobb"`}},
		{expr: `histogram_quantile(0.9, sum(rate(klaviyo_api_duration_seconds_bucket[5m])))`, want: []string{`promql/histogram-quantile: sum(rate(klaviyo_api_duration_seconds_bucket[5m]))`}},
		{expr: `klaviyo_api_requests_total > 5`, alert: true, want: []string{`promql/counter-without-rate: klaviyo_api_requests_total`}},
		{expr: `  sum(up)`, alert: true, want: []string{`promql/alert-condition: sum(up)`}},
		{expr: `sum(rate(up[5m])`, want: []string{`promql/syntax: (`}},
		{expr: `up +* 2`, want: []string{`promql/syntax: *`}},
	} {
		var got []string
		for _, f := range testCatalog().Check(tc.expr, Options{Alert: tc.alert}).Findings {
			got = append(got, string(f.Code)+": "+tc.expr[f.Off:f.End])
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.expr, diff)
		}
	}
}

// TestTemplateRanges: a template finding spans the action or the name it is about.
func TestTemplateRanges(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"x {{ $value | humanise }} y", "humanise"},
		{"x {{ end }} y", "{{ end }}"},
	} {
		_, bad := CheckTemplate(tc.text)
		if bad == nil {
			t.Errorf("%q: no finding", tc.text)
			continue
		}
		if got := tc.text[bad.Off:bad.End]; got != tc.want || bad.Code != "template/syntax" {
			t.Errorf("%q: %s at %q, want template/syntax at %q", tc.text, bad.Code, got, tc.want)
		}
	}
}

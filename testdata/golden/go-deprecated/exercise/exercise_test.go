package webmetrics_test

import (
	"testing"

	"scratch/go-deprecated/webmetrics"
)

func TestDeprecated(t *testing.T) {
	m, reg := newMetrics(t, webmetrics.New, webmetrics.MustNew)
	m.LegacyRequestsTotal.Inc(webmetrics.Code5xx)
	m.RequestsTotal.Add(2, webmetrics.Code2xx)
	check(t, reg, m, `
# HELP web_legacy_requests_total (Deprecated) Requests served, without retries
# TYPE web_legacy_requests_total counter
web_legacy_requests_total{code="2xx"} 0
web_legacy_requests_total{code="4xx"} 0
web_legacy_requests_total{code="5xx"} 1
# HELP web_requests_total Requests served, retries included
# TYPE web_requests_total counter
web_requests_total{code="2xx"} 2
web_requests_total{code="4xx"} 0
web_requests_total{code="5xx"} 0
`)
}

package klaviyometrics_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"scratch/go-enum/klaviyometrics"
)

// exposition writes the expected exposition of the two metrics: every combination, with the
// given counts for api_requests_total and one observation of 0.3s per (method, endpoint) in
// observed.
func exposition(counts map[string]float64, observed map[string]bool) string {
	var b strings.Builder
	b.WriteString("# HELP klaviyo_api_duration_seconds Klaviyo API request duration\n# TYPE klaviyo_api_duration_seconds histogram\n")
	for _, m := range klaviyometrics.MethodValues() {
		for _, e := range klaviyometrics.EndpointValues() {
			n := 0
			if observed[m.String()+" "+e.String()] {
				n = 1
			}
			for _, le := range []string{"0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"} {
				inBucket := n
				if le == "0.05" || le == "0.1" || le == "0.25" {
					inBucket = 0
				}
				fmt.Fprintf(&b, "klaviyo_api_duration_seconds_bucket{endpoint=%q,method=%q,le=%q} %d\n", e, m, le, inBucket)
			}
			fmt.Fprintf(&b, "klaviyo_api_duration_seconds_sum{endpoint=%q,method=%q} %v\n", e, m, 0.3*float64(n))
			fmt.Fprintf(&b, "klaviyo_api_duration_seconds_count{endpoint=%q,method=%q} %d\n", e, m, n)
		}
	}
	b.WriteString("# HELP klaviyo_api_requests_total Total Klaviyo API requests\n# TYPE klaviyo_api_requests_total counter\n")
	for _, m := range klaviyometrics.MethodValues() {
		for _, e := range klaviyometrics.EndpointValues() {
			for _, s := range klaviyometrics.StatusValues() {
				fmt.Fprintf(&b, "klaviyo_api_requests_total{endpoint=%q,method=%q,status=%q} %v\n", e, m, s, counts[m.String()+" "+e.String()+" "+s.String()])
			}
		}
	}
	return b.String()
}

func TestEnum(t *testing.T) {
	m, reg := newMetrics(t, klaviyometrics.New, klaviyometrics.MustNew)
	// Every combination is exported from the first scrape.
	check(t, reg, m, exposition(nil, nil))
	if n := testutil.CollectAndCount(m, "klaviyo_api_requests_total"); n != 32 {
		t.Errorf("%d series of klaviyo_api_requests_total, want 4*4*2", n)
	}

	m.APIRequestsTotal.Inc(klaviyometrics.MethodGET, klaviyometrics.EndpointProfiles, klaviyometrics.StatusSuccess)
	m.APIRequestsTotal.Add(3, klaviyometrics.MethodPOST, klaviyometrics.EndpointEvents, klaviyometrics.StatusError)
	// Values that are none of the constants are never recorded as one of them: the first
	// such label is named.
	mustPanic(t, "label method: a Method that is none of the constants is not one of its 4 values", func() {
		m.APIRequestsTotal.Inc(klaviyometrics.Method(9), klaviyometrics.Endpoint(250), klaviyometrics.Status(2))
	})
	mustPanic(t, "label endpoint:", func() {
		m.APIRequestsTotal.Inc(klaviyometrics.MethodGET, klaviyometrics.Endpoint(4), klaviyometrics.StatusError)
	})
	mustPanic(t, "label status:", func() {
		m.APIDurationSeconds.Start(klaviyometrics.MethodGET, klaviyometrics.EndpointLists) // fine
		m.APIRequestsTotal.Add(1, klaviyometrics.MethodGET, klaviyometrics.EndpointLists, klaviyometrics.Status(255))
	})
	m.APIDurationSeconds.Observe(0.3, klaviyometrics.MethodDELETE, klaviyometrics.EndpointCampaigns)
	check(t, reg, m, exposition(
		map[string]float64{"GET profiles success": 1, "POST events error": 3},
		map[string]bool{"DELETE campaigns": true},
	))

	for _, v := range []fmt.Stringer{klaviyometrics.Method(4), klaviyometrics.Endpoint(4), klaviyometrics.Status(255)} {
		if s := v.String(); !strings.HasSuffix(s, ")") {
			t.Errorf("out-of-range String() = %q, want T(N)", s)
		}
	}
	noAllocs(t, "enum Inc", func() {
		m.APIRequestsTotal.Inc(klaviyometrics.MethodPATCH, klaviyometrics.EndpointLists, klaviyometrics.StatusError)
	})
	noAllocs(t, "enum Observe", func() {
		m.APIDurationSeconds.Observe(0.1, klaviyometrics.MethodPATCH, klaviyometrics.EndpointLists)
	})
}

// TestEnumConcurrent: 32 goroutines on the fast path lose no increment.
func TestEnumConcurrent(t *testing.T) {
	m, reg := newMetrics(t, klaviyometrics.New, klaviyometrics.MustNew)
	goroutines(32, func(g int) {
		for i := range 1000 {
			m.APIRequestsTotal.Inc(klaviyometrics.Method(g%4), klaviyometrics.Endpoint(i%4), klaviyometrics.StatusSuccess)
		}
	})
	var total float64
	for _, e := range klaviyometrics.EndpointValues() {
		for _, me := range klaviyometrics.MethodValues() {
			total += sample(t, reg, "klaviyo_api_requests_total", "endpoint", e.String(), "method", me.String(), "status", "success").GetCounter().GetValue()
		}
	}
	if total != 32000 {
		t.Errorf("total %v, want 32000", total)
	}
}

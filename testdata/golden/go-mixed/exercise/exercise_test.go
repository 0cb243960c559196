package syncmetrics_test

import (
	"fmt"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"scratch/go-mixed/syncmetrics"
)

func TestMixed(t *testing.T) {
	m, reg := newMetrics(t, syncmetrics.New, syncmetrics.MustNew)
	// No free-form value is known before the first call: nothing is exported yet.
	if n := testutil.CollectAndCount(m); n != 0 {
		t.Errorf("%d series before any call, want 0", n)
	}
	m.APIErrorsTotal.Inc(syncmetrics.EndpointEvents, "429", "throttled")
	m.APIErrorsTotal.Inc(syncmetrics.EndpointEvents, "429", "throttled")
	m.APIErrorsTotal.Add(3, syncmetrics.EndpointLists, "500", "internal")
	mustPanic(t, "counter sync_api_errors_total: Add(-3)", func() { m.APIErrorsTotal.Add(-3, syncmetrics.EndpointLists, "500", "internal") })
	m.APIErrorsTotal.Inc(syncmetrics.EndpointEvents, "4290", "throttled") // fails the pattern
	m.APIErrorsTotal.Inc(syncmetrics.EndpointEvents, "unknown", "\xff")   // not UTF-8
	// An Endpoint that is none of the constants is never recorded as one of them.
	mustPanic(t, "label endpoint: an Endpoint that is none", func() { m.APIErrorsTotal.Inc(syncmetrics.Endpoint(7), "404", "missing") })
	mustPanic(t, "label endpoint:", func() { m.BacklogItems.Set(1, syncmetrics.Endpoint(4), "none") })
	m.BacklogItems.Set(5, syncmetrics.EndpointEvents, "throttled")
	m.BacklogItems.Inc(syncmetrics.EndpointEvents, "throttled")
	m.BacklogItems.Dec(syncmetrics.EndpointCampaigns, "none")
	m.BacklogItems.Add(2, syncmetrics.EndpointCampaigns, "none")
	m.BacklogItems.Sub(0.5, syncmetrics.EndpointCampaigns, "none")
	m.RetryDelaySeconds.Observe(0.5, syncmetrics.EndpointEvents, "503")
	m.RetryDelaySeconds.Observe(30, syncmetrics.EndpointEvents, "503")
	check(t, reg, m, `
# HELP sync_api_errors_total API errors by status and error code
# TYPE sync_api_errors_total counter
sync_api_errors_total{endpoint="events",error_code="invalid",status_code="unknown"} 1
sync_api_errors_total{endpoint="events",error_code="throttled",status_code="429"} 2
sync_api_errors_total{endpoint="events",error_code="throttled",status_code="invalid"} 1
sync_api_errors_total{endpoint="lists",error_code="internal",status_code="500"} 3
# HELP sync_backlog_items Items waiting to be synced
# TYPE sync_backlog_items gauge
sync_backlog_items{endpoint="campaigns",error_code="none"} 0.5
sync_backlog_items{endpoint="events",error_code="throttled"} 6
# HELP sync_retry_delay_seconds Delay before retrying a call
# TYPE sync_retry_delay_seconds histogram
sync_retry_delay_seconds_bucket{endpoint="events",status_code="503",le="0.1"} 0
sync_retry_delay_seconds_bucket{endpoint="events",status_code="503",le="1"} 1
sync_retry_delay_seconds_bucket{endpoint="events",status_code="503",le="10"} 1
sync_retry_delay_seconds_bucket{endpoint="events",status_code="503",le="+Inf"} 2
sync_retry_delay_seconds_sum{endpoint="events",status_code="503"} 30.5
sync_retry_delay_seconds_count{endpoint="events",status_code="503"} 2
`)

	noAllocs(t, "mixed Inc of a known series", func() { m.APIErrorsTotal.Inc(syncmetrics.EndpointEvents, "429", "throttled") })
	noAllocs(t, "mixed Set of a known series", func() { m.BacklogItems.Set(1, syncmetrics.EndpointEvents, "throttled") })
	noAllocs(t, "mixed Start of a known series", func() { m.RetryDelaySeconds.Start(syncmetrics.EndpointEvents, "503").ObserveDuration() })
}

// TestMixedGuard: error_code admits 10 values per metric, whatever the endpoint; the rest
// fold into "other", and the series stay bounded.
func TestMixedGuard(t *testing.T) {
	m, reg := newMetrics(t, syncmetrics.New, syncmetrics.MustNew)
	for i := range 25 {
		for _, e := range syncmetrics.EndpointValues() {
			m.APIErrorsTotal.Inc(e, "500", fmt.Sprintf("e%d", i))
		}
	}
	codes := map[string]float64{}
	mfs, _ := reg.Gather()
	for _, mf := range mfs {
		for _, s := range mf.Metric {
			for _, lp := range s.Label {
				if lp.GetName() == "error_code" {
					codes[lp.GetValue()] += s.GetCounter().GetValue()
				}
			}
		}
	}
	if len(codes) != 11 || codes["other"] != 15*4 || codes["e9"] != 4 || codes["e10"] != 0 {
		t.Errorf("error codes: %v; want e0..e9 with 4 each and other with 60", codes)
	}
}

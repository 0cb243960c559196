package storemetrics_test

import (
	"fmt"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"scratch/go-freeform/storemetrics"
)

func TestFreeform(t *testing.T) {
	m, reg := newMetrics(t, storemetrics.New, storemetrics.MustNew)
	m.TenantRequestsTotal.Inc("acme")
	m.TenantRequestsTotal.Add(2, "acme")
	m.TenantRequestsTotal.Inc("Acme")   // fails the pattern
	m.TenantRequestsTotal.Inc("")       // fails the pattern
	m.TenantRequestsTotal.Inc("b\xffc") // not UTF-8
	m.TenantStorageBytes.Set(1e9, "acme", "eu-west-1")
	m.TenantStorageBytes.Add(1e9, "acme", "eu-west-1")
	m.TenantStorageBytes.Set(5, "globex", "")
	m.TenantLatencySeconds.Observe(0.05, "us-east-1")
	check(t, reg, m, `
# HELP store_tenant_latency_seconds Latency of tenant requests
# TYPE store_tenant_latency_seconds histogram
store_tenant_latency_seconds_bucket{region="us-east-1",le="0.1"} 1
store_tenant_latency_seconds_bucket{region="us-east-1",le="1"} 1
store_tenant_latency_seconds_bucket{region="us-east-1",le="+Inf"} 1
store_tenant_latency_seconds_sum{region="us-east-1"} 0.05
store_tenant_latency_seconds_count{region="us-east-1"} 1
# HELP store_tenant_requests_total Requests by tenant
# TYPE store_tenant_requests_total counter
store_tenant_requests_total{tenant="acme"} 3
store_tenant_requests_total{tenant="invalid"} 3
# HELP store_tenant_storage_bytes Bytes stored by tenant and region
# TYPE store_tenant_storage_bytes gauge
store_tenant_storage_bytes{region="",tenant="globex"} 5
store_tenant_storage_bytes{region="eu-west-1",tenant="acme"} 2e+09
`)
	noAllocs(t, "free-form Inc of a known value", func() { m.TenantRequestsTotal.Inc("acme") })
	noAllocs(t, "free-form Set of known values", func() { m.TenantStorageBytes.Set(1, "acme", "eu-west-1") })
}

// TestCardinalityGuard: 10,000 distinct values into a max_values: 30 label yield 31 series,
// 30 values and "other", and no increment is lost.
func TestCardinalityGuard(t *testing.T) {
	m, reg := newMetrics(t, storemetrics.New, storemetrics.MustNew)
	for i := range 10000 {
		m.TenantRequestsTotal.Inc(fmt.Sprintf("t%d", i))
	}
	if n := testutil.CollectAndCount(m, "store_tenant_requests_total"); n != 31 {
		t.Errorf("%d series, want 31 (30 values and other)", n)
	}
	if got := sample(t, reg, "store_tenant_requests_total", "tenant", "other").GetCounter().GetValue(); got != 10000-30 {
		t.Errorf("other = %v, want 9970", got)
	}
	if got := sample(t, reg, "store_tenant_requests_total", "tenant", "t29").GetCounter().GetValue(); got != 1 {
		t.Errorf("t29 = %v, want 1", got)
	}
}

// TestCardinalityGuardConcurrent: 32 goroutines, each with values of its own and values all
// share, race for the 30 places; every increment is counted, in at most 31 series.
func TestCardinalityGuardConcurrent(t *testing.T) {
	m, reg := newMetrics(t, storemetrics.New, storemetrics.MustNew)
	goroutines(32, func(g int) {
		for i := range 1000 {
			tenant := fmt.Sprintf("shared%d", i%20)
			if i%2 == 1 {
				tenant = fmt.Sprintf("own%d-%d", g, i%50)
			}
			m.TenantRequestsTotal.Inc(tenant)
			m.TenantStorageBytes.Inc(tenant, "eu")
		}
	})
	for _, name := range []string{"store_tenant_requests_total", "store_tenant_storage_bytes"} {
		if n := testutil.CollectAndCount(m, name); n > 31 {
			t.Errorf("%s: %d series, want at most 31", name, n)
		}
	}
	mfs, _ := reg.Gather()
	for _, mf := range mfs {
		var total float64
		for _, s := range mf.Metric {
			total += s.GetCounter().GetValue() + s.GetGauge().GetValue()
		}
		if mf.GetName() != "store_tenant_latency_seconds" && total != 32000 {
			t.Errorf("%s: total %v, want 32000", mf.GetName(), total)
		}
	}
}

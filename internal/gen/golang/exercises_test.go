package golang

// The exercises run in a scratch module against each golden package (see TestExercise). Each is
// the body of a test file in package <pkg>_test, after exercisePrelude: calls through the
// public API, then the exact exposition (testutil.GatherAndCompare on a pedantic registry and
// CollectAndCompare on the Metrics), lint, double registration and allocations.

// exercisePrelude starts every exercise file; PKG stands for the package name.
const exercisePrelude = `package PKG_test

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	dto "github.com/prometheus/client_model/go"

	"scratch/PKG"
)

var (
	_ = fmt.Sprint
	_ = math.NaN
	_ = slices.Equal[[]int]
	_ sync.WaitGroup
	_ = time.Now
)

// newMetrics creates the metrics on a pedantic registry, and checks that a second New on it
// fails with client_golang's AlreadyRegisteredError and leaves nothing behind.
func newMetrics(t *testing.T) (*PKG.Metrics, *prometheus.Registry) {
	t.Helper()
	reg := prometheus.NewPedanticRegistry()
	m, err := PKG.New(reg)
	if err != nil {
		t.Fatal(err)
	}
	before, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	_, err = PKG.New(reg)
	var are prometheus.AlreadyRegisteredError
	if !errors.As(err, &are) {
		t.Fatalf("second New: %v, want a prometheus.AlreadyRegisteredError", err)
	}
	if _, ok := err.(prometheus.AlreadyRegisteredError); !ok {
		t.Errorf("second New: %T is not client_golang's error itself", err)
	}
	after, _ := reg.Gather()
	if len(after) != len(before) {
		t.Errorf("second New left metrics registered: %d families, want %d", len(after), len(before))
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("MustNew on the same registry did not panic")
			}
		}()
		PKG.MustNew(reg)
	}()
	return m, reg
}

// check compares the exposition with want exactly, and lints it.
func check(t *testing.T, reg *prometheus.Registry, m *PKG.Metrics, want string) {
	t.Helper()
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want)); err != nil {
		t.Errorf("registry: %v", err)
	}
	if err := testutil.CollectAndCompare(m, strings.NewReader(want)); err != nil {
		t.Errorf("Metrics as a collector: %v", err)
	}
	problems, err := testutil.GatherAndLint(reg)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("lint: %s: %s", p.Metric, p.Text)
	}
}

// sample returns the series of metric name with the given label pairs (name, value, ...), in
// any order.
func sample(t *testing.T, reg prometheus.Gatherer, name string, labels ...string) *dto.Metric {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	series:
		for _, m := range mf.Metric {
			if len(m.Label) != len(labels)/2 {
				continue
			}
			for _, lp := range m.Label {
				i := slices.Index(labels, lp.GetName())
				if i%2 != 0 || labels[i+1] != lp.GetValue() {
					continue series
				}
			}
			return m
		}
	}
	t.Fatalf("no series %s%v", name, labels)
	return nil
}

// noAllocs fails when f allocates (not under the race detector, which does).
func noAllocs(t *testing.T, what string, f func()) {
	t.Helper()
	if raceEnabled {
		return
	}
	if n := testing.AllocsPerRun(100, f); n != 0 {
		t.Errorf("%s: %v allocations per call, want 0", what, n)
	}
}
`

// Build-tagged files of the scratch packages: raceEnabled tells noAllocs to stand down.
const (
	raceOnFile  = "//go:build race\n\npackage PKG_test\n\nconst raceEnabled = true\n"
	raceOffFile = "//go:build !race\n\npackage PKG_test\n\nconst raceEnabled = false\n"
)

const kindsExercise = `
func TestKinds(t *testing.T) {
	m, reg := newMetrics(t)
	m.OrdersTotal.Inc(shopmetrics.MethodPOST)
	m.OrdersTotal.Add(2.5, shopmetrics.MethodPOST)
	m.OrdersTotal.Add(-1, shopmetrics.MethodPOST)         // ignored: a counter never goes down
	m.OrdersTotal.Add(math.NaN(), shopmetrics.MethodPOST) // ignored too
	m.OrdersTotal.Inc(shopmetrics.Method(200))            // out of range: recorded as POST, the last value
	m.QueueDepth.Set(7, shopmetrics.QueueEmail)
	m.QueueDepth.Inc(shopmetrics.QueueEmail)
	m.QueueDepth.Dec(shopmetrics.QueueSMS)
	m.QueueDepth.Add(2, shopmetrics.QueueSMS)
	m.QueueDepth.Sub(0.5, shopmetrics.QueueSMS)
	m.RequestDurationSeconds.Observe(0.3, shopmetrics.MethodGET)
	m.RequestDurationSeconds.Observe(2, shopmetrics.MethodPOST)
	m.PayloadBytes.Observe(2000)
	m.PayloadBytes.Observe(100000)
	check(t, reg, m, ` + "`" + `
# HELP shop_orders_total Orders placed
# TYPE shop_orders_total counter
shop_orders_total{method="GET"} 0
shop_orders_total{method="POST"} 4.5
# HELP shop_payload_bytes Size of request payloads
# TYPE shop_payload_bytes histogram
shop_payload_bytes_bucket{le="1024"} 0
shop_payload_bytes_bucket{le="4096"} 1
shop_payload_bytes_bucket{le="16384"} 1
shop_payload_bytes_bucket{le="65536"} 1
shop_payload_bytes_bucket{le="+Inf"} 2
shop_payload_bytes_sum 102000
shop_payload_bytes_count 2
# HELP shop_queue_depth Jobs waiting in a queue
# TYPE shop_queue_depth gauge
shop_queue_depth{queue="email"} 8
shop_queue_depth{queue="sms"} 0.5
# HELP shop_request_duration_seconds Time to serve a request
# TYPE shop_request_duration_seconds histogram
shop_request_duration_seconds_bucket{method="GET",le="0.1"} 0
shop_request_duration_seconds_bucket{method="GET",le="0.5"} 1
shop_request_duration_seconds_bucket{method="GET",le="1"} 1
shop_request_duration_seconds_bucket{method="GET",le="+Inf"} 1
shop_request_duration_seconds_sum{method="GET"} 0.3
shop_request_duration_seconds_count{method="GET"} 1
shop_request_duration_seconds_bucket{method="POST",le="0.1"} 0
shop_request_duration_seconds_bucket{method="POST",le="0.5"} 0
shop_request_duration_seconds_bucket{method="POST",le="1"} 0
shop_request_duration_seconds_bucket{method="POST",le="+Inf"} 1
shop_request_duration_seconds_sum{method="POST"} 2
shop_request_duration_seconds_count{method="POST"} 1
` + "`" + `)

	// Clock-dependent values, checked apart.
	m.QueueDepth.SetToCurrentTime(shopmetrics.QueueSMS)
	if got := sample(t, reg, "shop_queue_depth", "queue", "sms").GetGauge().GetValue(); math.Abs(got-float64(time.Now().Unix())) > 5 {
		t.Errorf("SetToCurrentTime set %v", got)
	}
	timer := m.RequestDurationSeconds.Start(shopmetrics.MethodGET)
	time.Sleep(20 * time.Millisecond)
	if d := timer.ObserveDuration(); d < 20*time.Millisecond {
		t.Errorf("ObserveDuration returned %v, want at least 20ms", d)
	}
	h := sample(t, reg, "shop_request_duration_seconds", "method", "GET").GetHistogram()
	if h.GetSampleCount() != 2 || h.GetSampleSum() < 0.32 {
		t.Errorf("after the timer: count %d, sum %v; want 2 and at least 0.32", h.GetSampleCount(), h.GetSampleSum())
	}
	var zero shopmetrics.RequestDurationSecondsTimer
	if d := zero.ObserveDuration(); d != 0 {
		t.Errorf("zero timer: %v", d)
	}

	// The enum API.
	if got := shopmetrics.MethodPOST.String(); got != "POST" {
		t.Errorf("MethodPOST.String() = %q", got)
	}
	if got := shopmetrics.Method(200).String(); got != "Method(200)" {
		t.Errorf("Method(200).String() = %q", got)
	}
	values := shopmetrics.MethodValues()
	if !slices.Equal(values, []shopmetrics.Method{shopmetrics.MethodGET, shopmetrics.MethodPOST}) {
		t.Errorf("MethodValues() = %v", values)
	}
	values[0] = shopmetrics.MethodPOST
	if shopmetrics.MethodValues()[0] != shopmetrics.MethodGET {
		t.Error("MethodValues returns a shared slice")
	}
	if got := fmt.Sprint(shopmetrics.QueueValues()); got != "[email sms]" {
		t.Errorf("QueueValues() prints %s", got)
	}

	noAllocs(t, "counter Inc", func() { m.OrdersTotal.Inc(shopmetrics.MethodGET) })
	noAllocs(t, "gauge Set", func() { m.QueueDepth.Set(1, shopmetrics.QueueSMS) })
	noAllocs(t, "histogram Observe", func() { m.RequestDurationSeconds.Observe(1, shopmetrics.MethodPOST) })
	noAllocs(t, "Start and ObserveDuration", func() { m.RequestDurationSeconds.Start(shopmetrics.MethodPOST).ObserveDuration() })
	noAllocs(t, "Observe without labels", func() { m.PayloadBytes.Observe(1) })
}
`

const enumExercise = `
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
	m, reg := newMetrics(t)
	// Every combination is exported from the first scrape.
	check(t, reg, m, exposition(nil, nil))
	if n := testutil.CollectAndCount(m, "klaviyo_api_requests_total"); n != 32 {
		t.Errorf("%d series of klaviyo_api_requests_total, want 4*4*2", n)
	}

	m.APIRequestsTotal.Inc(klaviyometrics.MethodGET, klaviyometrics.EndpointProfiles, klaviyometrics.StatusSuccess)
	m.APIRequestsTotal.Add(3, klaviyometrics.MethodPOST, klaviyometrics.EndpointEvents, klaviyometrics.StatusError)
	m.APIRequestsTotal.Inc(klaviyometrics.Method(9), klaviyometrics.Endpoint(250), klaviyometrics.Status(2)) // DELETE campaigns error
	m.APIDurationSeconds.Observe(0.3, klaviyometrics.MethodDELETE, klaviyometrics.EndpointCampaigns)
	check(t, reg, m, exposition(
		map[string]float64{"GET profiles success": 1, "POST events error": 3, "DELETE campaigns error": 1},
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
	m, reg := newMetrics(t)
	var wg sync.WaitGroup
	for g := range 32 {
		wg.Go(func() {
			for i := range 1000 {
				m.APIRequestsTotal.Inc(klaviyometrics.Method(g%4), klaviyometrics.Endpoint(i%4), klaviyometrics.StatusSuccess)
			}
		})
	}
	wg.Wait()
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
`

const mixedExercise = `
func TestMixed(t *testing.T) {
	m, reg := newMetrics(t)
	// No free-form value is known before the first call: nothing is exported yet.
	if n := testutil.CollectAndCount(m); n != 0 {
		t.Errorf("%d series before any call, want 0", n)
	}
	m.APIErrorsTotal.Inc(syncmetrics.EndpointEvents, "429", "throttled")
	m.APIErrorsTotal.Inc(syncmetrics.EndpointEvents, "429", "throttled")
	m.APIErrorsTotal.Add(3, syncmetrics.EndpointLists, "500", "internal")
	m.APIErrorsTotal.Add(-3, syncmetrics.EndpointLists, "500", "internal") // ignored
	m.APIErrorsTotal.Inc(syncmetrics.EndpointEvents, "4290", "throttled")    // fails the pattern
	m.APIErrorsTotal.Inc(syncmetrics.EndpointEvents, "unknown", "\xff")      // not UTF-8
	m.APIErrorsTotal.Inc(syncmetrics.Endpoint(7), "404", "missing")          // out of range: campaigns
	m.BacklogItems.Set(5, syncmetrics.EndpointEvents, "throttled")
	m.BacklogItems.Inc(syncmetrics.EndpointEvents, "throttled")
	m.BacklogItems.Dec(syncmetrics.EndpointCampaigns, "none")
	m.BacklogItems.Add(2, syncmetrics.EndpointCampaigns, "none")
	m.BacklogItems.Sub(0.5, syncmetrics.EndpointCampaigns, "none")
	m.RetryDelaySeconds.Observe(0.5, syncmetrics.EndpointEvents, "503")
	m.RetryDelaySeconds.Observe(30, syncmetrics.EndpointEvents, "503")
	check(t, reg, m, ` + "`" + `
# HELP sync_api_errors_total API errors by status and error code
# TYPE sync_api_errors_total counter
sync_api_errors_total{endpoint="campaigns",error_code="missing",status_code="404"} 1
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
` + "`" + `)

	noAllocs(t, "mixed Inc of a known series", func() { m.APIErrorsTotal.Inc(syncmetrics.EndpointEvents, "429", "throttled") })
	noAllocs(t, "mixed Set of a known series", func() { m.BacklogItems.Set(1, syncmetrics.EndpointEvents, "throttled") })
	noAllocs(t, "mixed Start of a known series", func() { m.RetryDelaySeconds.Start(syncmetrics.EndpointEvents, "503").ObserveDuration() })
}

// TestMixedGuard: error_code admits 10 values per metric, whatever the endpoint; the rest
// fold into "other", and the series stay bounded.
func TestMixedGuard(t *testing.T) {
	m, reg := newMetrics(t)
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
`

const freeformExercise = `
func TestFreeform(t *testing.T) {
	m, reg := newMetrics(t)
	m.TenantRequestsTotal.Inc("acme")
	m.TenantRequestsTotal.Add(2, "acme")
	m.TenantRequestsTotal.Inc("Acme")   // fails the pattern
	m.TenantRequestsTotal.Inc("")       // fails the pattern
	m.TenantRequestsTotal.Inc("b\xffc") // not UTF-8
	m.TenantStorageBytes.Set(1e9, "acme", "eu-west-1")
	m.TenantStorageBytes.Add(1e9, "acme", "eu-west-1")
	m.TenantStorageBytes.Set(5, "globex", "")
	m.TenantLatencySeconds.Observe(0.05, "us-east-1")
	check(t, reg, m, ` + "`" + `
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
` + "`" + `)
	noAllocs(t, "free-form Inc of a known value", func() { m.TenantRequestsTotal.Inc("acme") })
	noAllocs(t, "free-form Set of known values", func() { m.TenantStorageBytes.Set(1, "acme", "eu-west-1") })
}

// TestCardinalityGuard: 10,000 distinct values into a max_values: 30 label yield 31 series,
// 30 values and "other", and no increment is lost.
func TestCardinalityGuard(t *testing.T) {
	m, reg := newMetrics(t)
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
	m, reg := newMetrics(t)
	var wg sync.WaitGroup
	for g := range 32 {
		wg.Go(func() {
			for i := range 1000 {
				tenant := fmt.Sprintf("shared%d", i%20)
				if i%2 == 1 {
					tenant = fmt.Sprintf("own%d-%d", g, i%50)
				}
				m.TenantRequestsTotal.Inc(tenant)
				m.TenantStorageBytes.Inc(tenant, "eu")
			}
		})
	}
	wg.Wait()
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
`

const nolabelsExercise = `
func TestNoLabels(t *testing.T) {
	m, reg := newMetrics(t)
	// Each metric is one series, exported from the first scrape.
	check(t, reg, m, ` + "`" + `
# HELP batch_jobs_processed_total Jobs processed
# TYPE batch_jobs_processed_total counter
batch_jobs_processed_total 0
# HELP batch_run_duration_seconds Duration of a batch run
# TYPE batch_run_duration_seconds histogram
batch_run_duration_seconds_bucket{le="1"} 0
batch_run_duration_seconds_bucket{le="10"} 0
batch_run_duration_seconds_bucket{le="60"} 0
batch_run_duration_seconds_bucket{le="600"} 0
batch_run_duration_seconds_bucket{le="+Inf"} 0
batch_run_duration_seconds_sum 0
batch_run_duration_seconds_count 0
# HELP batch_temperature_celsius Temperature of the batch host
# TYPE batch_temperature_celsius gauge
batch_temperature_celsius 0
` + "`" + `)
	m.JobsProcessedTotal.Inc()
	m.JobsProcessedTotal.Add(41)
	m.JobsProcessedTotal.Add(-5)
	m.TemperatureCelsius.Set(20)
	m.TemperatureCelsius.Inc()
	m.TemperatureCelsius.Dec()
	m.TemperatureCelsius.Dec()
	m.TemperatureCelsius.Add(1.5)
	m.TemperatureCelsius.Sub(0.25)
	m.RunDurationSeconds.Observe(42)
	check(t, reg, m, ` + "`" + `
# HELP batch_jobs_processed_total Jobs processed
# TYPE batch_jobs_processed_total counter
batch_jobs_processed_total 42
# HELP batch_run_duration_seconds Duration of a batch run
# TYPE batch_run_duration_seconds histogram
batch_run_duration_seconds_bucket{le="1"} 0
batch_run_duration_seconds_bucket{le="10"} 0
batch_run_duration_seconds_bucket{le="60"} 1
batch_run_duration_seconds_bucket{le="600"} 1
batch_run_duration_seconds_bucket{le="+Inf"} 1
batch_run_duration_seconds_sum 42
batch_run_duration_seconds_count 1
# HELP batch_temperature_celsius Temperature of the batch host
# TYPE batch_temperature_celsius gauge
batch_temperature_celsius 20.25
` + "`" + `)
	m.TemperatureCelsius.SetToCurrentTime()
	if got := sample(t, reg, "batch_temperature_celsius").GetGauge().GetValue(); math.Abs(got-float64(time.Now().Unix())) > 5 {
		t.Errorf("SetToCurrentTime set %v", got)
	}
	if d := m.RunDurationSeconds.Start().ObserveDuration(); d < 0 || d > time.Second {
		t.Errorf("timer: %v", d)
	}
	if got := sample(t, reg, "batch_run_duration_seconds").GetHistogram().GetSampleCount(); got != 2 {
		t.Errorf("count after the timer: %d, want 2", got)
	}
	noAllocs(t, "Inc without labels", func() { m.JobsProcessedTotal.Inc() })
	noAllocs(t, "Start without labels", func() { m.RunDurationSeconds.Start().ObserveDuration() })
}
`

const nativeExercise = `
func TestNative(t *testing.T) {
	m, reg := newMetrics(t)
	m.RPCDurationSeconds.Observe(0.005, kvmetrics.RPCGet)
	m.ValueSizeBytes.Observe(100)
	// The text format holds the classic buckets only.
	check(t, reg, m, ` + "`" + `
# HELP kv_rpc_duration_seconds RPC latency
# TYPE kv_rpc_duration_seconds histogram
kv_rpc_duration_seconds_bucket{rpc="Get",le="0.001"} 0
kv_rpc_duration_seconds_bucket{rpc="Get",le="0.01"} 1
kv_rpc_duration_seconds_bucket{rpc="Get",le="0.1"} 1
kv_rpc_duration_seconds_bucket{rpc="Get",le="1"} 1
kv_rpc_duration_seconds_bucket{rpc="Get",le="+Inf"} 1
kv_rpc_duration_seconds_sum{rpc="Get"} 0.005
kv_rpc_duration_seconds_count{rpc="Get"} 1
kv_rpc_duration_seconds_bucket{rpc="Put",le="0.001"} 0
kv_rpc_duration_seconds_bucket{rpc="Put",le="0.01"} 0
kv_rpc_duration_seconds_bucket{rpc="Put",le="0.1"} 0
kv_rpc_duration_seconds_bucket{rpc="Put",le="1"} 0
kv_rpc_duration_seconds_bucket{rpc="Put",le="+Inf"} 0
kv_rpc_duration_seconds_sum{rpc="Put"} 0
kv_rpc_duration_seconds_count{rpc="Put"} 0
# HELP kv_value_size_bytes Size of stored values
# TYPE kv_value_size_bytes histogram
kv_value_size_bytes_bucket{le="64"} 0
kv_value_size_bytes_bucket{le="1024"} 1
kv_value_size_bytes_bucket{le="16384"} 1
kv_value_size_bytes_bucket{le="+Inf"} 1
kv_value_size_bytes_sum 100
kv_value_size_bytes_count 1
` + "`" + `)
	// Native buckets sit alongside: a schema (factor 1.1 -> schema 3, 1.05 -> schema 4) and a
	// populated span.
	for _, c := range []struct {
		h      *dto.Histogram
		schema int32
	}{
		{sample(t, reg, "kv_rpc_duration_seconds", "rpc", "Get").GetHistogram(), 3},
		{sample(t, reg, "kv_value_size_bytes").GetHistogram(), 4},
	} {
		if c.h.Schema == nil || c.h.GetSchema() != c.schema || len(c.h.PositiveSpan) != 1 || len(c.h.Bucket) == 0 {
			t.Errorf("native histogram: schema %v (want %d), spans %v, %d classic buckets", c.h.Schema, c.schema, c.h.PositiveSpan, len(c.h.Bucket))
		}
	}
	noAllocs(t, "native Observe", func() { m.RPCDurationSeconds.Observe(0.005, kvmetrics.RPCPut) })
}
`

const deprecatedExercise = `
func TestDeprecated(t *testing.T) {
	m, reg := newMetrics(t)
	m.LegacyRequestsTotal.Inc(webmetrics.Code5xx)
	m.RequestsTotal.Add(2, webmetrics.Code2xx)
	check(t, reg, m, ` + "`" + `
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
` + "`" + `)
}
`

const edgeExercise = `
func TestEdge(t *testing.T) {
	m, reg := newMetrics(t)
	m.OddTotal.Inc(edgemetrics.Type(255), "12:00", edgemetrics.VB, edgemetrics.CY)
	m.OddTotal.Add(2, edgemetrics.TypeT0, "noon", edgemetrics.V(9), edgemetrics.C(9))
	m.OddLevel.Set(3, "s", edgemetrics.LenLong, edgemetrics.CX)
	m.OddSeconds.Start(edgemetrics.VA, "01:00").ObserveDuration()
	if got := edgemetrics.Type(255).String(); got != "t255" {
		t.Errorf("Type(255).String() = %q", got)
	}
	if n := len(edgemetrics.TypeValues()); n != 256 {
		t.Errorf("%d Type values", n)
	}
	if got := sample(t, reg, "edge_odd_total", "type", "t255", "time", "12:00", "v", "b", "c", "y").GetCounter().GetValue(); got != 1 {
		t.Errorf("t255 = %v", got)
	}
	if got := sample(t, reg, "edge_odd_total", "type", "t0", "time", "invalid", "v", "b", "c", "y").GetCounter().GetValue(); got != 2 {
		t.Errorf("t0 = %v", got)
	}
	if got := sample(t, reg, "edge_odd_level", "series", "s", "len", "long", "c", "x").GetGauge().GetValue(); got != 3 {
		t.Errorf("level = %v", got)
	}
}
`

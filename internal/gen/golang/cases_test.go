package golang

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/metricgen/metricgen/internal/model"
)

// The golden cases, as hand-built models. Each has a spec.yaml under
// testdata/golden/<name>/ that describes the same thing (TestSpecFiles checks that both generate
// the same package) and an exercise, testdata/golden/<name>/exercise/*_test.go, that package
// internal/gen/goscratch runs against the generated package.
var cases = []struct {
	name string
	spec func() *model.Spec
}{
	{"go-kinds", kindsSpec},
	{"go-enum", enumSpec},
	{"go-mixed", mixedSpec},
	{"go-freeform", freeformSpec},
	{"go-nolabels", nolabelsSpec},
	{"go-native", nativeSpec},
	{"go-deprecated", deprecatedSpec},
	{"go-api", apiSpec},
}

// enum returns an enum label as the validator builds it.
func enum(name, help string, values ...string) *model.Label {
	l := &model.Label{Name: name, GoName: model.GoIdent("Label", name), Help: help}
	for _, v := range values {
		l.Values = append(l.Values, &model.Value{Value: v, GoName: l.GoName + model.GoCase(v)})
	}
	return l
}

// free returns a free-form label.
func free(name, help, pattern string, maxValues int) *model.Label {
	return &model.Label{Name: name, GoName: model.GoIdent("Label", name), Help: help, Pattern: pattern, MaxValues: maxValues}
}

// metric returns a metric of namespace ns as the validator builds it; buckets may follow.
func metric(ns, key string, typ model.MetricType, unit, help string, labels ...*model.Label) *model.Metric {
	m := &model.Metric{
		Key: key, Name: ns + "_" + key, GoName: model.GoIdent("Metric", key),
		Type: typ, Unit: unit, Help: help, Labels: labels,
	}
	return m
}

// spec assembles a model: labels and metrics sorted as the validator sorts them, series
// budgets computed.
func spec(ns, service, pkg string, labels []*model.Label, metrics ...*model.Metric) *model.Spec {
	s := &model.Spec{
		Source: "spec.yaml", Namespace: ns, Service: service,
		Go:           &model.GoPackage{Name: pkg, Dir: pkg},
		TargetLabels: []string{"job", "instance"},
		Labels:       slices.Clone(labels),
		Metrics:      slices.Clone(metrics),
	}
	slices.SortFunc(s.Labels, func(a, b *model.Label) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(s.Metrics, func(a, b *model.Metric) int { return strings.Compare(a.Key, b.Key) })
	for _, m := range s.Metrics {
		series := 1
		for _, l := range m.Labels {
			n := len(l.Values)
			if !l.Enum() {
				n = max(1, l.MaxValues)
			}
			series = min(series*n, math.MaxInt32)
		}
		if m.Type == model.Histogram {
			series *= len(m.Buckets) + 3
		}
		m.Series = series
		if m.Init == "" { // the validator's defaults
			m.Init = model.InitAll
			if m.Type == model.Gauge || !m.EnumOnly() || m.Scrape {
				m.Init = model.InitNone
			}
		}
	}
	return s
}

func kindsSpec() *model.Spec {
	method := enum("method", "HTTP method", "GET", "POST")
	queue := enum("queue", "", "email", "sms")
	duration := metric("shop", "request_duration_seconds", model.Histogram, "seconds", "Time to serve a request", method)
	duration.Buckets = []float64{0.1, 0.5, 1}
	payload := metric("shop", "payload_bytes", model.Histogram, "bytes", "Size of request payloads")
	payload.Buckets = []float64{1024, 4096, 16384, 65536}
	return spec("shop", "shop-api", "shopmetrics", []*model.Label{method, queue},
		metric("shop", "orders_total", model.Counter, "", "Orders placed", method),
		metric("shop", "queue_depth", model.Gauge, "", "Jobs waiting in a queue", queue),
		duration,
		payload,
	)
}

func enumSpec() *model.Spec {
	method := enum("method", "HTTP method of the API call", "GET", "POST", "PATCH", "DELETE")
	endpoint := enum("endpoint", "API endpoint group, never a full URL", "profiles", "events", "lists", "campaigns")
	status := enum("status", "", "success", "error")
	duration := metric("klaviyo", "api_duration_seconds", model.Histogram, "seconds", "Klaviyo API request duration", method, endpoint)
	duration.Buckets = []float64{0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}
	return spec("klaviyo", "klaviyo-integration", "klaviyometrics", []*model.Label{method, endpoint, status},
		metric("klaviyo", "api_requests_total", model.Counter, "", "Total Klaviyo API requests", method, endpoint, status),
		duration,
	)
}

func mixedSpec() *model.Spec {
	endpoint := enum("endpoint", "API endpoint group", "profiles", "events", "lists", "campaigns")
	statusCode := free("status_code", `HTTP status of a failed call, or "unknown"`, `^([1-5][0-9][0-9]|unknown)$`, 20)
	errorCode := free("error_code", "", "", 10)
	delay := metric("sync", "retry_delay_seconds", model.Histogram, "seconds", "Delay before retrying a call", endpoint, statusCode)
	delay.Buckets = []float64{0.1, 1, 10}
	return spec("sync", "sync-worker", "syncmetrics", []*model.Label{endpoint, statusCode, errorCode},
		metric("sync", "api_errors_total", model.Counter, "", "API errors by status and error code", endpoint, statusCode, errorCode),
		metric("sync", "backlog_items", model.Gauge, "", "Items waiting to be synced", endpoint, errorCode),
		delay,
	)
}

func freeformSpec() *model.Spec {
	tenant := free("tenant", "Tenant slug", `^[a-z][a-z0-9-]*$`, 30)
	region := free("region", "Cloud region", "", 10)
	latency := metric("store", "tenant_latency_seconds", model.Histogram, "seconds", "Latency of tenant requests", region)
	latency.Buckets = []float64{0.1, 1}
	return spec("store", "object-store", "storemetrics", []*model.Label{tenant, region},
		metric("store", "tenant_requests_total", model.Counter, "", "Requests by tenant", tenant),
		metric("store", "tenant_storage_bytes", model.Gauge, "bytes", "Bytes stored by tenant and region", tenant, region),
		latency,
	)
}

func nolabelsSpec() *model.Spec {
	batch := metric("batch", "run_duration_seconds", model.Histogram, "seconds", "Duration of a batch run")
	batch.Buckets = []float64{1, 10, 60, 600}
	return spec("batch", "nightly-batch", "batchmetrics", nil,
		metric("batch", "jobs_processed_total", model.Counter, "", "Jobs processed"),
		metric("batch", "temperature_celsius", model.Gauge, "celsius", "Temperature of the batch host"),
		batch,
	)
}

func nativeSpec() *model.Spec {
	rpc := enum("rpc", "RPC method", "Get", "Put")
	latency := metric("kv", "rpc_duration_seconds", model.Histogram, "seconds", "RPC latency", rpc)
	latency.Buckets = []float64{0.001, 0.01, 0.1, 1}
	latency.Native = &model.NativeHistogram{BucketFactor: 1.1, MaxBuckets: 160, MinResetDuration: model.Duration(time.Hour)}
	size := metric("kv", "value_size_bytes", model.Histogram, "bytes", "Size of stored values")
	size.Buckets = []float64{64, 1024, 16384}
	size.Native = &model.NativeHistogram{BucketFactor: 1.05}
	wait := metric("kv", "queue_wait_seconds", model.Histogram, "seconds", "Time a job waits in the queue")
	wait.Native = &model.NativeHistogram{BucketFactor: 1.1} // no classic buckets
	return spec("kv", "kv-store", "kvmetrics", []*model.Label{rpc}, latency, wait, size)
}

func deprecatedSpec() *model.Spec {
	code := enum("code", "HTTP status class", "2xx", "4xx", "5xx")
	legacy := metric("web", "legacy_requests_total", model.Counter, "", "Requests served, without retries", code)
	legacy.Deprecated = "use web_requests_total, which counts retries too; removed in v3"
	return spec("web", "web-frontend", "webmetrics", []*model.Label{code},
		legacy,
		metric("web", "requests_total", model.Counter, "", "Requests served, retries included", code),
	)
}

// apiSpec: Parse and Of, an other value, init none and all, metrics read at scrape time, a
// histogram of counts.
func apiSpec() *model.Spec {
	queue := enum("queue", "Queue the job came from", "email", "sms", "push", "other")
	queue.Other = queue.Values[3]
	outcome := enum("outcome", "How the job ended", "done", "failed", "retried")
	pool := enum("pool", "Database connection pool", "primary", "replica")
	state := enum("state", "State of a connection in the pool", "in_use", "idle")
	rejected := metric("worker", "jobs_rejected_total", model.Counter, "", "Jobs rejected before they ran", queue)
	rejected.Init = model.InitNone
	depth := metric("worker", "queue_jobs", model.Gauge, "", "Jobs waiting in each queue", queue)
	depth.Init = model.InitAll
	batch := metric("worker", "batch_jobs", model.Histogram, "", "Jobs fetched in one batch")
	batch.Buckets = []float64{1, 5, 10, 50}
	duration := metric("worker", "job_duration_seconds", model.Histogram, "seconds", "Time to run a job", queue)
	duration.Buckets = []float64{0.1, 1, 10}
	duration.Init = model.InitNone
	scrape := func(m *model.Metric) *model.Metric { m.Scrape = true; return m }
	return spec("worker", "queue-worker", "workermetrics", []*model.Label{queue, outcome, pool, state},
		metric("worker", "jobs_total", model.Counter, "", "Jobs run", queue, outcome),
		rejected, depth,
		metric("worker", "busy", model.Gauge, "", "1 while the worker runs a job"),
		batch, duration,
		scrape(metric("worker", "db_connections", model.Gauge, "", "Connections of the database pool, by state", pool, state)),
		scrape(metric("worker", "db_max_open_connections", model.Gauge, "", "Most connections the pool may open", pool)),
		scrape(metric("worker", "db_waits_total", model.Counter, "", "Connections waited for", pool)),
		scrape(metric("worker", "db_wait_duration_seconds_total", model.Counter, "seconds", "Time spent waiting for a connection", pool)),
		scrape(metric("worker", "goroutines", model.Gauge, "", "Goroutines of the worker")),
		scrape(metric("worker", "fetches_total", model.Counter, "", "Batches fetched from the broker")),
	)
}

// benchSpec is the package of ./bench/benchmetrics: a 3-enum-label counter and histogram (the
// fast path), a free-form counter, a mixed one, and a counter whose series are made on first
// use (init: none) by a label with an other value. Its spec is bench/spec.yaml.
func benchSpec() *model.Spec {
	method := enum("method", "HTTP method of the API call", "GET", "POST", "PATCH", "DELETE")
	endpoint := enum("endpoint", "API endpoint group", "profiles", "events", "lists", "campaigns")
	status := enum("status", "", "success", "error")
	statusCode := free("status_code", "HTTP status of a failed call", `^[1-5][0-9][0-9]$`, 60)
	errorCode := free("error_code", "", "", 15)
	tenant := free("tenant", "", `^[a-z][a-z0-9-]*$`, 100)
	duration := metric("bench", "api_duration_seconds", model.Histogram, "seconds", "API request duration", method, endpoint, status)
	duration.Buckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}
	errors := metric("bench", "api_errors_total", model.Counter, "", "API errors", endpoint, statusCode, errorCode)
	errors.MaxSeries = 4 * 60 * 15
	queue := enum("queue", "", "email", "sms", "push", "other")
	queue.Other = queue.Values[3]
	jobs := metric("bench", "jobs_total", model.Counter, "", "Jobs by queue, each series made on first use", queue)
	jobs.Init = model.InitNone
	return spec("bench", "bench", "benchmetrics", []*model.Label{method, endpoint, status, statusCode, errorCode, tenant, queue},
		metric("bench", "api_requests_total", model.Counter, "", "API requests", method, endpoint, status),
		duration,
		errors,
		metric("bench", "tenant_requests_total", model.Counter, "", "Requests by tenant", tenant),
		jobs,
	)
}

// edgeSpec is not a golden case: internal/gen/goscratch compiles and exercises the package of
// its spec, testdata/edge/spec.yaml there (TestSpecFiles checks they agree). Its labels
// are named like the generated code's own identifiers (keywords, predeclared names, imports,
// receivers, fields), and one enum has 256 values (a uint16, which leaves room for a value
// that is none of them).
func edgeSpec() *model.Spec {
	values := make([]string, 256)
	for i := range values {
		values[i] = fmt.Sprintf("t%d", i)
	}
	typ := enum("type", "", values...)
	tm := free("time", "", `^[0-9]{2}:[0-9]{2}$`, 5)
	v := enum("v", "", "a", "b")
	series := free("series", "", "", 3)
	ln := enum("len", "", "short", "long")
	c := enum("c", "", "x", "y")
	// methods of a metric's type with free-form labels
	with := free("with", "", "", 2)
	create := free("create", "", "", 2)
	odd := metric("edge", "odd_seconds", model.Histogram, "seconds", "Odd durations", v, tm)
	odd.Buckets = []float64{1}
	return spec("edge", "edge", "edgemetrics", []*model.Label{typ, tm, v, series, ln, c, with, create},
		metric("edge", "odd_total", model.Counter, "", "Odd events", typ, tm, v, c),
		metric("edge", "odd_level", model.Gauge, "", "Odd level", series, ln, c, with, create),
		odd,
	)
}

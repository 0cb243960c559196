// This file is written by hand: it shows the generated API in godoc and is compiled and run by
// go test, so the example cannot drift from the generated package.

package klaviyometrics_test

import (
	"fmt"
	"log/slog"
	"os"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/metricgen/metricgen/generated/klaviyometrics"
)

func Example() {
	reg := prometheus.NewRegistry()
	m := klaviyometrics.MustNew(reg)

	// Enum labels are typed constants: a value the spec does not list does not compile.
	m.APIRequestsTotal.Inc(klaviyometrics.MethodGET, klaviyometrics.EndpointProfiles, klaviyometrics.StatusSuccess)
	m.APIRequestsTotal.Add(2, klaviyometrics.MethodPOST, klaviyometrics.EndpointEvents, klaviyometrics.StatusError)

	// Time a call; the timer is a value, nothing is allocated.
	t := m.APIDurationSeconds.Start(klaviyometrics.MethodGET, klaviyometrics.EndpointProfiles)
	t.ObserveDuration()

	// Free-form labels take strings, checked against the spec's pattern and bounded by max_values.
	m.APIErrorsTotal.Inc(klaviyometrics.EndpointEvents, "429", "throttled")
	m.APIErrorsTotal.Inc(klaviyometrics.EndpointEvents, "not-a-status", "throttled") // becomes "invalid"
	m.RateLimitRemaining.Set(17)

	families, _ := reg.Gather()
	for _, f := range families {
		if f.GetName() == "klaviyo_rate_limit_remaining" {
			fmt.Println(f.GetMetric()[0].GetGauge().GetValue())
		}
	}
	// Every enum combination exists from the first scrape: 4 methods x 4 endpoints x 2 statuses.
	fmt.Println(testutil.CollectAndCount(reg, "klaviyo_api_requests_total"))
	// Output:
	// 17
	// 32
}

func ExampleParseMethod() {
	// An exact match of the exported value, without allocating (from an HTTP request's method).
	method, ok := klaviyometrics.ParseMethod("PATCH")
	fmt.Println(method, ok)
	// Anything else is reported, and never recorded as one of the values: recording it panics.
	_, ok = klaviyometrics.ParseMethod("patch")
	fmt.Println(ok)
	// Output:
	// PATCH true
	// false
}

func ExampleBatchQueueEventsGauge_Observe() {
	reg := prometheus.NewRegistry()
	m := klaviyometrics.MustNew(reg)
	queue := make(chan string, 100) // the events waiting for the next bulk request
	queue <- "profile.updated"
	// Read when Prometheus scrapes: no goroutine copies the length into a gauge.
	m.BatchQueueEvents.Observe(func() float64 { return float64(len(queue)) })
	queue <- "event.created"
	families, _ := reg.Gather()
	for _, f := range families {
		if f.GetName() == "klaviyo_batch_queue_events" {
			fmt.Println(f.GetMetric()[0].GetGauge().GetValue())
		}
	}
	// Output:
	// 2
}

func ExampleNewRedactingHandler() {
	// Drop the time so the output is stable.
	opts := &slog.HandlerOptions{ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
		if len(groups) == 0 && a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}}
	logger := slog.New(klaviyometrics.NewRedactingHandler(slog.NewJSONHandler(os.Stdout, opts)))
	logger.Info("profile synced", slog.Group("profile", "email", "alice@example.com", "phone", "+1 555 0100", "plan", "pro"), "api_key", "pk_live_123")
	// Output:
	// {"level":"INFO","msg":"profile synced","profile":{"email":"ali***","plan":"pro"},"api_key":"[REDACTED]"}
}

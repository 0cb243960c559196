package shopmetrics_test

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"scratch/go-kinds/shopmetrics"
)

func TestKinds(t *testing.T) {
	m, reg := newMetrics(t, shopmetrics.New, shopmetrics.MustNew)
	absent(t, reg, "shop_queue_depth") // a gauge's series appear when set (init: none)
	m.OrdersTotal.Inc(shopmetrics.MethodPOST)
	m.OrdersTotal.Add(2.5, shopmetrics.MethodPOST)
	// A counter never goes down: Add panics on a negative value, as client_golang's does,
	// and on NaN.
	mustPanic(t, "counter shop_orders_total: Add(-1): a counter cannot decrease", func() { m.OrdersTotal.Add(-1, shopmetrics.MethodPOST) })
	mustPanic(t, "counter shop_orders_total: Add(NaN)", func() { m.OrdersTotal.Add(math.NaN(), shopmetrics.MethodPOST) })
	// A Method that is none of the constants is never recorded as one of them.
	mustPanic(t, "label method: a Method that is none of the constants is not one of its 2 values", func() { m.OrdersTotal.Inc(shopmetrics.Method(200)) })
	mustPanic(t, "label method:", func() { m.RequestDurationSeconds.Observe(1, shopmetrics.Method(2)) })
	mustPanic(t, "label queue:", func() { m.QueueDepth.Set(1, shopmetrics.Queue(9)) })
	m.QueueDepth.Set(7, shopmetrics.QueueEmail)
	m.QueueDepth.Inc(shopmetrics.QueueEmail)
	m.QueueDepth.Dec(shopmetrics.QueueSMS)
	m.QueueDepth.Add(2, shopmetrics.QueueSMS)
	m.QueueDepth.Sub(0.5, shopmetrics.QueueSMS)
	m.RequestDurationSeconds.Observe(0.3, shopmetrics.MethodGET)
	m.RequestDurationSeconds.Observe(2, shopmetrics.MethodPOST)
	m.PayloadBytes.Observe(2000)
	m.PayloadBytes.Observe(100000)
	check(t, reg, m, `
# HELP shop_orders_total Orders placed
# TYPE shop_orders_total counter
shop_orders_total{method="GET"} 0
shop_orders_total{method="POST"} 3.5
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
`)

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
	var zero shopmetrics.Timer
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
	for s, want := range map[string]shopmetrics.Method{"GET": shopmetrics.MethodGET, "POST": shopmetrics.MethodPOST} {
		if got, ok := shopmetrics.ParseMethod(s); got != want || !ok {
			t.Errorf("ParseMethod(%q) = %v, %v; want %v, true", s, got, ok, want)
		}
	}
	for _, s := range []string{"get", "PUT", "", "GET "} {
		got, ok := shopmetrics.ParseMethod(s)
		if ok || slices.Contains(shopmetrics.MethodValues(), got) {
			t.Errorf("ParseMethod(%q) = %v, %v; want false and none of the values", s, got, ok)
		}
		mustPanic(t, "label method:", func() { m.OrdersTotal.Inc(got) }) // an unchecked ok is never recorded as a value
	}
	noAllocs(t, "ParseMethod", func() { shopmetrics.ParseMethod("POST") })
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

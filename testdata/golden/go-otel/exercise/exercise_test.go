package shopmetrics_test

import (
	"sync"
	"testing"

	"go.opentelemetry.io/otel/metric/noop"

	"scratch/go-otel/shopmetrics"
)

// TestOTelBackend calls every method of every metric from several goroutines (run with
// -race): verify's TestOTelEquivalence checks what they record through the SDK; this checks
// that the generated code compiles against the lowest OTel API the generated module requires
// and is safe for concurrent use.
func TestOTelBackend(t *testing.T) {
	m, err := shopmetrics.New(noop.NewMeterProvider(), shopmetrics.WithMeter("shop"))
	if err != nil {
		t.Fatal(err)
	}
	_ = shopmetrics.MustNew(noop.NewMeterProvider())
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 50 {
				code := []string{"404", "500", "999", "\xff"}[(i+j)%4]
				m.RequestsTotal.Inc(shopmetrics.RouteCart, shopmetrics.StatusOk)
				m.RequestsTotal.Add(2, shopmetrics.RouteOther, shopmetrics.StatusError)
				m.ErrorsTotal.Inc(shopmetrics.RouteCheckout, code, "timeout")
				m.ErrorsTotal.Add(1.5, shopmetrics.RouteOther, code, string(rune('a'+j%10)))
				m.RequestDurationSeconds.Observe(0.2, shopmetrics.RouteCart)
				m.RequestDurationSeconds.Start(shopmetrics.RouteCheckout).ObserveDuration()
				m.InFlightRequests.Inc(shopmetrics.RouteCart)
				m.InFlightRequests.Dec(shopmetrics.RouteCart)
				m.InFlightRequests.Set(3, shopmetrics.RouteOther)
				m.InFlightRequests.Add(1, shopmetrics.RouteOther)
				m.InFlightRequests.Sub(1, shopmetrics.RouteOther)
				m.InFlightRequests.SetToCurrentTime(shopmetrics.RouteCheckout)
				m.PendingReasons.Set(float64(j), "timeout")
				m.PendingReasons.Inc(string(rune('a' + j%10)))
				m.RestartsTotal.Inc()
				m.RestartsTotal.Add(1)
				m.QueueItems.Set(4)
				m.QueueItems.Inc()
				m.QueueItems.Dec()
				m.QueueItems.Add(2)
				m.QueueItems.Sub(2)
				m.QueueItems.SetToCurrentTime()
				m.ResponseSizeBytes.Observe(512)
				m.JobDurationSeconds.Observe(3)
				m.JobDurationSeconds.Start().ObserveDuration()
			}
		}()
	}
	wg.Wait()
	// As on the Prometheus backend: a value out of an enum's range and a counter going down
	// panic, naming the label or the metric.
	mustPanic(t, "label route: Route(9) is not one of its 3 values", func() { m.RequestsTotal.Add(2, shopmetrics.Route(9), shopmetrics.StatusOk) })
	mustPanic(t, "label status: Status(9)", func() { m.RequestsTotal.Inc(shopmetrics.RouteCart, shopmetrics.Status(9)) })
	mustPanic(t, "counter shop_restarts_total: Add(-1): a counter cannot decrease", func() { m.RestartsTotal.Add(-1) })
	var zero shopmetrics.Timer
	if d := zero.ObserveDuration(); d != 0 {
		t.Errorf("the zero Timer returned %v", d)
	}
}

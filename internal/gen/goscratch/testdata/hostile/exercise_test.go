package hostilemetrics_test

import (
	"log/slog"
	"testing"

	"scratch/hostile/hostilemetrics"
)

// TestHostile uses every metric and every enum value of the hostile spec: a generated file
// dropped from the build (by a build constraint from a help text) fails to compile here.
func TestHostile(t *testing.T) {
	m, reg := newMetrics(t, hostilemetrics.New, hostilemetrics.MustNew)
	want := []string{"+build ignore", "//go:build ignore", "*/ package evil /*", "line\n+build ignore\n\n//go:generate rm -rf /", "--> <!-- \"}, {\"x\": 1 # y: z", "\u2028//go:build sep\u2029", "\r//go:build cr"}
	values := hostilemetrics.ModeValues()
	if len(values) != len(want) {
		t.Fatalf("%d Mode values, want %d", len(values), len(want))
	}
	for i, v := range values {
		m.EventsTotal.Inc(v, "r")
		if v.String() != want[i] {
			t.Errorf("Mode %d is %q, want %q", i, v.String(), want[i])
		}
	}
	m.QueueDepth.Set(2)
	m.WaitSeconds.Observe(0.5)
	if got := sample(t, reg, "hostile_events_total", "mode", "*/ package evil /*", "reason", "r").GetCounter().GetValue(); got != 1 {
		t.Errorf("events_total{mode=\"*/ package evil /*\"} = %v", got)
	}
	if a := hostilemetrics.RedactAttr(nil, slog.String("+build ignore", "v")); a.Value.String() == "v" {
		t.Errorf("the key +build ignore was not redacted: %v", a)
	}
}

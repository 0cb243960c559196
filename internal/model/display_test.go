package model

import (
	"encoding/json"
	"math"
	"strconv"
	"testing"
)

func TestFormatFloat(t *testing.T) {
	for _, c := range []struct {
		f    float64
		want string
	}{
		{0, "0"}, {1, "1"}, {-2.5, "-2.5"}, {0.005, "0.005"}, {1048576, "1048576"},
		{1e-6, "0.000001"}, {1e-7, "1e-7"}, {1.5e21, "1.5e+21"}, {123456789012, "123456789012"},
		{0.30000000000000004, "0.30000000000000004"}, {math.Inf(1), "+Inf"}, {math.Inf(-1), "-Inf"}, {math.NaN(), "NaN"},
	} {
		if got := FormatFloat(c.f); got != c.want {
			t.Errorf("FormatFloat(%v) = %q, want %q", c.f, got, c.want)
		}
	}
}

// TestFormatFloatAsJSON: dashboards are JSON, whose numbers encoding/json writes; the text
// everywhere else must read the same, and read back exactly.
func TestFormatFloatAsJSON(t *testing.T) {
	for _, f := range []float64{0, 1, 0.05, 1e-6, 9.99e-7, 1e20, 1e21, 2.5e-300, 1.048576e6, -3.25, 1 << 53, 0.30000000000000004} {
		js, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		if got := FormatFloat(f); got != string(js) {
			t.Errorf("FormatFloat(%v) = %q, JSON writes %s", f, got, js)
		}
		if back, err := strconv.ParseFloat(FormatFloat(f), 64); err != nil || back != f {
			t.Errorf("FormatFloat(%v) = %q reads back as %v, %v", f, FormatFloat(f), back, err)
		}
	}
}

func TestDisplayTitle(t *testing.T) {
	for _, c := range []struct {
		m    Metric
		want string
	}{
		{Metric{Title: "Checkout requests", Help: "x"}, "Checkout requests"},
		{Metric{Help: "HTTP requests served."}, "HTTP requests served"},
		{Metric{Help: "  connections   in use. Counted at scrape."}, "Connections in use"},
		{Metric{Help: "Time from the moment the request reaches the load balancer until the last byte leaves"}, "Time from the moment the request reaches the load balancer…"},
		{Metric{Key: "queue_depth"}, "Queue depth"},
	} {
		if got := c.m.DisplayTitle(); got != c.want {
			t.Errorf("DisplayTitle(%+v) = %q, want %q", c.m, got, c.want)
		}
	}
}

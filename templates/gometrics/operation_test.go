package gometrics

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

func TestOutcomeOf(t *testing.T) {
	wrapped := fmt.Errorf("call: %w", context.Canceled)
	for _, c := range []struct {
		err      error
		canceled bool
		want     operationOutcome
	}{
		{nil, true, operationSuccess},
		{errors.New("x"), true, operationError},
		{wrapped, true, operationCanceled},
		{wrapped, false, operationError}, // the label has no canceled value
		{context.DeadlineExceeded, true, operationError},
	} {
		if got := outcomeOf(c.err, c.canceled); got != c.want {
			t.Errorf("outcomeOf(%v, %v) = %v, want %v", c.err, c.canceled, got, c.want)
		}
	}
}

func TestRecovered(t *testing.T) {
	if _, ok := recovered(nil).(goexitError); !ok {
		t.Error("recovered(nil) is not a goexit")
	}
	err := recovered("boom")
	if err.Error() != "panic: boom" {
		t.Errorf("recovered(boom) = %v", err)
	}
	defer func() {
		if p := recover(); p != "boom" {
			t.Errorf("repanic panicked with %v, want the panic's value", p)
		}
	}()
	repanic(goexitError{}) // goes on
	repanic(err)
}

func TestExemplars(t *testing.T) {
	c := prometheus.NewCounter(prometheus.CounterOpts{Name: "c_total", Help: "h"})
	incWithExemplar(c, nil)
	incWithExemplar(c, prometheus.Labels{"trace_id": "abc"})
	d := write(t, c).GetCounter()
	if d.GetValue() != 2 || d.GetExemplar().GetLabel()[0].GetValue() != "abc" {
		t.Errorf("counter %v", d)
	}
	h := prometheus.NewHistogram(prometheus.HistogramOpts{Name: "h", Help: "h", Buckets: []float64{1}})
	observeWithExemplar(h, 0.5, prometheus.Labels{"trace_id": "abc"})
	observeWithExemplar(h, 2, nil)
	hd := write(t, h).GetHistogram()
	if hd.GetSampleCount() != 2 || hd.GetBucket()[0].GetExemplar().GetLabel()[0].GetValue() != "abc" {
		t.Errorf("histogram %v", hd)
	}
}

func TestRouteOf(t *testing.T) {
	for pattern, want := range map[string]string{
		"":                              "",
		"/":                             "/",
		"/orders/{id}":                  "/orders/{id}",
		"GET /orders/{id}":              "/orders/{id}",
		"POST example.com/orders/":      "/orders/",
		"example.com/x":                 "/x",
		"GET  /spaced":                  "/spaced",
		"DELETE api.example.com/{p...}": "/{p...}",
	} {
		if got := routeOf(pattern); got != want {
			t.Errorf("routeOf(%q) = %q, want %q", pattern, got, want)
		}
	}
}

func TestStatusText(t *testing.T) {
	for code := 100; code < 1000; code++ {
		if got, want := statusCodeText(code), fmt.Sprint(code); got != want {
			t.Fatalf("statusCodeText(%d) = %q", code, got)
		}
	}
	for code, want := range map[int]string{99: "", 100: "1xx", 204: "2xx", 308: "3xx", 499: "4xx", 599: "5xx", 600: ""} {
		if got := statusClassOf(code); got != want {
			t.Errorf("statusClassOf(%d) = %q, want %q", code, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { _ = statusCodeText(404) }); n != 0 && !raceEnabled {
		t.Errorf("statusCodeText(404) allocates %v times", n)
	}
}

func TestResponseRecorder(t *testing.T) {
	for _, c := range []struct {
		name  string
		serve func(w http.ResponseWriter)
		want  int
	}{
		{"nothing written", func(http.ResponseWriter) {}, 200},
		{"body only", func(w http.ResponseWriter) { w.Write([]byte("x")) }, 200},
		{"status", func(w http.ResponseWriter) { w.WriteHeader(404) }, 404},
		{"early hints, then the status", func(w http.ResponseWriter) { w.WriteHeader(103); w.WriteHeader(201) }, 201},
		{"a second status is ignored", func(w http.ResponseWriter) { w.WriteHeader(500); w.WriteHeader(200) }, 500},
		{"flush", func(w http.ResponseWriter) { w.(http.Flusher).Flush() }, 200},
	} {
		rec := &responseRecorder{ResponseWriter: httptest.NewRecorder()}
		c.serve(rec)
		if got := rec.code(); got != c.want {
			t.Errorf("%s: code %d, want %d", c.name, got, c.want)
		}
	}
	// Hijack reaches the writer under it; httptest's recorder cannot hijack.
	rec := &responseRecorder{ResponseWriter: httptest.NewRecorder()}
	if _, _, err := rec.Hijack(); err == nil {
		t.Error("Hijack of a writer that cannot hijack succeeded")
	}
}

func TestHTTPOutcomes(t *testing.T) {
	canceledCtx, cancel := context.WithCancel(context.Background())
	cancel()
	bg := context.Background()
	for _, c := range []struct {
		name string
		got  operationOutcome
		want operationOutcome
	}{
		{"server 200", serverOutcome(bg, 200, nil, true), operationSuccess},
		{"server 404", serverOutcome(bg, 404, nil, true), operationSuccess},
		{"server 503", serverOutcome(bg, 503, nil, true), operationError},
		{"server panic", serverOutcome(bg, 200, panicError{"x"}, true), operationError},
		{"server client gone", serverOutcome(canceledCtx, 200, nil, true), operationCanceled},
		{"server client gone, no canceled value", serverOutcome(canceledCtx, 503, nil, false), operationError},
		{"server abort, client gone", serverOutcome(canceledCtx, 200, panicError{http.ErrAbortHandler}, true), operationCanceled},
		{"server other panic, client gone", serverOutcome(canceledCtx, 200, panicError{"x"}, true), operationError},
		{"client 200", clientOutcome(&http.Response{StatusCode: 200}, nil, true), operationSuccess},
		{"client 404", clientOutcome(&http.Response{StatusCode: 404}, nil, true), operationError},
		{"client no response", clientOutcome(nil, errors.New("refused"), true), operationError},
		{"client canceled", clientOutcome(nil, fmt.Errorf("get: %w", context.Canceled), true), operationCanceled},
	} {
		if c.got != c.want {
			t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
		}
	}
}

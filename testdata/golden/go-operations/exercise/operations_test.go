package shopmetrics

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/embedded"
	"go.opentelemetry.io/otel/trace/noop"
)

// recorder is a TracerProvider that records the spans it starts, sampled, with made-up ids.
type recorder struct {
	embedded.TracerProvider
	mu    sync.Mutex
	spans []*span
	next  byte
}

func (r *recorder) Tracer(string, ...trace.TracerOption) trace.Tracer { return tracer{r: r} }

type tracer struct {
	embedded.Tracer
	r *recorder
}

func (t tracer) Start(ctx context.Context, name string, opts ...trace.SpanStartOption) (context.Context, trace.Span) {
	cfg := trace.NewSpanStartConfig(opts...)
	t.r.mu.Lock()
	defer t.r.mu.Unlock()
	t.r.next++
	parent := trace.SpanContextFromContext(ctx)
	tid := parent.TraceID()
	if !tid.IsValid() {
		tid = trace.TraceID{1, t.r.next}
	}
	s := &span{name: name, kind: cfg.SpanKind(), attrs: map[string]attribute.Value{}, parent: parent,
		sc: trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: trace.SpanID{2, t.r.next}, TraceFlags: trace.FlagsSampled})}
	for _, a := range cfg.Attributes() {
		s.attrs[string(a.Key)] = a.Value
	}
	t.r.spans = append(t.r.spans, s)
	return trace.ContextWithSpan(ctx, s), s
}

func (r *recorder) last(t *testing.T) *span {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.spans) == 0 {
		t.Fatal("no span")
	}
	return r.spans[len(r.spans)-1]
}

type span struct {
	embedded.Span
	name   string
	kind   trace.SpanKind
	attrs  map[string]attribute.Value
	parent trace.SpanContext
	sc     trace.SpanContext
	status codes.Code
	errs   []error
	ended  bool
}

func (s *span) End(...trace.SpanEndOption)                    { s.ended = true }
func (s *span) AddEvent(string, ...trace.EventOption)         {}
func (s *span) AddLink(trace.Link)                            {}
func (s *span) IsRecording() bool                             { return true }
func (s *span) RecordError(err error, _ ...trace.EventOption) { s.errs = append(s.errs, err) }
func (s *span) SpanContext() trace.SpanContext                { return s.sc }
func (s *span) SetStatus(c codes.Code, _ string)              { s.status = c }
func (s *span) SetName(n string)                              { s.name = n }
func (s *span) SetAttributes(kv ...attribute.KeyValue) {
	for _, a := range kv {
		s.attrs[string(a.Key)] = a.Value
	}
}
func (s *span) TracerProvider() trace.TracerProvider { return nil }

// metric returns the series of name with the given labels, nil when there is none.
func metric(t *testing.T, reg *prometheus.Registry, name string, labels map[string]string) *dto.Metric {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	next:
		for _, m := range mf.GetMetric() {
			got := map[string]string{}
			for _, lp := range m.GetLabel() {
				got[lp.GetName()] = lp.GetValue()
			}
			for k, v := range labels {
				if got[k] != v {
					continue next
				}
			}
			return m
		}
	}
	return nil
}

func counter(t *testing.T, reg *prometheus.Registry, name string, labels map[string]string) float64 {
	t.Helper()
	if m := metric(t, reg, name, labels); m != nil {
		return m.GetCounter().GetValue()
	}
	return 0
}

type apiError struct{ status, code string }

func (e *apiError) Error() string                  { return "api error " + e.status }
func (e *apiError) MetricLabels() (string, string) { return e.status, e.code }
func (e *apiError) LogValue() slog.Value {
	return slog.GroupValue(slog.String("email", "jane@example.com"))
}
func newTest(t *testing.T) (*Metrics, *prometheus.Registry, *recorder, *bytes.Buffer) {
	t.Helper()
	reg := prometheus.NewRegistry()
	rec := &recorder{}
	var logs bytes.Buffer
	m, err := New(reg, WithTracerProvider(rec), WithPropagator(propagation.TraceContext{}),
		WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	if err != nil {
		t.Fatal(err)
	}
	return m, reg, rec, &logs
}

func TestCallOperation(t *testing.T) {
	m, reg, rec, logs := newTest(t)
	ctx := context.Background()
	var inner trace.SpanContext
	if err := m.APICall(ctx, MethodPOST, EndpointEvents, func(ctx context.Context) error {
		inner = trace.SpanContextFromContext(ctx)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	s := rec.last(t)
	if s.name != "api.events" || s.kind != trace.SpanKindClient || !s.ended || s.status != codes.Unset {
		t.Errorf("span %q kind %v ended %v status %v", s.name, s.kind, s.ended, s.status)
	}
	if !inner.Equal(s.sc) {
		t.Error("fn's context does not carry the operation's span")
	}
	if s.attrs["peer.service"].AsString() != "example-api" || s.attrs["method"].AsString() != "POST" {
		t.Errorf("attributes %v", s.attrs)
	}
	if got := counter(t, reg, "shop_api_requests_total", map[string]string{"method": "POST", "endpoint": "events", "status": "success"}); got != 1 {
		t.Errorf("requests{success} = %v, want 1", got)
	}
	ex := metric(t, reg, "shop_api_requests_total", map[string]string{"method": "POST", "endpoint": "events", "status": "success"}).GetCounter().GetExemplar()
	if ex == nil || ex.GetLabel()[0].GetName() != "trace_id" || ex.GetLabel()[0].GetValue() != s.sc.TraceID().String() {
		t.Errorf("exemplar %v, want trace_id %s", ex, s.sc.TraceID())
	}
	h := metric(t, reg, "shop_api_duration_seconds", map[string]string{"method": "POST", "endpoint": "events"}).GetHistogram()
	if h.GetSampleCount() != 1 {
		t.Errorf("duration count %d", h.GetSampleCount())
	}
	if !strings.Contains(logs.String(), `"trace_id":"`+s.sc.TraceID().String()+`"`) || !strings.Contains(logs.String(), `"level":"DEBUG","msg":"API call"`) {
		t.Errorf("log %s", logs)
	}

	// An error that gives its labels, wrapped; its log value passes the redaction.
	logs.Reset()
	err := m.APICall(ctx, MethodGET, EndpointProfiles, func(context.Context) error {
		return errors.Join(errors.New("context"), &apiError{"429", "throttled"})
	})
	if err == nil {
		t.Fatal("the error was not returned")
	}
	if got := counter(t, reg, "shop_api_errors_total", map[string]string{"endpoint": "profiles", "status_code": "429", "error_code": "throttled"}); got != 1 {
		t.Errorf("errors{429, throttled} = %v, want 1", got)
	}
	if got := counter(t, reg, "shop_api_requests_total", map[string]string{"method": "GET", "endpoint": "profiles", "status": "error"}); got != 1 {
		t.Errorf("requests{error} = %v, want 1", got)
	}
	if s := rec.last(t); s.status != codes.Error || len(s.errs) != 1 {
		t.Errorf("failed span status %v errors %v", s.status, s.errs)
	}
	if !strings.Contains(logs.String(), `"level":"WARN"`) || !strings.Contains(logs.String(), `"status_code":"429"`) {
		t.Errorf("log %s", logs)
	}

	// Any other error gets the fallback; a canceled context, canceled.
	m.APICall(ctx, MethodGET, EndpointProfiles, func(context.Context) error { return io.EOF })
	if got := counter(t, reg, "shop_api_errors_total", map[string]string{"status_code": "unknown", "error_code": "unknown"}); got != 1 {
		t.Errorf("errors{unknown} = %v, want 1", got)
	}
	m.APICall(ctx, MethodGET, EndpointProfiles, func(context.Context) error { return context.Canceled })
	if got := counter(t, reg, "shop_api_requests_total", map[string]string{"method": "GET", "endpoint": "profiles", "status": "canceled"}); got != 1 {
		t.Errorf("requests{canceled} = %v, want 1", got)
	}
	if s := rec.last(t); s.status != codes.Unset {
		t.Errorf("a canceled call's span has status %v, want Unset", s.status)
	}
}

func TestCallOperationPanics(t *testing.T) {
	m, reg, rec, _ := newTest(t)
	defer func() {
		if p := recover(); p != "boom" {
			t.Fatalf("recovered %v, want the panic's own value", p)
		}
		if got := counter(t, reg, "shop_api_requests_total", map[string]string{"method": "GET", "endpoint": "events", "status": "error"}); got != 1 {
			t.Errorf("requests{error} after a panic = %v, want 1", got)
		}
		if s := rec.last(t); !s.ended || s.status != codes.Error || len(s.errs) != 1 || !strings.Contains(s.errs[0].Error(), "boom") {
			t.Errorf("span after a panic: ended %v status %v errors %v", s.ended, s.status, s.errs)
		}
	}()
	m.APICall(context.Background(), MethodGET, EndpointEvents, func(context.Context) error { panic("boom") })
}

func TestCallOperationNoAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	m := MustNew(prometheus.NewRegistry(), WithTracerProvider(noop.NewTracerProvider()), WithLogger(slog.New(slog.DiscardHandler)))
	ctx := context.Background()
	fn := func(context.Context) error { return nil }
	if n := testing.AllocsPerRun(200, func() { m.APICall(ctx, MethodPOST, EndpointEvents, fn) }); n != 0 {
		t.Errorf("%v allocations per successful call with a no-op tracer and logging off, want 0", n)
	}
}

func TestHTTPOperations(t *testing.T) {
	m, reg, rec, logs := newTest(t)
	mux := http.NewServeMux()
	mux.HandleFunc("POST /orders/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "bad" {
			http.Error(w, "no", http.StatusBadGateway)
			return
		}
		w.Write([]byte("ok"))
	})
	srv := httptest.NewServer(m.HTTPRequest(mux))
	defer srv.Close()

	client := &http.Client{Transport: m.Upstream(nil, "acme")}
	for _, id := range []string{"1", "bad"} {
		resp, err := client.Post(srv.URL+"/orders/"+id, "text/plain", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	resp, err := client.Get(srv.URL + "/nowhere")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	for _, c := range []struct {
		labels map[string]string
		want   float64
	}{
		{map[string]string{"route": "/orders/{id}", "method": "POST", "class": "2xx", "status": "success"}, 1},
		{map[string]string{"route": "/orders/{id}", "method": "POST", "class": "5xx", "status": "error"}, 1},
		{map[string]string{"route": "other", "method": "GET", "class": "4xx", "status": "success"}, 1},
	} {
		if got := counter(t, reg, "shop_http_requests_total", c.labels); got != c.want {
			t.Errorf("http_requests_total%v = %v, want %v", c.labels, got, c.want)
		}
	}
	for _, c := range []struct {
		labels map[string]string
		want   float64
	}{
		{map[string]string{"peer": "other", "method": "POST", "class": "2xx", "status": "success", "tenant": "acme"}, 1},
		{map[string]string{"peer": "other", "method": "POST", "class": "5xx", "status": "error", "tenant": "acme"}, 1},
		{map[string]string{"peer": "other", "method": "GET", "class": "4xx", "status": "error", "tenant": "acme"}, 1},
	} {
		if got := counter(t, reg, "shop_upstream_requests_total", c.labels); got != c.want {
			t.Errorf("upstream_requests_total%v = %v, want %v", c.labels, got, c.want)
		}
	}
	// Each server span is the child of the client span of its request.
	rec.mu.Lock()
	var servers, clients []*span
	for _, s := range rec.spans {
		switch s.kind {
		case trace.SpanKindServer:
			servers = append(servers, s)
		case trace.SpanKindClient:
			clients = append(clients, s)
		}
	}
	rec.mu.Unlock()
	if len(servers) != 3 || len(clients) != 3 {
		t.Fatalf("%d server and %d client spans, want 3 and 3", len(servers), len(clients))
	}
	for i, s := range servers {
		if s.parent.SpanID() != clients[i].sc.SpanID() || !s.parent.IsRemote() {
			t.Errorf("server span %q: parent %v, want the remote client span %v", s.name, s.parent.SpanID(), clients[i].sc.SpanID())
		}
	}
	if servers[0].name != "POST /orders/{id}" || servers[0].attrs["http.route"].AsString() != "/orders/{id}" || servers[0].attrs["http.response.status_code"].AsInt64() != 200 {
		t.Errorf("server span %q %v", servers[0].name, servers[0].attrs)
	}
	if servers[1].status != codes.Error || servers[1].attrs["error.type"].AsString() != "502" {
		t.Errorf("server span of a 502: status %v, attributes %v", servers[1].status, servers[1].attrs)
	}
	if clients[0].name != "POST" || clients[0].attrs["tenant"].AsString() != "acme" || clients[0].attrs["server.address"].AsString() != "127.0.0.1" {
		t.Errorf("client span %q %v", clients[0].name, clients[0].attrs)
	}
	if clients[2].status != codes.Error {
		t.Errorf("client span of a 404: status %v, want Error", clients[2].status)
	}
	if !strings.Contains(logs.String(), `"msg":"request served","operation":"http_request","http.request.method":"POST","http.route":"/orders/{id}"`) {
		t.Errorf("log %s", logs)
	}
}

func TestHTTPServerPanics(t *testing.T) {
	m, reg, _, _ := newTest(t)
	h := m.HTTPRequest(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) }))
	func() {
		defer func() {
			if p := recover(); p != http.ErrAbortHandler {
				t.Errorf("recovered %v", p)
			}
		}()
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/x", nil))
	}()
	if got := counter(t, reg, "shop_http_requests_total", map[string]string{"class": "5xx", "status": "error"}); got != 1 {
		t.Errorf("requests{5xx, error} after a panic = %v, want 1", got)
	}
	if got := metric(t, reg, "shop_http_in_flight_requests", map[string]string{"method": "GET"}).GetGauge().GetValue(); got != 0 {
		t.Errorf("in flight after a panic = %v, want 0", got)
	}
}

// series counts the series of name.
func series(t *testing.T, reg *prometheus.Registry, name string) int {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == name {
			return len(mf.GetMetric())
		}
	}
	return 0
}

// Operations follow the rules of the generated API: metrics of init: none have no series before
// an operation records one; an enum parameter out of its range is recorded as the label's other
// value, or panics before the operation starts; HTTP values fold to other with <Label>Of.
func TestOperationValues(t *testing.T) {
	m, reg, rec, _ := newTest(t)
	for _, name := range []string{"shop_api_requests_total", "shop_upstream_duration_seconds", "shop_http_in_flight_requests"} {
		if n := series(t, reg, name); n != 0 {
			t.Errorf("%s (init: none) has %d series before any operation", name, n)
		}
	}
	ctx := context.Background()
	if err := m.APICall(ctx, Method(200), EndpointEvents, func(context.Context) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if got := counter(t, reg, "shop_api_requests_total", map[string]string{"method": "other", "endpoint": "events", "status": "success"}); got != 1 {
		t.Errorf("requests{method=other} after Method(200) = %v, want 1", got)
	}
	if n := series(t, reg, "shop_api_requests_total"); n != 1 {
		t.Errorf("api_requests_total has %d series after one call, want 1 (init: none)", n)
	}
	if s := rec.last(t); s.attrs["method"].AsString() != "other" {
		t.Errorf("span attribute method = %q, want other", s.attrs["method"].AsString())
	}

	called := false
	func() {
		defer func() {
			err, _ := recover().(error)
			if err == nil || !strings.Contains(err.Error(), "label endpoint: Endpoint(7) is not one of its 2 values") {
				t.Errorf("APICall with Endpoint(7) recovered %v, want the label's range panic", err)
			}
		}()
		m.APICall(ctx, MethodGET, Endpoint(7), func(context.Context) error { called = true; return nil })
	}()
	if called {
		t.Error("fn ran although its endpoint is none of the constants")
	}
	if n := series(t, reg, "shop_api_requests_total"); n != 1 {
		t.Errorf("api_requests_total has %d series after the panic, want 1", n)
	}

	h := m.HTTPRequest(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("PATCH", "/x", nil))
	if got := counter(t, reg, "shop_http_requests_total", map[string]string{"route": "other", "method": "other", "class": "2xx", "status": "success"}); got != 1 {
		t.Errorf("http_requests_total{method=other} after a PATCH = %v, want 1", got)
	}

	rt := m.Upstream(roundTripper(func(*http.Request) (*http.Response, error) { return nil, errors.New("refused") }), "acme")
	if _, err := rt.RoundTrip(httptest.NewRequest("GET", "http://api.example.com/x", nil)); err == nil {
		t.Fatal("the transport's error was not returned")
	}
	if got := counter(t, reg, "shop_upstream_requests_total", map[string]string{"peer": "api.example.com", "method": "GET", "class": "other", "status": "error", "tenant": "acme"}); got != 1 {
		t.Errorf("upstream_requests_total without a response = %v, want 1 with class other", got)
	}
	if n := series(t, reg, "shop_upstream_duration_seconds"); n != 1 {
		t.Errorf("upstream_duration_seconds has %d series after a request, want 1", n)
	}
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// Command checkout is a small HTTP service that shows metricgen in a service repository: it is
// instrumented only through checkoutmetrics, the package generated from metrics.yaml, which
// records every request it serves (HTTPRequest, a middleware), every payment it charges
// (Charge, a call) and every request it sends to the payments service (PaymentsAPI, a
// RoundTripper): metrics with exemplars, OpenTelemetry spans and one log record each, through
// the generated redaction.
//
// The same binary is the payments service it calls (-role payments), so that a trace goes from
// one process to the other.
//
//	POST /checkout     place an order: {"email": ..., "card_number": ..., "amount_cents": ...}
//	POST /charge       (payments) charge an amount; declines error_rate of the charges
//	GET  /metrics      Prometheus exposition (OpenMetrics, with exemplars)
//	GET  /debug/spans  the spans recorded lately, as JSON (an in-memory exporter stands in for
//	                   a tracing backend)
//	     /admin/fault  ?error_rate=0..1&delay=200ms: fail that share of charges (payments), slow
//	                   every request down
//
// The listen address comes from -listen or CHECKOUT_LISTEN (default 127.0.0.1:8080; port 0 picks
// a free port, logged at start); checkout calls the payments service at -payments.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"example.com/checkout/checkoutmetrics"
)

func main() {
	listen := flag.String("listen", envOr("CHECKOUT_LISTEN", "127.0.0.1:8080"), "address to listen on (env CHECKOUT_LISTEN)")
	role := flag.String("role", "checkout", "checkout, or payments: the service checkout calls")
	payments := flag.String("payments", envOr("CHECKOUT_PAYMENTS", "http://127.0.0.1:8081"), "base URL of the payments service (env CHECKOUT_PAYMENTS)")
	flag.Parse()

	// Every attribute, at any group depth, passes the spec's logging.redact rules.
	log := slog.New(checkoutmetrics.NewRedactingHandler(slog.NewJSONHandler(os.Stderr, nil))).With("service", *role)
	if err := run(*listen, *role, strings.TrimSuffix(*payments, "/"), log); err != nil {
		log.Error("stopped", "err", err)
		os.Exit(1)
	}
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func run(listen, role, payments string, log *slog.Logger) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// Spans go to an in-memory recorder that /debug/spans serves: a real service would export
	// them (OTLP) instead. Every span is sampled.
	spans := &spanRecorder{max: 20000}
	tp := sdktrace.NewTracerProvider(
		sdktrace.WithSpanProcessor(spans),
		sdktrace.WithResource(resource.NewSchemaless(attribute.String("service.name", role))),
	)
	defer tp.Shutdown(context.Background())

	// The metrics, with the operations' tracing and logging, and the handler of GET /metrics:
	// backend_prometheus.go or, built with -tags otel after setting go.backend: otel in
	// metrics.yaml, backend_otel.go.
	m, metricsHandler, shutdownMetrics, err := newMetrics(
		checkoutmetrics.WithTracerProvider(tp),
		checkoutmetrics.WithPropagator(propagation.TraceContext{}),
		checkoutmetrics.WithLogger(log))
	if err != nil {
		return err
	}
	defer shutdownMetrics(context.Background())
	s := &server{log: log, m: m, payments: payments, client: &http.Client{Transport: m.PaymentsAPI(nil), Timeout: 10 * time.Second}}
	// Values read when Prometheus scrapes: the injected fault, and the connections by state.
	s.m.InjectedErrorRatio.Observe(func() float64 { return math.Float64frombits(s.errorRate.Load()) })
	conns := newConnStates(s.m)

	mux := http.NewServeMux()
	switch role {
	case "checkout":
		mux.HandleFunc("POST /checkout", s.checkout)
	case "payments":
		mux.HandleFunc("POST /charge", s.charge)
	default:
		return fmt.Errorf("-role %q: want checkout or payments", role)
	}
	mux.HandleFunc("/admin/fault", s.fault)
	mux.Handle("GET /metrics", metricsHandler)
	mux.Handle("GET /debug/spans", spans)

	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return err
	}
	// The whole mux is one operation per request: the route is the pattern that matched.
	srv := &http.Server{Handler: m.HTTPRequest(mux), ReadHeaderTimeout: 5 * time.Second, ConnState: conns.track}
	log.Info("listening", "addr", ln.Addr().String())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

type server struct {
	log      *slog.Logger
	m        *checkoutmetrics.Metrics
	payments string
	client   *http.Client

	errorRate atomic.Uint64 // math.Float64bits of the share of charges that fail
	delay     atomic.Int64  // time.Duration added to every request
}

// connStates counts the server's connections by state (http.Server's ConnState hook), for the
// gauge http_connections, which reads the counts when Prometheus scrapes.
type connStates struct {
	mu    sync.Mutex
	state map[net.Conn]checkoutmetrics.ConnState
	count map[checkoutmetrics.ConnState]int
}

func newConnStates(m *checkoutmetrics.Metrics) *connStates {
	c := &connStates{state: map[net.Conn]checkoutmetrics.ConnState{}, count: map[checkoutmetrics.ConnState]int{}}
	for _, st := range checkoutmetrics.ConnStateValues() {
		m.HTTPConnections.Observe(func() float64 {
			c.mu.Lock()
			defer c.mu.Unlock()
			return float64(c.count[st])
		}, st)
	}
	return c
}

// track moves conn to its new state; hijacked and closed connections are no longer counted
// (ParseConnState knows only the spec's values: new, active, idle).
func (c *connStates) track(conn net.Conn, state http.ConnState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.state[conn]; ok {
		c.count[old]--
		delete(c.state, conn)
	}
	if st, ok := checkoutmetrics.ParseConnState(state.String()); ok {
		c.state[conn] = st
		c.count[st]++
	}
}

type order struct {
	Email       string `json:"email"`
	CardNumber  string `json:"card_number"`
	AmountCents int64  `json:"amount_cents"`
}

// paymentError is a failed payment. It gives the reason label of checkout_payment_errors_total
// (MetricLabels), and logs what happened with the customer's email, which the generated
// redaction masks wherever it is logged (LogValue).
type paymentError struct {
	reason checkoutmetrics.Reason
	status int
	email  string
}

func (e *paymentError) Error() string { return "payment failed: " + e.reason.String() }

func (e *paymentError) MetricLabels() checkoutmetrics.Reason { return e.reason }

func (e *paymentError) LogValue() slog.Value {
	return slog.GroupValue(slog.String("reason", e.reason.String()), slog.Int("status", e.status), slog.String("email", e.email))
}

func (s *server) checkout(w http.ResponseWriter, r *http.Request) {
	var o order
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&o); err != nil || o.Email == "" || o.AmountCents <= 0 {
		http.Error(w, "want JSON {email, card_number, amount_cents > 0}", http.StatusBadRequest)
		return
	}
	if !s.wait(r.Context()) {
		return
	}
	err := s.m.Charge(r.Context(), checkoutmetrics.ProviderCard, func(ctx context.Context) error { return s.pay(ctx, o) })
	// The email and the card number are logged on purpose: the redacting handler masks the
	// first and replaces the second, whatever group they are in.
	customer := slog.Group("customer", "email", o.Email, "card_number", o.CardNumber)
	if err != nil {
		s.log.ErrorContext(r.Context(), "payment failed", customer, "amount_cents", o.AmountCents, "err", err)
		http.Error(w, "payment failed", http.StatusInternalServerError)
		return
	}
	id := fmt.Sprintf("ord_%016x", rand.Uint64())
	s.log.InfoContext(r.Context(), "order placed", customer, "amount_cents", o.AmountCents, "order_id", id)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]string{"order_id": id})
}

// pay charges o with the payments service, through the client whose transport is the
// generated PaymentsAPI.
func (s *server) pay(ctx context.Context, o order) error {
	body, _ := json.Marshal(map[string]any{"amount_cents": o.AmountCents})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.payments+"/charge", strings.NewReader(string(body)))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.client.Do(req)
	if err != nil {
		return &paymentError{reason: checkoutmetrics.ReasonUnavailable, email: o.Email}
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		return nil
	}
	var answer struct {
		Reason string `json:"reason"`
	}
	json.NewDecoder(resp.Body).Decode(&answer)
	reason := checkoutmetrics.ReasonUnknown
	if answer.Reason == checkoutmetrics.ReasonDeclined.String() {
		reason = checkoutmetrics.ReasonDeclined
	}
	return &paymentError{reason: reason, status: resp.StatusCode, email: o.Email}
}

// charge is the payments service: it declines error_rate of the charges.
func (s *server) charge(w http.ResponseWriter, r *http.Request) {
	if !s.wait(r.Context()) {
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if rand.Float64() < math.Float64frombits(s.errorRate.Load()) {
		w.WriteHeader(http.StatusPaymentRequired)
		json.NewEncoder(w).Encode(map[string]string{"reason": "declined"})
		return
	}
	json.NewEncoder(w).Encode(map[string]string{"charge_id": fmt.Sprintf("ch_%016x", rand.Uint64())})
}

// wait applies the injected delay; it reports false when the request went away meanwhile.
func (s *server) wait(ctx context.Context) bool {
	d := time.Duration(s.delay.Load())
	if d <= 0 {
		return true
	}
	select {
	case <-time.After(d):
		return true
	case <-ctx.Done():
		return false
	}
}

// fault sets the injected faults: error_rate (0 to 1) and delay (a Go duration); parameters
// left out keep their value. It answers with the settings in effect.
func (s *server) fault(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if v := q.Get("error_rate"); v != "" {
		rate, err := strconv.ParseFloat(v, 64)
		if err != nil || rate < 0 || rate > 1 {
			http.Error(w, "error_rate: want a number from 0 to 1", http.StatusBadRequest)
			return
		}
		s.errorRate.Store(math.Float64bits(rate))
	}
	if v := q.Get("delay"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			http.Error(w, "delay: want a non-negative Go duration such as 200ms", http.StatusBadRequest)
			return
		}
		s.delay.Store(int64(d))
	}
	rate, delay := math.Float64frombits(s.errorRate.Load()), time.Duration(s.delay.Load())
	s.log.Warn("faults set", "error_rate", rate, "delay", delay.String())
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"error_rate": rate, "delay": delay.String()})
}

// spanRecorder keeps the last max spans that ended, and serves them as JSON.
type spanRecorder struct {
	max   int
	mu    sync.Mutex
	spans []spanJSON
}

// spanJSON is what /debug/spans says of a span.
type spanJSON struct {
	Name       string            `json:"name"`
	Kind       string            `json:"kind"`
	TraceID    string            `json:"trace_id"`
	SpanID     string            `json:"span_id"`
	ParentID   string            `json:"parent_span_id,omitempty"`
	Remote     bool              `json:"parent_remote,omitempty"`
	Status     string            `json:"status"`
	Attributes map[string]string `json:"attributes"`
}

func (r *spanRecorder) OnStart(context.Context, sdktrace.ReadWriteSpan) {}

func (r *spanRecorder) OnEnd(s sdktrace.ReadOnlySpan) {
	j := spanJSON{Name: s.Name(), Kind: s.SpanKind().String(), TraceID: s.SpanContext().TraceID().String(),
		SpanID: s.SpanContext().SpanID().String(), Status: s.Status().Code.String(), Attributes: map[string]string{}}
	if p := s.Parent(); p.IsValid() {
		j.ParentID, j.Remote = p.SpanID().String(), p.IsRemote()
	}
	for _, a := range s.Attributes() {
		j.Attributes[string(a.Key)] = a.Value.Emit()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.spans) == r.max {
		r.spans = append(r.spans[:0], r.spans[r.max/2:]...)
	}
	r.spans = append(r.spans, j)
}

func (r *spanRecorder) Shutdown(context.Context) error   { return nil }
func (r *spanRecorder) ForceFlush(context.Context) error { return nil }

func (r *spanRecorder) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	r.mu.Lock()
	body, err := json.Marshal(r.spans)
	r.mu.Unlock()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

// Command checkout is a small HTTP service that shows metricgen in a service repository: it is
// instrumented only through checkoutmetrics, the package generated from metrics.yaml, and logs
// through the generated redacting slog handler.
//
//	POST /checkout     place an order: {"email": ..., "card_number": ..., "amount_cents": ...}
//	GET  /metrics      Prometheus exposition
//	     /admin/fault  ?error_rate=0..1&delay=200ms: fail that share of checkouts, slow all down
//
// The listen address comes from -listen or CHECKOUT_LISTEN (default 127.0.0.1:8080; port 0 picks
// a free port, logged at start).
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
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"example.com/checkout/checkoutmetrics"
)

func main() {
	listen := flag.String("listen", envOr("CHECKOUT_LISTEN", "127.0.0.1:8080"), "address to listen on (env CHECKOUT_LISTEN)")
	flag.Parse()

	// Every attribute, at any group depth, passes the spec's logging.redact rules.
	log := slog.New(checkoutmetrics.NewRedactingHandler(slog.NewJSONHandler(os.Stderr, nil)))
	if err := run(*listen, log); err != nil {
		log.Error("checkout stopped", "err", err)
		os.Exit(1)
	}
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func run(listen string, log *slog.Logger) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// The metrics, and the handler of GET /metrics: backend_prometheus.go or, built with
	// -tags otel after setting go.backend: otel in metrics.yaml, backend_otel.go.
	m, metricsHandler, shutdownMetrics, err := newMetrics()
	if err != nil {
		return err
	}
	defer shutdownMetrics(context.Background())
	s := &server{log: log, m: m}
	// Values read when Prometheus scrapes: the injected fault, and the connections by state.
	s.m.InjectedErrorRatio.Observe(func() float64 { return math.Float64frombits(s.errorRate.Load()) })
	conns := newConnStates(s.m)

	mux := http.NewServeMux()
	mux.Handle("POST /checkout", s.instrument(checkoutmetrics.RouteCheckout, http.HandlerFunc(s.checkout)))
	mux.Handle("/admin/fault", s.instrument(checkoutmetrics.RouteAdmin, http.HandlerFunc(s.fault)))
	mux.Handle("GET /metrics", metricsHandler)
	mux.Handle("/", s.instrument(checkoutmetrics.RouteOther, http.NotFoundHandler()))

	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ConnState: conns.track}
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
	log *slog.Logger
	m   *checkoutmetrics.Metrics

	errorRate atomic.Uint64 // math.Float64bits of the share of checkouts that fail
	delay     atomic.Int64  // time.Duration added to every checkout
}

// instrument counts and times every request to h under route.
func (s *server) instrument(route checkoutmetrics.Route, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.m.InFlightRequests.Inc()
		defer s.m.InFlightRequests.Dec()
		method := checkoutmetrics.MethodOf(r.Method) // GET, POST, or other
		timer := s.m.RequestDurationSeconds.Start(route, method)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		timer.ObserveDuration()

		status := checkoutmetrics.StatusOk
		switch {
		case rec.status >= 500:
			status = checkoutmetrics.StatusServerError
			s.m.ErrorsTotal.Inc(route)
		case rec.status >= 400:
			status = checkoutmetrics.StatusClientError
		}
		s.m.RequestsTotal.Inc(route, method, status)
	})
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

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

type order struct {
	Email       string `json:"email"`
	CardNumber  string `json:"card_number"`
	AmountCents int64  `json:"amount_cents"`
}

func (s *server) checkout(w http.ResponseWriter, r *http.Request) {
	var o order
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&o); err != nil || o.Email == "" || o.AmountCents <= 0 {
		http.Error(w, "want JSON {email, card_number, amount_cents > 0}", http.StatusBadRequest)
		return
	}
	if d := time.Duration(s.delay.Load()); d > 0 {
		select {
		case <-time.After(d):
		case <-r.Context().Done():
			return
		}
	}
	// The email and the card number are logged on purpose: the redacting handler masks the
	// first and replaces the second, whatever group they are in.
	customer := slog.Group("customer", "email", o.Email, "card_number", o.CardNumber)
	if rand.Float64() < math.Float64frombits(s.errorRate.Load()) {
		s.log.ErrorContext(r.Context(), "payment failed", customer, "amount_cents", o.AmountCents, "err", "injected fault")
		http.Error(w, "payment failed", http.StatusInternalServerError)
		return
	}
	id := fmt.Sprintf("ord_%016x", rand.Uint64())
	s.log.InfoContext(r.Context(), "order placed", customer, "amount_cents", o.AmountCents, "order_id", id)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]string{"order_id": id})
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

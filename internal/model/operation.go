package model

import "github.com/metricgen/metricgen/internal/diag"

// OperationKind is what an operation wraps.
type OperationKind string

const (
	// CallOperation wraps a function: m.Op(ctx, params..., fn func(context.Context) error) error.
	CallOperation OperationKind = "call"
	// HTTPServerOperation wraps an http.Handler: m.Op(next, params...) http.Handler.
	HTTPServerOperation OperationKind = "http_server"
	// HTTPClientOperation wraps an http.RoundTripper: m.Op(next, params...) http.RoundTripper.
	HTTPClientOperation OperationKind = "http_client"
)

// HTTP reports whether the operation is an HTTP middleware or transport.
func (k OperationKind) HTTP() bool { return k == HTTPServerOperation || k == HTTPClientOperation }

// The values of an outcome label, as the generated code sets them.
const (
	OutcomeSuccess  = "success"
	OutcomeError    = "error"
	OutcomeCanceled = "canceled"
)

// OtherValue is the value an HTTP operation records in a free-form route label for a request
// no ServeMux pattern matched, and the value suggested for an enum label's other: (an enum
// label an HTTP operation fills records its Label.Other for every value it does not list).
const OtherValue = "other"

// Operation is an instrumented unit of work (operations:): the generated method records its
// metrics, its span and its log record.
type Operation struct {
	Key    string // spec key, snake_case
	GoName string // Go case of Key: the method of Metrics
	Help   string
	Kind   OperationKind
	Pos    diag.Pos // of its key under operations

	// Params are the operation's parameters (labels:), in order.
	Params []*Label

	// The metrics it records; each may be nil.
	Requests *Metric // counter, once per operation
	Duration *Metric // histogram of seconds
	Errors   *Metric // counter, once per failed operation
	InFlight *Metric // gauge of the operations running

	// Outcome is the enum label the operation sets to success, error or canceled; nil when
	// none of its metrics has one. Canceled reports whether it declares canceled.
	Outcome *Label

	// ErrorLabels are the labels of Errors that come from the error (call operations): the
	// results of <GoName>ErrorLabels.MetricLabels, in Errors' label order. ErrorFallback is
	// their value when the error does not give them; for HTTP client operations it is also
	// the status of a request without a response.
	ErrorLabels   []*Label
	ErrorFallback string

	HTTP OperationHTTP

	Span *OperationSpan // nil: no span
	Log  *OperationLog  // nil: no log record
}

// Canceled reports whether the outcome label has the canceled value.
func (o *Operation) Canceled() bool {
	return o.Outcome != nil && o.Outcome.HasValue(OutcomeCanceled)
}

// Metrics returns the metrics the operation records, each once, in the order requests,
// duration, errors, in_flight.
func (o *Operation) Metrics() []*Metric {
	var ms []*Metric
	for _, m := range []*Metric{o.Requests, o.Duration, o.Errors, o.InFlight} {
		if m != nil {
			ms = append(ms, m)
		}
	}
	return ms
}

// OperationHTTP are the labels an HTTP operation fills from the request and the response; nil
// when not used.
type OperationHTTP struct {
	Route       *Label // http_server: the route of the ServeMux pattern
	Method      *Label // enum with an "other" value
	StatusCode  *Label
	StatusClass *Label
	Server      *Label // http_client: the host of the request URL
}

// OperationSpan is the span of an operation.
type OperationSpan struct {
	// Name is the span name (call operations); its parts alternate between literal text
	// (even indexes) and parameters (odd indexes, in NameParams). Empty for HTTP operations,
	// whose names follow the semantic conventions.
	Name       string
	NameParts  []string
	NameParams []*Label
	Kind       string // internal, server, client, producer or consumer
	Attributes []KV   // constant attributes, sorted by key
	Params     []*Label
}

// OperationLog is the log record of an operation. A level is "debug", "info", "warn",
// "error" or "off" (no record).
type OperationLog struct {
	Message  string
	Success  string
	Error    string
	Canceled string
}

// HasValue reports whether the enum label l has the value v.
func (l *Label) HasValue(v string) bool {
	for _, x := range l.Values {
		if x.Value == v {
			return true
		}
	}
	return false
}

// Operation returns the operation with the given key, or nil.
func (s *Spec) Operation(key string) *Operation {
	for _, o := range s.Operations {
		if o.Key == key {
			return o
		}
	}
	return nil
}

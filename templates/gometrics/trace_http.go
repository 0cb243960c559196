//go:build ignore

// The spans of the HTTP operations, copied only into packages whose spec declares one (see
// trace.go).

package gometrics

import (
	"net"
	"net/http"
	"strconv"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// The attribute keys of the HTTP semantic conventions the operations set.
const (
	httpMethodKey         = attribute.Key("http.request.method")
	httpMethodOriginalKey = attribute.Key("http.request.method_original")
	httpRouteKey          = attribute.Key("http.route")
	httpStatusCodeKey     = attribute.Key("http.response.status_code")
	serverAddressKey      = attribute.Key("server.address")
	serverPortKey         = attribute.Key("server.port")
	urlSchemeKey          = attribute.Key("url.scheme")
)

// methodAttrs returns the attributes of a request's method: the method, or "_OTHER" and the
// method as sent when it is not a known one.
func methodAttrs(attrs []attribute.KeyValue, method string) []attribute.KeyValue {
	if knownMethod(method) {
		return append(attrs, httpMethodKey.String(method))
	}
	return append(attrs, httpMethodKey.String("_OTHER"), httpMethodOriginalKey.String(method))
}

// spanMethod is the method in a span name: "HTTP" for one that is not a known one.
func spanMethod(method string) string {
	if knownMethod(method) {
		return method
	}
	return "HTTP"
}

// hostPort splits a Host header or URL host into the address and the port (0 when absent).
func hostPort(hp string) (string, int) {
	host, port, err := net.SplitHostPort(hp)
	if err != nil {
		return hp, 0
	}
	p, _ := strconv.Atoi(port)
	return host, p
}

// startServerSpan starts the span of an inbound request, a child of the trace context its
// headers carry, and returns the request with the span's context.
func startServerSpan(t tracing, r *http.Request, attrs ...attribute.KeyValue) (*http.Request, trace.Span) {
	ctx := t.propagator.Extract(r.Context(), propagation.HeaderCarrier(r.Header))
	attrs = methodAttrs(attrs, r.Method)
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	attrs = append(attrs, urlSchemeKey.String(scheme))
	if host, port := hostPort(r.Host); host != "" {
		attrs = append(attrs, serverAddressKey.String(host))
		if port > 0 {
			attrs = append(attrs, serverPortKey.Int(port))
		}
	}
	ctx, span := t.tracer.Start(ctx, spanMethod(r.Method), trace.WithSpanKind(trace.SpanKindServer), trace.WithAttributes(attrs...))
	return r.WithContext(ctx), span
}

// endServerSpan ends the span of an inbound request: named after the method and the route
// (the semantic conventions' "GET /orders/{id}"), with the status code, Error for a 5xx
// response or a panic.
func endServerSpan(span trace.Span, method, route string, code int, err error, outcome operationOutcome) {
	if route != "" {
		span.SetName(spanMethod(method) + " " + route)
		span.SetAttributes(httpRouteKey.String(route))
	}
	span.SetAttributes(httpStatusCodeKey.Int(code))
	if err == nil && code >= 500 {
		span.SetAttributes(errorTypeKey.String(strconv.Itoa(code)))
	}
	if err != nil {
		endSpan(span, err, outcome, err.Error())
		return
	}
	if outcome == operationError {
		span.SetStatus(codes.Error, "")
	}
	span.End()
}

// startClientSpan starts the span of an outbound request and returns a copy of the request
// with the span's context, carrying it in its headers for the server.
func startClientSpan(t tracing, req *http.Request, attrs ...attribute.KeyValue) (*http.Request, trace.Span) {
	attrs = methodAttrs(attrs, req.Method)
	host, port := hostPort(req.URL.Host)
	if port == 0 {
		port = map[string]int{"http": 80, "https": 443}[req.URL.Scheme]
	}
	attrs = append(attrs, serverAddressKey.String(host), urlSchemeKey.String(req.URL.Scheme))
	if port > 0 {
		attrs = append(attrs, serverPortKey.Int(port))
	}
	ctx, span := t.tracer.Start(req.Context(), spanMethod(req.Method), trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(attrs...))
	req = req.Clone(ctx) // a RoundTripper must not change the request it is given
	t.propagator.Inject(ctx, propagation.HeaderCarrier(req.Header))
	return req, span
}

// endClientSpan ends the span of an outbound request: the status code of the response, Error
// for a 4xx or 5xx response or no response.
func endClientSpan(span trace.Span, resp *http.Response, err error, outcome operationOutcome) {
	if resp != nil {
		span.SetAttributes(httpStatusCodeKey.Int(resp.StatusCode))
	}
	if err != nil {
		endSpan(span, err, outcome, err.Error())
		return
	}
	if resp != nil && resp.StatusCode >= 400 {
		span.SetAttributes(errorTypeKey.String(strconv.Itoa(resp.StatusCode)))
	}
	if outcome == operationError {
		span.SetStatus(codes.Error, "")
	}
	span.End()
}

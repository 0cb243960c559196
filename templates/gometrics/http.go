package gometrics

import (
	"bufio"
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
)

// responseRecorder is the http.ResponseWriter an HTTP server operation gives its handler: it
// remembers the status code written. Flush and Hijack reach the writer it wraps through
// http.ResponseController (Unwrap), so streaming and WebSocket handlers keep working.
type responseRecorder struct {
	http.ResponseWriter
	status int // 0 until the header is written
}

func (w *responseRecorder) WriteHeader(code int) {
	if w.status == 0 && (code >= 200 || code == http.StatusSwitchingProtocols) {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *responseRecorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Flush sends any buffered data to the client, when the wrapped writer can.
func (w *responseRecorder) Flush() {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	_ = http.NewResponseController(w.ResponseWriter).Flush()
}

// Hijack lets the handler take over the connection, when the wrapped writer can.
func (w *responseRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, rw, err := http.NewResponseController(w.ResponseWriter).Hijack()
	if err == nil && w.status == 0 {
		w.status = http.StatusSwitchingProtocols
	}
	return conn, rw, err
}

// Unwrap returns the wrapped writer, for http.ResponseController.
func (w *responseRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// code returns the status the handler answered with: 200 when it wrote nothing.
func (w *responseRecorder) code() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}

// routeOf returns the route of an http.ServeMux pattern: its path, without the method and the
// host ("GET example.com/orders/{id}" → "/orders/{id}"); "" for no pattern.
func routeOf(pattern string) string {
	if i := strings.IndexAny(pattern, " \t"); i >= 0 {
		pattern = strings.TrimLeft(pattern[i:], " \t")
	}
	if i := strings.IndexByte(pattern, '/'); i > 0 {
		pattern = pattern[i:]
	}
	return pattern
}

// statusClassOf returns the class of a status code: "1xx" to "5xx", "" for a code outside
// 100 to 599.
func statusClassOf(code int) string {
	switch {
	case code < 100 || code > 599:
		return ""
	case code < 200:
		return "1xx"
	case code < 300:
		return "2xx"
	case code < 400:
		return "3xx"
	case code < 500:
		return "4xx"
	}
	return "5xx"
}

// statusCodeText returns code in decimal, without allocating for the codes servers commonly
// answer with.
func statusCodeText(code int) string {
	switch code {
	case 200:
		return "200"
	case 201:
		return "201"
	case 202:
		return "202"
	case 204:
		return "204"
	case 206:
		return "206"
	case 301:
		return "301"
	case 302:
		return "302"
	case 303:
		return "303"
	case 304:
		return "304"
	case 307:
		return "307"
	case 308:
		return "308"
	case 400:
		return "400"
	case 401:
		return "401"
	case 403:
		return "403"
	case 404:
		return "404"
	case 405:
		return "405"
	case 408:
		return "408"
	case 409:
		return "409"
	case 410:
		return "410"
	case 412:
		return "412"
	case 413:
		return "413"
	case 415:
		return "415"
	case 422:
		return "422"
	case 429:
		return "429"
	case 499:
		return "499"
	case 500:
		return "500"
	case 501:
		return "501"
	case 502:
		return "502"
	case 503:
		return "503"
	case 504:
		return "504"
	}
	return strconv.Itoa(code)
}

// knownMethod reports whether m is one of the methods of RFC 9110 and RFC 5789 (PATCH), which
// the semantic conventions record as they are; any other is recorded as "_OTHER".
func knownMethod(m string) bool {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodConnect, http.MethodOptions, http.MethodTrace:
		return true
	}
	return false
}

// serverOutcome returns how an HTTP server operation ended: canceled when the client went away
// (the request's context is canceled) and the outcome label has a canceled value, unless the
// handler panicked for another reason than http.ErrAbortHandler; error for a panic or a 5xx
// response; else success.
func serverOutcome(ctx context.Context, code int, err error, canceled bool) operationOutcome {
	aborted := err == nil
	if p, ok := err.(panicError); ok && p.value == http.ErrAbortHandler {
		aborted = true
	}
	switch {
	case canceled && aborted && errors.Is(ctx.Err(), context.Canceled):
		return operationCanceled
	case err != nil || code >= 500:
		return operationError
	}
	return operationSuccess
}

// clientOutcome returns how an HTTP client operation ended: canceled when the request failed
// because its context was canceled and the outcome label has a canceled value; error for any
// other failure and for a 4xx or 5xx response; else success.
func clientOutcome(resp *http.Response, err error, canceled bool) operationOutcome {
	switch {
	case err != nil && canceled && errors.Is(err, context.Canceled):
		return operationCanceled
	case err != nil || resp == nil || resp.StatusCode >= 400:
		return operationError
	}
	return operationSuccess
}

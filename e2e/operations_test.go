//go:build e2e

package e2e

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// listening returns the address a process of the example logged it listens on.
func listening(t *testing.T, p *process) string {
	t.Helper()
	var addr string
	if !poll(15*time.Second, 100*time.Millisecond, func() bool {
		m := regexp.MustCompile(`"msg":"listening","service":"[a-z]+","addr":"([^"]+)"`).FindStringSubmatch(p.output())
		if m != nil {
			addr = m[1]
		}
		return m != nil
	}) {
		t.Fatalf("%s did not log its listening address within 15s:\n%s", p.name, tail(p.output(), 5))
	}
	return addr
}

// span is what the example's /debug/spans says of a span the OpenTelemetry SDK recorded.
type span struct {
	Name       string            `json:"name"`
	Kind       string            `json:"kind"`
	TraceID    string            `json:"trace_id"`
	SpanID     string            `json:"span_id"`
	ParentID   string            `json:"parent_span_id"`
	Remote     bool              `json:"parent_remote"`
	Status     string            `json:"status"`
	Attributes map[string]string `json:"attributes"`
}

func spans(t *testing.T, base string) []span {
	t.Helper()
	var ss []span
	if err := getJSON(base+"/debug/spans", &ss); err != nil {
		t.Fatal(err)
	}
	return ss
}

// checkOperations checks what the generated operations recorded for the checkouts so far:
//
//   - the spans of one checkout, across both processes: the server span of the request
//     (HTTPRequest), its child of the payment (Charge), its child of the request to the
//     payments service (PaymentsAPI, a client span), and the payments service's server span,
//     a child of that client span through the traceparent header;
//   - the exemplars Prometheus stored for the request duration: trace_ids of recorded spans;
//   - the service's log line of such a request: the same trace_id, and no personal data.
func checkOperations(t *testing.T, promURL, svcURL, payURL string, svc *process) {
	t.Helper()
	byID := map[string]span{}
	var checkouts []span
	for _, s := range spans(t, svcURL) {
		byID[s.SpanID] = s
		if s.Name == "POST /checkout" {
			checkouts = append(checkouts, s)
		}
	}
	payments := map[string]span{} // by parent span id
	for _, s := range spans(t, payURL) {
		if s.Name == "POST /charge" {
			payments[s.ParentID] = s
		}
	}
	if len(checkouts) == 0 {
		t.Fatal(`the service recorded no span "POST /checkout"`)
	}
	traced := map[string]bool{} // trace ids of complete checkouts
	for _, server := range checkouts {
		var charge, client span
		for _, s := range byID {
			if s.ParentID == server.SpanID && s.Name == "charge card" {
				charge = s
			}
		}
		for _, s := range byID {
			if charge.SpanID != "" && s.ParentID == charge.SpanID && s.Kind == "client" {
				client = s
			}
		}
		remote, ok := payments[client.SpanID]
		if client.SpanID == "" || !ok {
			continue // the request is still running, or its spans were not all recorded yet
		}
		want := []struct {
			what string
			s    span
			kind string
		}{{"the request", server, "server"}, {"the payment", charge, "internal"}, {"the call to payments", client, "client"}, {"the payments service's request", remote, "server"}}
		for _, w := range want {
			if w.s.Kind != w.kind || w.s.TraceID != server.TraceID {
				t.Errorf("span of %s %q: kind %s, trace %s; want kind %s in trace %s", w.what, w.s.Name, w.s.Kind, w.s.TraceID, w.kind, server.TraceID)
			}
		}
		if !remote.Remote {
			t.Errorf("the payments service's span %s has a local parent, want the remote client span", remote.SpanID)
		}
		for k, v := range map[string]string{"http.request.method": "POST", "http.route": "/checkout", "http.response.status_code": "200", "server.address": "127.0.0.1"} {
			if server.Attributes[k] != v && server.Status == "Unset" {
				t.Errorf("server span attribute %s = %q, want %q (%v)", k, server.Attributes[k], v, server.Attributes)
			}
		}
		if client.Attributes["server.address"] != "127.0.0.1" || client.Attributes["http.request.method"] != "POST" {
			t.Errorf("client span attributes %v", client.Attributes)
		}
		if charge.Attributes["provider"] != "card" {
			t.Errorf("payment span attributes %v", charge.Attributes)
		}
		traced[server.TraceID] = true
	}
	if len(traced) == 0 {
		t.Fatalf("no checkout of %d has its four spans across both services", len(checkouts))
	}
	t.Logf("%d checkouts traced across both services", len(traced))

	// Exemplars of the request duration: trace ids of recorded spans.
	var exemplar string
	poll(30*time.Second, time.Second, func() bool {
		var res []struct {
			Exemplars []struct {
				Labels map[string]string `json:"labels"`
			} `json:"exemplars"`
		}
		q := url.Values{"query": {`checkout_request_duration_seconds_bucket{route="/checkout"}`},
			"start": {fmt.Sprint(time.Now().Add(-10 * time.Minute).Unix())}, "end": {fmt.Sprint(time.Now().Unix())}}
		var body struct {
			Data any `json:"data"`
		}
		body.Data = &res
		if err := getJSON(promURL+"/api/v1/query_exemplars?"+q.Encode(), &body); err != nil {
			t.Logf("query_exemplars: %v", err)
			return false
		}
		for _, r := range res {
			for _, e := range r.Exemplars {
				if id := e.Labels["trace_id"]; traced[id] {
					exemplar = id
					return true
				}
			}
		}
		return false
	})
	if exemplar == "" {
		t.Fatal("Prometheus stored no exemplar with the trace_id of a traced checkout within 30s")
	}
	t.Logf("exemplar trace_id %s", exemplar)

	// The service's log record of that request: the same trace_id, redacted.
	var line string
	for _, l := range strings.Split(svc.output(), "\n") {
		if strings.Contains(l, `"trace_id":"`+exemplar+`"`) && strings.Contains(l, `"operation":"http_request"`) {
			line = l
		}
	}
	if line == "" {
		t.Fatalf("no log record of the request with trace_id %s:\n%s", exemplar, tail(svc.output(), 5))
	}
	for _, raw := range []string{rawEmail, rawCard} {
		if strings.Contains(line, raw) {
			t.Errorf("the log record of trace %s holds %q: %s", exemplar, raw, line)
		}
	}
}

package exposition

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	_ "github.com/metricgen/metricgen/internal/golden" // defines -update, which go test ./... passes to every package
)

func TestParseText(t *testing.T) {
	src := `# HELP app_requests_total Requests.
# TYPE app_requests_total counter
app_requests_total{method="GET",code="200"} 3
app_requests_total{method="POST",code="500"} 1
app_requests_total{method="POST",code=""} 1
# TYPE app_latency_seconds histogram
app_latency_seconds_bucket{route="/a",le="0.1"} 1
app_latency_seconds_bucket{route="/a",le="1"} 2
app_latency_seconds_bucket{route="/a",le="+Inf"} 2
app_latency_seconds_sum{route="/a"} 0.3
app_latency_seconds_count{route="/a"} 2
# TYPE app_rpc_seconds summary
app_rpc_seconds{quantile="0.5"} 0.1
app_rpc_seconds_sum 1
app_rpc_seconds_count 4
app_untyped 1
{"app.utf8.name", le="x"} 1
`
	e, err := Parse([]byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	want := []*Family{
		{Name: "app.utf8.name", Type: Untyped, Labels: map[string][]string{"le": {"x"}}, Series: 1},
		{Name: "app_latency_seconds", Type: Histogram, Labels: map[string][]string{"route": {"/a"}}, Buckets: []float64{0.1, 1}, Series: 1},
		{Name: "app_requests_total", Type: Counter, Help: "Requests.", Labels: map[string][]string{"code": {"200", "500"}, "method": {"GET", "POST"}}, Series: 3},
		{Name: "app_rpc_seconds", Type: Summary, Labels: map[string][]string{}, Series: 1},
		{Name: "app_untyped", Type: Untyped, Labels: map[string][]string{}, Series: 1},
	}
	if e.Format != "text" {
		t.Errorf("format %q", e.Format)
	}
	if diff := cmp.Diff(want, e.Families); diff != "" {
		t.Error(diff)
	}
}

// TestParseOpenMetrics: counters get their _total name back, info and stateset become
// gauges, gauge histograms keep their buckets, units are kept, and _created samples,
// exemplars and timestamps do not get in the way.
func TestParseOpenMetrics(t *testing.T) {
	src := `# TYPE app_jobs counter
# UNIT app_jobs jobs
# HELP app_jobs Jobs, by \"queue\".
app_jobs_total{queue="a"} 1 1700000000.5
app_jobs_created{queue="a"} 1699999999.0
app_jobs_total{queue="b"} 2 # {trace_id="x y}"} 1.0 1700000000
# TYPE app_build info
app_build_info{version="1"} 1
# TYPE app_mode stateset
app_mode{app_mode="on"} 1
app_mode{app_mode="off"} 0
# TYPE app_size gaugehistogram
app_size_bucket{le="1"} 1
app_size_bucket{le="+Inf"} 2
app_size_gcount 2
app_size_gsum 3
# TYPE app_seconds histogram
# UNIT app_seconds seconds
app_seconds_bucket{le="0.5"} 1 # {} 0.2
app_seconds_bucket{le="+Inf"} 1
app_seconds_count 1
app_seconds_sum 0.2
app_seconds_created 1699999999.0
# TYPE app_thing unknown
app_thing 1
# EOF
`
	e, err := Parse([]byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	if e.Format != "openmetrics" {
		t.Errorf("format %q", e.Format)
	}
	got := map[string]string{}
	for _, f := range e.Families {
		got[f.Name] = string(f.Type) + " " + f.Unit + " " + f.Help + " " + strings.Join(f.LabelNames(), ",")
	}
	want := map[string]string{
		"app_jobs_total": `counter jobs Jobs, by "queue". queue`,
		"app_build_info": "gauge   version",
		"app_mode":       "gauge   app_mode",
		"app_size":       "gaugehistogram   ",
		"app_seconds":    "histogram seconds  ",
		"app_thing":      "untyped   ",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Error(diff)
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	for _, tc := range []struct {
		src  string
		line int
	}{
		{"# TYPE a counter\na 1\na{x=\"1} 2\n", 3},
		{"# TYPE a counter\n# TYPE a gauge\n", 2},
		{"# TYPE a counter\na_total{x=\"1\"} nope\n# EOF\n", 2}, // OpenMetrics keeps the line numbers
	} {
		_, err := Parse([]byte(tc.src), "")
		var pe *Error
		if !errors.As(err, &pe) || pe.Line != tc.line {
			t.Errorf("Parse(%q) = %v; want an error at line %d", tc.src, err, tc.line)
		}
	}
}

// A label set with no metric name after a # TYPE line makes expfmt's parser panic; Parse
// reports it as malformed input instead.
func TestParseMalformedIsAnError(t *testing.T) {
	for _, src := range []string{"#TYPE A0000 gAuge\n{}", "# TYPE a gauge\n{x=\"1\"} 1\n"} {
		_, err := Parse([]byte(src), "")
		var pe *Error
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) = %v; want a syntax error", src, err)
		}
	}
}

func TestRead(t *testing.T) {
	const body = "# TYPE app_up gauge\napp_up 1\n"
	var gotAccept string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotAccept = r.Header.Get("Accept")
		switch r.URL.Path {
		case "/metrics":
			w.Header().Set("Content-Type", "text/plain; version=0.0.4")
			w.Write([]byte(body))
		case "/slow":
			time.Sleep(300 * time.Millisecond)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	e, err := Read(context.Background(), srv.URL+"/metrics", 5*time.Second, nil)
	if err != nil || len(e.Families) != 1 {
		t.Fatalf("Read URL = %v, %v", e, err)
	}
	if !strings.HasPrefix(gotAccept, "text/plain;version=0.0.4") {
		t.Errorf("Accept = %q", gotAccept)
	}
	if _, err := Read(context.Background(), srv.URL+"/nope", 5*time.Second, nil); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("Read 404 = %v", err)
	}
	if _, err := Read(context.Background(), srv.URL+"/slow", 50*time.Millisecond, nil); err == nil || !strings.Contains(err.Error(), "no answer within 50ms") {
		t.Errorf("Read slow = %v", err)
	}

	path := filepath.Join(t.TempDir(), "m.prom")
	os.WriteFile(path, []byte(body), 0o644)
	if e, err := Read(context.Background(), path, time.Second, nil); err != nil || e.Families[0].Name != "app_up" {
		t.Errorf("Read file = %v, %v", e, err)
	}
	if e, err := Read(context.Background(), "-", time.Second, strings.NewReader(body)); err != nil || e.Families[0].Name != "app_up" {
		t.Errorf("Read stdin = %v, %v", e, err)
	}
}

func FuzzExposition(f *testing.F) {
	f.Add([]byte("# TYPE a counter\na_total{x=\"1\"} 1 # {t=\"2\"} 1\n# EOF\n"), "")
	f.Add([]byte("# HELP a x\n# TYPE a histogram\na_bucket{le=\"1\"} 1\na_bucket{le=\"+Inf\"} 1\n"), "")
	f.Add([]byte("a{b=\"}\\\"\"} 1\n"), "application/openmetrics-text; version=1.0.0")
	f.Fuzz(func(t *testing.T, src []byte, contentType string) {
		e, err := Parse(src, contentType)
		if err != nil {
			return
		}
		for _, fam := range e.Families {
			if fam.Name == "" {
				t.Errorf("family without a name from %q", src)
			}
		}
	})
}

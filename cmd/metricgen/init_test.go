package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const initExposition = `# HELP shop_requests_total Requests.
# TYPE shop_requests_total counter
shop_requests_total{method="GET",status="ok"} 1
shop_requests_total{method="POST",status="error"} 1
# HELP go_goroutines Goroutines.
# TYPE go_goroutines gauge
go_goroutines 3
`

const initRules = `groups:
  - name: shop
    rules:
      - alert: ShopErrors
        expr: sum(rate(shop_requests_total{status="error"}[5m])) / sum(rate(shop_request_total[5m])) > 0.1
        labels: {severity: page}
        annotations: {summary: Errors}
`

func TestInitWritesOnlyWhenAsked(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "m.prom"), initExposition)
	writeFile(t, filepath.Join(dir, "rules.yml"), initRules)

	// Without -o: the draft on stdout, the to-do list on stderr, nothing on disk.
	code, stdout, stderr := runIn(t, dir, "init", "--from-metrics", "m.prom", "--from-rules", "rules.yml")
	if code != exitOK || !strings.Contains(stdout, "namespace: shop\n") || !strings.Contains(stderr, "<draft>:") || !strings.Contains(stderr, "unknown metric shop_request_total") {
		t.Fatalf("init = %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if tree := readTree(t, dir); len(tree) != 2 {
		t.Fatalf("init without -o wrote files: %v", keys(tree))
	}

	// With -o: the file, and diagnostics that name it.
	code, stdout, stderr = runIn(t, dir, "init", "--from-metrics", "m.prom", "--from-rules", "rules.yml", "-o", "metrics.yaml")
	if code != exitOK || stdout != "" || !strings.Contains(stderr, "metrics.yaml:") || !strings.Contains(stderr, "metricgen init: metrics.yaml: 1 metric") {
		t.Fatalf("init -o = %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	draft, err := os.ReadFile(filepath.Join(dir, "metrics.yaml"))
	if err != nil || !strings.Contains(string(draft), "requests_total:") {
		t.Fatalf("draft: %v\n%s", err, draft)
	}
	// validate says what init said.
	_, _, vstderr := runIn(t, dir, "validate", "metrics.yaml")
	if want := stderr[:strings.LastIndex(strings.TrimSuffix(stderr, "\n"), "\n")+1]; vstderr != want {
		t.Errorf("validate says\n%s\ninit said\n%s", vstderr, want)
	}

	// Never over an existing file without --force.
	writeFile(t, filepath.Join(dir, "mine.yaml"), "hand-written\n")
	code, _, stderr = runIn(t, dir, "init", "--from-metrics", "m.prom", "-o", "mine.yaml")
	if b, _ := os.ReadFile(filepath.Join(dir, "mine.yaml")); code != exitFail || string(b) != "hand-written\n" || !strings.Contains(stderr, "mine.yaml exists; init never overwrites a file") {
		t.Errorf("init over a file = %d, %q; file now %q", code, stderr, b)
	}
	code, _, stderr = runIn(t, dir, "init", "--from-metrics", "m.prom", "-o", "mine.yaml", "--force")
	if b, _ := os.ReadFile(filepath.Join(dir, "mine.yaml")); code != exitOK || !strings.HasPrefix(string(b), "# Draft written by `metricgen init`") {
		t.Errorf("init --force = %d, %q; file now %q", code, stderr, b)
	}
	// No temporary file left behind.
	for name := range readTree(t, dir) {
		if strings.HasSuffix(name, ".tmp") {
			t.Errorf("left behind: %s", name)
		}
	}
}

func TestInitInputErrors(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "bad.prom"), "# TYPE a counter\na 1\na{x=\"1} 2\n")
	writeFile(t, filepath.Join(dir, "bad.yml"), "groups:\n  - name: a\n    rules:\n      - expr: up\n")
	writeFile(t, filepath.Join(dir, "bad.json"), "{\n  \"panels\": 3\n}\n")
	code, stdout, stderr := runIn(t, dir, "init", "--from-metrics", "bad.prom", "--from-rules", "bad.yml", "missing.yml", "--from-dashboard", "bad.json", "-o", "out.yaml")
	for _, want := range []string{
		"bad.prom:3: error: input/exposition: not a Prometheus exposition",
		"bad.yml:4: error: input/rules: a rule needs alert or record",
		"missing.yml: error: input/unreadable: cannot read the rule file: no such file or directory",
		"bad.json: error: input/dashboard: line 2: not a Grafana dashboard",
		"metricgen init: nothing was written",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if code != exitFail || stdout != "" {
		t.Errorf("init = %d, stdout %q", code, stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "out.yaml")); err == nil {
		t.Error("out.yaml written despite errors")
	}
}

func TestInitUsage(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"init"}, exitUsage, "name at least one input"},
		{[]string{"init", "x.prom"}, exitUsage, `unexpected argument "x.prom"`},
		{[]string{"init", "--from-metrics", "x", "--force"}, exitUsage, "--force only applies with -o FILE"},
		{[]string{"init", "--from-metrics", "x", "--format", "xml"}, exitUsage, "--format must be text, json or github"},
		{[]string{"init", "-h"}, exitOK, "metricgen init --from-metrics http://127.0.0.1:8080/metrics"},
	} {
		code, stdout, stderr := runIn(t, dir, tc.args...)
		if code != tc.code || !strings.Contains(stdout+stderr, tc.out) {
			t.Errorf("metricgen %v = %d, %q; want %d and %q", tc.args, code, stdout+stderr, tc.code, tc.out)
		}
	}
}

func TestInitFromURL(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(initExposition))
	}))
	defer srv.Close()
	code, stdout, stderr := runIn(t, t.TempDir(), "init", "--from-metrics", srv.URL+"/metrics", "--format", "json")
	if code != exitOK || !strings.Contains(stdout, "#   metrics: "+srv.URL+"/metrics (text format, 2 metric families)") || stderr != "" {
		t.Errorf("init URL = %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// What the example's spec promises: metrics.yaml in examples/checkout.
const (
	alertName   = "CheckoutHighErrorRate"
	recordName  = "checkout:requests:rate1m"
	rawEmail    = "jane.doe@example.com"
	rawCard     = "4111111111111111"
	maskedEmail = `"email":"ja***"`
	fireTimeout = 90 * time.Second
)

// TestE2EPrometheus runs the example service and a real Prometheus that scrapes it every
// second and evaluates the generated rules every second, then makes the service fail and
// waits for the generated error-rate alert to fire.
func TestE2EPrometheus(t *testing.T) {
	prometheus := requireTool(t, "prometheus")
	promtool := requireTool(t, "promtool")
	checkoutScenario(t, prometheus, promtool, buildExample(t), requireFile(t, rulesFile), requireFile(t, dashboardFile))
}

// TestE2EPrometheusOTel (issue 16) is TestE2EPrometheus with the example switched to the
// OpenTelemetry backend, as a service would switch: go.backend: otel in metrics.yaml, go
// generate, and the build with -tags otel, which sets up an SDK MeterProvider behind
// OpenTelemetry's Prometheus exporter (examples/checkout/backend_otel.go). The code that
// records the metrics does not change; the same rules and dashboard queries must return data
// and the same alert fire, with the exporter's defaults (target_info, otel_scope_* labels).
func TestE2EPrometheusOTel(t *testing.T) {
	prometheus := requireTool(t, "prometheus")
	promtool := requireTool(t, "promtool")
	bin, dir := buildOTelExample(t)
	// The rules and the dashboard do not depend on the backend: the copy's are the example's.
	for _, f := range []string{rulesFile, dashboardFile} {
		rel, err := filepath.Rel(exampleDir, f)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(requireFile(t, f))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s generated with go.backend: otel differs from the example's", rel)
		}
	}
	checkoutScenario(t, prometheus, promtool, bin, requireFile(t, rulesFile), requireFile(t, dashboardFile))
}

// buildOTelExample copies the example, sets go.backend: otel in its spec, regenerates it
// through Go's tool directive and builds it with -tags otel; it returns the binary and the
// copy's folder.
func buildOTelExample(t *testing.T) (bin, dir string) {
	t.Helper()
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir = filepath.Join(t.TempDir(), "checkout")
	copyTree(t, exampleDir, dir)
	env := []string{"GOWORK=off"}
	mustRun(t, dir, env, "go", "mod", "edit", "-replace", "github.com/metricgen/metricgen="+repo)
	specPath := filepath.Join(dir, "metrics.yaml")
	spec, err := os.ReadFile(specPath)
	if err != nil {
		t.Fatal(err)
	}
	const goSection = "go:\n  package: checkoutmetrics\n"
	if !bytes.Contains(spec, []byte(goSection)) {
		t.Fatalf("%s has no %q to add go.backend to", specPath, goSection)
	}
	writeFile(t, specPath, strings.Replace(string(spec), goSection, goSection+"  backend: otel\n", 1))
	mustRun(t, dir, env, "go", "tool", "metricgen", "generate", "metrics.yaml")
	if b, err := os.ReadFile(filepath.Join(dir, "checkoutmetrics", "metrics.go")); err != nil || !bytes.Contains(b, []byte("go.opentelemetry.io/otel/metric")) {
		t.Fatalf("checkoutmetrics generated with go.backend: otel does not use the OTel metrics API (%v)", err)
	}
	bin = filepath.Join(t.TempDir(), "checkout-otel")
	mustRun(t, dir, env, "go", "build", "-tags", "otel", "-o", bin, ".")
	return bin, dir
}

// checkoutScenario runs the service bin, the payments service it calls (the same binary, a
// second process), and a real Prometheus with exemplar storage that scrapes the service every
// second and evaluates the rule file rules every second. It checks the recording rule and the
// dashboard's queries; the operations' spans across the two processes, the exemplars Prometheus
// stored (both backends: the Prometheus backend's operations attach them, the otel backend's
// measure with the span's context, from which the SDK takes them) and the log line of a traced
// request (checkOperations). Then it makes the payments
// fail and waits for the generated alert on the checkouts' error ratio to fire.
func checkoutScenario(t *testing.T, prometheus, promtool, bin, rules, dashboard string) {
	// The payments service, then the service, each on a port it picks itself and logs.
	pay := start(t, bin, "-role", "payments", "-listen", "127.0.0.1:0")
	payURL := "http://" + listening(t, pay)
	svc := start(t, bin, "-listen", "127.0.0.1:0", "-payments", payURL)
	svcAddr := listening(t, svc)
	svcURL := "http://" + svcAddr

	// Prometheus, scraping the service and loading the generated rule file.
	dir := t.TempDir()
	config := filepath.Join(dir, "prometheus.yml")
	writeFile(t, config, fmt.Sprintf(`global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - %q
scrape_configs:
  - job_name: checkout
    static_configs:
      - targets: [%q]
`, rules, svcAddr))
	promAddr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	promURL := "http://" + promAddr
	prom := start(t, prometheus,
		"--enable-feature=exemplar-storage",
		"--config.file="+config,
		"--storage.tsdb.path="+filepath.Join(dir, "data"),
		"--web.listen-address="+promAddr,
		"--log.level=warn")
	if !poll(30*time.Second, 200*time.Millisecond, func() bool {
		resp, err := client.Get(promURL + "/-/ready")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}) {
		t.Fatalf("prometheus not ready within 30s:\n%s", tail(prom.output(), 20))
	}

	// Traffic: one checkout every 20ms until the test ends (bounded by the test's own length).
	ctx, stopTraffic := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		drive(ctx, svcURL)
	}()
	t.Cleanup(func() { stopTraffic(); wg.Wait() })

	// Healthy: the recording rule has data, the alert is neither pending nor firing.
	var got []sample
	if !poll(30*time.Second, time.Second, func() bool {
		got, _ = query(promURL, recordName+`{route="/checkout"} > 0`)
		return len(got) > 0
	}) {
		t.Fatalf("recording rule %s returned no data within 30s", recordName)
	}
	t.Logf("%s = %v", recordName, got[0].Value[1])
	if as, err := alerts(promURL); err != nil {
		t.Fatal(err)
	} else if a := findAlert(as, alertName); a != nil {
		t.Fatalf("%s is %s while every request succeeds: %+v", alertName, a.State, *a)
	}

	checkOperations(t, promURL, svcURL, payURL, svc)

	// Outage: the payments service declines every charge, so every checkout fails. The alert
	// must fire.
	setFault(t, payURL, "error_rate=1")
	began := time.Now()
	var fired *alert
	poll(fireTimeout, time.Second, func() bool {
		as, err := alerts(promURL)
		if err != nil {
			return false
		}
		if a := findAlert(as, alertName); a != nil && a.State == "firing" {
			fired = a
		}
		return fired != nil
	})
	if fired == nil {
		as, _ := alerts(promURL)
		ratio, _ := query(promURL, `sum(rate(checkout_errors_total[1m])) / sum(rate(checkout_requests_total[1m]))`)
		t.Fatalf("%s not firing %s after every checkout started failing; alerts: %+v; error ratio now: %v",
			alertName, fireTimeout, as, ratio)
	}
	t.Logf("%s firing %s after the outage began: %+v", alertName, time.Since(began).Round(time.Second), *fired)

	// The spans of the failed checkouts say so.
	var failed, chargeFailed bool
	for _, s := range spans(t, svcURL) {
		failed = failed || s.Name == "POST /checkout" && s.Status == "Error" && s.Attributes["http.response.status_code"] == "500"
		chargeFailed = chargeFailed || s.Name == "charge card" && s.Status == "Error" && s.Attributes["error.type"] == "*main.paymentError"
	}
	if !failed || !chargeFailed {
		t.Errorf("no span of a failed checkout (status Error, status code 500: %v) or payment (status Error, error.type *main.paymentError: %v)", failed, chargeFailed)
	}

	wantLabels := map[string]string{"alertname": alertName, "severity": "page", "service": "checkout", "team": "payments"}
	for k, v := range wantLabels {
		if fired.Labels[k] != v {
			t.Errorf("alert label %s = %q, want %q (labels %v)", k, fired.Labels[k], v, fired.Labels)
		}
	}
	if got, want := fired.Annotations["summary"], "Checkout error rate above 10%"; got != want {
		t.Errorf("summary = %q, want %q", got, want)
	}
	// humanizePercentage renders the value: "Error rate: 100%" once every recent request failed.
	if d := fired.Annotations["description"]; !regexp.MustCompile(`^Error rate: [0-9.]+%$`).MatchString(d) {
		t.Errorf("description = %q, want the error rate rendered as a percentage", d)
	}
	if got, want := fired.Annotations["runbook_url"], "https://runbooks.example.com/checkout#errors"; got != want {
		t.Errorf("runbook_url = %q, want %q", got, want)
	}

	// The dashboard's latency quantiles, as Grafana would send them.
	quantiles := dashboardQueries(t, dashboard, "histogram_quantile")
	if len(quantiles) == 0 {
		t.Fatalf("%s has no histogram_quantile query", dashboard)
	}
	for _, q := range quantiles {
		res, err := query(promURL, q)
		if err != nil {
			t.Errorf("dashboard query: %v", err)
			continue
		}
		if len(res) == 0 || !number(res[0]) {
			t.Errorf("dashboard query %s returned no number: %+v", q, res)
		}
	}

	// A slowdown is a fault too: delay applies to every checkout.
	setFault(t, payURL, "error_rate=0")
	setFault(t, svcURL, "delay=200ms")
	t0 := time.Now()
	if code := postCheckout(context.Background(), svcURL); code != http.StatusOK {
		t.Errorf("checkout with error_rate=0: status %d, want 200", code)
	}
	if d := time.Since(t0); d < 200*time.Millisecond {
		t.Errorf("checkout with delay=200ms took %s", d)
	}

	checkMetrics(t, promtool, svcURL+"/metrics")

	// No log line carries the customer's email or card number; they were logged, redacted.
	stopTraffic()
	wg.Wait()
	logs := svc.output()
	for _, raw := range []string{rawEmail, rawCard} {
		if strings.Contains(logs, raw) {
			t.Errorf("service log contains %q:\n%s", raw, grepLines(logs, raw, 3))
		}
	}
	for _, want := range []string{`"msg":"order placed"`, `"msg":"payment failed"`, maskedEmail, `"card_number":"[REDACTED]"`,
		`"operation":"charge","provider":"card","outcome":"error"`, `"error":{"reason":"declined","status":402,` + maskedEmail + `}`} {
		if !strings.Contains(logs, want) {
			t.Errorf("service log has no %s:\n%s", want, tail(logs, 5))
		}
	}
}

// drive posts checkouts one after the other, every 20ms, until ctx ends.
func drive(ctx context.Context, svcURL string) {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			postCheckout(ctx, svcURL)
		}
	}
}

// postCheckout places one order with personal data in it and returns the status code (0 when
// the request failed).
func postCheckout(ctx context.Context, svcURL string) int {
	body, _ := json.Marshal(map[string]any{"email": rawEmail, "card_number": rawCard, "amount_cents": 1299})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, svcURL+"/checkout", bytes.NewReader(body))
	if err != nil {
		return 0
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

func setFault(t *testing.T, svcURL, params string) {
	t.Helper()
	var got map[string]any
	if err := getJSON(svcURL+"/admin/fault?"+params, &got); err != nil {
		t.Fatal(err)
	}
	t.Logf("faults: %v", got)
}

func findAlert(as []alert, name string) *alert {
	for i := range as {
		if as[i].Labels["alertname"] == name {
			return &as[i]
		}
	}
	return nil
}

// number reports whether s's value is a finite number.
func number(s sample) bool {
	str, ok := s.Value[1].(string)
	if !ok {
		return false
	}
	v, err := strconv.ParseFloat(str, 64)
	return err == nil && !math.IsNaN(v) && !math.IsInf(v, 0)
}

// dashboardQueries returns the dashboard's target expressions that contain substr, with
// Grafana's variables replaced as Grafana would with "All" selected.
func dashboardQueries(t *testing.T, path, substr string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	type panel struct {
		Targets []struct {
			Expr string `json:"expr"`
		} `json:"targets"`
		Panels []json.RawMessage `json:"panels"`
	}
	var exprs []string
	var walk func(raw []json.RawMessage)
	walk = func(raw []json.RawMessage) {
		for _, r := range raw {
			var p panel
			if err := json.Unmarshal(r, &p); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			for _, tg := range p.Targets {
				if strings.Contains(tg.Expr, substr) {
					exprs = append(exprs, grafanaVars(tg.Expr))
				}
			}
			walk(p.Panels)
		}
	}
	var d struct {
		Panels []json.RawMessage `json:"panels"`
	}
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	walk(d.Panels)
	return exprs
}

var grafanaVar = regexp.MustCompile(`\$\{?[A-Za-z_][A-Za-z0-9_]*(:[a-z]+)?\}?`)

// grafanaVars substitutes Grafana's interval variables by 1m and every other variable by .+
// (the dashboard's "All").
func grafanaVars(expr string) string {
	for _, v := range []string{"$__rate_interval", "$__interval", "$__range"} {
		expr = strings.ReplaceAll(expr, v, "1m")
	}
	return grafanaVar.ReplaceAllString(expr, ".+")
}

func grepLines(s, substr string, n int) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, substr) && len(out) < n {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

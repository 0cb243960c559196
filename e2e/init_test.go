//go:build e2e

package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// TestE2EInit drafts specs from expositions nobody here wrote: the /metrics of a real
// Prometheus server and of a real node exporter (Debian's packages), each on a random loopback
// port. Each draft must validate without errors and generate.
func TestE2EInit(t *testing.T) {
	prometheus := requireTool(t, "prometheus")
	nodeExporter, err := exec.LookPath("prometheus-node-exporter")
	if err != nil {
		msg := "prometheus-node-exporter not found (Debian: apt-get install prometheus-node-exporter)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	bin := filepath.Join(t.TempDir(), "metricgen")
	mustRun(t, "..", nil, "go", "build", "-o", bin, "./cmd/metricgen")

	neAddr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	start(t, nodeExporter, "--web.listen-address="+neAddr)
	waitHTTP(t, "http://"+neAddr+"/metrics")

	// Prometheus scrapes itself and the node exporter, so that its own /metrics shows the
	// series of scraping, rule evaluation and the TSDB at work.
	dir := t.TempDir()
	promAddr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	config := filepath.Join(dir, "prometheus.yml")
	writeFile(t, config, fmt.Sprintf(`global:
  scrape_interval: 1s
scrape_configs:
  - job_name: prometheus
    static_configs: [{targets: [%q]}]
  - job_name: node
    static_configs: [{targets: [%q]}]
`, promAddr, neAddr))
	start(t, prometheus,
		"--config.file="+config,
		"--storage.tsdb.path="+filepath.Join(dir, "data"),
		"--web.listen-address="+promAddr,
		"--log.level=warn")
	waitHTTP(t, "http://"+promAddr+"/-/ready")
	// A few scrapes and queries, so that the request and scrape metrics have series.
	for range 3 {
		query("http://"+promAddr, "up")
		time.Sleep(time.Second)
	}

	for _, tc := range []struct {
		name, url  string
		minMetrics int
	}{
		{"prometheus", "http://" + promAddr + "/metrics", 50},
		{"node-exporter", "http://" + neAddr + "/metrics", 50},
	} {
		t.Run(tc.name, func(t *testing.T) {
			work := t.TempDir()
			out, code := run(t, work, nil, bin, "init", "--from-metrics", tc.url, "-o", "metrics.yaml")
			if code != 0 {
				t.Fatalf("init: exit %d\n%s", code, out)
			}
			t.Logf("%s", out)
			m := regexp.MustCompile(`metrics\.yaml: (\d+) metrics`).FindStringSubmatch(out)
			if m == nil {
				t.Fatalf("no summary in:\n%s", out)
			}
			if n, _ := strconv.Atoi(m[1]); n < tc.minMetrics {
				t.Errorf("drafted %d metrics, want at least %d", n, tc.minMetrics)
			}
			if out, code := run(t, work, nil, bin, "validate", "metrics.yaml"); code != 0 {
				t.Fatalf("validate: exit %d\n%s", code, out)
			}
			if out, code := run(t, work, nil, bin, "generate", "metrics.yaml"); code != 0 {
				t.Fatalf("generate: exit %d\n%s", code, out)
			}
			// The generated package compiles and vets as a service builds it: the module of
			// generated/ (its client_golang is in the module cache once make test has run).
			for _, f := range []string{"go.mod", "go.sum"} {
				b, err := os.ReadFile(filepath.Join("..", "generated", f))
				if err != nil {
					t.Fatal(err)
				}
				writeFile(t, filepath.Join(work, f), string(b))
			}
			mustRun(t, work, []string{"GOFLAGS=-mod=mod", "GOWORK=off"}, "go", "vet", "./...")
		})
	}
}

// waitHTTP waits until url answers 200.
func waitHTTP(t *testing.T, url string) {
	t.Helper()
	if !poll(30*time.Second, 200*time.Millisecond, func() bool {
		resp, err := client.Get(url)
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == 200
	}) {
		t.Fatalf("%s did not answer within 30s", url)
	}
}

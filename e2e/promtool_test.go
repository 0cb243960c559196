//go:build e2e

package e2e

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestE2EPromtoolRules loads the example's generated rule file with promtool and runs the
// promtool unit tests generated from the spec's tests: (firing and quiet cases).
func TestE2EPromtoolRules(t *testing.T) {
	promtool := requireTool(t, "promtool")
	rules := requireFile(t, rulesFile)
	tests := requireFile(t, ruleTestsFile)

	out := mustRun(t, ".", nil, promtool, "check", "rules", rules)
	if !strings.Contains(out, "SUCCESS") {
		t.Errorf("promtool check rules %s:\n%s", rules, out)
	}
	// The test file names the rule file relative to itself.
	out = mustRun(t, filepath.Dir(tests), nil, promtool, "test", "rules", filepath.Base(tests))
	if !strings.Contains(out, "SUCCESS") {
		t.Errorf("promtool test rules %s:\n%s", tests, out)
	}
}

// checkMetrics runs `promtool check metrics` on the exposition served at metricsURL and fails
// on any lint problem.
func checkMetrics(t *testing.T, promtool, metricsURL string) {
	t.Helper()
	resp, err := http.Get(metricsURL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	exposition, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(exposition), "checkout_requests_total") {
		t.Fatalf("exposition at %s lacks checkout_requests_total:\n%s", metricsURL, tail(string(exposition), 20))
	}
	cmd := exec.Command(promtool, "check", "metrics")
	cmd.Stdin = strings.NewReader(string(exposition))
	cmd.Env = os.Environ()
	out, err := cmd.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "" {
		t.Errorf("promtool check metrics on %s: %v\n%s", metricsURL, err, out)
	}
}

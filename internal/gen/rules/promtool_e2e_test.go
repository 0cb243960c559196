//go:build e2e

package rules

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPromtool runs Prometheus' own promtool on the generated files: check rules on the rule
// file and the PrometheusRule-free groups, test rules on the test file. It needs a real
// component, so it runs in `make e2e` (tag e2e), after CI installed promtool; without promtool
// it is skipped, except in CI (CI=true), where promtool must be installed.
func TestPromtool(t *testing.T) {
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("promtool is not installed; CI must run the rule files through it (Debian: apt-get install prometheus)")
		}
		t.Skip("promtool is not on PATH; install Prometheus' promtool to check the rule files with it")
	}
	for _, c := range loadCases(t) {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			for _, f := range c.files {
				p := filepath.Join(root, filepath.FromSlash(f.Path))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, f.Content, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			o := c.spec.Outputs
			run := func(args ...string) {
				cmd := exec.Command(promtool, args...)
				cmd.Dir = root
				var out bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &out
				if err := cmd.Run(); err != nil {
					t.Errorf("promtool %s: %v\n%s", strings.Join(args, " "), err, out.String())
				}
			}
			run("check", "rules", filepath.FromSlash(o.Rules))
			if o.RuleTests != "" {
				run("test", "rules", filepath.FromSlash(o.RuleTests))
			}
		})
	}
}

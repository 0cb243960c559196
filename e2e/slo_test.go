//go:build e2e

package e2e

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestE2EPromtoolSLO loads the SLO rules metricgen generated (spec/klearkarma.yaml into
// generated/, and the golden case with every kind of SLI) with promtool and runs the promtool
// tests generated for every SLO: each burn-rate alert fires just above its burn rate and not
// just below, the fastest page waits for its window, the budget alert fires when the budget
// is overspent, a handful of events pages nobody, vanished series alert and zero traffic
// does not.
func TestE2EPromtoolSLO(t *testing.T) {
	promtool := requireTool(t, "promtool")
	for _, c := range []struct{ rules, tests string }{
		{"../generated/prometheus/klearkarma.rules.yml", "../generated/prometheus/klearkarma.rules.test.yml"},
		{"../testdata/golden/rules-slo/out/rules.yml", "../testdata/golden/rules-slo/out/rules.test.yml"},
	} {
		rules, tests := requireFile(t, c.rules), requireFile(t, c.tests)
		if out := mustRun(t, ".", nil, promtool, "check", "rules", rules); !strings.Contains(out, "SUCCESS") {
			t.Errorf("promtool check rules %s:\n%s", rules, out)
		}
		if out := mustRun(t, filepath.Dir(tests), nil, promtool, "test", "rules", filepath.Base(tests)); !strings.Contains(out, "SUCCESS") {
			t.Errorf("promtool test rules %s:\n%s", tests, out)
		}
	}
}

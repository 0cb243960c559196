package validate

import (
	"slices"
	"testing"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/targets"
)

// alsoShows are the other checks an example shows besides its own, by design.
var alsoShows = map[diag.Code][]diag.Code{
	diag.IgnoreNotIgnorable:  {diag.SchemaUnknownKey},    // the diagnostic it cannot silence
	diag.IgnoreUnknownCode:   {diag.NamingCounterSuffix}, // the diagnostic it fails to silence
	diag.RulesAnnotationKey:  {diag.RulesMissingSummary}, // summary is under annotations
	diag.IgnoreMissingReason: {},
}

// TestCheckExamples: the example of every check in docs/checks.md makes metricgen report that
// check and no other (with --strict, so that ignore/unused shows).
func TestCheckExamples(t *testing.T) {
	for _, c := range diag.Checks {
		if c.Example == "" {
			continue
		}
		t.Run(string(c.Code), func(t *testing.T) {
			src := c.Example
			if !c.ExampleFile {
				src = diag.ExampleHeader + src
			}
			_, ds := Source("spec.yaml", []byte(src), Options{OutRoot: t.TempDir(), Strict: true, Targets: targets.All})
			shown := false
			for _, d := range ds {
				switch {
				case d.Code == c.Code:
					shown = true
				case !slices.Contains(alsoShows[c.Code], d.Code):
					t.Errorf("the example of %s also shows %s", c.Code, d)
				}
			}
			if !shown {
				t.Errorf("the example does not show %s; it reports:", c.Code)
				for _, d := range ds {
					t.Errorf("  %s", d)
				}
			}
		})
	}
}

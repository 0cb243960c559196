package initspec_test

import (
	"strings"
	"testing"

	"github.com/metricgen/metricgen/internal/adopt/exposition"
	"github.com/metricgen/metricgen/internal/adopt/initspec"
	"github.com/metricgen/metricgen/internal/spec"
)

// FuzzDraft: whatever an exposition holds (help text, label values, odd names), the draft is
// YAML that reads back, and every help text in it is the exposition's.
func FuzzDraft(f *testing.F) {
	f.Add([]byte("# HELP app_x_total It's #1: \"quoted\" {{ $value }}\n# TYPE app_x_total counter\napp_x_total{a=\"b: c\",d=\"- e\"} 1\n"))
	f.Add([]byte("# HELP app_y yes\n# TYPE app_y gauge\napp_y{v=\"[1, 2]\",w=\"null\"} 1\napp_y{v=\"'\",w=\"~\"} 2\n"))
	f.Add([]byte("# HELP app_z (Deprecated) x\\ny\n# TYPE app_z histogram\napp_z_bucket{le=\"1e-07\"} 1\napp_z_bucket{le=\"+Inf\"} 1\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		e, err := exposition.Parse(src, "")
		if err != nil {
			return
		}
		res, err := initspec.Draft(initspec.Input{MetricsSource: "fuzz.prom", Exposition: e, Path: "metrics.yaml"})
		if err != nil {
			t.Fatal(err)
		}
		f, _, ds := spec.Load("metrics.yaml", res.Spec)
		if f == nil || len(ds) > 0 {
			t.Fatalf("the draft is not YAML that reads back: %v\n%s", ds, res.Spec)
		}
		helps := map[string]bool{}
		for _, fam := range e.Families {
			helps[strings.TrimSpace(strings.ToValidUTF8(fam.Help, "\uFFFD"))] = true
		}
		for _, m := range f.Metrics {
			if h := m.Value.Help.Value; !helps[h] && m.Value.Deprecated.Value == "" && h != "" {
				t.Errorf("metric %s: help %q is not in the exposition", m.Key.Value, h)
			}
		}
	})
}

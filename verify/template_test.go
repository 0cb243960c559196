package verify

import (
	"slices"
	"testing"
	"text/template"

	"github.com/google/go-cmp/cmp"
	promtemplate "github.com/prometheus/prometheus/template"
	"github.com/prometheus/prometheus/util/features"

	"github.com/metricgen/metricgen/internal/promql"
)

// TestTemplateFuncs keeps metricgen's list of alert-template functions equal to the one of
// the Prometheus release in go.mod: a Prometheus upgrade that adds or drops a function fails
// here until internal/promql's list follows.
func TestTemplateFuncs(t *testing.T) {
	r := features.NewRegistry()
	promtemplate.RegisterFeatures(r)
	var want []string
	for name, enabled := range r.Get()[features.TemplatingFunctions] {
		if enabled {
			want = append(want, name)
		}
	}
	slices.Sort(want)
	if len(want) == 0 {
		t.Fatal("Prometheus' feature registry lists no template functions")
	}
	if diff := cmp.Diff(want, promql.PrometheusTemplateFuncs); diff != "" {
		t.Errorf("internal/promql.PrometheusTemplateFuncs differs from Prometheus' template functions (-prometheus +metricgen):\n%s", diff)
	}
	if !slices.IsSorted(promql.PrometheusTemplateFuncs) {
		t.Error("internal/promql.PrometheusTemplateFuncs is not sorted")
	}
}

// TestTemplateBuiltins checks that every name metricgen takes for a text/template built-in is
// one: text/template parses a call of it with no function map.
func TestTemplateBuiltins(t *testing.T) {
	for _, name := range promql.TextTemplateBuiltins {
		if _, err := template.New("t").Parse("{{ " + name + " }}"); err != nil {
			t.Errorf("%s is not a text/template built-in: %v", name, err)
		}
	}
	if _, err := template.New("t").Parse("{{ humanize }}"); err == nil {
		t.Error("text/template parses an undefined function: the built-in check above cannot fail")
	}
}

package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/golden"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/spec"
)

// diagnose validates the spec in dir as `metricgen validate spec.yaml` does from inside dir.
func diagnose(t testing.TB, dir string) []diag.Diagnostic {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(dir, "spec.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	_, ds := Source("spec.yaml", src, Options{OutRoot: dir})
	return ds
}

// TestInvalidPromQL runs every testdata/invalid/promql-*/spec.yaml and compares the
// diagnostics with the case's stderr.txt, one per line, as `metricgen validate` prints them.
func TestInvalidPromQL(t *testing.T) {
	dirs, err := filepath.Glob("../../testdata/invalid/promql-*")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 40 {
		t.Errorf("%d PromQL cases; the corpus needs at least 40", len(dirs))
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			var b strings.Builder
			ds := diagnose(t, dir)
			for _, d := range ds {
				fmt.Fprintln(&b, d)
			}
			got := b.String()
			// cmd/metricgen's TestInvalid owns stderr.txt: it rewrites it with -update.
			golden.Compare(t, filepath.Join(dir, "stderr.txt"), []byte(got))
			if !diag.HasErrors(ds) && !hasWarning(ds) {
				t.Errorf("an invalid case without any diagnostic")
			}
		})
	}
}

func hasWarning(ds []diag.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == diag.Warning {
			return true
		}
	}
	return false
}

// TestExampleSpecExprs: the repository's example spec is clean.
func TestExampleSpecExprs(t *testing.T) {
	f, s := loadSpec(t, "../../spec/klaviyo.yaml")
	dl := &diag.List{File: f.Path}
	checkExprs(f, s, dl)
	for _, d := range dl.Diags {
		t.Errorf("unexpected: %s", d)
	}
}

// loadSpec loads and builds a spec that has no errors.
func loadSpec(t testing.TB, path string) (*spec.File, *model.Spec) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, ds := Source(path, src, Options{})
	if diag.HasErrors(ds) {
		t.Fatalf("%s does not validate: %v", path, ds)
	}
	f, _, _ := spec.Load(path, src)
	return f, s
}

func TestQueryGrafana(t *testing.T) {
	_, s := loadSpec(t, writeValidSpec(t))
	for _, tc := range []struct {
		expr string
		want []string // "col: severity: message prefix"
	}{
		{`sum by (method) (rate(shop_requests_total{job=~"$job", instance=~"${instance:regex}"}[$__rate_interval]))`, nil},
		{`sum(rate(shop_requests_total{status="$status"}[$__interval])) by ($group)`, nil},
		{`histogram_quantile(0.99, sum by (le) (rate(shop_request_duration_seconds_bucket[$__rate_interval]))) > $threshold`, nil},
		{`rate(shop_requests_totl[$__rate_interval])`, []string{"6: error: unknown metric shop_requests_totl"}},
		{`rate(shop_requests_total{statuss="$status"}[$__rate_interval])`, []string{`26: error: shop_requests_total has no label statuss (its labels: method, status; target labels: cluster, instance, job): statuss="$var" never matches; did you mean status?`}},
		{`sum(rate(shop_requests_total[$__rate_interval])) by (le) / sum(rate(shop_errors_total{code=~"$code"}[$__range])) by (method)`, []string{
			"54: error: sum by (le): no series of the input can carry label le",
			"118: error: sum by (method): no series of the input can carry label method",
		}},
		{`[[metric]]{job="$job"} + rate(shop_queue_length[$__rate_interval])`, []string{"26: warning: rate() of gauge shop_queue_length"}},
	} {
		_, ds := Query(s, tc.expr)
		var got []string
		for _, d := range ds {
			if d.Line != 1 || d.File != "" {
				t.Errorf("%s: position %s:%d", tc.expr, d.File, d.Line)
			}
			got = append(got, fmt.Sprintf("%d: %s: %s", d.Col, d.Severity, d.Msg))
		}
		if len(got) != len(tc.want) {
			t.Errorf("Query(%s) = %q, want %q", tc.expr, got, tc.want)
			continue
		}
		for i := range got {
			if !strings.HasPrefix(got[i], tc.want[i]) {
				t.Errorf("Query(%s) = %q, want prefix %q", tc.expr, got[i], tc.want[i])
			}
		}
	}
}

package dashboard

import (
	"regexp"
	"strings"
	"testing"

	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/validate"
)

// testSpec is a small spec: a counter with an enum and a bounded free-form label, a
// histogram, an external metric and recording rules that keep or drop the target labels.
func testSpec(t *testing.T) *model.Spec {
	t.Helper()
	src := `version: 1
namespace: app
service: my-app
labels:
  method: {values: [GET, POST]}
  code: {max_values: 10}
metrics:
  latency_seconds: {type: histogram, help: Latency, unit: seconds, labels: [method], buckets: [0.1, 1]}
  requests_total: {type: counter, help: Requests, labels: [method, code]}
  temperature_celsius: {type: gauge, help: Temperature, unit: celsius}
external_metrics:
  up: {type: gauge, labels: [job, instance]}
recording_rules:
  - record: app:requests:rate5m
    expr: sum by (method) (rate(app_requests_total[5m]))
  - record: app:requests_by_job:rate5m
    expr: sum without (code) (rate(app_requests_total[5m]))
  - record: app:ratio
    expr: sum by (job, method) (rate(app_requests_total[5m])) / on (job) group_left sum by (job) (rate(app_requests_total[5m]))
`
	s, ds := validate.Source("spec.yaml", []byte(src), validate.Options{OutRoot: t.TempDir()})
	if s == nil {
		t.Fatalf("the test spec does not validate: %v", ds)
	}
	return s
}

// query analyses a query of s as the compile stage does a dashboard panel's; it must be valid
// PromQL (the checks' other findings do not matter here).
func query(t *testing.T, s *model.Spec, expr string) *model.Expr {
	t.Helper()
	e, ds := validate.Query(s, expr)
	for _, d := range ds {
		if strings.HasPrefix(d.Msg, "invalid PromQL") {
			t.Errorf("%s: %s", expr, d.Msg)
		}
	}
	return e
}

func TestFilterQuery(t *testing.T) {
	s := testSpec(t)
	b := &builder{s: s, filters: []string{"job", "instance", "code", "method"}}
	for _, tc := range []struct{ in, want string }{
		{`app_requests_total`,
			`app_requests_total{job=~"$job", instance=~"$instance", code=~"$code", method=~"$method"}`},
		{`sum(rate(app_requests_total{code="500"}[$__rate_interval]))`,
			`sum(rate(app_requests_total{code="500", job=~"$job", instance=~"$instance", method=~"$method"}[$__rate_interval]))`},
		{`rate(app_requests_total{method="GET",}[5m] offset $__interval)`,
			`rate(app_requests_total{method="GET",job=~"$job", instance=~"$instance", code=~"$code"}[5m] offset $__interval)`},
		{`histogram_quantile(0.9, sum by (le) (rate(app_latency_seconds_bucket { } [${__rate_interval}])))`,
			`histogram_quantile(0.9, sum by (le) (rate(app_latency_seconds_bucket { job=~"$job", instance=~"$instance", method=~"$method"} [${__rate_interval}])))`},
		{`{__name__="app_temperature_celsius"} > $limit`,
			`{__name__="app_temperature_celsius", job=~"$job", instance=~"$instance"} > $limit`},
		{`sum(up) # "quoted $job"`,
			`sum(up{job=~"$job", instance=~"$instance"}) # "quoted $job"`},
		// a recorded series has the filters its expression leaves it
		{`app:requests:rate5m`, `app:requests:rate5m{method=~"$method"}`},
		{`app:requests_by_job:rate5m`, `app:requests_by_job:rate5m{job=~"$job", instance=~"$instance", method=~"$method"}`},
		{`app:ratio`, `app:ratio{job=~"$job", method=~"$method"}`},
		// the labels of ALERTS are the alert's, unknown here
		{`ALERTS{alertstate="firing"}`, `ALERTS{alertstate="firing"}`},
		// matching on the label already: left as written
		{`app_temperature_celsius{job="x", instance=~"a|b"}`, `app_temperature_celsius{job="x", instance=~"a|b"}`},
		// a variable as the whole name: nothing is known of its series
		{`sum(rate($metric[$__rate_interval]))`, `sum(rate($metric[$__rate_interval]))`},
	} {
		got := b.filterQuery(query(t, s, tc.in))
		if got != tc.want {
			t.Errorf("filterQuery(%s)\n got %s\nwant %s", tc.in, got, tc.want)
		}
		query(t, s, got) // and it is still valid PromQL
	}
}

func TestUID(t *testing.T) {
	valid := regexp.MustCompile(`^[a-z0-9-]{1,40}$`)
	a := uid(&model.Spec{Namespace: "ns", Service: "Klaviyo Integration (EU)"})
	if a != uid(&model.Spec{Namespace: "ns", Service: "Klaviyo Integration (EU)"}) || !valid.MatchString(a) ||
		!strings.HasPrefix(a, "klaviyo-integration-eu-") {
		t.Errorf("uid = %q", a)
	}
	if b := uid(&model.Spec{Namespace: "other", Service: "Klaviyo Integration (EU)"}); b == a {
		t.Errorf("two namespaces of one service share the uid %q", a)
	}
	long := uid(&model.Spec{Namespace: "ns", Service: strings.Repeat("very-long-service-name-", 5)})
	if len(long) > 40 || !valid.MatchString(long) || strings.Contains(long, "--") {
		t.Errorf("uid of a long service = %q", long)
	}
	if u := uid(&model.Spec{Namespace: "ns", Service: "???"}); !valid.MatchString(u) {
		t.Errorf("uid of a service without letters = %q", u)
	}
}

func TestFindWatches(t *testing.T) {
	s := testSpec(t)
	for _, tc := range []struct {
		expr  string
		view  view
		value float64
		above bool
		q     float64
	}{
		{expr: `sum(rate(app_requests_total[5m])) > 10`, view: viewRate, value: 10, above: true},
		{expr: `3 > max(app_temperature_celsius)`, view: viewValue, value: 3},
		{expr: `(app_temperature_celsius) <= -(5)`, view: viewValue, value: -5},
		{expr: `histogram_quantile(0.999, sum by (le) (rate(app_latency_seconds_bucket[5m]))) >= 2`, view: viewQuantiles, value: 2, above: true, q: 0.999},
		{expr: `sum(rate(app_latency_seconds_sum[5m])) / sum(rate(app_latency_seconds_count[5m])) > 1`, view: viewMean, value: 1, above: true},
		{expr: `sum(rate(app_latency_seconds_count[5m])) < 0.5`, view: viewThroughput, value: 0.5},
		// nothing to draw: a ratio of two metrics, an increase, a count, an external metric,
		// an equality, a comparison of two vectors
		{expr: `sum(rate(app_requests_total{code="500"}[5m])) / sum(rate(app_latency_seconds_count[5m])) > 0.1`},
		{expr: `increase(app_requests_total[1h]) > 100`},
		{expr: `count(app_temperature_celsius) < 2`},
		{expr: `up == 0`},
		{expr: `up < 1`},
		{expr: `app_temperature_celsius > app_temperature_celsius offset 1h`},
		{expr: `rate(app_temperature_celsius[5m]) > 1`},
	} {
		s.Alerts = []*model.Alert{{Name: "A", Expr: query(t, s, tc.expr)}}
		ws := findWatches(s)
		switch {
		case tc.view == 0 && len(ws) != 0:
			t.Errorf("%s: draws %+v, want nothing", tc.expr, ws[0])
		case tc.view != 0 && len(ws) != 1:
			t.Errorf("%s: %d watches, want 1", tc.expr, len(ws))
		case tc.view != 0 && (ws[0].view != tc.view || ws[0].value != tc.value || ws[0].above != tc.above || ws[0].quantile != tc.q):
			t.Errorf("%s: view %d value %g above %v quantile %g; want %d %g %v %g", tc.expr,
				ws[0].view, ws[0].value, ws[0].above, ws[0].quantile, tc.view, tc.value, tc.above, tc.q)
		}
	}
}

func TestUntemplate(t *testing.T) {
	got := untemplate(`{{ $labels.instance }} at {{$value | humanize}} ({{- $labels.job -}})`)
	if want := `<instance> at ... (<job>)`; got != want {
		t.Errorf("untemplate = %q, want %q", got, want)
	}
}

func TestRefID(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"} {
		if got := refID(i); got != want {
			t.Errorf("refID(%d) = %s, want %s", i, got, want)
		}
	}
}

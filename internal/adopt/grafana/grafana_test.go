package grafana

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	_ "github.com/metricgen/metricgen/internal/golden" // defines -update, which go test ./... passes to every package
)

func TestParse(t *testing.T) {
	src := `{"dashboard": {
  "title": "T", "tags": ["a"],
  "templating": {"list": [{"name": "datasource"}, {"name": "job"}]},
  "rows": [{"title": "old", "panels": [
    {"type": "singlestat", "title": "Up", "format": "percentunit", "targets": [{"refId": "A", "expr": "avg(up)"}]}
  ]}],
  "panels": [
    {"type": "row", "title": "r", "collapsed": true, "panels": [
      {"type": "timeseries", "title": "In row", "description": "d",
       "fieldConfig": {"defaults": {"unit": "s"}},
       "targets": [{"refId": "A", "expr": " rate(x_total[5m]) ", "legendFormat": "__auto"},
                   {"refId": "B", "expr": "rate(y_total[5m])", "hide": true}]}
    ]},
    {"type": "graph", "title": "Two", "yaxes": [{"format": "short"}],
     "targets": [{"refId": "A", "expr": "a"}, {"refId": "B", "expr": "b", "legendFormat": "{{x}}"}]},
    {"type": "text", "title": "Notes"},
    {"type": "stat", "title": "Logs", "datasource": {"type": "loki", "uid": "l"}, "targets": [{"refId": "A", "expr": "{a=\"b\"}"}]},
    {"type": "stat", "title": "Empty", "targets": [{"refId": "A", "expr": ""}]},
    {"type": "heatmap", "title": "Mixed", "datasource": {"type": "datasource", "uid": "-- Mixed --"},
     "targets": [{"refId": "A", "expr": "sum(rate(h_bucket[5m])) by (le)", "datasource": {"type": "prometheus"}},
                 {"refId": "B", "expr": "{a=\"b\"}", "datasource": {"type": "loki"}}]}
  ]
}, "meta": {}}`
	d, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := &Dashboard{
		Title: "T", Tags: []string{"a"}, Variables: []string{"datasource", "job"},
		Panels: []Panel{
			{Title: "Up", Type: "stat", WasType: "singlestat", Expr: "avg(up)", Unit: "percentunit", RefID: "A", Queries: 1},
			{Title: "In row", Type: "timeseries", Expr: "rate(x_total[5m])", Unit: "s", Description: "d", RefID: "A", Queries: 1},
			{Title: "Two", Type: "timeseries", WasType: "graph", Expr: "a", RefID: "A", Queries: 2},
			{Title: "Two", Type: "timeseries", WasType: "graph", Expr: "b", Legend: "{{x}}", RefID: "B", Queries: 2},
			{Title: "Mixed", Type: "heatmap", Expr: "sum(rate(h_bucket[5m])) by (le)", RefID: "A", Queries: 1},
		},
		Skipped: []Skipped{
			{"Notes", "a text panel; the spec's panels are timeseries, stat, bargauge and heatmap"},
			{"Logs", "queries a loki data source, not Prometheus"},
			{"Empty", "no PromQL query"},
		},
	}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Error(diff)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"{\n\"title\": 1}", "line 2: not a Grafana dashboard"},
		{"{\n\n  oops", "line 3: not a Grafana dashboard"},
	} {
		_, err := Parse([]byte(tc.src))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v; want %q", tc.src, err, tc.want)
		}
	}
}

func FuzzDashboard(f *testing.F) {
	f.Add([]byte(`{"panels": [{"type": "stat", "targets": [{"expr": "up"}]}]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse(src)
		if err != nil {
			return
		}
		for _, p := range d.Panels {
			if p.Expr == "" || p.Type == "" {
				t.Errorf("panel %+v from %q", p, src)
			}
		}
	})
}

package promrules

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	_ "github.com/metricgen/metricgen/internal/golden" // defines -update, which go test ./... passes to every package
)

func TestParseRuleFile(t *testing.T) {
	src := `groups:
  - name: a
    interval: 1m
    labels: {team: x}
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
      - alert: Down
        expr: up == 0
        for: 5m
        keep_firing_for: 1m
        labels: {severity: page, b: "2"}
        annotations:
          summary: down
          runbook_url: https://x
  - name: b
    limit: 10
    query_offset: 1m
`
	got, err := Parse("r.yml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Group{
		{File: "r.yml", Line: 2, Name: "a", Interval: "1m", Labels: []KV{{"team", "x"}}, Rules: []Rule{
			{Line: 6, Record: "job:up:sum", Expr: "sum by (job) (up)"},
			{Line: 8, Alert: "Down", Expr: "up == 0", For: "5m", KeepFiringFor: "1m",
				Labels:      []KV{{"b", "2"}, {"severity", "page"}},
				Annotations: []KV{{"runbook_url", "https://x"}, {"summary", "down"}}},
		}},
		{File: "r.yml", Line: 16, Name: "b", Limit: "10", QueryOffset: "1m"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Error(diff)
	}
}

// TestParseManifests: PrometheusRule objects among other objects, as documents or a List.
func TestParseManifests(t *testing.T) {
	src := `apiVersion: v1
kind: Service
metadata: {name: s}
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: r1}
spec:
  groups:
    - name: one
      rules:
        - alert: A
          expr: vector(1)
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: c}
  - apiVersion: monitoring.coreos.com/v1
    kind: PrometheusRule
    metadata: {name: r2}
    spec:
      groups:
        - name: two
          rules:
            - record: x:y:z
              expr: "1"
`
	got, err := Parse("m.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, g := range got {
		for _, r := range g.Rules {
			names = append(names, g.Name+"/"+r.Alert+r.Record+"@"+r.Expr)
		}
	}
	if diff := cmp.Diff([]string{"one/A@vector(1)", "two/x:y:z@1"}, names); diff != "" {
		t.Error(diff)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"groups: [", "f.yml: not valid YAML"},
		{"- a\n- b\n", "f.yml:1: expected a rule file"},
		{"foo: bar\n", "f.yml:1: expected a rule file (groups:) or a PrometheusRule manifest"},
		{"groups: {a: b}\n", "f.yml:1: groups must be a list"},
		{"groups:\n  - name: a\n    rules:\n      - expr: up\n", "f.yml:4: a rule needs alert or record"},
		{"groups:\n  - name: a\n    rules:\n      - {alert: A, record: b, expr: up}\n", "f.yml:4: a rule has either alert or record, not both"},
		{"groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: up\n        labels: [a]\n", "f.yml:6: labels and annotations must be mappings"},
		{"groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: up\n        labels: {a: [1]}\n", "f.yml:6: a must be a string"},
	} {
		_, err := Parse("f.yml", []byte(tc.src))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v; want an error starting %q", tc.src, err, tc.want)
		}
	}
}

func FuzzRuleFile(f *testing.F) {
	f.Add([]byte("groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: up\n"))
	f.Add([]byte("kind: PrometheusRule\nspec:\n  groups: []\n---\nkind: List\nitems: [{kind: PrometheusRule}]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		groups, err := Parse("f.yml", src)
		if err != nil {
			return
		}
		for _, g := range groups {
			for _, r := range g.Rules {
				if (r.Alert == "") == (r.Record == "") {
					t.Errorf("rule with alert %q and record %q accepted", r.Alert, r.Record)
				}
			}
		}
	})
}

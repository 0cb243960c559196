package promql

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLoadRules checks the loader's results and where it places problems; the verify module
// checks that it accepts and rejects exactly what Prometheus' rulefmt does.
func TestLoadRules(t *testing.T) {
	rf, errs := LoadRules([]byte("groups:\n- name: g\n  rules:\n  - record: job:up:sum\n    expr: sum by (job) (up)\n  - alert: Down\n    expr: up == 0\n    for: 5m\n"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := []string{}
	for _, g := range rf.Groups {
		for _, r := range g.Rules {
			got = append(got, strings.Join([]string{g.Name, r.Name(), r.Expr, r.For.String()}, "|"))
		}
	}
	want := []string{"g|job:up:sum|sum by (job) (up)|0s", "g|Down|up == 0|5m"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
	if r := rf.Groups[0].Rules[1]; r.Line != 6 || r.Col != 12 || r.ExprLine != 7 || r.ExprCol != 11 {
		t.Errorf("alert at %d:%d, expr at %d:%d; want 6:12 and 7:11", r.Line, r.Col, r.ExprLine, r.ExprCol)
	}

	_, errs = LoadRules([]byte("groups:\n- name: g\n  rules:\n  - record: a\n    expr: sum(up\n  - alert: A\n    expr: up\n    annotations: {s: '{{ humanise $value }}'}\n- name: g\n  rules: []\n"))
	var msgs []string
	for _, err := range errs {
		msgs = append(msgs, err.Error())
	}
	want = []string{
		`5:11: group "g", rule 1, "a": could not parse expression: 1:7: parse error: unclosed left parenthesis`,
		`group "g", rule 2, "A": annotation "s": template: __alert_A:1: function "humanise" not defined`,
		`9:9: groupname: "g" is repeated in the same file`,
	}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

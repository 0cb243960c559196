package verify

import (
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/rulefmt"
	"github.com/prometheus/prometheus/promql/parser"

	"github.com/metricgen/metricgen/internal/promql"
)

// ruleSnippets exercise every check of a rule file loader, valid and not.
var ruleSnippets = []string{
	"",
	"groups: []",
	"groups:\n- name: g\n  rules: []",
	"groups:\n- name: g\n  interval: 1m\n  query_offset: 30s\n  limit: 10\n  labels: {team: a}\n  rules:\n  - record: job:up:sum\n    expr: sum by (job) (up)\n    labels: {tier: \"1\"}\n  - alert: Down\n    expr: up == 0\n    for: 5m\n    keep_firing_for: 10m\n    labels: {severity: page}\n    annotations:\n      summary: '{{ $labels.instance }} down for {{ $value | humanizeDuration }}'\n",
	"groups:\n- name: g\n  rules:\n  - record: a\n    alert: b\n    expr: up",
	"groups:\n- name: g\n  rules:\n  - expr: up",
	"groups:\n- name: g\n  rules:\n  - record: a",
	"groups:\n- name: g\n  rules:\n  - record: a\n    expr: sum(rate(x[5m])",
	"groups:\n- name: g\n  rules:\n  - record: a\n    expr: up\n    for: 5m\n    keep_firing_for: 1m\n    annotations: {a: b}",
	"groups:\n- name: g\n  rules:\n  - record: 'a-b'\n    expr: up",
	"groups:\n- name: g\n  rules:\n  - record: 'a{b=\"c\"}'\n    expr: up",
	"groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    labels: {__name__: x, 'bad-name': y, ok: \"\\xff\"}",
	"groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    annotations: {'bad name': x}",
	"groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    annotations: {summary: '{{ $value | humanise }}'}",
	"groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    labels: {x: '{{ if }}'}\n    annotations: {a: '{{ end }}', b: '{{ .Labels.job '}",
	"groups:\n- name: g\n  rules:\n  - record: r\n    expr: up\n    labels: {x: '{{ if }}'}",
	"groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    for: 5x",
	"groups:\n- name: g\n  unknown: 1\n  rules: []",
	"groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    summary: x",
	"groups:\n- name: ''\n  rules: []\n- name: g\n  rules: []\n- name: g\n  rules: []",
	"groups:\n- rules: []",
	"groups:\n- name: [a]\n  rules: []",
	"groups:\n- name: g\n  rules:\n  - alert: [A]\n    expr: up",
	"groups:\n- name: g\n  rules:\n  - alert: A\n    expr: {a: b}",
	"groups:\n- name: g\n  labels: {'a.b': c}\n  rules: []",
	"groups:\n- name: 12\n  rules:\n  - alert: 3\n    expr: 1",
	"groups:\n- name: g\n  rules:\n  - alert: ~\n    record: null\n    expr: up",
	"groups:\n- name: &n g\n  rules:\n  - alert: *n\n    expr: up",
	"groups:\n- name: g\n  rules: []\n---\nnot: a rule file",
	"groups: {}",
	"- a\n- b",
	"groups:\n- name: g\n  rules:\n  - alert: A\n    expr: 'rate(x[5m] @ start())'",
	"groups:\n- name: g\n  rules:\n  - alert: A\n    expr: 'info(up)'",
	"groups:\n- name: g\n  rules:\n  - record: r\n    expr: '{\"my.metric\"}'",
}

// ruleFiles are the rule files metricgen generated in this repository.
func ruleFiles(t testing.TB) map[string][]byte {
	files := map[string][]byte{}
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "verify") {
			return filepath.SkipDir
		}
		if strings.HasSuffix(p, ".rules.yml") {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files[p] = b
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no rule files found under ..")
	}
	return files
}

// prometheusLoad loads content with Prometheus' own rulefmt, as promtool check rules does.
func prometheusLoad(content []byte) (*rulefmt.RuleGroups, []string) {
	groups, errs := rulefmt.Parse(content, false, model.LegacyValidation, parser.NewParser(parser.Options{}), slog.New(slog.DiscardHandler))
	return groups, errStrings(errs)
}

// errStrings are the distinct messages of errs, sorted, without what differs by design: the
// Go type names in YAML decoding errors (rulefmt decodes into its own types, and reports a
// decoding error once per decoding pass) and positions (rulefmt places group problems at 0:0;
// internal/promql's own test checks metricgen's positions).
func errStrings(errs []error) []string {
	var out []string
	for _, err := range errs {
		msg := goType.ReplaceAllString(err.Error(), "$1 T")
		out = append(out, position.ReplaceAllString(msg, ""))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

var (
	goType   = regexp.MustCompile(`(into|in type) [][*\w.]+`)
	position = regexp.MustCompile(`^(\d+:\d+: )+`)
)

// TestRuleFileLoader checks metricgen's rule-file loader against Prometheus' rulefmt on every
// generated rule file and on snippets that exercise each check: the same files load, the
// same problems are found (the same words, in sorted order), and a loaded file has the same
// groups and rules.
func TestRuleFileLoader(t *testing.T) {
	cases := map[string][]byte{}
	for i, s := range ruleSnippets {
		cases["snippet "+string(rune('A'+i))] = []byte(s)
	}
	for p, b := range ruleFiles(t) {
		cases[p] = b
	}
	for name, content := range cases {
		want, wantErrs := prometheusLoad(content)
		got, gotErrs := promql.LoadRules(content)
		if diff := cmp.Diff(wantErrs, errStrings(gotErrs)); diff != "" {
			t.Errorf("%s: problems differ (-rulefmt +metricgen):\n%s\n%s", name, diff, content)
			continue
		}
		if len(wantErrs) == 0 {
			if diff := cmp.Diff(fromRulefmt(want), got, cmpopts.EquateEmpty(),
				cmpopts.IgnoreFields(promql.RuleGroup{}, "Line", "Col"),
				cmpopts.IgnoreFields(promql.Rule{}, "Line", "Col", "ExprLine", "ExprCol")); diff != "" {
				t.Errorf("%s: loaded rules differ (-rulefmt +metricgen):\n%s", name, diff)
			}
		}
	}
}

// FuzzRuleFile checks that metricgen's loader accepts exactly the rule files Prometheus'
// rulefmt accepts.
func FuzzRuleFile(f *testing.F) {
	for _, s := range ruleSnippets {
		f.Add(s)
	}
	for _, b := range ruleFiles(f) {
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, wantErrs := prometheusLoad([]byte(s))
		_, gotErrs := promql.LoadRules([]byte(s))
		if (len(wantErrs) == 0) != (len(gotErrs) == 0) {
			t.Errorf("rulefmt: %q\nmetricgen: %q\nfile:\n%s", wantErrs, errStrings(gotErrs), s)
		}
	})
}

// fromRulefmt is rulefmt's result in metricgen's shape, without positions.
func fromRulefmt(rgs *rulefmt.RuleGroups) *promql.RuleFile {
	rf := &promql.RuleFile{}
	for _, g := range rgs.Groups {
		group := promql.RuleGroup{Name: g.Name, Interval: g.Interval, QueryOffset: g.QueryOffset, Limit: g.Limit, Labels: g.Labels}
		for _, r := range g.Rules {
			group.Rules = append(group.Rules, promql.Rule{Record: r.Record, Alert: r.Alert, Expr: r.Expr, For: r.For, KeepFiringFor: r.KeepFiringFor, Labels: r.Labels, Annotations: r.Annotations})
		}
		rf.Groups = append(rf.Groups, group)
	}
	return rf
}

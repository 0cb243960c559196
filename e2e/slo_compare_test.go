//go:build e2e && slocompare

package e2e

import (
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/prometheus/promql/parser"
	"go.yaml.in/yaml/v3"
)

// The SLO comparison: the four SLOs of spec/klearkarma.yaml, as metricgen generates their
// rules and as Sloth v0.16.0 does (e2e/testdata/sloth), both evaluated by promtool on the same
// synthetic traffic: sustained burns of 14.4x, 6x, 1x and 0.5x the error budget, a 10-minute
// full outage, and the SLI's series vanishing. It reports when each tool first pages and
// first opens a ticket (and alerts on anything else), how many rules each SLO takes and how
// many samples one evaluation of them reads, and fails when metricgen's rules miss what the
// issue asks: every alert no later than Sloth's (within one evaluation interval), a page on
// 6x, silence at 0.5x, an alert within 10 minutes of the series vanishing.
//
//	make slo-compare    (go test -tags "e2e slocompare" -run 'TestPromtoolSLO(Compare|Cost)' -v ./e2e/)
//
// The table goes to the test log and, with SLO_COMPARE_OUT=file, to a Markdown file.

const (
	ourSLORules   = "../generated/prometheus/klearkarma.rules.yml"
	slothSLORules = "testdata/sloth/klearkarma.rules.yml"

	perMinute  = 10000            // events per minute of each SLO: no minimum-traffic guard in the way
	overBudget = 1.005            // burns sit 0.5% above their nominal rate: never exactly on a threshold
	scrapeCost = 30 * time.Second // the scrape interval the sample counts assume
	evalCost   = time.Minute      // the evaluation interval the sample counts assume
	costSpread = 4                // label values the SLI's series spread over for the sample counts
)

// sloFixture is one SLO of the spec: its objective and window, and the series that feed it.
type sloFixture struct {
	name      string
	objective float64 // percent
	window    string
	// series are the SLI's counters for good and bad events per step, spread over n values
	// of a label (endpoints, channels): one for the timing runs, several for the cost.
	series func(good, bad []float64, n int) []inputSeries
}

type inputSeries struct {
	labels string
	values []float64 // one per step: the counter's value
}

// scenario is the traffic after a healthy warm-up, as the error budget's burn rate.
type scenario struct {
	name     string
	burn     float64       // sustained burn rate; NaN: the series vanish at the start
	outage   time.Duration // > 0: everything fails for this long, then healthy again
	duration time.Duration // how long it is watched after the start
	// step is the scrape and evaluation interval: a minute where minutes matter, 5m for the
	// multi-day burns (promtool evaluates every rule at every step; Sloth's read days of raw
	// samples each time).
	step time.Duration
	// warmUp is the healthy traffic before the start: a day fills the pages' windows and the
	// 1d ticket's; the slow burns need the 3d window full.
	warmUp time.Duration
}

var scenarios = []scenario{
	{name: "14.4x", burn: 14.4, duration: 3 * time.Hour, step: time.Minute, warmUp: 24 * time.Hour},
	{name: "6x", burn: 6, duration: 8 * time.Hour, step: time.Minute, warmUp: 24 * time.Hour},
	{name: "1x", burn: 1, duration: 78 * time.Hour, step: 5 * time.Minute, warmUp: 72 * time.Hour},
	{name: "0.5x", burn: 0.5, duration: 78 * time.Hour, step: 5 * time.Minute, warmUp: 72 * time.Hour},
	{name: "10m outage", outage: 10 * time.Minute, duration: 2 * time.Hour, step: time.Minute, warmUp: 24 * time.Hour},
	{name: "vanished", burn: math.NaN(), duration: time.Hour, step: time.Minute, warmUp: 24 * time.Hour},
}

var fixtures = []sloFixture{
	{name: "availability", objective: 99.9, window: "30d", series: func(good, bad []float64, n int) []inputSeries {
		// 4 endpoints, a success code and a 5xx each.
		var out []inputSeries
		for _, ep := range []string{"profiles", "events", "lists", "campaigns"}[:n] {
			out = append(out,
				counter(fmt.Sprintf(`klearkarma_http_requests_total{endpoint=%q,status_code="200"}`, ep), scaled(good, 1/float64(n))),
				counter(fmt.Sprintf(`klearkarma_http_requests_total{endpoint=%q,status_code="503"}`, ep), scaled(bad, 1/float64(n))))
		}
		return out
	}},
	{name: "latency", objective: 95, window: "7d", series: func(good, bad []float64, n int) []inputSeries {
		// 4 endpoints, cumulative buckets: good requests within 0.5s, bad ones above.
		var out []inputSeries
		buckets := []struct {
			le        string
			good, bad float64
		}{{"0.1", 0.5, 0}, {"0.25", 0.8, 0}, {"0.5", 1, 0}, {"1", 1, 0.6}, {"2.5", 1, 0.9}, {"+Inf", 1, 1}}
		for _, ep := range []string{"profiles", "events", "lists", "campaigns"}[:n] {
			for _, b := range buckets {
				out = append(out, counter(fmt.Sprintf(`klearkarma_http_request_duration_seconds_bucket{endpoint=%q,le=%q}`, ep, b.le),
					sum(scaled(good, b.good/float64(n)), scaled(bad, b.bad/float64(n)))))
			}
		}
		return out
	}},
	{name: "booking_success", objective: 99, window: "1d", series: func(good, bad []float64, n int) []inputSeries {
		var out []inputSeries
		for _, ch := range []string{"web", "app", "partner", "phone"}[:n] {
			out = append(out,
				counter(fmt.Sprintf(`klearkarma_booking_attempts_total{channel=%q}`, ch), scaled(sum(good, bad), 1/float64(n))),
				counter(fmt.Sprintf(`klearkarma_bookings_created_total{channel=%q}`, ch), scaled(good, 1/float64(n))))
		}
		return out
	}},
	{name: "payment_success", objective: 98, window: "30d", series: func(good, bad []float64, n int) []inputSeries {
		var out []inputSeries
		for _, p := range []string{"stripe", "adyen", "paypal", "klarna"}[:n] {
			out = append(out,
				counter(fmt.Sprintf(`klearkarma_payments_total{provider=%q,outcome="succeeded"}`, p), scaled(good, 1/float64(n))),
				counter(fmt.Sprintf(`klearkarma_payments_total{provider=%q,outcome="failed"}`, p), scaled(bad, 1/float64(n))))
		}
		return out
	}},
}

func (f sloFixture) windowDays() time.Duration {
	n, err := strconv.Atoi(strings.TrimSuffix(f.window, "d"))
	if err != nil {
		panic(f.window)
	}
	return time.Duration(n)
}

// counter turns per-step increments into a counter's values.
func counter(labels string, inc []float64) inputSeries {
	v := make([]float64, len(inc))
	acc := 0.0
	for i, x := range inc {
		if math.IsNaN(x) {
			return inputSeries{labels: labels, values: v[:i]}
		}
		acc += x
		v[i] = acc
	}
	return inputSeries{labels: labels, values: v}
}

func scaled(xs []float64, f float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = x * f
	}
	return out
}

func sum(a, b []float64) []float64 {
	out := make([]float64, len(a))
	for i := range a {
		out[i] = a[i] + b[i]
	}
	return out
}

// traffic is the good and bad events per step of an SLO in a scenario; NaN marks the end of
// the series.
func traffic(f sloFixture, sc scenario) (good, bad []float64) {
	budget := (100 - f.objective) / 100
	n := int((sc.warmUp + sc.duration) / sc.step)
	good, bad = make([]float64, n+1), make([]float64, n+1)
	start := int(sc.warmUp / sc.step)
	per := perMinute * sc.step.Minutes()
	for i := 1; i <= n; i++ {
		t := time.Duration(i-start) * sc.step // since the scenario's start
		errRatio := 0.0
		switch {
		case i <= start:
		case math.IsNaN(sc.burn):
			good[i], bad[i] = math.NaN(), math.NaN()
			continue
		case sc.outage > 0:
			if t <= sc.outage {
				errRatio = 1
			}
		default:
			errRatio = sc.burn * budget * overBudget
		}
		bad[i] = per * errRatio
		good[i] = per - bad[i]
	}
	return good, bad
}

// firstAlerts runs promtool on one rule file and one scenario with all four SLOs' series and
// returns, per SLO, the first time after the scenario's start that each kind of alert fired.
func firstAlerts(t *testing.T, promtool, rules string, sc scenario) map[string]map[string]time.Duration {
	dir := t.TempDir()
	var in strings.Builder
	for _, f := range fixtures {
		good, bad := traffic(f, sc)
		for _, s := range f.series(good, bad, 1) {
			fmt.Fprintf(&in, "      - series: '%s'\n        values: '%s'\n", s.labels, notation(s.values))
		}
	}
	end := sc.warmUp + sc.duration
	// The first firing sample of every alert since the start: one query instead of one
	// check per minute. promtool reports what it got when nothing was expected.
	query := fmt.Sprintf(`min by (alertname, severity, slo, sloth_slo) (min_over_time(timestamp(ALERTS{alertstate="firing"})[%ds:%ds]))`,
		int(sc.duration/time.Second), int(sc.step/time.Second))
	test := fmt.Sprintf("rule_files: [%s]\nevaluation_interval: %s\ntests:\n  - interval: %s\n    input_series:\n%s    promql_expr_test:\n      - expr: '%s'\n        eval_time: %ds\n        exp_samples: []\n",
		rules, dur(sc.step), dur(sc.step), in.String(), query, int(end/time.Second))
	file := filepath.Join(dir, "scenario.test.yml")
	if err := os.WriteFile(file, []byte(test), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := promtoolRun(t, dir, promtool, "test", "rules", file)
	got := map[string]map[string]time.Duration{}
	if strings.Contains(out, "SUCCESS") {
		return got
	}
	i := strings.Index(out, "got:")
	if i < 0 {
		t.Errorf("promtool on %s, scenario %s: %v\n%s", rules, sc.name, err, tail(out, 30))
		return nil
	}
	for _, m := range sampleRE.FindAllStringSubmatch(out[i:], -1) {
		ls := labelsOf(m[1])
		v, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			t.Errorf("promtool output %q: %v", m[0], err)
			return nil
		}
		name := ls["slo"] + ls["sloth_slo"]
		if got[name] == nil {
			got[name] = map[string]time.Duration{}
		}
		at := time.Duration(v)*time.Second - sc.warmUp
		kind := alertKind(ls)
		if prev, ok := got[name][kind]; !ok || at < prev {
			got[name][kind] = at
		}
	}
	return got
}

// promtoolRun runs promtool until the test's deadline, and no longer.
func promtoolRun(t *testing.T, dir, promtool string, args ...string) (string, error) {
	ctx, cancel := context.Background(), func() {}
	if d, ok := t.Deadline(); ok {
		ctx, cancel = context.WithDeadline(ctx, d.Add(-10*time.Second))
	}
	defer cancel()
	cmd := exec.CommandContext(ctx, promtool, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return string(out), err
}

var (
	sampleRE = regexp.MustCompile(`\{([^}]*)\} ([-+0-9.eE]+)`)
	labelRE  = regexp.MustCompile(`(\w+)="((?:[^"\\]|\\.)*)"`)
)

func labelsOf(s string) map[string]string {
	ls := map[string]string{}
	for _, m := range labelRE.FindAllStringSubmatch(s, -1) {
		ls[m[1]] = m[2]
	}
	return ls
}

// alertKind classes an alert of either tool: page and ticket (burn rates), and metricgen's
// budget-exhausted and series-missing alerts.
func alertKind(ls map[string]string) string {
	switch ls["alertname"] {
	case "SLOErrorBudgetExhausted":
		return "exhausted"
	case "SLOSeriesMissing":
		return "missing"
	}
	if ls["severity"] == "critical" {
		return "page"
	}
	return "ticket"
}

// notation writes values in promtool's expanding notation, runs of equal increments folded.
func notation(vs []float64) string {
	var parts []string
	for i := 0; i < len(vs); {
		if i+1 == len(vs) {
			parts = append(parts, num(vs[i]))
			break
		}
		inc := vs[i+1] - vs[i]
		j := i + 1
		for j+1 < len(vs) && math.Abs((vs[j+1]-vs[j])-inc) < 1e-9 {
			j++
		}
		parts = append(parts, fmt.Sprintf("%s+%sx%d", num(vs[i]), num(inc), j-i))
		i = j + 1
	}
	return strings.Join(parts, " ")
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func dur(d time.Duration) string { return strconv.Itoa(int(d/time.Second)) + "s" }

// ruleCost reads a rule file and returns, per SLO, its number of rules and the samples one
// evaluation of them reads: for each selector, the series it matches (counted by promtool
// on the steady-state traffic) times the samples of its range, raw series scraped every
// scrapeCost and recorded ones written every evalCost.
func ruleCost(t *testing.T, promtool, rules string) map[string][2]int {
	t.Helper()
	var groups struct {
		Groups []struct {
			Name  string
			Rules []struct{ Expr string }
		}
	}
	b, err := os.ReadFile(rules)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, &groups); err != nil {
		t.Fatalf("%s: %v", rules, err)
	}
	type use struct {
		slo      string
		selector string
		samples  float64 // per matched series
	}
	var uses []use
	out := map[string][2]int{}
	for _, g := range groups.Groups {
		for _, r := range g.Rules {
			name := sloOf(g.Name)
			if name == "" {
				continue
			}
			c := out[name]
			c[0]++
			out[name] = c
			e, err := parser.NewParser(parser.Options{}).ParseExpr(r.Expr)
			if err != nil {
				t.Fatal(err)
			}
			parser.Inspect(e, func(n parser.Node, path []parser.Node) error {
				vs, ok := n.(*parser.VectorSelector)
				if !ok {
					return nil
				}
				samples := 1.0
				if len(path) > 0 {
					if ms, ok := path[len(path)-1].(*parser.MatrixSelector); ok {
						interval := scrapeCost
						if strings.Contains(vs.Name, ":") {
							interval = evalCost
						}
						samples = float64(ms.Range / interval)
					}
				}
				plain := *vs
				plain.OriginalOffset, plain.Offset = 0, 0
				uses = append(uses, use{slo: name, selector: plain.String(), samples: samples})
				return nil
			})
		}
	}
	// Count the series each selector matches at the end of a healthy run.
	distinct := map[string]bool{}
	for _, u := range uses {
		distinct[u.selector] = true
	}
	var sels []string
	for s := range distinct {
		sels = append(sels, s)
	}
	sort.Strings(sels)
	counts := countSeries(t, promtool, rules, sels)
	cost := map[string]float64{}
	for _, u := range uses {
		cost[u.slo] += float64(counts[u.selector]) * u.samples
	}
	for name, c := range out {
		c[1] = int(cost[name])
		out[name] = c
	}
	return out
}

// sloOf names the SLO a rule belongs to: metricgen's groups end in -slo-<name>, Sloth's
// rules carry sloth_slo (its SLI recordings) or name it in their group.
func sloOf(group string) string {
	for _, f := range fixtures {
		if strings.HasSuffix(group, "-"+f.name) {
			return f.name
		}
	}
	return ""
}

// countSeries asks promtool how many series each selector matches after a healthy run long
// enough to fill every recorded window metricgen's rules read.
func countSeries(t *testing.T, promtool, rules string, sels []string) map[string]int {
	t.Helper()
	sc := scenario{name: "healthy", burn: 0, duration: time.Hour, step: time.Minute}
	dir := t.TempDir()
	var in strings.Builder
	for _, f := range fixtures {
		good, bad := traffic(f, sc)
		for _, s := range f.series(good, bad, costSpread) {
			fmt.Fprintf(&in, "      - series: '%s'\n        values: '%s'\n", s.labels, notation(s.values))
		}
	}
	var exprs strings.Builder
	for _, s := range sels {
		fmt.Fprintf(&exprs, "      - expr: 'count(%s) or vector(0)'\n        eval_time: %ds\n        exp_samples: [{labels: '{}', value: -1}]\n",
			strings.ReplaceAll(s, "'", "''"), int(sc.duration/time.Second))
	}
	test := fmt.Sprintf("rule_files: [%s]\nevaluation_interval: %s\ntests:\n  - interval: %s\n    input_series:\n%s    promql_expr_test:\n%s",
		rules, dur(sc.step), dur(sc.step), in.String(), exprs.String())
	file := filepath.Join(dir, "count.test.yml")
	if err := os.WriteFile(file, []byte(test), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := promtoolRun(t, dir, promtool, "test", "rules", file)
	counts := map[string]int{}
	// Each failure names the expression, then what it got.
	blocks := strings.Split(out, "expr: ")
	for _, b := range blocks[1:] {
		q, err := strconv.Unquote(b[:strings.Index(b, ", time:")])
		if err != nil {
			t.Fatalf("promtool output: %v\n%s", err, b)
		}
		sel := strings.TrimSuffix(strings.TrimPrefix(q, "count("), ") or vector(0)")
		m := sampleRE.FindStringSubmatch(b[strings.Index(b, "got:"):])
		if m == nil {
			t.Fatalf("promtool output for %s:\n%s", sel, b)
		}
		v, _ := strconv.ParseFloat(m[2], 64)
		counts[sel] = int(v)
	}
	if len(counts) != len(sels) {
		t.Fatalf("counted %d of %d selectors:\n%s", len(counts), len(sels), tail(out, 40))
	}
	return counts
}

func TestPromtoolSLOCompare(t *testing.T) {
	promtool := requireTool(t, "promtool")
	tools := []struct{ name, rules string }{
		{"metricgen", requireFile(t, ourSLORules)},
		{"Sloth v0.16.0", requireFile(t, slothSLORules)},
	}
	type key struct{ tool, scenario string }
	results := map[key]map[string]map[string]time.Duration{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2) // the machine's two cores
	for _, tool := range tools {
		for _, sc := range scenarios {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				r := firstAlerts(t, promtool, tool.rules, sc)
				mu.Lock()
				results[key{tool.name, sc.name}] = r
				mu.Unlock()
			}()
		}
	}
	wg.Wait()
	if t.Failed() {
		return
	}

	var md strings.Builder
	md.WriteString("| SLO | scenario | metricgen: page / ticket / other | Sloth v0.16.0: page / ticket |\n|---|---|---|---|\n")
	for _, f := range fixtures {
		for _, sc := range scenarios {
			ours := results[key{"metricgen", sc.name}][f.name]
			theirs := results[key{"Sloth v0.16.0", sc.name}][f.name]
			fmt.Fprintf(&md, "| %s (%g%%/%s) | %s | %s / %s / %s | %s / %s |\n", f.name, f.objective, f.window, sc.name,
				when(ours, "page"), when(ours, "ticket"), others(ours, f.windowDays()*24*time.Hour > sc.warmUp), when(theirs, "page"), when(theirs, "ticket"))
			checkScenario(t, f, sc, ours, theirs)
		}
	}
	fmt.Fprintf(&md, "\nTimes are from the start of the scenario, after a healthy warm-up (1d; 3d for 1x and 0.5x) at %d events a minute per SLO; burns run %.1f%% above their nominal rate so that no input sits exactly on a threshold. Scrape and evaluation every minute (every 5m for 1x and 0.5x, whose times are therefore multiples of 5m). Sloth generates one SLO period per run: its rules use its default 30d catalogue for every SLO. Exhausted times marked * are for an SLO window longer than the warm-up: the budget over the traffic seen, not over a full window.\n",
		perMinute, (overBudget-1)*100)
	report(t, md.String())
}

// report logs a table and appends it to $SLO_COMPARE_OUT when set.
func report(t *testing.T, md string) {
	t.Log("\n" + md)
	if out := os.Getenv("SLO_COMPARE_OUT"); out != "" {
		f, err := os.OpenFile(out, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteString(md + "\n"); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPromtoolSLOCost counts the rules of each SLO and the samples one evaluation of them
// reads, for metricgen's rules and Sloth's.
func TestPromtoolSLOCost(t *testing.T) {
	promtool := requireTool(t, "promtool")
	tools := []struct{ name, rules string }{
		{"metricgen", requireFile(t, ourSLORules)},
		{"Sloth v0.16.0", requireFile(t, slothSLORules)},
	}
	var md strings.Builder
	md.WriteString("| SLO | rules: metricgen / Sloth | samples per evaluation: metricgen / Sloth |\n|---|---|---|\n")
	ourCost := ruleCost(t, promtool, tools[0].rules)
	slothCost := ruleCost(t, promtool, tools[1].rules)
	for _, f := range fixtures {
		o, s := ourCost[f.name], slothCost[f.name]
		fmt.Fprintf(&md, "| %s | %d / %d | %d / %d |\n", f.name, o[0], s[0], o[1], s[1])
		if o[1] >= s[1] {
			t.Errorf("%s: metricgen's rules read %d samples per evaluation, Sloth's %d", f.name, o[1], s[1])
		}
	}
	fmt.Fprintf(&md, "\nSamples per evaluation: for each selector of each rule, the series it matches (counted by promtool) times the samples in its range, with a %s scrape and a %s evaluation interval and each SLI spread over %d label values.\n",
		durText(scrapeCost), durText(evalCost), costSpread)
	report(t, md.String())
}

// checkScenario holds metricgen's rules to the bar in one scenario.
func checkScenario(t *testing.T, f sloFixture, sc scenario, ours, theirs map[string]time.Duration) {
	t.Helper()
	for _, kind := range []string{"page", "ticket"} {
		st, ok := theirs[kind]
		if !ok {
			continue
		}
		if ot, ok := ours[kind]; !ok || ot > st+sc.step {
			t.Errorf("%s, %s: metricgen's first %s %s, Sloth's %s", f.name, sc.name, kind, when(ours, kind), durText(st))
		}
	}
	switch {
	case sc.name == "6x":
		if _, ok := ours["page"]; !ok {
			t.Errorf("%s, 6x: no page", f.name)
		}
	case sc.name == "0.5x":
		if len(ours) > 0 {
			t.Errorf("%s, 0.5x: alerts %v", f.name, ours)
		}
	case math.IsNaN(sc.burn):
		if at, ok := ours["missing"]; !ok || at > 10*time.Minute {
			t.Errorf("%s, vanished series: missing-series alert %s", f.name, when(ours, "missing"))
		}
	}
}

func when(m map[string]time.Duration, kind string) string {
	at, ok := m[kind]
	if !ok {
		return "—"
	}
	return "+" + durText(at)
}

// others lists the alerts besides pages and tickets; partial marks the budget alert of an SLO
// whose window the warm-up does not fill.
func others(m map[string]time.Duration, partial bool) string {
	var out []string
	for kind, at := range m {
		if kind != "page" && kind != "ticket" {
			mark := ""
			if kind == "exhausted" && partial {
				mark = "*"
			}
			out = append(out, kind+" +"+durText(at)+mark)
		}
	}
	slices.Sort(out)
	if len(out) == 0 {
		return "—"
	}
	return strings.Join(out, ", ")
}

// durText writes a duration in days, hours and minutes.
func durText(d time.Duration) string {
	if d < 0 {
		return "-" + durText(-d)
	}
	var sb strings.Builder
	for _, u := range []struct {
		unit time.Duration
		name string
	}{{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}, {time.Second, "s"}} {
		if n := d / u.unit; n > 0 {
			fmt.Fprintf(&sb, "%d%s ", n, u.name)
			d -= n * u.unit
		}
	}
	if sb.Len() == 0 {
		return "0m"
	}
	return strings.TrimSpace(sb.String())
}

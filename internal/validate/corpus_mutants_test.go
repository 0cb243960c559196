package validate

// Injected bugs: every rule of the corpus gets, where it has the place for one, each of the
// mistakes below, one at a time; the mutated spec must then raise a new error at the line of
// the mistake. The kinds are the bugs that reach production in real rule files:
//
//   - matcher-label: a label name misspelt in a matcher (`{namespce="x"}`);
//   - grouping-label: a label of by (...) or on (...) misspelt, one no input series has;
//   - le-dropped: the le label left out of the aggregation under histogram_quantile;
//   - metric-name: a metric name misspelt;
//   - never-match: one side of a vector match aggregated to other labels than the other
//     (a label dropped from its by (...), or a sum(...) around a side that had none);
//   - template-label: a $labels.x of an annotation that the expression aggregates away.

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/promql"
	"github.com/metricgen/metricgen/internal/spec"
)

// mutation is one injected bug: the rule's expression (or, for template-label, one template)
// rewritten, and the offset in the rewritten text the error must be reported at.
type mutation struct {
	kind string
	expr string // the mutated expression; "" when a template is mutated
	// field and text: the template mutated instead ("summary", "description",
	// "annotations.x"), with its new text.
	field, text string
	at          int    // offset in the mutated expression or template of the mistake
	why         string // what was changed, for the report
}

var mutationKinds = []string{"matcher-label", "grouping-label", "le-dropped", "metric-name", "never-match", "template-label"}

// typo misspells a name the way fingers do: the middle letter goes.
func typo(s string) string {
	if len(s) < 3 {
		return s + "x"
	}
	i := len(s) / 2
	return s[:i] + s[i+1:]
}

// word finds the identifier w in q[from:to] outside strings, -1 when absent.
func word(q string, from, to int, w string) int {
	re := regexp.MustCompile(`(^|[^A-Za-z0-9_:])(` + regexp.QuoteMeta(w) + `)($|[^A-Za-z0-9_:])`)
	from, to = max(0, from), min(len(q), to)
	for off := from; off < to; {
		loc := re.FindStringSubmatchIndex(q[off:to])
		if loc == nil {
			return -1
		}
		start := off + loc[4]
		if !inString(q, start) {
			return start
		}
		off = start + len(w)
	}
	return -1
}

// inString reports whether offset i of q is inside a string literal or a comment.
func inString(q string, i int) bool {
	var quote byte
	for j := 0; j < i; j++ {
		c := q[j]
		switch {
		case quote != 0 && c == '\\' && quote != '`':
			j++
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
		case c == '"' || c == '\'' || c == '`':
			quote = c
		case c == '#':
			for j < i && q[j] != '\n' {
				j++
			}
			if j >= i {
				return true
			}
		}
	}
	return quote != 0
}

func splice(q string, at, n int, with string) string { return q[:at] + with + q[at+n:] }

func pos(n promql.Node) (int, int) { r := n.PositionRange(); return int(r.Start), int(r.End) }

// mutations returns the bugs that can be injected into one rule: at most one per kind, the
// first place in the expression where the kind applies.
func mutations(expr string, templates []kvText, records map[string]bool) []mutation {
	e, err := promql.ParseExpr(expr)
	if err != nil {
		return nil
	}
	var out []mutation
	have := map[string]bool{}
	emit := func(m mutation) {
		if have[m.kind] {
			return
		}
		if m.expr != "" {
			if _, err := promql.ParseExpr(m.expr); err != nil {
				return // the mutation must stay valid PromQL
			}
		}
		have[m.kind] = true
		out = append(out, m)
	}
	promql.Inspect(e, func(n promql.Node, path []promql.Node) error {
		switch x := n.(type) {
		case *promql.VectorSelector:
			from, to := pos(x)
			for _, m := range x.LabelMatchers {
				if m.Name == "__name__" || m.Type.String() != "=" || m.Value == "" {
					continue
				}
				if i := word(expr, from, to, m.Name); i >= 0 {
					t := typo(m.Name)
					emit(mutation{kind: "matcher-label", expr: splice(expr, i, len(m.Name), t), at: i, why: m.Name + " -> " + t})
					break
				}
			}
			if name := x.Name; name != "" && !records[name] {
				if i := word(expr, from, to, name); i >= 0 {
					t := typo(name)
					emit(mutation{kind: "metric-name", expr: splice(expr, i, len(name), t), at: i, why: name + " -> " + t})
				}
			}
		case *promql.AggregateExpr:
			if x.Without {
				break
			}
			from, to := pos(x)
			for _, l := range x.Grouping {
				if l == "le" {
					continue
				}
				if i := groupingWord(expr, x, l); i >= 0 && i < to && i >= from {
					t := typo(l)
					emit(mutation{kind: "grouping-label", expr: splice(expr, i, len(l), t), at: i, why: "by (" + l + ") -> by (" + t + ")"})
					break
				}
			}
		case *promql.Call:
			if x.Func.Name != "histogram_quantile" || len(x.Args) != 2 {
				break
			}
			agg, ok := unparenAgg(x.Args[1])
			if !ok || agg.Without || !slices.Contains(agg.Grouping, "le") {
				break
			}
			i := groupingWord(expr, agg, "le")
			if i < 0 {
				break
			}
			// Drop "le" with the comma before or after it.
			j, k := i, i+2
			if m := regexp.MustCompile(`^\s*,\s*`).FindString(expr[k:]); m != "" {
				k += len(m)
			} else if m := regexp.MustCompile(`,\s*$`).FindString(expr[:j]); m != "" {
				j -= len(m)
			}
			aggFrom, _ := pos(agg)
			emit(mutation{kind: "le-dropped", expr: expr[:j] + expr[k:], at: aggFrom, why: "le removed from " + agg.Op.String() + " by (" + strings.Join(agg.Grouping, ", ") + ")"})
		case *promql.BinaryExpr:
			if m, ok := neverMatch(expr, x); ok {
				emit(m)
			}
			vm := x.VectorMatching
			if vm != nil && vm.On && isVector(x.LHS) && isVector(x.RHS) {
				_, lhsEnd := pos(x.LHS)
				rhsStart, _ := pos(x.RHS)
				for _, l := range vm.MatchingLabels {
					if i := word(expr, lhsEnd, rhsStart, l); i >= 0 {
						t := typo(l)
						emit(mutation{kind: "grouping-label", expr: splice(expr, i, len(l), t), at: i, why: "on (" + l + ") -> on (" + t + ")"})
						break
					}
				}
			}
		}
		return nil
	})
	if m, ok := templateMutation(expr, e, templates); ok {
		emit(m)
	}
	return out
}

func unparenAgg(e promql.Expr) (*promql.AggregateExpr, bool) {
	for {
		p, ok := e.(*promql.ParenExpr)
		if !ok {
			break
		}
		e = p.Expr
	}
	a, ok := e.(*promql.AggregateExpr)
	return a, ok
}

// groupingWord finds label l in the by (...) clause of a, written before or after its
// arguments.
func groupingWord(q string, a *promql.AggregateExpr, l string) int {
	from, to := pos(a)
	inFrom, inTo := pos(a.Expr)
	if a.Param != nil {
		pf, pt := pos(a.Param)
		inFrom, inTo = min(inFrom, pf), max(inTo, pt)
	}
	if i := word(q, from, inFrom, l); i >= 0 {
		return i
	}
	return word(q, inTo, to, l)
}

// neverMatch makes the two sides of a one-to-one vector match disagree: one label less in
// the by (...) of the left side, or, when the left side is no aggregation, a sum(...) around
// it. The label dropped must be one the match compares.
func neverMatch(q string, b *promql.BinaryExpr) (mutation, bool) {
	switch b.Op.String() {
	case "or", "unless":
		return mutation{}, false
	}
	vm := b.VectorMatching
	if vm == nil || !isVector(b.LHS) || !isVector(b.RHS) || vm.Card.String() != "one-to-one" || b.ReturnBool {
		return mutation{}, false
	}
	lf, lt := pos(b.LHS)
	opAt := word(q, lt, int(b.RHS.PositionRange().Start), b.Op.String())
	if opAt < 0 {
		opAt = strings.Index(q[lt:], b.Op.String())
		if opAt < 0 {
			return mutation{}, false
		}
		opAt += lt
	}
	if agg, ok := unparenAgg(b.LHS); ok && !agg.Without && len(agg.Grouping) > 0 {
		switch agg.Op.String() {
		case "topk", "bottomk", "limitk", "limit_ratio", "count_values", "quantile":
			return mutation{}, false
		}
		for _, l := range slices.Backward(agg.Grouping) {
			if vm.On && !slices.Contains(vm.MatchingLabels, l) || !vm.On && slices.Contains(vm.MatchingLabels, l) {
				continue
			}
			i := groupingWord(q, agg, l)
			if i < 0 {
				continue
			}
			j, k := i, i+len(l)
			if m := regexp.MustCompile(`^\s*,\s*`).FindString(q[k:]); m != "" {
				k += len(m)
			} else if m := regexp.MustCompile(`,\s*$`).FindString(q[:j]); m != "" {
				j -= len(m)
			}
			out := q[:j] + q[k:]
			return mutation{kind: "never-match", expr: out, at: opAt - (k - j), why: l + " dropped from the left side's " + agg.Op.String() + " by (...)"}, true
		}
		return mutation{}, false
	}
	if vm.On || len(vm.MatchingLabels) > 0 {
		return mutation{}, false
	}
	if _, isAgg := unparenAgg(b.LHS); isAgg {
		return mutation{}, false
	}
	out := q[:lf] + "sum(" + q[lf:lt] + ")" + q[lt:]
	return mutation{kind: "never-match", expr: out, at: opAt + len("sum()"), why: "left side wrapped in sum(...)"}, true
}

// kvText is one template of an alert: its field name and text.
type kvText struct{ field, text string }

// templateMutation drops label x from the by (...) of the aggregation through which the
// alert's result carries it, where a template reads $labels.x.
func templateMutation(q string, e promql.Expr, templates []kvText) (mutation, bool) {
	for _, t := range templates {
		refs, bad := promql.CheckTemplate(t.text)
		if bad != nil {
			continue
		}
		for _, r := range refs {
			if r.Label == "job" || r.Label == "instance" {
				continue
			}
			agg := outerBy(e, r.Label)
			if agg == nil {
				continue
			}
			i := groupingWord(q, agg, r.Label)
			if i < 0 {
				continue
			}
			j, k := i, i+len(r.Label)
			if m := regexp.MustCompile(`^\s*,\s*`).FindString(q[k:]); m != "" {
				k += len(m)
			} else if m := regexp.MustCompile(`,\s*$`).FindString(q[:j]); m != "" {
				j -= len(m)
			} else {
				continue // the only label: leave the aggregation its shape
			}
			return mutation{kind: "template-label", expr: q[:j] + q[k:], field: t.field, at: r.Off, why: r.Label + " dropped from " + agg.Op.String() + " by (...), which " + t.field + " reads"}, true
		}
	}
	return mutation{}, false
}

// outerBy returns the outermost by (...) aggregation on the path the result's labels take
// that keeps label l, nil when none.
func outerBy(n promql.Node, l string) *promql.AggregateExpr {
	switch e := n.(type) {
	case *promql.ParenExpr:
		return outerBy(e.Expr, l)
	case *promql.AggregateExpr:
		if !e.Without && slices.Contains(e.Grouping, l) {
			switch e.Op.String() {
			case "topk", "bottomk", "limitk", "limit_ratio":
				return outerBy(e.Expr, l)
			}
			return e
		}
		return nil
	case *promql.BinaryExpr:
		if isVector(e.LHS) {
			if a := outerBy(e.LHS, l); a != nil {
				return a
			}
		}
		if !isVector(e.LHS) && isVector(e.RHS) {
			return outerBy(e.RHS, l)
		}
	case *promql.Call:
		for _, a := range e.Args {
			if isVector(a) {
				return outerBy(a, l)
			}
		}
	}
	return nil
}

// mutant is one mutated copy of a corpus spec.
type mutant struct {
	spec, rule string
	mutation
	src  []byte
	base []byte // the same spec without the mutation
	line int    // where the error must be
}

// corpusMutants builds every mutant of one converted spec. A mutant holds the mutated rule
// and the recording rules it reads (the metrics and the rest stay), so that checking it costs
// one rule, not the whole file; base is the same spec unmutated.
func corpusMutants(t *testing.T, cs corpusSpec) []mutant {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(cs.src, &doc); err != nil {
		t.Fatal(err)
	}
	root := doc.Content[0]
	allRecords := ySeqAt(root, "recording_rules")
	records := map[string]bool{}
	for _, r := range allRecords {
		records[yString(r, "record")] = true
	}
	var out []mutant
	for _, section := range []string{"alerts", "recording_rules"} {
		for i, r := range ySeqAt(root, section) {
			exprNode := yValue(r, "expr")
			name := yString(r, "alert") + yString(r, "record")
			var templates []kvText
			if section == "alerts" {
				for _, f := range []string{"summary", "description"} {
					if n := yValue(r, f); n != nil {
						templates = append(templates, kvText{f, n.Value})
					}
				}
				if a := yValue(r, "annotations"); a != nil {
					for j := 0; j+1 < len(a.Content); j += 2 {
						templates = append(templates, kvText{"annotations." + a.Content[j].Value, a.Content[j+1].Value})
					}
				}
			}
			ms := mutations(exprNode.Value, templates, records)
			if len(ms) == 0 {
				continue
			}
			// The reduced spec: this rule, and the recording rules it reads, in order.
			need := readRecords(exprNode.Value, allRecords)
			var recs []*yaml.Node
			idx := 0
			for _, rr := range allRecords {
				if rr == r {
					idx = len(recs)
					recs = append(recs, rr)
				} else if need[yString(rr, "record")] {
					recs = append(recs, rr)
				}
			}
			read := selected(exprNode.Value)
			for _, rr := range recs {
				for n := range selected(yString(rr, "expr")) {
					read[n] = true
				}
			}
			reduced := &yaml.Node{Kind: yaml.MappingNode}
			for j := 0; j+1 < len(root.Content); j += 2 {
				switch k, v := root.Content[j].Value, root.Content[j+1]; k {
				case "alerts", "recording_rules":
				case "external_metrics":
					ext := &yaml.Node{Kind: yaml.MappingNode}
					for x := 0; x+1 < len(v.Content); x += 2 {
						name := v.Content[x].Value
						if read[name] || read[name+"_bucket"] || read[name+"_sum"] || read[name+"_count"] {
							ext.Content = append(ext.Content, v.Content[x], v.Content[x+1])
						}
					}
					if len(ext.Content) > 0 {
						reduced.Content = append(reduced.Content, root.Content[j], ext)
					}
				default:
					reduced.Content = append(reduced.Content, root.Content[j], v)
				}
			}
			if section == "alerts" {
				idx = 0
				yPut(reduced, "alerts", ySeqOf([]*yaml.Node{r}))
			}
			if len(recs) > 0 {
				yPut(reduced, "recording_rules", ySeqOf(recs))
			}
			base, err := yaml.Marshal(reduced)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range ms {
				old := exprNode.Value
				exprNode.Value = m.expr
				src, err := yaml.Marshal(reduced)
				exprNode.Value = old
				if err != nil {
					t.Fatal(err)
				}
				mu := mutant{spec: cs.set + "/" + cs.name, rule: fmt.Sprintf("%s[%d] %s", section, i, name), mutation: m, src: src, base: base}
				mu.line = mutantLine(t, src, section, idx, m)
				out = append(out, mu)
			}
		}
	}
	return out
}

// selected returns the metric names expr selects.
func selected(expr string) map[string]bool {
	out := map[string]bool{}
	if e, err := promql.ParseExpr(expr); err == nil {
		promql.Inspect(e, func(n promql.Node, _ []promql.Node) error {
			if vs, ok := n.(*promql.VectorSelector); ok {
				out[selectorName(vs)] = true
			}
			return nil
		})
	}
	return out
}

// readRecords returns the recorded names expr reads, directly or through other recording
// rules.
func readRecords(expr string, all []*yaml.Node) map[string]bool {
	byName := map[string][]string{}
	for _, r := range all {
		byName[yString(r, "record")] = append(byName[yString(r, "record")], yString(r, "expr"))
	}
	need := map[string]bool{}
	var visit func(string)
	visit = func(q string) {
		e, err := promql.ParseExpr(q)
		if err != nil {
			return
		}
		promql.Inspect(e, func(n promql.Node, _ []promql.Node) error {
			vs, ok := n.(*promql.VectorSelector)
			if !ok {
				return nil
			}
			name := selectorName(vs)
			if exprs, rec := byName[name]; rec && !need[name] {
				need[name] = true
				for _, x := range exprs {
					visit(x)
				}
			}
			return nil
		})
	}
	visit(expr)
	return need
}

// mutantLine is the line of the mutated spec where the mistake is.
func mutantLine(t *testing.T, src []byte, section string, i int, m mutation) int {
	t.Helper()
	f, _, ds := spec.Load("mutant.yaml", src)
	if f == nil {
		t.Fatalf("mutant does not load: %v", ds)
	}
	var s spec.String
	if section == "alerts" {
		a := f.Alerts[i].Value
		s = a.Expr
		switch {
		case m.field == "summary":
			s = a.Summary
		case m.field == "description":
			s = a.Description
		case strings.HasPrefix(m.field, "annotations."):
			for _, e := range a.Annotations {
				if e.Key.Value == strings.TrimPrefix(m.field, "annotations.") {
					s = e.Value
				}
			}
		}
	} else {
		s = f.Records[i].Value.Expr
	}
	return f.PosIn(s, m.at).Line
}

func ySeqAt(m *yaml.Node, key string) []*yaml.Node {
	if n := yValue(m, key); n != nil {
		return n.Content
	}
	return nil
}

func yString(m *yaml.Node, key string) string {
	if n := yValue(m, key); n != nil {
		return n.Value
	}
	return ""
}

func yValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// TestRuleCorpusMutants injects every kind of bug into every rule of the corpus where it
// fits, and requires each to be reported as an error at its line.
func TestRuleCorpusMutants(t *testing.T) {
	made, caught := map[string]int{}, map[string]int{}
	out := Options{OutRoot: t.TempDir()}
	for _, cs := range corpusSpecs(t, false) {
		var base []byte
		before := map[string]bool{}
		for _, mu := range corpusMutants(t, cs) {
			made[mu.kind]++
			if !bytes.Equal(base, mu.base) {
				base = mu.base
				clear(before)
				_, ds := Source(cs.path, base, out)
				for _, d := range ds {
					if d.Severity == diag.Error {
						before[fmt.Sprintf("%d:%s", d.Line, d.Msg)] = true
					}
				}
			}
			_, ds := Source(cs.path, mu.src, out)
			ok := false
			var at []string
			for _, d := range ds {
				if d.Severity != diag.Error || before[fmt.Sprintf("%d:%s", d.Line, d.Msg)] {
					continue
				}
				at = append(at, d.String())
				if d.Line == mu.line {
					ok = true
				}
			}
			if ok {
				caught[mu.kind]++
				continue
			}
			t.Errorf("%s %s: %s (%s) not reported as an error at line %d; new errors: %v", mu.spec, mu.rule, mu.kind, mu.why, mu.line, at)
		}
	}
	total, totalCaught := 0, 0
	for _, k := range mutationKinds {
		t.Logf("%-15s %3d of %3d caught", k, caught[k], made[k])
		total += made[k]
		totalCaught += caught[k]
		if made[k] == 0 {
			t.Errorf("no %s mutant: the corpus has no place for one", k)
		}
	}
	t.Logf("all             %3d of %3d caught", totalCaught, total)
}

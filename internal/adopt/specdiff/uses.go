package specdiff

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/model"
)

// user is something in a spec that reads series through an expression: an alert, a recording
// rule, a dashboard panel, a rule test's expression.
type user struct {
	what   string // alert "X": how messages name it, and how it is matched across versions
	pos    diag.Pos
	expr   *model.Expr
	record string // the series a recording rule records; "" for the others
}

// users lists everything in s that has an expression, in spec order.
func users(s *model.Spec) []user {
	var out []user
	for _, a := range s.Alerts {
		out = append(out, user{fmt.Sprintf("alert %q", a.Name), a.Pos, a.Expr, ""})
	}
	for _, r := range s.Records {
		out = append(out, user{fmt.Sprintf("recording rule %q", r.Record), r.Pos, r.Expr, r.Record})
	}
	seen := map[string]int{}
	for _, p := range s.Dashboard.Panels {
		what := fmt.Sprintf("dashboard panel %q", p.Title)
		if seen[what]++; seen[what] > 1 {
			what = fmt.Sprintf("dashboard panel %q (#%d of that title)", p.Title, seen[what])
		}
		out = append(out, user{what, p.Pos, p.Expr, ""})
	}
	for _, o := range s.SLOs {
		for _, e := range o.SLI.Exprs {
			out = append(out, user{fmt.Sprintf("SLO %q", o.Name), e.Pos, e, ""})
		}
	}
	for _, t := range s.Tests {
		for i, et := range t.ExprTests {
			if et.Expr != nil {
				out = append(out, user{fmt.Sprintf("rule test %q (promql_expr_test %d)", t.Name, i+1), et.Expr.Pos, et.Expr, ""})
			}
		}
	}
	return out
}

// reader selects the selectors of interest in an expression.
type reader func(*model.Selector) bool

// first returns the first selector of e that r accepts.
func first(e *model.Expr, r reader) *model.Selector {
	if e == nil {
		return nil
	}
	for _, s := range e.Selectors {
		if r(s) {
			return s
		}
	}
	return nil
}

// uses lists what reads a thing: in the new version (still reading it), and in the old
// version where the new one no longer does (changed, or gone). oldR and newR recognise the
// thing's selectors in each version; a nil reader means the thing does not exist there.
func uses(old, new *model.Spec, oldR, newR reader) []Use { return usesNoted(old, new, oldR, newR, "") }

// usesNoted is uses with a note on the uses in the new version: what to check in them.
func usesNoted(old, new *model.Spec, oldR, newR reader, check string) []Use {
	var out []Use
	newUsers := users(new)
	byWhat := map[string]user{}
	listed := map[string]bool{}
	for _, u := range newUsers {
		if _, dup := byWhat[u.what]; !dup {
			byWhat[u.what] = u
		}
		if newR == nil || listed[u.what] {
			continue
		}
		if s := first(u.expr, newR); s != nil {
			out = append(out, Use{What: u.what, Pos: s.Pos, Note: check})
			listed[u.what] = true
		}
	}
	// What reads the series of a recording rule that uses the thing uses it too.
	for i := 0; i < len(out); i++ {
		rec := byWhat[out[i].What].record
		if rec == "" {
			continue
		}
		for _, u := range newUsers {
			if listed[u.what] {
				continue
			}
			if s := first(u.expr, readsRecord(rec)); s != nil {
				out = append(out, Use{What: u.what, Pos: s.Pos, Note: "through recording rule " + rec})
				listed[u.what] = true
			}
		}
	}
	if oldR == nil {
		return out
	}
	for _, u := range users(old) {
		s := first(u.expr, oldR)
		if s == nil || listed[u.what] {
			continue
		}
		if nu, ok := byWhat[u.what]; ok {
			out = append(out, Use{What: u.what, Pos: nu.pos, Note: fmt.Sprintf("changed: it no longer reads it (it did at line %d of the old version)", s.Pos.Line)})
			continue
		}
		out = append(out, Use{What: u.what, Old: true, Pos: s.Pos, Note: "gone from the new version"})
	}
	slices.SortStableFunc(out, func(a, b Use) int {
		return cmp.Or(compareBool(a.Old, b.Old), cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
	return out
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// readsMetric recognises the selectors of metric m (any of its series); nil for a nil m.
func readsMetric(m *model.Metric) reader {
	if m == nil {
		return nil
	}
	return func(s *model.Selector) bool { return s.Metric == m }
}

// readsBuckets recognises the selectors of histogram m's _bucket series and native
// histograms: what bucket boundaries change.
func readsBuckets(m *model.Metric) reader {
	if m == nil {
		return nil
	}
	return func(s *model.Selector) bool { return s.Metric == m && (s.Suffix == "_bucket" || s.Suffix == "") }
}

// readsRecord recognises the selectors of recording rule name.
func readsRecord(name string) reader {
	return func(s *model.Selector) bool { return s.Record == name }
}

// readsValue recognises the selectors that can only match series whose label l has one of
// values: an equality or regular-expression matcher on l that matches one of them.
func readsValue(l string, values []string) reader {
	return func(s *model.Selector) bool {
		for _, m := range s.Matchers {
			if m.Label != l {
				continue
			}
			for _, v := range values {
				switch m.Op {
				case "=":
					if m.Value == v {
						return true
					}
				case "=~":
					if re, err := regexp.Compile("^(?:" + m.Value + ")$"); err == nil && re.MatchString(v) {
						return true
					}
				}
			}
		}
		return false
	}
}

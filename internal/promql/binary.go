package promql

import (
	"fmt"
	"slices"
	"strings"

	"github.com/prometheus/prometheus/promql/parser"

	"github.com/metricgen/metricgen/internal/diag"
)

// binary infers a binary operation, and checks that vector operands can match.
func (c *checker) binary(e *parser.BinaryExpr, cx ctx) value {
	lcx, rcx := cx, cx
	switch {
	case e.Op == parser.LAND || e.Op == parser.LUNLESS:
		rcx.counterOK = true // only the right side's labels matter, not its values
	case e.Op.IsComparisonOperator():
		// A comparison reads values, even inside count(...) or the right side of and.
		lcx.counterOK, rcx.counterOK = false, false
	}
	l, r := c.eval(e.LHS, lcx), c.eval(e.RHS, rcx)
	lv, rv := l.typ == parser.ValueTypeVector, r.typ == parser.ValueTypeVector
	// Arithmetic and comparisons with bool compute a new value: the metric name goes.
	dropName := e.ReturnBool || !e.Op.IsComparisonOperator() && !e.Op.IsSetOperator()
	switch {
	case !lv && !rv:
		return value{typ: parser.ValueTypeScalar, ls: unknownSet}
	case lv && !rv:
		if dropName {
			l.ls = l.ls.each(alt.dropName)
		}
		return l
	case !lv && rv:
		if dropName {
			r.ls = r.ls.each(alt.dropName)
		}
		return r
	}
	vm := e.VectorMatching
	if vm == nil {
		vm = &parser.VectorMatching{Card: parser.CardOneToOne}
	}
	out := value{typ: parser.ValueTypeVector, ls: unknownSet}
	if c.opts.Grafana && (anyVar(vm.MatchingLabels) || anyVar(vm.Include)) {
		return out
	}
	b := &binop{c: c, e: e, vm: vm, l: l, r: r, at: c.opSpan(e), on: set(vm.MatchingLabels), dropName: dropName}
	many := l
	if vm.Card == parser.CardOneToMany {
		many = r
	}
	out.native, out.le = many.native, many.le
	b.modifiers()
	switch {
	case e.Op == parser.LOR:
		out.ls = l.ls.or(r.ls)
		return out
	case l.ls.unknown || r.ls.unknown || l.ls.upper || r.ls.upper:
		// Which series match cannot be told, but the result's labels still come from the
		// "many" side (and what group_x copies), whatever the other side holds.
		switch {
		case e.Op == parser.LAND || e.Op == parser.LUNLESS:
			out.ls = l.ls
		case !many.ls.unknown:
			out.ls = many.ls.each(func(a alt) alt {
				a = b.result(a)
				for _, x := range vm.Include {
					a = a.add(x, false)
				}
				return a
			})
			if len(vm.Include) > 0 && (l.ls.unknown || r.ls.unknown) {
				out.ls.upper = true // the labels group_x copies may not exist
			}
		case vm.Card == parser.CardOneToOne && vm.On:
			// An unknown side matched on(ls) returns at most the labels ls.
			out.ls = single(alt{labels: minus(b.on, []string{"__name__"})})
			out.ls.upper = true
		}
		return out
	}
	out.ls = b.match()
	if out.le == nil && !out.ls.unknown && many.ls.hasAny("le") && !out.ls.hasAny("le") {
		out.le = &leDrop{at: b.at, clause: b.modifierText(), fix: "add le to " + b.modifierText()}
	}
	return out
}

// binop is one vector-to-vector operation being checked.
type binop struct {
	c        *checker
	e        *parser.BinaryExpr
	vm       *parser.VectorMatching
	l, r     value
	at       span     // the operator and its modifiers
	on       []string // sorted MatchingLabels
	dropName bool
	reported bool // a cardinality error was reported: once per operation is enough
}

// sig is the set of labels two series must agree on to match.
func (b *binop) sig(a alt) []string {
	if b.vm.On {
		return inter(a.labels, b.on)
	}
	return minus(a.labels, b.on)
}

// match pairs the alternatives of both sides, reports when none can match or when a side
// holds several series per match group, and returns the result's labels.
func (b *binop) match() labelSet {
	var res []alt
	matched := false
	for _, la := range b.l.ls.alts {
		for _, ra := range b.r.ls.alts {
			if !slices.Equal(b.sig(la), b.sig(ra)) {
				continue
			}
			matched = true
			switch b.e.Op {
			case parser.LAND:
				la.pinned = union(la.pinned, inter(ra.pinned, b.sig(ra)))
				res = append(res, la)
			case parser.LUNLESS:
			default:
				if !b.reported {
					b.reported = b.cardinality(la, ra)
				}
				if b.vm.Card == parser.CardOneToMany {
					res = append(res, b.pair(ra, la))
				} else {
					res = append(res, b.pair(la, ra))
				}
			}
		}
	}
	if !matched {
		b.never()
		if b.e.Op == parser.LUNLESS || b.e.Op == parser.LAND {
			return b.l.ls
		}
		// Go on as if the sides matched, so that the checks of what uses the result (the
		// labels a template reads) still run: one mistake, every finding.
		many, one := b.l.ls, b.r.ls
		if b.vm.Card == parser.CardOneToMany {
			many, one = one, many
		}
		for _, m := range many.alts {
			for _, o := range one.alts {
				res = append(res, b.pair(m, o))
			}
		}
	}
	if b.e.Op == parser.LUNLESS {
		return b.l.ls
	}
	return normalize(res)
}

// result is the labels of a result series built from many-side series a, as far as they do
// not depend on the one side.
func (b *binop) result(a alt) alt {
	if b.dropName {
		a = a.dropName()
	}
	if b.vm.Card == parser.CardOneToOne {
		if b.vm.On {
			a = a.keep(b.on)
		} else {
			a = a.without(b.on)
		}
	}
	return a
}

// pair is the labels of the result of many-side series m matched with one-side series o:
// Prometheus' resultMetric.
func (b *binop) pair(m, o alt) alt {
	a := b.result(m)
	for _, l := range b.vm.Include {
		if o.has(l) {
			if has(a.key, l) {
				a.key = nil // the copied values may merge series the old ones told apart
			}
			a.labels = union(a.labels, []string{l})
			a.pinned = minus(a.pinned, []string{l})
			if has(o.pinned, l) {
				a.pinned = union(a.pinned, []string{l})
			}
			a.synth = minus(a.synth, []string{l})
			if has(o.synth, l) {
				a.synth = union(a.synth, []string{l})
			}
			a = a.unconstrain(l)
			for _, c := range o.cons {
				if c.label == l {
					a = a.constrain(l, c.ms...)
				}
			}
		} else {
			key := a.key
			a = a.without([]string{l})
			if !has(key, l) {
				a.key = key
			}
		}
	}
	// The labels both sides agree on take the other side's single value too.
	a.pinned = union(a.pinned, inter(inter(o.pinned, b.sig(o)), a.labels))
	return a
}

// never reports two sides whose label sets can never be equal on the matching labels.
func (b *binop) never() {
	L, R := b.l.ls.all(), b.r.ls.all()
	shared := inter(L, R)
	what := b.opName()
	var fix string
	switch {
	case b.vm.On:
		var oneSided []string
		for _, l := range b.on {
			if b.l.ls.hasAny(l) != b.r.ls.hasAny(l) {
				oneSided = append(oneSided, l)
			}
		}
		alt := "match with on() and group_left"
		if b.e.Op.IsSetOperator() {
			alt = "match with on()" // and, or and unless take no group_left: promtool rejects it
		}
		if len(shared) > 0 {
			alt = "match on labels both sides have (" + list(shared) + ")"
		}
		fix = fmt.Sprintf("%s %s on one side only: keep %s on both sides (by (...), label_replace) or %s", list(oneSided), isAre(oneSided), list(oneSided), alt)
	case len(b.on) > 0:
		diff := union(b.on, minus(union(L, R), shared))
		fix = "ignore every label the sides do not share: ignoring(" + strings.Join(diff, ", ") + ")"
	case len(shared) == 0 && b.e.Op.IsSetOperator():
		fix = "aggregate both sides (sum(...)), or match on the labels that should decide with on(...)"
	case len(shared) == 0:
		fix = "aggregate both sides (sum(...)), or match with on() and group_left"
	default:
		// Target labels are shared by everything; the labels worth naming are the others.
		if by := minus(shared, b.c.cat.target); len(by) > 0 {
			fix = fmt.Sprintf("aggregate both sides to the same labels (sum by (%s) (...)) or add on(%s)", strings.Join(by, ", "), strings.Join(by, ", "))
		} else {
			fix = fmt.Sprintf("the sides share only the target labels: aggregate both to the same labels, sum(...) or sum by (%s) (...)", strings.Join(shared, ", "))
		}
	}
	msg := fmt.Sprintf("left side has labels %s, right side %s: %s never matches", braces(L), braces(R), what)
	switch b.e.Op {
	case parser.LUNLESS:
		b.c.warnf(diag.PromQLVectorMatching, b.at, "%s, so it removes nothing; %s", msg, fix)
	case parser.LAND:
		b.c.errorf(diag.PromQLVectorMatching, b.at, "%s, so the result is always empty; %s", msg, fix)
	default:
		b.c.errorf(diag.PromQLVectorMatching, b.at, "%s; %s", msg, fix)
	}
}

func isAre(ls []string) string {
	if len(ls) == 1 {
		return "is"
	}
	return "are"
}

// opName names the operation in messages with its modifiers: "the division on(endpoint)".
func (b *binop) opName() string {
	s := b.opBase()
	if m := b.modifierText(); m != "" {
		s += " " + m
	}
	return s
}

// opBase names the operation: "the division", "the comparison >", "and".
func (b *binop) opBase() string {
	switch b.e.Op {
	case parser.ADD:
		return "the addition"
	case parser.SUB:
		return "the subtraction"
	case parser.MUL:
		return "the multiplication"
	case parser.DIV:
		return "the division"
	case parser.MOD:
		return "the modulo"
	case parser.POW:
		return "the power"
	case parser.ATAN2:
		return "atan2"
	case parser.LAND, parser.LUNLESS, parser.LOR:
		return b.e.Op.String()
	}
	return "the comparison " + b.e.Op.String()
}

// modifierText writes the matching modifiers as the user did: on(a) group_left(b).
func (b *binop) modifierText() string {
	var parts []string
	switch {
	case b.vm.On:
		parts = append(parts, "on("+strings.Join(b.vm.MatchingLabels, ", ")+")")
	case len(b.vm.MatchingLabels) > 0:
		parts = append(parts, "ignoring("+strings.Join(b.vm.MatchingLabels, ", ")+")")
	}
	group := ""
	switch b.vm.Card {
	case parser.CardManyToOne:
		group = "group_left"
	case parser.CardOneToMany:
		group = "group_right"
	}
	if group != "" && len(b.vm.Include) > 0 {
		group += "(" + strings.Join(b.vm.Include, ", ") + ")"
	}
	if group != "" {
		parts = append(parts, group)
	}
	return strings.Join(parts, " ")
}

// modifiers checks the labels named in on(...), ignoring(...) and group_x(...).
func (b *binop) modifiers() {
	l, r := b.l.ls, b.r.ls
	if l.unknown || r.unknown {
		return
	}
	from, to := end(b.e.LHS), start(b.e.RHS)
	both := union(l.all(), r.all())
	for _, x := range b.vm.MatchingLabels {
		if l.hasAny(x) || r.hasAny(x) || x == "__name__" {
			continue
		}
		at := b.at
		if i := findIdent(b.c.q, from, to, x); i >= 0 {
			at = tokenSpan(b.c.q, i)
		}
		if b.vm.On && !has(b.c.cat.target, x) {
			// Both sides then agree on "no x", so the match ignores it: a typo for a label
			// that should have decided.
			b.c.errorf(diag.PromQLUnknownLabel, at, "on(%s): no series of either side can carry label %s (left %s, right %s), so the match ignores it%s", x, x, braces(l.all()), braces(r.all()), orKeep(didYouMean(x, both), "; match on labels the sides have, or keep "+x+" on both (by (...), label_replace)"))
			continue
		}
		kw := "on"
		if !b.vm.On {
			kw = "ignoring"
		}
		b.c.warnf(diag.PromQLUnknownLabel, at, "%s(%s): neither side has label %s (left %s, right %s), so it has no effect%s", kw, x, x, braces(l.all()), braces(r.all()), didYouMean(x, both))
	}
	one, side, kw := r, "right", "group_left"
	if b.vm.Card == parser.CardOneToMany {
		one, side, kw = l, "left", "group_right"
	}
	for _, x := range b.vm.Include {
		if one.hasAny(x) {
			continue
		}
		at := b.at
		if i := findIdent(b.c.q, from, to, x); i >= 0 {
			at = tokenSpan(b.c.q, i)
		}
		b.c.warnf(diag.PromQLUnknownLabel, at, "%s(%s): the %s side has no label %s (its labels: %s), so nothing is copied and the result has no %s%s", kw, x, side, x, list(one.all()), x, didYouMean(x, one.all()))
	}
}

// cardinality reports a side that holds several series for one match group: Prometheus then
// fails the whole rule at evaluation. Only labels known to take several values count: enum
// labels with two values or more, free-form labels, and le.
func (b *binop) cardinality(la, ra alt) bool {
	check := func(a alt) []string {
		free := minus(minus(a.labels, b.sig(a)), a.pinned)
		if a.key != nil {
			if a.unique(b.sig(a)) {
				return nil // one series per match group: topk by (g) (1, ...), one_per, an info metric
			}
			free = inter(free, a.key) // the other labels follow the key's
		}
		var multi []string
		for _, l := range free {
			if has(a.synth, l) {
				continue
			}
			if d := b.c.cat.labels[l]; l == "le" || d != nil && (!d.enum || len(d.values) > 1) {
				multi = append(multi, l)
			}
		}
		return multi
	}
	match := "on all labels"
	switch {
	case b.vm.On:
		match = "on(" + strings.Join(b.vm.MatchingLabels, ", ") + ") only"
	case len(b.on) > 0:
		match = "ignoring(" + strings.Join(b.vm.MatchingLabels, ", ") + ")"
	}
	switch b.vm.Card {
	case parser.CardOneToOne:
		if m := check(la); len(m) > 0 {
			b.c.errorf(diag.PromQLMatchCardinality, b.at, "left side has labels %s but %s matches %s: %s %s several values within one match group, so Prometheus fails with \"multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)\"; aggregate the left side by (%s), or add group_left if one right series applies to several left ones",
				braces(la.labels), b.opBase(), match, list(m), takes(m), strings.Join(b.sig(la), ", "))
			return true
		}
		if m := check(ra); len(m) > 0 {
			b.c.errorf(diag.PromQLMatchCardinality, b.at, "right side has labels %s but %s matches %s: %s %s several values within one match group, so Prometheus fails with \"many-to-many matching not allowed: matching labels must be unique on one side\"; aggregate the right side by (%s), or add group_right if one left series applies to several right ones",
				braces(ra.labels), b.opBase(), match, list(m), takes(m), strings.Join(b.sig(ra), ", "))
			return true
		}
	case parser.CardManyToOne, parser.CardOneToMany:
		one, side := ra, "right"
		if b.vm.Card == parser.CardOneToMany {
			one, side = la, "left"
		}
		if m := check(one); len(m) > 0 {
			b.c.errorf(diag.PromQLMatchCardinality, b.at, "the %s side of %s must have one series per match group, but it has labels %s and %s %s several values, so Prometheus fails with \"many-to-many matching not allowed: matching labels must be unique on one side\"; keep one series per group: topk by (%s) (1, ...), or aggregate by (%s)%s",
				side, b.opName(), braces(one.labels), list(m), takes(m), strings.Join(b.sig(one), ", "), strings.Join(b.sig(one), ", "), onePerHint(one, b.sig(one)))
			return true
		}
	}
	return false
}

func takes(ls []string) string {
	if len(ls) == 1 {
		return "takes"
	}
	return "take"
}

// orKeep returns hint, or alt when hint is empty.
func orKeep(hint, alt string) string {
	if hint != "" {
		return hint
	}
	return alt
}

// onePerHint tells how to declare that an external metric has one series per match group.
func onePerHint(a alt, sig []string) string {
	if !a.ext {
		return ""
	}
	return "; or, if the metric has one series per " + strings.Join(sig, " and ") + ", say so with one_per: [" + strings.Join(sig, ", ") + "] under external_metrics"
}

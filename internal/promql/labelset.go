package promql

import (
	"regexp"
	"slices"
	"strings"

	"github.com/prometheus/prometheus/model/labels"
)

// A labelSet is what the checker knows about the labels of the series an expression returns.
// Most expressions return series that all carry the same label names; `a or b` returns the
// series of either side, so a set is a short list of alternatives, each a possible set of
// label names. Values are not tracked, except whether a label has a single value (pinned):
// that decides whether a one-to-one match can find several series on one side.
type labelSet struct {
	unknown bool // nothing is known: checks that need the labels are skipped
	// upper says the labels are an upper bound: a grouping (sum by (g)) of series whose
	// labels are unknown returns some of g, not necessarily all. A label outside is certainly
	// absent; matching checks, which need the exact set, are skipped.
	upper bool
	alts  []alt
}

// alt is one possible set of label names.
type alt struct {
	labels []string // sorted; never __name__
	name   bool     // the series keep their metric name
	pinned []string // sorted subset of labels with one value across all series
	synth  []string // sorted subset of labels whose values are not the declared ones
	// key is a sorted set of labels that tells the series apart: there is at most one series
	// per combination of their values, so every other label has one value per combination
	// (one_per of an external metric, the g of topk by (g) (1, ...)). nil: only all the
	// labels together are known to.
	key []string
	// cons are the matchers the values of some labels satisfy (a selector's matchers, a
	// rule's fixed labels), sorted by label: two results whose values cannot satisfy both
	// are told apart by them.
	cons []constraint
	// ext: the series are an external metric's, as selected (filtered, not aggregated), so
	// its declaration may say one_per.
	ext bool
}

// constraint is what a label's values satisfy: every matcher.
type constraint struct {
	label string
	ms    []*labels.Matcher
}

// maxAlts bounds the alternatives followed through chains of `or`; past it the labels are
// treated as unknown rather than checked slowly.
const maxAlts = 16

var unknownSet = labelSet{unknown: true}

func single(a alt) labelSet { return labelSet{alts: []alt{a}} }

// empty is the label set of vector(), sum() and other results without labels.
var empty = single(alt{})

// each applies f to every alternative, then merges alternatives that became equal.
func (s labelSet) each(f func(alt) alt) labelSet {
	if s.unknown {
		return s
	}
	out := make([]alt, 0, len(s.alts))
	for _, a := range s.alts {
		out = append(out, f(a))
	}
	res := normalize(out)
	res.upper = res.upper || s.upper && !res.unknown
	return res
}

// or is the label set of `a or b`.
func (s labelSet) or(t labelSet) labelSet {
	if s.unknown || t.unknown {
		return unknownSet
	}
	res := normalize(append(slices.Clone(s.alts), t.alts...))
	res.upper = !res.unknown && (s.upper || t.upper)
	return res
}

// normalize merges alternatives with the same labels: a label is pinned only if it is pinned
// in both, and synthetic if it is synthetic in either.
func normalize(alts []alt) labelSet {
	var out []alt
next:
	for _, a := range alts {
		for i, b := range out {
			if b.name == a.name && slices.Equal(a.labels, b.labels) {
				out[i].pinned = inter(b.pinned, a.pinned)
				out[i].synth = union(b.synth, a.synth)
				if b.key != nil && a.key != nil {
					out[i].key = union(b.key, a.key)
				} else {
					out[i].key = nil
				}
				out[i].cons = sameConstraints(b.cons, a.cons)
				continue next
			}
		}
		out = append(out, a)
	}
	if len(out) > maxAlts {
		return unknownSet
	}
	return labelSet{alts: out}
}

// hasAny reports whether some alternative has label l.
func (s labelSet) hasAny(l string) bool {
	if s.unknown {
		return true
	}
	for _, a := range s.alts {
		if a.has(l) {
			return true
		}
	}
	return false
}

// all is the union of every alternative's labels.
func (s labelSet) all() []string {
	var out []string
	for _, a := range s.alts {
		out = union(out, a.labels)
	}
	return out
}

func (a alt) has(l string) bool {
	if l == "__name__" {
		return a.name
	}
	return has(a.labels, l)
}

// dropName removes the metric name, as arithmetic and most functions do.
func (a alt) dropName() alt { a.name = false; return a }

// keep restricts a to the labels in ls (sum by (ls)). The result has one series per
// combination of the labels it keeps.
func (a alt) keep(ls []string) alt {
	return alt{labels: inter(a.labels, ls), name: a.name && has(ls, "__name__"), pinned: inter(a.pinned, ls), synth: inter(a.synth, ls), cons: keepConstraints(a.cons, ls, true)}
}

// without removes the labels in ls.
func (a alt) without(ls []string) alt {
	return alt{labels: minus(a.labels, ls), name: a.name && !has(ls, "__name__"), pinned: minus(a.pinned, ls), synth: minus(a.synth, ls), cons: keepConstraints(a.cons, ls, false)}
}

// constrain adds matchers that the values of label l satisfy.
func (a alt) constrain(l string, ms ...*labels.Matcher) alt {
	out := make([]constraint, 0, len(a.cons)+1)
	done := false
	for _, c := range a.cons {
		switch {
		case c.label == l:
			c.ms = append(slices.Clone(c.ms), ms...)
			done = true
		case c.label > l && !done:
			out = append(out, constraint{l, ms})
			done = true
		}
		out = append(out, c)
	}
	if !done {
		out = append(out, constraint{l, ms})
	}
	a.cons = out
	return a
}

// unconstrain forgets what the values of label l satisfy (a function set them anew).
func (a alt) unconstrain(l string) alt {
	a.cons = keepConstraints(a.cons, []string{l}, false)
	return a
}

func keepConstraints(cs []constraint, ls []string, in bool) []constraint {
	var out []constraint
	for _, c := range cs {
		if has(ls, c.label) == in {
			out = append(out, c)
		}
	}
	return out
}

// sameConstraints keeps the constraints two merged alternatives share word for word.
func sameConstraints(a, b []constraint) []constraint {
	var out []constraint
	for _, c := range a {
		for _, d := range b {
			if c.label == d.label && matchersString(c.ms) == matchersString(d.ms) {
				out = append(out, c)
			}
		}
	}
	return out
}

func matchersString(ms []*labels.Matcher) string {
	var sb strings.Builder
	for _, m := range ms {
		sb.WriteString(m.String())
		sb.WriteByte(',')
	}
	return sb.String()
}

// disjoint reports whether no value satisfies every matcher of a and of b (they name the
// same label). It is sure, not complete: a value list (=, or =~ of alternatives) is tried
// against all the matchers, and anchored regular expressions whose literal prefixes differ
// exclude each other ("2.." and "5..").
func disjoint(a, b []*labels.Matcher) bool {
	all := append(slices.Clone(a), b...)
	satisfies := func(v string) bool {
		for _, m := range all {
			if !m.Matches(v) {
				return false
			}
		}
		return true
	}
	for _, m := range all {
		var values []string
		switch m.Type {
		case labels.MatchEqual:
			values = []string{m.Value}
		case labels.MatchRegexp:
			values = m.SetMatches()
		}
		if values != nil {
			return !slices.ContainsFunc(values, satisfies)
		}
	}
	var prefixes []string
	for _, m := range all {
		if m.Type != labels.MatchRegexp {
			continue
		}
		re, err := regexp.Compile("^(?:" + m.Value + ")")
		if err != nil {
			continue
		}
		p, _ := re.LiteralPrefix()
		for _, q := range prefixes {
			if !strings.HasPrefix(p, q) && !strings.HasPrefix(q, p) {
				return true
			}
		}
		prefixes = append(prefixes, p)
	}
	return false
}

// onePer says that the series of a are told apart by the labels ls: at most one series per
// combination of their values (those a has; the others have one value, the empty one).
func (a alt) onePer(ls []string) alt {
	k := inter(a.labels, set(ls))
	if a.key == nil || len(k) < len(a.key) { // both tell the series apart: keep the smaller
		a.key = k
	}
	return a
}

// unique reports whether a side with labels a holds one series per match group of the
// labels sig: its key lies within the labels the group fixes.
func (a alt) unique(sig []string) bool {
	return a.key != nil && subset(a.key, union(sig, a.pinned))
}

// subset reports whether every element of the sorted set a is in the sorted set b.
func subset(a, b []string) bool {
	for _, s := range a {
		if !has(b, s) {
			return false
		}
	}
	return true
}

// add adds label l (label_replace, count_values, a rule's labels); its values are the
// rule's, not the declared ones.
func (a alt) add(l string, pinned bool) alt {
	if l == "__name__" {
		a.name = true
		return a
	}
	if has(a.key, l) {
		a.key = nil // the new values may merge series the old ones told apart
	}
	a = a.unconstrain(l)
	a.labels = union(a.labels, []string{l})
	a.synth = union(a.synth, []string{l})
	if pinned {
		a.pinned = union(a.pinned, []string{l})
	} else {
		a.pinned = minus(a.pinned, []string{l})
	}
	return a
}

// Labels is the exported view of a label set: the labels of an expression's result.
type Labels struct {
	known bool
	names []string // union of the alternatives, __name__ included when kept
	// always are the names every alternative has: the others are on some of the returned
	// series only (one branch of an or).
	always []string
	alts   []alt
}

func (s labelSet) export() Labels {
	if s.unknown {
		return Labels{}
	}
	names := s.all()
	var always []string
	for i, a := range s.alts {
		if a.name {
			names = union(names, []string{"__name__"})
		}
		own := a.labels
		if a.name {
			own = union(own, []string{"__name__"})
		}
		if i == 0 || s.upper {
			always = union(always, own)
		} else {
			always = inter(always, own)
		}
	}
	out := Labels{known: true, names: names, always: always}
	if !s.upper {
		out.alts = s.alts
	}
	return out
}

// Known reports whether the labels could be inferred.
func (l Labels) Known() bool { return l.known }

// Has reports whether some returned series may carry label name (always true when unknown).
func (l Labels) Has(name string) bool { return !l.known || has(l.names, name) }

// Maybe reports whether only some of the returned series carry label name: it comes from one
// branch of an or, and the other branch's series lack it.
func (l Labels) Maybe(name string) bool {
	return l.known && has(l.names, name) && !has(l.always, name)
}

// Always returns the labels every returned series carries, sorted.
func (l Labels) Always() []string { return slices.Clone(l.always) }

// Apart reports whether no series of l can have the same labels as a series of m, leaving
// out the labels in except (which the caller compares itself): their label names differ, or
// the values of a label they share are known to differ (cpu="1" and cpu="2", code=~"2.."
// and code=~"5.."). False when it cannot be known.
func (l Labels) Apart(m Labels, except []string) bool {
	if !l.known || !m.known || l.alts == nil || m.alts == nil {
		return false
	}
	except = set(except)
	for _, a := range l.alts {
		for _, b := range m.alts {
			if !slices.Equal(minus(a.labels, except), minus(b.labels, except)) || a.name != b.name {
				continue
			}
			apart := false
			for _, ca := range a.cons {
				for _, cb := range b.cons {
					if ca.label == cb.label && !has(except, ca.label) && disjoint(ca.ms, cb.ms) {
						apart = true
					}
				}
			}
			if !apart {
				return false
			}
		}
	}
	return true
}

// Names returns the labels, sorted.
func (l Labels) Names() []string { return slices.Clone(l.names) }

// Sorted string sets.

func has(set []string, s string) bool {
	_, ok := slices.BinarySearch(set, s)
	return ok
}

func union(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := make([]string, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch c := strings.Compare(a[i], b[j]); {
		case c < 0:
			out = append(out, a[i])
			i++
		case c > 0:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

func inter(a, b []string) []string {
	var out []string
	for _, s := range a {
		if has(b, s) {
			out = append(out, s)
		}
	}
	return out
}

func minus(a, b []string) []string {
	var out []string
	for _, s := range a {
		if !has(b, s) {
			out = append(out, s)
		}
	}
	return out
}

// set returns the sorted, duplicate-free copy of ls.
func set(ls []string) []string {
	out := slices.Clone(ls)
	slices.Sort(out)
	return slices.Compact(out)
}

// braces formats a label set for messages: {endpoint, method}.
func braces(ls []string) string { return "{" + strings.Join(ls, ", ") + "}" }

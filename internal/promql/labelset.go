package promql

import (
	"slices"
	"strings"
)

// A labelSet is what the checker knows about the labels of the series an expression returns.
// Most expressions return series that all carry the same label names; `a or b` returns the
// series of either side, so a set is a short list of alternatives, each a possible set of
// label names. Values are not tracked, except whether a label has a single value (pinned):
// that decides whether a one-to-one match can find several series on one side.
type labelSet struct {
	unknown bool // nothing is known: checks that need the labels are skipped
	alts    []alt
}

// alt is one possible set of label names.
type alt struct {
	labels []string // sorted; never __name__
	name   bool     // the series keep their metric name
	pinned []string // sorted subset of labels with one value across all series
	synth  []string // sorted subset of labels whose values are not the declared ones
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
	return normalize(out)
}

// or is the label set of `a or b`.
func (s labelSet) or(t labelSet) labelSet {
	if s.unknown || t.unknown {
		return unknownSet
	}
	return normalize(append(slices.Clone(s.alts), t.alts...))
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

// keep restricts a to the labels in ls (sum by (ls)).
func (a alt) keep(ls []string) alt {
	return alt{labels: inter(a.labels, ls), name: a.name && has(ls, "__name__"), pinned: inter(a.pinned, ls), synth: inter(a.synth, ls)}
}

// without removes the labels in ls.
func (a alt) without(ls []string) alt {
	return alt{labels: minus(a.labels, ls), name: a.name && !has(ls, "__name__"), pinned: minus(a.pinned, ls), synth: minus(a.synth, ls)}
}

// add adds label l (label_replace, count_values, a rule's labels); its values are the
// rule's, not the declared ones.
func (a alt) add(l string, pinned bool) alt {
	if l == "__name__" {
		a.name = true
		return a
	}
	a.labels = union(a.labels, []string{l})
	a.synth = union(a.synth, []string{l})
	if pinned {
		a.pinned = union(a.pinned, []string{l})
	} else {
		a.pinned = minus(a.pinned, []string{l})
	}
	return a
}

// Labels is the exported view of a label set, for alert templates.
type Labels struct {
	known bool
	names []string // union of the alternatives, __name__ included when kept
}

func (s labelSet) export() Labels {
	if s.unknown {
		return Labels{}
	}
	names := s.all()
	for _, a := range s.alts {
		if a.name {
			names = union(names, []string{"__name__"})
			break
		}
	}
	return Labels{known: true, names: names}
}

// Known reports whether the labels could be inferred.
func (l Labels) Known() bool { return l.known }

// Has reports whether some returned series may carry label name (always true when unknown).
func (l Labels) Has(name string) bool { return !l.known || has(l.names, name) }

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

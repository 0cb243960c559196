// Package specdiff owns `metricgen diff`: comparing two versions of a spec and classifying
// every change as breaking (it silently breaks someone who reads the series, the alerts or the
// recorded series: a removed or renamed metric, a type, unit, label or bucket change, a removed
// alert...) or safe (a new metric, a new enum value, help text, a threshold). For each breaking
// change it says what uses the changed thing inside the spec, from the model's analysed
// expressions (no PromQL is parsed here), and what it may break outside.
package specdiff

import (
	"cmp"
	"slices"

	"github.com/metricgen/metricgen/internal/diag"
)

// Change is one difference between the old and the new version of a spec.
type Change struct {
	Code diag.Code
	// Breaking says that the change can silently break a consumer; it fails `metricgen
	// diff` unless --allow-breaking.
	Breaking bool
	// Msg says what changed, in one sentence.
	Msg string
	// Pos is where the change is in the new version; the zero Pos when the thing is gone
	// (Section then says which section of the new version to point at).
	Pos     diag.Pos
	Section string
	// OldPos is where the thing was in the old version; the zero Pos when it is new.
	OldPos diag.Pos
	// Inside lists what in the spec uses the changed thing; Outside says, plainly, what it
	// may break that the spec cannot see.
	Inside  []Use
	Outside string
}

// Use is one use of a changed thing inside the spec.
type Use struct {
	What string   // alert "X", recording rule "x:y:z", dashboard panel "T", rule test "n"
	Old  bool     // the position is in the old version (the use is gone from the new one)
	Pos  diag.Pos // where it reads the changed thing
	Note string   // how it is affected, "" when it still reads it as before
}

// sortChanges orders changes by their place in the new version, then the old one.
func sortChanges(cs []Change) {
	slices.SortStableFunc(cs, func(a, b Change) int {
		return cmp.Or(
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.OldPos.Line, b.OldPos.Line),
			cmp.Compare(a.Code, b.Code),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
}

package validate

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/gen"
	"github.com/metricgen/metricgen/internal/goname"
	"github.com/metricgen/metricgen/internal/model"
)

// checkGoNames fills the name registry of the spec's Go package from every target that writes
// into it, and reports each clash at the spec thing that causes it: the generated package of
// a spec that validates always compiles.
func checkGoNames(s *model.Spec, targets []gen.Target, dl *diag.List) {
	if s.Go == nil {
		return
	}
	pkg := goname.Origin{What: fmt.Sprintf("go.package %q", s.Go.Name), Pos: s.Go.Pos}
	r := goname.New(s.Go.Name, pkg)
	for _, t := range targets {
		if t.GoNames != nil {
			t.GoNames(s, r)
		}
	}
	// One diagnostic per pair of things: two metrics whose Go names clash also clash in their
	// types and constructors.
	seen := map[[2]goname.Origin]bool{}
	for _, c := range r.Clashes() {
		at, other := c.Decl, c.With
		if other != nil && (!at.Origin.Spec() || other.Origin.Spec() && before(at.Origin.Pos, other.Origin.Pos)) {
			first := at
			at, other = *other, &first
		}
		key := [2]goname.Origin{at.Origin}
		if other != nil {
			key[1] = other.Origin
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		pos := at.Origin.Pos
		if !at.Origin.Spec() {
			pos = s.Go.Pos
		}
		switch {
		case at.Origin == pkg:
			dl.Errorf(diag.GoPackageName, pos, "%s %s; choose another name, e.g. %q", at.Origin.What, c.Reason, s.Go.Name+"metrics")
		case !at.Origin.Spec():
			with := c.Reason
			if other != nil {
				with = "clashes with " + other.String() + " of " + other.Origin.What
			}
			dl.Errorf(diag.InternalEmit, pos, "%s declares %s, which %s: a bug in metricgen, please report it", at.Origin.What, at, with)
		case other == nil:
			dl.Errorf(diag.GoNameClash, pos, "%s becomes %s in the generated Go, which %s; rename the %s", at.Origin.What, at, c.Reason, noun(at.Origin))
		case !other.Origin.Spec():
			dl.Errorf(diag.GoNameClash, pos, "%s becomes %s in the generated Go, which clashes with %s of %s; rename the %s", at.Origin.What, at, other, other.Origin.What, noun(at.Origin))
		case at.Kind == other.Kind:
			dl.Errorf(diag.GoNameClash, pos, "%s and %s (line %d) both become %s in the generated Go; rename one of them", at.Origin.What, other.Origin.What, other.Origin.Pos.Line, at)
		default:
			dl.Errorf(diag.GoNameClash, pos, "%s becomes %s in the generated Go, and %s (line %d) %s; rename one of them", at.Origin.What, at, other.Origin.What, other.Origin.Pos.Line, other)
		}
	}
}

// before reports whether p comes before q in the file.
func before(p, q diag.Pos) bool {
	return cmp.Or(cmp.Compare(p.Line, q.Line), cmp.Compare(p.Col, q.Col)) < 0
}

// noun is what to rename: the first word of an origin (label, value, metric).
func noun(o goname.Origin) string {
	n, _, _ := strings.Cut(o.What, " ")
	return n
}

package redact

import (
	"github.com/dave/jennifer/jen"
)

var id = jen.Id

// leaf writes Redactor.leaf, which applies a rule to one value with the helpers of the rules
// the spec uses (runtime files mask.go and hash.go):
//
//	// leaf returns what rule turns v into; ...
//	func (r *Redactor) leaf(v slog.Value, rule redactRule) slog.Value {
//		switch rule.action {
//		case redactMask:
//			return slog.StringValue(redactMaskString(v.String(), rule.keep))
//		case redactHash:
//			return slog.StringValue(r.hash(v.String()))
//		}
//		return slog.StringValue(redactRedacted)
//	}
func (e *emitter) leaf() {
	f := e.f
	doc(f, "leaf returns what rule turns v into; rule is neither redactNone nor redactRemove. Values that are "+
		"not strings are masked and hashed as text, as slog.Value.String writes them.")
	f.Func().Params(id("r").Op("*").Id("Redactor")).Id("leaf").
		Params(id("v").Add(slog("Value")), id("rule").Id("redactRule")).Add(slog("Value")).BlockFunc(func(g *jen.Group) {
		if e.masks() || e.hashes() {
			g.Switch(id("rule").Dot("action")).BlockFunc(func(g *jen.Group) {
				if e.masks() {
					g.Case(id("redactMask")).Block(jen.Return(slog("StringValue").Call(
						id("redactMaskString").Call(id("v").Dot("String").Call(), id("rule").Dot("keep")))))
				}
				if e.hashes() {
					g.Case(id("redactHash")).Block(jen.Return(slog("StringValue").Call(
						id("r").Dot("hash").Call(id("v").Dot("String").Call()))))
				}
			})
		}
		g.Return(slog("StringValue").Call(id("redactRedacted")))
	})
	f.Line()
}

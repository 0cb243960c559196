package redact

import (
	"github.com/dave/jennifer/jen"
)

var id = jen.Id

// noRule is rule.action == redactNone.
func noRule() *jen.Statement { return id("rule").Dot("action").Op("==").Id("redactNone") }

// tooDeep returns the guard at the top of each container:
//
//	if depth >= redactMaxDepth {
//		return <result>, true
//	}
func tooDeep(result jen.Code) *jen.Statement {
	return jen.If(id("depth").Op(">=").Id("redactMaxDepth")).Block(jen.Return(result, jen.True()))
}

// attr writes Redactor.attr, which redacts one attribute:
//
//	// attr returns a redacted: ...
//	func (r *Redactor) attr(a slog.Attr, rule redactRule, depth int) (b slog.Attr, changed, removed bool) {
//		if rule.action == redactNone {
//			rule = redactMatch(a.Key)
//			// Most attributes: no rule, and nothing inside to look into.
//			if k := a.Value.Kind(); rule.action == redactNone && k != slog.KindAny && k != slog.KindGroup && k != slog.KindLogValuer {
//				return a, false, false
//			}
//		}
//		if rule.action == redactRemove {
//			return slog.Attr{}, true, true
//		}
//		v, changed := r.value(a.Value, rule, depth)
//		if !changed {
//			return a, false, false
//		}
//		return slog.Attr{Key: a.Key, Value: v}, true, false
//	}
func (e *emitter) attr() {
	f := e.f
	doc(f, "attr returns a redacted: with rule applied to its value or, when rule is redactNone, with the rule "+
		"matching its key, or else the rules matching keys inside its value. changed reports whether b differs "+
		"from a, removed that a is dropped.")
	f.Func().Params(id("r").Op("*").Id("Redactor")).Id("attr").
		Params(id("a").Add(slog("Attr")), id("rule").Id("redactRule"), id("depth").Int()).
		Params(id("b").Add(slog("Attr")), id("changed"), id("removed").Bool()).Block(
		jen.If(noRule()).Block(
			id("rule").Op("=").Id("redactMatch").Call(id("a").Dot("Key")),
			jen.Comment("Most attributes: no rule, and nothing inside to look into."),
			jen.If(
				id("k").Op(":=").Id("a").Dot("Value").Dot("Kind").Call(),
				noRule().Op("&&").Id("k").Op("!=").Add(slog("KindAny")).Op("&&").Id("k").Op("!=").Add(slog("KindGroup")).
					Op("&&").Id("k").Op("!=").Add(slog("KindLogValuer")),
			).Block(
				jen.Return(id("a"), jen.False(), jen.False()),
			),
		),
		jen.If(id("rule").Dot("action").Op("==").Id("redactRemove")).Block(
			jen.Return(slog("Attr").Values(), jen.True(), jen.True()),
		),
		jen.List(id("v"), id("changed")).Op(":=").Id("r").Dot("value").Call(id("a").Dot("Value"), id("rule"), id("depth")),
		jen.If(jen.Op("!").Id("changed")).Block(jen.Return(id("a"), jen.False(), jen.False())),
		jen.Return(
			slog("Attr").Values(field("Key", id("a").Dot("Key")), field("Value", id("v"))),
			jen.True(), jen.False(),
		),
	)
	f.Line()
}

// value writes Redactor.value, which redacts a slog.Value:
//
//	// value returns v with rule applied to every value in it or, ...
//	func (r *Redactor) value(v slog.Value, rule redactRule, depth int) (slog.Value, bool) {
//		switch v.Kind() {
//		case slog.KindLogValuer:
//			v, _ = r.value(v.Resolve(), rule, depth)
//			return v, true
//		case slog.KindGroup:
//			if depth >= redactMaxDepth {
//				return slog.StringValue(redactRedacted), true
//			}
//			attrs := v.Group()
//			var out []slog.Attr // a copy, made at the first change
//			for i, a := range attrs {
//				b, changed, removed := r.attr(a, rule, depth+1)
//				if changed && out == nil {
//					out = make([]slog.Attr, i, len(attrs))
//					copy(out, attrs)
//				}
//				if out != nil && !removed {
//					out = append(out, b)
//				}
//			}
//			if out == nil {
//				return v, false
//			}
//			return slog.GroupValue(out...), true
//		case slog.KindAny:
//			if x, changed := r.anyValue(v.Any(), rule, depth); changed {
//				return slog.AnyValue(x), true
//			}
//			return v, false
//		}
//		if rule.action == redactNone {
//			return v, false
//		}
//		return r.leaf(v, rule), true
//	}
func (e *emitter) value() {
	f := e.f
	doc(f, "value returns v with rule applied to every value in it or, when rule is redactNone, with the rules "+
		"matching keys inside it applied. A LogValuer is resolved, so that the value checked is the value logged. "+
		"changed reports whether the result differs from v.")
	f.Func().Params(id("r").Op("*").Id("Redactor")).Id("value").
		Params(id("v").Add(slog("Value")), id("rule").Id("redactRule"), id("depth").Int()).
		Params(slog("Value"), jen.Bool()).Block(
		jen.Switch(id("v").Dot("Kind").Call()).Block(
			jen.Case(slog("KindLogValuer")).Block(
				jen.List(id("v"), id("_")).Op("=").Id("r").Dot("value").Call(id("v").Dot("Resolve").Call(), id("rule"), id("depth")),
				jen.Return(id("v"), jen.True()),
			),
			jen.Case(slog("KindGroup")).Block(
				tooDeep(slog("StringValue").Call(id("redactRedacted"))),
				id("attrs").Op(":=").Id("v").Dot("Group").Call(),
				jen.Var().Id("out").Index().Add(slog("Attr")).Comment("a copy, made at the first change"),
				jen.For(jen.List(id("i"), id("a")).Op(":=").Range().Id("attrs")).Block(
					jen.List(id("b"), id("changed"), id("removed")).Op(":=").Id("r").Dot("attr").Call(id("a"), id("rule"), id("depth").Op("+").Lit(1)),
					jen.If(id("changed").Op("&&").Id("out").Op("==").Nil()).Block(
						id("out").Op("=").Make(jen.Index().Add(slog("Attr")), id("i"), jen.Len(id("attrs"))),
						jen.Copy(id("out"), id("attrs")),
					),
					jen.If(id("out").Op("!=").Nil().Op("&&").Op("!").Id("removed")).Block(
						id("out").Op("=").Append(id("out"), id("b")),
					),
				),
				jen.If(id("out").Op("==").Nil()).Block(jen.Return(id("v"), jen.False())),
				jen.Return(slog("GroupValue").Call(id("out").Op("...")), jen.True()),
			),
			jen.Case(slog("KindAny")).Block(
				jen.If(
					jen.List(id("x"), id("changed")).Op(":=").Id("r").Dot("anyValue").Call(id("v").Dot("Any").Call(), id("rule"), id("depth")),
					id("changed"),
				).Block(jen.Return(slog("AnyValue").Call(id("x")), jen.True())),
				jen.Return(id("v"), jen.False()),
			),
		),
		jen.If(noRule()).Block(jen.Return(id("v"), jen.False())),
		jen.Return(id("r").Dot("leaf").Call(id("v"), id("rule")), jen.True()),
	)
	f.Line()
}

// anyValue writes Redactor.anyValue, which redacts what slog.Any holds, and the elements of
// maps and slices:
//
//	// anyValue is value for the values of slog.Any ...
//	func (r *Redactor) anyValue(v any, rule redactRule, depth int) (any, bool) {
//		switch x := v.(type) {
//		case map[string]any:
//			if depth >= redactMaxDepth {
//				return redactRedacted, true
//			}
//			var out map[string]any // a copy, made at the first change
//			for k, e := range x {
//				rule := rule
//				if rule.action == redactNone {
//					rule = redactMatch(k)
//				}
//				if rule.action == redactRemove {
//					if out == nil {
//						out = maps.Clone(x)
//					}
//					delete(out, k)
//				} else if e, changed := r.anyValue(e, rule, depth+1); changed {
//					if out == nil {
//						out = maps.Clone(x)
//					}
//					out[k] = e
//				}
//			}
//			if out == nil {
//				return v, false // not x: a slice in an interface is allocated
//			}
//			return out, true
//		case map[string]string:
//			... the same, with r.leaf(slog.StringValue(e), rule).String() for the values
//		case []any:
//			... the same by index, with rule for every element
//		}
//		if rule.action == redactNone {
//			return v, false
//		}
//		return r.leaf(slog.AnyValue(v), rule).String(), true
//	}
func (e *emitter) anyValue() {
	f := e.f
	doc(f, "anyValue is value for the values of slog.Any and the elements of the maps and slices in them: "+
		"it looks into map[string]any, map[string]string and []any, and copies the ones it changes, so that "+
		"the caller's are never modified. What it does not change it returns as v, not as x: a slice put back "+
		"into an interface would be allocated again.")
	// cloneOnce is: if out == nil { out = <clone>(x) }
	cloneOnce := func(clone string) *jen.Statement {
		return jen.If(id("out").Op("==").Nil()).Block(id("out").Op("=").Qual(clone, "Clone").Call(id("x")))
	}
	// keyRule is: rule := rule; if rule.action == redactNone { rule = redactMatch(k) }
	keyRule := []jen.Code{
		id("rule").Op(":=").Id("rule"),
		jen.If(noRule()).Block(id("rule").Op("=").Id("redactMatch").Call(id("k"))),
	}
	result := []jen.Code{
		jen.If(id("out").Op("==").Nil()).Block(jen.Return(id("v"), jen.False())),
		jen.Return(id("out"), jen.True()),
	}
	f.Func().Params(id("r").Op("*").Id("Redactor")).Id("anyValue").
		Params(id("v").Any(), id("rule").Id("redactRule"), id("depth").Int()).
		Params(jen.Any(), jen.Bool()).Block(
		jen.Switch(id("x").Op(":=").Id("v").Assert(jen.Type())).Block(
			jen.Case(jen.Map(jen.String()).Any()).Block(
				tooDeep(id("redactRedacted")),
				jen.Var().Id("out").Map(jen.String()).Any().Comment("a copy, made at the first change"),
				jen.For(jen.List(id("k"), id("e")).Op(":=").Range().Id("x")).Block(append(keyRule,
					jen.If(id("rule").Dot("action").Op("==").Id("redactRemove")).Block(
						cloneOnce("maps"),
						jen.Delete(id("out"), id("k")),
					).Else().If(
						jen.List(id("e"), id("changed")).Op(":=").Id("r").Dot("anyValue").Call(id("e"), id("rule"), id("depth").Op("+").Lit(1)),
						id("changed"),
					).Block(
						cloneOnce("maps"),
						id("out").Index(id("k")).Op("=").Id("e"),
					),
				)...),
				jen.Add(result[0]), jen.Add(result[1]),
			),
			jen.Case(jen.Map(jen.String()).String()).Block(
				tooDeep(id("redactRedacted")),
				jen.Var().Id("out").Map(jen.String()).String().Comment("a copy, made at the first change"),
				jen.For(jen.List(id("k"), id("e")).Op(":=").Range().Id("x")).Block(append(keyRule,
					jen.If(noRule()).Block(jen.Continue()),
					cloneOnce("maps"),
					jen.If(id("rule").Dot("action").Op("==").Id("redactRemove")).Block(
						jen.Delete(id("out"), id("k")),
					).Else().Block(
						id("out").Index(id("k")).Op("=").Id("r").Dot("leaf").Call(slog("StringValue").Call(id("e")), id("rule")).Dot("String").Call(),
					),
				)...),
				jen.Add(result[0]), jen.Add(result[1]),
			),
			jen.Case(jen.Index().Any()).Block(
				tooDeep(id("redactRedacted")),
				jen.Var().Id("out").Index().Any().Comment("a copy, made at the first change"),
				jen.For(jen.List(id("i"), id("e")).Op(":=").Range().Id("x")).Block(
					jen.If(
						jen.List(id("e"), id("changed")).Op(":=").Id("r").Dot("anyValue").Call(id("e"), id("rule"), id("depth").Op("+").Lit(1)),
						id("changed"),
					).Block(
						cloneOnce("slices"),
						id("out").Index(id("i")).Op("=").Id("e"),
					),
				),
				jen.Add(result[0]), jen.Add(result[1]),
			),
		),
		jen.If(noRule()).Block(jen.Return(id("v"), jen.False())),
		jen.Return(id("r").Dot("leaf").Call(slog("AnyValue").Call(id("v")), id("rule")).Dot("String").Call(), jen.True()),
	)
	f.Line()
}

// leaf writes Redactor.leaf, which applies a rule to one value, and the helpers of the rules
// the spec uses:
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
	if e.masks() {
		e.mask()
	}
	if e.hashes() {
		e.hash()
	}
}

// mask writes redactMaskString:
//
//	// redactMaskString keeps the first keep runes of s and replaces the rest with "***"; ...
//	func redactMaskString(s string, keep int) string {
//		for i := range s {
//			if keep == 0 {
//				return s[:i] + "***"
//			}
//			keep--
//		}
//		return "***"
//	}
func (e *emitter) mask() {
	f := e.f
	doc(f, `redactMaskString keeps the first keep runes of s and replaces the rest with "***"; a value of `+
		`keep runes or fewer is masked whole, so that "***" never follows the whole value.`)
	f.Func().Id("redactMaskString").Params(id("s").String(), id("keep").Int()).String().Block(
		jen.For(id("i").Op(":=").Range().Id("s")).Block(
			jen.If(id("keep").Op("==").Lit(0)).Block(jen.Return(id("s").Index(jen.Empty(), id("i")).Op("+").Lit("***"))),
			id("keep").Op("--"),
		),
		jen.Return(jen.Lit("***")),
	)
	f.Line()
}

// hash writes Redactor.hash:
//
//	// hash returns "hmac:" and the first 16 hex digits of HMAC-SHA256(r.key, s), ...
//	func (r *Redactor) hash(s string) string {
//		if len(r.key) == 0 {
//			return redactRedacted
//		}
//		m := hmac.New(sha256.New, r.key)
//		m.Write([]byte(s))
//		return "hmac:" + hex.EncodeToString(m.Sum(nil)[:8])
//	}
func (e *emitter) hash() {
	f := e.f
	doc(f, `hash returns "hmac:" and the first 16 hex digits (64 bits) of HMAC-SHA256(r.key, s): enough to `+
		`tell values apart in logs, and keyed, so that a dictionary of likely values cannot reverse it. Without `+
		`a key it fails closed, to redactRedacted.`)
	f.Func().Params(id("r").Op("*").Id("Redactor")).Id("hash").Params(id("s").String()).String().Block(
		jen.If(jen.Len(id("r").Dot("key")).Op("==").Lit(0)).Block(jen.Return(id("redactRedacted"))),
		id("m").Op(":=").Qual("crypto/hmac", "New").Call(jen.Qual("crypto/sha256", "New"), id("r").Dot("key")),
		id("m").Dot("Write").Call(jen.Index().Byte().Parens(id("s"))),
		jen.Return(jen.Lit("hmac:").Op("+").Qual("encoding/hex", "EncodeToString").Call(
			id("m").Dot("Sum").Call(jen.Nil()).Index(jen.Empty(), jen.Lit(8)))),
	)
	f.Line()
}

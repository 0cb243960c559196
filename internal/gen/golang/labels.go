package golang

import (
	"fmt"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/metricgen/metricgen/internal/model"
)

// Values recorded in place of a free-form label's value (see the guard's admit).
const (
	invalidValue = "invalid"
	otherValue   = "other"
)

// labelsFile writes labels.go: the enum types, then the helpers of free-form labels.
func (g *generator) labelsFile(f *jen.File) {
	for _, l := range g.s.Labels {
		if l.Enum() {
			g.enumType(f, l)
		}
	}
	if g.hasFreeForm() {
		g.guardType(f)
		g.cacheType(f)
	}
}

// enumUnderlying is the smallest unsigned type holding every value of l.
func enumUnderlying(l *model.Label) *jen.Statement {
	switch n := len(l.Values); {
	case n <= 1<<8:
		return jen.Uint8()
	case n <= 1<<16:
		return jen.Uint16()
	default:
		return jen.Uint32()
	}
}

// full reports whether every value of l's underlying type is one of its constants, so that no
// value can be out of range.
func full(l *model.Label) bool {
	n := len(l.Values)
	return n == 1<<8 || n == 1<<16
}

// enumType writes the type of enum label l (here method: GET, POST):
//
//	// Method is a value of label method: HTTP method of the API call.
//	//
//	// A value past the last constant (a converted integer) is recorded as MethodPOST, the last
//	// value, and its String is "Method(N)": nothing panics.
//	type Method uint8
//
//	// The values of label method, in spec order.
//	const (
//		MethodGET  Method = iota // "GET"
//		MethodPOST               // "POST"
//	)
//
//	// methodCount is the number of Method values: the length of arrays indexed by Method.
//	const methodCount = 2
//
//	// An "invalid array index" compiler error here means that the constants of Method changed
//	// since they were generated: run metricgen again.
//	func _() {
//		var x [1]struct{}
//		_ = x[MethodGET-0]
//		_ = x[MethodPOST-1]
//		_ = x[methodCount-2]
//	}
//
// and then its Values function and String method.
func (g *generator) enumType(f *jen.File, l *model.Label) {
	typ := l.GoName
	last := l.Values[len(l.Values)-1].GoName
	about := fmt.Sprintf("%s is a value of label %s.", typ, l.Name)
	if l.Help != "" {
		about = fmt.Sprintf("%s is a value of label %s: %s", typ, l.Name, sentence(l.Help))
	}
	fallback := fmt.Sprintf("A value past the last constant (a converted integer) is recorded as %s, "+
		"the last value, and its String is \"%s(N)\": nothing panics.", last, typ)
	if full(l) {
		fallback = fmt.Sprintf("Every %s is one of the constants below.", typ)
	}
	f.Add(doc(about, fallback))
	f.Type().Id(typ).Add(enumUnderlying(l))
	f.Line()

	f.Add(doc(fmt.Sprintf("The values of label %s, in spec order.", l.Name)))
	f.Const().DefsFunc(func(c *jen.Group) {
		for i, v := range l.Values {
			def := c.Id(v.GoName)
			if i == 0 {
				def.Id(typ).Op("=").Iota()
			}
			def.Comment(strconv.Quote(v.Value))
		}
	})
	f.Line()

	f.Add(doc(fmt.Sprintf("%s is the number of %s values: the length of arrays indexed by %s.", countConst(l), typ, typ)))
	f.Const().Id(countConst(l)).Op("=").Lit(len(l.Values))
	f.Line()

	f.Add(doc(fmt.Sprintf("An \"invalid array index\" compiler error here means that the constants of %s "+
		"changed since they were generated: run metricgen again.", typ)))
	f.Func().Id("_").Params().BlockFunc(func(b *jen.Group) {
		b.Var().Id("x").Index(jen.Lit(1)).Struct()
		for i, v := range l.Values {
			b.Id("_").Op("=").Id("x").Index(jen.Id(v.GoName).Op("-").Lit(i))
		}
		b.Id("_").Op("=").Id("x").Index(jen.Id(countConst(l)).Op("-").Lit(len(l.Values)))
	})
	f.Line()

	g.enumValuesFunc(f, l)
	g.enumString(f, l)
}

// index is the expression indexing an array by enum label l's parameter: the value, clamped to
// the last constant so that a converted integer can neither panic nor pick a wrong series
// (min is branch-free, and cheap enough that Inc stays inlinable):
//
//	min(method, methodCount-1)
func (g *generator) index(l *model.Label) *jen.Statement {
	if full(l) {
		return jen.Id(g.param(l))
	}
	return jen.Min(jen.Id(g.param(l)), jen.Id(countConst(l)).Op("-").Lit(1))
}

// enumValuesFunc writes the list of an enum label's values:
//
//	// MethodValues returns every Method in spec order, in a new slice.
//	func MethodValues() []Method {
//		return []Method{MethodGET, MethodPOST}
//	}
func (g *generator) enumValuesFunc(f *jen.File, l *model.Label) {
	f.Add(doc(fmt.Sprintf("%s returns every %s in spec order, in a new slice.", valuesFunc(l), l.GoName)))
	f.Func().Id(valuesFunc(l)).Params().Index().Id(l.GoName).Block(
		jen.Return(jen.Index().Id(l.GoName).ValuesFunc(func(vs *jen.Group) {
			long := len(l.Values) > 4
			for _, v := range l.Values {
				if long {
					vs.Line().Id(v.GoName)
				} else {
					vs.Id(v.GoName)
				}
			}
			if long {
				vs.Line()
			}
		})),
	)
	f.Line()
}

// enumString writes String:
//
//	// String returns the label value of m as exported ("GET"), or "Method(N)" for a value that
//	// is none of the constants.
//	func (m Method) String() string {
//		switch m {
//		case MethodGET:
//			return "GET"
//		case MethodPOST:
//			return "POST"
//		}
//		return "Method(" + strconv.Itoa(int(m)) + ")"
//	}
func (g *generator) enumString(f *jen.File, l *model.Label) {
	typ, recv := l.GoName, receiver(l)
	text := fmt.Sprintf("String returns the label value of %s as exported (%q), or \"%s(N)\" for a value that is none of the constants.",
		recv, l.Values[0].Value, typ)
	if full(l) {
		text = fmt.Sprintf("String returns the label value of %s as exported (%q).", recv, l.Values[0].Value)
	}
	f.Add(doc(text))
	f.Func().Params(jen.Id(recv).Id(typ)).Id("String").Params().String().BlockFunc(func(b *jen.Group) {
		cases := l.Values
		if full(l) {
			cases = cases[:len(cases)-1] // the last value is what remains after the switch
		}
		b.Switch(jen.Id(recv)).BlockFunc(func(sw *jen.Group) {
			for _, v := range cases {
				sw.Case(jen.Id(v.GoName)).Block(jen.Return(jen.Lit(v.Value)))
			}
		})
		if full(l) {
			b.Return(jen.Lit(l.Values[len(l.Values)-1].Value))
			return
		}
		b.Return(jen.Lit(typ+"(").Op("+").Qual(strconvPath, "Itoa").Call(jen.Int().Call(jen.Id(recv))).Op("+").Lit(")"))
	})
	f.Line()
}

// receiver names the receiver of an enum type's methods: its first letter, lower-cased.
func receiver(l *model.Label) string {
	return unexport(string([]rune(l.GoName)[:1]))
}

// guardType writes the guard of free-form label values (the pattern parts only when a label
// has a pattern):
//
//	// labelGuard admits the values of one free-form label of one metric. ...
//	type labelGuard struct {
//		pattern *regexp.Regexp // nil: every value
//		limit   int            // distinct values admitted at most; 0: no limit
//		mu      sync.Mutex
//		seen    map[string]struct{} // the admitted values; under mu
//	}
//
//	// newLabelGuard returns a guard admitting the values that match pattern ("": all), at
//	// most limit of them (0: no limit).
//	func newLabelGuard(pattern string, limit int) *labelGuard { ... }
//
//	// admit returns v when it may be exported as it is, "invalid" when it is not valid UTF-8
//	// or does not match the pattern, and "other" when limit values were admitted already.
//	func (g *labelGuard) admit(v string) string { ... }
func (g *generator) guardType(f *jen.File) {
	pattern := g.hasPattern()
	f.Add(doc("labelGuard admits the values of one free-form label of one metric. Its memory is bounded " +
		"by the label's max_values: once that many distinct values were admitted, new ones fold into " +
		"\"other\". It is consulted only when the series cache misses, never on the fast path."))
	f.Type().Id(guardType).StructFunc(func(s *jen.Group) {
		if pattern {
			s.Id("pattern").Op("*").Qual(regexpPath, "Regexp").Comment("nil: every value")
		}
		s.Id("limit").Int().Comment("distinct values admitted at most; 0: no limit")
		s.Id("mu").Qual(syncPath, "Mutex")
		s.Id("seen").Map(jen.String()).Struct().Comment("the admitted values; under mu")
	})
	f.Line()

	params := []jen.Code{jen.Id("limit").Int()}
	newDoc := "newLabelGuard returns a guard admitting at most limit values (0: no limit)."
	if pattern {
		params = []jen.Code{jen.Id("pattern").String(), jen.Id("limit").Int()}
		newDoc = "newLabelGuard returns a guard admitting the values that match pattern (\"\": all), " +
			"at most limit of them (0: no limit)."
	}
	f.Add(doc(newDoc))
	f.Func().Id(newGuardFunc).Params(params...).Op("*").Id(guardType).BlockFunc(func(b *jen.Group) {
		b.Id("g").Op(":=").Op("&").Id(guardType).Values(jen.Dict{
			jen.Id("limit"): jen.Id("limit"),
			jen.Id("seen"):  jen.Make(jen.Map(jen.String()).Struct()),
		})
		if pattern {
			b.If(jen.Id("pattern").Op("!=").Lit("")).Block(
				jen.Comment("Anchored, as Prometheus anchors its regular expressions: the pattern"),
				jen.Comment("must match the whole value, the same reading validation gave it."),
				jen.Id("g").Dot("pattern").Op("=").Qual(regexpPath, "MustCompile").Call(jen.Lit("^(?:").Op("+").Id("pattern").Op("+").Lit(")$")),
			)
		}
		b.Return(jen.Id("g"))
	})
	f.Line()

	admitDoc := fmt.Sprintf("admit returns v when it may be exported as it is, %q when it is not valid UTF-8, "+
		"and %q when limit other values were admitted already.", invalidValue, otherValue)
	invalid := jen.Op("!").Qual(utf8Path, "ValidString").Call(jen.Id("v"))
	if pattern {
		admitDoc = fmt.Sprintf("admit returns v when it may be exported as it is, %q when it is not valid UTF-8 "+
			"or does not match the pattern, and %q when limit other values were admitted already.", invalidValue, otherValue)
		invalid = invalid.Op("||").Id("g").Dot("pattern").Op("!=").Nil().Op("&&").
			Op("!").Id("g").Dot("pattern").Dot("MatchString").Call(jen.Id("v"))
	}
	f.Add(doc(admitDoc))
	f.Func().Params(jen.Id("g").Op("*").Id(guardType)).Id("admit").Params(jen.Id("v").String()).String().Block(
		jen.If(invalid).Block(jen.Return(jen.Lit(invalidValue))),
		jen.If(jen.Id("g").Dot("limit").Op("==").Lit(0)).Block(jen.Return(jen.Id("v"))),
		jen.Id("g").Dot("mu").Dot("Lock").Call(),
		jen.Defer().Id("g").Dot("mu").Dot("Unlock").Call(),
		jen.If(
			jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Id("g").Dot("seen").Index(jen.Id("v")),
			jen.Op("!").Id("ok"),
		).Block(
			jen.If(jen.Len(jen.Id("g").Dot("seen")).Op(">=").Id("g").Dot("limit")).Block(jen.Return(jen.Lit(otherValue))),
			jen.Id("g").Dot("seen").Index(jen.Id("v")).Op("=").Struct().Values(),
		),
		jen.Return(jen.Id("v")),
	)
	f.Line()
}

// cacheParams are the type parameters of seriesCache, in its methods' receivers.
func cacheParams() *jen.Statement {
	return jen.Id(cacheType).Types(jen.Id("V"), jen.Id("K"), jen.Id("M"))
}

// cacheType writes the lock-free map from free-form label values to series:
//
//	// seriesCache finds the series of one vector by the values of its free-form labels. ...
//	type seriesCache[V any, K comparable, M any] struct {
//		vec    V // the vector, curried with the metric's enum values
//		read   atomic.Pointer[map[K]M] // never written once published
//		mu     sync.Mutex
//		dirty  map[K]M // under mu: read's series and newer ones; nil until the first one after a promotion
//		misses int     // under mu: loads that missed read since it was published
//	}
//
//	func (s *seriesCache[V, K, M]) load(k K) (M, bool)       { ... }
//	func (s *seriesCache[V, K, M]) loadLocked(k K) (M, bool) { ... }
//	func (s *seriesCache[V, K, M]) storeLocked(k K, m M)     { ... }
func (g *generator) cacheType(f *jen.File) {
	f.Add(doc("seriesCache finds the series of one vector by the values of its free-form labels, " +
		"without a lock, a hash of the enum values or an allocation: a load reads a map that is never " +
		"written once published. New series go into dirty, under mu, which is published in place of read " +
		"once as many loads missed read as dirty holds series (sync.Map's scheme, typed, so that a key " +
		"is never boxed). Only series of admitted values are stored: the map is as bounded as the labels."))
	f.Type().Id(cacheType).Types(jen.Id("V").Any(), jen.Id("K").Comparable(), jen.Id("M").Any()).Struct(
		jen.Id("vec").Id("V").Comment("the vector, curried with the metric's enum values"),
		jen.Id("read").Qual(atomicPath, "Pointer").Types(jen.Map(jen.Id("K")).Id("M")).Comment("never written once published"),
		jen.Id("mu").Qual(syncPath, "Mutex"),
		jen.Id("dirty").Map(jen.Id("K")).Id("M").Comment("under mu: read's series and newer ones; nil until the first one after a promotion"),
		jen.Id("misses").Int().Comment("under mu: loads that missed read since it was published"),
	)
	f.Line()

	f.Add(doc("load returns the series stored for k."))
	f.Func().Params(jen.Id("s").Op("*").Add(cacheParams())).Id("load").Params(jen.Id("k").Id("K")).Params(jen.Id("M"), jen.Bool()).Block(
		jen.If(jen.Id("read").Op(":=").Id("s").Dot("read").Dot("Load").Call(), jen.Id("read").Op("!=").Nil()).Block(
			jen.List(jen.Id("m"), jen.Id("ok")).Op(":=").Parens(jen.Op("*").Id("read")).Index(jen.Id("k")),
			jen.Return(jen.Id("m"), jen.Id("ok")),
		),
		jen.Var().Id("m").Id("M"),
		jen.Return(jen.Id("m"), jen.False()),
	)
	f.Line()

	f.Add(doc("loadLocked is load for a caller holding s.mu: it also looks in dirty, and publishes dirty " +
		"once enough loads missed read."))
	f.Func().Params(jen.Id("s").Op("*").Add(cacheParams())).Id("loadLocked").Params(jen.Id("k").Id("K")).Params(jen.Id("M"), jen.Bool()).Block(
		jen.If(
			jen.List(jen.Id("m"), jen.Id("ok")).Op(":=").Id("s").Dot("load").Call(jen.Id("k")),
			jen.Id("ok").Op("||").Id("s").Dot("dirty").Op("==").Nil(),
		).Block(jen.Return(jen.Id("m"), jen.Id("ok"))),
		jen.List(jen.Id("m"), jen.Id("ok")).Op(":=").Id("s").Dot("dirty").Index(jen.Id("k")),
		jen.Id("s").Dot("misses").Op("++"),
		jen.If(jen.Id("s").Dot("misses").Op(">=").Len(jen.Id("s").Dot("dirty"))).Block(
			jen.Id("read").Op(":=").Id("s").Dot("dirty"),
			jen.Id("s").Dot("read").Dot("Store").Call(jen.Op("&").Id("read")),
			jen.List(jen.Id("s").Dot("dirty"), jen.Id("s").Dot("misses")).Op("=").List(jen.Nil(), jen.Lit(0)),
		),
		jen.Return(jen.Id("m"), jen.Id("ok")),
	)
	f.Line()

	f.Add(doc("storeLocked stores m as the series of k; the caller holds s.mu."))
	f.Func().Params(jen.Id("s").Op("*").Add(cacheParams())).Id("storeLocked").Params(jen.Id("k").Id("K"), jen.Id("m").Id("M")).Block(
		jen.If(jen.Id("s").Dot("dirty").Op("==").Nil()).Block(
			jen.If(jen.Id("read").Op(":=").Id("s").Dot("read").Dot("Load").Call(), jen.Id("read").Op("!=").Nil()).Block(
				jen.Id("s").Dot("dirty").Op("=").Qual(mapsPath, "Clone").Call(jen.Op("*").Id("read")),
			).Else().Block(
				jen.Id("s").Dot("dirty").Op("=").Make(jen.Map(jen.Id("K")).Id("M")),
			),
		),
		jen.Id("s").Dot("dirty").Index(jen.Id("k")).Op("=").Id("m"),
	)
}

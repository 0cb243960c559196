package golang

import (
	"fmt"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/metricgen/metricgen/internal/model"
)

// Values recorded in place of a free-form label's value (see labelGuard.admit in
// templates/gometrics/guard.go).
const (
	invalidValue = "invalid"
	otherValue   = "other"
)

// labelsFile writes labels.go: the enum types. (The guard of free-form labels is a file of
// the runtime, templates/gometrics/guard.go.)
func (g *generator) labelsFile(f *jen.File) {
	for _, l := range g.s.Labels {
		if l.Enum() {
			g.enumType(f, l)
		}
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

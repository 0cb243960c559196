package golang

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

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

// enumUnderlying is the smallest unsigned type holding every value of l and one more: a
// value that is none of the constants, which Parse<Label> returns for an unknown string.
func enumUnderlying(l *model.Label) *jen.Statement {
	switch n := len(l.Values); {
	case n < 1<<8:
		return jen.Uint8()
	case n < 1<<16:
		return jen.Uint16()
	default:
		return jen.Uint32()
	}
}

// enumType writes the type of enum label l (here method: GET, POST):
//
//	// Method is a value of label method: HTTP method of the API call.
//	//
//	// Recording a Method that is none of the constants below (a converted integer, or what
//	// ParseMethod returns for an unknown string) panics: it is never recorded as one of them.
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
// and then its Values, Parse and (with an other value) Of functions, and its String and index
// methods.
func (g *generator) enumType(f *jen.File, l *model.Label) {
	typ := l.GoName
	about := fmt.Sprintf("%s is a value of label %s.", typ, l.Name)
	if l.Help != "" {
		about = fmt.Sprintf("%s is a value of label %s: %s", typ, l.Name, sentence(l.Help))
	}
	fallback := fmt.Sprintf("Recording %s %s that is none of the constants below (a converted integer, or what %s "+
		"returns for an unknown string) panics: it is never recorded as one of them.", article(typ), typ, parseFunc(l))
	if l.Other != nil {
		fallback = fmt.Sprintf("%s %s that is none of the constants below (a converted integer, or what %s "+
			"returns for an unknown string) is recorded as %s, the label's value for anything else.", upper(article(typ)), typ, parseFunc(l), l.Other.GoName)
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
	g.enumParse(f, l)
	if l.Other != nil {
		g.enumOf(f, l)
	}
	g.enumString(f, l)
	if hasIndex(g.s, l) {
		g.enumIndex(f, l)
	}
}

// hasIndex reports whether enum label l's type has the index method: for a metric read at
// scrape time, for every metric of the otel backend, for an operation's parameter.
func hasIndex(s *model.Spec, l *model.Label) bool {
	return usedBy(s, l, true) || isOTel(s) && usedBy(s, l, false) || enumParam(s, l)
}

// usedBy reports whether a metric of s has label l and is, or is not, read at scrape time: the
// metrics read at scrape time check their enum values with index (see enumIndex), the others
// index their arrays with slot.
func usedBy(s *model.Spec, l *model.Label, scrape bool) bool {
	for _, m := range s.Metrics {
		if m.Scrape == scrape && slices.Contains(m.Labels, l) {
			return true
		}
	}
	return false
}

// slot is the expression indexing a shape's array of series by enum label l's parameter: the
// value, or the last slot for a value that is none of the constants, whose series records into
// the label's other value or panics (see shapeConstructor). min is branch-free, and cheap
// enough that Inc stays inlinable; the compiler then checks no bounds:
//
//	min(method, methodCount)
func (g *generator) slot(l *model.Label) *jen.Statement {
	return jen.Min(jen.Id(g.param(l)), jen.Id(countConst(l)))
}

// at is the expression indexing a shape's series by enum label l's parameter in its record
// methods: slot for the Prometheus backend; index for the otel backend, whose measurements
// cost a hundred times an index check (the SDK's aggregation), and whose arrays have no extra
// slot.
func (g *generator) at(l *model.Label) *jen.Statement {
	if isOTel(g.s) {
		return g.index(l)
	}
	return g.slot(l)
}

// index is the expression of the index of label l's parameter among its values where it need
// not be branch-free (a metric read at scrape time, whose Observe is no hot path; the otel
// backend): the value checked by its index method (see enumIndex), which panics naming it, or
// maps it to the other value:
//
//	method.index()
func (g *generator) index(l *model.Label) *jen.Statement {
	return jen.Id(g.param(l)).Dot("index").Call()
}

// enumIndex writes the index method of an enum type, which Observe of a metric read at scrape
// time calls on its enum parameters. Without an other value:
//
//	// index returns m to index arrays of Method values; it panics when m is none of the
//	// constants, rather than record it as one of them.
//	func (m Method) index() Method {
//		if m >= methodCount {
//			panic(enumRange{"method", "Method", int(m), methodCount})
//		}
//		return m
//	}
//
// With other: other, the out-of-range value becomes MethodOther instead of panicking.
func (g *generator) enumIndex(f *jen.File, l *model.Label) {
	typ, recv := l.GoName, receiver(l)
	check := jen.Id(recv).Op(">=").Id(countConst(l))
	if l.Other != nil {
		f.Add(doc(fmt.Sprintf("index returns %s to index arrays of %s values: %s itself, or %s when it is none of the constants.",
			recv, typ, recv, l.Other.GoName)))
		f.Func().Params(jen.Id(recv).Id(typ)).Id("index").Params().Id(typ).Block(
			jen.If(check).Block(jen.Return(jen.Id(l.Other.GoName))),
			jen.Return(jen.Id(recv)),
		)
		f.Line()
		return
	}
	f.Add(doc(fmt.Sprintf("index returns %s to index arrays of %s values; it panics when %s is none of the constants, "+
		"rather than record it as one of them.", recv, typ, recv)))
	f.Func().Params(jen.Id(recv).Id(typ)).Id("index").Params().Id(typ).Block(
		jen.If(check).Block(jen.Panic(jen.Id("enumRange").Values(
			jen.Lit(l.Name), jen.Lit(typ), jen.Int().Call(jen.Id(recv)), jen.Id(countConst(l)),
		))),
		jen.Return(jen.Id(recv)),
	)
	f.Line()
}

// enumParse writes Parse<Label>, the exact match of an exported value (a switch over strings,
// which allocates nothing):
//
//	// ParseMethod returns the Method whose label value is s (ParseMethod("GET") is MethodGET,
//	// true). For any other s it returns false and a Method that is none of the constants,
//	// which is never recorded as one of them: recording it panics.
//	func ParseMethod(s string) (Method, bool) {
//		switch s {
//		case "GET":
//			return MethodGET, true
//		case "POST":
//			return MethodPOST, true
//		}
//		return methodCount, false
//	}
func (g *generator) enumParse(f *jen.File, l *model.Label) {
	typ := l.GoName
	first := l.Values[0]
	then := "recording it panics"
	if l.Other != nil {
		then = fmt.Sprintf("it is recorded as %s (%s maps it to %s at once)", l.Other.GoName, ofFunc(l), l.Other.GoName)
	}
	f.Add(doc(fmt.Sprintf("%s returns the %s whose label value is s (%s(%q) is %s, true), matched exactly. "+
		"For any other s it returns false and %s %s that is none of the constants, which is never recorded as one of them: %s.",
		parseFunc(l), typ, parseFunc(l), first.Value, first.GoName, article(typ), typ, then)))
	f.Func().Id(parseFunc(l)).Params(jen.Id("s").String()).Params(jen.Id(typ), jen.Bool()).Block(
		jen.Switch(jen.Id("s")).BlockFunc(func(sw *jen.Group) {
			for _, v := range l.Values {
				sw.Case(jen.Lit(v.Value)).Block(jen.Return(jen.Id(v.GoName), jen.True()))
			}
		}),
		jen.Return(jen.Id(countConst(l)), jen.False()),
	)
	f.Line()
}

// enumOf writes <Label>Of, for a label that declares an other value:
//
//	// MethodOf returns the Method whose label value is s, or MethodOther when s is none of
//	// its values.
//	func MethodOf(s string) Method {
//		if v, ok := ParseMethod(s); ok {
//			return v
//		}
//		return MethodOther
//	}
func (g *generator) enumOf(f *jen.File, l *model.Label) {
	typ := l.GoName
	f.Add(doc(fmt.Sprintf("%s returns the %s whose label value is s, or %s when s is none of its values.", ofFunc(l), typ, l.Other.GoName)))
	f.Func().Id(ofFunc(l)).Params(jen.Id("s").String()).Id(typ).Block(
		jen.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id(parseFunc(l)).Call(jen.Id("s")), jen.Id("ok")).Block(
			jen.Return(jen.Id("v")),
		),
		jen.Return(jen.Id(l.Other.GoName)),
	)
	f.Line()
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
	f.Add(doc(fmt.Sprintf("String returns the label value of %s as exported (%q), or \"%s(N)\" for a value that is none of the constants.",
		recv, l.Values[0].Value, typ)))
	f.Func().Params(jen.Id(recv).Id(typ)).Id("String").Params().String().BlockFunc(func(b *jen.Group) {
		b.Switch(jen.Id(recv)).BlockFunc(func(sw *jen.Group) {
			for _, v := range l.Values {
				sw.Case(jen.Id(v.GoName)).Block(jen.Return(jen.Lit(v.Value)))
			}
		})
		b.Return(jen.Lit(typ+"(").Op("+").Qual(strconvPath, "Itoa").Call(jen.Int().Call(jen.Id(recv))).Op("+").Lit(")"))
	})
	f.Line()
}

// receiver names the receiver of an enum type's methods: its first letter, lower-cased.
func receiver(l *model.Label) string {
	return unexport(string([]rune(l.GoName)[:1]))
}

// article is the indefinite article of an English word, by its first letter: "an" before a
// vowel ("an Outcome"), "a" otherwise ("a Method").
func article(word string) string {
	if word != "" && strings.ContainsRune("AEIOUaeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

// upper writes s with a capital first letter.
func upper(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

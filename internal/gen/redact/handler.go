package redact

import (
	"github.com/dave/jennifer/jen"
)

// handler writes redactHandler, the slog.Handler of Redactor.Handler:
//
//	// redactHandler is the handler of Redactor.Handler.
//	type redactHandler struct {
//		redactor *Redactor
//		handler  slog.Handler
//		group    redactRule // ...
//	}
//
//	var _ slog.Handler = (*redactHandler)(nil)
//
//	func (h *redactHandler) Enabled(ctx context.Context, level slog.Level) bool {
//		return h.handler.Enabled(ctx, level)
//	}
//
//	func (h *redactHandler) Handle(ctx context.Context, r slog.Record) error { ... }
//	func (h *redactHandler) WithAttrs(attrs []slog.Attr) slog.Handler { ... }
//	func (h *redactHandler) WithGroup(name string) slog.Handler { ... }
func (e *emitter) handler() {
	f := e.f
	doc(f, "redactHandler is the handler of Redactor.Handler.")
	f.Type().Id("redactHandler").Struct(
		id("redactor").Op("*").Id("Redactor"),
		id("handler").Add(slog("Handler")),
		id("group").Id("redactRule").Comment("rule of a group opened with WithGroup: it applies to all inside"),
	)
	f.Line()
	f.Var().Id("_").Add(slog("Handler")).Op("=").Parens(jen.Op("*").Id("redactHandler")).Parens(jen.Nil())
	f.Line()
	f.Func().Params(id("h").Op("*").Id("redactHandler")).Id("Enabled").
		Params(id("ctx").Qual("context", "Context"), id("level").Add(slog("Level"))).Bool().Block(
		jen.Return(id("h").Dot("handler").Dot("Enabled").Call(id("ctx"), id("level"))),
	)
	f.Line()
	e.handle()
	e.withAttrs()
	e.withGroup()
}

// handle writes redactHandler.Handle:
//
//	// Handle passes r on as it is when redaction changes none of its attributes: ...
//	func (h *redactHandler) Handle(ctx context.Context, r slog.Record) error {
//		n := 0 // attributes before the first that changes
//		var first slog.Attr
//		changed, removed := false, false
//		r.Attrs(func(a slog.Attr) bool {
//			if b, c, rm := h.redactor.attr(a, h.group, 0); c {
//				first, changed, removed = b, true, rm
//				return false
//			}
//			n++
//			return true
//		})
//		if !changed {
//			return h.handler.Handle(ctx, r)
//		}
//		var buf [16]slog.Attr // up to 16 attributes are gathered without allocating
//		attrs := buf[:0]
//		i := 0
//		r.Attrs(func(a slog.Attr) bool {
//			switch {
//			case i < n:
//				attrs = append(attrs, a)
//			case i == n:
//				if !removed {
//					attrs = append(attrs, first)
//				}
//			default:
//				if b, _, removed := h.redactor.attr(a, h.group, 0); !removed {
//					attrs = append(attrs, b)
//				}
//			}
//			i++
//			return true
//		})
//		out := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
//		out.AddAttrs(attrs...)
//		return h.handler.Handle(ctx, out)
//	}
func (e *emitter) handle() {
	f := e.f
	redactA := func() *jen.Statement {
		return id("h").Dot("redactor").Dot("attr").Call(id("a"), id("h").Dot("group"), jen.Lit(0))
	}
	doc(f, "Handle passes r on as it is when redaction changes none of its attributes: most records hold no "+
		"configured key, and finding that out allocates nothing. Otherwise, and when an attribute is a LogValuer "+
		"(resolved here, so that the value checked is the value logged), it passes on a new record and leaves r "+
		"to its caller. Each attribute is redacted once, so a LogValuer is resolved once.")
	f.Func().Params(id("h").Op("*").Id("redactHandler")).Id("Handle").
		Params(id("ctx").Qual("context", "Context"), id("r").Add(slog("Record"))).Error().Block(
		id("n").Op(":=").Lit(0).Comment("attributes before the first that changes"),
		jen.Var().Id("first").Add(slog("Attr")),
		jen.List(id("changed"), id("removed")).Op(":=").List(jen.False(), jen.False()),
		id("r").Dot("Attrs").Call(jen.Func().Params(id("a").Add(slog("Attr"))).Bool().Block(
			jen.If(jen.List(id("b"), id("c"), id("rm")).Op(":=").Add(redactA()), id("c")).Block(
				jen.List(id("first"), id("changed"), id("removed")).Op("=").List(id("b"), jen.True(), id("rm")),
				jen.Return(jen.False()),
			),
			id("n").Op("++"),
			jen.Return(jen.True()),
		)),
		jen.If(jen.Op("!").Id("changed")).Block(jen.Return(id("h").Dot("handler").Dot("Handle").Call(id("ctx"), id("r")))),
		jen.Var().Id("buf").Index(jen.Lit(16)).Add(slog("Attr")).Comment("up to 16 attributes are gathered without allocating"),
		id("attrs").Op(":=").Id("buf").Index(jen.Empty(), jen.Lit(0)),
		id("i").Op(":=").Lit(0),
		id("r").Dot("Attrs").Call(jen.Func().Params(id("a").Add(slog("Attr"))).Bool().Block(
			jen.Switch().Block(
				jen.Case(id("i").Op("<").Id("n")).Block(id("attrs").Op("=").Append(id("attrs"), id("a"))),
				jen.Case(id("i").Op("==").Id("n")).Block(
					jen.If(jen.Op("!").Id("removed")).Block(id("attrs").Op("=").Append(id("attrs"), id("first"))),
				),
				jen.Default().Block(
					jen.If(jen.List(id("b"), id("_"), id("removed")).Op(":=").Add(redactA()), jen.Op("!").Id("removed")).Block(
						id("attrs").Op("=").Append(id("attrs"), id("b")),
					),
				),
			),
			id("i").Op("++"),
			jen.Return(jen.True()),
		)),
		id("out").Op(":=").Add(slog("NewRecord")).Call(
			id("r").Dot("Time"), id("r").Dot("Level"), id("r").Dot("Message"), id("r").Dot("PC")),
		id("out").Dot("AddAttrs").Call(id("attrs").Op("...")),
		jen.Return(id("h").Dot("handler").Dot("Handle").Call(id("ctx"), id("out"))),
	)
	f.Line()
}

// withAttrs writes redactHandler.WithAttrs:
//
//	func (h *redactHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
//		out := make([]slog.Attr, 0, len(attrs))
//		for _, a := range attrs {
//			if b, _, removed := h.redactor.attr(a, h.group, 0); !removed {
//				out = append(out, b)
//			}
//		}
//		return &redactHandler{redactor: h.redactor, handler: h.handler.WithAttrs(out), group: h.group}
//	}
func (e *emitter) withAttrs() {
	f := e.f
	f.Func().Params(id("h").Op("*").Id("redactHandler")).Id("WithAttrs").
		Params(id("attrs").Index().Add(slog("Attr"))).Add(slog("Handler")).Block(
		id("out").Op(":=").Make(jen.Index().Add(slog("Attr")), jen.Lit(0), jen.Len(id("attrs"))),
		jen.For(jen.List(id("_"), id("a")).Op(":=").Range().Id("attrs")).Block(
			jen.If(
				jen.List(id("b"), id("_"), id("removed")).Op(":=").Id("h").Dot("redactor").Dot("attr").Call(id("a"), id("h").Dot("group"), jen.Lit(0)),
				jen.Op("!").Id("removed"),
			).Block(id("out").Op("=").Append(id("out"), id("b"))),
		),
		jen.Return(jen.Op("&").Id("redactHandler").Values(field("redactor", id("h").Dot("redactor")), field("handler", id("h").Dot("handler").Dot("WithAttrs").Call(id("out"))), field("group", id("h").Dot("group")))),
	)
	f.Line()
}

// withGroup writes redactHandler.WithGroup:
//
//	// WithGroup opens a group; when its name matches a rule, the rule applies to everything inside.
//	func (h *redactHandler) WithGroup(name string) slog.Handler {
//		if name == "" {
//			return h
//		}
//		group := h.group
//		if group.action == redactNone {
//			group = redactMatch(name)
//		}
//		return &redactHandler{redactor: h.redactor, handler: h.handler.WithGroup(name), group: group}
//	}
func (e *emitter) withGroup() {
	f := e.f
	doc(f, "WithGroup opens a group; when its name matches a rule, as RedactAttr sees it among the groups of "+
		"an attribute, the rule applies to everything inside.")
	f.Func().Params(id("h").Op("*").Id("redactHandler")).Id("WithGroup").Params(id("name").String()).Add(slog("Handler")).Block(
		jen.If(id("name").Op("==").Lit("")).Block(jen.Return(id("h"))),
		id("group").Op(":=").Id("h").Dot("group"),
		jen.If(id("group").Dot("action").Op("==").Id("redactNone")).Block(
			id("group").Op("=").Id("redactMatch").Call(id("name")),
		),
		jen.Return(jen.Op("&").Id("redactHandler").Values(field("redactor", id("h").Dot("redactor")), field("handler", id("h").Dot("handler").Dot("WithGroup").Call(id("name"))), field("group", id("group")))),
	)
}

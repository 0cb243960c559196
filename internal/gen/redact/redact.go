// Package redact emits the slog redaction code of the generated Go package: from the spec's
// logging.redact rules, RedactAttr for slog.HandlerOptions.ReplaceAttr, NewRedactingHandler
// wrapping any slog.Handler, and Redactor for callers that pass the key of hash rules
// themselves.
//
// Two files: redact.go, the part that depends on the rules (the API's functions, the compiled
// rules redactMatch, and Redactor.leaf with the actions the rules use), written with jennifer;
// and redact_runtime.go, the static part (the Redactor's walk through values, the handler, the
// actions' helpers) copied from templates/goredact, where it is ordinary, tested Go (see
// runtime.go). The files share their package with the metrics code, so they declare only the
// four exported names of the contract and unexported names starting with "redact", import only
// the standard library, and leave the package doc comment to the metrics code.
package redact

import (
	"fmt"
	"path"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/metricgen/metricgen/internal/gen"
	"github.com/metricgen/metricgen/internal/gen/gosrc"
	"github.com/metricgen/metricgen/internal/model"
)

// Generate returns redact.go of the spec's Go package, or nothing when the spec has no Go
// package or no logging section.
func Generate(s *model.Spec) ([]gen.File, error) {
	if s.Go == nil || s.Logging == nil {
		return nil, nil
	}
	m, err := newMatcher(s.Logging)
	if err != nil {
		return nil, fmt.Errorf("%s: logging.redact: %w", s.Source, err)
	}
	f := jen.NewFile(s.Go.Name)
	f.HeaderComment(gosrc.Header(s.Source))
	for _, p := range imports {
		f.ImportName(p, path.Base(p))
	}

	e := &emitter{f: f, logging: s.Logging, m: m}
	e.api()
	e.newRedactor()
	e.match()
	e.leaf()

	src, err := gen.RenderGo(f) // comments made inert: see gen.RenderGo
	if err != nil {
		return nil, fmt.Errorf("%s: rendering redact.go: %w", s.Source, err)
	}
	runtime, err := runtimeSource(s, runtimeOf(s.Logging, m))
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", s.Source, runtimeFile, err)
	}
	return []gen.File{
		{Path: path.Join(s.Go.Dir, "redact.go"), Content: src},
		{Path: path.Join(s.Go.Dir, runtimeFile), Content: runtime},
	}, nil
}

// imports are the packages redact.go may import, all of the standard library.
var imports = []string{"bytes", "log/slog", "os", "sync"}

// redacted is what the runtime writes for a redacted value (redactRedacted), for doc comments.
const redacted = "[REDACTED]"

// emitter writes the declarations of redact.go into f.
type emitter struct {
	f       *jen.File
	logging *model.Logging
	m       *matcher
}

func (e *emitter) hashes() bool { return e.logging.Uses(model.Hash) }
func (e *emitter) masks() bool  { return e.logging.Uses(model.Mask) }

// doc writes text as a comment above the next declaration of f, wrapped at 100 columns. A blank
// line in text starts a paragraph; lines starting with a tab are kept as they are (code).
func doc(f *jen.File, text string) {
	f.Comment(comment(text))
}

// comment returns text as "//" lines for jen.Comment, which writes comments starting with "//"
// as they are.
func comment(text string) string {
	const width = 100 - len("// ")
	var lines []string
	for _, para := range strings.Split(text, "\n\n") {
		if len(lines) > 0 {
			lines = append(lines, "//")
		}
		if strings.HasPrefix(para, "\t") {
			for _, l := range strings.Split(para, "\n") {
				lines = append(lines, "//"+l)
			}
			continue
		}
		line := ""
		for _, w := range strings.Fields(para) {
			if line != "" && len(line)+1+len(w) > width {
				lines = append(lines, "// "+line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		lines = append(lines, "// "+line)
	}
	return strings.Join(lines, "\n")
}

// slog returns the qualified name log/slog.name.
func slog(name string) *jen.Statement { return jen.Qual("log/slog", name) }

// hashDoc is the paragraph on the key of hash rules in the doc comments of RedactAttr and
// NewRedactingHandler.
func (e *emitter) hashDoc() string {
	return fmt.Sprintf("\n\nHash rules use the key in the environment variable %s, read once. While it is "+
		"unset or empty, hash rules fail closed: they act as redact, and values become %q.", e.logging.KeyEnv(), redacted)
}

// api writes the package-level API, with the key of hash rules from the environment:
//
//	// RedactAttr applies the redaction rules ...
//	func RedactAttr(groups []string, a slog.Attr) slog.Attr {
//		return redactDefault().ReplaceAttr(groups, a)
//	}
//
//	// NewRedactingHandler returns a handler ...
//	func NewRedactingHandler(h slog.Handler) slog.Handler {
//		return redactDefault().Handler(h)
//	}
//
//	// redactDefault is the Redactor of RedactAttr and NewRedactingHandler: ...
//	var redactDefault = sync.OnceValue(func() *Redactor {
//		return NewRedactor([]byte(os.Getenv("LOG_HASH_KEY")))
//	})
//
// Without hash rules there is no key to read: redactDefault is a zero Redactor, called without
// parentheses.
func (e *emitter) api() {
	f := e.f
	hashDoc := ""
	def := jen.Id("redactDefault")
	if e.hashes() {
		hashDoc = e.hashDoc()
		def = def.Call()
	}
	doc(f, "RedactAttr applies the redaction rules of logging.redact to a; pass it as "+
		"slog.HandlerOptions.ReplaceAttr. A rule applies to a when it matches the key of a or of a group around it, "+
		"and to the attributes and map entries inside the value of a (groups, LogValuers, map[string]any, "+
		"map[string]string and []any) whose keys it matches. An attribute that a rule removes comes back "+
		"as the zero Attr, which handlers drop, or inside a group as an empty group, which they drop as well."+hashDoc)
	f.Func().Id("RedactAttr").Params(jen.Id("groups").Index().String(), jen.Id("a").Add(slog("Attr"))).Add(slog("Attr")).Block(
		jen.Return(jen.Add(def).Dot("ReplaceAttr").Call(jen.Id("groups"), jen.Id("a"))),
	)
	f.Line()
	doc(f, "NewRedactingHandler returns a handler that applies the redaction rules of logging.redact, as "+
		"RedactAttr does, to the attributes of each record and to those added with WithAttrs, and passes them on "+
		"to h. Inside a group opened with WithGroup whose name matches a rule, that rule applies to everything."+hashDoc)
	f.Func().Id("NewRedactingHandler").Params(jen.Id("h").Add(slog("Handler"))).Add(slog("Handler")).Block(
		jen.Return(jen.Add(def.Clone()).Dot("Handler").Call(jen.Id("h"))),
	)
	f.Line()
	if !e.hashes() {
		doc(f, "redactDefault is the Redactor of RedactAttr and NewRedactingHandler; no rule hashes, so it needs no key.")
		f.Var().Id("redactDefault").Id("Redactor")
		return
	}
	doc(f, "redactDefault is the Redactor of RedactAttr and NewRedactingHandler: the environment is read "+
		"at the first call, not when the package is initialised.")
	f.Var().Id("redactDefault").Op("=").Qual("sync", "OnceValue").Call(jen.Func().Params().Op("*").Id("Redactor").Block(
		jen.Return(jen.Id("NewRedactor").Call(jen.Index().Byte().Parens(jen.Qual("os", "Getenv").Call(jen.Lit(e.logging.KeyEnv()))))),
	))
}

// newRedactor writes NewRedactor, whose doc depends on whether a rule hashes:
//
//	// NewRedactor returns a Redactor whose hash rules use key (a copy of it). ...
//	func NewRedactor(key []byte) *Redactor {
//		return &Redactor{key: bytes.Clone(key)}
//	}
func (e *emitter) newRedactor() {
	f := e.f
	if e.hashes() {
		doc(f, "NewRedactor returns a Redactor whose hash rules use key (a copy of it). A hashed value becomes "+
			"\"hmac:\" and the first 16 hex digits of HMAC-SHA256(key, the value as text): equal values give equal "+
			"tokens under one key, so they can still be correlated, and without the key a dictionary of likely "+
			"values cannot reverse them. With an empty key, hash rules act as redact.")
	} else {
		doc(f, "NewRedactor returns a Redactor whose hash rules use key (a copy of it). No rule of logging.redact "+
			"hashes at present, so the key is kept for when one does.")
	}
	f.Func().Id("NewRedactor").Params(jen.Id("key").Index().Byte()).Op("*").Id("Redactor").Block(
		jen.Return(jen.Op("&").Id("Redactor").Values(field("key", jen.Qual("bytes", "Clone").Call(jen.Id("key"))))),
	)
	f.Line()
}

// field returns the keyed element "name: value" of a composite literal, for literals that fit on
// one line (jen.Dict puts each element on its own).
func field(name string, value jen.Code) *jen.Statement { return jen.Id(name).Op(":").Add(value) }

package redact

import (
	"path"

	"github.com/metricgen/metricgen/internal/goname"
	"github.com/metricgen/metricgen/internal/model"
)

// redactionCode is the origin of every name redact.go declares: none comes from a thing of
// the spec.
var redactionCode = goname.Origin{What: "the generated log redaction code (logging.redact)"}

// Names of redact.go: the contract's four exported names, unexported ones that all start with
// "redact", and the fields and methods of its types. A few exist only for some rules
// (redactMaskString with a mask rule, redactContainsInOrder with a glob): all are declared
// whatever the rules, so that whether a spec's names clash does not depend on its rules.
var (
	funcs  = []string{"RedactAttr", "NewRedactingHandler", "NewRedactor", "redactMatch", "redactLower", "redactContainsInOrder", "redactMaskString"}
	consts = []string{"redactNone", "redactMask", "redactRedact", "redactRemove", "redactHash", "redactRedacted", "redactMaxDepth"}
	vars   = []string{"redactDefault"}
	types  = []string{"Redactor", "redactAction", "redactRule", "redactHandler"}
	fields = map[string][]string{
		"Redactor":      {"key"},
		"redactRule":    {"action", "keep"},
		"redactHandler": {"handler", "redactor", "group"},
	}
	methods = map[string][]string{
		"Redactor":      {"ReplaceAttr", "Handler", "attr", "value", "anyValue", "leaf", "hash"},
		"redactHandler": {"Enabled", "Handle", "WithAttrs", "WithGroup"},
	}
)

// GoNames declares in r every identifier that Generate writes into the package of s.
func GoNames(s *model.Spec, r *goname.Registry) {
	if s.Go == nil || s.Logging == nil {
		return
	}
	for _, p := range imports {
		r.Import(path.Base(p), redactionCode)
	}
	for _, n := range funcs {
		r.Func(n, redactionCode)
	}
	for _, n := range consts {
		r.Const(n, redactionCode)
	}
	for _, n := range vars {
		r.Var(n, redactionCode)
	}
	for _, typ := range types {
		r.Type(typ, redactionCode)
		for _, f := range fields[typ] {
			r.Field(typ, f, redactionCode)
		}
		for _, m := range methods[typ] {
			r.Method(typ, m, redactionCode)
		}
	}
}

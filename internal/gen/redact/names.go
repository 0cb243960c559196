package redact

import (
	"path"

	"github.com/metricgen/metricgen/internal/goname"
	"github.com/metricgen/metricgen/internal/model"
)

// redactionCode is the origin of every name redact.go declares: none comes from a thing of
// the spec.
var redactionCode = goname.Origin{What: "the generated log redaction code (logging.redact)"}

// Names of redact.go, the part generated from the rules; redact_runtime.go declares the rest
// (see declareRuntime): the contract's four exported names and unexported ones that all start
// with "redact".
var (
	funcs   = []string{"RedactAttr", "NewRedactingHandler", "NewRedactor", "redactMatch"}
	vars    = []string{"redactDefault"}
	methods = map[string][]string{"Redactor": {"leaf"}}
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
	for _, n := range vars {
		r.Var(n, redactionCode)
	}
	for typ, ms := range methods {
		for _, m := range ms {
			r.Method(typ, m, redactionCode)
		}
	}
	declareRuntime(r)
}

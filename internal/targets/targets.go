// Package targets is the emitter list: every target metricgen generates, in the order their
// files are listed. Adding a target is adding its package under internal/gen and one line
// here (see ARCHITECTURE.md).
package targets

import (
	"github.com/metricgen/metricgen/internal/gen"
	"github.com/metricgen/metricgen/internal/gen/dashboard"
	"github.com/metricgen/metricgen/internal/gen/docs"
	"github.com/metricgen/metricgen/internal/gen/golang"
	"github.com/metricgen/metricgen/internal/gen/redact"
	"github.com/metricgen/metricgen/internal/gen/rules"
	"github.com/metricgen/metricgen/internal/gen/schemafile"
)

// All are the targets. Those that write into the generated Go package declare its names
// (GoNames); the order does not matter, each target returns only its own files.
var All = []gen.Target{
	{Name: "go", Generate: golang.Generate, GoNames: golang.GoNames},
	{Name: "redact", Generate: redact.Generate, GoNames: redact.GoNames},
	{Name: "rules", Generate: rules.Generate},
	{Name: "dashboard", Generate: dashboard.Generate},
	{Name: "docs", Generate: docs.Generate},
	{Name: "schema", Generate: schemafile.Generate},
}

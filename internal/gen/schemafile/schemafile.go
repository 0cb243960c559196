// Package schemafile emits the copy of the spec's JSON Schema that a spec asks for
// (outputs.schema): the file editors read through the spec's yaml-language-server comment,
// rewritten by every generate so that it is always the schema of the metricgen that checks
// the spec, and reported by check when it is stale.
//
// The copy is exactly what `metricgen schema` prints, with no generated header: a copy made
// by hand from the same metricgen is then already what generate would write, and is adopted
// as it is. (JSON has no comments; the output root's manifest says the file is metricgen's.)
package schemafile

import (
	"github.com/metricgen/metricgen/internal/gen"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/schema"
)

// Generate returns the schema copy at s.Outputs.Schema, or nothing when the spec asks for none.
func Generate(s *model.Spec) ([]gen.File, error) {
	if s.Outputs.Schema == "" {
		return nil, nil
	}
	return []gen.File{{Path: s.Outputs.Schema, Content: schema.JSON}}, nil
}

// Package schema owns the JSON Schema of the metricgen spec: the file editors use for
// completion and hover help (through the yaml-language-server comment at the top of a spec),
// that `metricgen schema` prints, and that validation checks every spec's shape against before
// the semantic checks run.
package schema

import _ "embed"

// ID is the schema's $id, the URL to compile it under.
const ID = "https://metricgen.dev/schema/v1/metricgen.schema.json"

// JSON is the schema, JSON Schema draft 2020-12.
//
//go:embed metricgen.schema.json
var JSON []byte

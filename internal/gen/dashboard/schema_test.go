package dashboard

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// schemaDir holds the JSON Schemas of Grafana's dashboard model and of the panel and query
// kinds we emit (see its README), beside the repository.
var schemaDir = filepath.Join(repoRoot, "..", "shared", "grafana-schema")

// schemas compiles the schemas of a test run, each once.
type schemas struct {
	t     *testing.T
	c     *jsonschema.Compiler
	cache map[string]*jsonschema.Schema
}

func newSchemas(t *testing.T) *schemas {
	t.Helper()
	if _, err := os.Stat(filepath.Join(schemaDir, "dashboard.jsonschema.json")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the Grafana schemas are missing (%v); CI must provide %s", err, schemaDir)
		}
		t.Skipf("the Grafana schemas are not at %s (%v); skipping schema validation", schemaDir, err)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft7
	return &schemas{t: t, c: c, cache: map[string]*jsonschema.Schema{}}
}

// get returns the schema at file#fragment, or nil when file has no such definition.
func (s *schemas) get(file, fragment string) *jsonschema.Schema {
	s.t.Helper()
	key := file + fragment
	if sch, ok := s.cache[key]; ok {
		return sch
	}
	p := filepath.Join(schemaDir, file)
	var sch *jsonschema.Schema
	if _, err := os.Stat(p); err == nil && hasDefinition(s.t, p, fragment) {
		if sch, err = s.c.Compile(p + fragment); err != nil {
			s.t.Fatalf("compiling %s%s: %v", p, fragment, err)
		}
	}
	s.cache[key] = sch
	return sch
}

// hasDefinition reports whether the schema at p has the definition a fragment
// "#/definitions/<name>" names ("" is the root, always there).
func hasDefinition(t *testing.T, p, fragment string) bool {
	if fragment == "" {
		return true
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Definitions map[string]json.RawMessage `json:"definitions"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	var name string
	if _, err := fmt.Sscanf(fragment, "#/definitions/%s", &name); err != nil {
		t.Fatalf("unexpected fragment %q", fragment)
	}
	_, ok := doc.Definitions[name]
	return ok
}

// TestSchema validates every generated dashboard against Grafana's dashboard schema, each
// panel's options and custom field config against its panel schema, and each target against
// the Prometheus query schema.
func TestSchema(t *testing.T) {
	sch := newSchemas(t)
	for _, c := range allCases(t) {
		t.Run(c.name, func(t *testing.T) {
			doc := decodeJSON(t, generateOne(t, c.spec))
			if err := sch.get("dashboard.jsonschema.json", "").Validate(doc); err != nil {
				t.Fatalf("dashboard: %#v", err)
			}
			prom := sch.get("prometheus.jsonschema.json", "")
			for _, p := range doc.(map[string]any)["panels"].([]any) {
				p := p.(map[string]any)
				typ, title := p["type"].(string), p["title"]
				if typ == "row" {
					continue
				}
				file := typ + ".jsonschema.json"
				if _, err := os.Stat(filepath.Join(schemaDir, file)); err != nil {
					t.Errorf("panel %q: no schema for panel type %q", title, typ)
					continue
				}
				if err := sch.get(file, "#/definitions/Options").Validate(p["options"]); err != nil {
					t.Errorf("panel %q options: %#v", title, err)
				}
				custom, hasCustom := p["fieldConfig"].(map[string]any)["defaults"].(map[string]any)["custom"]
				switch fc := sch.get(file, "#/definitions/FieldConfig"); {
				case fc != nil && hasCustom:
					if err := fc.Validate(custom); err != nil {
						t.Errorf("panel %q fieldConfig.defaults.custom: %#v", title, err)
					}
				case fc != nil:
					t.Errorf("panel %q has no fieldConfig.defaults.custom, which %s defines", title, typ)
				case hasCustom:
					t.Errorf("panel %q has fieldConfig.defaults.custom, which %s does not define", title, typ)
				}
				for _, tg := range p["targets"].([]any) {
					if err := prom.Validate(tg); err != nil {
						t.Errorf("panel %q target: %#v", title, err)
					}
				}
			}
		})
	}
}

// decodeJSON decodes b as a JSON Schema validator expects: numbers as json.Number.
func decodeJSON(t *testing.T, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSchemaRejects makes sure the validation above has teeth: a dashboard broken in ways the
// schemas forbid fails.
func TestSchemaRejects(t *testing.T) {
	sch := newSchemas(t)
	c := goldenCases(t)[0]
	for name, breakIt := range map[string]func(d map[string]any){
		"panel wider than the grid": func(d map[string]any) {
			panelOf(d, "timeseries")["gridPos"].(map[string]any)["w"] = json.Number("25")
		},
		"row without panels": func(d map[string]any) {
			delete(panelOf(d, "row"), "panels")
		},
		"unknown dashboard key": func(d map[string]any) { d["__inputs"] = []any{} },
	} {
		doc := decodeJSON(t, generateOne(t, c.spec)).(map[string]any)
		breakIt(doc)
		if err := sch.get("dashboard.jsonschema.json", "").Validate(doc); err == nil {
			t.Errorf("%s: the dashboard schema accepts it", name)
		}
	}
	opts := decodeJSON(t, generateOne(t, c.spec)).(map[string]any)
	ts := panelOf(opts, "timeseries")["options"].(map[string]any)
	ts["legend"].(map[string]any)["placement"] = "top"
	if err := sch.get("timeseries.jsonschema.json", "#/definitions/Options").Validate(ts); err == nil {
		t.Error("the timeseries options schema accepts legend placement \"top\"")
	}
}

// panelOf returns the first panel of type typ.
func panelOf(d map[string]any, typ string) map[string]any {
	for _, p := range d["panels"].([]any) {
		if p := p.(map[string]any); p["type"] == typ {
			return p
		}
	}
	panic("no " + typ + " panel")
}

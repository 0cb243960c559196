package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	_ "github.com/metricgen/metricgen/internal/golden" // defines -update, which go test ./... passes to every package
	"github.com/metricgen/metricgen/internal/jsonschema"
)

const exampleSpec = "../spec/klaviyo.yaml"

// compile compiles the schema with the validator metricgen runs (internal/jsonschema; the
// verify module checks the schema against draft 2020-12's meta-schema with a full library).
func compile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	s, err := jsonschema.Compile(ID, JSON)
	if err != nil {
		t.Fatalf("compile schema: %v", err)
	}
	return s
}

// fromYAML decodes a YAML document into the generic values a JSON decoder would give
// (map[string]any, []any, float64, string, bool, nil), which is what the schema validates.
func fromYAML(t *testing.T, src []byte) any {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	v, err := jsonValue(&doc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func jsonValue(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return jsonValue(n.Content[0])
	case yaml.AliasNode:
		return jsonValue(n.Alias)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("line %d: mapping key is not a scalar", k.Line)
			}
			val, err := jsonValue(v)
			if err != nil {
				return nil, err
			}
			m[k.Value] = val
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			val, err := jsonValue(c)
			if err != nil {
				return nil, err
			}
			s = append(s, val)
		}
		return s, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!str", "!!timestamp", "!!binary":
			return n.Value, nil
		case "!!null":
			return nil, nil
		case "!!bool":
			var b bool
			err := n.Decode(&b)
			return b, err
		case "!!int", "!!float":
			var f float64
			err := n.Decode(&f)
			return f, err
		}
		return nil, fmt.Errorf("line %d: unsupported tag %s", n.Line, n.ShortTag())
	}
	return nil, fmt.Errorf("line %d: unsupported YAML node kind %v", n.Line, n.Kind)
}

func TestSchemaCompiles(t *testing.T) {
	compile(t)

	var doc map[string]any
	if err := json.Unmarshal(JSON, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["$id"] != ID {
		t.Errorf("$id = %v, want ID = %q", doc["$id"], ID)
	}
	if doc["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v, want draft 2020-12", doc["$schema"])
	}
}

// TestSchemaFormatted keeps the file in the form encoding/json's Indent gives it (two-space
// indent, one value a line), so that edits do not drift into a style of their own.
func TestSchemaFormatted(t *testing.T) {
	var compact, want bytes.Buffer
	if err := json.Compact(&compact, JSON); err != nil {
		t.Fatal(err)
	}
	if err := json.Indent(&want, compact.Bytes(), "", "  "); err != nil {
		t.Fatal(err)
	}
	want.WriteByte('\n')
	if !bytes.Equal(JSON, want.Bytes()) {
		t.Error("metricgen.schema.json is not formatted as json.Indent with two spaces does it")
	}
}

// TestSchemaDocumented walks the schema: every property needs a description, for editors'
// hover and completion, and every object schema must say what else it allows.
func TestSchemaDocumented(t *testing.T) {
	var doc any
	if err := json.Unmarshal(JSON, &doc); err != nil {
		t.Fatal(err)
	}
	var problems []string
	// constraint is true below if, then, else, not and dependentSchemas, whose properties only
	// constrain properties defined (and documented) elsewhere.
	var walk func(ptr string, v any, constraint bool)
	walk = func(ptr string, v any, constraint bool) {
		switch v := v.(type) {
		case []any:
			for i, e := range v {
				walk(fmt.Sprintf("%s/%d", ptr, i), e, constraint)
			}
		case map[string]any:
			if v["type"] == "object" {
				if _, ok := v["additionalProperties"]; !ok {
					problems = append(problems, ptr+": object without additionalProperties")
				}
			}
			for k, e := range v {
				switch k {
				case "examples", "default", "const", "enum":
					continue // values, not schemas
				case "properties", "$defs":
					if constraint && k == "properties" {
						break
					}
					for name, s := range e.(map[string]any) {
						if m, _ := s.(map[string]any); m["description"] == nil || m["description"] == "" {
							problems = append(problems, ptr+"/"+k+"/"+name+": no description")
						}
					}
				}
				switch k {
				case "if", "then", "else", "not", "dependentSchemas":
					walk(ptr+"/"+k, e, true)
				default:
					walk(ptr+"/"+k, e, constraint)
				}
			}
		}
	}
	walk("#", doc, false)
	sort.Strings(problems)
	for _, p := range problems {
		t.Error(p)
	}
}

func TestExampleSpecValid(t *testing.T) {
	src, err := os.ReadFile(exampleSpec)
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := bytes.Cut(src, []byte("\n"))
	if want := "# yaml-language-server: $schema=../schema/metricgen.schema.json"; string(first) != want {
		t.Errorf("%s: first line is %q, want %q so that editors find the schema", exampleSpec, first, want)
	}
	if ve := validate(t, compile(t), fromYAML(t, src)); ve != nil {
		t.Errorf("%s: %v", exampleSpec, leafErrors(ve))
	}
}

// minimal is the smallest valid spec; the cases below append to it.
const minimal = `
version: 1
namespace: klaviyo
service: klaviyo-integration
metrics:
  api_requests_total: {type: counter, help: Total requests}
`

func TestValidDocuments(t *testing.T) {
	s := compile(t)
	for name, extra := range map[string]string{
		"minimal": ``,
		"go without out": `
go: {package: klaviyometrics}`,
		"paths": `
go: {package: klaviyometrics, out: ./internal/klaviyometrics}
outputs: {rules: a/b.rules.yml, rule_tests: a/b..test.yml, docs: ..docs/x.md}`,
		"free-form and enum labels": `
labels:
  method: {values: [GET, POST]}
  status_code: {pattern: '^[1-5][0-9][0-9]$', max_values: 60}
  error_code: {help: Error code}`,
		"bucket forms": `
  a_seconds: {type: histogram, help: A, buckets: [0.1, 1]}
  b_bytes: {type: histogram, help: B, buckets: {exponential: {start: 256, factor: 4, count: 8}}}
  c: {type: histogram, help: C, buckets: {linear: {start: 0, width: 10, count: 5}}}
  d_seconds: {type: histogram, help: D, native: {bucket_factor: 1.1}}`,
		"durations": `
rule_group: {interval: 0}
alerts:
  - {alert: A, expr: up == 0, for: 1h30m, keep_firing_for: 90s}
  - {alert: B, expr: up == 0, for: 1d12h30m15s500ms}`,
		"alert names Prometheus accepts": `
alerts:
  - {alert: 'MysqlTooManyConnections(>80%)', expr: up == 0}
  - {alert: Node down on host, expr: up == 0}`,
		"external metrics with one series per label set": `
external_metrics:
  kube_pod_info: {type: gauge, labels: [namespace, pod, node], one_per: [namespace, pod]}
  node_uname_info: {type: gauge, labels: [nodename], info: true}
  build_info: {type: gauge, info: false}`,
		"empty lists": `
target_labels: []
alerts: []
recording_rules: []
tests: []`,
		"rule tests": `
tests:
  - input_series: [{series: 'up{job="a"}', values: '1x10'}]
    alert_rule_test: [{eval_time: 5m, alertname: Down}]
    promql_expr_test: [{expr: up, eval_time: 0, exp_samples: [{labels: 'up{job="a"}', value: 1}]}]`,
	} {
		t.Run(name, func(t *testing.T) {
			if ve := validate(t, s, fromYAML(t, []byte(minimal+extra))); ve != nil {
				t.Errorf("%v\n%s", leafErrors(ve), minimal+extra)
			}
		})
	}
}

func TestInvalidDocuments(t *testing.T) {
	s := compile(t)
	for _, tc := range []struct {
		name  string
		doc   string // appended to minimal, unless it starts with "version:"
		where string // instance location of the expected error
	}{
		{"unknown top-level key", `
metric: {}`, ""},
		{"missing metrics", "version: 1\nnamespace: a\nservice: a\n", ""},
		{"no metrics", "version: 1\nnamespace: a\nservice: a\nmetrics: {}\n", "/metrics"},
		{"version 2", "version: 2\nnamespace: a\nservice: a\nmetrics: {a_total: {type: counter, help: A}}\n", "/version"},
		{"version as string", "version: '1'\nnamespace: a\nservice: a\nmetrics: {a_total: {type: counter, help: A}}\n", "/version"},
		{"upper-case namespace", "version: 1\nnamespace: Klaviyo\nservice: a\nmetrics: {a_total: {type: counter, help: A}}\n", "/namespace"},
		{"service with a space", "version: 1\nnamespace: a\nservice: my service\nmetrics: {a_total: {type: counter, help: A}}\n", "/service"},
		{"unknown metric key", `
  b_total: {type: counter, help: B, label: [method]}`, "/metrics/b_total"},
		{"wrong metric type", `
  b: {type: summary, help: B}`, "/metrics/b/type"},
		{"metric without help", `
  b_total: {type: counter}`, "/metrics/b_total"},
		{"metric name with a dash", `
  b-total: {type: counter, help: B}`, "/metrics/b-total"},
		{"duplicate metric labels", `
  b_total: {type: counter, help: B, labels: [a, a]}`, "/metrics/b_total/labels"},
		{"buckets as a string", `
  b_seconds: {type: histogram, help: B, buckets: '0.1 1'}`, "/metrics/b_seconds/buckets"},
		{"empty bucket list", `
  b_seconds: {type: histogram, help: B, buckets: []}`, "/metrics/b_seconds/buckets"},
		{"exponential without count", `
  b_seconds: {type: histogram, help: B, buckets: {exponential: {start: 1, factor: 2}}}`, "/metrics/b_seconds/buckets/exponential"},
		{"exponential factor 1", `
  b_seconds: {type: histogram, help: B, buckets: {exponential: {start: 1, factor: 1, count: 3}}}`, "/metrics/b_seconds/buckets/exponential/factor"},
		{"exponential start 0", `
  b_seconds: {type: histogram, help: B, buckets: {exponential: {start: 0, factor: 2, count: 3}}}`, "/metrics/b_seconds/buckets/exponential/start"},
		{"linear width 0", `
  b_seconds: {type: histogram, help: B, buckets: {linear: {start: 1, width: 0, count: 3}}}`, "/metrics/b_seconds/buckets/linear/width"},
		{"fractional bucket count", `
  b_seconds: {type: histogram, help: B, buckets: {linear: {start: 1, width: 1, count: 2.5}}}`, "/metrics/b_seconds/buckets/linear/count"},
		{"both bucket generators", `
  b_seconds: {type: histogram, help: B, buckets: {linear: {start: 1, width: 1, count: 2}, exponential: {start: 1, factor: 2, count: 2}}}`, "/metrics/b_seconds/buckets"},
		{"unknown bucket generator", `
  b_seconds: {type: histogram, help: B, buckets: {logarithmic: {start: 1, count: 2}}}`, "/metrics/b_seconds/buckets"},
		{"buckets on a counter", `
  b_total: {type: counter, help: B, buckets: [1, 2]}`, "/metrics/b_total/buckets"},
		{"native on a gauge", `
  b: {type: gauge, help: B, native: {bucket_factor: 1.1}}`, "/metrics/b/native"},
		{"native without bucket_factor", `
  b_seconds: {type: histogram, help: B, native: {max_buckets: 100}}`, "/metrics/b_seconds/native"},
		{"native bucket_factor 1", `
  b_seconds: {type: histogram, help: B, native: {bucket_factor: 1}}`, "/metrics/b_seconds/native/bucket_factor"},
		{"native bad min_reset_duration", `
  b_seconds: {type: histogram, help: B, native: {bucket_factor: 1.1, min_reset_duration: 1 hour}}`, "/metrics/b_seconds/native/min_reset_duration"},
		{"max_series 0", `
  b_total: {type: counter, help: B, max_series: 0}`, "/metrics/b_total/max_series"},
		{"enum label with pattern", `
labels:
  method: {values: [GET], pattern: '^[A-Z]+$'}`, "/labels/method/pattern"},
		{"enum label with max_values", `
labels:
  method: {values: [GET], max_values: 5}`, "/labels/method/max_values"},
		{"enum label without values", `
labels:
  method: {values: []}`, "/labels/method/values"},
		{"numeric label value", `
labels:
  code: {values: [200, '404']}`, "/labels/code/values/0"},
		{"label pattern not a regexp", `
labels:
  code: {pattern: '^(2|3'}`, "/labels/code/pattern"},
		{"max_values 0", `
labels:
  code: {max_values: 0}`, "/labels/code/max_values"},
		{"unknown label key", `
labels:
  code: {max: 5}`, "/labels/code"},
		{"label name with a dot", `
labels:
  status.code: {max_values: 5}`, "/labels/status.code"},
		{"go without package", `
go: {out: internal/m}`, "/go"},
		{"go package with underscore", `
go: {package: klaviyo_metrics}`, "/go/package"},
		{"unknown output", `
outputs: {grafana: a.json}`, "/outputs"},
		{"absolute output path", `
outputs: {rules: /etc/prometheus/a.yml}`, "/outputs/rules"},
		{"output path leaving the root", `
outputs: {docs: docs/../../a.md}`, "/outputs/docs"},
		{"Windows output path", `
outputs: {dashboard: 'C:\grafana\a.json'}`, "/outputs/dashboard"},
		{"go out leaving the root", `
go: {package: m, out: ..}`, "/go/out"},
		{"rule_tests without rules", `
outputs: {rule_tests: a.test.yml}`, "/outputs"},
		{"duplicate target label", `
target_labels: [pod, pod]`, "/target_labels"},
		{"external metric type", `
external_metrics:
  up: {type: enum}`, "/external_metrics/up/type"},
		{"external metric without type", `
external_metrics:
  up: {help: Up}`, "/external_metrics/up"},
		{"redact action unknown", `
logging:
  redact: [{key: email, action: obfuscate}]`, "/logging/redact/0/action"},
		{"redact without key", `
logging:
  redact: [{action: remove}]`, "/logging/redact/0"},
		{"keep without mask", `
logging:
  redact: [{key: email, action: hash, keep: 3}]`, "/logging/redact/0/keep"},
		{"negative keep", `
logging:
  redact: [{key: email, action: mask, keep: -1}]`, "/logging/redact/0/keep"},
		{"bad hash_key_env", `
logging: {hash_key_env: LOG-HASH-KEY}`, "/logging/hash_key_env"},
		{"unknown rule_group key", `
rule_group: {name: a, limit: 10}`, "/rule_group"},
		{"alert without expr", `
alerts: [{alert: Down}]`, "/alerts/0"},
		{"one_per empty", `
external_metrics:
  kube_pod_info: {type: gauge, labels: [pod], one_per: []}`, "/external_metrics/kube_pod_info/one_per"},
		{"info not a boolean", `
external_metrics:
  node_uname_info: {type: gauge, info: yes please}`, "/external_metrics/node_uname_info/info"},
		{"alert name empty", `
alerts: [{alert: '', expr: up == 0}]`, "/alerts/0/alert"},
		{"alert for in words", `
alerts: [{alert: Down, expr: up == 0, for: 5 minutes}]`, "/alerts/0/for"},
		{"alert for empty", `
alerts: [{alert: Down, expr: up == 0, for: ''}]`, "/alerts/0/for"},
		{"alert for units out of order", `
alerts: [{alert: Down, expr: up == 0, for: 30s5m}]`, "/alerts/0/for"},
		{"alert severity upper case", `
alerts: [{alert: Down, expr: up == 0, severity: Critical}]`, "/alerts/0/severity"},
		{"alert label value a number", `
alerts: [{alert: Down, expr: up == 0, labels: {priority: 1}}]`, "/alerts/0/labels/priority"},
		{"runbook not a URI", `
alerts: [{alert: Down, expr: up == 0, runbook: runbooks/klaviyo.md}]`, "/alerts/0/runbook"},
		{"unknown alert key", `
alerts: [{alert: Down, expr: up == 0, runbook_url: 'https://x.example'}]`, "/alerts/0"},
		{"record name with a dash", `
recording_rules: [{record: 'klaviyo:api-requests:rate5m', expr: up}]`, "/recording_rules/0/record"},
		{"recording rule without expr", `
recording_rules: [{record: 'a:b:c'}]`, "/recording_rules/0"},
		{"unknown panel type", `
dashboard:
  panels: [{title: A, type: graph, expr: up}]`, "/dashboard/panels/0/type"},
		{"panel without expr", `
dashboard:
  panels: [{title: A}]`, "/dashboard/panels/0"},
		{"group without title", `
dashboard:
  groups: [{metrics: [api_requests_total]}]`, "/dashboard/groups/0"},
		{"unknown dashboard key", `
dashboard: {uid: abc}`, "/dashboard"},
		{"unknown test key", `
tests: [{name: a, input: []}]`, "/tests/0"},
		{"input series without values", `
tests: [{input_series: [{series: up}]}]`, "/tests/0/input_series/0"},
		{"alert test without eval_time", `
tests: [{alert_rule_test: [{alertname: Down}]}]`, "/tests/0/alert_rule_test/0"},
		{"expected sample value a string", `
tests: [{promql_expr_test: [{expr: up, eval_time: 1m, exp_samples: [{labels: up, value: one}]}]}]`, "/tests/0/promql_expr_test/0/exp_samples/0/value"},
		{"test interval a number", `
tests: [{interval: 60}]`, "/tests/0/interval"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := tc.doc
			if !strings.HasPrefix(doc, "version:") {
				doc = minimal + doc
			}
			ve := validate(t, s, fromYAML(t, []byte(doc)))
			if ve == nil {
				t.Fatalf("valid, want an error at %q:\n%s", tc.where, doc)
			}
			for _, e := range flatten(ve) {
				if e.InstanceLocation == tc.where {
					return
				}
			}
			t.Errorf("no error at %q; got:\n%s", tc.where, leafErrors(ve))
		})
	}
}

// validate validates v with s, failing the test if v is not JSON.
func validate(t *testing.T, s *jsonschema.Schema, v any) *jsonschema.ValidationError {
	t.Helper()
	ve, err := s.Validate(v)
	if err != nil {
		t.Fatal(err)
	}
	return ve
}

// flatten lists the errors of a validation error's tree, depth first.
func flatten(ve *jsonschema.ValidationError) []*jsonschema.ValidationError {
	out := []*jsonschema.ValidationError{ve}
	for _, c := range ve.Causes {
		out = append(out, flatten(c)...)
	}
	return out
}

// leafErrors lists a validation error's causes one a line, as "location: message".
func leafErrors(ve *jsonschema.ValidationError) string {
	var b strings.Builder
	for _, e := range flatten(ve) {
		if len(e.Causes) == 0 {
			fmt.Fprintf(&b, "  %q: %s\n", e.InstanceLocation, e.Message)
		}
	}
	return b.String()
}

// TestSchemaForEditors: what yaml-language-server shows. A hover is headed by the nearest
// title, so every definition and every top-level key has its own (else every key reads
// "metricgen spec, version 1"); a value failing a pattern shows patternErrorMessage instead
// of the raw regular expression (validation quotes it too).
func TestSchemaForEditors(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(JSON, &doc); err != nil {
		t.Fatal(err)
	}
	titles := map[string]bool{}
	for _, group := range []string{"$defs", "properties"} {
		for name, s := range doc[group].(map[string]any) {
			title, _ := s.(map[string]any)["title"].(string)
			switch {
			case title == "":
				t.Errorf("%s/%s: no title", group, name)
			case title == doc["title"] || titles[title] && group == "$defs":
				t.Errorf("%s/%s: title %q is not its own", group, name, title)
			}
			titles[title] = true
		}
	}
	var walk func(ptr string, v any)
	walk = func(ptr string, v any) {
		switch v := v.(type) {
		case []any:
			for i, e := range v {
				walk(fmt.Sprintf("%s/%d", ptr, i), e)
			}
		case map[string]any:
			if _, ok := v["pattern"].(string); ok {
				if m, _ := v["patternErrorMessage"].(string); m == "" || !strings.HasSuffix(m, ".") {
					t.Errorf("%s: a pattern without a patternErrorMessage sentence", ptr)
				}
			}
			for k, e := range v {
				if k != "examples" && k != "enum" && k != "const" && k != "default" {
					walk(ptr+"/"+k, e)
				}
			}
		}
	}
	walk("#", doc)
}

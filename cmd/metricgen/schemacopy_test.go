package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/metricgen/metricgen/schema"
)

// TestSchemaOutput: outputs.schema is the schema editors read, kept current by generate:
// exactly what `metricgen schema` prints, reported by check when it differs, a current hand
// copy adopted and an older one refused, and no stale-copy warning for the spec's own copy.
func TestSchemaOutput(t *testing.T) {
	spec := "# yaml-language-server: $schema=metricgen.schema.json\n" + shopSpec("  schema: metricgen.schema.json\n")
	copyPath := func(dir string) string { return filepath.Join(dir, "metricgen.schema.json") }

	dir := t.TempDir()
	if code, stderr := generateIn(t, dir, spec); code != exitOK || stderr != "" {
		t.Fatalf("generate: exit %d, %s", code, stderr)
	}
	if got := readFile(t, copyPath(dir)); got != string(schema.JSON) {
		t.Fatal("the copy is not the embedded schema")
	}
	_, printed, _ := runIn(t, dir, "schema")
	if printed != string(schema.JSON) {
		t.Fatal("metricgen schema prints something else than outputs.schema holds")
	}
	if !strings.Contains(manifestOf(t, dir), `"metricgen.schema.json"`) {
		t.Errorf("the manifest does not list the copy:\n%s", manifestOf(t, dir))
	}

	// An older copy (what an upgrade of metricgen leaves behind) is drift, and generate
	// brings it up to date.
	writeFile(t, copyPath(dir), strings.Replace(string(schema.JSON), `"title": "Metric"`, `"title": "Metric (old)"`, 1))
	if code, stdout, _ := runIn(t, dir, "check", "--format", "json", "spec.yaml"); code != exitFail || !strings.Contains(stdout, `"drift/stale"`) || !strings.Contains(stdout, "metricgen.schema.json") {
		t.Errorf("check --format json: exit %d, %s; want drift/stale on metricgen.schema.json", code, stdout)
	}
	if code, stderr := generateIn(t, dir, spec); code != exitOK || stderr != "" || readFile(t, copyPath(dir)) != string(schema.JSON) {
		t.Fatalf("generate over a stale copy: exit %d, %s", code, stderr)
	}
	if code, _, stderr := runIn(t, dir, "validate", "--strict", "spec.yaml"); code != exitOK {
		t.Errorf("validate --strict of a spec whose modeline names its own outputs.schema: exit %d, %s", code, stderr)
	}

	// A copy made by hand with this metricgen is adopted; an older one is not metricgen's.
	fresh := t.TempDir()
	writeFile(t, copyPath(fresh), string(schema.JSON))
	if code, stderr := generateIn(t, fresh, spec); code != exitOK {
		t.Errorf("generate over a current hand copy: exit %d, %s", code, stderr)
	}
	older := t.TempDir()
	writeFile(t, copyPath(older), `{"title": "an old copy"}`+"\n")
	if code, stderr := generateIn(t, older, spec); code != exitFail || !strings.Contains(stderr, "output/not-owned") || !strings.Contains(stderr, "outputs.schema") {
		t.Errorf("generate over an older hand copy: exit %d, %s; want output/not-owned at outputs.schema", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(older, "deploy")); err == nil {
		t.Error("generate refused, yet wrote other outputs")
	}
}

// TestSchemaStaleCopy: without outputs.schema, a copy the modeline names that differs from
// this metricgen's schema is a warning; an identical one, or a URL, is not.
func TestSchemaStaleCopy(t *testing.T) {
	dir := t.TempDir()
	body := shopSpec("  docs: docs/shop.md\n")
	for _, c := range []struct {
		modeline, copy string
		warn           bool
	}{
		{"# yaml-language-server: $schema=./schemas/metricgen.json", string(schema.JSON), false},
		{"# yaml-language-server: $schema=./schemas/metricgen.json", `{"title": "old"}`, true},
		{"# yaml-language-server: $schema=missing.json", "", false},
		{"# yaml-language-server: $schema=https://metricgen.dev/schema/v1/metricgen.schema.json", "", false},
	} {
		if c.copy != "" {
			os.MkdirAll(filepath.Join(dir, "schemas"), 0o755)
			writeFile(t, filepath.Join(dir, "schemas", "metricgen.json"), c.copy)
		}
		writeFile(t, filepath.Join(dir, "spec.yaml"), c.modeline+"\n"+body)
		_, _, stderr := runIn(t, dir, "validate", "spec.yaml")
		if got := strings.Contains(stderr, "schema/stale-copy"); got != c.warn {
			t.Errorf("%s (copy %.20q): stale-copy warning %v, want %v; stderr:\n%s", c.modeline, c.copy, got, c.warn, stderr)
		}
	}
}

package goscratch

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/validate"
)

// extraCases are the packages of the scratch module that are not golden cases: specs of
// testdata/<name>/spec.yaml that only have to compile and work, and redaction models that
// validation rejects, whose generated code must compile and behave all the same.
func extraCases(t *testing.T) []pkgCase {
	t.Helper()
	var cases []pkgCase
	for _, name := range []string{"edge", "hostile"} {
		dir := filepath.Join("testdata", name)
		src, err := os.ReadFile(filepath.Join(dir, "spec.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		s, ds := validate.Source("spec.yaml", src, validate.Options{OutRoot: t.TempDir()})
		if s == nil || diag.HasErrors(ds) {
			t.Fatalf("%s: the spec does not validate: %v", dir, ds)
		}
		cases = append(cases, pkgCase{name: name, spec: s, exercise: dir, redactTests: true})
	}
	for _, c := range []struct {
		name  string
		spec  *model.Spec
		tests bool // false when a rule matches every key
	}{
		// Every shape of pattern condition: prefix and suffix with a middle part, prefix with a
		// middle, middle with a suffix, a doubled '*', a duplicate key, non-ASCII keys.
		{"redact-patterns", redactSpec("patterns", "PATTERNS_KEY",
			mask("ab*x*cd", 1),
			rule("pre*mid*", model.Hash),
			rule("*mid*suf", model.Remove),
			rule("q**z", model.Redact),
			rule("Straße", model.Redact),
			rule("STRASSE", model.Hash),
			rule("straße", model.Remove),
			mask("ÉTÉ*", 2),
		), true},
		{"redact-empty", redactSpec("empty", "LOG_HASH_KEY"), true},
		{"redact-all", redactSpec("all", "LOG_HASH_KEY",
			rule("email", model.Remove),
			rule("*", model.Redact),
			rule("phone", model.Hash),
			rule("*_token", model.Remove),
		), false},
		{"redact-onlyall", redactSpec("onlyall", "", rule("**", model.Hash)), false},
	} {
		cases = append(cases, pkgCase{name: c.name, spec: c.spec, redactTests: c.tests})
	}
	return cases
}

// redactSpec returns a model with only what the redaction emitter reads.
func redactSpec(pkg, keyEnv string, rules ...*model.RedactRule) *model.Spec {
	return &model.Spec{
		Source:  "spec.yaml",
		Go:      &model.GoPackage{Name: pkg, Dir: pkg},
		Logging: &model.Logging{HashKeyEnv: keyEnv, Rules: rules},
	}
}

func rule(key string, action model.RedactAction) *model.RedactRule {
	return &model.RedactRule{Key: key, Action: action}
}

func mask(key string, keep int) *model.RedactRule {
	return &model.RedactRule{Key: key, Action: model.Mask, Keep: keep}
}

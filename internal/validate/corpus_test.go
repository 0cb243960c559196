package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/golden"
	"github.com/metricgen/metricgen/internal/spec"
)

const corpusDir = "../../testdata/rules"

// corpusSpec is one converted spec of the corpus.
type corpusSpec struct {
	set, name string
	path      string // of the converted spec
	src       []byte
}

// corpusSpecs converts every source of testdata/rules and checks (or, with -update, the owner
// rewrites) the committed specs, so that the corpus is always what the converter makes of the
// sources.
func corpusSpecs(t *testing.T, owner bool) []corpusSpec {
	t.Helper()
	sets, err := readSources(filepath.Join(corpusDir, "sources.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var out []corpusSpec
	for _, set := range []string{"dev", "holdout"} {
		for _, s := range sets[set] {
			src, err := os.ReadFile(filepath.Join(corpusDir, "sources", set, s.File))
			if err != nil {
				t.Fatal(err)
			}
			name := strings.TrimSuffix(s.File, filepath.Ext(s.File))
			header := []string{
				fmt.Sprintf("Converted from %s, %s at %s", s.Repo, s.Path, s.Commit),
				"(testdata/rules/sources/" + set + "/" + s.File + ") by internal/validate/corpus_convert_test.go.",
				"Do not edit: go test ./internal/validate -run TestRuleCorpus -update",
			}
			got, err := convertRules(name, src, header)
			if err != nil {
				t.Fatalf("%s: %v", s.File, err)
			}
			path := filepath.Join(corpusDir, "specs", set, name+".yaml")
			if owner {
				golden.File(t, path, got)
			} else {
				golden.Compare(t, path, got)
			}
			out = append(out, corpusSpec{set: set, name: name, path: path, src: got})
		}
	}
	return out
}

// knownBug is one real bug of a corpus rule file (testdata/rules/bugs.yaml).
type knownBug struct {
	Rule string    `yaml:"rule"`
	Code diag.Code `yaml:"code"`
	Why  string    `yaml:"why"`
}

// TestRuleCorpus validates every converted spec of the corpus: real rules that run in
// production must raise no error but the real bugs listed in testdata/rules/bugs.yaml, and
// each of those must be reported.
//
// go test ./internal/validate -run TestRuleCorpus -v prints the figures per spec.
func TestRuleCorpus(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(corpusDir, "bugs.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var bugs map[string][]knownBug
	if err := yaml.Unmarshal(b, &bugs); err != nil {
		t.Fatal(err)
	}
	for _, cs := range corpusSpecs(t, true) {
		t.Run(cs.set+"/"+cs.name, func(t *testing.T) {
			f, _, _ := spec.Load(cs.path, cs.src)
			_, ds := Source(cs.path, cs.src, Options{OutRoot: t.TempDir()})
			want := map[string]int{}
			for _, bug := range bugs[cs.set+"/"+cs.name] {
				want[bug.Rule+" "+string(bug.Code)]++
			}
			rules, errs, warns, alarms := 0, 0, 0, 0
			rules = len(f.Alerts) + len(f.Records)
			for _, d := range ds {
				switch d.Severity {
				case diag.Error:
					errs++
					key := ruleAt(f, d.Line) + " " + string(d.Code)
					if want[key] > 0 {
						want[key]--
						continue
					}
					alarms++
					t.Errorf("false alarm (not in testdata/rules/bugs.yaml): %s", d)
				case diag.Warning:
					warns++
					t.Logf("%s", d)
				}
			}
			for key, n := range want {
				if n > 0 {
					t.Errorf("real bug not reported: %s (%d more)", key, n)
				}
			}
			t.Logf("%d rules: %d errors (%d false alarms, %d real bugs), %d warnings", rules, errs, alarms, errs-alarms, warns)
		})
	}
}

// ruleAt names the alert or recording rule of f that line is in.
func ruleAt(f *spec.File, line int) string {
	name, at := "", 0
	for _, it := range f.Alerts {
		if l := it.Node.Line; l <= line && l > at {
			name, at = it.Value.Alert.Value, l
		}
	}
	for _, it := range f.Records {
		if l := it.Node.Line; l <= line && l > at {
			name, at = it.Value.Record.Value, l
		}
	}
	return name
}

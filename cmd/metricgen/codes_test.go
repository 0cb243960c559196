package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/metricgen/metricgen/internal/diag"
)

// exercisedElsewhere are the codes that no spec of the corpus can show, with the test that
// makes metricgen report them.
var exercisedElsewhere = map[diag.Code]string{
	diag.FileUnreadable:    "TestUsage (a spec that does not exist)",
	diag.IgnoreUnused:      "TestIgnoreStrict (--strict only)",
	diag.FileTooLarge:      "TestDevZero and TestStdinTooLarge (16 MB of input)",
	diag.InputUnreadable:   "TestInitInputErrors (metricgen init's inputs)",
	diag.InputExposition:   "TestInitInputErrors",
	diag.InputRules:        "TestInitInputErrors",
	diag.InputDashboard:    "TestInitInputErrors",
	diag.DriftMissing:      "TestCheckFormats (metricgen check, not validation)",
	diag.DriftStale:        "TestCheckFormats (metricgen check, not validation)",
	diag.DriftNotGenerated: "TestCheckFormats (metricgen check, not validation)",
	diag.DriftLeftover:     "TestLeftoverTempFiles (metricgen check --format json)",
	diag.OutputNotOwned:    "TestNeverOverwritesUserFile (what is on disk, found when generating)",
}

// unreachable are the codes no input can trigger today, and why they are registered anyway.
var unreachable = map[diag.Code]string{
	diag.InternalEmit:    "an emitter failing on a validated spec is a bug; the invariant tests keep it unreachable",
	diag.InternalSchema:  "the embedded schema failing to run is a bug",
	diag.SchemaViolation: "catch-all for a JSON Schema keyword the reporter has no words for; the schema uses none today",
}

var diagnosticCode = regexp.MustCompile(`(?m): (?:error|warning|notice): ([a-z]+/[a-z-]+): `)

// TestCodesExercised: every registered check is shown by at least one case of the corpus
// (testdata/invalid, testdata/golden: their stderr.txt; testdata/diff: want.txt), or by a named test, or is listed as
// unreachable with the reason.
func TestCodesExercised(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "*", "*", "stderr.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// metricgen diff's checks: each pair of testdata/diff shows its own (TestDiffCorpus).
	diffs, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "diff", "*", "want.txt"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, diffs...)
	seen := map[diag.Code]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range diagnosticCode.FindAllStringSubmatch(string(b), -1) {
			seen[diag.Code(m[1])] = true
		}
	}
	for _, c := range diag.Checks {
		_, elsewhere := exercisedElsewhere[c.Code]
		why, never := unreachable[c.Code]
		switch {
		case never && seen[c.Code]:
			t.Errorf("%s is listed as unreachable (%s), but the corpus shows it", c.Code, why)
		case !seen[c.Code] && !elsewhere && !never:
			t.Errorf("no case of testdata/ shows %s: add testdata/invalid/<case>", c.Code)
		}
	}
	for c := range seen {
		if !diag.Known(c) {
			t.Errorf("the corpus shows %s, which is not registered", c)
		}
	}
}

package diag

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	_ "github.com/metricgen/metricgen/internal/golden" // defines -update, which go test ./... passes to every package
)

var codeForm = regexp.MustCompile(`^[a-z]+/[a-z]+(-[a-z]+)*$`)

func TestRegistry(t *testing.T) {
	if !slices.IsSortedFunc(Checks, func(a, b Check) int { return strings.Compare(string(a.Code), string(b.Code)) }) {
		t.Error("Checks is not sorted by code; Lookup relies on it")
	}
	seen := map[Code]bool{}
	for _, c := range Checks {
		if !codeForm.MatchString(string(c.Code)) {
			t.Errorf("code %q is not category/name in lower-case words", c.Code)
		}
		if seen[c.Code] {
			t.Errorf("code %q is registered twice", c.Code)
		}
		seen[c.Code] = true
		if c.Summary == "" {
			t.Errorf("%s has no summary", c.Code)
		}
		if got, ok := Lookup(c.Code); !ok || got.Code != c.Code {
			t.Errorf("Lookup(%q) = %v, %v", c.Code, got.Code, ok)
		}
	}
	if Known("promql/no-such-check") {
		t.Error("Known reports an unregistered code")
	}
}

// TestChecksDoc keeps docs/checks.md equal to what the registry generates.
func TestChecksDoc(t *testing.T) {
	got, err := os.ReadFile("../../docs/checks.md")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Markdown(), string(got)); diff != "" {
		t.Errorf("docs/checks.md is stale; run make docs (-want +got):\n%s", diff)
	}
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// warnOnly is a spec with one warning and no error: --strict decides its exit status.
const warnOnly = "version: 1\nnamespace: shop\nservice: shop\nmetrics:\n  orders_total: {type: counter, help: Orders}\nalerts:\n  - {alert: A, expr: shop_orders_total > 1, severity: warning, summary: s}\n"

// TestSpecArguments covers how SPEC arguments are read: flags after them, "--", standard
// input, a spec named twice, and arguments that are not spec files.
func TestSpecArguments(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "warn.yaml"), warnOnly)
	writeFile(t, filepath.Join(dir, "go.yaml"), "version: 1\nnamespace: shop\nservice: shop\ngo: {package: shopmetrics}\nmetrics:\n  orders_total: {type: counter, help: Orders}\n")
	const warning = "warn.yaml:7:22: warning: promql/counter-without-rate: counter shop_orders_total is used without rate() or increase()"
	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
		code  int
		want  string // the start of the output (stdout, then stderr), or of its only line
	}{
		{"flag after the spec", []string{"validate", "warn.yaml", "--strict"}, "", exitFail, warning},
		{"flag after the spec, with a value", []string{"validate", "warn.yaml", "--format", "github"}, "", exitOK, "::warning file=warn.yaml,line=7,endLine=7,col=22,"},
		{"double dash ends the flags", []string{"validate", "--", "--strict"}, "", exitFail, "--strict: error: file/unreadable: cannot read the spec: no such file or directory"},
		{"unknown flag after the spec", []string{"validate", "warn.yaml", "--bogus"}, "", exitUsage, "flag provided but not defined: -bogus"},
		{"stdin", []string{"validate", "-"}, warnOnly, exitOK, "<stdin>:7:22: warning: promql/counter-without-rate: counter shop_orders_total"},
		{"stdin with --strict", []string{"validate", "--strict", "-"}, warnOnly, exitFail, "<stdin>:7:22: warning:"},
		{"stdin empty", []string{"validate", "-"}, "", exitFail, "<stdin>:1:1: error: yaml/empty: the spec is empty"},
		{"generate from stdin", []string{"generate", "-"}, warnOnly, exitUsage, "metricgen generate: reading the spec from standard input ('-') works with validate only"},
		{"check from stdin", []string{"check", "warn.yaml", "-"}, warnOnly, exitUsage, "metricgen check: reading the spec from standard input ('-') works with validate only"},
		{"a folder", []string{"validate", "."}, "", exitFail, ".: error: file/unreadable: cannot read the spec: is a folder, not a spec file"},
		{"a spec named twice", []string{"generate", "go.yaml", "./go.yaml", filepath.Join(dir, "go.yaml")}, "", exitOK, ""},
		{"a spec named twice, validate", []string{"validate", "warn.yaml", "./warn.yaml"}, "", exitOK, warning},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdin = strings.NewReader(tc.stdin)
			t.Cleanup(func() { stdin = os.Stdin })
			// Findings in a machine format go to stdout (TestFormats checks the streams).
			code, stdout, stderr := runIn(t, dir, tc.args...)
			stderr = stdout + stderr
			if code != tc.code || !strings.HasPrefix(stderr, tc.want) || (tc.want == "") != (stderr == "") {
				t.Errorf("metricgen %s = %d\n%s\nwant %d and stderr starting %q", strings.Join(tc.args, " "), code, stderr, tc.code, tc.want)
			}
			if tc.name == "a spec named twice, validate" && strings.Count(stderr, "warning:") != 1 {
				t.Errorf("the warning is printed %d times:\n%s", strings.Count(stderr, "warning:"), stderr)
			}
		})
	}
}

// TestDevZero: a spec that never ends (/dev/zero, or a FIFO fed forever) is refused after
// 16 MB, without reading further.
func TestDevZero(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	code, _, stderr := runIn(t, t.TempDir(), "validate", "/dev/zero")
	want := "/dev/zero: error: file/too-large: the spec is larger than 16 MB, the most metricgen reads; is this the right file? Split a spec this large into one spec per component\n"
	if code != exitFail || stderr != want {
		t.Errorf("validate /dev/zero = %d, %q", code, stderr)
	}
}

// TestStdinTooLarge: standard input is bounded like a file.
func TestStdinTooLarge(t *testing.T) {
	stdin = strings.NewReader(strings.Repeat("# x\n", 5<<20))
	t.Cleanup(func() { stdin = os.Stdin })
	code, _, stderr := runIn(t, t.TempDir(), "validate", "-")
	if diff := cmp.Diff("<stdin>: error: file/too-large: the spec is larger than 16 MB, the most metricgen reads; is this the right file? Split a spec this large into one spec per component\n", stderr); code != exitFail || diff != "" {
		t.Errorf("exit %d, stderr (-want +got):\n%s", code, diff)
	}
}

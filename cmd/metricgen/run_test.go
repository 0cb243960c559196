package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/metricgen/metricgen/internal/diag"
)

// exampleSpec copies spec/klaviyo.yaml into a scratch folder and returns the folder.
func exampleSpec(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot, "spec", "klaviyo.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "klaviyo.yaml"), string(src))
	return dir
}

func TestUsage(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
		out  string // a substring of stdout+stderr
	}{
		{nil, exitUsage, "Usage:"},
		{[]string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{[]string{"validate"}, exitUsage, "name at least one spec file"},
		{[]string{"generate", "--bogus", "x.yaml"}, exitUsage, "flag provided but not defined"},
		{[]string{"validate", "--format", "xml", "x.yaml"}, exitUsage, "--format must be text, json or github"},
		{[]string{"validate", "-h"}, exitOK, "metricgen validate spec/klaviyo.yaml"},
		{[]string{"generate", "-h"}, exitOK, "//go:generate go tool metricgen generate metrics.yaml"},
		{[]string{"check", "-h"}, exitOK, "drift check for CI"},
		{[]string{"help"}, exitOK, "Usage:"},
		{[]string{"schema", "extra"}, exitUsage, "Usage: metricgen schema"},
		{[]string{"validate", "missing.yaml"}, exitFail, "missing.yaml: error: file/unreadable: cannot read the spec: no such file or directory"},
	} {
		code, stdout, stderr := runIn(t, dir, tc.args...)
		if code != tc.code || !strings.Contains(stdout+stderr, tc.out) {
			t.Errorf("metricgen %v = %d, %q; want %d and output containing %q", tc.args, code, stdout+stderr, tc.code, tc.out)
		}
	}
}

func TestSchemaCommand(t *testing.T) {
	code, stdout, _ := runIn(t, t.TempDir(), "schema")
	if code != exitOK || !strings.Contains(stdout, `"$schema": "https://json-schema.org/draft/2020-12/schema"`) {
		t.Fatalf("schema = %d, %.200q", code, stdout)
	}
}

// TestGenerateIsDeterministic generates the example twice into fresh folders and requires
// byte-identical trees, and a third time over the first to require no change at all.
func TestGenerateIsDeterministic(t *testing.T) {
	dir := exampleSpec(t)
	a, b := t.TempDir(), t.TempDir()
	for _, out := range []string{a, b, a} {
		if code, _, stderr := runIn(t, dir, "generate", "--out", out, "klaviyo.yaml"); code != exitOK {
			t.Fatalf("generate: %d\n%s", code, stderr)
		}
	}
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) == 0 {
		t.Fatal("nothing generated")
	}
	if diff := cmp.Diff(ta, tb); diff != "" {
		t.Errorf("two runs differ:\n%s", diff)
	}
}

// TestGenerateWritesNothingOnInvalidSpec: one invalid spec among valid ones stops every
// write, and the diagnostics name it.
func TestGenerateWritesNothingOnInvalidSpec(t *testing.T) {
	dir := exampleSpec(t)
	writeFile(t, filepath.Join(dir, "bad.yaml"), "version: 1\nnamespace: x\nservice: x\nmetrics:\n  a_total: {type: countr, help: h}\noutputs: {docs: bad.md}\n")
	out := t.TempDir()
	writeFile(t, filepath.Join(out, "keep.txt"), "untouched")
	code, _, stderr := runIn(t, dir, "generate", "--out", out, "klaviyo.yaml", "bad.yaml")
	if code != exitFail {
		t.Fatalf("generate exited %d, want 1", code)
	}
	if want := `bad.yaml:5:19: error: schema/enum: metrics.a_total.type: "countr" is not one of counter, gauge, histogram; did you mean "counter"?`; !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}
	if diff := cmp.Diff(map[string]string{"keep.txt": "untouched"}, readTree(t, out)); diff != "" {
		t.Errorf("output root changed:\n%s", diff)
	}
}

// TestGenerateIsAllOrNothing makes one target unwritable (a folder stands where a file must
// go) and requires that no other file was created or changed.
func TestGenerateIsAllOrNothing(t *testing.T) {
	dir := exampleSpec(t)
	out := t.TempDir()
	if code, _, stderr := runIn(t, dir, "generate", "--out", out, "klaviyo.yaml"); code != exitOK {
		t.Fatalf("generate: %s", stderr)
	}
	before := readTree(t, out)
	// Change the spec so every output changes, then block one of them.
	spec := readFile(t, filepath.Join(dir, "klaviyo.yaml"))
	writeFile(t, filepath.Join(dir, "klaviyo.yaml"), strings.Replace(spec, "Total Klaviyo API requests", "All Klaviyo API requests", 1))
	// A folder where the docs' temporary file goes: writing it fails after other files were
	// written to their temporary files (the docs come last).
	blocker := filepath.Join(out, "docs", ".klaviyo-metrics.md.metricgen-tmp", "blocker")
	if err := os.MkdirAll(blocker, 0o755); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runIn(t, dir, "generate", "--out", out, "klaviyo.yaml")
	if code != exitFail || !strings.Contains(stderr, "nothing was changed") {
		t.Fatalf("generate = %d, %q; want a failure saying nothing was changed", code, stderr)
	}
	if diff := cmp.Diff(before, readTree(t, out)); diff != "" {
		t.Errorf("a failed generate changed files:\n%s", diff)
	}
	os.RemoveAll(filepath.Dir(blocker))
	leftovers, _ := filepath.Glob(filepath.Join(out, "*", ".*.metricgen-tmp"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

// TestCheck walks the drift check through its cases: clean, hand-edited, missing, and a file
// the spec no longer generates.
func TestCheck(t *testing.T) {
	dir := exampleSpec(t)
	out := t.TempDir()
	check := func() (int, string, string) { return runIn(t, dir, "check", "--out", out, "klaviyo.yaml") }
	if code, _, stderr := runIn(t, dir, "generate", "--out", out, "klaviyo.yaml"); code != exitOK {
		t.Fatalf("generate: %s", stderr)
	}
	if code, stdout, stderr := check(); code != exitOK || stdout != "" || stderr != "" {
		t.Fatalf("check after generate = %d, %q, %q; want 0 and silence", code, stdout, stderr)
	}

	docs := filepath.Join(out, "docs", "klaviyo-metrics.md")
	orig := readFile(t, docs)
	writeFile(t, docs, strings.Replace(orig, "Total Klaviyo API requests", "Edited by hand", 1))
	code, stdout, stderr := check()
	if code != exitFail {
		t.Fatalf("check after a hand edit exited %d", code)
	}
	for _, want := range []string{"-| [`klaviyo_api_requests_total`]", "+| [`klaviyo_api_requests_total`]", "@@ "} {
		if !strings.Contains(stdout, want) {
			t.Errorf("diff lacks %q:\n%s", want, stdout)
		}
	}
	if !regexp.MustCompile(`docs/klaviyo-metrics.md: out of date or edited by hand\n`).MatchString(stderr) {
		t.Errorf("stderr does not name the edited file:\n%s", stderr)
	}
	if filesAfter := readFile(t, docs); !strings.Contains(filesAfter, "Edited by hand") {
		t.Error("check wrote to disk")
	}

	os.Remove(docs)
	if code, _, stderr := check(); code != exitFail || !strings.Contains(stderr, "docs/klaviyo-metrics.md: missing") {
		t.Errorf("check with a missing file = %d, %q", code, stderr)
	}

	// Regenerate, then drop the docs output from the spec: the old file is no longer generated.
	runIn(t, dir, "generate", "--out", out, "klaviyo.yaml")
	spec := readFile(t, filepath.Join(dir, "klaviyo.yaml"))
	writeFile(t, filepath.Join(dir, "klaviyo.yaml"), strings.Replace(spec, "  docs: docs/klaviyo-metrics.md\n", "", 1))
	if code, _, stderr := check(); code != exitFail || !strings.Contains(stderr, "docs/klaviyo-metrics.md: no longer generated") {
		t.Errorf("check with a file no longer generated = %d, %q", code, stderr)
	}
	// generate removes it, and check is clean again.
	if code, _, stderr := runIn(t, dir, "generate", "--out", out, "klaviyo.yaml"); code != exitOK {
		t.Fatalf("generate: %s", stderr)
	}
	if _, err := os.Stat(docs); !os.IsNotExist(err) {
		t.Errorf("generate left the file that is no longer generated: %v", err)
	}
	if code, _, stderr := check(); code != exitOK {
		t.Errorf("check after regenerating = %d, %q", code, stderr)
	}
}

// TestFormats prints one diagnostic in each format.
func TestFormats(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "s.yaml"), "version: 1\nnamespace: x\nservice: x\nmetrics:\n  a_total: {type: counter, help: h, lables: []}\n")
	want := map[string]string{
		"text":   "s.yaml:5:37: error: schema/unknown-key: metrics.a_total: unknown key \"lables\"; did you mean \"labels\"?\n",
		"json":   `{"file":"s.yaml","line":5,"col":37,"end_line":5,"end_col":43,"severity":"error","code":"schema/unknown-key","message":"metrics.a_total: unknown key \"lables\"; did you mean \"labels\"?"}` + "\n",
		"github": "::error file=s.yaml,line=5,endLine=5,col=37,endColumn=43,title=schema/unknown-key::metrics.a_total: unknown key \"lables\"; did you mean \"labels\"?\n",
	}
	for format, w := range want {
		for _, cmd := range []string{"validate", "generate", "check"} {
			code, stdout, stderr := runIn(t, dir, cmd, "--format", format, "s.yaml")
			// Human text goes to standard error; the machine formats to standard output, so
			// that `| jq` and GitHub's runner see them.
			got, other := stdout, stderr
			if format == "text" {
				got, other = stderr, stdout
			}
			if code != exitFail || got != w || other != "" {
				t.Errorf("%s --format %s = %d, findings\n%s\nwant\n%s\nand nothing on the other stream, got %q", cmd, format, code, got, w, other)
			}
		}
	}
}

// TestIgnoreStrict: an ignore comment silences its check, also under --strict; one that
// silences nothing is reported under --strict only, as ignore/unused, in every format.
func TestIgnoreStrict(t *testing.T) {
	dir := t.TempDir()
	const head = "version: 1\nnamespace: x\nservice: x\nmetrics:\n"
	writeFile(t, filepath.Join(dir, "used.yaml"), head+
		"  # metricgen:ignore metric/empty-help filled in by the next release\n"+
		"  a_total: {type: counter, help: ' '}\n")
	writeFile(t, filepath.Join(dir, "unused.yaml"), head+
		"  a_total: {type: counter, help: h}  # metricgen:ignore naming/counter-suffix,metric/empty-help old\n")
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"validate", "used.yaml"}, exitOK, ""},
		{[]string{"validate", "--strict", "used.yaml"}, exitOK, ""},
		{[]string{"validate", "unused.yaml"}, exitOK, ""},
		{[]string{"validate", "--strict", "unused.yaml"}, exitFail,
			"unused.yaml:5:57: warning: ignore/unused: ignore of naming/counter-suffix silences nothing here; remove it\n" +
				"unused.yaml:5:79: warning: ignore/unused: ignore of metric/empty-help silences nothing here; remove it\n" +
				"metricgen: warnings are errors with --strict\n"},
		{[]string{"validate", "--strict", "--format", "json", "unused.yaml"}, exitFail,
			`{"file":"unused.yaml","line":5,"col":57,"end_line":5,"end_col":78,"severity":"warning","code":"ignore/unused","message":"ignore of naming/counter-suffix silences nothing here; remove it"}` + "\n" +
				`{"file":"unused.yaml","line":5,"col":79,"end_line":5,"end_col":96,"severity":"warning","code":"ignore/unused","message":"ignore of metric/empty-help silences nothing here; remove it"}` + "\n" +
				"metricgen: warnings are errors with --strict\n"},
		{[]string{"generate", "--strict", "--format", "github", "unused.yaml"}, exitFail,
			"::warning file=unused.yaml,line=5,endLine=5,col=57,endColumn=78,title=ignore/unused::ignore of naming/counter-suffix silences nothing here; remove it\n" +
				"::warning file=unused.yaml,line=5,endLine=5,col=79,endColumn=96,title=ignore/unused::ignore of metric/empty-help silences nothing here; remove it\n" +
				"metricgen: warnings are errors with --strict\n"},
	} {
		// Findings in a machine format go to stdout, the --strict note to stderr (TestFormats
		// checks the streams); here both, in that order.
		code, stdout, stderr := runIn(t, dir, tc.args...)
		if got := stdout + stderr; code != tc.code || got != tc.stderr {
			t.Errorf("metricgen %s = %d,\n%s\nwant %d,\n%s", strings.Join(tc.args, " "), code, got, tc.code, tc.stderr)
		}
	}
}

// TestChecksCommand: metricgen checks lists every registered code, and explains one.
func TestChecksCommand(t *testing.T) {
	code, stdout, _ := runIn(t, t.TempDir(), "checks")
	if code != exitOK {
		t.Fatalf("checks exited %d", code)
	}
	for _, c := range diag.Checks {
		if !strings.Contains(stdout, string(c.Code)+" ") {
			t.Errorf("checks does not list %s", c.Code)
		}
	}
	code, stdout, _ = runIn(t, t.TempDir(), "checks", "promql/vector-matching")
	if code != exitOK || !strings.HasPrefix(stdout, "## promql/vector-matching\n") {
		t.Errorf("checks promql/vector-matching = %d, %q", code, stdout)
	}
	if code, _, stderr := runIn(t, t.TempDir(), "checks", "promql/nope"); code != exitUsage || !strings.Contains(stderr, `unknown check "promql/nope"`) {
		t.Errorf("checks promql/nope = %d, %q", code, stderr)
	}
}

// TestTwoSpecsOneOutput: two specs that would write the same file are an output/conflict
// diagnostic in the chosen format, and nothing is written.
func TestTwoSpecsOneOutput(t *testing.T) {
	dir := t.TempDir()
	spec := func(ns string) string {
		return "version: 1\nnamespace: " + ns + "\nservice: " + ns + "\noutputs: {docs: metrics.md}\nmetrics:\n  orders_total: {type: counter, help: h}\n"
	}
	writeFile(t, filepath.Join(dir, "a.yaml"), spec("a"))
	writeFile(t, filepath.Join(dir, "b.yaml"), spec("b"))
	code, stdout, _ := runIn(t, dir, "generate", "--format", "json", "a.yaml", "b.yaml")
	want := `{"file":"b.yaml","line":4,"col":17,"end_line":4,"end_col":27,"severity":"error","code":"output/conflict","message":"outputs.docs \"metrics.md\" collides with outputs.docs \"metrics.md\" of a.yaml (the same path); give each spec its own output paths"}` + "\n"
	if code != exitFail || stdout != want {
		t.Errorf("generate = %d,\n%s\nwant\n%s", code, stdout, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "metrics.md")); !os.IsNotExist(err) {
		t.Errorf("metrics.md was written: %v", err)
	}
}

// TestCheckFormats checks that drift, the main CI failure, follows --format: one finding per
// drifted file, on the generated file (at the first changed line when the file exists), with
// a hint naming the command as the user runs it.
func TestCheckFormats(t *testing.T) {
	dir := exampleSpec(t)
	out := t.TempDir()
	if code, _, stderr := runIn(t, dir, "generate", "--out", out, "klaviyo.yaml"); code != exitOK {
		t.Fatalf("generate: %s", stderr)
	}
	rules := filepath.Join(out, "prometheus", "klaviyo.rules.yml")
	lines := strings.Split(readFile(t, rules), "\n")
	lines[6] += " # edited"
	writeFile(t, rules, strings.Join(lines, "\n"))
	os.Remove(filepath.Join(out, "docs", "klaviyo-metrics.md"))
	rel := func(p string) string { return filepath.ToSlash(filepath.Join(out, p)) }
	hint := "run: metricgen generate --out " + out + " klaviyo.yaml"

	code, stdout, stderr := runIn(t, dir, "check", "--out", out, "--format", "json", "klaviyo.yaml")
	if code != exitFail || stderr != "" {
		t.Fatalf("check --format json = %d, stderr %q", code, stderr)
	}
	var got []map[string]any
	dec := json.NewDecoder(strings.NewReader(stdout))
	for dec.More() {
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			t.Fatalf("stdout is not JSON objects: %v\n%s", err, stdout)
		}
		got = append(got, map[string]any{"file": m["file"], "line": m["line"], "code": m["code"], "hint": strings.Contains(m["message"].(string), hint)})
	}
	want := []map[string]any{
		{"file": rel("docs/klaviyo-metrics.md"), "line": 0.0, "code": "drift/missing", "hint": true},
		{"file": rel("prometheus/klaviyo.rules.yml"), "line": 7.0, "code": "drift/stale", "hint": true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("check --format json findings (-want +got):\n%s\n%s", diff, stdout)
	}

	code, stdout, stderr = runIn(t, dir, "check", "--out", out, "--format", "github", "klaviyo.yaml")
	ann := strings.Split(strings.TrimSpace(stdout), "\n")
	if code != exitFail || stderr != "" || len(ann) != 2 ||
		!strings.HasPrefix(ann[0], "::error file="+rel("docs/klaviyo-metrics.md")+",title=drift/missing::") ||
		!strings.HasPrefix(ann[1], "::error file="+rel("prometheus/klaviyo.rules.yml")+",line=7,title=drift/stale::") {
		t.Errorf("check --format github = %d, stderr %q, annotations:\n%s", code, stderr, stdout)
	}

	// Text: the diff on standard output, the files and the hint on standard error.
	code, stdout, stderr = runIn(t, dir, "check", "--out", out, "klaviyo.yaml")
	if code != exitFail || !strings.Contains(stdout, "+++ ") || !strings.Contains(stderr, "drifted; "+hint+"\n") {
		t.Errorf("check = %d,\nstdout %q\nstderr %q", code, stdout, stderr)
	}

	// A file the spec no longer generates.
	if code, _, stderr := runIn(t, dir, "generate", "--out", out, "klaviyo.yaml"); code != exitOK {
		t.Fatalf("generate: %s", stderr)
	}
	spec := readFile(t, filepath.Join(dir, "klaviyo.yaml"))
	writeFile(t, filepath.Join(dir, "klaviyo.yaml"), strings.Replace(spec, "  docs: docs/klaviyo-metrics.md\n", "", 1))
	code, stdout, _ = runIn(t, dir, "check", "--out", out, "--format", "github", "klaviyo.yaml")
	if want := "::error file=" + rel("docs/klaviyo-metrics.md") + ",title=drift/not-generated::"; code != exitFail || !strings.HasPrefix(stdout, want) || strings.Count(stdout, "\n") != 1 {
		t.Errorf("check of a file no longer generated = %d,\n%s\nwant one annotation starting %s", code, stdout, want)
	}
}

// TestInvocation names the command as the user runs it: through Go's tool directive, the
// build's main module is the service and metricgen a dependency.
func TestInvocation(t *testing.T) {
	defer func(f func() (*debug.BuildInfo, bool), e func() (string, error)) { buildInfo, executable = f, e }(buildInfo, executable)
	executable = func() (string, error) { return "/usr/local/bin/metricgen", nil }
	for _, c := range []struct {
		bi                debug.BuildInfo
		invocation        string
		version, revision string
		modified          bool
	}{
		{
			bi:         debug.BuildInfo{Path: "github.com/metricgen/metricgen/cmd/metricgen", Main: debug.Module{Path: "example.com/svc", Version: "(devel)"}, Deps: []*debug.Module{{Path: "github.com/metricgen/metricgen", Version: "v0.4.1"}}},
			invocation: "go tool metricgen", version: "v0.4.1",
		},
		{
			bi:         debug.BuildInfo{Path: "github.com/metricgen/metricgen/cmd/metricgen", Main: debug.Module{Path: "example.com/svc"}, Deps: []*debug.Module{{Path: "github.com/metricgen/metricgen", Version: "v0.0.0-20261203190134-d16f926c9477"}}},
			invocation: "go tool metricgen", version: "v0.0.0-20261203190134-d16f926c9477", revision: "d16f926c9477",
		},
		{
			bi:         debug.BuildInfo{Path: "github.com/metricgen/metricgen/cmd/metricgen", Main: debug.Module{Path: "github.com/metricgen/metricgen", Version: "v0.0.0-20261203190134-d16f926c9477+dirty"}, Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "d16f926c9477b10a2ba1859d4aba1c1dc6d9a046"}, {Key: "vcs.modified", Value: "true"}}},
			invocation: "metricgen", version: "v0.0.0-20261203190134-d16f926c9477+dirty", revision: "d16f926c9477b10a2ba1859d4aba1c1dc6d9a046", modified: true,
		},
		{
			bi:         debug.BuildInfo{Path: "github.com/metricgen/metricgen/cmd/metricgen", Main: debug.Module{Path: "github.com/metricgen/metricgen", Version: "v1.2.3"}},
			invocation: "metricgen", version: "v1.2.3",
		},
	} {
		bi := c.bi
		buildInfo = func() (*debug.BuildInfo, bool) { return &bi, true }
		if got := invocation(); got != c.invocation {
			t.Errorf("%s in %s: invocation %q, want %q", bi.Path, bi.Main.Path, got, c.invocation)
		}
		version, revision, modified, _ := versionInfo()
		if version != c.version || revision != c.revision || modified != c.modified {
			t.Errorf("%s: version %q, revision %q, modified %v; want %q, %q, %v", bi.Main.Path, version, revision, modified, c.version, c.revision, c.modified)
		}
	}
	// What Go 1.26's `go tool` records: metricgen as the main module, at the version the
	// service requires; the binary runs from the build cache.
	buildInfo = func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{Path: "github.com/metricgen/metricgen/cmd/metricgen", Main: debug.Module{Path: "github.com/metricgen/metricgen", Version: "v0.4.1"}}, true
	}
	for exe, want := range map[string]string{
		"/root/.cache/go-build/a4/a4be76b74e54d414d5e05d9b64ac5afb8c801c445fa70e636f374ad42e6b2076-d/metricgen": "go tool metricgen",
		"/home/u/go/bin/metricgen":             "metricgen",
		"/tmp/go-build1234/b001/exe/metricgen": "metricgen",
	} {
		executable = func() (string, error) { return exe, nil }
		if got := invocation(); got != want {
			t.Errorf("running %s: invocation %q, want %q", exe, got, want)
		}
	}
	bi := debug.BuildInfo{Main: debug.Module{Path: "github.com/metricgen/metricgen", Version: "v1.2.3"}, Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}}, GoVersion: "go1.24.0"}
	buildInfo = func() (*debug.BuildInfo, bool) { return &bi, true }
	code, stdout, _ := runIn(t, t.TempDir(), "version")
	if want := "metricgen v1.2.3\nrevision abc\nbuilt with go1.24.0 " + runtime.GOOS + "/" + runtime.GOARCH + "\n"; code != exitOK || stdout != want {
		t.Errorf("version = %d, %q; want %q", code, stdout, want)
	}
}

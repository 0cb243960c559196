package goscratch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/gen"
	"github.com/metricgen/metricgen/internal/gen/golang"
	"github.com/metricgen/metricgen/internal/gen/redact"
	"github.com/metricgen/metricgen/internal/gen/redact/redacttest"
	_ "github.com/metricgen/metricgen/internal/golden" // defines -update, which go test ./... passes to every package
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/validate"
)

// repoRoot is the module root, from this package's folder.
const repoRoot = "../../.."

// pkgCase is one Go package of the scratch module.
type pkgCase struct {
	name     string // its folder in the scratch module: the golden case, or the model-only case
	spec     *model.Spec
	exercise string // folder of *_test.go files added to the package; "" for none
	// redactTests adds the rule-independent redaction tests; false for rules that match every
	// key, which those tests cannot tell apart from the containers they build.
	redactTests bool
}

// TestGoPackages writes every case's generated package into one scratch module with its tests
// and runs go test -race -vet=all on all of them at once. It runs with -short too: it is what
// proves that generated Go compiles, vets clean and works.
func TestGoPackages(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatal("the go command is not on PATH")
	}
	root := scratchDir(t)
	writeModule(t, root)
	cases := append(goldenCases(t), extraCases(t)...)
	keyEnvs := map[string]bool{}
	for _, c := range cases {
		writeCase(t, root, c)
		if c.spec.Logging != nil {
			keyEnvs[c.spec.Logging.KeyEnv()] = true
		}
	}
	for _, pkg := range []string{"gometrics", "goredact"} {
		copyPackage(t, filepath.Join(repoRoot, "templates", pkg), filepath.Join(root, "templates", pkg))
	}
	copyOTelPackage(t, filepath.Join(repoRoot, "templates"), filepath.Join(root, "templates", "gootel"))
	keyEnvs["GOREDACT_HASH_KEY"] = true // templates/goredact/spec.yaml's
	env := scratchEnv(keyEnvs)
	// Not -count=1: the go command's caches (build and test results) are what keep the second
	// run cheap; they are keyed on the files' contents, and the folder's path is stable.
	goCmd(t, root, env, "test", "-race", "-vet=all", "./...")
}

// scratchDir returns the folder of the scratch module, emptied: GOSCRATCH_DIR when set (to
// keep the module and run its tests by hand), else a folder of the system's temporary folder
// named after this repository's path, so that its packages keep their import paths and
// folders from run to run and the go command's build and test caches serve the packages that
// did not change. A lock keeps two runs from the same checkout out of each other's way.
func scratchDir(t *testing.T) string {
	t.Helper()
	root := os.Getenv("GOSCRATCH_DIR")
	if root == "" {
		abs, err := filepath.Abs(repoRoot)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256([]byte(abs))
		root = filepath.Join(os.TempDir(), "metricgen-goscratch-"+hex.EncodeToString(sum[:6]))
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		t.Fatal(err)
	}
	lockDir(t, root+".lock")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(root, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// goldenCases returns the cases of testdata/golden whose spec has a Go package.
func goldenCases(t *testing.T) []pkgCase {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "golden", "*"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(dirs)
	var cases []pkgCase
	for _, dir := range dirs {
		src, err := os.ReadFile(filepath.Join(dir, "spec.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		s, ds := validate.Source("spec.yaml", src, validate.Options{OutRoot: t.TempDir()})
		if s == nil || diag.HasErrors(ds) {
			t.Fatalf("%s: the spec does not validate: %v", dir, ds)
		}
		if s.Go == nil {
			continue
		}
		c := pkgCase{name: filepath.Base(dir), spec: s, redactTests: true}
		if ex := filepath.Join(dir, "exercise"); isDir(ex) {
			c.exercise = ex
		}
		cases = append(cases, c)
	}
	if len(cases) < 5 {
		t.Fatalf("only %d golden cases with a Go package", len(cases))
	}
	return cases
}

// writeModule writes go.mod and go.sum of the scratch module: those of generated/ (the module
// a service would build the generated code in), as module scratch.
func writeModule(t *testing.T, root string) {
	t.Helper()
	mod := readFile(t, filepath.Join(repoRoot, "generated", "go.mod"))
	lines := strings.Split(mod, "\n")
	i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "module ") })
	if i < 0 || !strings.Contains(mod, "github.com/prometheus/client_golang ") {
		t.Fatal("generated/go.mod has no module line or does not require client_golang")
	}
	lines[i] = "module scratch"
	writeFile(t, filepath.Join(root, "go.mod"), strings.Join(lines[i:], "\n"))
	writeFile(t, filepath.Join(root, "go.sum"), readFile(t, filepath.Join(repoRoot, "generated", "go.sum")))
}

// writeCase writes the case's package, generated by the Go emitters, and its tests.
func writeCase(t *testing.T, root string, c pkgCase) {
	t.Helper()
	s := c.spec
	var files []gen.File
	for _, emit := range []func(*model.Spec) ([]gen.File, error){golang.Generate, redact.Generate} {
		fs, err := emit(s)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		files = append(files, fs...)
	}
	dir := filepath.Join(root, c.name, filepath.FromSlash(s.Go.Dir))
	for _, f := range files {
		if path.Dir(f.Path) != s.Go.Dir {
			continue // not Go
		}
		writeFile(t, filepath.Join(root, c.name, filepath.FromSlash(f.Path)), string(f.Content))
	}
	if !slices.ContainsFunc(files, func(f gen.File) bool { return path.Base(f.Path) == "metrics.go" }) {
		// A model-only redaction case: the metrics code, which holds the package doc, is not
		// generated.
		writeFile(t, filepath.Join(dir, "doc.go"), fmt.Sprintf("// Package %s stands for a generated package.\npackage %[1]s\n", s.Go.Name))
	}
	external := false
	if c.exercise != "" {
		tests, err := filepath.Glob(filepath.Join(c.exercise, "*_test.go"))
		if err != nil || len(tests) == 0 {
			t.Fatalf("%s holds no *_test.go: %v", c.exercise, err)
		}
		for _, p := range tests {
			src := readFile(t, p)
			external = external || strings.Contains(src, "\npackage "+s.Go.Name+"_test\n") || strings.HasPrefix(src, "package "+s.Go.Name+"_test\n")
			writeFile(t, filepath.Join(dir, filepath.Base(p)), src)
		}
	}
	if external {
		copyTests(t, filepath.Join("testdata", "metrics"), "scratch", dir, s.Go.Name)
	}
	if s.Logging != nil && c.redactTests {
		// The rule-independent tests of the redaction code; spec_test.go holds the template
		// package's own rules, this case's are written instead.
		copyTests(t, filepath.Join(repoRoot, "templates", "goredact"), "goredact", dir, s.Go.Name, "spec_test.go", "update_test.go")
		writeFile(t, filepath.Join(dir, "spec_test.go"), string(redacttest.SpecTest(s)))
	}
}

// copyTests copies the *_test.go files of from, of package fromPkg or fromPkg_test, into dir
// with the package clause renamed to pkg (pkg_test), except those named in skip.
func copyTests(t *testing.T, from, fromPkg, dir, pkg string, skip ...string) {
	t.Helper()
	tests, err := filepath.Glob(filepath.Join(from, "*_test.go"))
	if err != nil || len(tests) == 0 {
		t.Fatalf("%s holds no *_test.go: %v", from, err)
	}
	clause := regexp.MustCompile(`(?m)^package ` + fromPkg + `(_test)?$`)
	for _, p := range tests {
		if slices.Contains(skip, filepath.Base(p)) {
			continue
		}
		src := readFile(t, p)
		if !clause.MatchString(src) {
			t.Fatalf("%s: no package clause %s or %[2]s_test", p, fromPkg)
		}
		writeFile(t, filepath.Join(dir, filepath.Base(p)), clause.ReplaceAllString(src, "package "+pkg+"$1"))
	}
}

// copyPackage copies the Go files of a template package (templates/gometrics, goredact) into
// dir, tests included but for update_test.go, which imports metricgen's own test support: the
// static code's tests run there with -race, beside the generated packages.
func copyPackage(t *testing.T, from, dir string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(from, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("%s holds no Go files: %v", from, err)
	}
	for _, p := range files {
		if filepath.Base(p) != "update_test.go" {
			// The files that import OpenTelemetry are build-ignored in the root module, which
			// does not require it; the scratch module does, and builds them.
			writeFile(t, filepath.Join(dir, filepath.Base(p)), strings.TrimPrefix(readFile(t, p), "//go:build ignore\n"))
		}
	}
}

// copyOTelPackage copies templates/gootel into dir without the go:build ignore line that keeps
// the OpenTelemetry API out of metricgen's go.mod, with the files of templates/gometrics it
// uses (as the emitter copies them into a generated package): its code and tests run here,
// at the OTel API version of generated/go.mod.
func copyOTelPackage(t *testing.T, templates, dir string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(templates, "gootel", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("templates/gootel holds no Go files: %v", err)
	}
	for _, p := range files {
		src, ok := strings.CutPrefix(readFile(t, p), "//go:build ignore\n\n")
		if !ok {
			t.Fatalf("%s does not start with //go:build ignore and a blank line", p)
		}
		writeFile(t, filepath.Join(dir, filepath.Base(p)), src)
	}
	for _, name := range []string{"guard.go", "cache.go", "pattern.go", "enum.go", "decrease.go"} {
		src := readFile(t, filepath.Join(templates, "gometrics", name))
		writeFile(t, filepath.Join(dir, name), strings.Replace(src, "package gometrics\n", "package gootel\n", 1))
	}
}

// scratchEnv is the environment of the go command in the scratch module: the installed
// toolchain, no workspace, go.mod may be completed, and the hash key variables of every case
// set to "env key" (TestDefaultKey runs itself once more without them).
func scratchEnv(keyEnvs map[string]bool) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !keyEnvs[k] && k != "GOFLAGS" && k != "GOWORK" && k != "GOTOOLCHAIN" {
			env = append(env, kv)
		}
	}
	env = append(env, "GOTOOLCHAIN=local", "GOWORK=off", "GOFLAGS=-mod=mod")
	for _, k := range slices.Sorted(maps.Keys(keyEnvs)) {
		env = append(env, k+"=env key")
	}
	return env
}

// goCmd runs the go command in dir and fails the test with its output on error. It stops the
// command, and every process it started, when the test's deadline comes (go test -timeout), so
// that nothing outlives the test.
func goCmd(t *testing.T, dir string, env []string, args ...string) {
	t.Helper()
	ctx := t.Context()
	if deadline, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline.Add(-30*time.Second)) // time to report
		defer cancel()
	}
	start := time.Now()
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = env
	killGroup(cmd)
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v (after %s)\n%s", strings.Join(args, " "), err, time.Since(start).Round(time.Millisecond), out)
	}
	t.Logf("go %s: %s\n%s", strings.Join(args, " "), time.Since(start).Round(time.Millisecond), out)
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

package redact

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/metricgen/metricgen/internal/model"
)

// TestExercise compiles the generated code of every case in a scratch module and runs the tests
// of testdata/scratch against it: go vet, go test -race with the hash key variables set, the
// default-key test again with them unset and, unless -short, a short fuzzing run.
func TestExercise(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	root := t.TempDir()
	if d := os.Getenv("REDACT_SCRATCH_DIR"); d != "" {
		root = d // keep the scratch module, to run its tests by hand
	}
	writeFile(t, filepath.Join(root, "go.mod"), "module scratch\n\ngo 1.26\n")
	generic := []string{"redact_test.go", "property_test.go", "fuzz_test.go"}
	keyEnvs := map[string]bool{}
	type pkg struct {
		name, dir string
		test      bool
	}
	var pkgs []pkg
	for _, c := range cases {
		pkgs = append(pkgs, pkg{c.name, writeCase(t, root, c.name, c.spec(), true, keyEnvs), true})
	}
	for _, c := range scratchOnly {
		pkgs = append(pkgs, pkg{c.name, writeCase(t, root, c.name, c.spec(), c.test, keyEnvs), c.test})
	}
	for _, p := range pkgs {
		if !p.test {
			continue
		}
		files := generic
		if p.name == "redact-klaviyo" {
			files = append(files, "klaviyo_test.go")
		}
		for _, f := range files {
			copyTest(t, filepath.Join("testdata", "scratch", f), filepath.Join(p.dir, f))
		}
	}

	env := scratchEnv(keyEnvs, true)
	goCmd(t, root, env, "vet", "./...")
	goCmd(t, root, env, "test", "-race", "-count=1", "./...")
	// The default Redactor reads its key once per process: a second run without it.
	goCmd(t, root, scratchEnv(keyEnvs, false), "test", "-race", "-count=1", "-run", "^TestDefaultKey$", "./...")
	if testing.Short() {
		return
	}
	for _, name := range []string{"redact-klaviyo", "redact-globs"} {
		goCmd(t, root, env, "test", "-run", "^$", "-fuzz", "^FuzzRedact$", "-fuzztime", "10s", "./c/"+name)
	}
}

// writeCase writes the case's generated package into the scratch module, with a stub file
// holding the package doc comment and, for the tests, spec_test.go; it returns the folder.
func writeCase(t *testing.T, root, name string, s *model.Spec, test bool, keyEnvs map[string]bool) string {
	t.Helper()
	dir := filepath.Join(root, "c", name)
	writeFile(t, filepath.Join(dir, "redact.go"), string(generate(t, s)))
	writeFile(t, filepath.Join(dir, "doc.go"), fmt.Sprintf("// Package %s stands for the generated package: the metrics code has the doc comment.\npackage %[1]s\n", s.Go.Name))
	keyEnvs[s.Logging.KeyEnv()] = true
	if test {
		writeFile(t, filepath.Join(dir, "spec_test.go"), specTest(s))
	}
	return dir
}

// specTest returns spec_test.go: the case's rules and probe keys, for the generic tests.
func specTest(s *model.Spec) string {
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\nconst specKeyEnv = %q\n\nvar specRules = []specRule{\n", s.Go.Name, s.Logging.KeyEnv())
	for _, r := range s.Logging.Rules {
		fmt.Fprintf(&b, "\t{%s, %q, %d},\n", strconv.Quote(r.Key), r.Action, r.Keep)
	}
	b.WriteString("}\n\nvar specProbes = []specProbe{\n")
	for _, k := range probes(s.Logging) {
		i := -1
		if r := s.Logging.Rule(k); r != nil {
			for j, rr := range s.Logging.Rules {
				if rr == r {
					i = j
				}
			}
		}
		fmt.Fprintf(&b, "\t{%s, %d},\n", strconv.Quote(k), i)
	}
	b.WriteString("}\n")
	return b.String()
}

// probes returns keys to try against the rules: plain keys, and for each rule its key with the
// '*'s filled in several ways, in other cases, and near misses (a character more or less at
// either end).
func probes(l *model.Logging) []string {
	seen := map[string]bool{}
	var keys []string
	add := func(k string) {
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	for _, k := range []string{"user", "status", "method", "level", "emailaddress", "token", "id", "Ünïcode"} {
		add(k)
	}
	for _, r := range l.Rules {
		for _, fill := range []string{"", "x", "Ab_9"} {
			k := strings.ReplaceAll(r.Key, "*", fill)
			rs := []rune(k)
			add(k)
			add(strings.ToUpper(k))
			add(strings.ToLower(k))
			if len(rs) > 0 {
				add(string(unicode.ToUpper(rs[0])) + string(rs[1:]))
				add(string(rs[1:]))
				add(string(rs[:len(rs)-1]))
			}
			add(k + "s")
			add("s" + k)
		}
	}
	return keys
}

// copyTest copies a test of testdata/scratch into a case's folder, in the case's package.
func copyTest(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(filepath.Dir(to), "spec_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	pkg := strings.TrimPrefix(strings.SplitN(string(data), "\n", 2)[0], "package ")
	out := regexp.MustCompile(`(?m)^package scratch$`).ReplaceAllString(string(src), "package "+pkg)
	writeFile(t, to, out)
}

// scratchEnv is the environment of the go command in the scratch module: no network, the
// installed toolchain, and the hash key variables set to "env key" or unset.
func scratchEnv(keyEnvs map[string]bool, withKeys bool) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !keyEnvs[k] && k != "GOFLAGS" {
			env = append(env, kv)
		}
	}
	env = append(env, "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod", "GOPROXY=off")
	if withKeys {
		for k := range keyEnvs {
			env = append(env, k+"=env key")
		}
	}
	return env
}

func goCmd(t *testing.T, dir string, env []string, args ...string) {
	t.Helper()
	start := time.Now()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	t.Logf("go %s: %s", strings.Join(args, " "), time.Since(start).Round(time.Millisecond))
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

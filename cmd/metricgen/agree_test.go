package main

import (
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/metricgen/metricgen/internal/gen"
	"github.com/metricgen/metricgen/internal/goname"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/targets"
	"github.com/metricgen/metricgen/internal/validate"
)

// repoSpecs are every spec of the repository, valid or not: the golden and invalid cases,
// the examples of spec/ and the example service. Each is the folder to copy (the spec's
// outputs and symbolic links are relative to it) and the spec's name in it.
func repoSpecs(t *testing.T) [][2]string {
	t.Helper()
	var specs [][2]string
	for _, pattern := range []string{"testdata/golden/*/spec.yaml", "testdata/invalid/*/spec.yaml", "examples/*/metrics.yaml"} {
		ps, _ := filepath.Glob(filepath.Join(repoRoot, pattern))
		for _, p := range ps {
			specs = append(specs, [2]string{filepath.Dir(p), filepath.Base(p)})
		}
	}
	examples, _ := filepath.Glob(filepath.Join(repoRoot, "spec", "*.yaml"))
	for _, p := range examples {
		specs = append(specs, [2]string{"", p})
	}
	if len(specs) < 100 {
		t.Fatalf("found only %d specs", len(specs))
	}
	return specs
}

// copyCase copies the spec of one repoSpecs entry, with its folder, into a scratch folder and
// returns the folder. Symbolic links are copied as links; generated outputs are left behind.
func copyCase(t *testing.T, c [2]string) string {
	t.Helper()
	dir := t.TempDir()
	if c[0] == "" {
		b, err := os.ReadFile(c[1])
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, filepath.Base(c[1])), string(b))
		return dir
	}
	entries, err := os.ReadDir(c[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		p := filepath.Join(c[0], e.Name())
		switch {
		case e.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, filepath.Join(dir, e.Name())); err != nil {
				t.Fatal(err)
			}
		case e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".yaml"):
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(dir, e.Name()), string(b))
		}
	}
	return dir
}

// TestValidateGenerateAgree holds the promise of validation over every spec of the repository:
// validate exits 0 exactly when generate writes every output; when it does, the generated Go
// declares every name once (the package compiles as far as names go); when it does not,
// nothing is written; and every problem is a diagnostic in the chosen format.
func TestValidateGenerateAgree(t *testing.T) {
	for _, c := range repoSpecs(t) {
		name := filepath.Base(c[0]) + "/" + filepath.Base(c[1])
		t.Run(name, func(t *testing.T) {
			dir := copyCase(t, c)
			spec := filepath.Base(c[1])
			before := snapshot(t, dir)
			vcode, _, _ := runIn(t, dir, "validate", spec)
			if got := snapshot(t, dir); !maps.Equal(before, got) {
				t.Fatal("validate wrote files")
			}
			gcode, stdout, stderr := runIn(t, dir, "generate", "--format", "json", spec)
			if vcode != gcode {
				t.Fatalf("validate exited %d, generate %d:\n%s", vcode, gcode, stdout)
			}
			// --format json findings go to stdout, one object a line; nothing else is printed.
			for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
				if line != "" && !json.Valid([]byte(line)) {
					t.Errorf("generate --format json printed a line that is not JSON: %q", line)
				}
			}
			if stderr != "" {
				t.Errorf("generate --format json wrote to stderr: %q", stderr)
			}
			after := snapshot(t, dir)
			if gcode != exitOK {
				if !maps.Equal(before, after) {
					t.Error("generate failed but wrote files")
				}
				return
			}
			s, _ := validate.File(spec, validate.Options{OutRoot: dir, Targets: targets.All}) // in dir, as the CLI ran
			if s == nil {
				t.Fatal("generate succeeded on a spec that does not validate")
			}
			files, err := emit(s)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				if got, ok := after[f.Path]; !ok || got != string(f.Content) {
					t.Errorf("generate did not write %s as emitted", f.Path)
				}
			}
			if clashes := goClashes(t, s, files); len(clashes) > 0 {
				t.Errorf("the generated Go package declares names twice: %+v", clashes)
			}
		})
	}
}

// goClashes reads the Go files generated into the spec's package back, and returns the names
// they declare twice (or as both a field and a method, or over an import or a predeclared
// name): what the Go compiler would reject.
func goClashes(t *testing.T, s *model.Spec, files []gen.File) []goname.Clash {
	t.Helper()
	if s.Go == nil {
		return nil
	}
	r := goname.New(s.Go.Name, goname.Origin{})
	for _, f := range files {
		if path.Dir(f.Path) == s.Go.Dir && strings.HasSuffix(f.Path, ".go") {
			if err := r.Source(f.Content, goname.Origin{What: f.Path}); err != nil {
				t.Errorf("%s: %v", f.Path, err)
			}
		}
	}
	return r.Clashes()
}

// snapshot returns every regular file below dir, keyed by slash-separated relative path;
// symbolic links are not followed.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

package golang

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/validate"
)

// TestSpecFiles validates each golden case's spec.yaml (and bench/spec.yaml, and the edge case of
// internal/gen/goscratch), as the CLI does
// from the case's folder, and checks that it is clean (stderr.txt stays empty) and generates the
// same package as the case's hand-built model: the model table and the spec files cannot drift
// apart.
func TestSpecFiles(t *testing.T) {
	type specFile struct {
		name, dir string
		spec      func() *model.Spec
	}
	files := []specFile{{"bench", benchDir, benchSpec}, {"edge", "../goscratch/testdata/edge", edgeSpec}}
	for _, c := range cases {
		files = append(files, specFile{c.name, filepath.Join(goldenRoot, c.name), c.spec})
	}
	for _, c := range files {
		t.Run(c.name, func(t *testing.T) {
			dir, err := filepath.Abs(c.dir)
			if err != nil {
				t.Fatal(err)
			}
			t.Chdir(dir)
			s, ds := validate.File("spec.yaml", validate.Options{OutRoot: t.TempDir()})
			for _, d := range ds {
				t.Errorf("spec.yaml: %s", d)
			}
			if s == nil {
				t.FailNow()
			}
			got, err := Generate(s)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tree(generate(t, c.name, c.spec)), tree(got)); diff != "" {
				t.Errorf("spec.yaml and the hand-built model generate different packages (-model +spec.yaml):\n%s", diff)
			}
		})
	}
}

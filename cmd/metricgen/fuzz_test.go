package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/targets"
	"github.com/metricgen/metricgen/internal/validate"
)

// FuzzGenerate feeds arbitrary bytes through the whole in-memory pipeline: load, validate and,
// for a valid spec, every emitter. Nothing may panic or hang; a spec without errors must
// yield a model; every diagnostic must have a registered code and name a range inside the
// input; a valid spec must generate (validate and generate agree), with no name declared twice
// in its Go package; and emitting twice must give the same bytes.
func FuzzGenerate(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(repoRoot, "spec", "*.yaml"))
	more, _ := filepath.Glob(filepath.Join(repoRoot, "testdata", "*", "*", "spec.yaml"))
	for _, p := range append(seeds, more...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("version: 1\nnamespace: a\nservice: a\nmetrics:\n  x_total: {type: counter, help: h}\n"))
	f.Add([]byte("a: &a [*a, *a]\n"))
	f.Add([]byte("{"))
	root := f.TempDir()
	f.Fuzz(func(t *testing.T, src []byte) {
		s, ds := validate.Source("fuzz.yaml", src, validate.Options{OutRoot: root, Targets: targets.All})
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, d := range ds {
			if d.Line < 0 || d.Line > lines || d.Col < 0 {
				t.Errorf("diagnostic outside the input (%d lines): %s", lines, d)
			}
			if !diag.Known(d.Code) {
				t.Errorf("diagnostic without a registered code: %s", d)
			}
			if d.Col > 0 && (d.EndLine < d.Line || d.EndLine > lines || d.EndLine == d.Line && d.EndCol <= d.Col) {
				t.Errorf("diagnostic ends at %d:%d, before it starts: %s", d.EndLine, d.EndCol, d)
			}
		}
		if (s == nil) != diag.HasErrors(ds) {
			t.Fatalf("model %v with diagnostics %v", s != nil, ds)
		}
		if s == nil {
			return
		}
		a, errA := emit(s)
		if errA != nil {
			t.Fatalf("the spec validates but does not generate: %v", errA)
		}
		for _, f := range a {
			// Validation checked every path the spec writes: each file must be one of them.
			if _, ok := s.PathOf(f.Path); !ok {
				t.Fatalf("the spec validates but generates %s, which none of its checked output paths covers (%+v)", f.Path, s.Paths)
			}
		}
		if clashes := goClashes(t, s, a); len(clashes) > 0 {
			t.Fatalf("the spec validates but its Go package declares names twice: %+v", clashes)
		}
		b, errB := emit(s)
		if errB != nil {
			t.Fatalf("emit is not deterministic: %v, %v", errA, errB)
		}
		if len(a) != len(b) {
			t.Fatalf("emit gave %d then %d files", len(a), len(b))
		}
		for i := range a {
			if a[i].Path != b[i].Path || !bytes.Equal(a[i].Content, b[i].Content) {
				t.Fatalf("emit is not deterministic for %s", a[i].Path)
			}
		}
	})
}

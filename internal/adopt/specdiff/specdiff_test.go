package specdiff

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	_ "github.com/metricgen/metricgen/internal/golden" // defines -update, which go test ./... passes to every package
	"github.com/metricgen/metricgen/internal/validate"
)

// FuzzDiff: comparing any valid spec with itself finds nothing, and comparing two valid specs
// never fails and says something for every change.
func FuzzDiff(f *testing.F) {
	cases, _ := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "diff", "*"))
	for _, dir := range cases {
		o, err1 := os.ReadFile(filepath.Join(dir, "old.yaml"))
		n, err2 := os.ReadFile(filepath.Join(dir, "new.yaml"))
		if err1 == nil && err2 == nil {
			f.Add(o, n)
		}
	}
	root := f.TempDir() // output paths are checked against it; nothing is written
	f.Fuzz(func(t *testing.T, oldSrc, newSrc []byte) {
		o, _ := validate.Source("old.yaml", oldSrc, validate.Options{OutRoot: root})
		if o == nil {
			return
		}
		if cs := Compare(o, o); len(cs) > 0 {
			t.Fatalf("a spec compared with itself has changes: %+v", cs)
		}
		n, _ := validate.Source("new.yaml", newSrc, validate.Options{OutRoot: root})
		if n == nil {
			return
		}
		cs := Compare(o, n)
		for _, c := range cs {
			if c.Msg == "" || c.Code == "" {
				t.Errorf("change without a message or code: %+v", c)
			}
		}
		Diagnostics(cs, "new.yaml", Sections("new.yaml", newSrc))
	})
}

// TestRenames: a removed and an added metric are paired as a rename only when type, labels
// and help agree (or the key, when the namespace changed), the closest name first.
func TestRenames(t *testing.T) {
	src := func(metrics string) []byte {
		return []byte("version: 1\nnamespace: a\nservice: a\nlabels:\n  x: {values: [p, q]}\nmetrics:\n" + metrics)
	}
	for _, tc := range []struct {
		name, old, new string
		want           []string // "old->new"
	}{
		{"same help and labels", "  jobs_total: {type: counter, help: Jobs, labels: [x]}\n", "  tasks_total: {type: counter, help: jobs, labels: [x]}\n", []string{"a_jobs_total->a_tasks_total"}},
		{"other help", "  jobs_total: {type: counter, help: Jobs}\n", "  tasks_total: {type: counter, help: Tasks}\n", nil},
		{"other labels", "  jobs_total: {type: counter, help: Jobs, labels: [x]}\n", "  tasks_total: {type: counter, help: Jobs}\n", nil},
		{"other type", "  jobs: {type: gauge, help: Jobs}\n", "  jobs_total: {type: counter, help: Jobs}\n", nil},
		{"closest name wins", "  jobs_run_total: {type: counter, help: Jobs}\n", "  work_total: {type: counter, help: Jobs}\n  jobs_done_total: {type: counter, help: Jobs}\n", []string{"a_jobs_run_total->a_jobs_done_total"}},
	} {
		o, ds := validate.Source("o.yaml", src(tc.old), validate.Options{OutRoot: t.TempDir()})
		n, ds2 := validate.Source("n.yaml", src(tc.new), validate.Options{OutRoot: t.TempDir()})
		if o == nil || n == nil {
			t.Fatalf("%s: invalid: %v %v", tc.name, ds, ds2)
		}
		var got []string
		for _, p := range renames(o.Metrics, n.Metrics, false) {
			got = append(got, p[0].Name+"->"+p[1].Name)
		}
		if len(got) != len(tc.want) || len(got) > 0 && got[0] != tc.want[0] {
			t.Errorf("%s: renames %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestOperationFollowsRenames: an operation that records a renamed metric (and is itself
// renamed) is reported as the renames, not as an operation that stopped recording the metric.
func TestOperationFollowsRenames(t *testing.T) {
	src := func(metric, op string) []byte {
		return []byte("version: 1\nnamespace: a\nservice: a\ngo: {package: am}\nlabels:\n  status: {values: [success, error]}\n" +
			"metrics:\n  " + metric + ": {type: counter, help: Jobs, labels: [status]}\n" +
			"operations:\n  " + op + ": {requests: " + metric + ", outcome: status}\n")
	}
	o, ds := validate.Source("o.yaml", src("jobs_total", "job"), validate.Options{OutRoot: t.TempDir()})
	n, ds2 := validate.Source("n.yaml", src("tasks_total", "task"), validate.Options{OutRoot: t.TempDir()})
	if o == nil || n == nil {
		t.Fatalf("invalid: %v %v", ds, ds2)
	}
	var got []string
	for _, c := range Compare(o, n) {
		got = append(got, string(c.Code))
	}
	if want := []string{"diff/metric-renamed", "diff/operation-renamed"}; !slices.Equal(got, want) {
		t.Errorf("changes %v, want %v", got, want)
	}
}

// Helpers of the exercises of generated metrics packages: the scratch module's driver
// (internal/gen/goscratch) copies this file into every package that has an exercise, with
// the package clause renamed to the package's external test package.
package scratch_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	dto "github.com/prometheus/client_model/go"
)

// newMetrics creates the metrics with newFunc (the package's New) on a pedantic registry,
// and checks that a second New on it fails with client_golang's AlreadyRegisteredError and
// leaves nothing behind, and that mustNew (MustNew) panics there.
func newMetrics[M any](t *testing.T, newFunc func(prometheus.Registerer) (M, error), mustNew func(prometheus.Registerer) M) (M, *prometheus.Registry) {
	t.Helper()
	reg := prometheus.NewPedanticRegistry()
	m, err := newFunc(reg)
	if err != nil {
		t.Fatal(err)
	}
	before, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	_, err = newFunc(reg)
	var are prometheus.AlreadyRegisteredError
	if !errors.As(err, &are) {
		t.Fatalf("second New: %v, want a prometheus.AlreadyRegisteredError", err)
	}
	if _, ok := err.(prometheus.AlreadyRegisteredError); !ok {
		t.Errorf("second New: %T is not client_golang's error itself", err)
	}
	after, _ := reg.Gather()
	if len(after) != len(before) {
		t.Errorf("second New left metrics registered: %d families, want %d", len(after), len(before))
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("MustNew on the same registry did not panic")
			}
		}()
		mustNew(reg)
	}()
	return m, reg
}

// check compares the exposition of reg, and of m (the *Metrics as a collector), with want
// exactly, and lints it.
func check(t *testing.T, reg *prometheus.Registry, m prometheus.Collector, want string) {
	t.Helper()
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want)); err != nil {
		t.Errorf("registry: %v", err)
	}
	if err := testutil.CollectAndCompare(m, strings.NewReader(want)); err != nil {
		t.Errorf("Metrics as a collector: %v", err)
	}
	problems, err := testutil.GatherAndLint(reg)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("lint: %s: %s", p.Metric, p.Text)
	}
}

// sample returns the series of metric name with the given label pairs (name, value, ...), in
// any order.
func sample(t *testing.T, reg prometheus.Gatherer, name string, labels ...string) *dto.Metric {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	series:
		for _, m := range mf.Metric {
			if len(m.Label) != len(labels)/2 {
				continue
			}
			for _, lp := range m.Label {
				i := slices.Index(labels, lp.GetName())
				if i%2 != 0 || labels[i+1] != lp.GetValue() {
					continue series
				}
			}
			return m
		}
	}
	t.Fatalf("no series %s%v", name, labels)
	return nil
}

// noAllocs fails when f allocates (not under the race detector, which does).
func noAllocs(t *testing.T, what string, f func()) {
	t.Helper()
	if raceEnabled {
		return
	}
	if n := testing.AllocsPerRun(100, f); n != 0 {
		t.Errorf("%s: %v allocations per call, want 0", what, n)
	}
}

// goroutines runs f(0), ..., f(n-1) in goroutines of their own and waits for them.
func goroutines(n int, f func(g int)) {
	done := make(chan struct{})
	for g := range n {
		go func() {
			defer func() { done <- struct{}{} }()
			f(g)
		}()
	}
	for range n {
		<-done
	}
}

// mustPanic checks that f panics with an error whose text holds want.
func mustPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		err, ok := r.(error)
		if !ok || !strings.Contains(err.Error(), want) {
			t.Errorf("panic %v, want an error containing %q", r, want)
		}
	}()
	f()
}

// absent checks that reg exposes no series of metric name.
func absent(t *testing.T, reg prometheus.Gatherer, name string) {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == name && len(mf.GetMetric()) > 0 {
			t.Errorf("%s has %d series, want none", name, len(mf.GetMetric()))
		}
	}
}

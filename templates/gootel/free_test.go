//go:build ignore

package gootel

import (
	"fmt"
	"sync"
	"testing"

	"go.opentelemetry.io/otel/attribute"
)

// newSets returns the freeSets of a metric whose enum label endpoint is "events" and whose
// free-form labels are code (at most 2 values) and reason (not "bad"), with series that are
// their attribute sets, counting how many were made.
func newSets(made *int) *freeSets[[2]string, attribute.Set] {
	return &freeSets[[2]string, attribute.Set]{
		enum:   []attribute.KeyValue{attribute.String("endpoint", "events")},
		keys:   []attribute.Key{"code", "reason"},
		guards: []*labelGuard{newLabelGuard(nil, 2), newLabelGuard(func(v string) bool { return v != "bad" }, 0)},
		newSeries: func(s attribute.Set) attribute.Set {
			*made++
			return s
		},
	}
}

func encoded(s attribute.Set) string { return s.Encoded(attribute.DefaultEncoder()) }

func TestFreeSets(t *testing.T) {
	made := 0
	s := newSets(&made)
	get := func(a, b string) attribute.Set {
		k := [2]string{a, b}
		return s.get(k, k[:])
	}
	if got := encoded(get("429", "throttled")); got != "code=429,endpoint=events,reason=throttled" {
		t.Fatalf("series %s", got)
	}
	for range 10 {
		get("429", "throttled")
	}
	if made != 1 {
		t.Fatalf("%d series made for one key, want 1", made)
	}
	if got := encoded(get("500", "bad")); got != "code=500,endpoint=events,reason=invalid" {
		t.Errorf("pattern: %s", got)
	}
	if got := encoded(get("503", "x")); got != "code=other,endpoint=events,reason=x" {
		t.Errorf("max_values: %s", got)
	}
	// A flood of new values past max_values reaches one series, made once, and never grows
	// the cache.
	before := made
	for i := range 100 {
		if got := encoded(get(fmt.Sprintf("new%d", i), "x")); got != "code=other,endpoint=events,reason=x" {
			t.Fatalf("value %d: %s", i, got)
		}
	}
	if made != before {
		t.Errorf("%d series made for values folded into one series made before", made-before)
	}
	s.cache.mu.Lock()
	n := len(s.cache.dirty)
	if read := s.cache.read.Load(); read != nil {
		n = max(n, len(*read))
	}
	s.cache.mu.Unlock()
	if n != 1 {
		t.Errorf("the cache holds %d series, want 1 (429 and throttled, the only values admitted as they are)", n)
	}
}

// TestFreeSetsConcurrent: run with -race.
func TestFreeSetsConcurrent(t *testing.T) {
	made := 0
	s := newSets(&made)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				k := [2]string{fmt.Sprint(i % 3), fmt.Sprint(g)}
				s.get(k, k[:])
			}
		}()
	}
	wg.Wait()
}

func TestGaugeValue(t *testing.T) {
	var values gaugeValues
	v := values.add(attribute.NewSet(attribute.String("a", "b")))
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 1000 {
				v.add(1)
				v.add(-0.5)
			}
		}()
	}
	wg.Wait()
	if got := v.load(); got != 4000 {
		t.Errorf("value %v after 8000 concurrent +1 and -0.5, want 4000", got)
	}
	v.set(-3)
	if got := v.load(); got != -3 {
		t.Errorf("value %v after set(-3)", got)
	}
}

func TestZeroTimer(t *testing.T) {
	if d := (Timer{}).ObserveDuration(); d != 0 {
		t.Errorf("the zero Timer returned %v", d)
	}
}

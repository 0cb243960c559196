package gometrics

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// fakeVec makes series that are the joined label values, and counts them.
type fakeVec struct {
	made atomic.Int64
}

func (v *fakeVec) WithLabelValues(values ...string) *string {
	v.made.Add(1)
	s := strings.Join(values, ",")
	return &s
}

func newFree(vec *fakeVec, guards ...*labelGuard) *freeSeries[[2]string, *string] {
	return &freeSeries[[2]string, *string]{vec: vec, guards: guards}
}

func TestFreeSeries(t *testing.T) {
	vec := &fakeVec{}
	s := newFree(vec, newLabelGuard(nil, 2), newLabelGuard(func(v string) bool { return v != "bad" }, 0))
	get := func(a, b string) *string {
		k := [2]string{a, b}
		return s.get(k, k[:])
	}
	first := get("x", "1")
	if *first != "x,1" {
		t.Fatalf("series %q, want x,1", *first)
	}
	for range 10 {
		if got := get("x", "1"); got != first {
			t.Fatal("a known key made a new series")
		}
	}
	if *get("y", "bad") != "y,invalid" || *get("z", "2") != "other,2" {
		t.Error("values not admitted as they are")
	}
	// Series of values not admitted as they are are not stored: they take the slow path each
	// time but cannot grow the cache, and still reach their series.
	before := vec.made.Load()
	for i := range 100 {
		get(fmt.Sprintf("new%d", i), "1")
	}
	if made := vec.made.Load() - before; made != 100 {
		t.Errorf("%d series made for 100 calls of not admitted values, want 100 (never cached)", made)
	}
	s.cache.mu.Lock()
	n := len(s.cache.dirty)
	if read := s.cache.read.Load(); read != nil {
		n = max(n, len(*read))
	}
	s.cache.mu.Unlock()
	if n != 1 {
		t.Errorf("the cache holds %d series, want 1: x,1 (the others were not admitted as they are)", n)
	}
}

// TestSeriesCachePromotes: after enough misses, the series are found without the lock.
func TestSeriesCachePromotes(t *testing.T) {
	var c seriesCache[[1]string, int]
	c.mu.Lock()
	for i := range 5 {
		c.storeLocked([1]string{fmt.Sprint(i)}, i)
	}
	for range 5 {
		if _, ok := c.loadLocked([1]string{"0"}); !ok {
			t.Fatal("stored key not found under the lock")
		}
	}
	c.mu.Unlock()
	for i := range 5 {
		if v, ok := c.load([1]string{fmt.Sprint(i)}); !ok || v != i {
			t.Errorf("load(%d) = %d, %v after promotion", i, v, ok)
		}
	}
	if _, ok := c.load([1]string{"5"}); ok {
		t.Error("load found a key never stored")
	}
}

// TestFreeSeriesConcurrent (run with -race): goroutines creating and reading the same series
// all get one series per key.
func TestFreeSeriesConcurrent(t *testing.T) {
	vec := &fakeVec{}
	s := newFree(vec, newLabelGuard(nil, 0), newLabelGuard(nil, 0))
	var mu sync.Mutex
	seen := map[string][]*string{}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				k := [2]string{fmt.Sprint(i % 37), fmt.Sprint(w % 2)}
				m := s.get(k, k[:])
				mu.Lock()
				if !slices.Contains(seen[*m], m) {
					seen[*m] = append(seen[*m], m)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(seen) != 74 {
		t.Errorf("%d keys, want 74", len(seen))
	}
	for k, ms := range seen {
		if len(ms) != 1 {
			t.Errorf("key %s has %d series", k, len(ms))
		}
	}
}

// TestFreeSeriesNoAllocs: a known key costs no allocation.
func TestFreeSeriesNoAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	s := newFree(&fakeVec{}, newLabelGuard(nil, 0), newLabelGuard(nil, 0))
	for range 3 {
		k := [2]string{"a", "b"}
		s.get(k, k[:])
	}
	a, b := "a", "b"
	if n := testing.AllocsPerRun(100, func() {
		k := [2]string{a, b}
		s.get(k, k[:])
	}); n != 0 {
		t.Errorf("%v allocations per get of a known key, want 0", n)
	}
}

package gometrics

import (
	"fmt"
	"regexp"
	"sync"
	"testing"
)

func TestGuardAdmit(t *testing.T) {
	code := regexp.MustCompile(`^(?:[1-5][0-9][0-9])$`).MatchString
	for _, c := range []struct {
		name  string
		valid func(string) bool
		limit int
		in    []string
		want  []string
	}{
		{"anything", nil, 0, []string{"a", "", "b c", "\xff"}, []string{"a", "", "b c", "invalid"}},
		{"pattern", code, 0, []string{"200", "2000", "abc", "500"}, []string{"200", "invalid", "invalid", "500"}},
		{"limit", nil, 2, []string{"a", "b", "c", "a", "b", "d"}, []string{"a", "b", "other", "a", "b", "other"}},
		// Rejected values take no place: the third valid value is still admitted.
		{"limit after invalid", code, 3, []string{"x", "\xff", "200", "404", "y", "500", "501"}, []string{"invalid", "invalid", "200", "404", "invalid", "500", "other"}},
		// "other" and "invalid" are values like the others when the caller passes them.
		{"literal other", nil, 1, []string{"other", "x"}, []string{"other", "other"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := newLabelGuard(c.valid, c.limit)
			for i, v := range c.in {
				if got := g.admit(v); got != c.want[i] {
					t.Errorf("admit(%q) = %q, want %q", v, got, c.want[i])
				}
			}
		})
	}
}

// TestGuardConcurrent: goroutines racing for the places admit exactly limit values, and each
// admitted value stays admitted.
func TestGuardConcurrent(t *testing.T) {
	g := newLabelGuard(nil, 30)
	var mu sync.Mutex
	admitted := map[string]bool{}
	var wg sync.WaitGroup
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				v := fmt.Sprintf("v%d", (w*7+i)%100)
				if got := g.admit(v); got != labelOther {
					mu.Lock()
					admitted[got] = true
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if len(admitted) != 30 {
		t.Errorf("%d values admitted, want 30", len(admitted))
	}
	for v := range admitted {
		if got := g.admit(v); got != v {
			t.Errorf("admitted %q is now %q", v, got)
		}
	}
}

func TestMatchPattern(t *testing.T) {
	m := matchPattern(`[a-z]+|unknown`)
	for v, want := range map[string]bool{"abc": true, "unknown": true, "abc1": false, "1abc": false, "": false, "unknown1": false, "a|b": false} {
		if got := m(v); got != want {
			t.Errorf("matchPattern(`[a-z]+|unknown`)(%q) = %v, want %v: anchored as a whole", v, got, want)
		}
	}
}

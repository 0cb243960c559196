package lazyregexp

import (
	"testing"

	_ "github.com/metricgen/metricgen/internal/golden" // defines -update, which go test ./... passes to every package
)

func TestLazy(t *testing.T) {
	r := New(`^a(b+)$`)
	if r.re != nil {
		t.Fatal("compiled before use")
	}
	if !r.MatchString("abb") || r.MatchString("ac") {
		t.Error("MatchString")
	}
	if m := r.FindStringSubmatch("abb"); len(m) != 2 || m[1] != "bb" {
		t.Errorf("FindStringSubmatch %q", m)
	}
	if got := New(`b+`).ReplaceAllString("abba", "-"); got != "a-a" {
		t.Errorf("ReplaceAllString %q", got)
	}
	if got := string(New(`b+`).ReplaceAll([]byte("abba"), []byte("-"))); got != "a-a" {
		t.Errorf("ReplaceAll %q", got)
	}
	if got := New(`b+`).FindStringIndex("abba"); len(got) != 2 || got[0] != 1 || got[1] != 3 {
		t.Errorf("FindStringIndex %v", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("a bad expression does not panic on use")
		}
	}()
	New(`(`).MatchString("x")
}

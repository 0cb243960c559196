package model

import (
	"strings"
	"testing"
	"time"
)

func TestDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"0": 0, "500ms": 500 * time.Millisecond, "90s": 90 * time.Second, "1h30m": 90 * time.Minute,
		"1d": 24 * time.Hour, "2w": 14 * 24 * time.Hour, "1y": 365 * 24 * time.Hour,
	} {
		d, err := ParseDuration(in)
		if err != nil || d.Std() != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, d.Std(), err, want)
		}
	}
	for in, want := range map[string]string{"90s": "1m30s", "0": "0s", "168h": "1w", "36h": "1d12h", "1500ms": "1s500ms"} {
		d, _ := ParseDuration(in)
		if got := d.String(); got != want {
			t.Errorf("ParseDuration(%q).String() = %q, want %q", in, got, want)
		}
	}
	for _, bad := range []string{"", "1", "1h1d", "5x", "-1h", "1.5h", "1 h", "99999999999y"} {
		if _, err := ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q) did not fail", bad)
		}
	}
	if !Duration(0).IsZero() || Duration(1).IsZero() {
		t.Error("IsZero")
	}
}

func TestWithMatchers(t *testing.T) {
	e := &Expr{Text: `sum(rate(a{x="}"}[5m])) / b offset 1m + c { } + d{y="1",} + e :rec`}
	for _, at := range []string{"a{", "b offset", "c {", "d{", "e :"} {
		e.Selectors = append(e.Selectors, &Selector{Name: at[:1], Offset: strings.Index(e.Text, at)})
	}
	got := e.WithMatchers(func(s *Selector) []string {
		if s.Name == "e" {
			return nil
		}
		return []string{`job=~"$job"`, `z="` + s.Name + `"`}
	})
	want := `sum(rate(a{x="}", job=~"$job", z="a"}[5m])) / b{job=~"$job", z="b"} offset 1m + c { job=~"$job", z="c"} + d{y="1",job=~"$job", z="d"} + e :rec`
	if got != want {
		t.Errorf("WithMatchers:\n got %s\nwant %s", got, want)
	}
}

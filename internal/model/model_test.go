package model

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
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

func TestBuckets(t *testing.T) {
	// The same numbers as client_golang's generators.
	exp, err := ExponentialBuckets(0.001, 2.5, 12)
	if err != nil || !slices.Equal(exp, prometheus.ExponentialBuckets(0.001, 2.5, 12)) {
		t.Errorf("ExponentialBuckets = %v, %v; client_golang: %v", exp, err, prometheus.ExponentialBuckets(0.001, 2.5, 12))
	}
	lin, err := LinearBuckets(-1, 0.1, 30)
	if err != nil || !slices.Equal(lin, prometheus.LinearBuckets(-1, 0.1, 30)) {
		t.Errorf("LinearBuckets = %v, %v; client_golang: %v", lin, err, prometheus.LinearBuckets(-1, 0.1, 30))
	}
	if !slices.Equal(DefaultBuckets, prometheus.DefBuckets) {
		t.Errorf("DefaultBuckets = %v, client_golang's DefBuckets %v", DefaultBuckets, prometheus.DefBuckets)
	}
	if _, err := ExponentialBuckets(1e300, 1e10, 5); !errors.Is(err, ErrBucketsOverflow) {
		t.Errorf("overflowing exponential buckets: %v", err)
	}
	if _, err := LinearBuckets(1e17, 1, 3); !errors.Is(err, ErrBucketsIndistinct) {
		t.Errorf("linear buckets that round together: %v", err)
	}
	if _, err := ExponentialBuckets(0, 2, 3); err == nil {
		t.Error("ExponentialBuckets accepts start 0")
	}
}

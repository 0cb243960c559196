package goredact

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// tree builds random attributes: keys from the probes (configured or not) at random depths, in
// groups, maps, slices and LogValuers, each leaf a distinct marker. A marker under a configured
// key (at any depth above it) is secret and must not reach the output; any other must reach it
// unchanged.
type tree struct {
	rng              *rand.Rand
	configured       []string
	plain            []string
	n                int
	secrets, visible []string
}

func (g *tree) marker() string {
	g.n++
	// Longer than any mask keeps, so a masked marker never shows whole.
	return fmt.Sprintf("mk%04dq%06d", g.n, g.rng.IntN(1e6))
}

func (g *tree) key() (key string, configured bool) {
	if len(g.configured) > 0 && g.rng.IntN(3) == 0 {
		return g.configured[g.rng.IntN(len(g.configured))], true
	}
	return g.plain[g.rng.IntN(len(g.plain))], false
}

// leaf returns a marker as a value, remembering where it must (not) appear.
func (g *tree) leaf(secret bool) string {
	m := g.marker()
	if secret {
		g.secrets = append(g.secrets, m)
	} else {
		g.visible = append(g.visible, m)
	}
	return m
}

// value returns a random value; secret says whether a configured key is above it. Inside maps
// there are no groups and LogValuers: handlers do not resolve them there (encoding/json would
// write them as structs), so people put plain values in maps.
func (g *tree) value(depth int, secret, inMap bool) slog.Value {
	if depth >= 4 {
		return slog.StringValue(g.leaf(secret))
	}
	n := g.rng.IntN(6)
	if inMap && (n == 0 || n == 3) {
		n = 5
	}
	switch n {
	case 0:
		return slog.GroupValue(g.attrs(depth+1, secret)...)
	case 1:
		return slog.AnyValue(g.anyMap(depth+1, secret))
	case 2:
		s := []any{g.leaf(secret), g.anyMap(depth+1, secret)}
		return slog.AnyValue(s)
	case 3:
		return slog.AnyValue(valuer(g.attrs(depth+1, secret)))
	case 4:
		m := map[string]string{}
		for range 1 + g.rng.IntN(3) {
			k, c := g.key()
			if _, dup := m[k]; !dup {
				m[k] = g.leaf(secret || c)
			}
		}
		return slog.AnyValue(m)
	}
	return slog.StringValue(g.leaf(secret))
}

func (g *tree) attrs(depth int, secret bool) []slog.Attr {
	var as []slog.Attr
	for range 1 + g.rng.IntN(3) {
		k, c := g.key()
		as = append(as, slog.Attr{Key: k, Value: g.value(depth, secret || c, false)})
	}
	return as
}

func (g *tree) anyMap(depth int, secret bool) map[string]any {
	m := map[string]any{}
	for range 1 + g.rng.IntN(3) {
		k, c := g.key()
		if _, dup := m[k]; dup {
			continue
		}
		m[k] = g.value(depth, secret || c, true).Any()
	}
	return m
}

// TestProperty logs random attribute trees through JSON and text handlers, wrapped or with
// ReplaceAttr, with random With and WithGroup: no secret marker reaches the output, every other
// marker does.
func TestProperty(t *testing.T) {
	var configured, plain []string
	for _, p := range specProbes {
		switch {
		case p.key == "" || strings.ContainsFunc(p.key, unicode.IsSpace):
		case p.rule >= 0:
			configured = append(configured, p.key)
		default:
			plain = append(plain, p.key)
		}
	}
	plain = append(plain, plainNames(t)...)
	iterations := 3000
	if testing.Short() {
		iterations = 300
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range iterations {
		g := &tree{rng: rng, configured: configured, plain: plain}
		var buf bytes.Buffer
		var opts *slog.HandlerOptions
		viaReplaceAttr := rng.IntN(2) == 0
		if viaReplaceAttr {
			opts = &slog.HandlerOptions{ReplaceAttr: NewRedactor(testKey).ReplaceAttr}
		}
		var h slog.Handler
		if rng.IntN(2) == 0 {
			h = slog.NewJSONHandler(&buf, opts)
		} else {
			h = slog.NewTextHandler(&buf, opts)
		}
		if !viaReplaceAttr {
			h = NewRedactor(testKey).Handler(h)
		}
		for range rng.IntN(4) {
			if rng.IntN(2) == 0 {
				h = h.WithAttrs(g.attrs(1, false))
			} else {
				h = h.WithGroup(plain[rng.IntN(len(plain))])
			}
		}
		r := slog.NewRecord(fixedTime, slog.LevelInfo, "m", 0)
		r.AddAttrs(g.attrs(0, false)...)
		if err := h.Handle(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for _, m := range g.secrets {
			if strings.Contains(out, m) {
				t.Fatalf("iteration %d (ReplaceAttr %v): secret %s in the output:\n%s", i, viaReplaceAttr, m, out)
			}
		}
		for _, m := range g.visible {
			if !strings.Contains(out, m) {
				t.Fatalf("iteration %d (ReplaceAttr %v): %s under plain keys is missing from the output:\n%s", i, viaReplaceAttr, m, out)
			}
		}
	}
}

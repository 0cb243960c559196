package goredact

import (
	"context"
	"log/slog"
	"strings"
	"testing"
)

// capture is a handler that keeps the attributes of the records it handles, to look at values
// without an encoding in between.
type capture struct{ attrs []slog.Attr }

func (c *capture) Enabled(context.Context, slog.Level) bool { return true }
func (c *capture) Handle(_ context.Context, r slog.Record) error {
	r.Attrs(func(a slog.Attr) bool { c.attrs = append(c.attrs, a); return true })
	return nil
}
func (c *capture) WithAttrs([]slog.Attr) slog.Handler { return c }
func (c *capture) WithGroup(string) slog.Handler      { return c }

// FuzzRedact checks, for any key and value, that every way of passing an attribute to
// redaction applies the rule that the regular expressions pick (or none), with the result
// computed independently, and that swapping the case of the key changes nothing.
func FuzzRedact(f *testing.F) {
	if ruleOf("g") >= 0 || ruleOf("m") >= 0 || ruleOf("s") >= 0 {
		f.Skip("the rules match the names of the containers")
	}
	for _, p := range specProbes {
		f.Add(p.key, "alice@example.com")
	}
	f.Add("", "")
	f.Add("\xff\xfeKEY", "\xff value")
	f.Add("Ǆ", "ß")
	f.Fuzz(func(t *testing.T, key, value string) {
		i := ruleOf(key)
		var w string
		ok := true
		if i >= 0 {
			w, ok = want(i, value, testKey)
		} else {
			w = value
		}
		r := NewRedactor(testKey)
		for _, k := range []string{key, strings.ToUpper(key), strings.ToLower(key), swapASCII(key)} {
			if ruleOf(k) != i {
				continue // Unicode case mapping does not always round-trip
			}
			// ReplaceAttr
			got := r.ReplaceAttr(nil, slog.String(k, value))
			if !ok {
				if !got.Equal(slog.Attr{}) {
					t.Fatalf("ReplaceAttr(%q): %v, want it removed", k, got)
				}
			} else if got.Key != k || got.Value.String() != w {
				t.Fatalf("ReplaceAttr(%q, %q) = %v, want %q", k, value, got, w)
			}
			// The handler, a map[string]any and a map[string]string inside a group.
			c := &capture{}
			r.Handler(c).Handle(context.Background(), record(
				slog.String(k, value),
				slog.Group("g", slog.Any("m", map[string]any{k: value}), slog.Any("s", map[string]string{k: value})),
			))
			top, found := find(c.attrs, k)
			if found != ok || (ok && top != w) {
				t.Fatalf("handler, key %q: %q (found %v), want %q (kept %v)", k, top, found, w, ok)
			}
			if len(c.attrs) == 0 {
				t.Fatalf("handler dropped the group")
			}
			g := c.attrs[len(c.attrs)-1].Value.Group()
			m := g[0].Value.Any().(map[string]any)
			s := g[1].Value.Any().(map[string]string)
			if v, found := m[k]; found != ok || (ok && v != w) {
				t.Fatalf("map[string]any, key %q: %v (found %v), want %q (kept %v)", k, v, found, w, ok)
			}
			if v, found := s[k]; found != ok || (ok && v != w) {
				t.Fatalf("map[string]string, key %q: %v (found %v), want %q (kept %v)", k, v, found, w, ok)
			}
		}
	})
}

func record(attrs ...slog.Attr) slog.Record {
	r := slog.NewRecord(fixedTime, slog.LevelInfo, "m", 0)
	r.AddAttrs(attrs...)
	return r
}

// find returns the string value of the first attribute with key k.
func find(attrs []slog.Attr, k string) (string, bool) {
	for _, a := range attrs {
		if a.Key == k {
			return a.Value.String(), true
		}
	}
	return "", false
}

// swapASCII swaps the case of ASCII letters.
func swapASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case 'a' <= c && c <= 'z':
			b[i] = c - 'a' + 'A'
		case 'A' <= c && c <= 'Z':
			b[i] = c - 'A' + 'a'
		}
	}
	return string(b)
}

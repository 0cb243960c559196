// Tests of the redaction code that hold for any rules: here against spec.go (the code generated
// for spec.yaml), and in internal/gen/goscratch's scratch module against the package of every
// spec of the test corpus, copied there with the package clause renamed, beside a spec_test.go
// written from the case's model, as spec_test.go here is:
//
//	const specKeyEnv = "LOG_HASH_KEY"     // the environment variable of the hash key
//	var specRules = []specRule{...}        // logging.redact, in spec order
//	var specProbes = []specProbe{...}      // keys to try, with the rule that model.Logging.Rule picks
//
// The expected results are computed here, independently of the generated code: rules are
// matched as regular expressions, masks and hashes are recomputed.
package goredact

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"os/exec"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

type specRule struct {
	key, action string
	keep        int
}

type specProbe struct {
	key  string
	rule int // index in specRules, -1 for none
}

var testKey = []byte("test key")

var (
	compileOnce sync.Once
	ruleRegexps []*regexp.Regexp
)

// ruleOf returns the index of the rule for key: the first whose key, lower-cased and read as a
// regular expression with ".*" for each '*', matches the lower-cased key; -1 for none.
func ruleOf(key string) int {
	compileOnce.Do(func() {
		for _, r := range specRules {
			re := strings.ReplaceAll(regexp.QuoteMeta(strings.ToLower(r.key)), `\*`, `.*`)
			ruleRegexps = append(ruleRegexps, regexp.MustCompile(`(?s)^`+re+`$`))
		}
	})
	k := strings.ToLower(key)
	for i, re := range ruleRegexps {
		if re.MatchString(k) {
			return i
		}
	}
	return -1
}

// want returns what rule i turns the value s into; ok is false when the rule removes it.
func want(i int, s string, key []byte) (v string, ok bool) {
	r := specRules[i]
	switch r.action {
	case "remove":
		return "", false
	case "redact":
		return "[REDACTED]", true
	case "mask":
		if utf8.RuneCountInString(s) <= r.keep {
			return "***", true
		}
		n := 0
		for range r.keep {
			_, size := utf8.DecodeRuneInString(s[n:])
			n += size
		}
		return s[:n] + "***", true
	case "hash":
		if len(key) == 0 {
			return "[REDACTED]", true
		}
		m := hmac.New(sha256.New, key)
		m.Write([]byte(s))
		return "hmac:" + hex.EncodeToString(m.Sum(nil))[:16], true
	}
	panic("unknown action " + r.action)
}

// plainNames are keys that no rule matches, for groups and unconfigured attributes.
func plainNames(t testing.TB) []string {
	var names []string
	for _, n := range []string{"g", "ctx", "m", "l", "lv", "ms", "a", "b", "req", "user", "status", "count", "name", "tags"} {
		if ruleOf(n) < 0 {
			names = append(names, n)
		}
	}
	if len(names) < 8 {
		t.Fatalf("the rules match too many plain names: %v left", names)
	}
	return names
}

func TestProbes(t *testing.T) {
	r := NewRedactor(testKey)
	for _, p := range specProbes {
		if got := ruleOf(p.key); got != p.rule {
			t.Errorf("key %q: model.Logging.Rule picks rule %d, the regular expressions %d", p.key, p.rule, got)
		}
		const v = "Value-123 é"
		a := slog.String(p.key, v)
		got := r.ReplaceAttr(nil, a)
		if p.rule < 0 {
			if !got.Equal(a) {
				t.Errorf("key %q matches no rule but became %v", p.key, got)
			}
			continue
		}
		w, ok := want(p.rule, v, testKey)
		switch {
		case !ok && !got.Equal(slog.Attr{}):
			t.Errorf("key %q (%v): %v, want it removed", p.key, specRules[p.rule], got)
		case ok && (got.Key != p.key || got.Value.Kind() != slog.KindString || got.Value.String() != w):
			t.Errorf("key %q (%v): %v, want %q", p.key, specRules[p.rule], got, w)
		}
	}
}

// logJSON logs through a JSON handler, wrapped by the redacting handler or with ReplaceAttr,
// and returns the decoded line.
func logJSON(t *testing.T, viaReplaceAttr bool, log func(*slog.Logger)) map[string]any {
	t.Helper()
	var buf bytes.Buffer
	var h slog.Handler
	if viaReplaceAttr {
		h = slog.NewJSONHandler(&buf, &slog.HandlerOptions{ReplaceAttr: NewRedactor(testKey).ReplaceAttr})
	} else {
		h = NewRedactor(testKey).Handler(slog.NewJSONHandler(&buf, nil))
	}
	log(slog.New(h))
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatalf("%v in %s", err, buf.Bytes())
	}
	return m
}

// at returns the value at path in a decoded JSON line: map keys, or "[i]" for slice elements.
func at(v any, path ...string) (any, bool) {
	for _, p := range path {
		if strings.HasPrefix(p, "[") {
			s, ok := v.([]any)
			var i int
			fmt.Sscanf(p, "[%d]", &i)
			if !ok || i >= len(s) {
				return nil, false
			}
			v = s[i]
			continue
		}
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[p]; !ok {
			return nil, false
		}
	}
	return v, true
}

// valuer is a LogValuer that logs as a group of its attributes.
type valuer []slog.Attr

func (v valuer) LogValue() slog.Value { return slog.GroupValue(v...) }

// TestShapes logs each probe key's value in every shape that redaction looks into, both ways.
func TestShapes(t *testing.T) {
	for _, p := range specProbes {
		if p.key == "" {
			continue
		}
		const v = "secret-value-42"
		shapes := []struct {
			name string
			log  func(*slog.Logger)
			path []string
		}{
			{"top", func(l *slog.Logger) { l.Info("m", p.key, v) }, []string{p.key}},
			{"group", func(l *slog.Logger) { l.Info("m", slog.Group("g", slog.Group("a", p.key, v))) }, []string{"g", "a", p.key}},
			{"with", func(l *slog.Logger) { l.With(p.key, v).Info("m") }, []string{p.key}},
			{"withgroup", func(l *slog.Logger) { l.WithGroup("ctx").With("b", 1).Info("m", p.key, v) }, []string{"ctx", p.key}},
			{"withgroup-with", func(l *slog.Logger) { l.WithGroup("ctx").With(p.key, v).Info("m") }, []string{"ctx", p.key}},
			{"map", func(l *slog.Logger) { l.Info("m", "m", map[string]any{p.key: v, "b": 1}) }, []string{"m", p.key}},
			{"map-nested", func(l *slog.Logger) {
				l.Info("m", "m", map[string]any{"a": map[string]any{p.key: v}})
			}, []string{"m", "a", p.key}},
			{"slice", func(l *slog.Logger) { l.Info("m", "l", []any{1, map[string]any{p.key: v}}) }, []string{"l", "[1]", p.key}},
			{"stringmap", func(l *slog.Logger) { l.Info("m", "ms", map[string]string{p.key: v, "b": "c"}) }, []string{"ms", p.key}},
			{"logvaluer", func(l *slog.Logger) { l.Info("m", "lv", valuer{slog.String(p.key, v)}) }, []string{"lv", p.key}},
			{"group-logvaluer", func(l *slog.Logger) {
				l.Info("m", slog.Group("g", "lv", valuer{slog.Any("m", map[string]any{p.key: v})}))
			}, []string{"g", "lv", "m", p.key}},
			{"inline-group", func(l *slog.Logger) { l.Info("m", slog.Group("", p.key, v)) }, []string{p.key}},
		}
		for _, s := range shapes {
			for _, viaReplaceAttr := range []bool{false, true} {
				got, found := at(logJSON(t, viaReplaceAttr, s.log), s.path...)
				name := fmt.Sprintf("key %q, %s, ReplaceAttr %v", p.key, s.name, viaReplaceAttr)
				if p.rule < 0 {
					if got != v {
						t.Errorf("%s: %v, want the value untouched", name, got)
					}
					continue
				}
				w, ok := want(p.rule, v, testKey)
				switch {
				case !ok && found:
					t.Errorf("%s: %v, want it removed", name, got)
				case ok && got != w:
					t.Errorf("%s: %v (found %v), want %q", name, got, found, w)
				}
			}
		}
	}
}

// TestGroupRule: a rule matching a group's name applies to everything inside the group, whether
// the group is an attribute or opened with WithGroup.
func TestGroupRule(t *testing.T) {
	for _, p := range specProbes {
		if p.rule < 0 || p.key == "" {
			continue
		}
		w, ok := want(p.rule, "inner", testKey)
		for _, viaReplaceAttr := range []bool{false, true} {
			lines := map[string]map[string]any{
				"attribute": logJSON(t, viaReplaceAttr, func(l *slog.Logger) {
					l.Info("m", slog.Group(p.key, "a", "inner", slog.Group("g", "b", "inner")))
				}),
				"WithGroup": logJSON(t, viaReplaceAttr, func(l *slog.Logger) {
					l.WithGroup(p.key).With("a", "inner").WithGroup("g").Info("m", "b", "inner")
				}),
			}
			for how, line := range lines {
				for _, path := range [][]string{{p.key, "a"}, {p.key, "g", "b"}} {
					got, found := at(line, path...)
					if found != ok || (ok && got != w) {
						t.Errorf("group %q as %s, ReplaceAttr %v: %v at %v (found %v), want %q (kept %v)", p.key, how, viaReplaceAttr, got, path, found, w, ok)
					}
				}
			}
		}
	}
}

// fixedTime keeps the time out of comparisons between handlers.
var fixedTime = time.Date(2025, 1, 2, 3, 4, 5, 6, time.UTC)

type stringer struct{ A, B int }

func (s stringer) String() string { return fmt.Sprintf("<%d|%d>", s.A, s.B) }

// plainRecord returns a record of every kind of value, under keys no rule matches.
func plainRecord(t *testing.T) slog.Record {
	n := plainNames(t)
	r := slog.NewRecord(fixedTime, slog.LevelWarn, "plain \"message\" é\n", 0)
	r.AddAttrs(
		slog.String(n[0], "tab\t quote\" é \u2028 <html>"),
		slog.Int(n[1], -42), slog.Uint64(n[2], 1<<63), slog.Float64(n[3], 3.25), slog.Bool(n[4], true),
		slog.Time(n[5], fixedTime), slog.Duration(n[6], 1500*time.Millisecond),
		slog.Any(n[7], errors.New("boom")), slog.Any(n[0]+"nil", nil),
		slog.Any(n[1]+"struct", stringer{1, 2}), slog.Any(n[2]+"strings", []string{"x", "y"}),
		slog.Group(n[3], slog.Int(n[4], 1), slog.Group(n[5], slog.String(n[6], "deep"))),
		slog.Group(n[4]), // empty: dropped by handlers
		slog.Group("", slog.String(n[7], "inline")),
		slog.Any(n[5], map[string]any{n[0]: 1, n[1]: []any{"a", map[string]any{n[2]: "b"}}, n[3]: map[string]string{n[4]: "c"}}),
		slog.Any(n[6], valuer{slog.String(n[0], "from a LogValuer"), slog.Any(n[1], map[string]any{n[2]: true})}),
	)
	return r
}

// TestPlainUntouched: records with no configured key come out byte for byte as the bare handler
// writes them, through every handler, With and WithGroup, and with ReplaceAttr.
func TestPlainUntouched(t *testing.T) {
	n := plainNames(t)
	handlers := map[string]func(w *bytes.Buffer, opts *slog.HandlerOptions) slog.Handler{
		"json": func(w *bytes.Buffer, o *slog.HandlerOptions) slog.Handler { return slog.NewJSONHandler(w, o) },
		"text": func(w *bytes.Buffer, o *slog.HandlerOptions) slog.Handler { return slog.NewTextHandler(w, o) },
	}
	for name, newHandler := range handlers {
		var bare, wrapped, replaced bytes.Buffer
		hs := []slog.Handler{
			newHandler(&bare, nil),
			NewRedactor(testKey).Handler(newHandler(&wrapped, nil)),
			newHandler(&replaced, &slog.HandlerOptions{ReplaceAttr: NewRedactor(testKey).ReplaceAttr}),
		}
		for _, h := range hs {
			h.Handle(context.Background(), plainRecord(t))
			h = h.WithAttrs([]slog.Attr{slog.String(n[0], "with"), slog.Any(n[1], map[string]any{n[2]: "m"})})
			h = h.WithGroup(n[2]).WithAttrs([]slog.Attr{slog.Int(n[3], 7)}).WithGroup(n[4])
			h.Handle(context.Background(), plainRecord(t))
		}
		if bare.String() != wrapped.String() {
			t.Errorf("%s: the redacting handler changed a record without configured keys:\nbare:    %s\nwrapped: %s", name, bare.String(), wrapped.String())
		}
		if bare.String() != replaced.String() {
			t.Errorf("%s: ReplaceAttr changed a record without configured keys:\nbare:     %s\nreplaced: %s", name, bare.String(), replaced.String())
		}
	}
}

// TestCallerValuesUnchanged: redaction copies what it changes; the caller's maps, slices and
// group attributes stay as they were.
func TestCallerValuesUnchanged(t *testing.T) {
	key := ""
	for _, p := range specProbes {
		if p.rule >= 0 && p.key != "" {
			key = p.key
			break
		}
	}
	if key == "" {
		t.Skip("no rules")
	}
	inner := map[string]any{key: "v1", "b": []any{map[string]any{key: "v2"}}}
	m := map[string]any{"a": inner, key: "v3"}
	sm := map[string]string{key: "v4", "b": "v5"}
	s := []any{map[string]any{key: "v6"}}
	attrs := []slog.Attr{slog.String(key, "v7"), slog.Int("b", 1)}
	copies := []any{deepCopy(m), maps.Clone(sm), deepCopy(s), append([]slog.Attr(nil), attrs...)}
	var buf bytes.Buffer
	l := slog.New(NewRedactor(testKey).Handler(slog.NewJSONHandler(&buf, nil)))
	l.Info("m", "m", m, "sm", sm, "s", s, slog.Group("g", attrs[0], attrs[1]))
	l.With("m", m, "sm", sm).Info("m")
	if got := []any{m, sm, s, attrs}; !reflect.DeepEqual(got, copies) {
		t.Errorf("logging modified the caller's values:\n got %v\nwant %v", got, copies)
	}
	for _, v := range []string{"v1", "v2", "v3", "v4", "v6", "v7"} {
		if strings.Contains(buf.String(), `"`+v+`"`) {
			t.Errorf("%s reached the output: %s", v, buf.String())
		}
	}
}

func deepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		c := map[string]any{}
		for k, e := range v {
			c[k] = deepCopy(e)
		}
		return c
	case []any:
		c := make([]any, len(v))
		for i, e := range v {
			c[i] = deepCopy(e)
		}
		return c
	}
	return v
}

// TestDepth: a map that holds itself ends in "[REDACTED]" instead of looping, and so does
// anything nested deeper than redactMaxDepth; shallower nesting is looked into.
func TestDepth(t *testing.T) {
	self := map[string]any{"a": 1}
	self["self"] = self
	var buf bytes.Buffer
	slog.New(NewRedactor(testKey).Handler(slog.NewJSONHandler(&buf, nil))).Info("m", "self", self)
	if !strings.Contains(buf.String(), `"self":"[REDACTED]"`) || strings.Count(buf.String(), `"self"`) != redactMaxDepth+1 {
		t.Errorf("cyclic map: %s", buf.String())
	}

	nest := func(depth int, inner slog.Attr) slog.Attr {
		for range depth {
			inner = slog.Group("g", inner)
		}
		return inner
	}
	r := NewRedactor(testKey)
	a := r.ReplaceAttr(nil, nest(redactMaxDepth+1, slog.String("b", "deep")))
	if s := a.String(); !strings.Contains(s, "[REDACTED]") || strings.Contains(s, "deep") {
		t.Errorf("groups nested %d deep: %s", redactMaxDepth+1, s)
	}
	a = r.ReplaceAttr(nil, nest(redactMaxDepth-1, slog.String("b", "deep")))
	if s := a.String(); strings.Contains(s, "[REDACTED]") || !strings.Contains(s, "deep") {
		t.Errorf("groups nested %d deep: %s", redactMaxDepth-1, s)
	}
}

func TestHandlerContract(t *testing.T) {
	var buf bytes.Buffer
	h := NewRedactingHandler(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if h.Enabled(context.Background(), slog.LevelInfo) || !h.Enabled(context.Background(), slog.LevelError) {
		t.Error("Enabled does not follow the wrapped handler")
	}
	if h.WithGroup("") != h {
		t.Error(`WithGroup("") must return the receiver`)
	}
	// The record passed to Handle is not the caller's to lose: a new one carries the changes.
	r := slog.NewRecord(fixedTime, slog.LevelError, "m", 0)
	for _, p := range specProbes {
		if p.key != "" {
			r.AddAttrs(slog.String(p.key, "v"))
		}
	}
	before := r.Clone()
	if err := h.Handle(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	var got, want []slog.Attr
	r.Attrs(func(a slog.Attr) bool { got = append(got, a); return true })
	before.Attrs(func(a slog.Attr) bool { want = append(want, a); return true })
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Handle modified the caller's record: %v, was %v", got, want)
	}
}

// hashRule returns a probe key that a hash rule applies to, or skips the test.
func hashRule(t *testing.T) (key string, rule int) {
	for _, p := range specProbes {
		if p.rule >= 0 && specRules[p.rule].action == "hash" && p.key != "" {
			return p.key, p.rule
		}
	}
	t.Skip("no hash rule")
	return "", 0
}

func TestHash(t *testing.T) {
	key, _ := hashRule(t)
	hash := func(r *Redactor, v string) string { return r.ReplaceAttr(nil, slog.String(key, v)).Value.String() }
	k := []byte("key one")
	r1 := NewRedactor(k)
	a, b := hash(r1, "alice"), hash(r1, "alice")
	if a != b || !regexp.MustCompile(`^hmac:[0-9a-f]{16}$`).MatchString(a) {
		t.Errorf("same key, same value: %q and %q, want one token hmac:<16 hex digits>", a, b)
	}
	if c := hash(r1, "bob"); c == a {
		t.Errorf("different values, same token %q", c)
	}
	if c := hash(NewRedactor([]byte("key two")), "alice"); c == a {
		t.Errorf("different keys, same token %q", c)
	}
	k[0] = 'X' // NewRedactor keeps a copy
	if c := hash(r1, "alice"); c != a {
		t.Errorf("changing the caller's key slice changed the token: %q, was %q", c, a)
	}
	for name, r := range map[string]*Redactor{"nil key": NewRedactor(nil), "empty key": NewRedactor([]byte{}), "zero Redactor": {}} {
		if got := hash(r, "alice"); got != "[REDACTED]" {
			t.Errorf("%s: %q, want [REDACTED]: hash fails closed", name, got)
		}
	}
	// Values of other kinds are hashed as text.
	if got, w := r1.ReplaceAttr(nil, slog.Int(key, 42)).Value.String(), hash(r1, "42"); got != w {
		t.Errorf("int 42 hashes to %q, the string \"42\" to %q", got, w)
	}
}

// TestDefaultKey checks RedactAttr and NewRedactingHandler against the environment variable of
// the hash key, as the test binary was started (the scratch module's driver sets it) and, in a
// second run of the test binary, without it: the default Redactor reads it once per process.
func TestDefaultKey(t *testing.T) {
	key, rule := hashRule(t)
	env := os.Getenv(specKeyEnv)
	w, _ := want(rule, "alice", []byte(env))
	if got := RedactAttr(nil, slog.String(key, "alice")).Value.String(); got != w {
		t.Errorf("RedactAttr with %s=%q: %q, want %q", specKeyEnv, env, got, w)
	}
	var buf bytes.Buffer
	slog.New(NewRedactingHandler(slog.NewJSONHandler(&buf, nil))).Info("m", key, "alice")
	if !strings.Contains(buf.String(), fmt.Sprintf("%q:%q", key, w)) {
		t.Errorf("NewRedactingHandler with %s=%q: %s, want %q", specKeyEnv, env, buf.String(), w)
	}
	t.Logf("%s=%q: %s", specKeyEnv, env, w)
	if env == "" || os.Getenv("REDACT_DEFAULT_KEY_CHILD") != "" {
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestDefaultKey$", "-test.count=1")
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k != specKeyEnv {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "REDACT_DEFAULT_KEY_CHILD=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("without %s: %v\n%s", specKeyEnv, err, out)
	}
}

// TestConcurrent logs from many goroutines through shared handlers; run with -race.
func TestConcurrent(t *testing.T) {
	var buf lockedBuffer // two handlers write to it
	base := slog.New(NewRedactor(testKey).Handler(slog.NewJSONHandler(&buf, nil)))
	replace := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{ReplaceAttr: RedactAttr}))
	shared := map[string]any{"a": 1}
	for _, p := range specProbes {
		shared[p.key] = "shared-secret"
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() { // not wg.Go: the scratch module is at Go 1.24
			defer wg.Done()
			l := base.With("worker", i)
			if i%2 == 1 {
				l = replace.WithGroup("ctx")
			}
			for j := range 50 {
				p := specProbes[(i*50+j)%len(specProbes)]
				l.Info("m", p.key, "v", "m", shared, slog.Group("g", p.key, j))
				l.With(p.key, "w").WithGroup("g").Info("m", "j", j)
			}
		}()
	}
	wg.Wait()
	// "shared-secret" is under every probe key, configured or not: it must come out only where
	// no rule applies.
	configured := false
	for _, p := range specProbes {
		configured = configured || p.rule >= 0
	}
	plain := false
	for _, p := range specProbes {
		plain = plain || p.rule < 0
	}
	if got := strings.Contains(buf.b.String(), "shared-secret"); got != plain {
		t.Errorf("shared-secret in the output: %v, want %v (configured keys: %v)", got, plain, configured)
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// TestReplaceAttrEmptiedGroup: when rules remove every attribute of a group, the rest of the line
// stays whole, in spite of log/slog's handlers not closing a group that ReplaceAttr empties.
func TestReplaceAttrEmptiedGroup(t *testing.T) {
	key := ""
	for _, p := range specProbes {
		if p.rule >= 0 && specRules[p.rule].action == "remove" && p.key != "" {
			key = p.key
			break
		}
	}
	if key == "" {
		t.Skip("no remove rule")
	}
	n := plainNames(t)
	log := func(l *slog.Logger) {
		l.Info("m", n[0], 1, slog.Group(n[1], key, "v"), n[2], 2, slog.Group(n[3], n[4], 3))
	}
	line := logJSON(t, true, log) // fails on invalid JSON
	if v, _ := at(line, n[2]); v != 2.0 {
		t.Errorf("JSON: %q is %v, want 2: %v", n[2], v, line)
	}
	if v, _ := at(line, n[3], n[4]); v != 3.0 {
		t.Errorf("JSON: %s.%s is %v, want 3: %v", n[3], n[4], v, line)
	}
	var buf bytes.Buffer
	log(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: NewRedactor(testKey).ReplaceAttr})))
	for _, w := range []string{fmt.Sprintf(" %s=2 ", n[2]), fmt.Sprintf(" %s.%s=3", n[3], n[4])} {
		if !strings.Contains(buf.String(), w) {
			t.Errorf("text: %q missing from %s", w, buf.String())
		}
	}
}

package model

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

func TestRedactRuleMatch(t *testing.T) {
	tests := []struct {
		key, attr string
		want      bool
	}{
		{"email", "email", true},
		{"email", "EMail", true},
		{"email", "emails", false},
		{"email", "user_email", false},
		{"*_token", "api_token", true},
		{"*_token", "Refresh_TOKEN", true},
		{"*_token", "_token", true},
		{"*_token", "token", false},
		{"password*", "password", true},
		{"password*", "Password_Hash", true},
		{"password*", "old_password", false},
		{"*secret*", "secret", true},
		{"*secret*", "client_secret_id", true},
		{"*secret*", "secre", false},
		{"ab*ba", "aba", false},
		{"ab*ba", "abba", true},
		{"ab*ba", "ab_x_ba", true},
		{"a*b*c", "abc", true},
		{"a*b*c", "acbc", true},
		{"a*b*c", "ac", false},
		{"*a*b*", "xbxa", false},
		{"*a*b*", "xaxb", true},
		{"a**b", "ab", true},
		{"*", "", true},
		{"*", "anything", true},
		{"Kelvin", "\u212aelvin", true}, // KELVIN SIGN lower-cases to 'k'
	}
	for _, tt := range tests {
		r := &RedactRule{Key: tt.key, Action: Redact}
		if got := r.Match(tt.attr); got != tt.want {
			t.Errorf("%q.Match(%q) = %v, want %v", tt.key, tt.attr, got, tt.want)
		}
	}
}

// TestRedactRuleMatchRegexp checks Match against the plain reading of a glob: a regular
// expression with ".*" for each '*', on random keys over a small alphabet where near misses are
// common.
func TestRedactRuleMatchRegexp(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func(alphabet string, max int) string {
		var b strings.Builder
		for range rng.IntN(max + 1) {
			b.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	for range 20000 {
		key := word("abAB*", 6)
		re := regexp.MustCompile(`(?s)^` + strings.ReplaceAll(regexp.QuoteMeta(strings.ToLower(key)), `\*`, `.*`) + `$`)
		attr := word("abAB", 8)
		r := &RedactRule{Key: key}
		if got, want := r.Match(attr), re.MatchString(strings.ToLower(attr)); got != want {
			t.Fatalf("%q.Match(%q) = %v, want %v", key, attr, got, want)
		}
	}
}

func TestLoggingRule(t *testing.T) {
	l := &Logging{Rules: []*RedactRule{
		{Key: "*_id", Action: Hash},
		{Key: "user_id", Action: Remove},
		{Key: "email", Action: Mask, Keep: 3},
	}}
	if r := l.Rule("USER_ID"); r != l.Rules[0] {
		t.Errorf("Rule(USER_ID) = %v, want the first rule that matches", r)
	}
	if r := l.Rule("Email"); r != l.Rules[2] {
		t.Errorf("Rule(Email) = %v, want the email rule", r)
	}
	if r := l.Rule("name"); r != nil {
		t.Errorf("Rule(name) = %v, want nil", r)
	}
	if got := l.KeyEnv(); got != "LOG_HASH_KEY" {
		t.Errorf("KeyEnv() = %q, want the default", got)
	}
	if !l.Uses(Mask) || l.Uses(Redact) {
		t.Errorf("Uses: wrong answer")
	}
}

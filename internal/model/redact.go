package model

import "strings"

// DefaultHashKeyEnv is the environment variable holding the key of hash rules when the spec
// names none.
const DefaultHashKeyEnv = "LOG_HASH_KEY"

// KeyEnv returns the environment variable holding the key of hash rules.
func (l *Logging) KeyEnv() string {
	if l.HashKeyEnv == "" {
		return DefaultHashKeyEnv
	}
	return l.HashKeyEnv
}

// Uses reports whether some rule of l has the given action.
func (l *Logging) Uses(action RedactAction) bool {
	for _, r := range l.Rules {
		if r.Action == action {
			return true
		}
	}
	return false
}

// Rule returns the rule that applies to an attribute key: the first of l's rules whose key
// matches it, or nil.
func (l *Logging) Rule(key string) *RedactRule {
	for _, r := range l.Rules {
		if r.Match(key) {
			return r
		}
	}
	return nil
}

// Glob reports whether the rule's key is a pattern rather than a key.
func (r *RedactRule) Glob() bool { return strings.Contains(r.Key, "*") }

// Pattern returns the rule's key in lower case, split at its '*'s: a key without '*' is one
// part; a pattern has a prefix, the parts that must appear in order in the middle, and a suffix,
// each possibly empty ("*_token" -> "", "_token"; "*secret*" -> "", "secret", "").
func (r *RedactRule) Pattern() []string {
	parts := strings.Split(strings.ToLower(r.Key), "*")
	if len(parts) <= 2 {
		return parts
	}
	// "a**b" is "a*b": an empty middle part matches anywhere, so it says nothing.
	middle := parts[1 : len(parts)-1]
	kept := []string{parts[0]}
	for _, p := range middle {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return append(kept, parts[len(parts)-1])
}

// Match reports whether an attribute key matches the rule's key. Both are compared in lower
// case, as strings.ToLower writes them; '*' stands for any run of characters, empty included,
// and every other character for itself. So "*_token" matches "api_token" and "Refresh_Token",
// "password*" matches "password" and "password_hash", "*secret*" matches "client_secret_id".
func (r *RedactRule) Match(key string) bool {
	k := strings.ToLower(key)
	parts := r.Pattern()
	if len(parts) == 1 {
		return k == parts[0]
	}
	prefix, suffix := parts[0], parts[len(parts)-1]
	if len(k) < len(prefix)+len(suffix) || !strings.HasPrefix(k, prefix) || !strings.HasSuffix(k, suffix) {
		return false
	}
	k = k[len(prefix) : len(k)-len(suffix)]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(k, p)
		if i < 0 {
			return false
		}
		k = k[i+len(p):]
	}
	return true
}

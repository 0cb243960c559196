package gometrics

import (
	"sync"
	"unicode/utf8"
)

// Values recorded in place of a free-form label's value that labelGuard does not admit.
const (
	labelInvalid = "invalid" // not valid UTF-8, or not matching the label's pattern
	labelOther   = "other"   // a new value after the label's max_values
)

// labelGuard admits the values of one free-form label of one metric. Its memory is bounded by
// the label's max_values: once that many distinct values were admitted, new ones fold into
// "other". It is consulted only when the series cache misses, never on the fast path.
type labelGuard struct {
	valid func(string) bool // the label's pattern, anchored; nil: every value
	limit int               // distinct values admitted at most; 0: no limit
	mu    sync.Mutex
	seen  map[string]struct{} // the admitted values; under mu
}

// newLabelGuard returns a guard admitting the values that valid accepts (nil: all), at most
// limit of them (0: no limit).
func newLabelGuard(valid func(string) bool, limit int) *labelGuard {
	return &labelGuard{valid: valid, limit: limit, seen: make(map[string]struct{})}
}

// admit returns v when it may be exported as it is, "invalid" when it is not valid UTF-8 or
// valid rejects it, and "other" when limit other values were admitted already.
func (g *labelGuard) admit(v string) string {
	if !utf8.ValidString(v) || g.valid != nil && !g.valid(v) {
		return labelInvalid
	}
	if g.limit == 0 {
		return v
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, ok := g.seen[v]; !ok {
		if len(g.seen) >= g.limit {
			return labelOther
		}
		g.seen[v] = struct{}{}
	}
	return v
}

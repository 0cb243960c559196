package validate

import "testing"

func TestPatternMatches(t *testing.T) {
	for _, tc := range []struct {
		p               string
		nonEmpty, empty bool
	}{
		{`^[1-5][0-9][0-9]$`, true, false},
		{`[a-z]+`, true, false},
		{`x*`, true, true},
		{``, false, true},
		{`^$`, false, true},
		{`$^`, false, true},
		{`a^b`, false, false},
		{`$x`, false, false},
		{`x^`, false, false},
		{`[^\x00-\x{10FFFF}]`, false, false},
		{`\bfoo\b`, true, false},
		{`(?m)^a$`, true, false},
		{`a|$b`, true, false},
		{`(a|b^)c`, true, false},
		{`\z`, false, true},
		{`a\Ab`, false, false},
	} {
		nonEmpty, empty := patternMatches(tc.p)
		if nonEmpty != tc.nonEmpty || empty != tc.empty {
			t.Errorf("patternMatches(%q) = %v, %v; want %v, %v", tc.p, nonEmpty, empty, tc.nonEmpty, tc.empty)
		}
	}
}

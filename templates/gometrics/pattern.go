package gometrics

import "regexp"

// matchPattern returns what accepts the values of a free-form label with a pattern: the
// pattern anchored, as Prometheus anchors its regular expressions and validation read it, so
// that it must match the whole value.
func matchPattern(pattern string) func(string) bool {
	return regexp.MustCompile("^(?:" + pattern + ")$").MatchString
}

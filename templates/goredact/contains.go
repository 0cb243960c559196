package goredact

import "bytes"

// redactContainsInOrder reports whether s holds each of parts, in order, without overlaps: the
// middle of a pattern with several '*'s.
func redactContainsInOrder(s []byte, parts ...string) bool {
	for _, p := range parts {
		i := bytes.Index(s, []byte(p))
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return true
}

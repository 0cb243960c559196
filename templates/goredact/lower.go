package goredact

import (
	"unicode"
	"unicode/utf8"
)

// redactLower appends key to dst in lower case, as strings.ToLower writes it: ASCII in place, the
// rest rune by rune.
func redactLower(dst []byte, key string) []byte {
	n := len(dst)
	dst = append(dst, key...)
	for i, c := range dst[n:] {
		if c >= utf8.RuneSelf {
			dst = dst[:n+i]
			for _, r := range key[i:] {
				dst = utf8.AppendRune(dst, unicode.ToLower(r))
			}
			return dst
		}
		if 'A' <= c && c <= 'Z' {
			dst[n+i] = c + 'a' - 'A'
		}
	}
	return dst
}

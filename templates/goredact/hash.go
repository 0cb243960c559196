package goredact

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// hash returns "hmac:" and the first 16 hex digits (64 bits) of HMAC-SHA256(r.key, s): enough to
// tell values apart in logs, and keyed, so that a dictionary of likely values cannot reverse it.
// Without a key it fails closed, to redactRedacted.
func (r *Redactor) hash(s string) string {
	if len(r.key) == 0 {
		return redactRedacted
	}
	m := hmac.New(sha256.New, r.key)
	m.Write([]byte(s))
	return "hmac:" + hex.EncodeToString(m.Sum(nil)[:8])
}

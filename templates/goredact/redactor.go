package goredact

import "log/slog"

// Redactor applies the redaction rules of logging.redact with its own key for hash rules, for
// callers that pass the key themselves. The zero Redactor has no key. A Redactor is safe for
// concurrent use.
type Redactor struct {
	key []byte // HMAC-SHA256 key of hash rules; empty: they act as redact
}

// ReplaceAttr is RedactAttr with the key of r.
func (r *Redactor) ReplaceAttr(groups []string, a slog.Attr) slog.Attr {
	var rule redactRule
	for _, g := range groups {
		if rule = redactMatch(g); rule.action != redactNone {
			break
		}
	}
	b, _, removed := r.attr(a, rule, 0)
	switch {
	case !removed:
		return b
	case len(groups) > 0:
		// An empty group, which handlers drop too, rather than the zero Attr:
		// log/slog's own handlers (as of Go 1.26) never close a group whose
		// every attribute ReplaceAttr removes, which garbles the rest of the line.
		return slog.Attr{Key: a.Key, Value: slog.GroupValue()}
	}
	return slog.Attr{}
}

// Handler is NewRedactingHandler with the key of r.
func (r *Redactor) Handler(h slog.Handler) slog.Handler {
	return &redactHandler{redactor: r, handler: h}
}

// redactAction is what a rule of logging.redact does to the values it applies to.
type redactAction uint8

const (
	redactNone   redactAction = iota // no rule applies
	redactMask                       // keep the first runes, then "***"
	redactRedact                     // "[REDACTED]"
	redactRemove                     // drop the attribute or map entry
	redactHash                       // "hmac:" and a truncated HMAC-SHA256
)

// redactRule is a rule of logging.redact, without its key.
type redactRule struct {
	action redactAction
	keep   int // mask: the runes kept before "***"
}

// redactRedacted is what redact writes, and what stands for a value that redaction could not look
// into.
const redactRedacted = "[REDACTED]"

// redactMaxDepth bounds the nesting of groups, maps and slices that redaction looks into, so that a
// map holding itself cannot make it loop. Deeper containers were not checked, so they are replaced
// with redactRedacted.
const redactMaxDepth = 16

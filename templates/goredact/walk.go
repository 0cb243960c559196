package goredact

import (
	"log/slog"
	"maps"
	"slices"
)

// attr returns a redacted: with rule applied to its value or, when rule is redactNone, with the
// rule matching its key, or else the rules matching keys inside its value. changed reports whether
// b differs from a, removed that a is dropped.
func (r *Redactor) attr(a slog.Attr, rule redactRule, depth int) (b slog.Attr, changed, removed bool) {
	if rule.action == redactNone {
		rule = redactMatch(a.Key)
		// Most attributes: no rule, and nothing inside to look into.
		if k := a.Value.Kind(); rule.action == redactNone && k != slog.KindAny && k != slog.KindGroup && k != slog.KindLogValuer {
			return a, false, false
		}
	}
	if rule.action == redactRemove {
		return slog.Attr{}, true, true
	}
	v, changed := r.value(a.Value, rule, depth)
	if !changed {
		return a, false, false
	}
	return slog.Attr{Key: a.Key, Value: v}, true, false
}

// value returns v with rule applied to every value in it or, when rule is redactNone, with the
// rules matching keys inside it applied. A LogValuer is resolved, so that the value checked is the
// value logged. changed reports whether the result differs from v.
func (r *Redactor) value(v slog.Value, rule redactRule, depth int) (slog.Value, bool) {
	switch v.Kind() {
	case slog.KindLogValuer:
		v, _ = r.value(v.Resolve(), rule, depth)
		return v, true
	case slog.KindGroup:
		if depth >= redactMaxDepth {
			return slog.StringValue(redactRedacted), true
		}
		attrs := v.Group()
		var out []slog.Attr // a copy, made at the first change
		for i, a := range attrs {
			b, changed, removed := r.attr(a, rule, depth+1)
			if changed && out == nil {
				out = make([]slog.Attr, i, len(attrs))
				copy(out, attrs)
			}
			if out != nil && !removed {
				out = append(out, b)
			}
		}
		if out == nil {
			return v, false
		}
		return slog.GroupValue(out...), true
	case slog.KindAny:
		if x, changed := r.anyValue(v.Any(), rule, depth); changed {
			return slog.AnyValue(x), true
		}
		return v, false
	}
	if rule.action == redactNone {
		return v, false
	}
	return r.leaf(v, rule), true
}

// anyValue is value for the values of slog.Any and the elements of the maps and slices in them: it
// looks into map[string]any, map[string]string and []any, and copies the ones it changes, so that
// the caller's are never modified. What it does not change it returns as v, not as x: a slice put
// back into an interface would be allocated again.
func (r *Redactor) anyValue(v any, rule redactRule, depth int) (any, bool) {
	switch x := v.(type) {
	case map[string]any:
		if depth >= redactMaxDepth {
			return redactRedacted, true
		}
		var out map[string]any // a copy, made at the first change
		for k, e := range x {
			rule := rule
			if rule.action == redactNone {
				rule = redactMatch(k)
			}
			if rule.action == redactRemove {
				if out == nil {
					out = maps.Clone(x)
				}
				delete(out, k)
			} else if e, changed := r.anyValue(e, rule, depth+1); changed {
				if out == nil {
					out = maps.Clone(x)
				}
				out[k] = e
			}
		}
		if out == nil {
			return v, false
		}
		return out, true
	case map[string]string:
		if depth >= redactMaxDepth {
			return redactRedacted, true
		}
		var out map[string]string // a copy, made at the first change
		for k, e := range x {
			rule := rule
			if rule.action == redactNone {
				rule = redactMatch(k)
			}
			if rule.action == redactNone {
				continue
			}
			if out == nil {
				out = maps.Clone(x)
			}
			if rule.action == redactRemove {
				delete(out, k)
			} else {
				out[k] = r.leaf(slog.StringValue(e), rule).String()
			}
		}
		if out == nil {
			return v, false
		}
		return out, true
	case []any:
		if depth >= redactMaxDepth {
			return redactRedacted, true
		}
		var out []any // a copy, made at the first change
		for i, e := range x {
			if e, changed := r.anyValue(e, rule, depth+1); changed {
				if out == nil {
					out = slices.Clone(x)
				}
				out[i] = e
			}
		}
		if out == nil {
			return v, false
		}
		return out, true
	}
	if rule.action == redactNone {
		return v, false
	}
	return r.leaf(slog.AnyValue(v), rule).String(), true
}

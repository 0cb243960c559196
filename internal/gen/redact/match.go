package redact

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"

	"github.com/metricgen/metricgen/internal/model"
)

// matcher is the rules of logging.redact compiled for redactMatch: a switch on the exact keys,
// then the patterns in spec order. The first rule that matches a key applies, so an exact key
// that an earlier pattern matches is left to that pattern, and nothing after a pattern that
// matches every key ("*") is ever reached.
type matcher struct {
	rules []*model.RedactRule // spec order, for the doc comment
	exact []exactCase
	globs []*model.RedactRule // spec order, up to the first that matches every key
	all   *model.RedactRule   // the pattern matching every key, nil if none
}

// exactCase is one case of the switch on exact keys: lower-cased keys with the same rule.
type exactCase struct {
	keys   []string
	action model.RedactAction
	keep   int
}

func newMatcher(l *model.Logging) (*matcher, error) {
	m := &matcher{rules: l.Rules}
	var errs []error
	for i, r := range l.Rules {
		if err := checkRule(r); err != nil {
			errs = append(errs, fmt.Errorf("rule %d (key %q): %w", i+1, r.Key, err))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	seen := map[string]bool{}
	for _, r := range l.Rules {
		switch {
		case m.all != nil:
			// Never reached: the pattern matching every key comes first.
		case r.Glob():
			if strings.Trim(r.Key, "*") == "" {
				m.all = r
			} else {
				m.globs = append(m.globs, r)
			}
		default:
			k := strings.ToLower(r.Key)
			if seen[k] || l.Rule(k) != r {
				continue // an earlier rule matches k
			}
			seen[k] = true
			m.addExact(k, r)
		}
	}
	return m, nil
}

func checkRule(r *model.RedactRule) error {
	if r.Key == "" {
		return errors.New("the key is empty")
	}
	switch r.Action {
	case model.Mask:
		if r.Keep < 0 {
			return fmt.Errorf("keep is %d; it counts the characters kept, so it cannot be negative", r.Keep)
		}
	case model.Redact, model.Remove, model.Hash:
	default:
		return fmt.Errorf("unknown action %q; the actions are mask, redact, remove and hash", r.Action)
	}
	return nil
}

// addExact adds key to the case of the switch with r's action, or starts a new case.
func (m *matcher) addExact(key string, r *model.RedactRule) {
	for i := range m.exact {
		c := &m.exact[i]
		if c.action == r.Action && c.keep == r.Keep {
			c.keys = append(c.keys, key)
			return
		}
	}
	m.exact = append(m.exact, exactCase{keys: []string{key}, action: r.Action, keep: r.Keep})
}

// lowers reports whether redactMatch looks at the key at all, and so needs redactLower.
func (m *matcher) lowers() bool { return len(m.exact) > 0 || len(m.globs) > 0 }

// containsInOrder reports whether some pattern has two or more middle parts ("*a*b*"), which
// redactContainsInOrder checks.
func (m *matcher) containsInOrder() bool {
	for _, r := range m.globs {
		if len(r.Pattern()) > 3 {
			return true
		}
	}
	return false
}

// actionName is the name of the generated constant for a.
var actionName = map[model.RedactAction]string{
	model.Mask:   "redactMask",
	model.Redact: "redactRedact",
	model.Remove: "redactRemove",
	model.Hash:   "redactHash",
}

// ruleValue returns the literal of a rule: redactRule{action: redactMask, keep: 3}.
func ruleValue(action model.RedactAction, keep int) *jen.Statement {
	fields := []jen.Code{field("action", jen.Id(actionName[action]))}
	if action == model.Mask && keep != 0 {
		fields = append(fields, field("keep", jen.Lit(keep)))
	}
	return jen.Id("redactRule").Values(fields...)
}

// bytesLit returns []byte(s).
func bytesLit(s string) *jen.Statement { return jen.Index().Byte().Parens(jen.Lit(s)) }

// globCond returns the condition under which the lower-cased key k matches a pattern of
// Pattern parts, as model.RedactRule.Match decides it. Prefixes and suffixes are compared as
// strings with a constant, which the compiler turns into a few word comparisons, rather than
// with bytes.HasPrefix and bytes.HasSuffix, which call memequal:
//
//	len(k) >= 6 && string(k[len(k)-6:]) == "_token"                      // *_token
//	len(k) >= 8 && string(k[:8]) == "password"                            // password*
//	bytes.Contains(k, []byte("secret"))                                   // *secret*
//	len(k) >= 5 && string(k[:2]) == "ab" && string(k[len(k)-2:]) == "cd" &&
//		bytes.Contains(k[2:len(k)-2], []byte("x"))                        // ab*x*cd
//	redactContainsInOrder(k, "a", "b")                                    // *a*b*
func globCond(parts []string) *jen.Statement {
	k := func() *jen.Statement { return jen.Id("k") }
	prefix, suffix, middle := parts[0], parts[len(parts)-1], parts[1:len(parts)-1]
	var conds []*jen.Statement
	if n := len(prefix) + len(suffix); n > 0 {
		for _, p := range middle {
			n += len(p)
		}
		conds = append(conds, jen.Len(k()).Op(">=").Lit(n))
	}
	if prefix != "" {
		conds = append(conds, jen.String().Parens(k().Index(jen.Empty(), jen.Lit(len(prefix)))).Op("==").Lit(prefix))
	}
	if suffix != "" {
		conds = append(conds, jen.String().Parens(k().Index(jen.Len(k()).Op("-").Lit(len(suffix)), jen.Empty())).Op("==").Lit(suffix))
	}
	if len(middle) > 0 {
		// The middle parts are looked for between the prefix and the suffix, so that they
		// cannot overlap them.
		window := k()
		switch {
		case prefix != "" && suffix != "":
			window = k().Index(jen.Lit(len(prefix)), jen.Len(k()).Op("-").Lit(len(suffix)))
		case prefix != "":
			window = k().Index(jen.Lit(len(prefix)), jen.Empty())
		case suffix != "":
			window = k().Index(jen.Empty(), jen.Len(k()).Op("-").Lit(len(suffix)))
		}
		if len(middle) == 1 {
			conds = append(conds, jen.Qual("bytes", "Contains").Call(window, bytesLit(middle[0])))
		} else {
			args := []jen.Code{window}
			for _, p := range middle {
				args = append(args, jen.Lit(p))
			}
			conds = append(conds, jen.Id("redactContainsInOrder").Call(args...))
		}
	}
	cond := conds[0]
	for _, c := range conds[1:] {
		cond = cond.Op("&&").Add(c)
	}
	return cond
}

// ruleList returns the rules as the lines of a code block in a doc comment.
func (m *matcher) ruleList() string {
	width := 0
	for _, r := range m.rules {
		width = max(width, len(keyText(r.Key)))
	}
	var b strings.Builder
	for i, r := range m.rules {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "\t%-*s  %s", width, keyText(r.Key), r.Action)
		if r.Action == model.Mask {
			fmt.Fprintf(&b, ", keep %d", r.Keep)
		}
	}
	return b.String()
}

// keyText is a rule's key as comments show it: as written, or quoted as a Go string when it
// holds a line break or another character that a comment must not (see gen.RenderGo).
func keyText(key string) string {
	if strings.ContainsFunc(key, func(r rune) bool {
		return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Bidi_Control, r)
	}) {
		return strconv.Quote(key)
	}
	return key
}

// match writes redactMatch, the compiled rules:
//
//	// redactMatch returns the rule for an attribute or map key: ...
//	//
//	//	email      mask, keep 3
//	//	*_token    redact
//	func redactMatch(key string) redactRule {
//		var buf [64]byte // keys of up to 64 bytes are lower-cased without allocating
//		k := redactLower(buf[:0], key)
//		switch string(k) {
//		case "email":
//			return redactRule{action: redactMask, keep: 3}
//		}
//		switch {
//		case len(k) >= 6 && string(k[len(k)-6:]) == "_token":
//			// *_token
//			return redactRule{action: redactRedact}
//		}
//		return redactRule{}
//	}
//
// It uses the runtime's redactLower (lower.go) and, for a pattern of several '*'s,
// redactContainsInOrder (contains.go).
func (e *emitter) match() {
	f, m := e.f, e.m
	if len(m.rules) == 0 {
		doc(f, "redactMatch returns the rule for an attribute or map key: none, since logging.redact is empty.")
		f.Func().Id("redactMatch").Params(jen.String()).Id("redactRule").Block(jen.Return(jen.Id("redactRule").Values()))
		return
	}
	doc(f, "redactMatch returns the rule for an attribute or map key: the first of the rules of logging.redact "+
		"whose key matches it, compared in lower case, '*' standing for any run of characters:\n\n"+m.ruleList())
	none := jen.Id("redactRule").Values()
	if m.all != nil {
		none = ruleValue(m.all.Action, m.all.Keep)
	}
	if !m.lowers() {
		f.Func().Id("redactMatch").Params(jen.String()).Id("redactRule").Block(jen.Return(none))
		return
	}
	f.Func().Id("redactMatch").Params(jen.Id("key").String()).Id("redactRule").BlockFunc(func(g *jen.Group) {
		g.Var().Id("buf").Index(jen.Lit(64)).Byte().Comment("keys of up to 64 bytes are lower-cased without allocating")
		g.Id("k").Op(":=").Id("redactLower").Call(jen.Id("buf").Index(jen.Empty(), jen.Lit(0)), jen.Id("key"))
		if len(m.exact) > 0 {
			g.Switch(jen.String().Parens(jen.Id("k"))).BlockFunc(func(g *jen.Group) {
				for _, c := range m.exact {
					var keys []jen.Code
					for _, k := range c.keys {
						keys = append(keys, jen.Lit(k))
					}
					g.Case(keys...).Block(jen.Return(ruleValue(c.action, c.keep)))
				}
			})
		}
		if len(m.globs) > 0 {
			g.Switch().BlockFunc(func(g *jen.Group) {
				for _, r := range m.globs {
					g.Case(globCond(r.Pattern())).Block(jen.Comment(keyText(r.Key)), jen.Return(ruleValue(r.Action, r.Keep)))
				}
			})
		}
		g.Return(none)
	})
	f.Line()
}

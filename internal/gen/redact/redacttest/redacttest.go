// Package redacttest writes the spec-dependent input of the rule-independent tests of the
// generated redaction code (templates/goredact/*_test.go): spec_test.go, which lists a spec's
// rules and probe keys with the rule model.Logging.Rule picks for each. Only tests import it.
package redacttest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/metricgen/metricgen/internal/model"
)

// SpecTest returns spec_test.go of the generated package of s, which has a logging section:
//
//	const specKeyEnv = "LOG_HASH_KEY"
//	var specRules = []specRule{...}   // logging.redact, in spec order
//	var specProbes = []specProbe{...} // keys to try, with the index of their rule (-1: none)
func SpecTest(s *model.Spec) []byte {
	var b strings.Builder
	b.WriteString("// The rules and probe keys of this package's spec, for the rule-independent tests of the\n")
	b.WriteString("// redaction code (see internal/gen/redact/redacttest).\n\n")
	fmt.Fprintf(&b, "package %s\n\nconst specKeyEnv = %q\n\nvar specRules = []specRule{\n", s.Go.Name, s.Logging.KeyEnv())
	for _, r := range s.Logging.Rules {
		fmt.Fprintf(&b, "\t{%s, %q, %d},\n", strconv.Quote(r.Key), r.Action, r.Keep)
	}
	b.WriteString("}\n\nvar specProbes = []specProbe{\n")
	for _, k := range Probes(s.Logging) {
		i := -1
		if r := s.Logging.Rule(k); r != nil {
			i = slices.Index(s.Logging.Rules, r)
		}
		fmt.Fprintf(&b, "\t{%s, %d},\n", strconv.Quote(k), i)
	}
	b.WriteString("}\n")
	return []byte(b.String())
}

// Probes returns keys to try against the rules: plain keys, and for each rule its key with the
// '*'s filled in several ways, in other cases, and near misses (a character more or less at
// either end).
func Probes(l *model.Logging) []string {
	seen := map[string]bool{}
	var keys []string
	add := func(k string) {
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	for _, k := range []string{"user", "status", "method", "level", "emailaddress", "token", "id", "Ünïcode"} {
		add(k)
	}
	for _, r := range l.Rules {
		for _, fill := range []string{"", "x", "Ab_9"} {
			k := strings.ReplaceAll(r.Key, "*", fill)
			rs := []rune(k)
			add(k)
			add(strings.ToUpper(k))
			add(strings.ToLower(k))
			if len(rs) > 0 {
				add(string(unicode.ToUpper(rs[0])) + string(rs[1:]))
				add(string(rs[1:]))
				add(string(rs[:len(rs)-1]))
			}
			add(k + "s")
			add("s" + k)
		}
	}
	return keys
}

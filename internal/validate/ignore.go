package validate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/spec"
)

// applyIgnores drops the diagnostics that an ignore comment of the spec silences and reports
// the comments' own problems: a code metricgen does not know or that cannot be silenced
// (always), a missing reason, and with strict a code that silenced nothing. Unused codes are
// only reported when nothing else is an error: checks skip what earlier errors make
// meaningless, so an ignore may match nothing because of them.
func applyIgnores(file string, nodes *spec.Nodes, ds []diag.Diagnostic, strict bool) []diag.Diagnostic {
	igs := nodes.Ignores()
	if len(igs) == 0 {
		return ds
	}
	used := make([][]bool, len(igs))
	for i, ig := range igs {
		used[i] = make([]bool, len(ig.Codes))
	}
	var own []diag.Diagnostic
	for i, ig := range igs {
		if len(ig.Codes) == 0 {
			own = append(own, diag.New(diag.IgnoreUnknownCode, file, ig.Pos, diag.Error, "the ignore comment names no check; write # metricgen:ignore CODE why (metricgen checks lists the codes)"))
			continue
		}
		for j, c := range ig.Codes {
			check, ok := diag.Lookup(c.Code)
			switch {
			case !ok:
				own = append(own, diag.New(diag.IgnoreUnknownCode, file, c.Pos, diag.Error, fmt.Sprintf("unknown check %q%s", c.Code, codeHint(c.Code))))
				used[i][j] = true
			case !check.Ignorable:
				own = append(own, diag.New(diag.IgnoreNotIgnorable, file, c.Pos, diag.Error, fmt.Sprintf("%s cannot be ignored: metricgen would write broken or incomplete output; fix the spec instead", c.Code)))
				used[i][j] = true
			}
		}
		if ig.Reason == "" {
			own = append(own, diag.New(diag.IgnoreMissingReason, file, ig.Pos, diag.Warning, "the ignore comment gives no reason; say after the code why the check does not apply here"))
		}
	}
	kept := ds[:0:0]
	for _, d := range ds {
		if !silenced(d, igs, used) {
			kept = append(kept, d)
		}
	}
	if strict && !diag.HasErrors(kept) && !diag.HasErrors(own) {
		for i, ig := range igs {
			for j, c := range ig.Codes {
				if !used[i][j] {
					what := "nothing here"
					if ig.Target.Line == 0 {
						what = "nothing: no node follows it (a blank line ends a comment's reach)"
					}
					own = append(own, diag.New(diag.IgnoreUnused, file, c.Pos, diag.Warning, fmt.Sprintf("ignore of %s silences %s; remove it", c.Code, what)))
				}
			}
		}
	}
	return append(kept, own...)
}

// silenced reports whether an ignore comment silences d, and marks the code that does as used.
func silenced(d diag.Diagnostic, igs []spec.Ignore, used [][]bool) bool {
	check, ok := diag.Lookup(d.Code)
	if !ok || !check.Ignorable {
		return false
	}
	p := diag.Pos{Line: d.Line, Col: max(d.Col, 1)}
	hit := false
	for i, ig := range igs {
		if !spec.Contains(ig.Target, p) {
			continue
		}
		for j, c := range ig.Codes {
			if c.Code == d.Code {
				used[i][j] = true
				hit = true
			}
		}
	}
	return hit
}

// codeHint suggests the registered code meant by a misspelt one.
func codeHint(c diag.Code) string {
	var codes []string
	for _, k := range diag.Checks {
		codes = append(codes, string(k.Code))
	}
	if s := closest(string(c), codes); s != "" {
		return "; did you mean " + s + "?"
	}
	if !strings.Contains(string(c), "/") {
		// The name without its category: naming/counter-suffix written counter-suffix.
		if i := slices.IndexFunc(codes, func(k string) bool { return strings.HasSuffix(k, "/"+string(c)) }); i >= 0 {
			return "; codes are category/name: did you mean " + codes[i] + "?"
		}
	}
	return "; metricgen checks lists every check"
}

package specdiff

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/spec"
)

// Sections returns where each top-level key of a spec's source starts, for pointing at the
// section of something that is gone.
func Sections(path string, src []byte) map[string]diag.Pos {
	out := map[string]diag.Pos{}
	f, _, _ := spec.Load(path, src)
	if f == nil || f.Root == nil || f.Root.Kind != yaml.MappingNode {
		return out
	}
	for i := 0; i+1 < len(f.Root.Content); i += 2 {
		k := f.Root.Content[i]
		out[k.Value] = diag.Pos{Line: k.Line, Col: k.Column, EndLine: k.Line, EndCol: k.Column + len(k.Value)}
	}
	return out
}

// Diagnostics turns changes into diagnostics on the new version (file newPath): breaking
// changes are errors, safe ones notices. A change whose thing is gone points at its section of
// the new version (sections, from Sections), or at the file as a whole.
func Diagnostics(cs []Change, newPath string, sections map[string]diag.Pos) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, c := range cs {
		pos := c.Pos
		if pos.Line == 0 {
			pos = sections[c.Section]
		}
		sev := diag.Notice
		if c.Breaking {
			sev = diag.Error
		}
		out = append(out, diag.New(c.Code, newPath, pos, sev, message(c)))
	}
	return diag.Sort(out)
}

// message is a change's message with what it breaks inside and outside the spec, one line
// each, indented under the first.
func message(c Change) string {
	var b strings.Builder
	b.WriteString(c.Msg)
	if c.Pos.Line == 0 && c.OldPos.Line > 0 {
		fmt.Fprintf(&b, " (line %d of the old version)", c.OldPos.Line)
	}
	if len(c.Inside) > 0 {
		b.WriteString("\n  in this spec:")
		for _, u := range c.Inside {
			fmt.Fprintf(&b, "\n    %s, line %d", u.What, u.Pos.Line)
			if u.Old {
				b.WriteString(" of the old version")
			}
			if u.Note != "" {
				b.WriteString(": " + u.Note)
			}
		}
	} else if c.Breaking && readable(c.Code) {
		b.WriteString("\n  in this spec: nothing reads it")
	}
	if c.Outside != "" {
		b.WriteString("\n  outside this spec: " + c.Outside)
	}
	return b.String()
}

// readable reports whether a change's code is about series that expressions read (metrics,
// their labels and buckets, recorded series), so that "nothing reads it" means something.
func readable(code diag.Code) bool {
	for _, p := range []string{"diff/metric-", "diff/label-", "diff/histogram-", "diff/record-"} {
		if strings.HasPrefix(string(code), p) {
			return true
		}
	}
	return false
}

// Summary says in one line how many changes of each kind there are.
func Summary(cs []Change, allowBreaking bool) string {
	breaking := 0
	for _, c := range cs {
		if c.Breaking {
			breaking++
		}
	}
	safe := len(cs) - breaking
	switch {
	case len(cs) == 0:
		return "no change"
	case breaking == 0:
		return fmt.Sprintf("%s, none breaking", plural(safe, "safe change"))
	case allowBreaking:
		return fmt.Sprintf("%s (allowed by --allow-breaking), %s", plural(breaking, "breaking change"), plural(safe, "safe change"))
	}
	return fmt.Sprintf("%s, %s; make the change safe (deprecate before removing, add rather than rename), or pass --allow-breaking once the consumers are ready", plural(breaking, "breaking change"), plural(safe, "safe change"))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

package golang

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/metricgen/metricgen/internal/model"
)

// commentWidth is where doc comments wrap, counting the "// ".
const commentWidth = 100

// doc returns a doc comment of the given paragraphs, wrapped at commentWidth and separated by
// empty comment lines. A paragraph's lines that start with "  - " are list items (gofmt's doc
// comment lists), wrapped with their text aligned; lines that start with a tab are code, kept
// as they are.
//
//	// First paragraph, wrapped.
//	//
//	//   - item
func doc(paras ...string) *jen.Statement {
	// Rendered as is: jennifer writes a comment holding a newline as /* */.
	return jen.Comment(docText(paras...))
}

// docText is the text of doc: "//"-prefixed lines.
func docText(paras ...string) string {
	var lines []string
	for i, p := range paras {
		if i > 0 {
			lines = append(lines, "//")
		}
		for _, line := range strings.Split(p, "\n") {
			if code, ok := strings.CutPrefix(line, "\t"); ok {
				lines = append(lines, "//\t"+code)
				continue
			}
			if item, ok := strings.CutPrefix(line, "  - "); ok {
				lines = append(lines, wrap(item, "//   - ", "//     ")...)
				continue
			}
			lines = append(lines, wrap(line, "// ", "// ")...)
		}
	}
	return strings.Join(lines, "\n")
}

// wrap returns the words of text in lines of at most commentWidth columns (a longer word
// gets a line of its own), the first starting with first and the others with rest.
func wrap(text, first, rest string) []string {
	var lines []string
	line, empty := first, true
	for _, w := range strings.Fields(text) {
		if !empty && len(line)+1+len(w) > commentWidth {
			lines = append(lines, line)
			line, empty = rest, true
		}
		if !empty {
			line += " "
		}
		line, empty = line+w, false
	}
	return append(lines, strings.TrimRight(line, " "))
}

// sentence returns s as a sentence: trimmed, with a final period unless it ends in one of
// .!? already.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".!?") {
		return s
	}
	return s + "."
}

// formatFloat writes a number as every output does (model.FormatFloat): 0.05, 10, 1048576.
func formatFloat(f float64) string { return model.FormatFloat(f) }

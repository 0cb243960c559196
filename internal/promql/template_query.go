package promql

import (
	"slices"
	"strings"
	"text/template/parse"
)

// TemplateQuery is a PromQL query an alert template runs with Prometheus' query function:
// {{ query "up" }} or {{ "up" | query }}, the query a string literal.
type TemplateQuery struct {
	Query string // the query, unquoted
	// Off and End are the literal's range in the template, quotes included; Exact says that
	// the query's own offsets map into it one to one (a raw string, or a quoted one without
	// escapes).
	Off, End int
	Exact    bool
}

// TemplateQueries returns the queries text runs with literal arguments, which can be checked
// like any expression; a query built at run time (printf ... | query) cannot be, offline. It
// returns nothing for a template that does not parse (CheckTemplate reports it).
func TemplateQueries(text string) []TemplateQuery {
	if !strings.Contains(text, "query") {
		return nil // calls no query: not worth parsing again
	}
	trees, err := parseTemplate("alert", text)
	if err != nil {
		return nil
	}
	var qs []TemplateQuery
	add := func(s *parse.StringNode) {
		off := int(s.Pos) - len(templateDefs)
		if off < 0 {
			return
		}
		raw := s.Quoted[0] == '`'
		exact := raw || `"`+s.Text+`"` == s.Quoted
		qs = append(qs, TemplateQuery{Query: s.Text, Off: off, End: off + len(s.Quoted), Exact: exact})
	}
	isQuery := func(n parse.Node) bool {
		id, ok := n.(*parse.IdentifierNode)
		return ok && id.Ident == "query"
	}
	inspectTemplate(trees["alert"].Root, true, func(n parse.Node, _ bool) bool {
		switch n := n.(type) {
		case *parse.PipeNode:
			// "up" | query: the literal is the whole previous command.
			for i, cmd := range n.Cmds {
				if i > 0 && len(cmd.Args) == 1 && isQuery(cmd.Args[0]) {
					if prev := n.Cmds[i-1]; len(prev.Args) == 1 {
						if s, ok := prev.Args[0].(*parse.StringNode); ok {
							add(s)
						}
					}
				}
			}
		case *parse.CommandNode:
			if len(n.Args) == 2 && isQuery(n.Args[0]) {
				if s, ok := n.Args[1].(*parse.StringNode); ok {
					add(s)
				}
			}
		}
		return true
	})
	// In the order of the text: a pipe's "x" | query is found before the commands inside it.
	slices.SortFunc(qs, func(a, b TemplateQuery) int { return a.Off - b.Off })
	return qs
}

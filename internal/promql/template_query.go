package promql

import (
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
	var walk func(parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n == nil {
				return
			}
			for i, cmd := range n.Cmds {
				// "up" | query: the literal is the whole previous command.
				if i > 0 && len(cmd.Args) == 1 && isQuery(cmd.Args[0]) {
					if prev := n.Cmds[i-1]; len(prev.Args) == 1 {
						if s, ok := prev.Args[0].(*parse.StringNode); ok {
							add(s)
						}
					}
				}
				walk(cmd)
			}
		case *parse.CommandNode:
			if len(n.Args) == 2 && isQuery(n.Args[0]) {
				if s, ok := n.Args[1].(*parse.StringNode); ok {
					add(s)
				}
			}
			for _, a := range n.Args {
				walk(a)
			}
		}
	}
	walk(trees["alert"].Root)
	return qs
}

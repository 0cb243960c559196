package promql

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/lazyregexp"
)

// templateDefs are the variables Prometheus defines before every alert template (rules'
// alerting.go and rulefmt's testTemplateParsing prepend exactly these).
const templateDefs = "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}"

// TemplateRef is a label an alert template reads: $labels.x, .Labels.x or index $labels "x".
type TemplateRef struct {
	Off, End int // of the reference in the template
	Label    string
}

// CheckTemplate parses text as Prometheus parses an alert's annotations and labels (the way
// rulefmt's testTemplateParsing does, which is what promtool runs: text/template's parser with
// Prometheus' function names), then runs it with a stand-in alert (see templaterun.go). It
// returns the labels the template reads, and a finding for a syntax error (then no labels) or
// for a template that cannot run.
func CheckTemplate(text string) ([]TemplateRef, *Finding) {
	if !strings.Contains(text, "{{") {
		return nil, nil
	}
	trees, err := parseTemplate("alert", text)
	if err != nil {
		return nil, templateError(text, err)
	}
	var refs []TemplateRef
	walkTemplate(trees["alert"].Root, func(pos, end parse.Pos, label string) {
		if off := int(pos) - len(templateDefs); off >= 0 {
			refs = append(refs, TemplateRef{Off: off, End: int(end) - len(templateDefs), Label: label})
		}
	})
	if off, err := runTemplate(text, trees); err != nil {
		at := tokenSpan(text, off)
		if at.end <= at.start {
			at.end = min(at.start+1, len(text))
		}
		return refs, &Finding{Off: at.start, End: at.end, Severity: diag.Error, Code: diag.TemplateCall,
			Msg: "alert template cannot run: " + execErrorText(err) + "; Prometheus would put an error in place of the text: " + callHint(err)}
	}
	return refs, nil
}

// callHint says how to fix a template that cannot run.
func callHint(err error) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "wrong number of args"):
		return "give the function its arguments, e.g. {{ $value | humanize }} or {{ humanize $value }}"
	case strings.Contains(msg, "wrong type for value"):
		return "pipe it a value of the type it takes (toUpper, title and reReplaceAll take text; value and label take a query sample)"
	case strings.Contains(msg, "can't evaluate field"):
		return "$labels.x is text and has no fields: read one label at a time"
	}
	return "fix the {{ ... }} pipeline"
}

// parseTemplate parses text the way Prometheus' template.Expander.ParseTest does (the
// variables Prometheus defines first, then text/template's parser with text/template's
// built-ins and Prometheus' functions), so the errors read exactly as promtool's.
func parseTemplate(name, text string) (map[string]*parse.Tree, error) {
	return parse.Parse(name, templateDefs+text, "", "", templateFuncs())
}

// TextTemplateBuiltins are text/template's own functions (its builtins table).
var TextTemplateBuiltins = []string{"and", "call", "eq", "ge", "gt", "html", "index", "js", "le", "len", "lt", "ne", "not", "or", "print", "printf", "println", "slice", "urlquery"}

// PrometheusTemplateFuncs are the functions Prometheus adds for alert templates (its template
// package's function map, as of the promql/parser release in go.mod). A test in the verify
// module compares the list with Prometheus' own feature registry, so a Prometheus upgrade that
// adds or drops one fails there.
var PrometheusTemplateFuncs = []string{
	"args", "externalURL", "first", "graphLink", "humanize", "humanize1024", "humanizeDuration",
	"humanizePercentage", "humanizeTimestamp", "label", "match", "now", "parseDuration",
	"pathPrefix", "query", "reReplaceAll", "safeHtml", "sortByLabel", "stripDomain", "stripPort",
	"strvalue", "tableLink", "title", "toDuration", "toLower", "toTime", "toUpper",
	"urlQueryEscape", "value",
}

// templateFuncs maps the name of every function an alert template may call; the parser only
// checks that a name maps to something.
var templateFuncs = sync.OnceValue(func() map[string]any {
	fm := map[string]any{}
	for _, name := range TextTemplateBuiltins {
		fm[name] = true
	}
	for _, name := range PrometheusTemplateFuncs {
		fm[name] = true
	}
	return fm
})

var templateErr = lazyregexp.New(`^template: alert:(\d+):(?:\d+:)? ?(.*)$`)
var undefinedFunc = lazyregexp.New(`^function "([^"]+)" not defined$`)

// templateError turns a template parse error into a finding at its line (and, for an
// undefined function, at the function's name).
func templateError(text string, err error) *Finding {
	msg := err.Error()
	off := 0
	if m := templateErr.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		msg = m[2]
		for i := 1; i < line && off < len(text); i++ {
			j := strings.IndexByte(text[off:], '\n')
			if j < 0 {
				break
			}
			off += j + 1
		}
		lineEnd := len(text)
		if j := strings.IndexByte(text[off:], '\n'); j >= 0 {
			lineEnd = off + j
		}
		if f := undefinedFunc.FindStringSubmatch(msg); f != nil {
			if i := findIdent(text, off, lineEnd, f[1]); i >= 0 {
				off = i
			}
			names := make([]string, 0, len(templateFuncs()))
			for n := range templateFuncs() {
				names = append(names, n)
			}
			slices.Sort(names)
			hint := didYouMean(f[1], names)
			if hint == "" {
				hint = "; Prometheus' template functions include humanize, humanizePercentage, humanizeDuration, printf, reReplaceAll, title, toUpper"
			}
			return &Finding{Off: off, End: tokenSpan(text, off).end, Severity: diag.Error, Code: diag.TemplateSyntax, Msg: "invalid alert template: function " + f[1] + " is not defined" + hint}
		}
		if i := strings.Index(text[off:lineEnd], "{{"); i >= 0 {
			off += i
		}
	}
	end := off + 1
	if i := strings.Index(text[off:], "}}"); i >= 0 {
		end = off + i + 2
	}
	return &Finding{Off: off, End: min(end, len(text)), Severity: diag.Error, Code: diag.TemplateSyntax, Msg: "invalid alert template: " + msg + "; fix the {{ ... }} syntax (Go text/template, as Prometheus expands it)"}
}

// inspectTemplate visits the template tree below n depth first, calling f for each node with
// whether dot is still the template's data there (dotRoot: not inside the body of a range or
// a with, where dot is the element); the children of a node are visited when f returns true.
// It is the one walk over template trees: the label references, the queries, and whether a
// template can be rendered or run are all read with it.
func inspectTemplate(n parse.Node, dotRoot bool, f func(n parse.Node, dotRoot bool) bool) {
	switch n := n.(type) {
	case nil:
		return
	case *parse.ListNode:
		if n == nil {
			return
		}
	case *parse.PipeNode:
		if n == nil {
			return
		}
	}
	if !f(n, dotRoot) {
		return
	}
	branch := func(b *parse.BranchNode, bodyDotRoot bool) {
		inspectTemplate(b.Pipe, dotRoot, f)
		inspectTemplate(b.List, bodyDotRoot, f)
		inspectTemplate(b.ElseList, dotRoot, f)
	}
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			inspectTemplate(c, dotRoot, f)
		}
	case *parse.ActionNode:
		inspectTemplate(n.Pipe, dotRoot, f)
	case *parse.PipeNode:
		for _, d := range n.Decl {
			inspectTemplate(d, dotRoot, f)
		}
		for _, c := range n.Cmds {
			inspectTemplate(c, dotRoot, f)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			inspectTemplate(a, dotRoot, f)
		}
	case *parse.ChainNode:
		inspectTemplate(n.Node, dotRoot, f)
	case *parse.IfNode:
		branch(&n.BranchNode, dotRoot)
	case *parse.RangeNode:
		branch(&n.BranchNode, false)
	case *parse.WithNode:
		branch(&n.BranchNode, false)
	case *parse.TemplateNode:
		inspectTemplate(n.Pipe, dotRoot, f)
	}
}

// walkTemplate calls ref for every label read from $labels (anywhere) or .Labels (where dot
// is still the alert's data), with the range of the reference.
func walkTemplate(root parse.Node, ref func(pos, end parse.Pos, label string)) {
	inspectTemplate(root, true, func(n parse.Node, dotRoot bool) bool {
		switch n := n.(type) {
		case *parse.CommandNode:
			if len(n.Args) >= 3 {
				if id, ok := n.Args[0].(*parse.IdentifierNode); ok && id.Ident == "index" && isLabels(n.Args[1], dotRoot) {
					if s, ok := n.Args[2].(*parse.StringNode); ok {
						ref(n.Args[2].Position(), n.Args[2].Position()+parse.Pos(len(s.Quoted)), s.Text)
					}
				}
			}
		case *parse.VariableNode:
			// The parser places a chain ($labels.x) at its first field; the reference starts
			// at the variable.
			if len(n.Ident) >= 2 && n.Ident[0] == "$labels" {
				ref(n.Pos-parse.Pos(len("$labels")), n.Pos+parse.Pos(1+len(n.Ident[1])), n.Ident[1])
			}
		case *parse.FieldNode:
			if dotRoot && len(n.Ident) >= 2 && n.Ident[0] == "Labels" {
				ref(n.Pos-parse.Pos(len(".Labels")), n.Pos+parse.Pos(1+len(n.Ident[1])), n.Ident[1])
			}
		}
		return true
	})
}

// isLabels reports whether n is $labels or .Labels.
func isLabels(n parse.Node, dotRoot bool) bool {
	switch n := n.(type) {
	case *parse.VariableNode:
		return len(n.Ident) == 1 && n.Ident[0] == "$labels"
	case *parse.FieldNode:
		return dotRoot && len(n.Ident) == 1 && n.Ident[0] == "Labels"
	}
	return false
}

package promql

import (
	"bytes"
	"errors"
	"fmt"
	html "html/template"
	"math"
	"net"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"
	"time"
	"unicode/utf8"

	common "github.com/prometheus/common/helpers/templates"
	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/util/strutil"

	"github.com/metricgen/metricgen/internal/lazyregexp"
)

// Alert templates are executed here, not only parsed: with a stand-in for the alert that has
// the types Prometheus gives it (labels a map of strings, the value a float64, query results
// lists of samples) and functions with the signatures of Prometheus' own, text/template finds
// what parsing cannot: a function called with the wrong number of arguments ({{ humanize }}),
// a value piped into a function that cannot take its type ({{ $value | toUpper }}), a field of
// a string ({{ $labels.instance.name }}). The stand-in's values are made up, so only errors
// that do not depend on values are reported: the stand-in functions never fail on a value.
//
// The same functions, with Prometheus' behaviour, render a template for the labels of an
// expected alert (a promtool test's exp_annotations), when the output depends on nothing
// metricgen cannot know offline: the alert's value, a query, the clock, the external URL.

// sample and queryResult are the types of query results in Prometheus' templates.
type sample struct {
	Labels map[string]string
	Value  any
}

type queryResult []*sample

// templateData is the data Prometheus expands alert templates with (AlertTemplateData).
type templateData struct {
	Labels         map[string]string
	ExternalLabels map[string]string
	ExternalURL    string
	Value          any
}

// errCannotRender stops a rendering that needs what only a running Prometheus knows.
var errCannotRender = errors.New("depends on the running Prometheus")

// templateFuncMap returns Prometheus' template functions with their signatures. With render
// false they are stand-ins that never fail on a value; with render true they behave as
// Prometheus' do, and those that need a running Prometheus stop the rendering.
func templateFuncMap(render bool) template.FuncMap {
	offline := func(name string) error {
		if render {
			return fmt.Errorf("%s: %w", name, errCannotRender)
		}
		return nil
	}
	toFloat := func(i any) (float64, error) {
		v, err := common.ConvertToFloat(i)
		if err != nil && !render {
			if _, isString := i.(string); isString {
				return 0, nil // a made-up label value: the real one may be a number
			}
		}
		return v, err
	}
	return template.FuncMap{
		"query": func(q string) (queryResult, error) {
			if err := offline("query"); err != nil {
				return nil, err
			}
			return queryResult{{Labels: map[string]string{}, Value: 0.0}}, nil
		},
		"first": func(v queryResult) (*sample, error) {
			if len(v) > 0 {
				return v[0], nil
			}
			return nil, errors.New("first() called on vector with no elements")
		},
		"label": func(label string, s *sample) string { return s.Labels[label] },
		"value": func(s *sample) any { return s.Value },
		"strvalue": func(s *sample) string {
			return s.Labels["__value__"]
		},
		"args": func(args ...any) map[string]any {
			out := make(map[string]any, len(args))
			for i, a := range args {
				out[fmt.Sprintf("arg%d", i)] = a
			}
			return out
		},
		"reReplaceAll": func(pattern, repl, text string) (string, error) {
			re, err := regexp.Compile(pattern)
			if err != nil {
				return "", fmt.Errorf("reReplaceAll: %w", err) // Prometheus panics
			}
			return re.ReplaceAllString(text, repl), nil
		},
		"safeHtml": func(text string) html.HTML { return html.HTML(text) },
		"match": func(pattern, s string) (bool, error) {
			re, err := regexp.Compile(pattern)
			if err != nil {
				return false, err
			}
			return re.MatchString(s), nil
		},
		"title": func(s string) (string, error) {
			if render && !isASCII(s) {
				return "", fmt.Errorf("title: %w", errCannotRender)
			}
			return titleASCII(s), nil
		},
		"toUpper":   strings.ToUpper,
		"toLower":   strings.ToLower,
		"graphLink": strutil.GraphLinkForExpression,
		"tableLink": strutil.TableLinkForExpression,
		"sortByLabel": func(label string, v queryResult) queryResult {
			sort.SliceStable(v, func(i, j int) bool { return v[i].Labels[label] < v[j].Labels[label] })
			return v
		},
		"stripPort": func(hostPort string) string {
			host, _, err := net.SplitHostPort(hostPort)
			if err != nil {
				return hostPort
			}
			return host
		},
		"stripDomain": func(hostPort string) string {
			host, port, err := net.SplitHostPort(hostPort)
			if err != nil {
				host = hostPort
			}
			if net.ParseIP(host) != nil {
				return hostPort
			}
			host = strings.Split(host, ".")[0]
			if port != "" {
				return net.JoinHostPort(host, port)
			}
			return host
		},
		"humanize": func(i any) (string, error) {
			v, err := toFloat(i)
			if err != nil {
				return "", err
			}
			return humanize(v), nil
		},
		"humanize1024": func(i any) (string, error) {
			v, err := toFloat(i)
			if err != nil {
				return "", err
			}
			return humanize1024(v), nil
		},
		"humanizeDuration": func(i any) (string, error) {
			v, err := toFloat(i)
			if err != nil {
				return "", err
			}
			return common.HumanizeDuration(v)
		},
		"humanizePercentage": func(i any) (string, error) {
			v, err := toFloat(i)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%.4g%%", v*100), nil
		},
		"humanizeTimestamp": func(i any) (string, error) {
			v, err := toFloat(i)
			if err != nil {
				return "", err
			}
			return common.HumanizeTimestamp(v)
		},
		"toTime": func(i any) (*time.Time, error) {
			v, err := toFloat(i)
			if err != nil {
				return nil, err
			}
			t, err := common.FloatToTime(v)
			if err != nil && !render {
				return &time.Time{}, nil
			}
			return t, err
		},
		"toDuration": func(i any) (*time.Duration, error) {
			v, err := toFloat(i)
			if err != nil {
				return nil, err
			}
			d := time.Duration(v * float64(time.Second))
			return &d, nil
		},
		"now": func() (float64, error) { return 0, offline("now") },
		"pathPrefix": func() (string, error) {
			return "", offline("pathPrefix")
		},
		"externalURL": func() (string, error) {
			return "", offline("externalURL")
		},
		"parseDuration": func(d string) (float64, error) {
			v, err := model.ParseDurationAllowNegative(d)
			if err != nil {
				if !render {
					return 0, nil
				}
				return 0, err
			}
			return float64(time.Duration(v)) / float64(time.Second), nil
		},
		"urlQueryEscape": url.QueryEscape,
	}
}

// humanize is Prometheus' humanize: SI prefixes, 4 significant digits.
func humanize(v float64) string {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Sprintf("%.4g", v)
	}
	if math.Abs(v) >= 1 {
		prefix := ""
		for _, p := range []string{"k", "M", "G", "T", "P", "E", "Z", "Y"} {
			if math.Abs(v) < 1000 {
				break
			}
			prefix = p
			v /= 1000
		}
		return fmt.Sprintf("%.4g%s", v, prefix)
	}
	prefix := ""
	for _, p := range []string{"m", "u", "n", "p", "f", "a", "z", "y"} {
		if math.Abs(v) >= 1 {
			break
		}
		prefix = p
		v *= 1000
	}
	return fmt.Sprintf("%.4g%s", v, prefix)
}

// humanize1024 is Prometheus' humanize1024: binary prefixes.
func humanize1024(v float64) string {
	if math.Abs(v) <= 1 || math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Sprintf("%.4g", v)
	}
	prefix := ""
	for _, p := range []string{"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"} {
		if math.Abs(v) < 1024 {
			break
		}
		prefix = p
		v /= 1024
	}
	return fmt.Sprintf("%.4g%s", v, prefix)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// titleASCII upper-cases the first letter of every word and leaves the rest (x/text's
// cases.Title with NoLower, for ASCII text).
func titleASCII(s string) string {
	b := []byte(s)
	start := true
	for i, c := range b {
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if start && 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		start = !(letter || '0' <= c && c <= '9' || c == '\'')
	}
	return string(b)
}

// newTemplate parses text as Prometheus does before expanding an alert template.
func newTemplate(text string, render bool) (*template.Template, error) {
	return template.New("alert").Funcs(templateFuncMap(render)).Option("missingkey=zero").Parse(templateDefs + text)
}

// standIns are templates with the stand-in functions bound (binding them costs more than
// parsing and running a template), each holding one alert template at a time.
var standIns = sync.Pool{New: func() any {
	return template.New("alert").Funcs(templateFuncMap(false)).Option("missingkey=zero")
}}

// runTemplate executes text, parsed into trees by parseTemplate, with a stand-in alert and
// returns the first error that does not depend on the stand-in's values, with its offset in
// text.
func runTemplate(text string, trees map[string]*parse.Tree) (int, error) {
	if len(trees) != 1 || trees["alert"] == nil {
		return 0, nil // {{ define }}d templates may call each other without end
	}
	t := standIns.Get().(*template.Template)
	defer standIns.Put(t)
	if _, err := t.AddParseTree("alert", trees["alert"]); err != nil {
		return 0, nil
	}
	if !bounded(t) {
		return 0, nil
	}
	data := templateData{Labels: map[string]string{}, ExternalLabels: map[string]string{}, ExternalURL: "http://prometheus.example:9090", Value: 0.0}
	var out bytes.Buffer
	err := safeExecute(t, &out, data)
	if err == nil {
		return 0, nil
	}
	return execErrorOffset(text, err), err
}

// safeExecute executes t, turning a panic (Prometheus recovers them too) into an error.
func safeExecute(t *template.Template, out *bytes.Buffer, data any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return t.Execute(out, data)
}

var execErrPos = lazyregexp.New(`^template: alert:(\d+):(\d+): `)

// execErrorOffset maps the line:column of a text/template execution error to an offset in
// text (the error counts the variable definitions Prometheus puts before it).
func execErrorOffset(text string, err error) int {
	m := execErrPos.FindStringSubmatch(err.Error())
	if m == nil {
		return 0
	}
	line, _ := strconv.Atoi(m[1])
	col, _ := strconv.Atoi(m[2])
	full := templateDefs + text
	off := 0
	for i := 1; i < line; i++ {
		j := strings.IndexByte(full[off:], '\n')
		if j < 0 {
			break
		}
		off += j + 1
	}
	off += col
	off -= len(templateDefs)
	return min(max(off, 0), len(text))
}

// execErrorText words an execution error without text/template's prefix.
func execErrorText(err error) string {
	msg := err.Error()
	if m := execErrPos.FindStringIndex(msg); m != nil {
		msg = msg[m[1]:]
	}
	if i := strings.Index(msg, ": "); strings.HasPrefix(msg, "executing ") && i >= 0 {
		msg = msg[i+2:]
	}
	return msg
}

// RenderTemplate expands text as Prometheus does for an alert with these labels. ok is false
// when the expansion depends on what metricgen cannot know offline (the alert's value, a
// query, the clock, the external URL or labels); err is an error Prometheus would meet too.
func RenderTemplate(text string, labels map[string]string) (out string, ok bool, err error) {
	if !strings.Contains(text, "{{") {
		return text, true, nil
	}
	t, err := newTemplate(text, true)
	if err != nil {
		return "", false, err
	}
	if !renderable(t.Tree.Root) || !bounded(t) {
		return "", false, nil
	}
	var b bytes.Buffer
	if err := safeExecute(t, &b, templateData{Labels: labels}); err != nil {
		if errors.Is(err, errCannotRender) {
			return "", false, nil
		}
		return "", false, errors.New(execErrorText(err))
	}
	return b.String(), true, nil
}

// renderable reports whether a template reads only what RenderTemplate is given: the labels.
func renderable(root *parse.ListNode) bool {
	ok := true
	readsOnlyLabels := func(n parse.Node, top bool) bool {
		switch n := n.(type) {
		case *parse.VariableNode:
			switch n.Ident[0] {
			case "$value", "$externalURL", "$externalLabels":
				ok = false
			}
		case *parse.FieldNode:
			if top && n.Ident[0] != "Labels" {
				ok = false
			}
		case *parse.DotNode:
			if top {
				ok = false
			}
		case *parse.TemplateNode:
			ok = false
		}
		return ok
	}
	// The variable definitions Prometheus prepends read .Value and the rest; skip them.
	for _, n := range root.Nodes {
		if a, isAction := n.(*parse.ActionNode); isAction && len(a.Pipe.Decl) == 1 {
			switch a.Pipe.Decl[0].Ident[0] {
			case "$labels", "$externalLabels", "$externalURL", "$value":
				continue
			}
		}
		inspectTemplate(n, true, readsOnlyLabels)
	}
	return ok
}

// bounded reports whether executing t surely ends soon: text/template ranges over integers,
// and `{{ range 1000000000 }}` would run a billion times; a range over a number, or over a
// variable or len (which may hold one), is not run, nor are templates that {{ define }} others.
func bounded(t *template.Template) bool {
	if len(t.Templates()) > 1 {
		return false // {{ define }}d templates may call each other without end
	}
	ok := true
	checkRange := func(n parse.Node, _ bool) bool {
		if r, isRange := n.(*parse.RangeNode); isRange && r.Pipe != nil {
			for _, c := range r.Pipe.Cmds {
				for _, a := range c.Args {
					switch a := a.(type) {
					case *parse.NumberNode:
						ok = false
					case *parse.IdentifierNode:
						ok = ok && a.Ident != "len"
					case *parse.VariableNode:
						ok = ok && (a.Ident[0] == "$labels" || a.Ident[0] == "$externalLabels")
					}
				}
			}
		}
		return ok
	}
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			inspectTemplate(tt.Tree.Root, true, checkRange)
		}
	}
	return ok
}

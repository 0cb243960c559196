package docs

import (
	"fmt"
	"strings"

	"github.com/metricgen/metricgen/internal/model"
)

// operation is the section of an operation in the catalogue:
//
//	### `api_call` (call)
//
//	One call to the Klaviyo API.
//
//	- Go: `m.APICall(ctx, method, endpoint, fn)`
//	- Records: ...
func operation(o *model.Operation) string {
	var b strings.Builder
	fmt.Fprintf(&b, "### `%s` (%s)\n\n", o.Key, map[model.OperationKind]string{
		model.CallOperation: "call", model.HTTPServerOperation: "inbound HTTP", model.HTTPClientOperation: "outbound HTTP"}[o.Kind])
	if o.Help != "" {
		b.WriteString(strings.TrimSpace(o.Help))
		if !strings.HasSuffix(o.Help, ".") {
			b.WriteString(".")
		}
		b.WriteString("\n\n")
	}
	var params []string
	for _, l := range o.Params {
		params = append(params, l.Name)
	}
	args := strings.Join(params, ", ")
	switch o.Kind {
	case model.CallOperation:
		fmt.Fprintf(&b, "- Go: `err := m.%s(ctx, %sfn)`, where `fn func(context.Context) error` is the work\n", o.GoName, withComma(args))
	case model.HTTPServerOperation:
		fmt.Fprintf(&b, "- Go: `handler = m.%s(mux%s)`: middleware (`http.Handler`); the route is the `http.ServeMux` pattern that matched\n", o.GoName, commaBefore(args))
	case model.HTTPClientOperation:
		fmt.Fprintf(&b, "- Go: `client.Transport = m.%s(http.DefaultTransport%s)`: an `http.RoundTripper`\n", o.GoName, commaBefore(args))
	}
	if len(params) > 0 {
		fmt.Fprintf(&b, "- Parameters: %s\n", codeList(params))
	}
	h := o.HTTP
	var filled []string
	for _, f := range []struct {
		l    *model.Label
		what string
	}{{h.Route, "the route"}, {h.Method, "the method"}, {h.StatusCode, "the status code"}, {h.StatusClass, "the status class"}, {h.Server, "the server's host"}} {
		if f.l != nil {
			filled = append(filled, fmt.Sprintf("`%s` (%s)", f.l.Name, f.what))
		}
	}
	if len(filled) > 0 {
		fmt.Fprintf(&b, "- From the request and response: %s\n", strings.Join(filled, ", "))
	}
	if m := o.Requests; m != nil {
		fmt.Fprintf(&b, "- Requests: [`%s`](#%s), once per operation", m.Name, anchor(m.Name))
		if o.Outcome != nil {
			vals := "`success` or `error`"
			if o.Canceled() {
				vals = "`success`, `error` or `canceled`"
			}
			fmt.Fprintf(&b, "; `%s` is %s", o.Outcome.Name, vals)
		}
		b.WriteString("\n")
	}
	if m := o.Duration; m != nil {
		fmt.Fprintf(&b, "- Duration: [`%s`](#%s), in seconds\n", m.Name, anchor(m.Name))
	}
	if m := o.Errors; m != nil {
		fmt.Fprintf(&b, "- Errors: [`%s`](#%s), once per failed operation", m.Name, anchor(m.Name))
		if len(o.ErrorLabels) > 0 {
			var names []string
			for _, l := range o.ErrorLabels {
				names = append(names, l.Name)
			}
			fmt.Fprintf(&b, "; %s come from the error (`%sErrorLabels`, found with `errors.As`), `%s` when it does not give them", codeList(names), o.GoName, o.ErrorFallback)
		}
		b.WriteString("\n")
	}
	if m := o.InFlight; m != nil {
		fmt.Fprintf(&b, "- In flight: [`%s`](#%s)\n", m.Name, anchor(m.Name))
	}
	if sp := o.Span; sp != nil {
		name := "`" + sp.Name + "`"
		switch o.Kind {
		case model.HTTPServerOperation:
			name = "`<method> <route>` (semantic conventions)"
		case model.HTTPClientOperation:
			name = "`<method>` (semantic conventions)"
		}
		fmt.Fprintf(&b, "- Span: %s, kind %s", name, sp.Kind)
		var attrs []string
		for _, kv := range sp.Attributes {
			attrs = append(attrs, fmt.Sprintf("`%s=%s`", kv.Key, kv.Value))
		}
		for _, l := range sp.Params {
			attrs = append(attrs, fmt.Sprintf("`%s` (parameter)", l.Name))
		}
		if len(attrs) > 0 {
			fmt.Fprintf(&b, ", attributes %s", strings.Join(attrs, ", "))
		}
		b.WriteString("; when sampled, the metrics carry an exemplar with its `trace_id`\n")
	}
	if lg := o.Log; lg != nil {
		level := func(l string) string {
			if l == "off" {
				return "none"
			}
			return l
		}
		fmt.Fprintf(&b, "- Log record: %q; level %s on success, %s on error", lg.Message, level(lg.Success), level(lg.Error))
		if o.Canceled() {
			fmt.Fprintf(&b, ", %s when canceled", level(lg.Canceled))
		}
		b.WriteString(", through the log redaction, with `trace_id` and `span_id`\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

func withComma(args string) string {
	if args == "" {
		return ""
	}
	return args + ", "
}

func commaBefore(args string) string {
	if args == "" {
		return ""
	}
	return ", " + args
}

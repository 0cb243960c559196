package specdiff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/model"
)

// operations compares the operations (operations:): the Go method each generates, and the
// metrics, span and log record each writes. Go callers that break stop compiling, which is
// loud; what makes a removed or renamed operation, or a changed span or log record, breaking
// is what breaks silently outside: trace queries on a span name, log alerts on a message or
// on the operation attribute, series an operation no longer records.
func (c *comparer) operations() {
	kept, removed, added := match(c.old.Operations, c.new.Operations, func(o *model.Operation) string { return o.Key })
	for _, p := range kept {
		c.operation(p.old, p.new)
	}
	// A removed and an added operation of the same kind that record the same metrics (after
	// their renames) are one operation under another name.
	taken := map[*model.Operation]bool{}
	for _, o := range removed {
		i := slices.IndexFunc(added, func(n *model.Operation) bool {
			return !taken[n] && n.Kind == o.Kind && slices.Equal(c.opMetricNames(o), opMetricNames(n))
		})
		if i < 0 {
			c.add(Change{Code: diag.DiffOperationRemoved, Breaking: true, Section: "operations", OldPos: o.Pos,
				Msg: fmt.Sprintf("operation %s is removed: Go code calling %s stops compiling, and whatever replaces it must record %s itself",
					o.Key, goCall(o), orNothing(c.opMetricNames(o))),
				Outside: opOutside(o, "no longer")})
			continue
		}
		n := added[i]
		taken[n] = true
		c.add(Change{Code: diag.DiffOperationRenamed, Breaking: true, Pos: n.Pos, OldPos: o.Pos,
			Msg: fmt.Sprintf("operation %s is renamed %s (same kind and metrics): Go code calling %s stops compiling (it is %s now)",
				o.Key, n.Key, goCall(o), goCall(n)),
			Outside: fmt.Sprintf("its log records' operation=%q attribute is now %q: log queries and alerts on it stop matching", o.Key, n.Key)})
		c.operation(o, n)
	}
	for _, n := range added {
		if !taken[n] {
			c.add(Change{Code: diag.DiffOperationAdded, Pos: n.Pos, Msg: fmt.Sprintf("operation %s (%s, %s) is new", n.Key, n.Kind, goCall(n))})
		}
	}
}

// goCall names the Go method of an operation: (*Metrics).APICall.
func goCall(o *model.Operation) string { return "(*Metrics)." + o.GoName }

// opOutside says what an operation's removal breaks outside the spec, by what it writes.
func opOutside(o *model.Operation, how string) string {
	var what []string
	if o.Span != nil {
		what = append(what, fmt.Sprintf("its spans (%s) are %s started: trace queries and trace-based alerts on them find nothing", spanName(o), how))
	}
	if o.Log != nil {
		what = append(what, fmt.Sprintf("its log records (%q) are %s written: log queries and alerts on them stay silent", o.Log.Message, how))
	}
	if len(what) == 0 {
		return ""
	}
	return strings.Join(what, "; ")
}

// spanName is an operation's span name as the docs say it.
func spanName(o *model.Operation) string {
	switch o.Kind {
	case model.HTTPServerOperation:
		return `"<method> <route>"`
	case model.HTTPClientOperation:
		return `"<method>"`
	}
	return fmt.Sprintf("%q", o.Span.Name)
}

// opRoles are the metrics of an operation by the key that names them.
func opRoles(o *model.Operation) []struct {
	key string
	m   *model.Metric
} {
	return []struct {
		key string
		m   *model.Metric
	}{{"requests", o.Requests}, {"duration", o.Duration}, {"errors", o.Errors}, {"in_flight", o.InFlight}}
}

// opMetricNames are the names of the metrics an operation records, by role ("" for none).
func opMetricNames(o *model.Operation) []string {
	var ns []string
	for _, r := range opRoles(o) {
		if r.m != nil {
			ns = append(ns, r.m.Name)
		} else {
			ns = append(ns, "")
		}
	}
	return ns
}

// opMetricNames are those of an operation of the old version, under their new names when the
// metrics were renamed.
func (c *comparer) opMetricNames(o *model.Operation) []string {
	ns := opMetricNames(o)
	for i, n := range ns {
		if to := c.renamed[n]; to != "" {
			ns[i] = to
		}
	}
	return ns
}

// orNothing lists the non-empty names, or says there are none.
func orNothing(ns []string) string {
	ns = slices.DeleteFunc(slices.Clone(ns), func(s string) bool { return s == "" })
	if len(ns) == 0 {
		return "nothing"
	}
	return strings.Join(ns, ", ")
}

// operation compares an operation present in both versions.
func (c *comparer) operation(o, n *model.Operation) {
	// The signature: Go callers stop compiling; the parameters are the span's and log
	// records' attributes too.
	var sig []string
	if o.Kind != n.Kind {
		sig = append(sig, fmt.Sprintf("kind %s is now %s", o.Kind, n.Kind))
	}
	if op, np := paramList(o.Params), paramList(n.Params); op != np {
		sig = append(sig, fmt.Sprintf("its parameters (%s) are now (%s)", op, np))
	}
	if len(sig) > 0 {
		c.add(Change{Code: diag.DiffOperationSignatureChanged, Breaking: true, Pos: n.Pos, OldPos: o.Pos,
			Msg: fmt.Sprintf("operation %s: %s: Go code calling %s stops compiling; the compiler shows the calls to change",
				n.Key, strings.Join(sig, "; "), goCall(n)),
			Outside: "the span and log attributes named after its parameters change with them: trace and log queries on a removed one find nothing"})
	}

	// What it writes: a change consumers of its series, spans and log records do not see
	// coming.
	var broken, safe []string
	on, nn := c.opMetricNames(o), opMetricNames(n)
	for i, r := range opRoles(n) {
		switch {
		case on[i] == nn[i]:
		case on[i] == "":
			safe = append(safe, fmt.Sprintf("it now records %s (%s)", nn[i], r.key))
		case nn[i] == "":
			broken = append(broken, fmt.Sprintf("it no longer records %s (%s): its series stop growing", on[i], r.key))
		default:
			broken = append(broken, fmt.Sprintf("%s %s is now %s: the series of %s stop growing", r.key, on[i], nn[i], on[i]))
		}
	}
	if ol, nl := labelName(o.Outcome), labelName(n.Outcome); ol != nl {
		broken = append(broken, fmt.Sprintf("its outcome label %s is now %s", orNone(ol), orNone(nl)))
	}
	if o.ErrorFallback != n.ErrorFallback && (len(o.ErrorLabels) > 0 || o.Kind == model.HTTPClientOperation) {
		broken = append(broken, fmt.Sprintf("error_fallback %q is now %q: the series it records for errors that give no labels move to the new value", o.ErrorFallback, n.ErrorFallback))
	}
	for _, h := range []struct {
		key  string
		o, n *model.Label
	}{
		{"route", o.HTTP.Route, n.HTTP.Route}, {"method", o.HTTP.Method, n.HTTP.Method},
		{"status_code", o.HTTP.StatusCode, n.HTTP.StatusCode}, {"status_class", o.HTTP.StatusClass, n.HTTP.StatusClass},
		{"server", o.HTTP.Server, n.HTTP.Server},
	} {
		if ol, nl := labelName(h.o), labelName(h.n); ol != nl {
			broken = append(broken, fmt.Sprintf("http.%s %s is now %s", h.key, orNone(ol), orNone(nl)))
		}
	}
	switch os, ns := o.Span, n.Span; {
	case os != nil && ns == nil:
		broken = append(broken, fmt.Sprintf("its span %s is no longer started", spanName(o)))
	case os == nil && ns != nil:
		safe = append(safe, fmt.Sprintf("it now starts a span %s", spanName(n)))
	case os != nil:
		if os.Name != ns.Name {
			broken = append(broken, fmt.Sprintf("its span name %q is now %q", os.Name, ns.Name))
		}
		if os.Kind != ns.Kind {
			broken = append(broken, fmt.Sprintf("its span kind %s is now %s", os.Kind, ns.Kind))
		}
		for _, kv := range os.Attributes {
			i := slices.IndexFunc(ns.Attributes, func(w model.KV) bool { return w.Key == kv.Key })
			switch {
			case i < 0:
				broken = append(broken, fmt.Sprintf("span attribute %s=%q is gone", kv.Key, kv.Value))
			case ns.Attributes[i].Value != kv.Value:
				broken = append(broken, fmt.Sprintf("span attribute %s=%q is now %q", kv.Key, kv.Value, ns.Attributes[i].Value))
			}
		}
		for _, kv := range ns.Attributes {
			if !slices.ContainsFunc(os.Attributes, func(w model.KV) bool { return w.Key == kv.Key }) {
				safe = append(safe, fmt.Sprintf("span attribute %s=%q is new", kv.Key, kv.Value))
			}
		}
		for _, l := range os.Params {
			if !slices.ContainsFunc(ns.Params, func(m *model.Label) bool { return m.Name == l.Name }) {
				broken = append(broken, fmt.Sprintf("the span no longer has the parameter attribute %s", l.Name))
			}
		}
		for _, l := range ns.Params {
			if !slices.ContainsFunc(os.Params, func(m *model.Label) bool { return m.Name == l.Name }) {
				safe = append(safe, fmt.Sprintf("the span has the parameter attribute %s", l.Name))
			}
		}
	}
	switch ol, nl := o.Log, n.Log; {
	case ol != nil && nl == nil:
		broken = append(broken, fmt.Sprintf("its log record %q is no longer written", ol.Message))
	case ol == nil && nl != nil:
		safe = append(safe, fmt.Sprintf("it now writes a log record %q", nl.Message))
	case ol != nil:
		if ol.Message != nl.Message {
			broken = append(broken, fmt.Sprintf("its log message %q is now %q", ol.Message, nl.Message))
		}
		for _, lv := range []struct{ outcome, o, n string }{{"success", ol.Success, nl.Success}, {"error", ol.Error, nl.Error}, {"canceled", ol.Canceled, nl.Canceled}} {
			switch {
			case lv.o == lv.n:
			case lv.n == "off":
				broken = append(broken, fmt.Sprintf("the log record of %s (%s) is no longer written", lv.outcome, lv.o))
			default:
				safe = append(safe, fmt.Sprintf("the log level of %s %s is now %s", lv.outcome, lv.o, lv.n))
			}
		}
	}
	if o.Help != n.Help {
		safe = append(safe, "its help changed")
	}
	if len(broken) > 0 {
		c.add(Change{Code: diag.DiffOperationTelemetryChanged, Breaking: true, Pos: n.Pos, OldPos: o.Pos,
			Msg:     fmt.Sprintf("operation %s: %s", n.Key, strings.Join(broken, "; ")),
			Outside: "dashboards, alerts and trace or log queries on what it wrote before get no data from the next deploy"})
	}
	if len(safe) > 0 {
		c.add(Change{Code: diag.DiffOperationChanged, Pos: n.Pos, OldPos: o.Pos,
			Msg: fmt.Sprintf("operation %s: %s", n.Key, strings.Join(safe, "; "))})
	}
}

// paramList is an operation's parameters as the Go method takes them: "method Method,
// endpoint string".
func paramList(ls []*model.Label) string {
	var ps []string
	for _, l := range ls {
		t := "string"
		if l.Enum() {
			t = l.GoName
		}
		ps = append(ps, l.Name+" "+t)
	}
	return strings.Join(ps, ", ")
}

// labelName is the name of l, "" for nil.
func labelName(l *model.Label) string {
	if l == nil {
		return ""
	}
	return l.Name
}

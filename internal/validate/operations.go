package validate

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/spec"
)

// statusClasses are the values of an enum label of HTTP status classes, from the response's
// status code.
var statusClasses = []string{"1xx", "2xx", "3xx", "4xx", "5xx"}

// operations builds the model of every operation: its parameters, the metrics it records and
// what fills each of their labels, its span and its log record.
func (b *builder) operations() {
	for _, e := range b.f.Operations {
		if o := b.operation(e); o != nil {
			b.s.Operations = append(b.s.Operations, o)
		}
	}
	slices.SortFunc(b.s.Operations, func(x, y *model.Operation) int { return strings.Compare(x.Key, y.Key) })
	if len(b.f.Operations) > 0 && b.f.Go == nil {
		b.warnf(diag.OperationNoGo, b.f.Operations[0].Key.Pos(), "operations are generated as Go code, but the spec has no go section; add go: {package: %s} (the dashboard and docs describe them all the same)", strings.ReplaceAll(b.s.Namespace, "_", "")+"metrics")
	}
}

// opLabelRole is what fills a label of an operation's metric.
type opLabelRole int

const (
	roleParam opLabelRole = iota + 1
	roleOutcome
	roleRoute
	roleMethod
	roleStatusCode
	roleStatusClass
	roleServer
)

func (b *builder) operation(e spec.Entry[spec.Operation]) *model.Operation {
	def := e.Value
	o := &model.Operation{
		Key:    e.Key.Value,
		GoName: model.GoIdent("Op", e.Key.Value),
		Help:   strings.TrimSpace(def.Help.Value),
		Kind:   model.CallOperation,
		Pos:    e.Key.Pos(),
	}
	if def.Kind.Set() {
		switch k := model.OperationKind(def.Kind.Value); k {
		case model.CallOperation, model.HTTPServerOperation, model.HTTPClientOperation:
			o.Kind = k
		default:
			return nil // the schema reports it
		}
	}
	what := fmt.Sprintf("operation %q", o.Key)
	roles := map[*model.Label]opLabelRole{}
	rolePos := map[*model.Label]diag.Pos{}
	claim := func(l *model.Label, r opLabelRole, key string, pos diag.Pos) bool {
		if prev, ok := roles[l]; ok {
			b.errorf(diag.OperationLabelRole, pos, "%s: label %q is already %s (line %d); a label has one role in an operation: declare another label for %s", what, l.Name, roleName(prev), rolePos[l].Line, key)
			return false
		}
		roles[l], rolePos[l] = r, pos
		return true
	}

	for _, ln := range def.Labels {
		if l := b.opLabel(what, ln); l != nil && claim(l, roleParam, "this parameter", ln.Pos()) {
			o.Params = append(o.Params, l)
		}
	}

	// The labels HTTP operations fill.
	if h := def.HTTP; h != nil {
		if !o.Kind.HTTP() {
			b.errorf(diag.OperationKindKey, keyIn(e.Node, "http"), "%s: http applies to kind http_server and http_client; this operation is a call: remove http, or set kind", what)
		} else {
			httpLabel := func(s spec.String, key string, r opLabelRole) *model.Label {
				if !s.Set() {
					return nil
				}
				if (r == roleRoute && o.Kind != model.HTTPServerOperation) || (r == roleServer && o.Kind != model.HTTPClientOperation) {
					other := map[opLabelRole]string{roleRoute: "http_server", roleServer: "http_client"}[r]
					b.errorf(diag.OperationKindKey, s.Pos(), "%s: http.%s applies to kind %s only; remove it", what, key, other)
					return nil
				}
				l := b.opLabel(what, s)
				if l == nil || !claim(l, r, "http."+key, s.Pos()) {
					return nil
				}
				if !b.httpLabelOK(what, o.Kind, key, l, r, s.Pos()) {
					return nil
				}
				return l
			}
			o.HTTP.Route = httpLabel(h.Route, "route", roleRoute)
			o.HTTP.Method = httpLabel(h.Method, "method", roleMethod)
			o.HTTP.StatusCode = httpLabel(h.StatusCode, "status_code", roleStatusCode)
			o.HTTP.StatusClass = httpLabel(h.StatusClass, "status_class", roleStatusClass)
			o.HTTP.Server = httpLabel(h.Server, "server", roleServer)
		}
	}

	if def.Outcome.Set() {
		if l := b.opLabel(what, def.Outcome); l != nil && claim(l, roleOutcome, "outcome", def.Outcome.Pos()) && b.outcomeOK(what, l, def.Outcome.Pos()) {
			o.Outcome = l
		}
	}

	// The metrics.
	o.Requests = b.opMetric(what, def.Requests, "requests", model.Counter)
	o.Duration = b.opMetric(what, def.Duration, "duration", model.Histogram)
	o.Errors = b.opMetric(what, def.Errors, "errors", model.Counter)
	o.InFlight = b.opMetric(what, def.InFlight, "in_flight", model.Gauge)
	if o.Duration != nil && o.Duration.Unit != "seconds" {
		b.errorf(diag.OperationMetricType, def.Duration.Pos(), "%s: duration %q is not a histogram of seconds: the operation observes its duration in seconds; give the metric unit: seconds (its name then ends in _seconds)", what, o.Duration.Key)
		o.Duration = nil
	}
	if !def.Requests.Set() && !def.Duration.Set() && !def.Errors.Set() && !def.InFlight.Set() {
		b.errorf(diag.OperationNoMetrics, o.Pos, "%s records no metric; name at least one of requests, duration, errors and in_flight (metrics declared under metrics:)", what)
	}

	// What fills each label of each metric.
	o.ErrorFallback = "unknown"
	if def.ErrorFallback.Set() {
		o.ErrorFallback = def.ErrorFallback.Value
		if o.Kind == model.HTTPServerOperation {
			b.errorf(diag.OperationKindKey, def.ErrorFallback.Pos(), "%s: error_fallback applies to kind call (the labels errors take from the error) and http_client (the status of a request without a response); remove it", what)
		}
	}
	outcomeUsed := false
	refs := []struct {
		m   *model.Metric
		key string
		pos diag.Pos
	}{{o.Requests, "requests", def.Requests.Pos()}, {o.Duration, "duration", def.Duration.Pos()}, {o.Errors, "errors", def.Errors.Pos()}, {o.InFlight, "in_flight", def.InFlight.Pos()}}
	for _, ref := range refs {
		if ref.m == nil {
			continue
		}
		for _, l := range ref.m.Labels {
			r, ok := roles[l]
			switch {
			case ok && ref.key == "in_flight" && r != roleParam && r != roleMethod && r != roleServer:
				b.errorf(diag.OperationUnfilledLabel, ref.pos, "%s: in_flight %q has label %q (%s), which is known only when the operation ends; an in-flight gauge can have parameters and the method only", what, ref.m.Key, l.Name, roleName(r))
			case ok:
				outcomeUsed = outcomeUsed || r == roleOutcome
			case ref.key == "errors" && o.Kind == model.CallOperation:
				o.ErrorLabels = append(o.ErrorLabels, l)
			default:
				b.errorf(diag.OperationUnfilledLabel, ref.pos, "%s: %s %q has label %q, which the operation cannot fill%s", what, ref.key, ref.m.Key, l.Name, b.fillHint(o, l))
			}
		}
	}
	if o.Outcome != nil && !outcomeUsed {
		b.errorf(diag.OperationOutcome, def.Outcome.Pos(), "%s: outcome %q is a label of none of the operation's metrics; add it to the labels of requests (or remove outcome)", what, o.Outcome.Name)
		o.Outcome = nil
	}
	for _, l := range o.ErrorLabels {
		b.fallbackOK(what, o, l, def.ErrorFallback)
	}
	if o.Kind == model.HTTPClientOperation {
		for _, l := range []*model.Label{o.HTTP.StatusCode, o.HTTP.StatusClass} {
			if l != nil && !l.Enum() {
				b.fallbackOK(what, o, l, def.ErrorFallback)
			}
		}
	}

	o.Span = b.opSpan(what, o, def.Span)
	o.Log = opLog(o, def.Log)

	// Parameters nothing uses.
	for i, l := range o.Params {
		used := o.Span != nil && (slices.Contains(o.Span.NameParams, l) || slices.Contains(o.Span.Params, l))
		for _, m := range o.Metrics() {
			used = used || slices.Contains(m.Labels, l)
		}
		if !used {
			b.warnf(diag.OperationUnusedParam, def.Labels[slices.IndexFunc(def.Labels, func(s spec.String) bool { return s.Value == o.Params[i].Name })].Pos(),
				"%s: parameter %q is a label of none of its metrics and not in its span; remove it from labels, or add it to a metric", what, l.Name)
		}
	}
	return o
}

// roleName says what fills a label, for messages.
func roleName(r opLabelRole) string {
	return map[opLabelRole]string{
		roleParam: "a parameter", roleOutcome: "the outcome", roleRoute: "http.route", roleMethod: "http.method",
		roleStatusCode: "http.status_code", roleStatusClass: "http.status_class", roleServer: "http.server",
	}[r]
}

// fillHint says how an operation could fill label l of one of its metrics.
func (b *builder) fillHint(o *model.Operation, l *model.Label) string {
	switch {
	case l.Enum() && l.HasValue(model.OutcomeSuccess) && l.HasValue(model.OutcomeError) && o.Outcome == nil:
		return fmt.Sprintf(": make it the outcome (outcome: %s), or a parameter (labels: [..., %s])", l.Name, l.Name)
	case o.Kind.HTTP():
		return fmt.Sprintf(": add it to labels (a parameter of the %s), or name it under http", map[model.OperationKind]string{model.HTTPServerOperation: "middleware", model.HTTPClientOperation: "transport"}[o.Kind])
	}
	return ": add it to labels (a parameter), or remove it from the metric"
}

// opLabel returns the declared label s names, reporting one that is not declared.
func (b *builder) opLabel(what string, s spec.String) *model.Label {
	l := b.s.Label(s.Value)
	if l == nil && labelName.MatchString(s.Value) {
		names := make([]string, 0, len(b.s.Labels))
		for _, l := range b.s.Labels {
			names = append(names, l.Name)
		}
		hint := didYouMean(s.Value, names)
		if hint == "" {
			hint = "; declare it under labels:"
		}
		b.errorf(diag.LabelUndeclared, s.Pos(), "%s uses label %q, which is not declared%s", what, s.Value, hint)
	}
	return l
}

// opMetric returns the metric s names, nil when unset, unknown or of another type than t.
func (b *builder) opMetric(what string, s spec.String, key string, t model.MetricType) *model.Metric {
	if !s.Set() || !labelName.MatchString(s.Value) {
		return nil
	}
	m := b.s.Metric(s.Value)
	if m == nil {
		keys := make([]string, 0, len(b.s.Metrics))
		for _, m := range b.s.Metrics {
			keys = append(keys, m.Key)
		}
		hint := didYouMean(s.Value, keys)
		if short, ok := strings.CutPrefix(s.Value, b.s.Namespace+"_"); ok && b.s.Metric(short) != nil {
			hint = fmt.Sprintf("; name metrics by their key, without the namespace: %q", short)
		}
		if hint == "" {
			hint = "; declare it under metrics:"
		}
		b.errorf(diag.OperationUnknownMetric, s.Pos(), "%s: %s names metric %q, which the spec does not define%s", what, key, s.Value, hint)
		return nil
	}
	if m.Type != t {
		b.errorf(diag.OperationMetricType, s.Pos(), "%s: %s %q is a %s; it must be a %s", what, key, m.Key, m.Type, t)
		return nil
	}
	return m
}

// outcomeOK checks an outcome label: an enum of success, error and optionally canceled.
func (b *builder) outcomeOK(what string, l *model.Label, pos diag.Pos) bool {
	if !l.Enum() {
		b.errorf(diag.OperationOutcome, pos, "%s: outcome %q is free-form; it must be an enum label with the values %s and %s (and %s, for canceled operations)", what, l.Name, model.OutcomeSuccess, model.OutcomeError, model.OutcomeCanceled)
		return false
	}
	var missing, extra []string
	for _, v := range []string{model.OutcomeSuccess, model.OutcomeError} {
		if !l.HasValue(v) {
			missing = append(missing, v)
		}
	}
	for _, v := range l.Values {
		if v.Value != model.OutcomeSuccess && v.Value != model.OutcomeError && v.Value != model.OutcomeCanceled {
			extra = append(extra, v.Value)
		}
	}
	switch {
	case len(missing) > 0:
		b.errorf(diag.OperationOutcome, pos, "%s: outcome %q lacks the value(s) %s, which the operation sets; add them to the label's values", what, l.Name, strings.Join(missing, ", "))
		return false
	case len(extra) > 0:
		b.errorf(diag.OperationOutcome, pos, "%s: outcome %q has the value(s) %s, which the operation never sets (it sets %s, %s and %s); remove them, or use another label as the outcome", what, l.Name, strings.Join(extra, ", "), model.OutcomeSuccess, model.OutcomeError, model.OutcomeCanceled)
		return false
	}
	return true
}

// httpLabelOK checks a label an HTTP operation fills from the request or the response. An enum
// one needs other: (labels.<l>.other), the value the operation records for a string that is
// none of its values (the generated <Label>Of).
func (b *builder) httpLabelOK(what string, kind model.OperationKind, key string, l *model.Label, r opLabelRole, pos diag.Pos) bool {
	if l.Enum() {
		switch {
		case l.Other == nil && l.HasValue(model.OtherValue):
			b.errorf(diag.OperationHTTPLabel, pos, "%s: http.%s %q has a value %q but does not name it with other:, so the operation would have nothing to record for a value the label does not list; add other: %s to the label", what, key, l.Name, model.OtherValue, model.OtherValue)
			return false
		case r == roleStatusClass && kind == model.HTTPClientOperation && l.Other == nil:
			b.errorf(diag.OperationHTTPLabel, pos, "%s: http.%s %q needs an other value, which a request without a response gets; add one to its values and name it with other: (e.g. other: %s)", what, key, l.Name, model.OtherValue)
			return false
		case r == roleStatusClass:
			var missing, bad []string
			for _, c := range statusClasses {
				if !l.HasValue(c) {
					missing = append(missing, c)
				}
			}
			for _, v := range l.Values {
				if !slices.Contains(statusClasses, v.Value) && v != l.Other {
					bad = append(bad, v.Value)
				}
			}
			if len(bad) > 0 {
				b.errorf(diag.OperationHTTPLabel, pos, "%s: http.%s %q has the value(s) %s, which are not status classes; its values are among 1xx, 2xx, 3xx, 4xx, 5xx and its other: value", what, key, l.Name, strings.Join(bad, ", "))
				return false
			}
			if len(missing) > 0 && l.Other == nil {
				b.errorf(diag.OperationHTTPLabel, pos, "%s: http.%s %q lacks %s and has no other: value to record them; add the classes, or an other value (e.g. other: %s)", what, key, l.Name, strings.Join(missing, ", "), model.OtherValue)
				return false
			}
		case l.Other == nil:
			b.errorf(diag.OperationHTTPLabel, pos, "%s: http.%s %q is an enum without other:, the value the operation records for every value the label does not list; add one to its values and name it (e.g. other: %s)", what, key, l.Name, model.OtherValue)
			return false
		}
		return true
	}
	switch r {
	case roleMethod:
		b.errorf(diag.OperationHTTPLabel, pos, "%s: http.method %q is free-form; a client can send any method, so it must be an enum of the methods you serve with an other value, e.g. values: [GET, POST, %s] and other: %s", what, l.Name, model.OtherValue, model.OtherValue)
		return false
	case roleStatusCode, roleStatusClass:
		samples := map[opLabelRole][]string{roleStatusCode: {"200", "500"}, roleStatusClass: {"2xx", "5xx"}}[r]
		if l.Pattern != "" {
			re := regexp.MustCompile("^(?:" + l.Pattern + ")$")
			for _, v := range samples {
				if !re.MatchString(v) {
					b.errorf(diag.OperationHTTPLabel, pos, "%s: http.%s %q has a pattern that rejects %q, which the operation records; fix the pattern (e.g. %s)", what, key, l.Name, v, map[opLabelRole]string{roleStatusCode: "'^[1-5][0-9][0-9]$'", roleStatusClass: "'^[1-5]xx$'"}[r])
					return false
				}
			}
		}
	}
	return true
}

// fallbackOK checks that the error_fallback value is one label l accepts.
func (b *builder) fallbackOK(what string, o *model.Operation, l *model.Label, s spec.String) {
	pos := s.Pos()
	if !s.Set() {
		pos = o.Pos
	}
	switch {
	case l.Enum() && !l.HasValue(o.ErrorFallback):
		b.errorf(diag.OperationErrorFallback, pos, "%s: label %q of errors comes from the error, and is %q when the error does not give it (error_fallback), which is not one of its values; add %q to its values or set error_fallback to one of them", what, l.Name, o.ErrorFallback, o.ErrorFallback)
	case !l.Enum() && l.Pattern != "" && !regexp.MustCompile("^(?:"+l.Pattern+")$").MatchString(o.ErrorFallback):
		b.errorf(diag.OperationErrorFallback, pos, "%s: label %q is %q when the operation cannot tell its value (error_fallback), which its pattern rejects (it would be recorded as \"invalid\"); accept it in the pattern or set error_fallback", what, l.Name, o.ErrorFallback)
	}
}

// spanKinds are the span kinds of the trace API.
var spanKinds = []string{"internal", "server", "client", "producer", "consumer"}

// opSpan checks and builds an operation's span.
func (b *builder) opSpan(what string, o *model.Operation, def *spec.OperationSpan) *model.OperationSpan {
	if def == nil {
		return nil
	}
	sp := &model.OperationSpan{Kind: map[model.OperationKind]string{model.CallOperation: "internal", model.HTTPServerOperation: "server", model.HTTPClientOperation: "client"}[o.Kind]}
	if def.Kind.Set() && slices.Contains(spanKinds, def.Kind.Value) {
		if o.Kind.HTTP() && def.Kind.Value != sp.Kind {
			b.errorf(diag.OperationSpan, def.Kind.Pos(), "%s: the span of an %s operation is of kind %s (semantic conventions); remove span.kind", what, o.Kind, sp.Kind)
		} else {
			sp.Kind = def.Kind.Value
		}
	}
	if def.Name.Set() {
		if o.Kind.HTTP() {
			b.errorf(diag.OperationSpan, def.Name.Pos(), "%s: the span of an %s operation is named as the semantic conventions say (%s); remove span.name", what, o.Kind, map[model.OperationKind]string{model.HTTPServerOperation: `"GET /orders/{id}"`, model.HTTPClientOperation: `"GET"`}[o.Kind])
		} else {
			sp.Name = def.Name.Value
			b.spanName(what, o, sp, def.Name)
		}
	} else if !o.Kind.HTTP() {
		sp.Name = o.Key
		sp.NameParts = []string{o.Key}
	}
	for _, e := range def.Attributes {
		sp.Attributes = append(sp.Attributes, model.KV{Key: e.Key.Value, Value: e.Value.Value})
	}
	slices.SortFunc(sp.Attributes, func(x, y model.KV) int { return strings.Compare(x.Key, y.Key) })
	for _, p := range def.Parameters {
		i := slices.IndexFunc(o.Params, func(l *model.Label) bool { return l.Name == p.Value })
		if i < 0 {
			b.errorf(diag.OperationSpan, p.Pos(), "%s: span.parameters lists %q, which is not a parameter of the operation (labels: [%s]); list parameters only", what, p.Value, labelNames(o.Params))
			continue
		}
		sp.Params = append(sp.Params, o.Params[i])
	}
	return sp
}

// spanName splits a span name into literal parts and the parameters of its {label}
// placeholders.
func (b *builder) spanName(what string, o *model.Operation, sp *model.OperationSpan, s spec.String) {
	rest := s.Value
	lit := ""
	for rest != "" {
		i := strings.IndexAny(rest, "{}")
		if i < 0 {
			lit += rest
			break
		}
		if rest[i] == '}' {
			b.errorf(diag.OperationSpan, s.Pos(), "%s: span.name %q has a \"}\" without \"{\"; write {label} for a parameter's value", what, s.Value)
			return
		}
		lit += rest[:i]
		end := strings.IndexByte(rest[i:], '}')
		if end < 0 {
			b.errorf(diag.OperationSpan, s.Pos(), "%s: span.name %q has a \"{\" without \"}\"; write {label} for a parameter's value", what, s.Value)
			return
		}
		name := rest[i+1 : i+end]
		j := slices.IndexFunc(o.Params, func(l *model.Label) bool { return l.Name == name })
		if j < 0 {
			b.errorf(diag.OperationSpan, s.Pos(), "%s: span.name %q uses {%s}, which is not a parameter of the operation (labels: [%s])", what, s.Value, name, labelNames(o.Params))
			return
		}
		sp.NameParts = append(sp.NameParts, lit)
		sp.NameParams = append(sp.NameParams, o.Params[j])
		lit = ""
		rest = rest[i+end+1:]
	}
	sp.NameParts = append(sp.NameParts, lit)
}

func labelNames(ls []*model.Label) string {
	names := make([]string, len(ls))
	for i, l := range ls {
		names[i] = l.Name
	}
	return strings.Join(names, ", ")
}

// opLog builds an operation's log record with its defaults.
func opLog(o *model.Operation, def *spec.OperationLog) *model.OperationLog {
	if def == nil {
		return nil
	}
	or := func(s spec.String, d string) string {
		if s.Set() && s.Value != "" {
			return s.Value
		}
		return d
	}
	l := &model.OperationLog{Message: or(def.Message, o.Key), Success: or(def.Success, "debug"), Error: or(def.Error, "error")}
	l.Canceled = or(def.Canceled, l.Success)
	return l
}

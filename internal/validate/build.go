package validate

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/lazyregexp"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/spec"
)

// Series budget limits per metric (the contract's numbers).
const (
	seriesWarn  = 1_000
	seriesError = 100_000
)

// builder runs the semantic checks and builds the model in one pass over the typed file:
// each check sits where the value it checks is turned into its model form.
type builder struct {
	f    *spec.File
	dl   *diag.List
	root string // output root
	s    *model.Spec

	// flagged are the JSON pointers of the values the schema found wrong (see missing).
	flagged []string
}

// missing reports whether key is really absent from the mapping node at ptr, for a warning
// that says it is missing: not there under a misspelt name, and not there with a value of the
// wrong type, both of which the schema reports already. def is the schema definition of the
// mapping, for the names of its keys.
func (b *builder) missing(node *yaml.Node, ptr, key, def string) bool {
	if slices.ContainsFunc(b.flagged, func(f string) bool { return f == ptr+"/"+key || strings.HasPrefix(f, ptr+"/"+key+"/") }) {
		return false
	}
	if node == nil || node.Kind != yaml.MappingNode {
		return true
	}
	known := schemaKeys(def)
	for i := 0; i+1 < len(node.Content); i += 2 {
		if k := node.Content[i].Value; !slices.Contains(known, k) && closest(k, known) == key {
			return false
		}
	}
	return true
}

// schemaKeys returns the keys the schema allows in the definition def ("alert", "label").
func schemaKeys(def string) []string {
	cs, err := compiled()
	if err != nil {
		return nil
	}
	return cs.propertiesAt("#/$defs/" + def)
}

// pointer is the JSON pointer of the value at path (keys and list indexes).
func pointer(path ...string) string {
	var sb strings.Builder
	for _, p := range path {
		sb.WriteString("/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(p))
	}
	return sb.String()
}

// keyIn is the position of key in mapping m: where to point when the key itself is the
// problem (it must go, or be renamed). It falls back to the mapping.
func keyIn(m *yaml.Node, key string) diag.Pos {
	if m == nil {
		return diag.Pos{}
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return spec.PosOf(m.Content[i])
		}
	}
	return spec.PosOf(m)
}

// schemaFlagged reports whether the schema found a problem at ptr or inside it.
func (b *builder) schemaFlagged(ptr string) bool {
	return slices.ContainsFunc(b.flagged, func(f string) bool { return f == ptr || strings.HasPrefix(f, ptr+"/") })
}

func (b *builder) errorf(code diag.Code, p diag.Pos, format string, args ...any) {
	b.dl.Errorf(code, p, format, args...)
}

func (b *builder) warnf(code diag.Code, p diag.Pos, format string, args ...any) {
	b.dl.Warnf(code, p, format, args...)
}

// snakeCode is the code of a name that is not snake_case: naming/snake-case when it is a valid
// Prometheus name all the same (a convention, which a spec may ignore for an existing
// metric), naming/invalid when it is not one.
func snakeCode(name string) diag.Code {
	if strings.HasPrefix(name, "__") || !labelName.MatchString(name) {
		return diag.NamingInvalid
	}
	return diag.NamingSnakeCase
}

func (b *builder) build() *model.Spec {
	f := b.f
	b.s = &model.Spec{
		Source:    filepath.ToSlash(filepath.Clean(f.Path)),
		Namespace: f.Namespace.Value,
		Service:   f.Service.Value,
	}
	s := b.s
	switch {
	case !f.Namespace.Set():
	case f.Namespace.Value == "":
		b.errorf(diag.NamingInvalid, f.Namespace.Pos(), "namespace is empty; it is the prefix of every metric name: write a snake_case word%s", snakeExample(f.Service.Value, "shop"))
	case !snakeCase.MatchString(f.Namespace.Value):
		b.errorf(snakeCode(f.Namespace.Value), f.Namespace.Pos(), "namespace %q is not snake_case; use lower-case letters, digits and single underscores%s", f.Namespace.Value, snakeExample(f.Namespace.Value, ""))
	}
	b.goPackage()
	b.outputs()
	b.targetLabels()
	b.labels()
	b.metrics()
	b.otel()
	b.operations()
	b.external()
	b.logging()
	b.ruleGroup()
	b.alerts()
	b.records()
	b.tests()
	b.slos()
	b.dashboard()
	b.schemaCopy()
	b.checkOutputs()
	return s
}

var (
	snakeCase = lazyregexp.New(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	// labelName also checks metric keys and namespaces, which have the same syntax (a colon
	// in a metric key is reported on its own).
	labelName  = lazyregexp.New(`^[a-zA-Z_][a-zA-Z0-9_]*$`)
	goIdent    = lazyregexp.New(`^[a-z][a-z0-9]*$`)
	nonSnake   = lazyregexp.New(`[^a-z0-9]+`)
	camelHumps = lazyregexp.New(`([a-z0-9])([A-Z])`)
)

func toSnake(s string) string {
	s = camelHumps.ReplaceAllString(s, "${1}_${2}")
	return strings.Trim(nonSnake.ReplaceAllString(strings.ToLower(s), "_"), "_")
}

// snakeExample returns `, e.g. "<s in snake_case>"` for a message, with fallback when s has
// no snake_case form that keeps all of its letters (an empty name, "über"); "" when neither.
func snakeExample(s, fallback string) string {
	sn := toSnake(s)
	letters := func(x string) string { return strings.Map(keepAlnum, strings.ToLower(x)) }
	if !snakeCase.MatchString(sn) || letters(sn) != letters(s) {
		sn = fallback
	}
	if sn == "" {
		return ""
	}
	return fmt.Sprintf(", e.g. %q", sn)
}

func keepAlnum(r rune) rune {
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return r
	}
	return -1
}

var goKeywords = []string{
	"break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
	"for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range",
	"return", "select", "struct", "switch", "type", "var",
}

func (b *builder) goPackage() {
	g := b.f.Go
	if g == nil {
		return
	}
	// The folder is checked whatever the name: the schema leaves both to these checks.
	dir, dirKey, dirAt := "", "go.out", g.Out
	if g.Out.Set() {
		dir = b.outPath(g.Out, "go.out")
	}
	name := g.Package.Value
	switch {
	case !g.Package.Set():
		return // the schema reports it
	case !goIdent.MatchString(name):
		suggest := strings.ReplaceAll(toSnake(name), "_", "")
		if !goIdent.MatchString(suggest) {
			suggest = strings.ReplaceAll(b.s.Namespace, "_", "") + "metrics"
		}
		b.errorf(diag.GoPackageName, g.Package.Pos(), "go.package %q is not a valid Go package name; use lower-case letters and digits only, e.g. %q", name, suggest)
		return
	case slices.Contains(goKeywords, name) || name == "main":
		b.errorf(diag.GoPackageName, g.Package.Pos(), "go.package %q cannot be imported; choose a name such as %q", name, name+"metrics")
		return
	}
	if !g.Out.Set() {
		// The default folder, ./<package>, follows the rule of every output path, symbolic
		// links on disk included.
		dirKey, dirAt = "go.package", g.Package
		dir = b.checkPath(name, fmt.Sprintf("go.package %q: its folder (go.out is not set) %q", name, name), dirAt.Pos())
	}
	if dir != "" {
		b.s.Go = &model.GoPackage{Name: name, Dir: dir, Backend: backend(g), Pos: g.Package.Pos()}
		b.claim(dirKey, dir, true, dirAt)
	}
}

func (b *builder) outputs() {
	o := b.f.Outputs
	out := &b.s.Outputs
	out.Rules = b.outPath(o.Rules, "outputs.rules")
	out.PrometheusRule = b.outPath(o.PrometheusRule, "outputs.prometheus_rule")
	out.Dashboard = b.outPath(o.Dashboard, "outputs.dashboard")
	out.Docs = b.outPath(o.Docs, "outputs.docs")
	out.Schema = b.outPath(o.Schema, "outputs.schema")
	out.RuleTests = b.outPath(o.RuleTests, "outputs.rule_tests")
	if len(b.f.Tests) > 0 || len(b.f.SLOs) > 0 {
		switch {
		case out.Rules == "" && o.Rules.Set():
			// outputs.rules is invalid and reported.
		case out.Rules == "" && b.schemaFlagged("/outputs"):
			// the outputs section is reported
		case out.Rules == "" && len(b.f.Tests) == 0:
			// slos() says the SLOs need outputs.rules.
		case out.Rules == "":
			b.warnf(diag.OutputUnused, spec.PosOf(b.f.Tests[0].Node), "tests are written as a promtool test file next to the rule file, but the spec has no outputs.rules; add outputs.rules or remove the tests")
		case out.RuleTests == "":
			base := strings.TrimSuffix(strings.TrimSuffix(out.Rules, ".yml"), ".yaml")
			out.RuleTests = base + ".test.yml"
		}
	} else if o.RuleTests.Set() {
		b.warnf(diag.OutputUnused, o.RuleTests.Pos(), "outputs.rule_tests is set but the spec has no tests or SLOs; add tests or remove the key")
		out.RuleTests = ""
	}

	b.claim("outputs.rules", out.Rules, false, o.Rules)
	if o.RuleTests.Set() {
		b.claim("outputs.rule_tests", out.RuleTests, false, o.RuleTests)
	} else {
		b.claim("outputs.rules (its test file)", out.RuleTests, false, o.Rules)
	}
	b.claim("outputs.prometheus_rule", out.PrometheusRule, false, o.PrometheusRule)
	b.claim("outputs.dashboard", out.Dashboard, false, o.Dashboard)
	b.claim("outputs.docs", out.Docs, false, o.Docs)
	b.claim("outputs.schema", out.Schema, false, o.Schema)
}

func (b *builder) targetLabels() {
	b.s.TargetLabels = []string{"job", "instance"}
	for _, l := range b.f.TargetLabels {
		switch {
		case l.Value == "job" || l.Value == "instance":
			b.warnf(diag.LabelTargetLabel, l.Pos(), "target label %q is always present; remove it from target_labels", l.Value)
		case !labelName.MatchString(l.Value) || strings.HasPrefix(l.Value, "__"):
			b.errorf(diag.NamingInvalid, l.Pos(), "target label %q is not a valid Prometheus label name (letters, digits, '_'; not starting with \"__\")", l.Value)
		default:
			b.s.TargetLabels = append(b.s.TargetLabels, l.Value)
		}
	}
}

// personalData are label names that hold personal data: such values must never become a
// label, where they would be stored, indexed and shown to everyone with dashboard access.
var personalData = []string{
	"email", "email_address", "e_mail", "phone", "phone_number", "mobile", "msisdn", "ssn",
	"social_security_number", "passport", "password", "passwd", "secret", "token", "api_key",
	"credit_card", "card_number", "iban", "address", "street", "postcode", "zip", "zip_code",
	"dob", "date_of_birth", "birthdate", "birthday", "first_name", "last_name", "full_name",
	"username", "user_name", "user_id", "customer_id", "ip", "ip_address", "client_ip",
}

func (b *builder) labels() {
	// Naming, personal-data and cardinality rules are the spec's rules for its own metrics'
	// labels; a label declared only to check the values of an exporter's label follows the
	// exporter's names (ifAlias, host_ip), which the spec does not own.
	own := map[string]bool{}
	for _, m := range b.f.Metrics {
		for _, l := range m.Value.Labels {
			own[l.Value] = true
		}
	}
	for _, e := range b.f.Labels {
		name := e.Key.Value
		l := &model.Label{Name: name, GoName: model.GoIdent("Label", name), Help: e.Value.Help.Value, Pos: e.Key.Pos()}
		switch {
		case own[name] || len(b.f.Metrics) == 0:
			b.labelName(e.Key, "label")
		case strings.HasPrefix(name, "__"):
			b.errorf(diag.NamingReservedLabel, e.Key.Pos(), "label %q: names starting with \"__\" are reserved for Prometheus' internal use; rename it", name)
		}
		def := e.Value
		switch {
		case def.Values != nil:
			if def.Pattern.Set() {
				b.errorf(diag.LabelEnumOptions, keyIn(e.Node, "pattern"), "label %q has both values and a pattern; an enum label takes only its values: remove pattern", name)
			}
			if def.MaxValues.Set() {
				b.errorf(diag.LabelEnumOptions, keyIn(e.Node, "max_values"), "label %q has both values and max_values; an enum label has exactly its values: remove max_values", name)
			}
			b.enumValues(l, def.Values)
			b.otherValue(l, def.Other)
		default:
			if def.Other.Set() {
				b.errorf(diag.LabelOther, keyIn(e.Node, "other"), "label %q is free-form: other applies to enum labels (with values); a free-form label folds values past max_values into \"other\" by itself: remove other", name)
			}
			if def.Pattern.Set() {
				// The user's own pattern is compiled for the message, which quotes a part of it;
				// the model anchors it.
				if _, err := regexp.Compile(def.Pattern.Value); err != nil {
					b.errorf(diag.LabelInvalidPattern, def.Pattern.Pos(), "label %q: pattern is not a valid regular expression (RE2 syntax): %v", name, regexpErr(err))
				} else if nonEmpty, empty := patternMatches(def.Pattern.Value); !nonEmpty {
					what := "no value at all"
					if empty {
						what = "only the empty value, which Prometheus treats as no label"
					}
					b.errorf(diag.LabelEmptyPattern, def.Pattern.Pos(), "label %q: pattern %q matches %s (metricgen anchors it: ^(?:pattern)$), so every value would be recorded as \"invalid\"; fix the pattern", name, def.Pattern.Value, what)
				} else {
					l.Pattern = def.Pattern.Value
				}
			}
			l.MaxValues = def.MaxValues.Value
			ptr := pointer("labels", name)
			if own[name] && !def.MaxValues.Set() && b.missing(e.Node, ptr, "max_values", "label") && b.missing(e.Node, ptr, "values", "label") {
				b.warnf(diag.LabelUnbounded, e.Key.Pos(), "label %q is free-form with no max_values: its cardinality is unbounded; list its values, or set max_values to fold rare values into \"other\"", name)
			}
		}
		b.s.Labels = append(b.s.Labels, l)
	}
	slices.SortFunc(b.s.Labels, func(x, y *model.Label) int { return strings.Compare(x.Name, y.Name) })
}

func regexpErr(err error) string {
	msg := strings.TrimPrefix(err.Error(), "error parsing regexp: ")
	if strings.Contains(msg, "unsupported Perl syntax") {
		msg += " (RE2 has no lookahead, lookbehind or backreferences)"
	}
	return msg
}

// labelName checks a metric label's name: snake_case, not reserved, not a target label, not
// personal data.
func (b *builder) labelName(k spec.String, what string) {
	name := k.Value
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(name, "__"):
		b.errorf(diag.NamingReservedLabel, k.Pos(), "%s %q: names starting with \"__\" are reserved for Prometheus' internal use; rename it", what, name)
	case name == "le" || name == "quantile":
		b.errorf(diag.NamingReservedLabel, k.Pos(), "%s %q is reserved: Prometheus uses it for histogram and summary buckets; rename it", what, name)
	case name == "job" || name == "instance" || slices.Contains(b.s.TargetLabels, name):
		b.errorf(diag.NamingReservedLabel, k.Pos(), "%s %q is a target label that Prometheus attaches at scrape time; a metric label of that name would clash with it: rename it", what, name)
	case !snakeCase.MatchString(name):
		b.errorf(snakeCode(name), k.Pos(), "%s %q is not snake_case; use lower-case letters, digits and single underscores%s", what, name, snakeExample(name, ""))
	}
	if key, ok := b.redactedKey(lower); ok {
		b.errorf(diag.LabelPersonalData, k.Pos(), "%s %q matches the logging.redact key %q: personal data must not become a metric label (every value would be stored and shown on dashboards); drop the label or use a coarse category", what, name, key)
		return
	}
	for _, p := range personalData {
		if lower == p || strings.HasSuffix(lower, "_"+p) {
			b.errorf(diag.LabelPersonalData, k.Pos(), "%s %q looks like personal data (%s): such values must not become a metric label; drop the label or use a coarse category", what, name, p)
			return
		}
	}
}

// redactedKey reports whether name matches a logging.redact key.
func (b *builder) redactedKey(name string) (string, bool) {
	if b.f.Logging == nil {
		return "", false
	}
	for _, r := range b.f.Logging.Redact {
		// The same matching the generated redaction code does.
		if rule := (model.RedactRule{Key: r.Value.Key.Value}); rule.Match(name) {
			return r.Value.Key.Value, true
		}
	}
	return "", false
}

func (b *builder) enumValues(l *model.Label, values []spec.String) {
	seen := map[string]spec.String{}
	for _, v := range values {
		switch {
		case v.Value == "":
			b.errorf(diag.LabelInvalidValue, v.Pos(), "label %q: an empty value is the same as no label in Prometheus; remove it or name it (e.g. \"none\")", l.Name)
			continue
		case !isUTF8(v.Value):
			b.errorf(diag.LabelInvalidValue, v.Pos(), "label %q: value is not valid UTF-8", l.Name)
			continue
		}
		if _, dup := seen[v.Value]; dup {
			continue // the schema's uniqueItems reports it
		}
		seen[v.Value] = v
		// Two values may become one Go name ("read-only", "read_only"): checkGoNames reports
		// it, when the spec has a Go package.
		l.Values = append(l.Values, &model.Value{Value: v.Value, GoName: l.GoName + model.GoCase(v.Value), Pos: v.Pos()})
	}
	if l.Values == nil {
		l.Values = []*model.Value{} // still an enum: values were given
	}
}

// otherValue links an enum label to its other: value, which must be one of its values.
func (b *builder) otherValue(l *model.Label, other spec.String) {
	if !other.Set() || other.Value == "" {
		return // absent, or empty: the schema reports it
	}
	for _, v := range l.Values {
		if v.Value == other.Value {
			l.Other = v
			return
		}
	}
	vals := make([]string, len(l.Values))
	for i, v := range l.Values {
		vals[i] = v.Value
	}
	hint := didYouMean(other.Value, vals)
	if hint == "" {
		hint = fmt.Sprintf("; add it to values, or name one of %s", strings.Join(vals, ", "))
	}
	b.errorf(diag.LabelOther, other.Pos(), "label %q: other %q is not one of its values%s", l.Name, other.Value, hint)
}

func isUTF8(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

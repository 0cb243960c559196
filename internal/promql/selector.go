package promql

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/promql/parser"

	"github.com/metricgen/metricgen/internal/diag"
)

// selector checks a vector selector against the catalogue and returns its labels.
func (c *checker) selector(vs *parser.VectorSelector, cx ctx) value {
	v := value{typ: parser.ValueTypeVector, ls: unknownSet}
	name := vs.Name
	for _, m := range vs.LabelMatchers {
		if m.Name == labels.MetricName && m.Type == labels.MatchEqual {
			name = m.Value
		}
	}
	if name == "" {
		c.nameRegex(vs)
		return v
	}
	if c.opts.Grafana && strings.Contains(name, Var) {
		return v
	}
	s := c.cat.lookup(name)
	if s == nil {
		c.unknownMetric(nodeSpan(vs), name)
		return v
	}
	if s.kind.counterLike() && !cx.counterOK && c.opts.Alert {
		c.warnf(diag.PromQLCounterWithout, nodeSpan(vs), "counter %s is used without rate() or increase(): its raw value only grows, and falls to 0 whenever the process restarts; alert on rate(%s[5m]) or increase(%s[1h])", name, name, name)
	}
	if m := s.metric; s.kind == kindBucket && m != nil && m.Native && len(m.Buckets) == 0 {
		c.errorf(diag.PromQLHistogramName, nodeSpan(vs), "%s is a native histogram without classic buckets: %s_bucket holds no bucket but +Inf in a text scrape, and nothing once Prometheus ingests native histograms; query the native histogram itself, e.g. histogram_quantile(0.99, sum(rate(%s[5m])))", m.Name, m.Name, m.Name)
	}
	v.native = s.kind == kindNative
	if s.ls.unknown {
		return v
	}
	v.ls = c.matchers(vs, s)
	return v
}

// nameRegex checks a selector without a fixed name: {__name__=~"..."} must match some series.
func (c *checker) nameRegex(vs *parser.VectorSelector) {
	for _, m := range vs.LabelMatchers {
		if m.Name != labels.MetricName || m.Type != labels.MatchRegexp || (c.opts.Grafana && strings.Contains(m.Value, Var)) {
			continue
		}
		if !slices.ContainsFunc(c.cat.allNames(), m.Matches) {
			c.errorf(diag.PromQLUnknownMetric, nodeSpan(vs), "%s matches no metric of this spec, external metric or recording rule; fix the pattern (Prometheus anchors it: it must match the whole name)", m)
		}
	}
}

// unknownMetric reports a selector of a name that is nowhere in the catalogue.
func (c *checker) unknownMetric(at span, name string) {
	if m := c.cat.bare[name]; m != nil {
		c.errorf(diag.PromQLHistogramName, at, "%s is a histogram: Prometheus stores it as %s_bucket, %s_sum and %s_count, and the bare name selects nothing; use %s_bucket with histogram_quantile, or _sum and _count for an average", name, name, name, name, name)
		return
	}
	c.errorf(diag.PromQLUnknownMetric, at, "unknown metric %s: not a metric of this spec, an external metric or a recording rule%s", name, c.cat.suggest(name))
}

// suggest returns the did-you-mean for an unknown name.
func (c *Catalog) suggest(name string) string {
	names := c.allNames()
	for _, n := range names {
		if strings.HasSuffix(n, "_"+name) {
			return "; did you mean " + n + "? (metric names start with the namespace)"
		}
	}
	if hint := didYouMean(name, names); hint != "" {
		return hint
	}
	return "; declare it under external_metrics if another exporter exposes it"
}

// matchers checks each label matcher against the series' labels and their declared values,
// and returns the series' labels with those the matchers fix to one value pinned.
func (c *checker) matchers(vs *parser.VectorSelector, s *series) labelSet {
	var spans []span
	at := func(i int) span {
		if spans == nil {
			spans = c.matcherSpans(vs)
		}
		return spans[i]
	}
	var pinned []string
	remaining := map[string][]string{} // enum labels: the values all matchers so far allow
	var cons []*labels.Matcher
	for i, m := range vs.LabelMatchers {
		if m.Name == labels.MetricName || (c.opts.Grafana && strings.Contains(m.Name, Var)) {
			continue
		}
		if !s.ls.hasAny(m.Name) {
			c.missingLabel(at(i), s, m)
			continue
		}
		if c.opts.Grafana && strings.Contains(m.Value, Var) {
			continue
		}
		cons = append(cons, m)
		ok, single := c.matcherValues(at, i, s, m)
		if single {
			pinned = append(pinned, m.Name)
		}
		if ok == nil {
			continue
		}
		prev, seen := remaining[m.Name]
		if !seen {
			remaining[m.Name] = ok
			continue
		}
		both := inter(set(prev), set(ok))
		if len(both) == 0 && len(prev) > 0 && len(ok) > 0 {
			c.errorf(diag.PromQLNeverMatches, at(i), "%s never matches together with the other matchers on %s: none of its values (%s) satisfies them all; remove one of them", m, m.Name, strings.Join(c.cat.labels[m.Name].values, ", "))
		}
		remaining[m.Name] = both
		if len(both) == 1 {
			pinned = append(pinned, m.Name)
		}
	}
	pinned = set(pinned)
	return s.ls.each(func(a alt) alt {
		a.pinned = union(a.pinned, inter(pinned, a.labels))
		for _, m := range cons {
			if has(a.labels, m.Name) {
				a = a.constrain(m.Name, m)
			}
		}
		return a
	})
}

// missingLabel reports a matcher on a label the series never have: it matches nothing, or
// everything.
func (c *checker) missingLabel(at span, s *series, m *labels.Matcher) {
	hint := didYouMean(m.Name, s.ls.all())
	switch {
	case hint != "":
	case s.metric != nil && s.metric.External:
		hint = "; if the exporter sets it, add it to the labels of external_metrics." + s.name + ", else remove the matcher"
	default:
		hint = "; remove the matcher or use one of its labels"
	}
	switch {
	case m.Type == labels.MatchEqual && m.Value == "":
		c.warnf(diag.PromQLUnknownLabel, at, "%s has no label %s (%s), so %s matches every series and is redundant; remove it", s.name, m.Name, c.describe(s), m)
	case m.Matches(""):
		c.errorf(diag.PromQLUnknownLabel, at, "%s has no label %s (%s): %s matches every series and filters nothing%s", s.name, m.Name, c.describe(s), m, hint)
	default:
		c.errorf(diag.PromQLUnknownLabel, at, "%s has no label %s (%s): %s never matches%s", s.name, m.Name, c.describe(s), m, hint)
	}
}

// describe lists a series' labels for messages.
func (c *checker) describe(s *series) string { return c.cat.describe(s) }

func (c *Catalog) describe(s *series) string {
	all := s.ls.all()
	if s.record {
		return "the recording rule's labels: " + list(all)
	}
	own := minus(all, c.target)
	if len(own) == 0 {
		return "only the target labels " + list(c.target)
	}
	return "its labels: " + list(own) + "; target labels: " + list(c.target)
}

// matcherValues checks a matcher's value against the label's declared values or pattern (and
// le against a histogram's buckets). For an enum label it returns the values the matcher
// allows; pinned reports whether the matcher leaves one value.
func (c *checker) matcherValues(at func(int) span, i int, s *series, m *labels.Matcher) (ok []string, pinned bool) {
	single := m.Type == labels.MatchEqual && m.Value != "" || m.Type == labels.MatchRegexp && len(m.SetMatches()) == 1
	if m.Name == "le" && s.kind == kindBucket && s.metric != nil && len(s.metric.Buckets) > 0 {
		if m.Type == labels.MatchEqual {
			c.checkLe(at(i), s, m)
		}
		return nil, single
	}
	for _, a := range s.ls.alts {
		if has(a.synth, m.Name) {
			return nil, single // a value the rule sets, not one of the declared ones
		}
	}
	d := c.cat.labels[m.Name]
	switch {
	case d == nil:
		return nil, single
	case d.enum:
		ok = []string{}
		for _, v := range d.values {
			if m.Matches(v) {
				ok = append(ok, v)
			}
		}
		if len(ok) == 0 && len(d.values) > 0 {
			c.errorf(diag.PromQLNeverMatches, at(i), "%s never matches: %s takes only the values %s%s", m, m.Name, strings.Join(d.values, ", "), c.valueHint(m, d.values))
		}
		return ok, single || len(ok) == 1
	case d.pattern != nil:
		switch m.Type {
		case labels.MatchEqual:
			if !d.pattern.MatchString(m.Value) {
				c.errorf(diag.PromQLNeverMatches, at(i), "%s never matches: values of %s match the pattern %s; use a value the pattern allows", m, m.Name, d.src)
			}
		case labels.MatchRegexp:
			if vs := m.SetMatches(); len(vs) > 0 && !slices.ContainsFunc(vs, d.pattern.MatchString) {
				c.errorf(diag.PromQLNeverMatches, at(i), "%s never matches: none of %s matches the pattern %s of %s", m, strings.Join(vs, ", "), d.src, m.Name)
			}
		}
	}
	return nil, single
}

// valueHint suggests the declared value meant by a matcher that matches none.
func (c *checker) valueHint(m *labels.Matcher, values []string) string {
	switch m.Type {
	case labels.MatchEqual:
		if h := didYouMean(m.Value, values); h != "" {
			return h
		}
		for _, v := range values {
			if strings.EqualFold(v, m.Value) {
				return "; did you mean " + v + "? (values are case-sensitive)"
			}
		}
		return "; use one of them"
	case labels.MatchRegexp:
		// A common mistake: expecting a substring match. Prometheus anchors the pattern.
		if re, err := regexp.Compile(m.Value); err == nil && slices.ContainsFunc(values, re.MatchString) {
			return "; Prometheus anchors the regular expression, so it must match a whole value: write =~\".*" + m.Value + ".*\" to match a part"
		}
		return "; fix the regular expression"
	}
	return "; the selector is always empty: remove the matcher"
}

// checkLe checks le="x" against a classic histogram's bucket boundaries.
func (c *checker) checkLe(at span, s *series, m *labels.Matcher) {
	ok, bounds := bucketBound(s.metric, m.Value)
	switch {
	case ok:
	case !isNumber(m.Value):
		c.errorf(diag.PromQLNeverMatches, at, "%s never matches: le is a bucket's upper bound, a number; use one of %s", m, strings.Join(bounds, ", "))
	default:
		c.errorf(diag.PromQLNeverMatches, at, "%s never matches: %s has no bucket with upper bound %s; its buckets end at %s", m, s.metric.Name, m.Value, strings.Join(bounds, ", "))
	}
}

// bucketBound reports whether le value v is a bucket boundary of histogram m, and lists the
// boundaries.
func bucketBound(m *Metric, v string) (bool, []string) {
	bounds := make([]string, 0, len(m.Buckets)+1)
	for _, b := range m.Buckets {
		bounds = append(bounds, strconv.FormatFloat(b, 'g', -1, 64))
	}
	bounds = append(bounds, "+Inf")
	f, err := strconv.ParseFloat(v, 64)
	return err == nil && (math.IsInf(f, 1) || slices.Contains(m.Buckets, f)), bounds
}

func isNumber(s string) bool { _, err := strconv.ParseFloat(s, 64); return err == nil }

// didYouMean returns "; did you mean x?" for the candidate nearest to name, or "".
func didYouMean(name string, candidates []string) string {
	best, bestDist := "", len(name)/3+1
	for _, c := range candidates {
		if d := editDistance(name, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	if best == "" || best == name {
		return ""
	}
	return "; did you mean " + best + "?"
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

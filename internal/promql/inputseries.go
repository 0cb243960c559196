package promql

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/promql/parser"

	"github.com/metricgen/metricgen/internal/diag"
)

// InputSeriesFinding is a problem with one input series of a promtool test. InValues says it
// is in the values (Off is then an offset in values), not in the series.
type InputSeriesFinding struct {
	Finding
	InValues bool
}

// CheckInputSeries checks one input series of a promtool rule test as promtool will load it
// (series and values joined by a space, promqltest's series notation), and against the
// catalogue: the name must be a series the spec knows, its labels labels of that series, and
// their values values the spec allows.
func (c *Catalog) CheckInputSeries(series, values string) []InputSeriesFinding {
	var out []InputSeriesFinding
	report := func(at span, format string, args ...any) {
		if at.end <= at.start {
			at.end = min(at.start+1, len(series))
		}
		out = append(out, InputSeriesFinding{Finding: Finding{Off: at.start, End: at.end, Severity: diag.Error, Code: diag.TestsInputSeries, Msg: fmt.Sprintf(format, args...)}})
	}
	ls, err := prom.ParseMetric(series)
	if err != nil {
		report(span{parseErrOffset(err, 0), len(series)}, "input series %q is not valid series notation: %s; write name{label=\"value\", ...}", series, parseErrMsg(err))
		return out
	}
	if _, _, err := prom.ParseSeriesDesc(series + " " + values); err != nil {
		off := parseErrOffset(err, len(series)+1) - len(series) - 1
		out = append(out, InputSeriesFinding{InValues: true, Finding: Finding{Off: max(off, 0), End: len(values), Severity: diag.Error, Code: diag.TestsInputSeries,
			Msg: fmt.Sprintf("values %q cannot be read: %s; write promtool's notation: 1 2 3, 0+10x30 (start+step x count), _ for a missing point, stale", values, parseErrMsg(err))}})
	}
	name := ls.Get(labels.MetricName)
	if name == "" {
		report(span{0, len(series)}, "input series %s has no metric name; name the metric the test feeds: name{label=\"value\"}", series)
		return out
	}
	nameAt := span{0, len(series)}
	if i := strings.Index(series, name); i >= 0 {
		nameAt = span{i, i + len(name)}
	}
	s := c.lookup(name)
	if s == nil {
		if m := c.bare[name]; m != nil {
			report(nameAt, "input series %s: %s is a histogram, whose series are %s_bucket (with le), %s_sum and %s_count; feed those", name, name, name, name, name)
			return out
		}
		report(nameAt, "input series %s is not a metric of this spec, an external metric or a recording rule%s", name, c.suggest(name))
		return out
	}
	if s.ls.unknown {
		return out
	}
	ls.Range(func(l labels.Label) {
		if l.Name == labels.MetricName {
			return
		}
		off := findIdent(series, 0, len(series), l.Name)
		if off < 0 {
			off = 0
		}
		at := tokenSpan(series, off)
		if !s.ls.hasAny(l.Name) {
			hint := didYouMean(l.Name, s.ls.all())
			report(at, "input series %s has label %s, which %s never carries (%s)%s", name, l.Name, name, c.describe(s), hint)
			return
		}
		if i := strings.IndexAny(series[at.end:], "\"'`"); i >= 0 {
			at = tokenSpan(series, at.end+i)
		}
		if msg := c.valueProblem(s, l.Name, l.Value); msg != "" {
			report(at, "input series %s: %s", name, msg)
		}
	})
	return out
}

// valueProblem says why value can never be the value of label l of series s, "" when it can.
func (c *Catalog) valueProblem(s *series, l, value string) string {
	for _, a := range s.ls.alts {
		if has(a.synth, l) {
			return "" // a value a rule sets
		}
	}
	if l == "le" && s.kind == kindBucket && s.metric != nil && len(s.metric.Buckets) > 0 {
		ok, bounds := bucketBound(s.metric, value)
		if !ok {
			return fmt.Sprintf("le=%q is no bucket of %s; its buckets end at %s", value, s.metric.Name, strings.Join(bounds, ", "))
		}
		return ""
	}
	d := c.labels[l]
	switch {
	case d == nil:
	case d.enum && len(d.values) > 0 && !slices.Contains(d.values, value):
		hint := didYouMean(value, d.values)
		for _, v := range d.values {
			if hint == "" && strings.EqualFold(v, value) {
				hint = "; did you mean " + v + "? (values are case-sensitive)"
			}
		}
		return fmt.Sprintf("%s=%q is not a value of %s, which takes only %s%s", l, value, l, strings.Join(d.values, ", "), hint)
	case d.pattern != nil && !d.pattern.MatchString(value):
		return fmt.Sprintf("%s=%q does not match the pattern %s of %s, so the service never exports it", l, value, d.src, l)
	}
	return ""
}

// parseErrOffset is the offset of a parser error in its input, def when it has none.
func parseErrOffset(err error, def int) int {
	var errs parser.ParseErrors
	if errors.As(err, &errs) && len(errs) > 0 {
		return int(errs[0].PositionRange.Start)
	}
	var one *parser.ParseErr
	if errors.As(err, &one) {
		return int(one.PositionRange.Start)
	}
	return def
}

// parseErrMsg is a parser error without its position prefix.
func parseErrMsg(err error) string {
	var errs parser.ParseErrors
	if errors.As(err, &errs) && len(errs) > 0 {
		return errs[0].Err.Error()
	}
	var one *parser.ParseErr
	if errors.As(err, &one) {
		return one.Err.Error()
	}
	return err.Error()
}

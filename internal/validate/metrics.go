package validate

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/spec"
)

// baseUnits are the units Prometheus names metrics in (its naming guide): one unit per
// quantity, so that every metric of a kind can be compared and divided.
var baseUnits = []string{"seconds", "bytes", "ratio", "meters", "grams", "joules", "volts", "amperes", "celsius", "bits", "info"}

// nonBaseUnits maps unit suffixes people write to the base unit they should use.
var nonBaseUnits = map[string]string{
	"ms": "seconds", "msec": "seconds", "millis": "seconds", "milliseconds": "seconds",
	"us": "seconds", "microseconds": "seconds", "ns": "seconds", "nanoseconds": "seconds",
	"sec": "seconds", "secs": "seconds", "second": "seconds", "minutes": "seconds",
	"mins": "seconds", "hours": "seconds", "days": "seconds",
	"kb": "bytes", "kilobytes": "bytes", "kib": "bytes", "mb": "bytes", "megabytes": "bytes",
	"mib": "bytes", "gb": "bytes", "gigabytes": "bytes", "gib": "bytes", "byte": "bytes",
	"percent": "ratio", "percentage": "ratio", "pct": "ratio",
	"kelvin": "celsius", "fahrenheit": "celsius", "kilograms": "grams", "kilometers": "meters",
}

// maxBuckets bounds a generated bucket layout: past it, a typo in count (1000 for 10) would
// allocate and export a bucket per step.
const maxBuckets = 1_000

// typeWords in a metric name repeat what its type already says.
var typeWords = []string{"counter", "gauge", "histogram", "summary"}

func (b *builder) metrics() {
	s := b.s
	for _, e := range b.f.Metrics {
		key := e.Key.Value
		def := e.Value
		m := &model.Metric{
			Key:        key,
			Name:       s.Namespace + "_" + key,
			GoName:     model.GoIdent("Metric", key),
			Type:       model.MetricType(def.Type.Value),
			Help:       strings.TrimSpace(def.Help.Value),
			Unit:       def.Unit.Value,
			Pos:        e.Key.Pos(),
			MaxSeries:  def.MaxSeries.Value,
			Deprecated: strings.TrimSpace(def.Deprecated.Value),
			Title:      strings.TrimSpace(def.Title.Value),
		}
		if s.Namespace == "" {
			m.Name = key
		}
		b.metricName(e.Key, m)
		if def.Help.Set() && m.Help == "" {
			b.warnf(diag.MetricEmptyHelp, def.Help.Pos(), "metric %q: help is empty; say what the metric counts or measures (it becomes the # HELP line and the doc comment)", key)
		}
		b.unit(e.Key, def.Unit, m)
		b.metricLabels(def.Labels, m)
		b.buckets(e.Key, e.Node, def, m)
		b.budget(e.Key, def, m)
		b.initAndObserve(e.Key, def, m)
		s.Metrics = append(s.Metrics, m)
	}
	slices.SortFunc(s.Metrics, func(x, y *model.Metric) int { return strings.Compare(x.Key, y.Key) })

	// A histogram exposes <name>_bucket, _sum and _count: no other metric may be called so.
	for _, h := range s.Metrics {
		if h.Type != model.Histogram {
			continue
		}
		for _, suffix := range []string{"_bucket", "_sum", "_count"} {
			if other := s.Metric(h.Key + suffix); other != nil {
				b.errorf(diag.MetricNameClash, b.metricKeyPos(other.Key), "metric %q clashes with the %s series of histogram %q; rename it", other.Key, suffix, h.Key)
			}
		}
	}
}

func (b *builder) metricKeyPos(key string) diag.Pos {
	for _, e := range b.f.Metrics {
		if e.Key.Value == key {
			return e.Key.Pos()
		}
	}
	return diag.Pos{}
}

// metricName applies Prometheus' naming conventions as promlint does, with errors where a
// name would mislead a query and warnings where it is only unidiomatic.
func (b *builder) metricName(k spec.String, m *model.Metric) {
	key := k.Value
	if strings.Contains(key, ":") {
		b.errorf(diag.NamingColon, k.Pos(), "metric %q contains ':', which Prometheus keeps for the series of recording rules (level:metric:operations); use '_'%s", key, snakeExample(key, ""))
		return
	}
	if strings.HasPrefix(key, "__") || !snakeCase.MatchString(key) {
		b.errorf(snakeCode(key), k.Pos(), "metric %q is not snake_case; use lower-case letters, digits and single underscores%s", key, snakeExample(key, ""))
		return
	}
	if b.s.Namespace != "" && strings.HasPrefix(key, b.s.Namespace+"_") {
		b.warnf(diag.NamingNamespacePrefix, k.Pos(), "metric %q starts with the namespace %q, so its full name is %q; drop the prefix from the key", key, b.s.Namespace, m.Name)
	}
	switch m.Type {
	case model.Counter:
		if !strings.HasSuffix(key, "_total") {
			b.errorf(diag.NamingCounterSuffix, k.Pos(), "counter %q must end in \"_total\" (Prometheus naming; OpenMetrics scrapes add the suffix and queries would miss it): rename it %q", key, strings.TrimSuffix(key, "_count")+"_total")
		}
	case model.Gauge, model.Histogram:
		if strings.HasSuffix(key, "_total") {
			b.errorf(diag.NamingReservedSuffix, k.Pos(), "%s %q ends in \"_total\", which marks a counter; rename it without the suffix", m.Type, key)
		}
	}
	if m.Type == model.Histogram {
		for _, suffix := range []string{"_bucket", "_sum", "_count"} {
			if strings.HasSuffix(key, suffix) {
				b.errorf(diag.NamingReservedSuffix, k.Pos(), "histogram %q ends in %q, a suffix Prometheus adds to histogram series; rename it", key, suffix)
			}
		}
	}
	parts := strings.Split(strings.TrimSuffix(key, "_total"), "_")
	for _, w := range typeWords {
		if slices.Contains(parts, w) {
			b.warnf(diag.NamingTypeInName, k.Pos(), "metric %q has the type name %q in its name; the type is in the metadata already: drop it", key, w)
		}
	}
	last := parts[len(parts)-1]
	if base, bad := nonBaseUnits[last]; bad {
		b.errorf(diag.NamingBaseUnit, k.Pos(), "metric %q is in %s; Prometheus uses base units: measure in %s and name it %q", key, last, unitPhrase(base), strings.Join(parts[:len(parts)-1], "_")+"_"+base+suffixTotal(key))
	}
}

// unitPhrase is how a base unit reads after "measure in".
func unitPhrase(unit string) string {
	if unit == "ratio" {
		return "a ratio (0 to 1)"
	}
	return unit
}

func suffixTotal(key string) string {
	if strings.HasSuffix(key, "_total") {
		return "_total"
	}
	return ""
}

// unit checks the spec's unit: a base unit, and the name's suffix.
func (b *builder) unit(k spec.String, u spec.String, m *model.Metric) {
	if !u.Set() {
		return
	}
	unit := u.Value
	if base, bad := nonBaseUnits[unit]; bad {
		b.errorf(diag.NamingBaseUnit, u.Pos(), "metric %q: unit %q is not a base unit; measure in %s and write unit: %s (Prometheus' naming guide)", k.Value, unit, unitPhrase(base), base)
		return
	}
	if !slices.Contains(baseUnits, unit) {
		// Not a unit Prometheus knows ("requests", "orders"): a count, which needs none. The
		// name's suffix is not checked against it.
		b.warnf(diag.NamingBaseUnit, u.Pos(), "metric %q: unit %q is not one of Prometheus' base units (%s); a count needs no unit: remove unit", k.Value, unit, strings.Join(baseUnits, ", "))
		return
	}
	name := strings.TrimSuffix(k.Value, "_total")
	if m.Type == model.Histogram {
		for _, suffix := range []string{"_bucket", "_sum", "_count"} {
			name = strings.TrimSuffix(name, suffix) // reported by metricName
		}
	}
	if strings.HasSuffix(name, "_"+unit) {
		return
	}
	parts := strings.Split(name, "_")
	last := parts[len(parts)-1]
	if other, ok := nonBaseUnits[last]; (ok || slices.Contains(baseUnits, last)) && other != unit {
		// The name says another quantity: the name or the unit is wrong, and only the user
		// knows which.
		b.errorf(diag.NamingUnitSuffix, u.Pos(), "metric %q has unit %q but its name ends in \"_%s\"; fix the unit, or rename it %q", k.Value, unit, last, strings.Join(parts[:len(parts)-1], "_")+"_"+unit+suffixTotal(k.Value))
		return
	}
	// "bytes_sent_total" reads as "sent_bytes_total" once the unit moves to the end.
	rest := slices.DeleteFunc(slices.Clone(parts), func(p string) bool { return p == unit })
	if len(rest) == 0 {
		rest = parts
	}
	b.errorf(diag.NamingUnitSuffix, u.Pos(), "metric %q has unit %q but its name does not end in \"_%s\"; rename it %q so queries show the unit", k.Value, unit, unit, strings.Join(rest, "_")+"_"+unit+suffixTotal(k.Value))
}

func (b *builder) metricLabels(labels []spec.String, m *model.Metric) {
	names := make([]string, 0, len(b.s.Labels))
	for _, l := range b.s.Labels {
		names = append(names, l.Name)
	}
	for _, ln := range labels {
		l := b.s.Label(ln.Value)
		if l == nil && !labelName.MatchString(ln.Value) {
			continue // not a label name at all: the schema reports it
		}
		if l == nil {
			hint := didYouMean(ln.Value, names)
			if hint == "" {
				hint = "; declare it under labels:"
			}
			b.errorf(diag.LabelUndeclared, ln.Pos(), "metric %q uses label %q, which is not declared%s", m.Key, ln.Value, hint)
			continue
		}
		if slices.Contains(m.Labels, l) {
			continue // uniqueItems reports it
		}
		m.Labels = append(m.Labels, l)
	}
}

func (b *builder) buckets(k spec.String, node *yaml.Node, def spec.Metric, m *model.Metric) {
	switch m.Type {
	case model.Histogram:
	case model.Counter, model.Gauge:
		if def.Buckets != nil {
			b.errorf(diag.MetricHistogramOnly, keyIn(node, "buckets"), "metric %q is a %s; only histograms have buckets: remove buckets or make it a histogram", k.Value, m.Type)
		}
		if def.Native != nil {
			b.errorf(diag.MetricHistogramOnly, keyIn(node, "native"), "metric %q is a %s; only histograms have native buckets: remove native or make it a histogram", k.Value, m.Type)
		}
		return
	default:
		return // no type, or one metricgen does not know: the schema reports it
	}
	if n := def.Native; n != nil {
		m.Native = &model.NativeHistogram{BucketFactor: n.BucketFactor.Value, MaxBuckets: uint32(max(0, n.MaxBuckets.Value))}
		if n.BucketFactor.Set() && n.BucketFactor.Value <= 1 {
			b.errorf(diag.HistogramNativeFactor, n.BucketFactor.Pos(), "metric %q: native.bucket_factor must be greater than 1 (e.g. 1.1 for about 10%% resolution)", k.Value)
		}
		if n.MinResetDuration.Set() {
			m.Native.MinResetDuration = b.duration(n.MinResetDuration, "native.min_reset_duration")
		}
	}
	bk := def.Buckets
	if bk == nil && m.Native != nil {
		// Native only: no classic buckets, as client_golang does when native buckets are set
		// and buckets are not.
		return
	}
	if bk == nil {
		m.Buckets = slices.Clone(model.DefaultBuckets)
		if m.Unit != "seconds" {
			b.warnf(diag.HistogramDefaultBuckets, k.Pos(), "histogram %q has no buckets, so it gets client_golang's defaults (0.005 to 10, made for seconds); set buckets that fit its values", k.Value)
		}
		return
	}
	nonNegative := slices.Contains(baseUnits, m.Unit) && m.Unit != "celsius"
	var values []float64
	switch {
	case bk.Exponential != nil:
		e := bk.Exponential
		if !e.Start.Set() || !e.Factor.Set() || !e.Count.Set() || e.Start.Value <= 0 || e.Factor.Value <= 1 || e.Count.Value < 1 {
			return // the schema reports it
		}
		if e.Count.Value > maxBuckets {
			b.errorf(diag.HistogramBucketCount, e.Count.Pos(), "histogram %q: %s buckets is far too many (each is a series per label combination); use at most %s", k.Value, thousands(e.Count.Value), thousands(maxBuckets))
			return
		}
		var err error
		if values, err = model.ExponentialBuckets(e.Start.Value, e.Factor.Value, e.Count.Value); err != nil {
			b.errorf(diag.HistogramBuckets, e.Count.Pos(), "histogram %q: %d exponential buckets from %g by a factor of %g grow past the largest number; lower count or factor", k.Value, e.Count.Value, e.Start.Value, e.Factor.Value)
			return
		}
	case bk.Linear != nil:
		l := bk.Linear
		if !l.Start.Set() || !l.Width.Set() || !l.Count.Set() || l.Width.Value <= 0 || l.Count.Value < 1 {
			return // the schema reports it
		}
		if nonNegative && l.Start.Value < 0 {
			// One error for the generator, where it is fixed, not one per bucket.
			b.errorf(diag.HistogramBuckets, l.Start.Pos(), "histogram %q: linear buckets start at %g, but %s are never negative; start at 0 or above", k.Value, l.Start.Value, m.Unit)
			return
		}
		if l.Count.Value > maxBuckets {
			b.errorf(diag.HistogramBucketCount, l.Count.Pos(), "histogram %q: %s buckets is far too many (each is a series per label combination); use at most %s", k.Value, thousands(l.Count.Value), thousands(maxBuckets))
			return
		}
		var err error
		if values, err = model.LinearBuckets(l.Start.Value, l.Width.Value, l.Count.Value); err != nil {
			b.errorf(diag.HistogramBuckets, l.Count.Pos(), "histogram %q: linear buckets of width %g from %g cannot be told apart at this size; use a larger width or fewer buckets", k.Value, l.Width.Value, l.Start.Value)
			return
		}
	default:
		if bk.Node.Kind != yaml.SequenceNode || len(bk.List) != len(bk.Node.Content) {
			return // not a list of numbers: the schema reports it
		}
		ok := true
		for i, v := range bk.List {
			switch {
			case math.IsNaN(v.Value) || math.IsInf(v.Value, 0):
				ok = false // the schema reports it
			case nonNegative && v.Value < 0:
				b.errorf(diag.HistogramBuckets, v.Pos(), "histogram %q: bucket %g is negative, but %s are never negative; remove it", k.Value, v.Value, m.Unit)
				ok = false
			case slices.ContainsFunc(bk.List[:i], func(w spec.Float) bool { return w.Value == v.Value }):
				ok = false // a repeat: the schema reports it
			case i > 0 && v.Value < bk.List[i-1].Value:
				b.errorf(diag.HistogramBuckets, v.Pos(), "histogram %q: buckets must be increasing, but %g follows %g; sort them", k.Value, v.Value, bk.List[i-1].Value)
				ok = false
			}
			values = append(values, v.Value)
		}
		if !ok {
			return
		}
	}
	m.Buckets = values
}

// budget computes the metric's series budget and checks it against the limits.
func (b *builder) budget(k spec.String, def spec.Metric, m *model.Metric) {
	series := 1
	var factors []string
	for _, l := range m.Labels {
		n := len(l.Values)
		what := "values"
		if !l.Enum() {
			n = max(1, l.MaxValues)
			what = "max_values"
		}
		series = min(series*n, math.MaxInt32)
		factors = append(factors, fmt.Sprintf("%s %d %s", l.Name, n, what))
	}
	if m.Type == model.Histogram {
		// Each combination exposes a series per bucket, the +Inf bucket, _sum and _count.
		series = min(series*(len(m.Buckets)+3), math.MaxInt32)
		factors = append(factors, fmt.Sprintf("(%d buckets + 3: +Inf, _sum, _count)", len(m.Buckets)))
	}
	m.Series = series
	explain := strings.Join(factors, " x ")
	switch {
	case def.MaxSeries.Set() && m.MaxSeries < 1:
		// not a budget: the schema reports it
	case def.MaxSeries.Set():
		if series > m.MaxSeries {
			b.errorf(diag.SeriesBudget, def.MaxSeries.Pos(), "metric %q can have %s series (%s), more than its max_series %s; drop labels or values, or raise max_series", k.Value, thousands(series), explain, thousands(m.MaxSeries))
		}
	case series > seriesError:
		b.errorf(diag.SeriesBudget, k.Pos(), "metric %q can have %s series (%s), past the limit of %s; drop labels or values (or set max_series if you mean it)", k.Value, thousands(series), explain, thousands(seriesError))
	case series > seriesWarn:
		b.warnf(diag.SeriesBudget, k.Pos(), "metric %q can have %s series (%s), more than %s; consider fewer labels or values, or set max_series to acknowledge it", k.Value, thousands(series), explain, thousands(seriesWarn))
	}
}

// initAndObserve sets which series exist before a value is recorded (init), and whether the
// metric is read at scrape time (observe), with their defaults and constraints.
func (b *builder) initAndObserve(k spec.String, def spec.Metric, m *model.Metric) {
	m.Scrape = def.Observe.Value == "scrape"
	var free *model.Label
	for _, l := range m.Labels {
		if !l.Enum() {
			free = l
			break
		}
	}
	if m.Scrape {
		switch {
		case m.Type == model.Histogram:
			b.errorf(diag.MetricObserve, def.Observe.Pos(), "histogram %q cannot be read at scrape time: it counts observations as they happen; remove observe, or make it a gauge or counter", k.Value)
		case free != nil:
			b.errorf(diag.MetricObserve, def.Observe.Pos(), "metric %q is read at scrape time but its label %q is free-form: the functions registered per value would be unbounded; make %q an enum label (values), or record with Set/Add instead", k.Value, free.Name, free.Name)
		}
		if def.Init.Set() {
			b.errorf(diag.MetricInit, def.Init.Pos(), "metric %q is read at scrape time (observe: scrape): a series exists exactly while a function is registered for it; remove init", k.Value)
		}
		m.Init = model.InitNone
		return
	}
	switch def.Init.Value {
	case "all", "none":
		m.Init = model.Init(def.Init.Value)
	case "":
		m.Init = model.InitAll
		if m.Type == model.Gauge {
			m.Init = model.InitNone
		}
	default:
		return // the schema reports it
	}
	if m.Init == model.InitAll && free != nil {
		if def.Init.Set() {
			b.errorf(diag.MetricInit, def.Init.Pos(), "metric %q has the free-form label %q, whose values are not known before they are recorded, so its series cannot exist from the start; remove init: all, or make %q an enum label (values)", k.Value, free.Name, free.Name)
		}
		m.Init = model.InitNone
	}
}

// thousands writes n with commas between groups of three digits: 156,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

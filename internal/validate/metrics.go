package validate

import (
	"math"
	"slices"
	"strings"

	"github.com/prometheus/client_golang/prometheus"

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
			MaxSeries:  def.MaxSeries.Value,
			Deprecated: strings.TrimSpace(def.Deprecated.Value),
		}
		if s.Namespace == "" {
			m.Name = key
		}
		b.metricName(e.Key, m)
		if def.Help.Set() && m.Help == "" {
			b.warnf(def.Help.Pos(), "metric %q: help is empty; say what the metric counts or measures (it becomes the # HELP line and the doc comment)", key)
		}
		b.unit(e.Key, def.Unit, m)
		b.metricLabels(def.Labels, m)
		b.buckets(e.Key, def, m)
		b.budget(e.Key, def, m)
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
				b.errorf(b.metricKeyPos(other.Key), "metric %q clashes with the %s series of histogram %q; rename it", other.Key, suffix, h.Key)
			}
		}
	}

	// Go field names must be distinct ("api_calls" and "api-calls" cannot both exist, but
	// "db_query" and "DB_query" could).
	byGo := map[string]string{}
	for _, m := range s.Metrics {
		if prev, dup := byGo[m.GoName]; dup {
			b.errorf(b.metricKeyPos(m.Key), "metrics %q and %q both become the Go field %s; rename one of them", prev, m.Key, m.GoName)
		}
		byGo[m.GoName] = m.Key
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
	if strings.HasPrefix(key, "__") || !snakeCase.MatchString(key) {
		b.errorf(k.Pos(), "metric %q is not snake_case; use lower-case letters, digits and single underscores, e.g. %q", key, toSnake(key))
		return
	}
	if b.s.Namespace != "" && strings.HasPrefix(key, b.s.Namespace+"_") {
		b.warnf(k.Pos(), "metric %q starts with the namespace %q, so its full name is %q; drop the prefix from the key", key, b.s.Namespace, m.Name)
	}
	switch m.Type {
	case model.Counter:
		if !strings.HasSuffix(key, "_total") {
			b.errorf(k.Pos(), "counter %q must end in \"_total\" (Prometheus naming; OpenMetrics scrapes add the suffix and queries would miss it): rename it %q", key, strings.TrimSuffix(key, "_count")+"_total")
		}
	case model.Gauge, model.Histogram:
		if strings.HasSuffix(key, "_total") {
			b.errorf(k.Pos(), "%s %q ends in \"_total\", which marks a counter; rename it without the suffix", m.Type, key)
		}
	}
	if m.Type == model.Histogram {
		for _, suffix := range []string{"_bucket", "_sum", "_count"} {
			if strings.HasSuffix(key, suffix) {
				b.errorf(k.Pos(), "histogram %q ends in %q, a suffix Prometheus adds to histogram series; rename it", key, suffix)
			}
		}
	}
	parts := strings.Split(strings.TrimSuffix(key, "_total"), "_")
	for _, w := range typeWords {
		if slices.Contains(parts, w) {
			b.warnf(k.Pos(), "metric %q has the type name %q in its name; the type is in the metadata already: drop it", key, w)
		}
	}
	last := parts[len(parts)-1]
	if base, bad := nonBaseUnits[last]; bad {
		b.errorf(k.Pos(), "metric %q is in %s; Prometheus uses base units: measure in %s and name it %q", key, last, base, strings.Join(parts[:len(parts)-1], "_")+"_"+base+suffixTotal(key))
	}
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
		b.errorf(u.Pos(), "metric %q: unit %q is not a base unit; use %q (Prometheus' naming guide)", k.Value, unit, base)
		return
	}
	if !slices.Contains(baseUnits, unit) {
		b.warnf(u.Pos(), "metric %q: unit %q is not one of Prometheus' base units (%s); counts need no unit", k.Value, unit, strings.Join(baseUnits, ", "))
	}
	name := strings.TrimSuffix(k.Value, "_total")
	if !strings.HasSuffix(name, "_"+unit) {
		b.errorf(u.Pos(), "metric %q has unit %q but its name does not end in \"_%s\"; rename it (e.g. %q) so queries show the unit", k.Value, unit, unit, name+"_"+unit+suffixTotal(k.Value))
	}
}

func (b *builder) metricLabels(labels []spec.String, m *model.Metric) {
	names := make([]string, 0, len(b.s.Labels))
	for _, l := range b.s.Labels {
		names = append(names, l.Name)
	}
	for _, ln := range labels {
		l := b.s.Label(ln.Value)
		if l == nil {
			hint := didYouMean(ln.Value, names)
			if hint == "" {
				hint = "; declare it under labels:"
			}
			b.errorf(ln.Pos(), "metric %q uses label %q, which is not declared%s", m.Key, ln.Value, hint)
			continue
		}
		if slices.Contains(m.Labels, l) {
			continue // uniqueItems reports it
		}
		m.Labels = append(m.Labels, l)
	}
}

func (b *builder) buckets(k spec.String, def spec.Metric, m *model.Metric) {
	if m.Type != model.Histogram {
		if def.Buckets != nil {
			b.errorf(spec.PosOf(def.Buckets.Node), "metric %q is a %s; only histograms have buckets: remove buckets or make it a histogram", k.Value, m.Type)
		}
		if def.Native != nil {
			b.errorf(def.Native.BucketFactor.Pos(), "metric %q is a %s; only histograms have native buckets: remove native", k.Value, m.Type)
		}
		return
	}
	if n := def.Native; n != nil {
		m.Native = &model.NativeHistogram{BucketFactor: n.BucketFactor.Value, MaxBuckets: uint32(max(0, n.MaxBuckets.Value))}
		if n.BucketFactor.Set() && n.BucketFactor.Value <= 1 {
			b.errorf(n.BucketFactor.Pos(), "metric %q: native.bucket_factor must be greater than 1 (e.g. 1.1 for about 10%% resolution)", k.Value)
		}
		if n.MinResetDuration.Set() {
			m.Native.MinResetDuration = b.duration(n.MinResetDuration, "native.min_reset_duration")
		}
	}
	bk := def.Buckets
	if bk == nil {
		m.Buckets = slices.Clone(prometheus.DefBuckets)
		if m.Unit != "seconds" {
			b.warnf(k.Pos(), "histogram %q has no buckets, so it gets client_golang's defaults (0.005 to 10, made for seconds); set buckets that fit its values", k.Value)
		}
		return
	}
	pos := spec.PosOf(bk.Node)
	var values []float64
	var at []diag.Pos
	switch {
	case bk.Exponential != nil:
		e := bk.Exponential
		if e.Start.Value <= 0 || e.Factor.Value <= 1 || e.Count.Value < 1 {
			return // the schema reports it
		}
		values = prometheus.ExponentialBuckets(e.Start.Value, e.Factor.Value, e.Count.Value)
	case bk.Linear != nil:
		l := bk.Linear
		if l.Width.Value <= 0 || l.Count.Value < 1 {
			return // the schema reports it
		}
		values = prometheus.LinearBuckets(l.Start.Value, l.Width.Value, l.Count.Value)
	default:
		for _, v := range bk.List {
			values = append(values, v.Value)
			at = append(at, v.Pos())
		}
	}
	posOf := func(i int) diag.Pos {
		if at != nil {
			return at[i]
		}
		return pos
	}
	nonNegative := slices.Contains(baseUnits, m.Unit) && m.Unit != "celsius"
	ok := true
	for i, v := range values {
		switch {
		case math.IsNaN(v):
			b.errorf(posOf(i), "histogram %q: a bucket bound is NaN; use numbers", k.Value)
			ok = false
		case math.IsInf(v, +1):
			b.errorf(posOf(i), "histogram %q: the +Inf bucket is always added; remove it from buckets", k.Value)
			ok = false
		case nonNegative && v < 0:
			b.errorf(posOf(i), "histogram %q: bucket %g is negative, but %s are never negative; remove it", k.Value, v, m.Unit)
			ok = false
		case i > 0 && v <= values[i-1]:
			b.errorf(posOf(i), "histogram %q: buckets must be strictly increasing, but %g follows %g; sort them and remove repeats", k.Value, v, values[i-1])
			ok = false
		}
	}
	if ok {
		m.Buckets = values
	}
}

// budget computes the metric's series budget and checks it against the limits.
func (b *builder) budget(k spec.String, def spec.Metric, m *model.Metric) {
	series := 1
	for _, l := range m.Labels {
		n := len(l.Values)
		if !l.Enum() {
			n = max(1, l.MaxValues)
		}
		series = min(series*n, math.MaxInt32)
	}
	if m.Type == model.Histogram {
		series = min(series*(len(m.Buckets)+2), math.MaxInt32)
	}
	m.Series = series
	explain := "the product of its labels' values" + map[bool]string{true: ", times buckets + 2", false: ""}[m.Type == model.Histogram]
	switch {
	case def.MaxSeries.Set():
		if series > m.MaxSeries {
			b.errorf(def.MaxSeries.Pos(), "metric %q can have %d series (%s), more than its max_series %d; drop labels or values, or raise max_series", k.Value, series, explain, m.MaxSeries)
		}
	case series > seriesError:
		b.errorf(k.Pos(), "metric %q can have %d series (%s), past the limit of %d; drop labels or values (or set max_series if you mean it)", k.Value, series, explain, seriesError)
	case series > seriesWarn:
		b.warnf(k.Pos(), "metric %q can have %d series (%s), more than %d; consider fewer labels or values, or set max_series to acknowledge it", k.Value, series, explain, seriesWarn)
	}
}

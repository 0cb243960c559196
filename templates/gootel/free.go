//go:build ignore

package gootel

import (
	"strconv"
	"strings"

	"go.opentelemetry.io/otel/attribute"
)

// freeSets finds the series of a metric with free-form labels, for one combination of the
// values of its enum labels (or the whole metric, when it has none): the attributes of those
// enum values, the metric's guards, and the cache of the series made so far. K is the
// free-form values as an array ([2]string); M what the metric records a series with (its
// []metric.AddOption or []metric.RecordOption, or its *gaugeValue), which newSeries makes
// from the series' attribute set.
type freeSets[K comparable, M any] struct {
	enum      []attribute.KeyValue // the enum labels' attributes
	keys      []attribute.Key      // the free-form labels, in parameter order
	guards    []*labelGuard        // one per free-form label, in parameter order
	newSeries func(attribute.Set) M
	cache     seriesCache[K, M]
	// folded are the series of values recorded as "invalid" or "other", by what was recorded
	// (under cache.mu): bounded as the labels are, and made once, so that a flood of new
	// values costs a map lookup each rather than a new attribute set.
	folded map[string]M
}

// get returns the series of the free-form values k, which values lists in the same order.
func (s *freeSets[K, M]) get(k K, values []string) M {
	if m, ok := s.cache.load(k); ok {
		return m
	}
	return s.create(k, values)
}

// create returns the series of k, making it. Only series of values admitted as they are go
// into the cache, so that it is as bounded as the labels.
func (s *freeSets[K, M]) create(k K, values []string) M {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	if m, ok := s.cache.loadLocked(k); ok {
		return m
	}
	attrs := make([]attribute.KeyValue, len(s.enum), len(s.enum)+len(values))
	copy(attrs, s.enum)
	same := true
	var recorded strings.Builder
	for i, v := range values {
		a := s.guards[i].admit(v)
		same = same && a == v
		attrs = append(attrs, s.keys[i].String(a))
		recorded.WriteString(strconv.Itoa(len(a)) + ":" + a)
	}
	if same {
		m := s.newSeries(attribute.NewSet(attrs...))
		s.cache.storeLocked(k, m)
		return m
	}
	if m, ok := s.folded[recorded.String()]; ok {
		return m
	}
	m := s.newSeries(attribute.NewSet(attrs...))
	if s.folded == nil {
		s.folded = make(map[string]M)
	}
	s.folded[recorded.String()] = m
	return m
}

package gometrics

// freeSeries finds the series of a metric with free-form labels, for one combination of the
// values of its enum labels (or the whole metric, when it has none): the client_golang vector
// curried with those values, the metric's guards, and the cache of the series made so far.
// K is the free-form values as an array ([2]string), M the series (prometheus.Counter, Gauge
// or Observer).
type freeSeries[K comparable, M any] struct {
	vec    interface{ WithLabelValues(...string) M } // curried with the enum values
	guards []*labelGuard                             // one per free-form label, in parameter order
	cache  seriesCache[K, M]
}

// get returns the series of the free-form values k, which values lists in the same order.
func (s *freeSeries[K, M]) get(k K, values []string) M {
	if m, ok := s.cache.load(k); ok {
		return m
	}
	return s.create(k, values)
}

// create returns the series of k, making it. The series is stored only when every value was
// admitted as it is, so values recorded as "invalid" or "other" take this path each time but
// cannot grow the cache.
func (s *freeSeries[K, M]) create(k K, values []string) M {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	if m, ok := s.cache.loadLocked(k); ok {
		return m
	}
	admitted := make([]string, len(values))
	same := true
	for i, v := range values {
		admitted[i] = s.guards[i].admit(v)
		same = same && admitted[i] == v
	}
	m := s.vec.WithLabelValues(admitted...)
	if same {
		s.cache.storeLocked(k, m)
	}
	return m
}

package gometrics

import (
	"maps"
	"sync"
	"sync/atomic"
)

// seriesCache maps the values of a metric's free-form labels (K, an array of strings) to a
// series (M), without a lock, a hash of the enum values or an allocation on a hit: a load
// reads a map that is never written once published. New series go into dirty, under mu,
// which is published in place of read once as many loads missed read as dirty holds series
// (sync.Map's scheme, typed, so that a key is never boxed). It knows nothing of the backend:
// the caller makes the series, and stores only those of admitted values, so that the map is
// as bounded as the labels.
type seriesCache[K comparable, M any] struct {
	read   atomic.Pointer[map[K]M] // never written once published
	mu     sync.Mutex
	dirty  map[K]M // under mu: read's series and newer ones; nil until the first one after a promotion
	misses int     // under mu: loads that missed read since it was published
}

// load returns the series stored for k.
func (s *seriesCache[K, M]) load(k K) (M, bool) {
	if read := s.read.Load(); read != nil {
		m, ok := (*read)[k]
		return m, ok
	}
	var m M
	return m, false
}

// loadLocked is load for a caller holding s.mu: it also looks in dirty, and publishes dirty
// once enough loads missed read.
func (s *seriesCache[K, M]) loadLocked(k K) (M, bool) {
	if m, ok := s.load(k); ok || s.dirty == nil {
		return m, ok
	}
	m, ok := s.dirty[k]
	s.misses++
	if s.misses >= len(s.dirty) {
		read := s.dirty
		s.read.Store(&read)
		s.dirty, s.misses = nil, 0
	}
	return m, ok
}

// storeLocked stores m as the series of k; the caller holds s.mu.
func (s *seriesCache[K, M]) storeLocked(k K, m M) {
	if s.dirty == nil {
		if read := s.read.Load(); read != nil {
			s.dirty = maps.Clone(*read)
		} else {
			s.dirty = make(map[K]M)
		}
	}
	s.dirty[k] = m
}

//go:build ignore

package gootel

import (
	"math"
	"sync"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// gaugeValue is the value of one series of a gauge that is both set and added to: the
// metrics API has no synchronous instrument for that (a Gauge is only set, an UpDownCounter
// only added to), so the generated code keeps the value, as client_golang does, and an
// observable gauge reports it when the reader collects. A change is one atomic operation, and
// changes are never reordered, as Records of a Gauge from several goroutines can be.
type gaugeValue struct {
	bits    atomic.Uint64 // math.Float64bits of the value
	observe []metric.ObserveOption
}

// unset is the bits of a value that was never set (init: none): a NaN that no arithmetic
// produces (its payload), reported as no value at all.
const unset = 0x7ff8_0000_0000_0bad

// set sets the value to v.
func (g *gaugeValue) set(v float64) { g.bits.Store(math.Float64bits(v)) }

// add adds v to the value (to 0, when it was never set).
func (g *gaugeValue) add(v float64) {
	for {
		old := g.bits.Load()
		from := math.Float64frombits(old)
		if old == unset {
			from = 0
		}
		if g.bits.CompareAndSwap(old, math.Float64bits(from+v)) {
			return
		}
	}
}

// setToCurrentTime sets the value to the current Unix time in seconds.
func (g *gaugeValue) setToCurrentTime() { g.set(float64(time.Now().UnixNano()) / 1e9) }

// load returns the value.
func (g *gaugeValue) load() float64 { return math.Float64frombits(g.bits.Load()) }

// gaugeValues are the series of one such gauge, which New's callback reports at each
// collection.
type gaugeValues struct {
	lazy bool // init: none: a series is reported once a value is recorded for it
	mu   sync.Mutex
	all  []*gaugeValue // under mu; only appended to, so a copy of the slice stays valid
}

// add makes the series of set, starting at 0 (unset when lazy), and returns it.
func (gs *gaugeValues) add(set attribute.Set) *gaugeValue {
	v := &gaugeValue{observe: []metric.ObserveOption{metric.WithAttributeSet(set)}}
	if gs.lazy {
		v.bits.Store(unset)
	}
	gs.mu.Lock()
	defer gs.mu.Unlock()
	gs.all = append(gs.all, v)
	return v
}

// report observes every series of the gauge g.
func (gs *gaugeValues) report(o metric.Observer, g metric.Float64Observable) {
	gs.mu.Lock()
	all := gs.all
	gs.mu.Unlock()
	for _, v := range all {
		if v.bits.Load() != unset {
			o.ObserveFloat64(g, v.load(), v.observe...)
		}
	}
}

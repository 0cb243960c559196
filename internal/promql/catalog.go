package promql

import (
	"regexp"
	"slices"

	"github.com/prometheus/prometheus/model/labels"
)

// Label is a declared label: an enum with its values, or a free-form label with an optional
// pattern.
type Label struct {
	Name    string
	Enum    bool
	Values  []string // the enum's values
	Pattern string   // free-form: an RE2 pattern every value matches, anchored; "" for none
}

// Metric is a metric family as the spec declares it.
type Metric struct {
	Name   string   // full Prometheus name
	Type   string   // counter, gauge, histogram, summary or untyped; "" when unknown
	Labels []string // the metric's own labels, target labels not included
	Opaque bool     // the spec's declaration of it is broken: check only that it exists
	// External says another exporter exposes it (external_metrics): a label it lacks may be
	// one the spec forgot to declare.
	External bool
	Buckets  []float64
	Native   bool // a histogram with native buckets: its bare name holds native histograms
	// OnePer are labels that tell the metric's series apart: at most one series per
	// combination of their values (an external metric's one_per; the target labels for an
	// info metric). nil when only all its labels together do.
	OnePer []string
}

// Catalog is every series a spec's expressions may select: the metrics of the spec with
// their histogram and summary series, external metrics and recording rules.
type Catalog struct {
	target  []string
	labels  map[string]*domain
	series  map[string]*series
	bare    map[string]*Metric // classic histograms: the bare name holds no series
	records map[string][]*record
	names   []string // every selectable name, sorted, for suggestions
	parsed  map[string]parsed
	// exported are the labels of series by name, as analyses report them (seriesLabels).
	exported map[string]Labels
}

type domain struct {
	enum    bool
	values  []string
	pattern *regexp.Regexp
	src     string
}

// kind is what a series holds, as far as functions care.
type kind uint8

const (
	kindUnknown kind = iota // untyped, opaque, or a recording rule
	kindCounter
	kindGauge
	kindBucket      // a classic histogram's cumulative _bucket counters
	kindHistCounter // a histogram's or summary's _sum and _count
	kindNative      // native histograms, under the histogram's bare name
	kindQuantile    // a summary's precomputed quantiles
)

// counterLike reports whether the series only go up (resetting to 0 on restart), so that
// only their rate or increase means something.
func (k kind) counterLike() bool {
	return k == kindCounter || k == kindBucket || k == kindHistCounter || k == kindNative
}

type series struct {
	name   string
	kind   kind
	metric *Metric // the family; nil for recording rules
	record bool
	ls     labelSet
}

// NewCatalog starts a catalogue with the target labels every scraped series carries and the
// spec's label declarations.
func NewCatalog(target []string, labels []Label) *Catalog {
	c := &Catalog{
		target:   set(target),
		labels:   map[string]*domain{},
		series:   map[string]*series{},
		bare:     map[string]*Metric{},
		records:  map[string][]*record{},
		parsed:   map[string]parsed{},
		exported: map[string]Labels{},
	}
	for _, l := range labels {
		d := &domain{enum: l.Enum, values: l.Values}
		if !l.Enum && l.Pattern != "" {
			if re, err := regexp.Compile("^(?:" + l.Pattern + ")$"); err == nil {
				d.pattern, d.src = re, l.Pattern
			}
		}
		c.labels[l.Name] = d
	}
	return c
}

// AddMetric adds the series of one metric family.
func (c *Catalog) AddMetric(m Metric) {
	mm := m
	own := func(extra ...string) labelSet {
		if m.Opaque {
			return unknownSet
		}
		a := alt{labels: union(union(set(m.Labels), c.target), set(extra)), name: true}
		a.ext = m.External
		if m.OnePer != nil {
			a = a.onePer(append(slices.Clone(m.OnePer), extra...)) // a histogram's buckets differ by le
		}
		for _, l := range m.Labels {
			if d := c.labels[l]; d != nil && d.enum && len(d.values) == 1 {
				a.pinned = union(a.pinned, []string{l})
			}
		}
		return single(a)
	}
	add := func(name string, k kind, ls labelSet) {
		if _, dup := c.series[name]; dup {
			return
		}
		c.series[name] = &series{name: name, kind: k, metric: &mm, ls: ls}
		c.names = append(c.names, name)
	}
	switch m.Type {
	case "counter":
		add(m.Name, kindCounter, own())
	case "gauge":
		add(m.Name, kindGauge, own())
	case "histogram":
		add(m.Name+"_bucket", kindBucket, own("le"))
		add(m.Name+"_sum", kindHistCounter, own())
		add(m.Name+"_count", kindHistCounter, own())
		if m.Native {
			add(m.Name, kindNative, own())
		} else {
			c.bare[m.Name] = &mm
		}
	case "summary":
		add(m.Name, kindQuantile, own("quantile"))
		add(m.Name+"_sum", kindHistCounter, own())
		add(m.Name+"_count", kindHistCounter, own())
	default:
		add(m.Name, kindUnknown, own())
	}
}

// record is one recording rule; its labels are inferred from its expression when first
// needed.
type record struct {
	expr   string
	labels map[string]string
	state  uint8 // 0 not inferred, 1 inferring (a cycle reads as unknown), 2 done
	ls     labelSet
}

// AddRecord adds the series of a recording rule: name, expression and the rule's labels.
// Several rules may record the same name (with different labels).
func (c *Catalog) AddRecord(name, expr string, labels map[string]string) {
	if _, ok := c.records[name]; !ok {
		c.names = append(c.names, name)
	}
	c.records[name] = append(c.records[name], &record{expr: expr, labels: labels})
}

// lookup returns the series of the given name, nil when none.
func (c *Catalog) lookup(name string) *series {
	if rs := c.records[name]; rs != nil {
		s := &series{name: name, record: true}
		for i, r := range rs {
			ls := c.resolve(r)
			if i == 0 {
				s.ls = ls
			} else {
				s.ls = s.ls.or(ls)
			}
		}
		return s
	}
	return c.series[name]
}

// resolve infers the labels of a recording rule's series: those of its expression, its
// rule's labels, and the recorded name.
func (c *Catalog) resolve(r *record) labelSet {
	switch r.state {
	case 1:
		return unknownSet
	case 2:
		return r.ls
	}
	r.state = 1
	ck := &checker{cat: c, q: r.expr, quiet: true}
	ls := unknownSet
	if e, err := c.parse(r.expr); err == nil {
		ls = ck.eval(e, ctx{counterOK: true}).ls
	}
	keys := make([]string, 0, len(r.labels))
	for k := range r.labels {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	r.ls = ls.each(func(a alt) alt {
		for _, k := range keys {
			a = a.add(k, true).constrain(k, labels.MustNewMatcher(labels.MatchEqual, k, r.labels[k]))
		}
		a.name = true
		return a
	})
	r.state = 2
	return r.ls
}

// names sorted once all series are in.
func (c *Catalog) allNames() []string {
	if !slices.IsSorted(c.names) {
		slices.Sort(c.names)
	}
	return c.names
}

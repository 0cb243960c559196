// Package exposition owns reading what a running service exposes: a Prometheus exposition in
// the text format or OpenMetrics, from a file or an HTTP(S) URL, parsed with
// prometheus/common/expfmt into metric families with the label values and histogram buckets
// seen. It is the input of `metricgen init`, which drafts a spec from it.
package exposition

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// Type is a metric family's type as the exposition declares it.
type Type string

const (
	Counter        Type = "counter"
	Gauge          Type = "gauge"
	Histogram      Type = "histogram"
	GaugeHistogram Type = "gaugehistogram"
	Summary        Type = "summary"
	Untyped        Type = "untyped"
)

// Family is one metric family: its metadata and what its series showed.
type Family struct {
	Name string
	Type Type
	Help string
	Unit string // OpenMetrics' # UNIT, "" when absent (the text format has none)

	// Labels maps each label name (le and quantile excluded) to the distinct non-empty values
	// seen, sorted.
	Labels map[string][]string
	// Buckets are the finite upper bounds of a histogram's classic buckets, sorted; every
	// series of a family normally has the same ones, and these are all of them.
	Buckets []float64
	Series  int // number of series (label combinations)
}

// LabelNames returns the family's label names, sorted.
func (f *Family) LabelNames() []string { return slices.Sorted(maps.Keys(f.Labels)) }

// Exposition is a parsed exposition.
type Exposition struct {
	Format   string    // "text" or "openmetrics"
	Families []*Family // sorted by name
}

// Error is a syntax error at a line of the exposition.
type Error struct {
	Line int // 1-based; 0 when unknown
	Msg  string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// Parse parses an exposition. contentType is the HTTP Content-Type it came with, "" for a
// file: then OpenMetrics is recognised by its "# EOF" line.
func Parse(src []byte, contentType string) (*Exposition, error) {
	format := "text"
	units := map[string]string{}
	if isOpenMetrics(src, contentType) {
		format = "openmetrics"
		var err error
		if src, units, err = openMetricsToText(src); err != nil {
			return nil, err
		}
	}
	// UTF-8 names (quoted in the exposition) are read so that one of them does not stop the
	// whole draft; the draft leaves them out with a comment.
	fams, err := parseText(src)
	if err != nil {
		var pe expfmt.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{Line: pe.Line, Msg: strings.TrimPrefix(pe.Msg, "text format parsing error in line ")}
		}
		return nil, &Error{Msg: err.Error()}
	}
	e := &Exposition{Format: format}
	for _, mf := range fams {
		e.Families = append(e.Families, family(mf, units[mf.GetName()]))
	}
	slices.SortFunc(e.Families, func(a, b *Family) int { return cmp.Compare(a.Name, b.Name) })
	return e, nil
}

// isOpenMetrics reports whether src is OpenMetrics: by its content type, or else by the
// "# EOF" line that ends every OpenMetrics exposition.
func isOpenMetrics(src []byte, contentType string) bool {
	if contentType != "" {
		return strings.HasPrefix(strings.TrimSpace(contentType), expfmt.OpenMetricsType)
	}
	last := bytes.TrimRight(src, "\n\r \t")
	if i := bytes.LastIndexByte(last, '\n'); i >= 0 {
		last = last[i+1:]
	}
	return string(bytes.TrimSpace(last)) == "# EOF"
}

func family(mf *dto.MetricFamily, unit string) *Family {
	f := &Family{Name: mf.GetName(), Help: mf.GetHelp(), Unit: unit, Labels: map[string][]string{}}
	switch mf.GetType() {
	case dto.MetricType_COUNTER:
		f.Type = Counter
	case dto.MetricType_GAUGE:
		f.Type = Gauge
	case dto.MetricType_HISTOGRAM:
		f.Type = Histogram
	case dto.MetricType_GAUGE_HISTOGRAM:
		f.Type = GaugeHistogram
	case dto.MetricType_SUMMARY:
		f.Type = Summary
	default:
		f.Type = Untyped
	}
	values := map[string]map[string]bool{}
	bounds := map[float64]bool{}
	for _, m := range mf.GetMetric() {
		f.Series++
		for _, lp := range m.GetLabel() {
			name, v := lp.GetName(), lp.GetValue()
			if name == model.BucketLabel && (f.Type == Histogram || f.Type == GaugeHistogram) || name == model.QuantileLabel && f.Type == Summary {
				continue
			}
			if values[name] == nil {
				values[name] = map[string]bool{}
			}
			if v != "" { // an empty value is the same as no label in Prometheus
				values[name][v] = true
			}
		}
		for _, b := range m.GetHistogram().GetBucket() {
			if ub := b.GetUpperBound(); !math.IsInf(ub, 0) && !math.IsNaN(ub) {
				bounds[ub] = true
			}
		}
	}
	for name, vs := range values {
		f.Labels[name] = slices.Sorted(maps.Keys(vs))
	}
	f.Buckets = slices.Sorted(maps.Keys(bounds))
	return f
}

// parseText runs expfmt's text parser. That parser panics on some malformed input (a label
// set with no metric name after a # TYPE line, prometheus/common v0.71.0): such input is
// reported as a syntax error, not a crash of metricgen.
func parseText(src []byte) (fams map[string]*dto.MetricFamily, err error) {
	defer func() {
		if r := recover(); r != nil {
			fams, err = nil, &Error{Msg: fmt.Sprintf("the exposition is malformed: the text parser stopped (%v); check that every sample line starts with a metric name", r)}
		}
	}()
	p := expfmt.NewTextParser(model.UTF8Validation)
	return p.TextToMetricFamilies(bytes.NewReader(src))
}

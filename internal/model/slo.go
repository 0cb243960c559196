package model

import (
	"strconv"
	"strings"
	"time"

	"github.com/metricgen/metricgen/internal/slo"
)

// SLO is a service-level objective (slos:) with its alerting policy resolved. Its SLI is
// normalised to good or bad events over all events: a latency SLI counts the requests in
// the threshold's bucket as good.
type SLO struct {
	Name        string
	Objective   float64 // percent, strictly between 0 and 100
	Window      time.Duration
	Description string

	SLI SLI
	// By splits the SLO into one per combination of these labels' values (sorted as the
	// spec lists them); empty for one SLO over all series.
	By []string
	// ByValues are the combinations of By's values when every By label is an enum label
	// whose values the selectors can select (in By's order), so that a vanished combination
	// can be told; nil otherwise.
	ByValues [][]string

	Alerting SLOAlerting
	// Alerts are the burn-rate alerts, scaled to Window (pages first).
	Alerts []slo.Alert
}

// Budget is the SLO's error budget as a ratio (0.001 for 99.9).
func (o *SLO) Budget() float64 {
	b, _ := strconv.ParseFloat(o.BudgetText(), 64)
	return b
}

// BudgetText is the error budget as generated rules write it: decimal, without the binary
// noise of 1-0.999.
func (o *SLO) BudgetText() string {
	return FormatFloat(round10((100 - o.Objective) / 100))
}

// BudgetPercent is the error budget in percent (0.1 for 99.9), without binary noise.
func (o *SLO) BudgetPercent() float64 { return round10(100 - o.Objective) }

// round10 rounds f to 10 significant digits: what is left of a decimal after float
// arithmetic (100-99.9 = 0.09999999999999432) reads as the decimal again (0.1).
func round10(f float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 10, 64), 64)
	return r
}

// ObjectiveText is the objective in percent as written ("99.9").
func (o *SLO) ObjectiveText() string {
	return FormatFloat(o.Objective)
}

// SLIKind is how the spec wrote the SLI.
type SLIKind string

const (
	SLIErrors  SLIKind = "errors"  // errors over total
	SLISuccess SLIKind = "success" // success over total
	SLILatency SLIKind = "latency" // requests within a bucket of a histogram over all
)

// SLI is what an SLO measures. Errors or Good is set, never both; Total always.
type SLI struct {
	Kind   SLIKind
	Errors *EventSelector // bad events (SLIErrors)
	Good   *EventSelector // good events (SLISuccess, SLILatency)
	Total  *EventSelector // all events

	// Exprs are the SLI's selectors as the compile stage analysed them (a latency SLI's
	// histogram reads its _bucket series).
	Exprs []*Expr

	// Latency SLIs: the histogram and the threshold, one of its buckets.
	Histogram *Metric // nil for an external histogram
	HistName  string  // full name of the histogram
	Le        float64
}

// EventSelector selects the counters of an SLI's events: the full metric name and the
// matchers the spec wrote, in the order written (a latency SLI's add le).
type EventSelector struct {
	Metric   string
	Matchers []Matcher
}

// String writes s as PromQL.
func (s *EventSelector) String() string {
	if len(s.Matchers) == 0 {
		return s.Metric
	}
	parts := make([]string, len(s.Matchers))
	for i, m := range s.Matchers {
		parts[i] = m.Label + m.Op + strconv.Quote(m.Value)
	}
	return s.Metric + "{" + strings.Join(parts, ",") + "}"
}

// With returns s with extra matchers appended.
func (s *EventSelector) With(ms ...Matcher) *EventSelector {
	out := &EventSelector{Metric: s.Metric, Matchers: append(append([]Matcher(nil), s.Matchers...), ms...)}
	return out
}

// SLOAlerting is an SLO's alerting section with defaults applied.
type SLOAlerting struct {
	// Labels are added to every alert of the SLO (sorted).
	Labels []KV
	// PageSeverity and TicketSeverity are the severity labels of the two classes of
	// alert; default critical and warning.
	PageSeverity   string
	TicketSeverity string
	Runbook        string // runbook_url of every alert; "" for none
	// MinEvents is the minimum-traffic guard: a burn-rate or budget alert needs at least
	// this many events (the SLI's total) in its long window. 0 disables it.
	MinEvents int
}

// Severity returns the severity label of an alert class.
func (a *SLOAlerting) Severity(c slo.Class) string {
	if c == slo.Page {
		return a.PageSeverity
	}
	return a.TicketSeverity
}

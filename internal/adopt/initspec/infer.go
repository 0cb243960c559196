package initspec

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/metricgen/metricgen/internal/adopt/exposition"
	"github.com/metricgen/metricgen/internal/lazyregexp"
)

// libraries are the metric families that a service exposes through libraries and that its
// spec does not own: client_golang's collectors and handler, connection tracking, gRPC
// middleware, OpenTelemetry's resource and scope metrics, and what Prometheus adds at scrape
// time. A prefix ending in '_' matches names starting with it; others match exactly.
var libraries = []struct{ prefix, who string }{
	{"go_", "the Go runtime collector of client_golang"},
	{"process_", "the process collector of client_golang"},
	{"promhttp_", "the promhttp handler of client_golang"},
	{"net_conntrack_", "go-conntrack (connection tracking)"},
	{"grpc_", "the gRPC middleware (go-grpc-prometheus)"},
	{"target_info", "OpenTelemetry (the resource's attributes)"},
	{"otel_scope_", "OpenTelemetry (instrumentation scopes)"},
	{"up", "Prometheus at scrape time"},
	{"scrape_", "Prometheus at scrape time"},
}

// scrapeSeries are the series Prometheus adds to every target; an imported rule may use them
// although no exposition shows them.
var scrapeSeries = map[string]string{
	"up":                                    "1 if Prometheus' last scrape of the target succeeded, else 0",
	"scrape_duration_seconds":               "Duration of the last scrape of the target",
	"scrape_samples_scraped":                "Samples the target exposed in the last scrape",
	"scrape_samples_post_metric_relabeling": "Samples left after metric relabelling in the last scrape",
	"scrape_series_added":                   "New series in the last scrape",
}

// library returns who exposes a library family, or "".
func library(name string) string {
	for _, l := range libraries {
		if strings.HasSuffix(l.prefix, "_") && strings.HasPrefix(name, l.prefix) || name == l.prefix {
			return l.who
		}
	}
	return ""
}

var (
	legacyName = lazyregexp.New(`^[a-zA-Z_:][a-zA-Z0-9_:]*$`)
	legacyLab  = lazyregexp.New(`^[a-zA-Z_][a-zA-Z0-9_]*$`)
	nsToken    = lazyregexp.New(`^[a-z][a-z0-9]*$`)
	deprecated = lazyregexp.New(`^\s*(\((?i:deprecated)[^)]*\)|\[(?i:deprecated)[^\]]*\]|(?i:deprecated)\s*:)\s*`)
)

// guessNamespace returns the first word shared by most of the families' names, and how many
// of them it covers.
func guessNamespace(fams []*exposition.Family) (string, int) {
	count := map[string]int{}
	for _, f := range fams {
		first, _, ok := strings.Cut(f.Name, "_")
		if ok && nsToken.MatchString(first) {
			count[first]++
		}
	}
	best, n := "", 0
	for w, c := range count {
		if c > n || c == n && w < best {
			best, n = w, c
		}
	}
	return best, n
}

// units are the base units a metric name may end in (Prometheus' naming guide), as the spec
// knows them.
var units = []string{"seconds", "bytes", "ratio", "meters", "grams", "joules", "volts", "amperes", "celsius", "bits"}

// unitOf is the unit a metric's name ends in (before _total), or "".
func unitOf(name, omUnit string) string {
	base := strings.TrimSuffix(name, "_total")
	if omUnit != "" && slices.Contains(units, omUnit) && strings.HasSuffix(base, "_"+omUnit) {
		return omUnit
	}
	i := strings.LastIndexByte(base, '_')
	if i < 0 {
		return ""
	}
	if u := base[i+1:]; slices.Contains(units, u) {
		return u
	}
	return ""
}

// The enum guess: a label is an enum when it took a few values that look like names. Larger
// or open-looking sets become free-form labels with a max_values that leaves room.
const maxEnum = 12

// freeNames are label names whose values come from an open set (ids, versions, hosts, paths).
var (
	freeNames    = []string{"id", "code", "version", "revision", "branch", "goversion", "instance", "job", "host", "hostname", "nodename", "node", "pod", "container", "address", "addr", "ip", "url", "uri", "path", "device", "mountpoint", "file", "filename", "name", "release", "domainname", "user", "tenant", "customer", "account"}
	freeSuffixes = []string{"_id", "_name", "_version", "_code", "_path", "_url", "_host", "_addr", "_address", "_ip", "_file"}
)

// labelGuess decides how a label is declared from the values seen. infoOnly says that only
// info metrics (name_info: one series per process, labels describing it) use the label.
func labelGuess(name string, values []string, infoOnly bool) *label {
	l := &label{name: name}
	n := len(values)
	why := ""
	switch {
	case slices.Contains(freeNames, name) || slices.ContainsFunc(freeSuffixes, func(s string) bool { return strings.HasSuffix(name, s) }):
		why = "its name suggests an open set of values"
	case n < 2:
		why = "only one value was seen"
	case n > maxEnum:
		why = fmt.Sprintf("more than %d values were seen", maxEnum)
	default:
		if v, open := openValue(values); open {
			why = fmt.Sprintf("values such as %q look open-ended", v)
		}
	}
	if why == "" {
		l.values = values
		l.note = fmt.Sprintf("guess: enum of the %d values seen; add every other value the code can record (the generated package exports each combination from the start)", n)
		return l
	}
	// Too low a max_values folds real values into "other" in production, silently; too high
	// only raises the series budget. So at least 10, except for the labels of info metrics.
	l.maxValues = niceCeil(2 * n)
	room := "twice that, rounded up"
	if !infoOnly && l.maxValues < 10 {
		l.maxValues, room = 10, "10"
	}
	l.note = fmt.Sprintf("guess: free-form, as %s (%d seen: %s); max_values is %s: later values fold into \"other\"", why, n, examples(values, 3), room)
	return l
}

// openValue returns a value that looks like it comes from an open set: a number, a path, an
// address, a version, free text.
func openValue(values []string) (string, bool) {
	for _, v := range values {
		if _, err := strconv.ParseFloat(v, 64); err == nil || len(v) > 40 || strings.ContainsAny(v, "/:.@ =\\") {
			return v, true
		}
	}
	return "", false
}

func examples(values []string, n int) string {
	q := make([]string, 0, n+1)
	for i, v := range values {
		if i == n {
			q = append(q, "...")
			break
		}
		q = append(q, strconv.Quote(v))
	}
	return strings.Join(q, ", ")
}

// niceCeil rounds n up to 1, 2 or 5 times a power of ten.
func niceCeil(n int) int {
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if m*p >= n {
				return m * p
			}
		}
	}
}

// seriesBudget is the spec's series budget of a metric (see validate): the product of enum
// sizes and max_values, times buckets + 3 for histograms (+Inf, _sum and _count).
func seriesBudget(m *metric, labels map[string]*label) int {
	n := 1
	for _, ln := range m.labels {
		l := labels[ln]
		k := max(1, l.maxValues)
		if l.values != nil {
			k = len(l.values)
		}
		n = min(n*k, math.MaxInt32)
	}
	if m.typ == "histogram" {
		b := len(m.buckets)
		if b == 0 {
			b = 11 // client_golang's default buckets
		}
		n = min(n*(b+3), math.MaxInt32)
	}
	return n
}

// specMetric turns an own family under the namespace into a spec metric, or says why it must
// stay external.
func specMetric(f *exposition.Family, key string) (*metric, string) {
	m := &metric{key: key, name: f.Name, family: f.Name, help: text(f.Help)}
	switch f.Type {
	case exposition.Counter, exposition.Gauge, exposition.Histogram:
		m.typ = string(f.Type)
	case exposition.Summary:
		return nil, "a summary, which metricgen does not generate (its quantiles do not aggregate across instances); a histogram would, but changes the series"
	case exposition.GaugeHistogram:
		return nil, "a gauge histogram, which metricgen does not generate"
	default:
		m.typ = "gauge"
		if strings.HasSuffix(f.Name, "_total") {
			m.typ = "counter"
		}
		m.notes = append(m.notes, fmt.Sprintf("guess: untyped in the exposition; a %s by its name", m.typ))
	}
	if loc := deprecated.FindStringIndex(m.help); loc != nil {
		mark := strings.TrimSpace(m.help[:loc[1]])
		m.help = strings.TrimSpace(m.help[loc[1]:])
		m.deprecated = "the exposition's help text says " + mark
	}
	m.unit = unitOf(f.Name, f.Unit)
	for _, ln := range f.LabelNames() {
		if len(f.Labels[ln]) > 0 {
			m.labels = append(m.labels, ln)
		}
	}
	if m.typ == "histogram" {
		m.buckets = f.Buckets
		if len(f.Buckets) == 0 {
			m.notes = append(m.notes, "the exposition shows no classic buckets (a native histogram?): it gets client_golang's default buckets unless you set buckets, or native: {bucket_factor: 1.1}")
		}
	}
	return m, ""
}

// text is a help text as the spec can hold it: YAML is Unicode, so bytes that are not UTF-8
// become U+FFFD.
func text(s string) string { return strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD")) }

// externalOf is a family as an external metric.
func externalOf(f *exposition.Family, note string) *external {
	e := &external{name: f.Name, help: text(f.Help), note: note}
	switch f.Type {
	case exposition.GaugeHistogram:
		e.typ = "histogram"
	default:
		e.typ = string(f.Type)
	}
	for _, ln := range f.LabelNames() {
		if len(f.Labels[ln]) > 0 && legacyLab.MatchString(ln) {
			e.labels = append(e.labels, ln)
		}
	}
	return e
}

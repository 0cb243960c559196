package dashboard

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/metricgen/metricgen/internal/lazyregexp"
	"github.com/metricgen/metricgen/internal/model"
)

// Panel sizes in grid units (24 columns).
const (
	gridWidth   = 24
	panelHeight = 8
	alertHeight = 4
)

// defaultQuantiles are the quantiles of every histogram's latency panel; an alert on another
// quantile adds its own.
var defaultQuantiles = []float64{0.5, 0.9, 0.99}

// metricPanels appends the panel set of one metric, starting on a new line.
//
//	counter:   rate by labels (16 wide) | increase over the range (8)
//	gauge:     value by series (16)     | last value, coloured by alerts (8)
//	histogram: p50/p90/p99 (12)         | bucket heatmap (12)
//	           mean (12)                | throughput (12)
func (b *builder) metricPanels(m *model.Metric) error {
	b.newLine()
	switch m.Type {
	case model.Counter:
		b.counterPanels(m)
	case model.Gauge:
		b.gaugePanels(m)
	case model.Histogram:
		b.histogramPanels(m)
	default:
		return fmt.Errorf("metric %s: no panels for type %q", m.Name, m.Type)
	}
	return nil
}

// counterPanels:
//
//	sum by (<labels>) (rate(<name>{<filters>}[$__rate_interval]))
//	sum(increase(<name>{<filters>}[$__range]))
func (b *builder) counterPanels(m *model.Metric) {
	sel := b.selector(m, "")
	ws := watchesOn(b.watches, m, viewRate)
	b.add(timeseries(title(m, " per second"),
		describe(m, "Per-second rate"+byLabels(m)+"."+watchNote(ws)),
		rateUnit(m), lineThresholds(ws),
		rangeTarget(sumBy(m.LabelNames(), "rate("+sel+"[$__rate_interval])"), legend(m))),
		16, panelHeight)
	b.add(stat(title(m, " in the time range"),
		describe(m, "Total increase over the dashboard's time range."),
		valueUnit(m), baseThresholds("green"), "none",
		instantTarget("sum(increase("+sel+"[$__range]))", m.Key)),
		8, panelHeight)
}

// gaugePanels:
//
//	<name>{<filters>}
func (b *builder) gaugePanels(m *model.Metric) {
	sel := b.selector(m, "")
	ws := watchesOn(b.watches, m, viewValue)
	lgd := seriesLegend(m)
	b.add(timeseries(title(m, ""),
		describe(m, "Value of each series."+watchNote(ws)),
		valueUnit(m), lineThresholds(ws), rangeTarget(sel, lgd)),
		16, panelHeight)
	last := "Last value of each series."
	if len(ws) > 0 {
		last = "Last value of each series, red where an alert on it fires."
	}
	b.add(stat(title(m, " now"),
		describe(m, last+watchNote(ws)),
		valueUnit(m), colorThresholds(ws), "area", rangeTarget(sel, lgd)),
		8, panelHeight)
}

// histogramPanels:
//
//	histogram_quantile(<q>, sum by (le) (rate(<name>_bucket{<filters>}[$__rate_interval])))
//	sum by (le) (increase(<name>_bucket{<filters>}[$__rate_interval]))        (format heatmap)
//	sum(rate(<name>_sum{...}[$__rate_interval])) / sum(rate(<name>_count{...}[$__rate_interval]))
//	sum(rate(<name>_count{<filters>}[$__rate_interval]))
//
// A histogram with native buckets too is stored either way, depending on the Prometheus scrape
// configuration (native only, unless always_scrape_classic_histograms): its quantile, mean and
// throughput queries ask for the classic series "or" the native histogram. A native-only
// histogram (no classic buckets) has its quantiles and heatmap from the native histogram alone:
//
//	histogram_quantile(<q>, sum(rate(<name>{<filters>}[$__rate_interval])))
//	sum(increase(<name>{<filters>}[$__rate_interval]))                          (native heatmap)
//
// and its mean and throughput as a histogram with both (a text scrape still has _sum and
// _count).
func (b *builder) histogramPanels(m *model.Metric) {
	rate := func(suffix string) string {
		return "rate(" + b.selector(m, suffix) + "[$__rate_interval])"
	}
	buckets := "sum by (le) (" + rate("_bucket") + ")"
	heat := heatmap(title(m, ": distribution"), describe(m, "Observations per bucket over time."), valueUnit(m),
		"sum by (le) (increase("+b.selector(m, "_bucket")+"[$__rate_interval]))")
	mean := "sum(" + rate("_sum") + ") / sum(" + rate("_count") + ")"
	throughput := "sum(" + rate("_count") + ")"
	quantile := func(q string) string { return "histogram_quantile(" + q + ", " + buckets + ")" }
	if m.Native != nil {
		native := "sum(" + rate("") + ")"
		mean += " or histogram_sum(" + native + ") / histogram_count(" + native + ")"
		throughput += " or histogram_count(" + native + ")"
		classic := quantile
		quantile = func(q string) string {
			return classic(q) + " or histogram_quantile(" + q + ", " + native + ")"
		}
		if len(m.Buckets) == 0 {
			quantile = func(q string) string { return "histogram_quantile(" + q + ", " + native + ")" }
			heat = nativeHeatmap(title(m, ": distribution"), describe(m, "Observations per native bucket over time."), valueUnit(m),
				"sum(increase("+b.selector(m, "")+"[$__rate_interval]))")
		}
	}
	unit := valueUnit(m)

	ws := watchesOn(b.watches, m, viewQuantiles)
	qs := slices.Clone(defaultQuantiles)
	for _, w := range ws {
		if w.quantile > 0 && w.quantile < 1 && !slices.Contains(qs, w.quantile) {
			qs = append(qs, w.quantile)
		}
	}
	slices.Sort(qs)
	names := make([]string, len(qs))
	targets := make([]target, len(qs))
	for i, q := range qs {
		names[i] = quantileName(q)
		targets[i] = rangeTarget(quantile(formatFloat(q)), names[i])
	}
	b.add(timeseries(title(m, ": "+strings.Join(names, ", ")),
		describe(m, "Quantiles estimated from the histogram's buckets."+watchNote(ws)),
		unit, lineThresholds(ws), targets...),
		12, panelHeight)

	b.add(heat, 12, panelHeight)

	ws = watchesOn(b.watches, m, viewMean)
	b.add(timeseries(title(m, ": mean"),
		describe(m, "Mean observation: the sum of the observed values over their count."+watchNote(ws)),
		unit, lineThresholds(ws), rangeTarget(mean, "mean")),
		12, panelHeight)

	ws = watchesOn(b.watches, m, viewThroughput)
	b.add(timeseries(title(m, ": count per second"),
		describe(m, "Observations per second."+watchNote(ws)),
		countRateUnit(m), lineThresholds(ws), rangeTarget(throughput, "observations")),
		12, panelHeight)
}

// alertPanel shows, for each alert of the spec, how many of its alerts fire (0 when quiet):
//
//	sum(ALERTS{alertname="<name>", alertstate="firing", service="<service>", <filters its result has>}) or vector(0)
//
// The service label is the one metricgen adds to every alert (or the alert's own), so that
// two services with an alert of the same name stay apart.
// ALERTS series carry the labels of the alert's result, not the scrape's: filtering an alert
// that aggregates job away on job=~".+" would hide it, so only the filters its result has apply.
func (b *builder) alertPanel() {
	var (
		targets []target
		desc    strings.Builder
	)
	desc.WriteString("Firing instances of each alert of this service, 0 when quiet.\n")
	for _, a := range b.s.Alerts {
		sel := fmt.Sprintf("alertname=%s, alertstate=\"firing\"", strconv.Quote(a.Name))
		if svc := alertLabel(a, "service"); svc != "" {
			// Another service's alert of the same name is not this one.
			sel += ", service=" + strconv.Quote(svc)
		}
		if have := a.Expr.Labels; have.Known {
			fs := b.filtersIn(func(l string) bool {
				return have.Has(l) || slices.ContainsFunc(a.Labels, func(kv model.KV) bool { return kv.Key == l })
			})
			if len(fs) > 0 {
				sel += ", " + matchers(fs)
			}
		}
		targets = append(targets, instantTarget("sum(ALERTS{"+sel+"}) or vector(0)", a.Name))
		fmt.Fprintf(&desc, "\n- %s", a.Name)
		if sev := a.Severity(); sev != "" {
			fmt.Fprintf(&desc, " (%s)", sev)
		}
		if summary := alertAnnotation(a, "summary"); summary != "" {
			fmt.Fprintf(&desc, ": %s", untemplate(summary))
		}
	}
	th, one := baseThresholds("green"), 1.0
	th.Steps = append(th.Steps, thresholdStep{Color: "red", Value: &one})
	p := stat("Alerts firing", desc.String(), "short", th, "none", targets...)
	o := p.Options.(statOptions)
	o.ColorMode, o.TextMode = "background", "value_and_name"
	p.Options = o
	b.add(p, gridWidth, alertHeight)
}

// templateAction is an action of Prometheus' alert templates, {{ $labels.instance }} among them.
var templateAction = lazyregexp.New(`{{-?\s*(.*?)\s*-?}}`)

// untemplate writes an alert's summary for a panel description, where nothing expands
// templates: {{ $labels.x }} becomes <x>, other actions "...".
func untemplate(s string) string {
	return templateAction.ReplaceAllStringFunc(s, func(a string) string {
		inner := templateAction.FindStringSubmatch(a)[1]
		if l, ok := strings.CutPrefix(inner, "$labels."); ok && !strings.ContainsAny(l, " |") {
			return "<" + l + ">"
		}
		return "..."
	})
}

func alertLabel(a *model.Alert, key string) string {
	for _, kv := range a.Labels {
		if kv.Key == key {
			return kv.Value
		}
	}
	return ""
}

func alertAnnotation(a *model.Alert, key string) string {
	for _, kv := range a.Annotations {
		if kv.Key == key {
			return kv.Value
		}
	}
	return ""
}

// extraPanel is one of the spec's dashboard.panels: its expression with the dashboard's
// filters added to every selector.
func (b *builder) extraPanel(sp *model.Panel) error {
	expr := b.filterQuery(sp.Expr)
	desc := sp.Description
	if desc == "" {
		desc = helpOf(sp.Expr)
	}
	if desc == "" {
		desc = sp.Title + "."
	}
	unit := panelUnit(sp.Unit)
	lgd := sp.Legend
	var p *panel
	switch sp.Type {
	case "timeseries":
		p = timeseries(sp.Title, desc, unit, baseThresholds("green"), rangeTarget(expr, legendOr(lgd, "__auto")))
	case "stat":
		p = stat(sp.Title, desc, unit, baseThresholds("green"), "area", rangeTarget(expr, legendOr(lgd, "__auto")))
	case "bargauge":
		p = bargauge(sp.Title, desc, unit, instantTarget(expr, legendOr(lgd, "__auto")))
	case "heatmap":
		p = heatmap(sp.Title, desc, unit, expr)
		if lgd != "" {
			p.Targets[0].LegendFormat = lgd
		}
	default:
		return fmt.Errorf("dashboard panel %q: no panel type %q", sp.Title, sp.Type)
	}
	b.add(p, gridWidth/2, panelHeight)
	return nil
}

// helpOf returns the help texts of the spec metrics e reads, for a panel the spec gives no
// description.
func helpOf(e *model.Expr) string {
	var helps []string
	for _, m := range e.Metrics() {
		if m.Help != "" && !slices.Contains(helps, sentence(m.Help)) {
			helps = append(helps, sentence(m.Help))
		}
	}
	return strings.Join(helps, " ")
}

func legendOr(l, def string) string {
	if l == "" {
		return def
	}
	return l
}

// title is the title of a panel of m: the metric's title (the spec's, or its help made a
// title) and what the panel shows of it, marked when the metric is deprecated.
func title(m *model.Metric, what string) string {
	t := m.DisplayTitle() + what
	if m.Deprecated != "" {
		t += " (deprecated)"
	}
	return t
}

// describe is a panel's description: the metric's name, so that it can be found in
// Prometheus, its help, what the panel shows of it, and whether the metric is deprecated.
func describe(m *model.Metric, what string) string {
	d := "`" + m.Name + "`"
	if h := sentence(m.Help); h != "" {
		d += ": " + h
	} else {
		d += "."
	}
	d += " " + what
	if m.Deprecated != "" {
		d = "Deprecated: " + sentence(m.Deprecated) + " " + d
	}
	return strings.TrimSpace(d)
}

// sentence ends s with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}

// byLabels says how a panel splits its series.
func byLabels(m *model.Metric) string {
	names := m.LabelNames()
	switch len(names) {
	case 0:
		return ""
	case 1:
		return ", by " + names[0]
	}
	return ", by " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// sumBy wraps expr in sum by (labels), or sum when there are none.
func sumBy(labels []string, expr string) string {
	if len(labels) == 0 {
		return "sum(" + expr + ")"
	}
	return "sum by (" + strings.Join(labels, ", ") + ") (" + expr + ")"
}

// legend names a series of an aggregation by m's labels.
func legend(m *model.Metric) string {
	if len(m.Labels) == 0 {
		return m.Key
	}
	parts := make([]string, len(m.Labels))
	for i, l := range m.Labels {
		parts[i] = "{{" + l.Name + "}}"
	}
	return strings.Join(parts, " ")
}

// seriesLegend names a raw series of m: its instance and labels.
func seriesLegend(m *model.Metric) string {
	parts := []string{"{{instance}}"}
	for _, l := range m.Labels {
		parts = append(parts, "{{"+l.Name+"}}")
	}
	return strings.Join(parts, " ")
}

// Panel constructors. Targets get their refIds (A, B, ...) here.

func newPanel(typ, title, desc, unit string, th thresholds, color string, custom, options any, targets []target) *panel {
	for i := range targets {
		targets[i].RefID = refID(i)
	}
	return &panel{
		Type:        typ,
		Title:       title,
		Description: desc,
		Datasource:  promDatasource,
		FieldConfig: fieldConfig{
			Defaults: fieldDefaults{
				Unit:       unit,
				Color:      fieldColor{Mode: color},
				Thresholds: th,
				Custom:     custom,
				Mappings:   []any{},
			},
			Overrides: []any{},
		},
		Options: options,
		Targets: targets,
	}
}

// refID returns Grafana's query names: A..Z, then AA, AB, ...
func refID(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

func timeseries(title, desc, unit string, th thresholds, targets ...target) *panel {
	style := "off"
	if len(th.Steps) > 1 {
		style = "line"
	}
	custom := timeseriesCustom{
		DrawStyle:         "line",
		LineInterpolation: "linear",
		LineWidth:         1,
		FillOpacity:       10,
		GradientMode:      "none",
		ShowPoints:        "never",
		AxisPlacement:     "auto",
		Stacking:          stacking{Mode: "none", Group: "A"},
		ThresholdsStyle:   thresholdsStyle{Mode: style},
	}
	options := timeseriesOptions{
		Legend:  legendOptions{DisplayMode: "list", Placement: "bottom", ShowLegend: true, Calcs: []string{}},
		Tooltip: tooltipOptions{Mode: "multi", Sort: "desc"},
	}
	return newPanel("timeseries", title, desc, unit, th, "palette-classic", custom, options, targets)
}

func stat(title, desc, unit string, th thresholds, graphMode string, targets ...target) *panel {
	options := statOptions{
		ReduceOptions:          reduceOptions{Calcs: []string{"lastNotNull"}},
		Orientation:            "auto",
		GraphMode:              graphMode,
		ColorMode:              "value",
		JustifyMode:            "auto",
		TextMode:               "auto",
		WideLayout:             true,
		PercentChangeColorMode: "standard",
	}
	return newPanel("stat", title, desc, unit, th, "thresholds", nil, options, targets)
}

func bargauge(title, desc, unit string, targets ...target) *panel {
	options := bargaugeOptions{
		ReduceOptions: reduceOptions{Calcs: []string{"lastNotNull"}},
		Orientation:   "horizontal",
		DisplayMode:   "gradient",
		ValueMode:     "color",
		NamePlacement: "auto",
		ShowUnfilled:  true,
		Sizing:        "auto",
		MinVizWidth:   8,
		MinVizHeight:  16,
		MaxVizHeight:  300,
		Legend:        legendOptions{DisplayMode: "list", Placement: "bottom", ShowLegend: false, Calcs: []string{}},
	}
	return newPanel("bargauge", title, desc, unit, baseThresholds("green"), "palette-classic", nil, options, targets)
}

// heatmap shows bucket counts (format heatmap: one series per le, in le order) as given by
// the data, with yUnit on the y axis; cells count observations.
func heatmap(title, desc, yUnit, expr string) *panel {
	options := heatmapOptions{
		Calculate: false,
		CellGap:   1,
		Color: heatmapColor{Mode: "scheme", Scheme: "Oranges", Fill: "dark-orange",
			Scale: "exponential", Exponent: 0.5, Steps: 64},
		Exemplars:    heatmapExemplars{Color: "rgba(255,0,255,0.7)"},
		FilterValues: heatmapFilter{Le: 1e-9},
		Legend:       heatmapLegend{Show: true},
		RowsFrame:    heatmapRowsFrame{Layout: "le"},
		ShowValue:    "never",
		Tooltip:      heatmapTooltip{Mode: "single", YHistogram: true},
		YAxis:        heatmapYAxis{AxisPlacement: "left", Unit: yUnit},
	}
	custom := heatmapCustom{ScaleDistribution: scaleDistribution{Type: "linear"}}
	t := rangeTarget(expr, "{{le}}")
	t.Format = "heatmap"
	return newPanel("heatmap", title, desc, "short", baseThresholds("green"), "palette-classic", custom, options, []target{t})
}

// nativeHeatmap is a heatmap of a query that returns native histograms: Grafana's Prometheus
// data source turns them into heatmap cells itself, from a time-series query (the heatmap
// format would convert le-labelled series, which a native histogram has none of).
func nativeHeatmap(title, desc, yUnit, expr string) *panel {
	p := heatmap(title, desc, yUnit, expr)
	o := p.Options.(heatmapOptions)
	o.RowsFrame.Layout = "auto"
	p.Options = o
	p.Targets[0].Format = "time_series"
	p.Targets[0].LegendFormat = "__auto"
	return p
}

func rangeTarget(expr, legend string) target {
	return target{Datasource: promDatasource, EditorMode: "code", Expr: expr, LegendFormat: legend,
		Range: true, Format: "time_series"}
}

func instantTarget(expr, legend string) target {
	return target{Datasource: promDatasource, EditorMode: "code", Expr: expr, LegendFormat: legend,
		Instant: true, Format: "time_series"}
}

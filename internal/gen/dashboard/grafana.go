package dashboard

// The structs below are the slice of Grafana's classic dashboard model that metricgen writes.
// Field order is the order of the generated JSON, so that it never churns; every field that
// Grafana would otherwise default is written out only where the default is not what we want.

// schemaVersion is the classic dashboard model's version the output follows.
const schemaVersion = 42

type dashboardJSON struct {
	UID           string         `json:"uid"`
	Title         string         `json:"title"`
	Description   string         `json:"description"`
	Tags          []string       `json:"tags"`
	Editable      bool           `json:"editable"`
	GraphTooltip  int            `json:"graphTooltip"`
	Time          timeRange      `json:"time"`
	Refresh       string         `json:"refresh"`
	SchemaVersion int            `json:"schemaVersion"`
	Annotations   annotationList `json:"annotations"`
	Templating    templating     `json:"templating"`
	Panels        []any          `json:"panels"` // *rowPanel or *panel, in grid order
}

type timeRange struct {
	From string `json:"from"`
	To   string `json:"to"`
}

type annotationList struct {
	List []annotation `json:"list"`
}

// annotation is Grafana's built-in "Annotations & Alerts" query, which every dashboard has.
type annotation struct {
	BuiltIn    int           `json:"builtIn"`
	Datasource datasourceRef `json:"datasource"`
	Enable     bool          `json:"enable"`
	Hide       bool          `json:"hide"`
	IconColor  string        `json:"iconColor"`
	Name       string        `json:"name"`
	Type       string        `json:"type"`
}

type templating struct {
	List []variable `json:"list"`
}

type variable struct {
	Type        string         `json:"type"`
	Name        string         `json:"name"`
	Label       string         `json:"label"`
	Description string         `json:"description,omitempty"`
	Datasource  *datasourceRef `json:"datasource,omitempty"`
	Query       string         `json:"query"`
	Definition  string         `json:"definition,omitempty"`
	Current     *current       `json:"current,omitempty"`
	Options     []current      `json:"options"`
	Refresh     int            `json:"refresh"`
	Regex       string         `json:"regex"`
	Sort        int            `json:"sort,omitempty"`
	Multi       bool           `json:"multi"`
	IncludeAll  bool           `json:"includeAll"`
	AllValue    string         `json:"allValue,omitempty"`
	Hide        int            `json:"hide"`
}

// current is a variable's selected value; multi-value variables keep lists.
type current struct {
	Selected bool     `json:"selected"`
	Text     []string `json:"text"`
	Value    []string `json:"value"`
}

type datasourceRef struct {
	Type string `json:"type"`
	UID  string `json:"uid"`
}

// promDatasource is the datasource of every panel, target and query variable: the dashboard's
// own datasource variable, so that one dashboard serves every Prometheus.
var promDatasource = datasourceRef{Type: "prometheus", UID: "${datasource}"}

type gridPos struct {
	H int `json:"h"`
	W int `json:"w"`
	X int `json:"x"`
	Y int `json:"y"`
}

type rowPanel struct {
	ID        int     `json:"id"`
	Type      string  `json:"type"` // "row"
	Title     string  `json:"title"`
	Collapsed bool    `json:"collapsed"`
	GridPos   gridPos `json:"gridPos"`
	Panels    []any   `json:"panels"` // always empty: an expanded row's panels follow it
}

type panel struct {
	ID          int           `json:"id"`
	Type        string        `json:"type"`
	Title       string        `json:"title"`
	Description string        `json:"description"`
	Datasource  datasourceRef `json:"datasource"`
	GridPos     gridPos       `json:"gridPos"`
	FieldConfig fieldConfig   `json:"fieldConfig"`
	Options     any           `json:"options"`
	Targets     []target      `json:"targets"`
}

type fieldConfig struct {
	Defaults  fieldDefaults `json:"defaults"`
	Overrides []any         `json:"overrides"`
}

type fieldDefaults struct {
	Unit       string     `json:"unit"`
	NoValue    string     `json:"noValue,omitempty"`
	Color      fieldColor `json:"color"`
	Thresholds thresholds `json:"thresholds"`
	Custom     any        `json:"custom,omitempty"` // the panel plugin's FieldConfig
	Mappings   []any      `json:"mappings"`
}

type fieldColor struct {
	Mode string `json:"mode"`
}

type thresholds struct {
	Mode  string          `json:"mode"`
	Steps []thresholdStep `json:"steps"`
}

// thresholdStep's nil Value is the base step (-Infinity), written as null as Grafana does.
type thresholdStep struct {
	Color string   `json:"color"`
	Value *float64 `json:"value"`
}

type target struct {
	RefID        string        `json:"refId"`
	Datasource   datasourceRef `json:"datasource"`
	EditorMode   string        `json:"editorMode"`
	Expr         string        `json:"expr"`
	LegendFormat string        `json:"legendFormat"`
	Range        bool          `json:"range"`
	Instant      bool          `json:"instant"`
	Format       string        `json:"format"`
	// Exemplar asks Prometheus for the exemplars of the query's series too: Grafana draws
	// them on the panel, each linking to its trace.
	Exemplar bool `json:"exemplar,omitempty"`
}

// Panel plugin options and custom field configs, per panel type.

type legendOptions struct {
	DisplayMode string   `json:"displayMode"`
	Placement   string   `json:"placement"`
	ShowLegend  bool     `json:"showLegend"`
	Calcs       []string `json:"calcs"`
}

type tooltipOptions struct {
	Mode string `json:"mode"`
	Sort string `json:"sort"`
}

type timeseriesOptions struct {
	Legend  legendOptions  `json:"legend"`
	Tooltip tooltipOptions `json:"tooltip"`
}

type timeseriesCustom struct {
	DrawStyle         string          `json:"drawStyle"`
	LineInterpolation string          `json:"lineInterpolation"`
	LineWidth         int             `json:"lineWidth"`
	FillOpacity       int             `json:"fillOpacity"`
	GradientMode      string          `json:"gradientMode"`
	ShowPoints        string          `json:"showPoints"`
	SpanNulls         bool            `json:"spanNulls"`
	AxisPlacement     string          `json:"axisPlacement"`
	Stacking          stacking        `json:"stacking"`
	ThresholdsStyle   thresholdsStyle `json:"thresholdsStyle"`
}

type stacking struct {
	Mode  string `json:"mode"`
	Group string `json:"group"`
}

type thresholdsStyle struct {
	Mode string `json:"mode"`
}

type reduceOptions struct {
	Values bool     `json:"values"`
	Calcs  []string `json:"calcs"`
	Fields string   `json:"fields"`
}

type statOptions struct {
	ReduceOptions          reduceOptions `json:"reduceOptions"`
	Orientation            string        `json:"orientation"`
	GraphMode              string        `json:"graphMode"`
	ColorMode              string        `json:"colorMode"`
	JustifyMode            string        `json:"justifyMode"`
	TextMode               string        `json:"textMode"`
	WideLayout             bool          `json:"wideLayout"`
	ShowPercentChange      bool          `json:"showPercentChange"`
	PercentChangeColorMode string        `json:"percentChangeColorMode"`
}

type bargaugeOptions struct {
	ReduceOptions reduceOptions `json:"reduceOptions"`
	Orientation   string        `json:"orientation"`
	DisplayMode   string        `json:"displayMode"`
	ValueMode     string        `json:"valueMode"`
	NamePlacement string        `json:"namePlacement"`
	ShowUnfilled  bool          `json:"showUnfilled"`
	Sizing        string        `json:"sizing"`
	MinVizWidth   int           `json:"minVizWidth"`
	MinVizHeight  int           `json:"minVizHeight"`
	MaxVizHeight  int           `json:"maxVizHeight"`
	Legend        legendOptions `json:"legend"`
}

type heatmapOptions struct {
	Calculate    bool             `json:"calculate"`
	CellGap      int              `json:"cellGap"`
	Color        heatmapColor     `json:"color"`
	Exemplars    heatmapExemplars `json:"exemplars"`
	FilterValues heatmapFilter    `json:"filterValues"`
	Legend       heatmapLegend    `json:"legend"`
	RowsFrame    heatmapRowsFrame `json:"rowsFrame"`
	ShowValue    string           `json:"showValue"`
	Tooltip      heatmapTooltip   `json:"tooltip"`
	YAxis        heatmapYAxis     `json:"yAxis"`
}

type heatmapColor struct {
	Mode     string  `json:"mode"`
	Scheme   string  `json:"scheme"`
	Fill     string  `json:"fill"`
	Scale    string  `json:"scale"`
	Exponent float64 `json:"exponent"`
	Steps    int     `json:"steps"`
	Reverse  bool    `json:"reverse"`
}

type heatmapExemplars struct {
	Color string `json:"color"`
}

type heatmapFilter struct {
	Le float64 `json:"le"`
}

type heatmapLegend struct {
	Show bool `json:"show"`
}

type heatmapRowsFrame struct {
	Layout string `json:"layout"`
}

type heatmapTooltip struct {
	Mode       string `json:"mode"`
	YHistogram bool   `json:"yHistogram"`
}

type heatmapYAxis struct {
	AxisPlacement string `json:"axisPlacement"`
	Reverse       bool   `json:"reverse"`
	Unit          string `json:"unit"`
}

type heatmapCustom struct {
	HideFrom          hideFrom          `json:"hideFrom"`
	ScaleDistribution scaleDistribution `json:"scaleDistribution"`
}

type hideFrom struct {
	Legend  bool `json:"legend"`
	Tooltip bool `json:"tooltip"`
	Viz     bool `json:"viz"`
}

type scaleDistribution struct {
	Type string `json:"type"`
}

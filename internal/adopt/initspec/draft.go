package initspec

// draft is the spec being drafted, before it is written as YAML: every value with the note
// that explains a guess, in the order the YAML lists it.
type draft struct {
	header    []string // comment lines at the top
	namespace string
	nsNote    string
	service   string
	svcNote   string
	goPackage string
	outputs   []kv
	outNote   string

	labels   []*label  // sorted by name
	metrics  []*metric // sorted by key
	external []*external
	extNote  []string // comment above external_metrics: what was left out
	leftOut  []string

	ruleGroup     string
	ruleInterval  string
	ruleGroupNote []string
	records       []*rule
	alerts        []*rule
	rulesNote     []string

	dashTitle string
	dashTags  []string
	dashNote  []string
	panels    []*panel
}

type kv struct{ key, value string }

type label struct {
	name      string
	values    []string // enum
	maxValues int      // free-form
	note      string
	ignores   []string // check codes an ignore comment silences
}

type metric struct {
	key        string
	name       string // full name
	typ        string
	help       string
	unit       string
	labels     []string
	buckets    []float64
	maxSeries  int
	deprecated string
	notes      []string
	ignores    []string // check codes an ignore comment silences
	family     string   // the exposition family it came from
}

type external struct {
	name   string
	typ    string
	help   string
	labels []string
	note   string
}

type rule struct {
	source        string // file:line
	alert, record string
	expr          string
	forDur        string
	keepFiring    string
	severity      string
	labels        []kv
	summary       string
	description   string
	runbook       string
	annotations   []kv
	notes         []string
}

type panel struct {
	note        string
	title       string
	typ         string
	expr        string
	unit        string
	legend      string
	description string
}

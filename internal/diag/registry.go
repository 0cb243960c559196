package diag

// Checks is the registry: every check code metricgen reports, sorted by code. See Check.
//
// Examples are YAML a spec contains (after version, namespace and service, unless ExampleFile): a
// test validates each and expects its code.
var Checks = []Check{
	{
		Code: DashboardDuplicateMetric, Severity: Error, Ignorable: false,
		Summary: "a metric is listed in two dashboard groups; a metric belongs to one row",
		Catches: "`dashboard.groups` arranges the default panels of each metric into rows. A metric in two groups would have its panels twice, with the same panel ids.",
		Example: `
metrics:
  orders_total: {type: counter, help: Orders placed}
dashboard:
  groups:
    - {title: Sales, metrics: [orders_total]}
    - {title: Everything, metrics: [orders_total]}
`,
		Fix: "Keep the metric in one group.",
	},
	{
		Code: DashboardUnknownMetric, Severity: Error, Ignorable: false,
		Summary: "a dashboard group lists a metric the spec does not define",
		Catches: "A group names metrics by their key under `metrics` (without the namespace). A misspelt key, or a full name with the namespace, would leave the row empty.",
		Example: `
metrics:
  orders_total: {type: counter, help: Orders placed}
dashboard:
  groups:
    - {title: Sales, metrics: [shop_orders_total]}
`,
		Fix: "Use the key as written under `metrics` (`orders_total`); the diagnostic suggests the closest one.",
	},
	{
		Code: DiffAlertAdded, Severity: Notice, Ignorable: false,
		Summary: "a new alert (safe)",
		Catches: "A new alert pages nobody who was not paged before by another alert, and breaks no consumer. `testdata/diff/alert-added` holds a before and after.",
		Fix:     "Nothing to fix. Make sure its receiver and runbook exist before it first fires.",
	},
	{
		Code: DiffAlertChanged, Severity: Notice, Ignorable: false,
		Summary: "an alert's expression, threshold, for, keep_firing_for, annotations or new labels changed (safe)",
		Catches: "The alert still exists under its name with the labels routes match on; when only a threshold moved, the message says from what to what. `testdata/diff/alert-changed` holds a before and after.",
		Fix:     "Nothing to fix; review that the new condition still means what its summary says.",
	},
	{
		Code: DiffAlertLabelsChanged, Severity: Error, Ignorable: false,
		Summary: "an alert lost a label or a label's value changed: Alertmanager routes, inhibit rules and silences that match it behave differently (breaking)",
		Catches: "Alertmanager routes, inhibits and silences alerts by their labels: `severity: ticket` becoming `severity: page` changes who is woken up, and a silence on the old value no longer applies. `testdata/diff/alert-labels-changed` holds a before and after.",
		Fix:     "Update the Alertmanager configuration (routes, inhibit rules) in the same release, then pass `--allow-breaking`; or add the new label instead of changing an existing one.",
	},
	{
		Code: DiffAlertRemoved, Severity: Error, Ignorable: false,
		Summary: "an alert is removed: whoever it paged is no longer paged, and routes and silences on its name match nothing (breaking)",
		Catches: "Removing an alert is silent: nothing fails, the page just never comes. It is safe (a notice) when the alert read only metrics the old version deprecated and the new one removes. `testdata/diff/alert-removed` holds a before and after.",
		Fix:     "Keep the alert, or replace it with one that covers the same failure; pass `--allow-breaking` when its owners agreed. Remove an alert with the deprecated metrics it reads to make it part of the deprecation path.",
	},
	{
		Code: DiffAlertRenamed, Severity: Error, Ignorable: false,
		Summary: "an alert is renamed (same expression): routes, inhibit rules and silences on alertname stop matching (breaking)",
		Catches: "Alertmanager, silences, runbook links and on-call dashboards refer to alerts by `alertname`. A firing alert resolves under the old name and fires again under the new one. `testdata/diff/alert-renamed` holds a before and after.",
		Fix:     "Keep the old name, or update every reference (routes, inhibit rules, runbooks) in the same release and pass `--allow-breaking`.",
	},
	{
		Code: DiffDashboardChanged, Severity: Notice, Ignorable: false,
		Summary: "the dashboard's title, tags, rows or extra panels changed (safe: the dashboard is generated)",
		Catches: "The dashboard is generated and replaces the old one by its stable uid; nobody reads its panels programmatically. `testdata/diff/dashboard-changed` holds a before and after.",
		Fix:     "Nothing to fix.",
	},
	{
		Code: DiffDeprecatedMetricRemoved, Severity: Notice, Ignorable: false,
		Summary: "a metric the old version deprecated is removed: the deprecation path (safe)",
		Catches: "Like Kubernetes' metric lifecycle: a release marks the metric `deprecated:` (its help becomes \"(Deprecated) ...\" and its Go field `Deprecated:`), consumers move away, a later release removes it. `testdata/diff/deprecated-metric-removed` holds a before and after.",
		Fix:     "Nothing to fix: this is how to remove a metric.",
	},
	{
		Code: DiffExternalChanged, Severity: Notice, Ignorable: false,
		Summary: "an external metric's declaration was added, removed or changed (safe: other exporters own those series)",
		Catches: "`external_metrics` only declares what other exporters expose, for checking expressions; changing it changes no series. `testdata/diff/external-changed` holds a before and after.",
		Fix:     "Nothing to fix.",
	},
	{
		Code: DiffGoBackendChanged, Severity: Notice, Ignorable: false,
		Summary: "go.backend changed: the package records through the other library; New's argument changes, the compiler shows where (safe)",
		Catches: "The generated methods stay the same; New takes a prometheus.Registerer or a metric.MeterProvider. Through OpenTelemetry's Prometheus exporter the series gain target_info and otel_scope_* labels, and histogram series appear at their first observation rather than at 0. `testdata/diff/go-backend-changed` holds a before and after.",
		Fix:     "Change the New call the compiler reports and set up the MeterProvider (or the registry).",
	},
	{
		Code: DiffGoBackendRenames, Severity: Error, Ignorable: false,
		Summary: "with the new go.backend, a metric reaches Prometheus under another name (OpenTelemetry's name translation) (breaking)",
		Catches: "The OpenTelemetry Prometheus exporter's default translation moves `total` to the end of a counter's name and `ratio` to the end of a ratio gauge's; switching the backend then renames the series every query reads (validation warns about such names with naming/otel-rename). `testdata/diff/go-backend-changed` holds a before and after.",
		Fix:     "Rename the metric to the name the exporter keeps, or pass `--allow-breaking` once the queries follow.",
	},
	{
		Code: DiffGoPackageChanged, Severity: Notice, Ignorable: false,
		Summary: "the generated Go package was added, removed, renamed or moved; the compiler shows every importer to change (safe)",
		Catches: "A changed package name or folder breaks the Go code that imports it, but loudly: it stops compiling, so nothing breaks silently. `testdata/diff/go-package-changed` holds a before and after.",
		Fix:     "Update the imports the compiler reports.",
	},
	{
		Code: DiffHistogramBucketsChanged, Severity: Error, Ignorable: false,
		Summary: "a histogram's bucket boundaries changed: quantiles shift, and queries and SLOs on a removed le bound return nothing (breaking)",
		Catches: "`histogram_quantile()` interpolates inside buckets, so other boundaries give other quantiles for the same traffic; an SLO or alert on `le=\"0.5\"` finds nothing once 0.5 is gone; and over a range spanning the deploy, `rate()` mixes both layouts. `testdata/diff/histogram-buckets-changed` holds a before and after.",
		Fix:     "Only add boundaries that queries do not name, keep the ones SLOs use, and pass `--allow-breaking` once the quantile alerts' thresholds were reviewed; or move to native histograms, which need no boundaries.",
	},
	{
		Code: DiffHistogramNativeRemoved, Severity: Error, Ignorable: false,
		Summary: "a histogram no longer has native buckets: queries of its native histograms return nothing (breaking)",
		Catches: "Native histograms are stored under the metric's bare name; queries such as `histogram_quantile(0.9, rate(x[5m]))` or `histogram_count()` on it return nothing once they are gone. `testdata/diff/histogram-native-removed` holds a before and after.",
		Fix:     "Keep `native:` until no query reads the native series, then pass `--allow-breaking`.",
	},
	{
		Code: DiffLabelChanged, Severity: Notice, Ignorable: false,
		Summary: "a label's help, pattern or max_values changed, or a label was declared or undeclared (safe)",
		Catches: "These change documentation or run-time guards, not the series that exist. `testdata/diff/label-changed` holds a before and after.",
		Fix:     "Nothing to fix; a lower `max_values` folds more values into `other`.",
	},
	{
		Code: DiffLabelKindChanged, Severity: Error, Ignorable: false,
		Summary: "a label used by metrics changed between enum and free-form: its Go parameter type changes, and an enum records only its values (breaking)",
		Catches: "An enum label is a Go type with constants; a free-form label is a string. Switching breaks every call site, and turning a free-form label into an enum drops the values it does not list. `testdata/diff/label-kind-changed` holds a before and after.",
		Fix:     "List every value the code records before making a label an enum; pass `--allow-breaking` once the callers are updated.",
	},
	{
		Code: DiffLabelValueAdded, Severity: Notice, Ignorable: false,
		Summary: "an enum label takes a new value; its series start at 0 (safe)",
		Catches: "A new value adds series (exported at 0 from the first scrape) and breaks no query. `testdata/diff/label-value-added` holds a before and after.",
		Fix:     "Nothing to fix.",
	},
	{
		Code: DiffLabelValueRemoved, Severity: Error, Ignorable: false,
		Summary: "an enum label used by metrics no longer takes a value: queries on it match nothing, and Go code using its constant stops compiling (breaking)",
		Catches: "Alerts and dashboards that match `method=\"DELETE\"` silently match nothing once the value is gone; the message lists those of the spec. `testdata/diff/label-value-removed` holds a before and after.",
		Fix:     "Keep the value while anything reads it; remove the spec's own uses, then pass `--allow-breaking`.",
	},
	{
		Code: DiffMetricAdded, Severity: Notice, Ignorable: false,
		Summary: "a new metric (safe)",
		Catches: "A new metric adds series and breaks no consumer. `testdata/diff/metric-added` holds a before and after.",
		Fix:     "Nothing to fix.",
	},
	{
		Code: DiffMetricChanged, Severity: Notice, Ignorable: false,
		Summary: "a metric's help, max_series, native buckets added, unit set or unset, or label order with distinct Go types changed (safe)",
		Catches: "These change metadata or the generated API in ways the compiler reports; the series stay the same. `testdata/diff/metric-changed` holds a before and after.",
		Fix:     "Nothing to fix.",
	},
	{
		Code: DiffMetricDeprecated, Severity: Notice, Ignorable: false,
		Summary: "a metric is now deprecated: its help is exposed with \"(Deprecated)\", and a later version may remove it (safe)",
		Catches: "The first step of the deprecation path: consumers see the mark in the exposition's help and in the generated Go field's `Deprecated:` comment; `metricgen diff` then accepts the metric's removal. `testdata/diff/metric-deprecated` holds a before and after.",
		Fix:     "Nothing to fix; tell the metric's consumers.",
	},
	{
		Code: DiffMetricLabelAdded, Severity: Error, Ignorable: false,
		Summary: "a metric gets a new label: each series splits, and queries matching exact label sets change their result (breaking)",
		Catches: "`sum(rate(x[5m]))` still works, but `a / on(method) b`, `x == y`, recording rules that keep every label, and panels that count series or show one line per series change their result. `testdata/diff/metric-label-added` holds a before and after.",
		Fix:     "Prefer a new metric for the new dimension; or review the readers the message lists (and those outside the spec) and pass `--allow-breaking`.",
	},
	{
		Code: DiffMetricLabelOrderChanged, Severity: Error, Ignorable: false,
		Summary: "a metric's labels changed order and two of them have the same Go type: existing calls compile and record values under the wrong label (breaking)",
		Catches: "The generated methods take labels as positional arguments in the spec's order. Two free-form labels are both `string`: swapping them keeps every call compiling while each value lands under the other label. `testdata/diff/metric-label-order-changed` holds a before and after.",
		Fix:     "Keep the order, or update every call in the same change and pass `--allow-breaking`.",
	},
	{
		Code: DiffMetricLabelRemoved, Severity: Error, Ignorable: false,
		Summary: "a metric loses a label: queries filtering or grouping on it match nothing or aggregate differently (breaking)",
		Catches: "Alerts and dashboards that filter on the label (`route=\"/cart\"`) match nothing, and those that group by it get one series where there were several. `testdata/diff/metric-label-removed` holds a before and after.",
		Fix:     "Keep the label while something reads it; check the readers the message lists, then pass `--allow-breaking`.",
	},
	{
		Code: DiffMetricRemoved, Severity: Error, Ignorable: false,
		Summary: "a metric is removed without having been deprecated first (breaking)",
		Catches: "Dashboards, alerts and queries that read the metric get no data: alerts on it stay silent instead of failing. Removal is safe only once a previous version marked it `deprecated:` (see `diff/deprecated-metric-removed`). `testdata/diff/metric-removed` holds a before and after.",
		Fix:     "Mark the metric `deprecated: why` in one release, remove it in a later one; or pass `--allow-breaking` when its consumers are gone.",
	},
	{
		Code: DiffMetricRenamed, Severity: Error, Ignorable: false,
		Summary: "a metric is renamed (same type, labels and help; or the namespace changed): its readers get no data (breaking)",
		Catches: "A rename is a removal for every reader of the old name, and splits the metric's history between two names. metricgen recognises one by the same type, labels and help. `testdata/diff/metric-renamed` holds a before and after.",
		Fix:     "Add the new metric and deprecate the old one, record both for a release, then remove the old one.",
	},
	{
		Code: DiffMetricTypeChanged, Severity: Error, Ignorable: false,
		Summary: "a metric's type changed: rate() of a gauge, a counter's value or a histogram's buckets mean something else (breaking)",
		Catches: "Queries are written for a type: `rate()` of a counter, the value of a gauge, `_bucket` series of a histogram. Under the same name, the series of both types mix over a range spanning the deploy. `testdata/diff/metric-type-changed` holds a before and after.",
		Fix:     "Give the new type a new name (and deprecate the old metric).",
	},
	{
		Code: DiffMetricUnitChanged, Severity: Error, Ignorable: false,
		Summary: "a metric's unit changed: every threshold and panel unit on it is off by the conversion (breaking)",
		Catches: "An alert `> 0.5` on seconds means something else on milliseconds; panels show the wrong unit. `testdata/diff/metric-unit-changed` holds a before and after.",
		Fix:     "Name the metric after its unit (which makes this a rename), or review every threshold and pass `--allow-breaking`.",
	},
	{
		Code: DiffNamespaceChanged, Severity: Error, Ignorable: false,
		Summary: "the namespace changed: every metric of the spec is renamed (breaking)",
		Catches: "The namespace prefixes every metric name, so changing it renames them all; each one is also reported as `diff/metric-renamed`. `testdata/diff/namespace-changed` holds a before and after.",
		Fix:     "Keep the namespace; it names the metrics, not the service.",
	},
	{
		Code: DiffOperationAdded, Severity: Notice, Ignorable: false,
		Summary: "a new operation: a new Go method that records metrics, a span and a log record (safe)",
		Catches: "A new operation adds a method to the generated Metrics; nothing reads what it writes yet. `testdata/diff/operation-removed` holds a before and after.",
		Fix:     "Nothing to fix.",
	},
	{
		Code: DiffOperationChanged, Severity: Notice, Ignorable: false,
		Summary: "an operation's help, a log level, or something it now writes in addition changed (safe)",
		Catches: "A metric, span, span attribute or log record an operation now writes besides what it wrote, a log level other than off, or its help: what consumers read stays. `testdata/diff/operation-changed` holds a before and after.",
		Fix:     "Nothing to fix.",
	},
	{
		Code: DiffOperationRemoved, Severity: Error, Ignorable: false,
		Summary: "an operation is removed: its Go method, and the metrics, span and log record it wrote (breaking)",
		Catches: "Go code calling the method stops compiling, which is loud; what is silent is outside: its spans are no longer started and its log records no longer written, so trace queries and log alerts on them find nothing, and its metrics grow only if the code that replaces it records them. `testdata/diff/operation-removed` holds a before and after.",
		Fix:     "Keep the operation, or remove it once whoever reads its spans and log records agreed and pass `--allow-breaking`.",
	},
	{
		Code: DiffOperationRenamed, Severity: Error, Ignorable: false,
		Summary: "an operation is renamed: the same kind and metrics under another key (breaking)",
		Catches: "The Go method is renamed (callers stop compiling), and its log records' `operation` attribute changes, so log queries and alerts on the old value stop matching. `testdata/diff/operation-removed` holds a before and after.",
		Fix:     "Keep the key, or rename it once the log queries follow and pass `--allow-breaking`.",
	},
	{
		Code: DiffOperationSignatureChanged, Severity: Error, Ignorable: false,
		Summary: "an operation's kind or parameters changed: its Go callers stop compiling (breaking)",
		Catches: "The method's parameters follow the operation's `labels` (and its kind: a call takes a function, HTTP kinds wrap a handler or a transport); the span and log attributes named after the parameters change with them. `testdata/diff/operation-changed` holds a before and after.",
		Fix:     "Keep the parameters, or change them together with the callers and the queries on the attributes, and pass `--allow-breaking`.",
	},
	{
		Code: DiffOperationTelemetryChanged, Severity: Error, Ignorable: false,
		Summary: "what an operation writes changed: a metric it no longer records, its outcome or error fallback, its span's name, kind or attributes, its log message (breaking)",
		Catches: "Consumers of its series, traces and log records do not see it coming: a metric the operation no longer records stops growing, a span renamed or a log message reworded leaves trace queries and log alerts on the old one with nothing. `testdata/diff/operation-changed` holds a before and after.",
		Fix:     "Keep what it writes, or change it together with its consumers and pass `--allow-breaking`.",
	},
	{
		Code: DiffOutputsChanged, Severity: Notice, Ignorable: false,
		Summary: "an output path changed: deployments that copy or load the file must follow (safe)",
		Catches: "Rule files and dashboards are deployed from their paths: Prometheus' `rule_files`, a ConfigMap, Grafana provisioning. `testdata/diff/outputs-changed` holds a before and after.",
		Fix:     "Update the deployment that reads the old path.",
	},
	{
		Code: DiffRecordAdded, Severity: Notice, Ignorable: false,
		Summary: "a new recording rule (safe)",
		Catches: "A new recorded series breaks no consumer. `testdata/diff/record-added` holds a before and after.",
		Fix:     "Nothing to fix.",
	},
	{
		Code: DiffRecordChanged, Severity: Notice, Ignorable: false,
		Summary: "a recording rule computes its series differently with the same labels (safe)",
		Catches: "Its readers still find the series with the labels they expect. `testdata/diff/record-changed` holds a before and after.",
		Fix:     "Nothing to fix; check the values still mean what the name says.",
	},
	{
		Code: DiffRecordLabelsChanged, Severity: Error, Ignorable: false,
		Summary: "a recording rule's series have other labels: readers that filter, group or join on them break (breaking)",
		Catches: "Recorded series are read by dashboards and other rules that filter and join on their labels: `sum by (route)` becoming `sum by (route, method)` multiplies the series, and dropping a label makes filters on it match nothing. `testdata/diff/record-labels-changed` holds a before and after.",
		Fix:     "Record the new shape under a new name (level:metric:operations says what it keeps), and deprecate the old rule.",
	},
	{
		Code: DiffRecordRemoved, Severity: Error, Ignorable: false,
		Summary: "a recording rule is removed: readers of the recorded series get no data (breaking)",
		Catches: "Dashboards and rules elsewhere read recorded series by name, and get no data once the rule is gone. Safe when the rule read only deprecated metrics being removed. `testdata/diff/record-removed` holds a before and after.",
		Fix:     "Keep the rule while anything reads it; pass `--allow-breaking` when nothing does.",
	},
	{
		Code: DiffRecordRenamed, Severity: Error, Ignorable: false,
		Summary: "a recording rule is renamed (same expression): readers of the old series get no data (breaking)",
		Catches: "Renaming a recording rule is a removal for every reader of the old name. `testdata/diff/record-renamed` holds a before and after.",
		Fix:     "Keep both rules for a release, then remove the old one.",
	},
	{
		Code: DiffRedactionChanged, Severity: Notice, Ignorable: false,
		Summary: "log redaction got stronger, a key is newly redacted, or the hash key's variable changed (safe)",
		Catches: "Stronger redaction logs less personal data; a new hash key variable changes hashed tokens unless it holds the same key. `testdata/diff/redaction-changed` holds a before and after.",
		Fix:     "Nothing to fix.",
	},
	{
		Code: DiffRedactionWeakened, Severity: Error, Ignorable: false,
		Summary: "a log attribute is no longer redacted, or redacted less: logs carry personal data from the next deploy (breaking)",
		Catches: "Logs are shipped, indexed and backed up: once a value is logged in clear it cannot be taken back. From weakest to strongest: mask (more kept is weaker), hash, redact, remove. `testdata/diff/redaction-weakened` holds a before and after.",
		Fix:     "Keep the redaction; weaken it only with the data owner's agreement, and pass `--allow-breaking`.",
	},
	{
		Code: DiffRuleGroupChanged, Severity: Notice, Ignorable: false,
		Summary: "the rule group's name or interval changed; a new name restarts pending alerts (safe)",
		Catches: "Prometheus keeps alert state per group: under a new group name, pending alerts wait their `for:` again. `testdata/diff/rule-group-changed` holds a before and after.",
		Fix:     "Nothing to fix.",
	},
	{
		Code: DiffServiceChanged, Severity: Error, Ignorable: false,
		Summary: "the service changed: every alert's service label and the dashboard's uid change (breaking)",
		Catches: "Every generated alert carries `service: <service>`, which Alertmanager routes match; the dashboard's uid derives from it, so links and bookmarks break. `testdata/diff/service-changed` holds a before and after.",
		Fix:     "Keep the service name, or update the routes and links in the same release and pass `--allow-breaking`.",
	},
	{
		Code: DiffSLOAdded, Severity: Notice, Ignorable: false,
		Summary: "a new SLO, with its alerts (safe)",
		Catches: "A new SLO adds recording rules and burn-rate alerts; it breaks no consumer. `testdata/diff/slo-added` holds a before and after.",
		Fix:     "Nothing to fix. Make sure its alerts' receivers exist before they first fire.",
	},
	{
		Code: DiffSLOAlertingChanged, Severity: Error, Ignorable: false,
		Summary: "an SLO's alerts changed severity or lost or changed a label: routes and silences on them behave differently (breaking)",
		Catches: "Alertmanager routes, inhibits and silences an SLO's alerts by their labels (`slo`, `severity` and the SLO's own): a page severity of `critical` becoming `page` changes who is woken up. `testdata/diff/slo-alerting-changed` holds a before and after.",
		Fix:     "Update the Alertmanager configuration in the same release and pass `--allow-breaking`.",
	},
	{
		Code: DiffSLOChanged, Severity: Notice, Ignorable: false,
		Summary: "an SLO's objective, window, SLI, split or description changed; its alerts' thresholds follow (safe)",
		Catches: "The SLO keeps its name and its alerts their labels; an objective or window change moves the burn-rate thresholds, as a threshold change of an alert does. `testdata/diff/slo-changed` holds a before and after.",
		Fix:     "Nothing to fix; tell whoever reports on the error budget.",
	},
	{
		Code: DiffSLORemoved, Severity: Error, Ignorable: false,
		Summary: "an SLO is removed, with its burn-rate and budget alerts (breaking)",
		Catches: "Whoever its alerts paged is no longer paged, and error-budget reports and dashboards on its recorded series get no data. Safe when it measured only metrics the old version deprecated and the new one removes. `testdata/diff/slo-removed` holds a before and after.",
		Fix:     "Keep the SLO, or remove it once its owners agreed and pass `--allow-breaking`.",
	},
	{
		Code: DiffTargetLabelsChanged, Severity: Notice, Ignorable: false,
		Summary: "target_labels changed (safe)",
		Catches: "`target_labels` tells the checks which labels Prometheus attaches; it changes no series. `testdata/diff/target-labels-changed` holds a before and after.",
		Fix:     "Nothing to fix.",
	},
	{
		Code: DiffTestsChanged, Severity: Notice, Ignorable: false,
		Summary: "the promtool rule tests changed (safe)",
		Catches: "Tests change no deployed rule or series. `testdata/diff/tests-changed` holds a before and after.",
		Fix:     "Nothing to fix.",
	},
	{
		Code: DriftLeftover, Severity: Error, Ignorable: false,
		Summary: "metricgen check: a temporary file that an interrupted metricgen generate left beside a generated file",
		Catches: "generate writes each file to `.<name>.metricgen-tmp` beside it and renames it into place; a run killed in between leaves the temporary file. Its name is fixed, and the manifest lists its target before it is created, so check finds it without searching the tree.",
		Fix:     "Run `metricgen generate`, which removes it (do not commit it).",
	},
	{
		Code: DriftMissing, Severity: Error, Ignorable: false,
		Summary: "metricgen check: a file the spec generates is not on disk",
		Catches: "`metricgen check` (the drift check for CI) generates in memory and compares with the files on disk. A generated file that is absent, because it was never generated or was deleted, is drift, reported on that file.",
		Fix:     "Run `metricgen generate` (in a service: `go generate ./...` or `go tool metricgen generate SPEC`) and commit the file.",
	},
	{
		Code: DriftNotGenerated, Severity: Error, Ignorable: false,
		Summary: "metricgen check: the manifest lists a file as generated from the spec, but the spec no longer generates it",
		Catches: "A file the output root's manifest lists for the spec, still carrying its generated header, which the spec no longer produces (an output removed or renamed): left behind, it would go on being deployed or compiled. (A file whose header was removed by hand is someone's own now: generate leaves it and drops it from the manifest.)",
		Fix:     "Run `metricgen generate`, which removes it, and commit the removal.",
	},
	{
		Code: DriftStale, Severity: Error, Ignorable: false,
		Summary: "metricgen check: a generated file differs from what the spec generates (out of date, or edited by hand)",
		Catches: "The spec changed without regenerating, or someone edited a generated file. Reported on the generated file, at the first line that differs; in text format, with the unified diff.",
		Fix:     "Change the spec, not the generated file; run `metricgen generate` and commit the result.",
	},
	{
		Code: FileTooLarge, Severity: Error, Ignorable: false,
		Summary: "the spec is larger than 16 MB, the most metricgen reads",
		Catches: "A spec describes one service's telemetry and is a few kilobytes; metricgen reads at most 16 MB, so that a wrong path (a log file, a binary) or an endless stream cannot exhaust memory.",
		Fix:     "Check that the path names the spec; split a huge spec into one spec per component.",
	},
	{
		Code: FileUnreadable, Severity: Error, Ignorable: false,
		Summary: "the spec file cannot be read",
		Catches: "The path given on the command line does not exist, is a folder, or cannot be read.",
		Fix:     "Check the path (it is relative to the current folder) and the file's permissions.",
	},
	{
		Code: GoNameClash, Severity: Error, Ignorable: false,
		Summary: "a name of the spec becomes an identifier of the generated Go package that another name, or the generated code itself, declares too",
		Catches: "Metric keys become fields of `Metrics` and types (`<Metric>Counter`), enum labels types and enum values constants (`<Label><Value>`), in Go case: `api_calls` and `a_p_i_calls` are both `APICalls`, a label `status_code` and the value `code` of a label `status` are both `StatusCode`. A label `metrics` would be a second `Metrics`, a metric `collect` a field clashing with the method `Metrics.Collect`, a label `redactor` the redaction code's `Redactor`. Any of them would make the generated package fail to compile; validation checks every name that every generator writes into the package (only when the spec has a `go` section).",
		Example: `
go: {package: shopmetrics}
labels:
  status: {values: [not_found, not-found]}
metrics:
  lookups_total: {type: counter, help: Lookups, labels: [status]}
`,
		Fix: "Rename one of the two so that their Go names differ; the message names both and the identifier.",
	},
	{
		Code: GoOTelNative, Severity: Warning, Ignorable: true,
		Summary: "a native histogram with the otel backend: the MeterProvider, not the generated code, chooses exponential buckets",
		Catches: "The OpenTelemetry metrics API cannot ask for exponential (native) buckets: a view of the SDK's MeterProvider chooses the aggregation. Without one, the histogram has the spec's classic buckets, or the SDK's default boundaries (0 to 10000, made for milliseconds) when the spec gives none, and Prometheus receives no native histogram.",
		Example: `
go: {package: shopmetrics, backend: otel}
metrics:
  request_duration_seconds:
    type: histogram
    help: Request duration
    unit: seconds
    native: {bucket_factor: 1.1}
`,
		Fix: "Give the MeterProvider a view with Base2ExponentialHistogram aggregation for the metric (go.opentelemetry.io/otel/sdk/metric: NewView, AggregationBase2ExponentialHistogram), as the generated doc comment shows, and silence the warning with an ignore comment; or give the histogram classic buckets.",
	},
	{
		Code: GoPackageName, Severity: Error, Ignorable: false,
		Summary: "go.package is not a valid, importable Go package name",
		Catches: "`go.package` becomes the `package` clause of the generated code and the last element of its import path. It must be a lower-case identifier that is not a Go keyword, `main` (a program), `init` (which cannot be imported) or a predeclared name such as `nil` or `string` (which importing files would lose).",
		Example: `
go: {package: shop-metrics}
metrics:
  orders_total: {type: counter, help: Orders placed}
`,
		Fix: "Use lower-case letters and digits only, e.g. `shopmetrics`.",
	},
	{
		Code: HistogramBucketCount, Severity: Error, Ignorable: false,
		Summary: "a generated bucket layout has more buckets than any histogram should",
		Catches: "Every bucket is one more series for every label combination. A `count` of 1,000 or more in `exponential` or `linear` buckets is almost always a typo (1000 for 10).",
		Example: `
metrics:
  size_bytes:
    type: histogram
    help: Response size
    unit: bytes
    buckets: {exponential: {start: 100, factor: 2, count: 5000}}
`,
		Fix: "Lower `count`: 10 to 20 buckets cover most distributions; for fine resolution use native histograms (`native:`).",
	},
	{
		Code: HistogramBuckets, Severity: Error, Ignorable: false,
		Summary: "a histogram's buckets are not a valid layout (not increasing, negative for a unit that never is, +Inf listed, bounds that overflow or round together)",
		Catches: "Prometheus' client rejects bucket bounds that do not strictly increase; a negative bound for seconds or bytes can never be reached; `+Inf` is always added; generated layouts can overflow or produce bounds too close to tell apart.",
		Example: `
metrics:
  latency_seconds:
    type: histogram
    help: Request latency
    unit: seconds
    buckets: [0.1, 0.5, 0.25, 1]
`,
		Fix: "List the upper bounds in increasing order, each once, without `+Inf`; for generated layouts, fix `start`, `width` or `factor` as the message says.",
	},
	{
		Code: HistogramDefaultBuckets, Severity: Warning, Ignorable: true,
		Summary: "a histogram has no buckets and gets client_golang's defaults, made for seconds",
		Catches: "Without `buckets`, client_golang uses `.005` to `10`, which suits request durations in seconds and nothing else: a histogram of bytes or items would put every observation in the last bucket.",
		Example: `
metrics:
  basket_size_bytes:
    type: histogram
    help: Size of the basket
    unit: bytes
`,
		Fix: "Set `buckets` that span the values you expect, e.g. `{exponential: {start: 256, factor: 4, count: 8}}`, or use a native histogram.",
	},
	{
		Code: HistogramNativeFactor, Severity: Error, Ignorable: false,
		Summary: "native.bucket_factor is not greater than 1",
		Catches: "A native histogram's bucket factor is the growth from one bucket to the next; at 1 or below there is no resolution at all.",
		Example: `
metrics:
  latency_seconds:
    type: histogram
    help: Request latency
    unit: seconds
    native: {bucket_factor: 1}
`,
		Fix: "Use a factor above 1: 1.1 gives about 10% resolution, the usual choice.",
	},
	{
		Code: IgnoreMissingReason, Severity: Warning, Ignorable: false,
		Summary: "an ignore comment gives no reason",
		Catches: "An ignore comment outlives the discussion that led to it; without a reason the next reader cannot tell whether it still holds. The ignore still applies.",
		Example: `
metrics:
  orders:  # metricgen:ignore naming/counter-suffix
    type: counter
    help: Orders placed
`,
		Fix: "Say why after the code: `# metricgen:ignore naming/counter-suffix dashboards use the old name until v2`.",
	},
	{
		Code: IgnoreNotIgnorable, Severity: Error, Ignorable: false,
		Summary: "an ignore comment names a check that cannot be silenced",
		Catches: "YAML and schema errors, Go name clashes, invalid names and output paths guard what metricgen writes: silencing them would produce broken or incomplete output. The diagnostic the comment meant is still reported.",
		Example: `
metrics:
  orders_total:  # metricgen:ignore schema/unknown-key used by our own tooling
    type: counter
    help: Orders placed
    owner: sales
`,
		Fix: "Fix what the other diagnostic reports instead; `metricgen checks` shows which checks can be ignored.",
	},
	{
		Code: IgnoreUnknownCode, Severity: Error, Ignorable: false,
		Summary: "an ignore comment names a check code metricgen does not know",
		Catches: "A misspelt code silences nothing, so the comment would look like it works while the diagnostic stays. The message suggests the code meant.",
		Example: `
metrics:
  orders:  # metricgen:ignore naming/counter-sufix legacy name
    type: counter
    help: Orders placed
`,
		Fix: "Write the code as diagnostics print it, `category/name` (`metricgen checks` lists them).",
	},
	{
		Code: IgnoreUnused, Severity: Warning, Ignorable: false,
		Summary: "an ignore comment silences nothing (reported with --strict)",
		Catches: "With `--strict`, each code of an ignore comment that matched no diagnostic is reported, so ignores are removed once the problem they were written for is fixed, and a comment on the wrong line is noticed. It is reported only when nothing else is an error.",
		Example: `
metrics:
  orders_total:  # metricgen:ignore naming/counter-suffix renamed since
    type: counter
    help: Orders placed
`,
		Fix: "Remove the ignore, or move it to the line of the node the diagnostic is about.",
	},
	{
		Code: InputDashboard, Severity: Error, Ignorable: false,
		Summary: "metricgen init: the --from-dashboard file is not a Grafana dashboard's JSON",
		Catches: "init reads the PromQL of a dashboard's panels (and of their rows); a file that is not JSON, or whose panels are not a list, cannot be read. Export the dashboard from Grafana (Share, Export, Save to file) or take it from its provisioning folder.",
		Fix:     "Pass the dashboard's JSON model.",
	},
	{
		Code: InputExposition, Severity: Error, Ignorable: false,
		Summary: "metricgen init: the --from-metrics input is not a Prometheus text or OpenMetrics exposition",
		Catches: "init drafts metrics from what a service exposes on /metrics; the line named cannot be read as the Prometheus text format or OpenMetrics (an HTML error page, a JSON API, a truncated file).",
		Fix:     "Save the exposition with `curl -s http://host:port/metrics > metrics.txt`, or pass the URL itself.",
	},
	{
		Code: InputRules, Severity: Error, Ignorable: false,
		Summary: "metricgen init: a --from-rules file is not a Prometheus rule file or PrometheusRule manifest",
		Catches: "init imports alerts and recording rules from Prometheus rule files (`groups:`) and PrometheusRule manifests (one or several documents, or a `kind: List`); the message names the first place where the file is neither.",
		Fix:     "Fix the file at the line shown, or leave it out of --from-rules.",
	},
	{
		Code: InputUnreadable, Severity: Error, Ignorable: false,
		Summary: "metricgen init: an input file or URL cannot be read",
		Catches: "A file named with --from-metrics, --from-rules or --from-dashboard does not exist or cannot be read, or the URL does not answer with 200 in time.",
		Fix:     "Check the path or URL; for a slow endpoint raise --timeout, or save its output to a file first.",
	},
	{
		Code: InternalEmit, Severity: Error, Ignorable: false,
		Summary: "an emitter failed on a spec that validated: a bug in metricgen",
		Catches: "Validation is meant to catch everything that would stop an emitter; when it does not, the emitter's error is reported here instead of a partial output.",
		Fix:     "Please report it with the spec; meanwhile, changing the part of the spec the message names usually works around it.",
	},
	{
		Code: InternalSchema, Severity: Error, Ignorable: false,
		Summary: "the spec could not be checked against the schema: a bug in metricgen",
		Catches: "The embedded JSON Schema failed to run on the document.",
		Fix:     "Please report it with the spec.",
	},
	{
		Code: LabelEmptyPattern, Severity: Error, Ignorable: false,
		Summary: "a free-form label's pattern matches no value, or only the empty one",
		Catches: "metricgen anchors a label's pattern (`^(?:pattern)$`) and records a value that does not match it as `invalid`. A pattern that nothing can match (`a^b`, `$x`, an empty class) or that only the empty value matches (`^$`; an empty value is no label at all in Prometheus) sends every value to `invalid`.",
		Example: `
labels:
  code: {pattern: '^$', max_values: 10}
metrics:
  errors_total: {type: counter, help: Errors, labels: [code]}
`,
		Fix: "Write the pattern the values follow, e.g. `^[1-5][0-9][0-9]$`.",
	},
	{
		Code: LabelEnumOptions, Severity: Error, Ignorable: false,
		Summary: "an enum label (with values) also has pattern or max_values, which only free-form labels take",
		Catches: "A label with `values` takes exactly those values, as typed Go constants; a pattern or a cap on distinct values means nothing for it, and would suggest values it cannot take.",
		Example: `
labels:
  status:
    values: [success, error]
    max_values: 5
metrics:
  requests_total: {type: counter, help: Requests, labels: [status]}
`,
		Fix: "Remove `pattern` and `max_values`, or remove `values` to make the label free-form.",
	},
	{
		Code: LabelInvalidPattern, Severity: Error, Ignorable: false,
		Summary: "a free-form label's pattern is not a valid regular expression",
		Catches: "`pattern` is checked at run time by the generated code (Go's RE2 syntax, anchored), and in PromQL matchers at validation.",
		Example: `
labels:
  code: {pattern: '^([1-5][0-9][0-9]|unknown$', max_values: 60}
metrics:
  errors_total: {type: counter, help: Errors, labels: [code]}
`,
		Fix: "Fix the expression; RE2 has no look-around or back-references.",
	},
	{
		Code: LabelInvalidValue, Severity: Error, Ignorable: false,
		Summary: "an enum label value is empty or not valid UTF-8",
		Catches: "Prometheus treats an empty label value as no label at all, so a series with it would collide with the series without the label.",
		Example: `
labels:
  reason: {values: [timeout, '']}
metrics:
  errors_total: {type: counter, help: Errors, labels: [reason]}
`,
		Fix: "Name the value, e.g. `none` or `unknown`.",
	},
	{
		Code: LabelOther, Severity: Error, Ignorable: false,
		Summary: "a label's `other` is not one of its values, or the label is free-form",
		Catches: "`other` names the enum value that stands for anything else: `<Label>Of(s)` maps unknown strings to it, and an out-of-range value is recorded as it. It must be one of the label's `values`, so that its series exists and queries can match it. A free-form label already folds values past `max_values` into \"other\".",
		Example: `
labels:
  method:
    values: [GET, POST]
    other: OTHER
metrics:
  requests_total: {type: counter, help: Requests, labels: [method]}
`,
		Fix: "Add the value to `values` (`values: [GET, POST, OTHER]`), or name one that is there.",
	},
	{
		Code: LabelPersonalData, Severity: Error, Ignorable: true,
		Summary: "a metric label looks like personal data, or matches a logging.redact key",
		Catches: "Every label value is stored by Prometheus for the retention period and shown on dashboards; an e-mail or user id as a label leaks personal data and explodes cardinality. Names are matched against common personal-data words and the spec's own redaction keys.",
		Example: `
labels:
  user_email: {max_values: 100}
metrics:
  logins_total: {type: counter, help: Logins, labels: [user_email]}
`,
		Fix: "Drop the label, or use a coarse category (`email_domain_kind: [corporate, free]`). Ignore it only when the name is misleading and the values are not personal.",
	},
	{
		Code: LabelTargetLabel, Severity: Warning, Ignorable: true,
		Summary: "target_labels lists job or instance, which are always present",
		Catches: "`target_labels` declares labels Prometheus attaches to every scraped series besides `job` and `instance`; listing those two changes nothing.",
		Example: `
target_labels: [job, cluster]
metrics:
  orders_total: {type: counter, help: Orders placed}
`,
		Fix: "Remove `job` and `instance` from the list.",
	},
	{
		Code: LabelUnbounded, Severity: Warning, Ignorable: true,
		Summary: "a free-form label has no max_values: its cardinality is unbounded",
		Catches: "A free-form label takes any string at run time; without a cap, one unexpected value per request (an id, a URL) creates a series each, until Prometheus runs out of memory.",
		Example: `
labels:
  error_code: {help: Code from the upstream API}
metrics:
  errors_total: {type: counter, help: Errors, labels: [error_code]}
`,
		Fix: "List the values (`values:`), or set `max_values`: later new values then fold into `other`.",
	},
	{
		Code: LabelUndeclared, Severity: Error, Ignorable: false,
		Summary: "a metric uses a label that is not declared under labels",
		Catches: "Every label is declared once under `labels` (its values or pattern, its help), so that metrics sharing it agree and PromQL can be checked against it.",
		Example: `
metrics:
  orders_total: {type: counter, help: Orders placed, labels: [region]}
`,
		Fix: "Declare the label under `labels`, or fix the name (the message suggests the closest declared one).",
	},
	{
		Code: MetricEmptyHelp, Severity: Warning, Ignorable: true,
		Summary: "a metric's help is empty",
		Catches: "`help` becomes the `# HELP` line Prometheus shows and the doc comment of the generated Go field.",
		Example: `
metrics:
  orders_total: {type: counter, help: ''}
`,
		Fix: "Say in one line what the metric counts or measures.",
	},
	{
		Code: MetricHistogramOnly, Severity: Error, Ignorable: false,
		Summary: "a metric that is not a histogram has buckets or native",
		Catches: "Buckets are a histogram's; on a counter or gauge they would be ignored, which usually means the type is wrong.",
		Example: `
metrics:
  latency_seconds:
    type: gauge
    help: Request latency
    unit: seconds
    buckets: [0.1, 1]
`,
		Fix: "Make the metric a histogram, or remove `buckets`/`native`.",
	},
	{
		Code: MetricInit, Severity: Error, Ignorable: false,
		Summary: "`init: all` on a metric with a free-form label, or `init` on a metric read at scrape time",
		Catches: "`init: all` exports every combination of the enum labels' values at 0 from the first scrape. A free-form label's values are not known until the program records them, so its series cannot exist in advance; a metric read at scrape time (`observe: scrape`) has a series exactly while a function is registered for it.",
		Example: `
labels:
  tenant: {max_values: 20}
metrics:
  jobs_total:
    type: counter
    help: Jobs run
    labels: [tenant]
    init: all
`,
		Fix: "Remove `init`; or make the label an enum (`values`) when every value is known.",
	},
	{
		Code: MetricNameClash, Severity: Error, Ignorable: false,
		Summary: "two series would have the same name: a metric and a histogram's _bucket/_sum/_count, an external metric or a recording rule",
		Catches: "A histogram `x` exposes `x_bucket`, `x_sum` and `x_count`; an external metric or a recording rule with the full name of a metric would mix its series with the metric's. Queries would then read both.",
		Example: `
metrics:
  latency_seconds: {type: histogram, help: Latency, unit: seconds, buckets: [0.1, 1]}
  latency_seconds_count: {type: gauge, help: Requests in flight}
`,
		Fix: "Rename one of the two.",
	},
	{
		Code: MetricObserve, Severity: Error, Ignorable: false,
		Summary: "`observe: scrape` on a histogram, or on a metric with a free-form label",
		Catches: "A metric read at scrape time gets its value from a function the program registers per combination of label values (`m.PoolInUse.Observe(func() float64 {...}, PoolPrimary)`). A histogram counts observations as they happen, so it has no value to read; and a free-form label's values would make the set of functions unbounded (nothing folds two functions into one `other` series).",
		Example: `
labels:
  pool: {max_values: 10}
metrics:
  pool_in_use_connections:
    type: gauge
    help: Connections in use
    labels: [pool]
    observe: scrape
`,
		Fix: "Use an enum label (`values: [primary, replica]`), or record the values with Set/Observe instead.",
	},
	{
		Code: MetricOnePer, Severity: Error, Ignorable: false,
		Summary: "an external metric's one_per names a label the metric does not have, or is given together with info",
		Catches: "`one_per` says which labels tell an exporter metric's series apart, so that joins on them are known to find one series per match group; a label the metric lacks would make that claim about nothing.",
		Example: `
metrics:
  orders_total: {type: counter, help: Orders placed}
external_metrics:
  kube_pod_info: {type: gauge, labels: [namespace, pod, node], one_per: [namespace, podd]}
`,
		Fix: "List labels of the metric (or target labels); for a metric with one series per scrape target, `info: true` alone.",
	},
	{
		Code: NamingBaseUnit, Severity: Error, Ignorable: true,
		Summary: "a metric is measured in a unit that is not Prometheus' base unit (milliseconds, kilobytes, percent); a warning for a unit metricgen does not know",
		Catches: "Prometheus' naming guide asks for base units (seconds, bytes, ratio, meters, ...), so that every metric of a quantity can be compared and divided without conversion, and Grafana picks the right unit.",
		Example: `
metrics:
  request_duration_milliseconds: {type: histogram, help: Request duration, buckets: [10, 100]}
`,
		Fix: "Measure in the base unit and name the metric after it (`request_duration_seconds`, buckets `[0.01, 0.1]`); a count needs no unit.",
	},
	{
		Code: NamingColon, Severity: Error, Ignorable: false,
		Summary: "a metric name contains ':', which Prometheus keeps for recording rules",
		Catches: "Colons in series names mark recorded series (`level:metric:operations`); a scraped metric with one would be mistaken for a rule's output.",
		Example: `
metrics:
  orders:total: {type: counter, help: Orders placed}
`,
		Fix: "Use `_` instead.",
	},
	{
		Code: NamingCounterSuffix, Severity: Error, Ignorable: true,
		Summary: "a counter's name does not end in _total",
		Catches: "OpenMetrics exposes a counter as `<name>_total`; a counter named without the suffix is scraped under another name than the one queries use.",
		Example: `
metrics:
  orders: {type: counter, help: Orders placed}
`,
		Fix: "Rename it `orders_total` (the message suggests the name). For a legacy name that dashboards depend on, ignore it on that metric.",
	},
	{
		Code: NamingInvalid, Severity: Error, Ignorable: false,
		Summary: "a name is not a valid Prometheus metric or label name",
		Catches: "Metric and label names are letters, digits and `_`, not starting with a digit; names starting with `__` are Prometheus' own. Such a name would be rejected at registration or by the rule loader.",
		Example: `
metrics:
  orders-total: {type: counter, help: Orders placed}
`,
		Fix: "Use letters, digits and `_` only, in snake_case.",
	},
	{
		Code: NamingNamespacePrefix, Severity: Warning, Ignorable: true,
		Summary: "a metric key repeats the namespace, which metricgen prefixes already",
		Catches: "The full name is `<namespace>_<key>`; a key that starts with the namespace gives `shop_shop_orders_total`.",
		Example: `
metrics:
  shop_orders_total: {type: counter, help: Orders placed}
`,
		Fix: "Drop the prefix from the key.",
	},
	{
		Code: NamingOTelRename, Severity: Warning, Ignorable: true,
		Summary: "with the otel backend, the OpenTelemetry Prometheus exporter would expose a metric or label under another name",
		Catches: "On the way from OpenTelemetry to Prometheus (the Go SDK's Prometheus exporter, the collector's, Prometheus' OTLP receiver), the default translation (UnderscoreEscapingWithSuffixes) appends the unit's word when no part of the name is it, moves every `total` part of a counter and every `ratio` part of a gauge of unit ratio to the end, and makes runs of `_` in label names one. The spec's rules, dashboard and alerts query the spec's names, which would then match nothing, silently.",
		Example: `
go: {package: netmetrics, backend: otel}
metrics:
  total_probes_total: {type: counter, help: Probes sent}
`,
		Fix: "Rename the metric or label to the name the message gives (the exporter then leaves it as it is), or change its unit; the docs catalogue lists both names.",
	},
	{
		Code: NamingRecordingRule, Severity: Warning, Ignorable: true,
		Summary: "a recording rule's name does not follow level:metric:operations",
		Catches: "By Prometheus' convention a recorded series is named `level:metric:operations` (`job:http_requests:rate5m`), which tells it apart from scraped metrics and says how it was computed.",
		Example: `
metrics:
  orders_total: {type: counter, help: Orders placed}
recording_rules:
  - record: orders_rate
    expr: sum(rate(shop_orders_total[5m]))
`,
		Fix: "Rename it, e.g. `shop:orders:rate5m`.",
	},
	{
		Code: NamingReservedLabel, Severity: Error, Ignorable: false,
		Summary: "a label name is reserved: __*, le, quantile, a target label, or one Prometheus sets on alerts",
		Catches: "`le` and `quantile` belong to histograms and summaries, `job`, `instance` and `target_labels` are attached at scrape time (a metric label of that name is renamed `exported_*` or overwritten), names starting with `__` are internal, and `alertname` is set by Prometheus on alerts.",
		Example: `
labels:
  instance: {values: [a, b]}
metrics:
  orders_total: {type: counter, help: Orders placed, labels: [instance]}
`,
		Fix: "Rename the label (`replica`, `shard`, ...).",
	},
	{
		Code: NamingReservedSuffix, Severity: Error, Ignorable: true,
		Summary: "a metric's name ends in a suffix that means another type: _total on a non-counter, _bucket/_sum/_count on a histogram",
		Catches: "Queries and tools read `_total` as a counter (rate() it) and `_bucket`, `_sum`, `_count` as a histogram's series; a gauge named `_total` or a histogram named `_count` misleads both.",
		Example: `
metrics:
  queue_total: {type: gauge, help: Jobs waiting}
`,
		Fix: "Rename it without the suffix (`queue_length`).",
	},
	{
		Code: NamingSnakeCase, Severity: Error, Ignorable: true,
		Summary: "a valid metric, label or namespace name is not snake_case",
		Catches: "Prometheus names are snake_case by convention; mixed case makes queries error-prone (`requestsTotal` vs `requests_total`).",
		Example: `
metrics:
  ordersTotal: {type: counter, help: Orders placed}
`,
		Fix: "Use lower-case words joined by single underscores (the message suggests the name). For an existing metric that must keep its name, ignore it there.",
	},
	{
		Code: NamingTypeInName, Severity: Warning, Ignorable: true,
		Summary: "a metric's name repeats its type (counter, gauge, histogram, summary)",
		Catches: "The type is in the metric's metadata already; `orders_counter_total` says it twice.",
		Example: `
metrics:
  orders_counter_total: {type: counter, help: Orders placed}
`,
		Fix: "Drop the type word.",
	},
	{
		Code: NamingUnitSuffix, Severity: Error, Ignorable: true,
		Summary: "a metric's unit and the unit suffix of its name disagree",
		Catches: "A metric with `unit` ends in `_<unit>` (before `_total`), so that the unit shows in every query; a name that ends in another unit contradicts the metadata.",
		Example: `
metrics:
  request_duration: {type: histogram, help: Request duration, unit: seconds, buckets: [0.1, 1]}
`,
		Fix: "Rename it to end in the unit (`request_duration_seconds`), or fix `unit`.",
	},
	{
		Code: OperationErrorFallback, Severity: Error, Ignorable: false,
		Summary: "the value an operation records when an error does not give its labels is one the label rejects",
		Catches: "The labels of an operation's `errors` counter that are not parameters come from the error (`MetricLabels()`); an error that does not implement the interface, and an HTTP client request without a response, get `error_fallback` (default `unknown`). An enum label without that value, or a free-form label whose pattern rejects it, would record nothing useful.",
		Example: `
go: {package: shopmetrics}
labels:
  reason: {values: [timeout, declined]}
metrics:
  payment_errors_total: {type: counter, help: Failed payments, labels: [reason]}
operations:
  payment: {errors: payment_errors_total}
`,
		Fix: "Add the fallback value to the label (`values: [timeout, declined, unknown]`), or set `error_fallback` to one of its values.",
	},
	{
		Code: OperationHTTPLabel, Severity: Error, Ignorable: false,
		Summary: "a label an HTTP operation fills from the request or the response cannot hold what it gets",
		Catches: "An HTTP operation records any method a client sends, any route, status and host: an enum label for them needs an `other:` value (labels.<l>.other) for what it does not list (status classes: all of 1xx to 5xx, or `other:`), the method must be an enum (a client can send any method), and a free-form status label's pattern must accept status codes (`200`) or classes (`2xx`).",
		Example: `
go: {package: shopmetrics}
labels:
  method: {values: [GET, POST]}
metrics:
  http_requests_total: {type: counter, help: Requests served, labels: [method]}
operations:
  http_request:
    kind: http_server
    requests: http_requests_total
    http: {method: method}
`,
		Fix: "Add an other value to the label and name it (`values: [GET, POST, other]`, `other: other`), or fix its pattern.",
	},
	{
		Code: OperationKindKey, Severity: Error, Ignorable: false,
		Summary: "an operation sets a key that does not apply to its kind",
		Catches: "`http` applies to `http_server` and `http_client` operations, `http.route` to servers and `http.server` to clients, `error_fallback` to calls and clients: anywhere else the key would be silently ignored.",
		Example: `
go: {package: shopmetrics}
labels:
  route: {values: [checkout, other]}
metrics:
  calls_total: {type: counter, help: Calls}
operations:
  call:
    requests: calls_total
    http: {route: route}
`,
		Fix: "Remove the key, or set `kind` to the kind it applies to.",
	},
	{
		Code: OperationLabelRole, Severity: Error, Ignorable: false,
		Summary: "one label is given two roles in an operation (parameter, outcome, an http label)",
		Catches: "Each label of an operation's metrics is filled by one thing: a parameter, the outcome, or what an HTTP operation reads from the request or the response. A label named for two would get two values at once.",
		Example: `
go: {package: shopmetrics}
labels:
  status: {values: [success, error]}
metrics:
  calls_total: {type: counter, help: Calls, labels: [status]}
operations:
  call: {labels: [status], requests: calls_total, outcome: status}
`,
		Fix: "Keep one role for the label, and declare another label for the other.",
	},
	{
		Code: OperationMetricType, Severity: Error, Ignorable: false,
		Summary: "an operation's metric is of the wrong type (requests and errors: counters, duration: a histogram of seconds, in_flight: a gauge)",
		Catches: "The generated wrapper increments `requests` and `errors`, observes the duration in seconds in `duration`, and moves `in_flight` up and down: each needs its metric type, and a duration histogram without `unit: seconds` would read as a histogram of something else.",
		Example: `
go: {package: shopmetrics}
metrics:
  calls_total: {type: counter, help: Calls}
operations:
  call: {duration: calls_total}
`,
		Fix: "Name a metric of the right type, or change the metric's type (a duration histogram needs `unit: seconds`).",
	},
	{
		Code: OperationNoGo, Severity: Warning, Ignorable: true,
		Summary: "a spec declares operations but no Go package, so their wrappers are not generated",
		Catches: "Operations are generated Go code; without a `go` section only the dashboard rows and the docs describe them.",
		Example: `
metrics:
  calls_total: {type: counter, help: Calls}
operations:
  call: {requests: calls_total}
`,
		Fix: "Add `go: {package: <name>}`.",
	},
	{
		Code: OperationNoMetrics, Severity: Error, Ignorable: false,
		Summary: "an operation records no metric",
		Catches: "An operation exists to record its metrics (and a span and a log record alongside); one naming none of `requests`, `duration`, `errors` and `in_flight` is most likely unfinished.",
		Example: `
go: {package: shopmetrics}
metrics:
  calls_total: {type: counter, help: Calls}
operations:
  call: {help: A call}
`,
		Fix: "Name the metrics it records.",
	},
	{
		Code: OperationOutcome, Severity: Error, Ignorable: false,
		Summary: "an operation's outcome label is not an enum of success, error (and canceled), or no metric of the operation has it",
		Catches: "The generated wrapper sets the outcome label to `success`, `error`, or `canceled` when the label declares it: a free-form label, a missing value or a value it never sets would record series that stay empty or values the dashboards do not expect.",
		Example: `
go: {package: shopmetrics}
labels:
  status: {values: [ok, failed]}
metrics:
  calls_total: {type: counter, help: Calls, labels: [status]}
operations:
  call: {requests: calls_total, outcome: status}
`,
		Fix: "Give the label exactly the values `success`, `error` and optionally `canceled`, and add it to the labels of `requests`.",
	},
	{
		Code: OperationSpan, Severity: Error, Ignorable: false,
		Summary: "an operation's span is not well formed (its name uses an unknown parameter, a name or kind set where the semantic conventions fix them)",
		Catches: "`{label}` in `span.name` stands for a parameter's value, and `span.parameters` lists parameters: a name that is not one would never be filled. HTTP operations name their spans and set their kinds as the OpenTelemetry semantic conventions say.",
		Example: `
go: {package: shopmetrics}
labels:
  endpoint: {values: [profiles, events]}
metrics:
  calls_total: {type: counter, help: Calls, labels: [endpoint]}
operations:
  call:
    labels: [endpoint]
    requests: calls_total
    span: {name: "api.{endpont}"}
`,
		Fix: "Use parameters of the operation in `span.name` and `span.parameters`; leave name and kind to HTTP operations.",
	},
	{
		Code: OperationUnfilledLabel, Severity: Error, Ignorable: false,
		Summary: "a metric of an operation has a label the operation cannot fill",
		Catches: "Every label of the metrics an operation records must get its value from the operation: a parameter, the outcome, an HTTP label, or (for the `errors` counter of a call) the error. A label nothing fills would have no value; an in-flight gauge cannot have labels known only at the end (outcome, status, route).",
		Example: `
go: {package: shopmetrics}
labels:
  endpoint: {values: [profiles, events]}
metrics:
  calls_total: {type: counter, help: Calls, labels: [endpoint]}
operations:
  call: {requests: calls_total}
`,
		Fix: "Add the label to the operation's `labels` (a parameter), name it as the outcome or under `http`, or remove it from the metric.",
	},
	{
		Code: OperationUnknownMetric, Severity: Error, Ignorable: false,
		Summary: "an operation names a metric the spec does not define",
		Catches: "The metrics an operation records are declared under `metrics` like any other, by their key (without the namespace).",
		Example: `
go: {package: shopmetrics}
metrics:
  calls_total: {type: counter, help: Calls}
operations:
  call: {requests: call_total}
`,
		Fix: "Name a metric of `metrics` by its key, or declare it.",
	},
	{
		Code: OperationUnusedParam, Severity: Warning, Ignorable: true,
		Summary: "an operation has a parameter that none of its metrics and not its span uses",
		Catches: "A parameter is a label the caller passes on every call; one that no metric has and the span does not use is passed for nothing.",
		Example: `
go: {package: shopmetrics}
labels:
  endpoint: {values: [profiles, events]}
metrics:
  calls_total: {type: counter, help: Calls}
operations:
  call: {labels: [endpoint], requests: calls_total}
`,
		Fix: "Remove it from `labels`, add it to a metric, or to `span.parameters`.",
	},
	{
		Code: OutputConflict, Severity: Error, Ignorable: false,
		Summary: "two outputs would write the same file, one inside the other, or over a spec file",
		Catches: "Two outputs at one path (in one spec, or in two specs generated together; also through a symbolic link on disk, or differing only in case, which macOS and Windows see as one file) would overwrite each other; an output inside another output file cannot exist; a .go output inside the Go package's folder would be taken for part of the package; an output that is a spec file would replace the spec with generated text.",
		Example: `
outputs:
  rules: deploy/shop.yml
  prometheus_rule: deploy/shop.yml
metrics:
  orders_total: {type: counter, help: Orders placed}
`,
		Fix: "Give each output its own path.",
	},
	{
		Code: OutputInvalidPath, Severity: Error, Ignorable: false,
		Summary: "an output path breaks the portable-path rule, or names the output root itself",
		Catches: "Output paths are relative to the output root, with `/` between folders, so that the spec generates the same tree on every system: valid UTF-8 without control characters (NUL, line breaks), none of the characters Windows refuses (`< > : \" | ? *` and `\\`), no device name Windows reserves (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with any extension), no name ending in `.` or a space (Windows drops them), nothing inside `.git`, and not `.metricgen-manifest.json` or a name ending in `.metricgen-tmp`, which metricgen keeps for itself. The rule applies to every output, the Go package's default folder (`./<go.package>`) included.",
		Example: `
outputs:
  dashboard: 'grafana\shop.json'
metrics:
  orders_total: {type: counter, help: Orders placed}
`,
		Fix: "Write a relative path with `/`: `grafana/shop.json`.",
	},
	{
		Code: OutputNotOwned, Severity: Error, Ignorable: false,
		Summary: "an output path holds a file that metricgen did not generate (it is not in the output root's manifest): metricgen overwrites and removes only its own files",
		Catches: "metricgen keeps a manifest of the files it generated in each output root (`.metricgen-manifest.json`). A file at an output path that the manifest does not list, and that does not carry the spec's generated header where the generated file has it, was written by someone else: overwriting it would lose it. Reported by `generate` (which then writes nothing) and `check`, at the key that names the output.",
		Fix:     "Move the file away (or delete it if it is an old copy), or give the output another path.",
	},
	{
		Code: OutputNotRegular, Severity: Error, Ignorable: false,
		Summary: "an output path is an existing folder, symbolic link, FIFO or device, where metricgen writes a regular file",
		Catches: "metricgen replaces generated files by renaming a new file over them, so a folder there would fail the write, a link would be replaced (not followed), and reading a FIFO would block. It writes only regular files and never opens anything else.",
		Fix:     "Remove or move what stands there, or give the output another path.",
	},
	{
		Code: OutputOutsideRoot, Severity: Error, Ignorable: false,
		Summary: "an output path leads out of the output root: absolute, through '..', or through a symbolic link",
		Catches: "metricgen never writes outside the output root (the spec's folder, or `--out DIR`), so that generating a spec from a pull request cannot touch anything else.",
		Example: `
outputs:
  rules: ../deploy/shop.yml
metrics:
  orders_total: {type: counter, help: Orders placed}
`,
		Fix: "Write the path inside the output root, or generate with a wider `--out`.",
	},
	{
		Code: OutputUnused, Severity: Warning, Ignorable: true,
		Summary: "an output setting has no effect (tests without outputs.rules, outputs.rule_tests without tests)",
		Catches: "Rule tests are written next to the rule file, so `tests` without `outputs.rules` generate nothing, and `outputs.rule_tests` without `tests` names a file that is never written.",
		Example: `
metrics:
  orders_total: {type: counter, help: Orders placed}
alerts:
  - alert: NoOrders
    expr: sum(rate(shop_orders_total[10m])) == 0
    summary: No orders
tests:
  - input_series:
      - {series: 'shop_orders_total{job="shop",instance="a"}', values: '0x30'}
    alert_rule_test:
      - {eval_time: 20m, alertname: NoOrders}
`,
		Fix: "Add `outputs.rules`, or remove the setting that has no effect.",
	},
	{
		Code: PromQLAlertCondition, Severity: Warning, Ignorable: true,
		Summary: "an alert's expression has no comparison, so it fires for every series it returns",
		Catches: "An alert fires for every series its expression returns, whatever the value; without a comparison (or `absent()`, `and`, ...) it fires as soon as the metric exists.",
		Example: `
metrics:
  errors_total: {type: counter, help: Errors}
alerts:
  - alert: Errors
    expr: rate(shop_errors_total[5m])
    summary: Errors happen
`,
		Fix: "Add the condition: `rate(shop_errors_total[5m]) > 0.1`. A constant expression (`vector(1)`, a watchdog) is not reported.",
	},
	{
		Code: PromQLCounterWithout, Severity: Warning, Ignorable: true,
		Summary: "an alert uses a counter's raw value instead of rate() or increase()",
		Catches: "A counter only grows, and falls to 0 when the process restarts: a threshold on its raw value fires forever once crossed, and stops after every restart.",
		Example: `
metrics:
  errors_total: {type: counter, help: Errors}
alerts:
  - alert: Errors
    expr: shop_errors_total > 100
    summary: Too many errors
`,
		Fix: "Alert on `rate(x[5m])` or `increase(x[1h])`.",
	},
	{
		Code: PromQLFunctionType, Severity: Warning, Ignorable: true,
		Summary: "a function meant for counters is applied to a gauge, or one meant for gauges to a counter",
		Catches: "`rate`, `irate` and `increase` read every decrease as a counter reset, so on a gauge they return nonsense; `delta`, `deriv`, `predict_linear` read a counter reset as a huge drop.",
		Example: `
metrics:
  queue_length: {type: gauge, help: Jobs waiting}
recording_rules:
  - record: shop:queue_length:rate5m
    expr: rate(shop_queue_length[5m])
`,
		Fix: "Use `deriv()` or `delta()` on gauges, `rate()` or `increase()` on counters.",
	},
	{
		Code: PromQLHistogramName, Severity: Error, Ignorable: true,
		Summary: "an expression selects a histogram by a name that holds none of its buckets: a classic histogram's bare name, a native-only histogram's _bucket",
		Catches: "A classic histogram is stored as `<name>_bucket`, `<name>_sum` and `<name>_count`; the bare name selects nothing (unless it is a native histogram). A native-only histogram (`native` without `buckets`) is stored under its bare name; its `_bucket` series has no bucket but `+Inf`, or does not exist.",
		Example: `
metrics:
  latency_seconds: {type: histogram, help: Latency, unit: seconds, buckets: [0.1, 1]}
recording_rules:
  - record: shop:latency_seconds:p99
    expr: histogram_quantile(0.99, rate(shop_latency_seconds[5m]))
`,
		Fix: "Use `<name>_bucket` with `histogram_quantile`, or `_sum` / `_count` for an average; for a native-only histogram, the bare name: `histogram_quantile(0.99, sum(rate(<name>[5m])))`.",
	},
	{
		Code: PromQLHistogramQuantile, Severity: Error, Ignorable: true,
		Summary: "histogram_quantile gets no le label: not a histogram's buckets, or an aggregation dropped le",
		Catches: "`histogram_quantile` needs the buckets' `le` label; `sum(rate(x_bucket[5m]))` without `by (le)` removes it and the result is empty.",
		Example: `
metrics:
  latency_seconds: {type: histogram, help: Latency, unit: seconds, buckets: [0.1, 1]}
recording_rules:
  - record: shop:latency_seconds:p99
    expr: histogram_quantile(0.99, sum(rate(shop_latency_seconds_bucket[5m])))
`,
		Fix: "Keep `le` in every aggregation on the way: `sum by (le) (...)`.",
	},
	{
		Code: PromQLInvalidArgument, Severity: Error, Ignorable: true,
		Summary: "a function argument makes the rule fail when it runs (label_replace's label name or regular expression)",
		Catches: "Prometheus checks some arguments only when it evaluates the rule: an invalid destination label or regular expression in `label_replace` fails every evaluation.",
		Example: `
metrics:
  orders_total: {type: counter, help: Orders placed}
recording_rules:
  - record: shop:orders:rate5m
    expr: label_replace(rate(shop_orders_total[5m]), "0dst", "$1", "job", "(.*)")
`,
		Fix: "Use a valid label name (letters, digits, `_`) and a valid RE2 expression.",
	},
	{
		Code: PromQLMatchCardinality, Severity: Error, Ignorable: true,
		Summary: "a binary operation's 'one' side has several series per match group, so Prometheus fails the rule",
		Catches: "In one-to-one matching (and on the `one` side of `group_left`/`group_right`) each match group must hold one series; a label left out of the match that takes several values makes Prometheus fail with \"many-to-many matching not allowed\" or \"multiple matches for labels\" at evaluation.",
		Example: `
labels:
  method: {values: [GET, POST]}
  status: {values: [ok, error]}
metrics:
  requests_total: {type: counter, help: Requests, labels: [method, status]}
recording_rules:
  - record: method:shop_requests:ratio5m
    expr: rate(shop_requests_total[5m]) / on(method) sum by (method) (rate(shop_requests_total[5m]))
`,
		Fix: "Aggregate the side away from the extra labels (`sum by (method) (...)`), or add `group_left` when one series of the other side applies to several.",
	},
	{
		Code: PromQLNeverMatches, Severity: Error, Ignorable: true,
		Summary: "a label matcher can never match: a value the label never takes, an le no bucket has, matchers that exclude each other",
		Catches: "Enum labels take only their declared values, free-form ones only values matching their pattern, and `le` only a histogram's bucket bounds: a matcher outside those selects nothing, so the alert never fires.",
		Example: `
labels:
  status: {values: [ok, error]}
metrics:
  requests_total: {type: counter, help: Requests, labels: [status]}
alerts:
  - alert: Failures
    expr: sum(rate(shop_requests_total{status="failed"}[5m])) > 0
    summary: Requests fail
`,
		Fix: "Use a declared value (the message lists them and suggests the closest); remember that Prometheus anchors regular expressions.",
	},
	{
		Code: PromQLSyntax, Severity: Error, Ignorable: false,
		Summary: "an expression is not valid PromQL",
		Catches: "Prometheus would refuse to load the rule file. Expressions are parsed by Prometheus' own parser, with its default options (no experimental syntax).",
		Example: `
metrics:
  orders_total: {type: counter, help: Orders placed}
alerts:
  - alert: NoOrders
    expr: sum(rate(shop_orders_total[5m]) == 0
    summary: No orders
`,
		Fix: "Fix the expression at the position shown.",
	},
	{
		Code: PromQLUnknownLabel, Severity: Warning, Ignorable: true,
		Summary: "an expression names a label its series never have (matcher, by/without, on/ignoring, group_x, label function); an error when the selector then matches nothing or filters nothing, and for by (...) or on (...) with a label no input series can carry",
		Catches: "The labels of every metric are declared, so a label name the series never carry is a typo or a mistake: `by (statuss)` groups by nothing, `on (podd)` matches on nothing, `{region=\"eu\"}` on a metric without `region` selects nothing. A target label (`job`, `instance`, `target_labels`) and a label that `label_replace` or `label_join` adds on the way are labels the series can carry.",
		Example: `
labels:
  status: {values: [ok, error]}
metrics:
  requests_total: {type: counter, help: Requests, labels: [status]}
recording_rules:
  - record: status:shop_requests:rate5m
    expr: sum by (statuss) (rate(shop_requests_total[5m]))
`,
		Fix: "Use a label the series have (the message lists them and suggests the closest); for an exporter's metric, list its labels under `external_metrics`.",
	},
	{
		Code: PromQLUnknownMetric, Severity: Error, Ignorable: true,
		Summary: "an expression selects a metric that is not in the spec, external_metrics or a recording rule",
		Catches: "A misspelt metric name selects nothing, so the alert silently never fires; the most common bug in hand-written rules.",
		Example: `
metrics:
  orders_total: {type: counter, help: Orders placed}
alerts:
  - alert: NoOrders
    expr: sum(rate(shop_order_total[5m])) == 0
    summary: No orders
`,
		Fix: "Fix the name (with the namespace: `shop_orders_total`), or declare another exporter's metric under `external_metrics` with its labels, which also checks its uses.",
	},
	{
		Code: PromQLVectorMatching, Severity: Error, Ignorable: true,
		Summary: "the two sides of a binary operation have no label set in common, so it never matches",
		Catches: "A binary operation between two vectors pairs series with identical labels (or the labels of `on(...)`); two sides aggregated to different labels never pair up and the result is always empty: a ratio that is never computed, an alert that never fires.",
		Example: `
labels:
  method: {values: [GET, POST]}
  code: {pattern: '^[1-5][0-9][0-9]$', max_values: 60}
metrics:
  requests_total: {type: counter, help: Requests, labels: [method]}
  errors_total: {type: counter, help: Errors, labels: [code]}
alerts:
  - alert: ErrorRatio
    expr: sum by (code) (rate(shop_errors_total[5m])) / sum by (method) (rate(shop_requests_total[5m])) > 0.05
    summary: Too many errors
`,
		Fix: "Aggregate both sides to the same labels (`sum(...) / sum(...)`), or match on the labels they share with `on(...)` and `group_left`.",
	},
	{
		Code: RedactDuplicate, Severity: Error, Ignorable: false,
		Summary: "two redaction rules have the same key",
		Catches: "Keys match case-insensitively, so two rules for one key would compete; only one could apply.",
		Example: `
logging:
  redact:
    - {key: email, action: mask}
    - {key: Email, action: remove}
metrics:
  orders_total: {type: counter, help: Orders placed}
`,
		Fix: "Keep one rule per key.",
	},
	{
		Code: RedactKeep, Severity: Warning, Ignorable: true,
		Summary: "a mask keeps enough characters to identify a person",
		Catches: "`mask` keeps the first `keep` characters; past 8 they are often the whole name or address.",
		Example: `
logging:
  redact:
    - {key: email, action: mask, keep: 12}
metrics:
  orders_total: {type: counter, help: Orders placed}
`,
		Fix: "Keep 3 characters or fewer, or use `hash` to correlate records without showing the value.",
	},
	{
		Code: RedactKey, Severity: Error, Ignorable: false,
		Summary: "a redaction key is empty, matches every attribute, or uses '**'",
		Catches: "A key that matches every attribute would redact the whole log record; an empty one matches nothing.",
		Example: `
logging:
  redact:
    - {key: '*', action: redact}
metrics:
  orders_total: {type: counter, help: Orders placed}
`,
		Fix: "Name the keys to redact (`email`, `*_token`).",
	},
	{
		Code: RulesAlertName, Severity: Warning, Ignorable: true,
		Summary: "an alert name has characters other than letters, digits and '_', which Alertmanager matchers must quote and URLs escape",
		Catches: "Prometheus accepts any alert name (`MysqlTooManyConnections(>80%)` loads fine), but the name travels as the `alertname` label into Alertmanager routes, silences, inhibit rules and links, where spaces and punctuation must be quoted or escaped every time.",
		Example: `
metrics:
  orders_total: {type: counter, help: Orders placed}
alerts:
  - alert: 'Orders(<1/min)'
    expr: sum(rate(shop_orders_total[10m])) * 60 < 1
    summary: Fewer than one order a minute
`,
		Fix: "Name the alert in UpperCamelCase letters and digits (`OrdersBelowOnePerMinute`).",
	},
	{
		Code: RulesAnnotationKey, Severity: Error, Ignorable: false,
		Summary: "an annotation duplicates a key the alert has of its own (summary, description, runbook)",
		Catches: "`summary`, `description` and `runbook` are keys of the alert and become the annotations `summary`, `description` and `runbook_url`; setting them under `annotations` too would give two values for one annotation.",
		Example: `
metrics:
  orders_total: {type: counter, help: Orders placed}
alerts:
  - alert: NoOrders
    expr: sum(rate(shop_orders_total[10m])) == 0
    annotations: {summary: No orders}
`,
		Fix: "Use the alert's own key.",
	},
	{
		Code: RulesDuplicateName, Severity: Error, Ignorable: false,
		Summary: "two alerts or two recording rules would produce the same series: the same name and labels that cannot tell them apart",
		Catches: "One name for several rules is normal: an alert's warning and critical tiers, a recorded series per quantile. But two recording rules that write the same series overwrite each other at every evaluation, and two alerts with the same labels are one alert to Prometheus and Alertmanager. Rules are told apart by the labels they set (`severity`, `labels:`), or by values their expressions keep (`code=~\"4..\"` and `code=~\"5..\"` under `sum by (code)`).",
		Example: `
metrics:
  orders_total: {type: counter, help: Orders placed}
recording_rules:
  - {record: 'shop:orders:rate5m', expr: 'sum(rate(shop_orders_total[5m]))'}
  - {record: 'shop:orders:rate5m', expr: 'sum(rate(shop_orders_total[10m]))'}
`,
		Fix: "Give the rules labels that tell their series apart (`labels: {window: 10m}`, `severity: critical`), or each its own name.",
	},
	{
		Code: RulesMissingSummary, Severity: Warning, Ignorable: true,
		Summary: "an alert has no summary",
		Catches: "The summary is the line a notification shows; without it the receiver sees only the alert's name and labels.",
		Example: `
metrics:
  orders_total: {type: counter, help: Orders placed}
alerts:
  - alert: NoOrders
    expr: sum(rate(shop_orders_total[10m])) == 0
`,
		Fix: "Add `summary:` saying in one line what is wrong.",
	},
	{
		Code: RulesRunbook, Severity: Error, Ignorable: true,
		Summary: "an alert's runbook is not an absolute URL",
		Catches: "`runbook` becomes the `runbook_url` annotation, which Alertmanager and Grafana show as a link; a relative path goes nowhere.",
		Example: `
metrics:
  orders_total: {type: counter, help: Orders placed}
alerts:
  - alert: NoOrders
    expr: sum(rate(shop_orders_total[10m])) == 0
    summary: No orders
    runbook: runbooks/orders.md
`,
		Fix: "Link the page: `https://...`.",
	},
	{
		Code: RulesSeverity, Severity: Error, Ignorable: false,
		Summary: "an alert sets severity both as its key and in labels",
		Catches: "The `severity` key becomes `labels.severity`; setting both leaves two values for one label.",
		Example: `
metrics:
  orders_total: {type: counter, help: Orders placed}
alerts:
  - alert: NoOrders
    expr: sum(rate(shop_orders_total[10m])) == 0
    summary: No orders
    severity: warning
    labels: {severity: page}
`,
		Fix: "Keep the `severity` key.",
	},
	{
		Code: SchemaDuplicateItem, Severity: Error, Ignorable: false,
		Summary: "a list that must hold distinct items lists one twice",
		Catches: "Enum values, a metric's labels, bucket bounds and similar lists hold each item once.",
		Example: `
labels:
  status: {values: [ok, error, ok]}
metrics:
  requests_total: {type: counter, help: Requests, labels: [status]}
`,
		Fix: "Remove the repeat.",
	},
	{
		Code: SchemaEmpty, Severity: Error, Ignorable: false,
		Summary: "a value that must not be empty is empty",
		Catches: "An empty `metrics` mapping, enum `values` list or required text leaves nothing to generate.",
		Example: `
metrics: {}
`,
		Fix: "Fill it in, or remove the key when it is optional.",
	},
	{
		Code: SchemaEnum, Severity: Error, Ignorable: false,
		Summary: "a value is not one of the values the key allows",
		Catches: "Keys such as a metric's `type`, a redaction `action` or a panel's `type` take one of a fixed set of words.",
		Example: `
metrics:
  orders_total: {type: countr, help: Orders placed}
`,
		Fix: "Use one of the values the message lists (it suggests the closest).",
	},
	{
		Code: SchemaFormat, Severity: Error, Ignorable: false,
		Summary: "a value or a key is not of the form the key requires (a name, a duration, a path, a URL)",
		Catches: "The schema gives some strings a form: label and metric names, environment variable names, durations, URLs. The message says what the form is.",
		Example: `
logging:
  hash_key_env: 1KEY
metrics:
  orders_total: {type: counter, help: Orders placed}
`,
		Fix: "Write the value in the form the message gives.",
	},
	{
		Code: SchemaNotAllowed, Severity: Error, Ignorable: false,
		Summary: "a key is not allowed together with another key, or where it is",
		Catches: "Some keys exclude each other (`exponential` and `linear` buckets) or only apply with another (`keep` only with `action: mask`).",
		Example: `
logging:
  redact:
    - {key: email, action: remove, keep: 3}
metrics:
  orders_total: {type: counter, help: Orders placed}
`,
		Fix: "Remove one of the keys, as the message says.",
	},
	{
		Code: SchemaRange, Severity: Error, Ignorable: false,
		Summary: "a number is outside the range the key allows",
		Catches: "Counts, factors and limits have bounds (`max_values` at least 1, `objective` below 100, ...).",
		Example: `
labels:
  code: {max_values: 0}
metrics:
  errors_total: {type: counter, help: Errors, labels: [code]}
`,
		Fix: "Use a value within the bounds the message gives.",
	},
	{
		Code: SchemaRequired, Severity: Error, Ignorable: false,
		Summary: "a required key is missing",
		Catches: "A metric needs `type` and `help`, an alert `alert` and `expr`, the spec `version`, `namespace` and `service`, and so on.",
		Example: `
metrics:
  orders_total: {type: counter}
`,
		Fix: "Add the key; the message says what it holds.",
	},
	{
		Code: SchemaStaleCopy, Severity: Warning, Ignorable: true,
		Summary: "the schema file the spec's yaml-language-server comment names is not this metricgen's",
		Catches: "Editors complete and check a spec against the file its `# yaml-language-server: $schema=<path>` comment names. A copy made with `metricgen schema > file` goes stale when metricgen is upgraded: the editor then offers keys validate rejects, and flags keys it accepts. URLs and files that are not there are not checked; the spec's own `outputs.schema` is kept current by generate, and check reports it when stale. `testdata/invalid/spec-schema-stale-copy` shows it (it needs a second file, so it has no example here).",
		Fix:     "Set `outputs.schema` to the path (relative to the output root) so that generate writes the copy and keeps it current, or rewrite it with `metricgen schema > <path>`.",
	},
	{
		Code: SchemaType, Severity: Error, Ignorable: false,
		Summary: "a value has the wrong type (a list for a mapping, text for a number)",
		Catches: "YAML reads `404` as a number and `yes` as a boolean; where the spec expects text, quote them. A list where a mapping is expected usually means a missing or extra `-`.",
		Example: `
labels:
  code: {values: [404, 500]}
metrics:
  errors_total: {type: counter, help: Errors, labels: [code]}
`,
		Fix: "Write the value with the type the message names (quote text that looks like a number).",
	},
	{
		Code: SchemaUnknownKey, Severity: Error, Ignorable: false,
		Summary: "a key the spec does not define (often a typo)",
		Catches: "An unknown key is never silently dropped: a misspelt `lables` would otherwise leave the metric without labels.",
		Example: `
metrics:
  orders_total: {type: counter, help: Orders placed, lables: []}
`,
		Fix: "Fix the key (the message suggests the closest one).",
	},
	{
		Code: SchemaVersion, Severity: Error, Ignorable: false,
		Summary: "version is not 1",
		Catches: "This metricgen reads version 1 of the spec; another version, or `\"1\"` quoted, may mean keys it does not know.",
		Example: `
version: 2
namespace: shop
service: shop
metrics:
  orders_total: {type: counter, help: Orders placed}
`,
		ExampleFile: true,
		Fix:         "Write `version: 1`, without quotes.",
	},
	{
		Code: SchemaViolation, Severity: Error, Ignorable: false,
		Summary: "any other rule of the spec's JSON Schema",
		Catches: "A rule of the JSON Schema for which metricgen has no more specific check; the message is the schema validator's.",
		Fix:     "Change the value as the message says; `metricgen schema` prints the schema.",
	},
	{
		Code: SeriesBudget, Severity: Warning, Ignorable: true,
		Summary: "a metric can have more series than its budget: a warning past 1,000, an error past 100,000 or its max_series",
		Catches: "Every label combination is a series, each costing memory in Prometheus and in the process (enum combinations are exported from the start). The budget is the product of the enum sizes and `max_values`, times buckets + 3 for histograms (each bucket, +Inf, `_sum` and `_count`).",
		Example: `
labels:
  endpoint: {max_values: 200}
  code: {max_values: 60}
metrics:
  requests_total: {type: counter, help: Requests, labels: [endpoint, code]}
`,
		Fix: "Drop labels or values; or, when the cost is intended, set `max_series` on the metric to a budget it fits in.",
	},
	{
		Code: SLOBy, Severity: Error, Ignorable: false,
		Summary: "an SLO is split by a label that the SLI's series lack, or that its rules set themselves",
		Catches: "`by` makes one SLO per value of its labels: every rule aggregates `by (...)` them. A label some SLI series lack would merge or drop series, and `slo`, `service`, `event`, `severity` and `window` are labels the SLO rules set themselves.",
		Example: `
outputs: {rules: shop.rules.yml}
metrics:
  requests_total: {type: counter, help: Requests served, labels: [code]}
labels:
  code: {pattern: "^[1-5][0-9][0-9]$", max_values: 40}
slos:
  - name: availability
    objective: 99.9
    by: [route]
    sli:
      errors: shop_requests_total{code=~"5.."}
      total: shop_requests_total
`,
		Fix: "Split by a label every series of `errors`/`success` and `total` has (a target label such as `job` works too).",
	},
	{
		Code: SLODuplicate, Severity: Error, Ignorable: false,
		Summary: "two SLOs have the same name",
		Catches: "The name is the `slo` label of every rule and alert of the SLO: two SLOs of one name would write the same series.",
		Example: `
outputs: {rules: shop.rules.yml}
metrics:
  requests_total: {type: counter, help: Requests served, labels: [code]}
labels:
  code: {pattern: "^[1-5][0-9][0-9]$", max_values: 40}
slos:
  - {name: availability, objective: 99.9, sli: {errors: 'shop_requests_total{code=~"5.."}', total: shop_requests_total}}
  - {name: availability, objective: 99, sli: {errors: 'shop_requests_total{code=~"5.."}', total: shop_requests_total}}
`,
		Fix: "Give each SLO its own name.",
	},
	{
		Code: SLOErrorsSubset, Severity: Error, Ignorable: false,
		Summary: "sli.errors or sli.success selects series that sli.total does not count, or the same ones",
		Catches: "The error ratio is errors over total: errors that total does not count make it meaningless (it can exceed 1), and errors that are all of total make it always 1. Every matcher of `total` must be in `errors` (or `success`), where its series have the label.",
		Example: `
outputs: {rules: shop.rules.yml}
metrics:
  requests_total: {type: counter, help: Requests served, labels: [route, code]}
labels:
  route: {values: [cart, search]}
  code: {pattern: "^[1-5][0-9][0-9]$", max_values: 40}
slos:
  - name: cart_availability
    objective: 99.9
    sli:
      errors: shop_requests_total{code=~"5.."}
      total: shop_requests_total{route="cart"}
`,
		Fix: "Add the missing matchers to `errors` (`shop_requests_total{route=\"cart\",code=~\"5..\"}`), or count errors with a metric that has the label.",
	},
	{
		Code: SLOInterval, Severity: Error, Ignorable: false,
		Summary: "rule_group.interval does not divide 5m, which the SLO windows' recorded rates need",
		Catches: "Each SLO window is the sum of shorter recorded windows read at offsets that tile it exactly; that needs a recorded sample at every 5m step, so the rules must be evaluated every 5m or a fraction of it.",
		Example: `
outputs: {rules: shop.rules.yml}
metrics:
  requests_total: {type: counter, help: Requests served, labels: [code]}
labels:
  code: {pattern: "^[1-5][0-9][0-9]$", max_values: 40}
rule_group: {interval: 2m}
slos:
  - {name: availability, objective: 99.9, sli: {errors: 'shop_requests_total{code=~"5.."}', total: shop_requests_total}}
`,
		Fix: "Use an interval that divides 5m: 15s, 30s, 1m or 5m (or none: the server's default, usually 1m).",
	},
	{
		Code: SLOLeNotABucket, Severity: Error, Ignorable: false,
		Summary: "a latency SLI's le is not one of the histogram's buckets: the SLI would read nothing",
		Catches: "A histogram only has series for its buckets: a threshold between two buckets selects no series, and the SLI reads a silent zero (Sloth and Pyrra accept it).",
		Example: `
outputs: {rules: shop.rules.yml}
metrics:
  request_duration_seconds: {type: histogram, help: Time to serve a request, unit: seconds, buckets: [0.1, 0.25, 0.5, 1]}
slos:
  - name: latency
    objective: 95
    sli:
      latency: {metric: request_duration_seconds, le: 0.3}
`,
		Fix: "Use one of the buckets the message names, or add the threshold to the histogram's buckets.",
	},
	{
		Code: SLONoRulesOutput, Severity: Warning, Ignorable: true,
		Summary: "the spec has SLOs but no outputs.rules, so their rules and alerts are not generated",
		Catches: "SLO recording rules, alerts and their tests go to the rule file; without `outputs.rules` the SLOs produce only their docs and dashboard rows, which read series nothing records.",
		Example: `
metrics:
  requests_total: {type: counter, help: Requests served, labels: [code]}
labels:
  code: {pattern: "^[1-5][0-9][0-9]$", max_values: 40}
slos:
  - {name: availability, objective: 99.9, sli: {errors: 'shop_requests_total{code=~"5.."}', total: shop_requests_total}}
`,
		Fix: "Add `outputs.rules`.",
	},
	{
		Code: SLOCounter, Severity: Error, Ignorable: false,
		Summary: "an SLI selector selects something other than a counter (a gauge): only a counter's rate counts events",
		Catches: "An SLI counts good or bad events over all events, from the rate of counters. A gauge's rate is nonsense.",
		Example: `
outputs: {rules: shop.rules.yml}
metrics:
  requests_total: {type: counter, help: Requests served, labels: [code]}
  in_flight: {type: gauge, help: Requests in flight}
labels:
  code: {pattern: "^[1-5][0-9][0-9]$", max_values: 40}
slos:
  - name: availability
    objective: 99.9
    sli:
      errors: shop_in_flight
      total: shop_requests_total
`,
		Fix: "Select a counter, a histogram's `_count` or `_bucket`, or a summary's `_count`.",
	},
	{
		Code: SLOHistogram, Severity: Error, Ignorable: false,
		Summary: "a latency SLI names a metric that is not a histogram with classic buckets",
		Catches: "A latency SLI counts the observations within a bucket (`le`) of a histogram over all of them: it needs a histogram, and classic buckets, whose `le` label the rules select.",
		Example: `
outputs: {rules: shop.rules.yml}
metrics:
  requests_total: {type: counter, help: Requests served, labels: [code]}
labels:
  code: {pattern: "^[1-5][0-9][0-9]$", max_values: 40}
slos:
  - name: latency
    objective: 95
    sli:
      latency: {metric: requests_total, le: 0.5}
`,
		Fix: "Name a histogram of the spec (its key or full name) or of `external_metrics`; give a native-only histogram classic `buckets`.",
	},
	{
		Code: SLOSelector, Severity: Error, Ignorable: false,
		Summary: "an SLI selector is not a plain selector of a metric (a function, a range, an offset)",
		Catches: "metricgen takes the rate of the SLI's counters over every window itself; a selector wrapped in `rate()` or with a range or offset cannot be.",
		Example: `
outputs: {rules: shop.rules.yml}
metrics:
  requests_total: {type: counter, help: Requests served, labels: [code]}
labels:
  code: {pattern: "^[1-5][0-9][0-9]$", max_values: 40}
slos:
  - name: availability
    objective: 99.9
    sli:
      errors: sum(rate(shop_requests_total{code=~"5.."}[5m]))
      total: shop_requests_total
`,
		Fix: "Write the counter's selector alone: `shop_requests_total{code=~\"5..\"}`.",
	},
	{
		Code: SLOReservedLabel, Severity: Error, Ignorable: false,
		Summary: "an SLO's alerting.labels sets a label metricgen sets on every SLO alert (slo, service, severity, window)",
		Catches: "Every SLO alert carries `slo`, `service`, `severity` and (burn-rate alerts) `window`: the contract routing relies on.",
		Example: `
outputs: {rules: shop.rules.yml}
metrics:
  requests_total: {type: counter, help: Requests served, labels: [code]}
labels:
  code: {pattern: "^[1-5][0-9][0-9]$", max_values: 40}
slos:
  - name: availability
    objective: 99.9
    sli: {errors: 'shop_requests_total{code=~"5.."}', total: shop_requests_total}
    alerting:
      labels: {severity: page}
`,
		Fix: "Set severities with `alerting.page.severity` and `alerting.ticket.severity`; use other label names for routing.",
	},
	{
		Code: SLOSLI, Severity: Error, Ignorable: false,
		Summary: "an SLO's sli is not exactly one of {errors, total}, {success, total} or {latency}",
		Catches: "The SLI is bad events over all events, good events over all events, or the observations of a histogram within a bucket over all of them: exactly one of these forms.",
		Example: `
outputs: {rules: shop.rules.yml}
metrics:
  requests_total: {type: counter, help: Requests served, labels: [code]}
labels:
  code: {pattern: "^[1-5][0-9][0-9]$", max_values: 40}
slos:
  - name: availability
    objective: 99.9
    sli:
      errors: shop_requests_total{code=~"5.."}
`,
		Fix: "Give `total` with `errors` or `success`, or `latency` alone.",
	},
	{
		Code: SLOWindow, Severity: Error, Ignorable: false,
		Summary: "an SLO window is not a duration of at least 1d in whole 5m",
		Catches: "The error budget is spent over the window: under a day it pages on noise. Every window is tiled by 5m recorded rates, so it must be a whole number of 5m.",
		Example: `
outputs: {rules: shop.rules.yml}
metrics:
  requests_total: {type: counter, help: Requests served, labels: [code]}
labels:
  code: {pattern: "^[1-5][0-9][0-9]$", max_values: 40}
slos:
  - {name: availability, objective: 99.9, window: 12h, sli: {errors: 'shop_requests_total{code=~"5.."}', total: shop_requests_total}}
`,
		Fix: "Use a window of 1d or more, such as 7d, 28d or 30d (the default).",
	},
	{
		Code: TemplateCall, Severity: Error, Ignorable: true,
		Summary: "an alert template cannot run: a function called with the wrong number or type of arguments, a field of a value that has none",
		Catches: "Parsing a template checks only that functions exist; Prometheus finds a wrong call when it expands the template, and then shows an error instead of the text in every notification. metricgen runs each template with a stand-in alert that has the types Prometheus gives it, so `{{ humanize }}` (no argument) or `{{ $value | toUpper }}` (a number where text is needed) are reported at once.",
		Example: `
metrics:
  orders_total: {type: counter, help: Orders placed}
alerts:
  - alert: FewOrders
    expr: sum(rate(shop_orders_total[10m])) < 1
    summary: 'Only {{ humanize }} orders per second'
`,
		Fix: "Give the function its argument (`{{ $value | humanize }}`), and pipe each function a value of the type it takes.",
	},
	{
		Code: TemplateMaybeLabel, Severity: Warning, Ignorable: true,
		Summary: "an alert template reads a label that only one branch of an or returns, so it is empty when the other branch fires",
		Catches: "`up == 0 or absent(up{job=\"shop\"})` returns the labels of `up` from its left branch but only `job` from `absent`, so `{{ $labels.instance }}` prints nothing exactly when no target is left.",
		Example: `
metrics:
  orders_total: {type: counter, help: Orders placed}
external_metrics:
  up: {type: gauge}
alerts:
  - alert: ShopDown
    expr: up{job="shop"} == 0 or absent(up{job="shop"})
    summary: 'Target {{ $labels.instance }} is down'
`,
		Fix: "Give both branches the label, or write the template for both cases: `{{ with $labels.instance }}Target {{ . }}{{ else }}Every target{{ end }} is down`.",
	},
	{
		Code: TemplateSyntax, Severity: Error, Ignorable: false,
		Summary: "an alert's annotation or label is not a valid Prometheus template",
		Catches: "Annotations and labels are Go templates that Prometheus expands for every alert; one that does not parse makes the rule file fail to load (`promtool check rules` reports it too).",
		Example: `
metrics:
  orders_total: {type: counter, help: Orders placed}
alerts:
  - alert: NoOrders
    expr: sum(rate(shop_orders_total[10m])) == 0
    summary: 'No orders for {{ $value | humanise }}'
`,
		Fix: "Fix the `{{ ... }}` (the message names an undefined function's closest match).",
	},
	{
		Code: TemplateUnknownLabel, Severity: Error, Ignorable: true,
		Summary: "an alert template reads a label the alert's expression does not return",
		Catches: "`$labels` holds the labels of the series the expression returns; after `sum by (endpoint)` only `endpoint` is left, so `{{ $labels.method }}` prints nothing. Reading a label the rule sets itself (`labels:`) is a warning: `$labels` never holds those.",
		Example: `
labels:
  endpoint: {values: [profiles, events]}
metrics:
  errors_total: {type: counter, help: Errors, labels: [endpoint]}
alerts:
  - alert: Errors
    expr: sum(rate(shop_errors_total[5m])) > 1
    summary: 'Errors on {{ $labels.endpoint }}'
`,
		Fix: "Keep the label in the expression (`sum by (endpoint) (...)`), or do not read it.",
	},
	{
		Code: TestsExpAnnotations, Severity: Error, Ignorable: true,
		Summary: "a rule test expects annotations the alert will not have: a missing or extra key, or a text its template does not render to",
		Catches: "promtool compares an expected alert's annotations with all of the alert's, expanded: `summary`, `description`, `runbook_url` and the alert's `annotations`. A key left out, a key the alert lacks, or a text that is not what the template renders fails the test; metricgen renders every template that reads only labels (not `$value`, queries or the external URL) for the expected labels and compares.",
		Example: `
outputs: {rules: rules.yml}
metrics:
  orders_total: {type: counter, help: Orders placed}
alerts:
  - alert: NoOrders
    expr: sum by (job) (rate(shop_orders_total[10m])) == 0
    summary: 'No orders on {{ $labels.job | toUpper }}'
tests:
  - input_series:
      - {series: 'shop_orders_total{job="shop",instance="a"}', values: '0x30'}
    alert_rule_test:
      - eval_time: 20m
        alertname: NoOrders
        exp_alerts:
          - exp_labels: {service: shop, job: shop}
            exp_annotations: {summary: No orders on shop}
`,
		Fix: "Expect every annotation of the alert, with the text Prometheus expands (the message shows it).",
	},
	{
		Code: TestsExpLabels, Severity: Error, Ignorable: true,
		Summary: "a rule test expects labels the alert will not carry: a rule label (service, severity, labels) missing or different, or a label the expression never returns",
		Catches: "promtool compares an expected alert's labels with all of the alert's: those of the expression's result, and those the rule sets, including `service` (which metricgen adds to every alert) and `severity`. A label left out, a different value, or a label the expression cannot return fails the test.",
		Example: `
outputs: {rules: rules.yml}
metrics:
  orders_total: {type: counter, help: Orders placed}
alerts:
  - alert: NoOrders
    expr: sum by (job) (rate(shop_orders_total[10m])) == 0
    severity: warning
    summary: No orders
tests:
  - input_series:
      - {series: 'shop_orders_total{job="shop",instance="a"}', values: '0x30'}
    alert_rule_test:
      - eval_time: 20m
        alertname: NoOrders
        exp_alerts:
          - exp_labels: {severity: warning, job: shop}
            exp_annotations: {summary: No orders}
`,
		Fix: "Expect exactly the alert's labels: add `service` and `severity`, and drop labels the expression aggregates away.",
	},
	{
		Code: TestsInputSeries, Severity: Error, Ignorable: true,
		Summary: "a rule test's input series is not one the spec's metrics produce: bad notation, an unknown metric, a label the metric lacks, a value the label never takes",
		Catches: "A test fed with a misspelt metric, label or value tests nothing: the rule under test never sees the series, and an alert expected not to fire passes for the wrong reason.",
		Example: `
outputs: {rules: rules.yml}
metrics:
  orders_total: {type: counter, help: Orders placed}
alerts:
  - alert: NoOrders
    expr: sum(rate(shop_orders_total[10m])) == 0
    summary: No orders
tests:
  - input_series:
      - {series: 'shop_order_total{job="shop",instance="a"}', values: '0x30'}
    alert_rule_test:
      - {eval_time: 20m, alertname: NoOrders}
`,
		Fix: "Feed the series the spec's metrics export: their full names, their labels, and values the labels take.",
	},
	{
		Code: TestsUnknownAlert, Severity: Error, Ignorable: false,
		Summary: "a rule test checks an alert the spec does not define",
		Catches: "`promtool test rules` would report the alert as never firing, which hides the typo behind a failing test.",
		Example: `
outputs: {rules: rules.yml}
metrics:
  orders_total: {type: counter, help: Orders placed}
alerts:
  - alert: NoOrders
    expr: sum(rate(shop_orders_total[10m])) == 0
    summary: No orders
tests:
  - input_series:
      - {series: 'shop_orders_total{job="shop",instance="a"}', values: '0x30'}
    alert_rule_test:
      - {eval_time: 20m, alertname: NoOrder}
`,
		Fix: "Name an alert of the spec (the message suggests the closest).",
	},
	{
		Code: ValueDuration, Severity: Error, Ignorable: false,
		Summary: "a duration is not a Prometheus duration (30s, 5m, 1h30m)",
		Catches: "`for`, `keep_firing_for`, intervals and test times are Prometheus durations: integers with units from `y` to `ms`, largest first; a bare number has no unit.",
		Example: `
metrics:
  orders_total: {type: counter, help: Orders placed}
alerts:
  - alert: NoOrders
    expr: sum(rate(shop_orders_total[10m])) == 0
    summary: No orders
    for: 1.5m
`,
		Fix: "Write it like `90s`, `5m` or `1h30m`.",
	},
	{
		Code: YAMLAliasLimit, Severity: Error, Ignorable: false,
		Summary: "aliases nest too deep or expand to too many values",
		Catches: "A small file of nested aliases can expand to billions of values (a \"billion laughs\"); metricgen stops at 100,000 values and 64 levels.",
		Example: `
version: 1
namespace: shop
service: shop
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: [*e, *e]
`,
		ExampleFile: true,
		Fix:         "Write the spec without nested aliases.",
	},
	{
		Code: YAMLComplexKey, Severity: Error, Ignorable: false,
		Summary: "a mapping key is a list or mapping, not a plain name",
		Catches: "Every key of a spec is a name; YAML's `? [a, b]` complex keys have no meaning in it.",
		Example: `
metrics:
  ? [orders, total]
  : {type: counter, help: Orders placed}
  refunds_total: {type: counter, help: Refunds issued}
`,
		Fix: "Use a plain name as the key.",
	},
	{
		Code: YAMLDuplicateKey, Severity: Error, Ignorable: false,
		Summary: "a mapping has the same key twice",
		Catches: "Most YAML readers keep the last of two equal keys silently; metricgen reports the repeat so that nothing is lost without a word.",
		Example: `
metrics:
  orders_total: {type: counter, help: Orders placed}
  orders_total: {type: counter, help: Orders}
`,
		Fix: "Remove one of them, or merge them.",
	},
	{
		Code: YAMLEmpty, Severity: Error, Ignorable: false,
		Summary: "the spec is empty",
		Catches: "The file holds no YAML value (nothing, or only comments).",
		Example: `
# nothing here yet
`,
		ExampleFile: true,
		Fix:         "Start with `version: 1`; `metricgen schema` prints every key.",
	},
	{
		Code: YAMLMergeKey, Severity: Error, Ignorable: false,
		Summary: "a merge key (<<) is used; metricgen does not support them",
		Catches: "Merge keys are not part of YAML 1.2 and readers disagree on them; a spec states every key where it applies, so that a reviewer reads what is generated.",
		Example: `
metrics:
  orders_total: &counter {type: counter, help: Orders placed}
  refunds_total:
    <<: *counter
    help: Refunds issued
`,
		Fix: "Write the keys out.",
	},
	{
		Code: YAMLMultipleDocuments, Severity: Error, Ignorable: false,
		Summary: "the file holds more than one YAML document",
		Catches: "A spec is one document; what follows `---` would be ignored.",
		Example: `
version: 1
namespace: shop
service: shop
metrics:
  orders_total: {type: counter, help: Orders placed}
---
namespace: other
`,
		ExampleFile: true,
		Fix:         "Remove the `---` and what follows, or put the second document in its own spec file.",
	},
	{
		Code: YAMLSyntax, Severity: Error, Ignorable: false,
		Summary: "the file is not valid YAML",
		Catches: "The YAML cannot be read: a mis-indented line, an unclosed quote or bracket, a tab in the indentation. The message says what usually causes the error, at the line where the problem is (not where the parser gave up).",
		Example: `
metrics:
  orders_total:
    type: counter
   help: Orders placed
`,
		Fix: "Fix the syntax at the position shown.",
	},
	{
		Code: YAMLTag, Severity: Error, Ignorable: false,
		Summary: "an explicit YAML tag other than the core types (!custom, !!binary, !include), which metricgen would ignore or misread",
		Catches: "Tags ask a YAML reader to build a value of some type, or to include a file; metricgen reads plain strings, numbers, lists and mappings only, so a tagged value would be dropped or read as something it is not.",
		Example: `
metrics:
  orders_total: {type: counter, help: !include help.txt}
`,
		Fix: "Remove the tag and write the value out.",
	},
}

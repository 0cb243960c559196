package diag

import (
	"slices"
	"strings"
)

// Code names one check: "category/name", lower-case, stable across releases. Users look a code
// up in docs/checks.md (`metricgen checks CODE`) and name it in ignore comments, so a code is
// never renamed or reused; a check that goes away keeps its entry, marked Retired.
type Code string

// Category is the part of the code before the slash.
func (c Code) Category() string {
	cat, _, _ := strings.Cut(string(c), "/")
	return cat
}

// Check is the registry entry of one code: what the check catches and how to fix it. The
// entries below are the only place a code is defined; docs/checks.md is generated from them
// (`make docs`), and a test keeps the two equal.
type Check struct {
	Code Code
	// Severity is the severity the check reports at by default. Some checks escalate to an
	// error past a threshold (series/budget) or when the mistake makes the rule fail; Summary
	// says so.
	Severity Severity
	// Ignorable says that a `# metricgen:ignore CODE reason` comment may silence the check.
	// Checks whose violation would make metricgen write broken or incomplete output (YAML and
	// schema errors, Go name clashes, output paths, invalid names) cannot be silenced.
	Ignorable bool
	// Summary is one line: what is wrong when the check fires.
	Summary string
	// Catches, Example and Fix document the check (docs/checks.md): what it catches and why
	// it matters, a minimal spec that triggers it (YAML), and how to fix it. Markdown.
	Catches, Example, Fix string
	// ExampleFile says that Example is a whole spec file; otherwise it is what follows
	// version, namespace and service.
	ExampleFile bool
}

// ExampleHeader is what an Example that is not a whole file follows.
const ExampleHeader = "version: 1\nnamespace: shop\nservice: shop\n"

// Lookup returns the registry entry of code.
func Lookup(code Code) (Check, bool) {
	i, ok := slices.BinarySearchFunc(Checks, code, func(c Check, code Code) int { return strings.Compare(string(c.Code), string(code)) })
	if !ok {
		return Check{}, false
	}
	return Checks[i], true
}

// Known reports whether code is registered.
func Known(code Code) bool {
	_, ok := Lookup(code)
	return ok
}

// The check codes, by category. To add a check: add its constant here and its entry to Checks
// (kept sorted by code), then run `make docs` to regenerate docs/checks.md.
const (
	// Reading the file.
	FileUnreadable Code = "file/unreadable"
	FileTooLarge   Code = "file/too-large"

	// YAML itself (package spec).
	YAMLSyntax            Code = "yaml/syntax"
	YAMLEmpty             Code = "yaml/empty"
	YAMLMultipleDocuments Code = "yaml/multiple-documents"
	YAMLDuplicateKey      Code = "yaml/duplicate-key"
	YAMLMergeKey          Code = "yaml/merge-key"
	YAMLComplexKey        Code = "yaml/complex-key"
	YAMLAliasLimit        Code = "yaml/alias-limit"
	YAMLTag               Code = "yaml/tag"

	// The JSON Schema of the spec.
	SchemaType          Code = "schema/type"
	SchemaUnknownKey    Code = "schema/unknown-key"
	SchemaRequired      Code = "schema/required"
	SchemaNotAllowed    Code = "schema/not-allowed"
	SchemaEnum          Code = "schema/enum"
	SchemaVersion       Code = "schema/version"
	SchemaFormat        Code = "schema/format"
	SchemaRange         Code = "schema/range"
	SchemaEmpty         Code = "schema/empty"
	SchemaDuplicateItem Code = "schema/duplicate-item"
	SchemaViolation     Code = "schema/violation"
	SchemaStaleCopy     Code = "schema/stale-copy"

	// Names: Prometheus' naming conventions and validity.
	NamingInvalid         Code = "naming/invalid"
	NamingSnakeCase       Code = "naming/snake-case"
	NamingColon           Code = "naming/colon"
	NamingNamespacePrefix Code = "naming/namespace-prefix"
	NamingCounterSuffix   Code = "naming/counter-suffix"
	NamingReservedSuffix  Code = "naming/reserved-suffix"
	NamingTypeInName      Code = "naming/type-in-name"
	NamingBaseUnit        Code = "naming/base-unit"
	NamingUnitSuffix      Code = "naming/unit-suffix"
	NamingOTelRename      Code = "naming/otel-rename"
	NamingReservedLabel   Code = "naming/reserved-label"
	NamingRecordingRule   Code = "naming/recording-rule"

	// The generated Go package.
	GoPackageName Code = "go/package-name"
	GoNameClash   Code = "go/name-clash"
	GoOTelNative  Code = "go/otel-native"

	// Metrics, histograms and their cost.
	MetricEmptyHelp         Code = "metric/empty-help"
	MetricNameClash         Code = "metric/name-clash"
	MetricHistogramOnly     Code = "metric/histogram-only"
	MetricInit              Code = "metric/init"
	MetricObserve           Code = "metric/observe"
	MetricOnePer            Code = "metric/one-per"
	HistogramBuckets        Code = "histogram/buckets"
	HistogramBucketCount    Code = "histogram/bucket-count"
	HistogramDefaultBuckets Code = "histogram/default-buckets"
	HistogramNativeFactor   Code = "histogram/native-factor"
	SeriesBudget            Code = "series/budget"

	// Labels.
	LabelUndeclared     Code = "label/undeclared"
	LabelEnumOptions    Code = "label/enum-options"
	LabelInvalidPattern Code = "label/invalid-pattern"
	LabelEmptyPattern   Code = "label/empty-pattern"
	LabelInvalidValue   Code = "label/invalid-value"
	LabelUnbounded      Code = "label/unbounded"
	LabelPersonalData   Code = "label/personal-data"
	LabelTargetLabel    Code = "label/target-label"
	LabelOther          Code = "label/other"

	// Output paths.
	OutputInvalidPath Code = "output/invalid-path"
	OutputOutsideRoot Code = "output/outside-root"
	OutputConflict    Code = "output/conflict"
	OutputUnused      Code = "output/unused"
	OutputNotRegular  Code = "output/not-regular"
	OutputNotOwned    Code = "output/not-owned"

	// Drift of the generated files on disk (metricgen check), reported on the generated file.
	DriftMissing      Code = "drift/missing"
	DriftStale        Code = "drift/stale"
	DriftNotGenerated Code = "drift/not-generated"
	DriftLeftover     Code = "drift/leftover"

	// Alerting and recording rules, and their tests.
	RulesDuplicateName  Code = "rules/duplicate-name"
	RulesSeverity       Code = "rules/severity"
	RulesRunbook        Code = "rules/runbook"
	RulesAnnotationKey  Code = "rules/annotation-key"
	RulesMissingSummary Code = "rules/missing-summary"
	RulesAlertName      Code = "rules/alert-name"
	ValueDuration       Code = "value/duration"
	TestsUnknownAlert   Code = "tests/unknown-alert"
	TestsInputSeries    Code = "tests/input-series"
	TestsExpLabels      Code = "tests/exp-labels"
	TestsExpAnnotations Code = "tests/exp-annotations"

	// Log redaction.
	RedactKey       Code = "redact/key"
	RedactDuplicate Code = "redact/duplicate"
	RedactKeep      Code = "redact/keep"

	// The dashboard.
	DashboardUnknownMetric   Code = "dashboard/unknown-metric"
	DashboardDuplicateMetric Code = "dashboard/duplicate-metric"

	// PromQL expressions (package promql).
	PromQLSyntax            Code = "promql/syntax"
	PromQLUnknownMetric     Code = "promql/unknown-metric"
	PromQLHistogramName     Code = "promql/histogram-name"
	PromQLNeverMatches      Code = "promql/never-matches"
	PromQLUnknownLabel      Code = "promql/unknown-label"
	PromQLVectorMatching    Code = "promql/vector-matching"
	PromQLMatchCardinality  Code = "promql/match-cardinality"
	PromQLCounterWithout    Code = "promql/counter-without-rate"
	PromQLFunctionType      Code = "promql/function-type"
	PromQLInvalidArgument   Code = "promql/invalid-argument"
	PromQLHistogramQuantile Code = "promql/histogram-quantile"
	PromQLAlertCondition    Code = "promql/alert-condition"

	// Alert templates.
	TemplateSyntax       Code = "template/syntax"
	TemplateUnknownLabel Code = "template/unknown-label"
	TemplateMaybeLabel   Code = "template/maybe-label"
	TemplateCall         Code = "template/call"

	// Ignore comments.
	IgnoreUnknownCode   Code = "ignore/unknown-code"
	IgnoreNotIgnorable  Code = "ignore/not-ignorable"
	IgnoreMissingReason Code = "ignore/missing-reason"
	IgnoreUnused        Code = "ignore/unused"

	// Service-level objectives (slos:).
	SLOBy            Code = "slo/by-label"
	SLOCounter       Code = "slo/not-a-counter"
	SLODuplicate     Code = "slo/duplicate"
	SLOErrorsSubset  Code = "slo/errors-not-subset"
	SLOHistogram     Code = "slo/not-a-histogram"
	SLOInterval      Code = "slo/interval"
	SLOLeNotABucket  Code = "slo/le-not-a-bucket"
	SLONoRulesOutput Code = "slo/no-rules-output"
	SLOReservedLabel Code = "slo/reserved-label"
	SLOSelector      Code = "slo/not-a-selector"
	SLOSLI           Code = "slo/sli"
	SLOWindow        Code = "slo/window"

	// Instrumented operations (operations:).
	OperationUnknownMetric Code = "operation/unknown-metric"
	OperationMetricType    Code = "operation/metric-type"
	OperationNoMetrics     Code = "operation/no-metrics"
	OperationUnfilledLabel Code = "operation/unfilled-label"
	OperationLabelRole     Code = "operation/label-role"
	OperationOutcome       Code = "operation/outcome"
	OperationHTTPLabel     Code = "operation/http-label"
	OperationKindKey       Code = "operation/kind-key"
	OperationErrorFallback Code = "operation/error-fallback"
	OperationSpan          Code = "operation/span"
	OperationUnusedParam   Code = "operation/unused-parameter"
	OperationNoGo          Code = "operation/no-go"

	// The inputs of metricgen init (an exposition, rule files, a dashboard), not a spec.
	InputUnreadable Code = "input/unreadable"
	InputExposition Code = "input/exposition"
	InputRules      Code = "input/rules"
	InputDashboard  Code = "input/dashboard"

	// Changes between two versions of a spec (metricgen diff): breaking ones are errors, safe
	// ones notices.
	DiffNamespaceChanged          Code = "diff/namespace-changed"
	DiffServiceChanged            Code = "diff/service-changed"
	DiffMetricRemoved             Code = "diff/metric-removed"
	DiffMetricRenamed             Code = "diff/metric-renamed"
	DiffMetricTypeChanged         Code = "diff/metric-type-changed"
	DiffMetricUnitChanged         Code = "diff/metric-unit-changed"
	DiffMetricLabelAdded          Code = "diff/metric-label-added"
	DiffMetricLabelRemoved        Code = "diff/metric-label-removed"
	DiffMetricLabelOrderChanged   Code = "diff/metric-label-order-changed"
	DiffLabelValueRemoved         Code = "diff/label-value-removed"
	DiffLabelKindChanged          Code = "diff/label-kind-changed"
	DiffHistogramBucketsChanged   Code = "diff/histogram-buckets-changed"
	DiffHistogramNativeRemoved    Code = "diff/histogram-native-removed"
	DiffAlertRemoved              Code = "diff/alert-removed"
	DiffAlertRenamed              Code = "diff/alert-renamed"
	DiffAlertLabelsChanged        Code = "diff/alert-labels-changed"
	DiffRecordRemoved             Code = "diff/record-removed"
	DiffRecordRenamed             Code = "diff/record-renamed"
	DiffRecordLabelsChanged       Code = "diff/record-labels-changed"
	DiffRedactionWeakened         Code = "diff/redaction-weakened"
	DiffMetricAdded               Code = "diff/metric-added"
	DiffMetricDeprecated          Code = "diff/metric-deprecated"
	DiffDeprecatedMetricRemoved   Code = "diff/deprecated-metric-removed"
	DiffMetricChanged             Code = "diff/metric-changed"
	DiffLabelValueAdded           Code = "diff/label-value-added"
	DiffLabelChanged              Code = "diff/label-changed"
	DiffExternalChanged           Code = "diff/external-changed"
	DiffAlertAdded                Code = "diff/alert-added"
	DiffAlertChanged              Code = "diff/alert-changed"
	DiffRecordAdded               Code = "diff/record-added"
	DiffRecordChanged             Code = "diff/record-changed"
	DiffDashboardChanged          Code = "diff/dashboard-changed"
	DiffRuleGroupChanged          Code = "diff/rule-group-changed"
	DiffOutputsChanged            Code = "diff/outputs-changed"
	DiffGoPackageChanged          Code = "diff/go-package-changed"
	DiffGoBackendChanged          Code = "diff/go-backend-changed"
	DiffGoBackendRenames          Code = "diff/go-backend-renames"
	DiffRedactionChanged          Code = "diff/redaction-changed"
	DiffTargetLabelsChanged       Code = "diff/target-labels-changed"
	DiffTestsChanged              Code = "diff/tests-changed"
	DiffSLORemoved                Code = "diff/slo-removed"
	DiffSLOAlertingChanged        Code = "diff/slo-alerting-changed"
	DiffSLOAdded                  Code = "diff/slo-added"
	DiffSLOChanged                Code = "diff/slo-changed"
	DiffOperationRemoved          Code = "diff/operation-removed"
	DiffOperationRenamed          Code = "diff/operation-renamed"
	DiffOperationSignatureChanged Code = "diff/operation-signature-changed"
	DiffOperationTelemetryChanged Code = "diff/operation-telemetry-changed"
	DiffOperationAdded            Code = "diff/operation-added"
	DiffOperationChanged          Code = "diff/operation-changed"

	// metricgen's own failures: a bug, never the spec's fault.
	InternalSchema Code = "internal/schema"
	InternalEmit   Code = "internal/emit"
)

//go:generate go run ./checksdoc ../../docs/checks.md

package verify

import (
	"bytes"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/common/expfmt"

	"github.com/metricgen/metricgen/generated/klaviyometrics"
	"github.com/metricgen/metricgen/internal/adopt/exposition"
	"github.com/metricgen/metricgen/internal/adopt/initspec"
	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/validate"
)

// klaviyoExposition records some calls with the generated package of spec/klaviyo.yaml and
// returns what its registry exposes, in the given format.
func klaviyoExposition(t *testing.T, format expfmt.Format) []byte {
	t.Helper()
	reg := prometheus.NewRegistry()
	m := klaviyometrics.MustNew(reg)
	m.APIRequestsTotal.Inc(klaviyometrics.MethodGET, klaviyometrics.EndpointProfiles, klaviyometrics.StatusSuccess)
	m.APIRequestsTotal.Add(3, klaviyometrics.MethodPOST, klaviyometrics.EndpointEvents, klaviyometrics.StatusError)
	m.APIDurationSeconds.Observe(0.42, klaviyometrics.MethodGET, klaviyometrics.EndpointProfiles)
	m.APIErrorsTotal.Inc(klaviyometrics.EndpointEvents, "429", "throttled")
	m.APIErrorsTotal.Inc(klaviyometrics.EndpointLists, "500", "server_error")
	m.APIResponseSizeBytes.Observe(3000, klaviyometrics.EndpointEvents)
	m.EventsBatchSize.Observe(250)
	m.RateLimitRemaining.Set(17) // a gauge: exported once set
	m.BatchQueueEvents.Observe(func() float64 { return 3 })
	m.APIThrottledTotal.Inc(klaviyometrics.EndpointEvents)
	fams, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc := expfmt.NewEncoder(&buf, format)
	for _, f := range fams {
		if err := enc.Encode(f); err != nil {
			t.Fatal(err)
		}
	}
	if c, ok := enc.(expfmt.Closer); ok {
		c.Close()
	}
	return buf.Bytes()
}

// metricView is what the round trip must preserve of a metric.
type metricView struct {
	Type       model.MetricType
	Help       string
	Labels     []string // sorted
	Buckets    []float64
	Deprecated bool
}

func views(s *model.Spec) map[string]metricView {
	out := map[string]metricView{}
	for _, m := range s.Metrics {
		ls := m.LabelNames()
		slices.Sort(ls)
		out[m.Name] = metricView{m.Type, m.Help, ls, m.Buckets, m.Deprecated != ""}
	}
	return out
}

// TestInitRoundTrip (issue 18): the exposition of the generated package gives back a draft that generates
// the same metric names, types, help, labels (enum values included) and buckets, and that
// validates without a single diagnostic.
func TestInitRoundTrip(t *testing.T) {
	want, ds := validate.File(filepath.Join("..", "spec", "klaviyo.yaml"), validate.Options{})
	if want == nil {
		t.Fatalf("spec/klaviyo.yaml: %v", ds)
	}
	for _, format := range []expfmt.Format{expfmt.NewFormat(expfmt.TypeTextPlain), expfmt.FmtOpenMetrics_1_0_0} {
		t.Run(string(format)[:10], func(t *testing.T) {
			e, err := exposition.Parse(klaviyoExposition(t, format), string(format))
			if err != nil {
				t.Fatal(err)
			}
			res, err := initspec.Draft(initspec.Input{MetricsSource: "klaviyo.prom", Exposition: e, Path: "metrics.yaml"})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Diags) > 0 {
				t.Errorf("the draft has diagnostics:\n%s\n%s", diagText(res.Diags), res.Spec)
			}
			got, ds := validate.Source("metrics.yaml", res.Spec, validate.Options{})
			if got == nil {
				t.Fatalf("draft does not validate: %s\n%s", diagText(ds), res.Spec)
			}
			if got.Namespace != want.Namespace {
				t.Errorf("namespace %q, want %q", got.Namespace, want.Namespace)
			}
			if diff := cmp.Diff(views(want), views(got)); diff != "" {
				t.Errorf("metrics differ (-spec +draft):\n%s\ndraft:\n%s", diff, res.Spec)
			}
			for _, wl := range want.Labels {
				gl := got.Label(wl.Name)
				if gl == nil {
					t.Errorf("label %s missing from the draft", wl.Name)
					continue
				}
				if wl.Enum() != gl.Enum() {
					t.Errorf("label %s: enum %v, want %v", wl.Name, gl.Enum(), wl.Enum())
				}
				if wl.Enum() && !cmp.Equal(enumValues(wl), enumValues(gl)) {
					t.Errorf("label %s: values %v, want %v", wl.Name, enumValues(gl), enumValues(wl))
				}
			}
		})
	}
}

func enumValues(l *model.Label) []string {
	var out []string
	for _, v := range l.Values {
		out = append(out, v.Value)
	}
	slices.Sort(out)
	return out
}

func diagText(ds []diag.Diagnostic) string {
	var b bytes.Buffer
	diag.Printer{Format: diag.Text}.Print(&b, ds)
	return b.String()
}

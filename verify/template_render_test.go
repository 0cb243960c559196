package verify

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/promql"
	promtemplate "github.com/prometheus/prometheus/template"

	mgpromql "github.com/metricgen/metricgen/internal/promql"
)

// TestRenderTemplateAsPrometheus: where metricgen renders an alert template offline (to check a
// rule test's exp_annotations), it renders what Prometheus' own expander renders for an alert
// with the same labels; and a template metricgen finds cannot run fails in Prometheus too.
func TestRenderTemplateAsPrometheus(t *testing.T) {
	ls := map[string]string{
		"instance": "db-1.example.com:9100", "job": "node", "ratio": "0.25", "bytes": "1536",
		"seconds": "93784", "ts": "1700000000", "path": "/var/lib/x y", "Mixed": "hello world-wide",
		"empty": "",
	}
	texts := []string{
		"plain text, no template",
		"{{ $labels.instance }} of {{ .Labels.job }} is down",
		"{{ $labels.job | toUpper }} {{ $labels.job | toLower }} {{ $labels.Mixed | title }}",
		"{{ $labels.instance | stripPort }} {{ $labels.instance | stripDomain }} {{ \"10.0.0.1:80\" | stripDomain }}",
		"{{ $labels.ratio | humanizePercentage }} {{ $labels.bytes | humanize1024 }} {{ $labels.bytes | humanize }}",
		"{{ $labels.seconds | humanizeDuration }} {{ 0.0015 | humanizeDuration }} {{ $labels.ts | humanizeTimestamp }}",
		"{{ 1234567.0 | humanize }} {{ 0.000123 | humanize }} {{ 0 | humanize }}",
		"{{ reReplaceAll \"-[0-9]+\" \"\" $labels.instance }} {{ match \"^db\" $labels.instance }}",
		"{{ $labels.path | urlQueryEscape }} {{ graphLink \"up == 0\" }} {{ tableLink \"up\" }}",
		"{{ with $labels.empty }}set{{ else }}unset{{ end }} {{ if eq $labels.job \"node\" }}node{{ end }}",
		"{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}",
		"{{ printf \"%s/%s\" $labels.job $labels.instance }} {{ len $labels }}",
		"{{ (parseDuration \"1h30m\") }} {{ args 1 \"x\" }}",
		"{{ $labels.missing }}|{{ index $labels \"job\" }}",
	}
	for _, text := range texts {
		got, ok, err := mgpromql.RenderTemplate(text, ls)
		if err != nil || !ok {
			t.Errorf("%q: metricgen does not render it: ok %v, %v", text, ok, err)
			continue
		}
		want, err := expand(text, ls)
		if err != nil {
			t.Errorf("%q: Prometheus fails: %v", text, err)
			continue
		}
		if got != want {
			t.Errorf("%q:\nmetricgen  %q\nPrometheus %q", text, got, want)
		}
	}

	for _, text := range []string{"{{ humanize }}", "{{ $value | toUpper }}", "{{ $labels.job.name }}", "{{ query \"up\" | humanize }}"} {
		if _, bad := mgpromql.CheckTemplate(text); bad == nil {
			t.Errorf("%q: metricgen finds nothing wrong", text)
		}
		if _, err := expand(text, ls); err == nil {
			t.Errorf("%q: Prometheus expands it, but metricgen reports it", text)
		}
	}
}

// expand expands text as Prometheus expands an alert's annotation (rules/alerting.go).
func expand(text string, ls map[string]string) (string, error) {
	defs := "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}"
	u, _ := url.Parse("http://prometheus.example:9090")
	data := promtemplate.AlertTemplateData(ls, map[string]string{}, u.String(), promql.Sample{Metric: labels.FromMap(ls), F: 42})
	query := func(context.Context, string, time.Time) (promql.Vector, error) {
		return promql.Vector{{Metric: labels.FromStrings("job", "x"), F: 1}}, nil
	}
	return promtemplate.NewTemplateExpander(context.Background(), defs+text, "alert", data, 0, query, u, nil).Expand()
}

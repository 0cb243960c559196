package validate

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// benchAlertExprs are the expression shapes of scripts/bench-validate.sh.
var benchAlertExprs = []string{
	`sum(rate(checkout_errors_total[5m])) / sum(rate(checkout_requests_total[5m])) > 0.05`,
	`sum by (route) (rate(checkout_requests_total{status="server_error"}[5m])) / sum by (route) (rate(checkout_requests_total[5m])) > 0.01`,
	`histogram_quantile(0.99, sum by (le, route) (rate(checkout_request_duration_seconds_bucket[5m]))) > 1`,
	`checkout_in_flight_requests > 100`,
	`sum by (route, method) (rate(checkout_requests_total{method!="other"}[10m])) < 0.1`,
	`increase(checkout_errors_total{route=~"checkout|admin"}[1h]) > 10`,
	`avg_over_time(checkout_in_flight_requests[15m]) > 50 and on() hour() < 6`,
	`rate(checkout_request_duration_seconds_sum[5m]) / rate(checkout_request_duration_seconds_count[5m]) > 0.5`,
}

// alertsSpec is the example service's spec with n alerts more, as scripts/bench-validate.sh
// writes it (the spec that the script times against promtool).
func alertsSpec(tb testing.TB, n int) []byte {
	src, err := os.ReadFile("../../examples/checkout/metrics.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	head, tail, ok := strings.Cut(string(src), "\nalerts:\n")
	if !ok {
		tb.Fatal("examples/checkout/metrics.yaml has no alerts section")
	}
	alerts, rest := tail, ""
	if i := strings.Index(tail, "\n\n"); i >= 0 {
		alerts, rest = tail[:i+1], tail[i+1:]
	}
	var b strings.Builder
	b.WriteString(head + "\nalerts:\n" + alerts)
	for i := range n {
		fmt.Fprintf(&b, "  - alert: Bench%d\n    expr: '(%s) or vector(%d) < 0'\n    for: 5m\n    severity: warning\n    summary: \"{{ $value | humanize }} on {{ range $k, $v := $labels }}{{ $k }}={{ $v }} {{ end }}\"\n    description: 'Alert %d: {{ printf \"%%.2f\" $value }}'\n", i, benchAlertExprs[i%len(benchAlertExprs)], i, i)
	}
	b.WriteString(rest)
	return []byte(b.String())
}

// BenchmarkValidateAlerts500 is the whole of `metricgen validate` (without process start-up)
// on the 500-alert spec of scripts/bench-validate.sh.
func BenchmarkValidateAlerts500(b *testing.B) {
	src := alertsSpec(b, 500)
	root := b.TempDir()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if s, ds := Source("metrics.yaml", src, Options{OutRoot: root}); s == nil {
			b.Fatal(ds)
		}
	}
}

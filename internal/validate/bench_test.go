package validate

import (
	"fmt"
	"strings"
	"testing"
)

// syntheticSpec writes a valid spec of n metrics: a third each counters, gauges and
// histograms, over 12 enum labels and 2 bounded free-form labels, with an alert and a
// recording rule for every tenth metric.
func syntheticSpec(n int) []byte {
	var b strings.Builder
	b.WriteString("version: 1\nnamespace: bench\nservice: bench\noutputs: {rules: rules.yml}\nlabels:\n")
	for l := range 12 {
		fmt.Fprintf(&b, "  enum_%d:\n    help: enum label %d\n    values: [a, b, c, d]\n", l, l)
	}
	b.WriteString("  free_0: {help: free label, max_values: 10}\n  free_1: {help: free label, pattern: '^[a-z]+$', max_values: 5}\n")
	b.WriteString("metrics:\n")
	var alerts, records strings.Builder
	for i := range n {
		labels := fmt.Sprintf("[enum_%d, enum_%d, free_%d]", i%12, (i+1)%12, i%2)
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "  requests_%d_total:\n    type: counter\n    help: requests %d\n    labels: %s\n", i, i, labels)
			if i%10 == 0 {
				fmt.Fprintf(&alerts, "  - alert: Errors%d\n    expr: sum(rate(bench_requests_%d_total{enum_%d=\"a\"}[5m])) / sum(rate(bench_requests_%d_total[5m])) > 0.1\n    for: 5m\n    summary: errors %d\n", i, i, i%12, i, i)
				fmt.Fprintf(&records, "  - record: enum_%d:bench_requests_%d:rate5m\n    expr: sum by (enum_%d) (rate(bench_requests_%d_total[5m]))\n", i%12, i, i%12, i)
			}
		case 1:
			fmt.Fprintf(&b, "  queue_%d_depth:\n    type: gauge\n    help: depth %d\n    labels: %s\n", i, i, labels)
		default:
			fmt.Fprintf(&b, "  call_%d_seconds:\n    type: histogram\n    help: latency %d\n    unit: seconds\n    labels: [enum_%d]\n    buckets: [0.1, 0.5, 1, 5]\n", i, i, i%12)
		}
	}
	if alerts.Len() > 0 {
		b.WriteString("alerts:\n" + alerts.String() + "recording_rules:\n" + records.String())
	}
	return []byte(b.String())
}

func TestSyntheticSpecIsValid(t *testing.T) {
	s, ds := Source("synthetic.yaml", syntheticSpec(30), Options{OutRoot: t.TempDir()})
	if s == nil || len(ds) > 0 {
		t.Fatalf("synthetic spec: %v", ds)
	}
	if len(s.Metrics) != 30 {
		t.Fatalf("%d metrics, want 30", len(s.Metrics))
	}
}

// BenchmarkValidateLarge loads and validates synthetic specs of 200 and 2,000 metrics; the
// ratio of the two shows whether cost grows linearly.
func BenchmarkValidateLarge(b *testing.B) {
	root := b.TempDir()
	for _, n := range []int{200, 2000} {
		src := syntheticSpec(n)
		b.Run(fmt.Sprintf("metrics=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if s, ds := Source("synthetic.yaml", src, Options{OutRoot: root}); s == nil {
					b.Fatal(ds)
				}
			}
		})
	}
}

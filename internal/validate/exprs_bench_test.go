package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/metricgen/metricgen/internal/diag"
)

// BenchmarkCheckAlerts500 checks a spec of 500 alerts (the valid corpus over and over, with
// templates), as checkExprs does during validation: catalogue, expressions, templates.
func BenchmarkCheckAlerts500(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(validSpec[:strings.Index(validSpec, "alerts:")])
	sb.WriteString("alerts:\n")
	for i := range 500 {
		tc := validExprs[i%len(validExprs)]
		expr := tc.expr
		if !tc.alert {
			expr = "(" + expr + ") > " + strconv.Itoa(i)
		}
		fmt.Fprintf(&sb, "  - alert: Alert%d\n    expr: %s\n    severity: warning\n    summary: '{{ $value | humanize }} on {{ range $k, $v := $labels }}{{ $k }}={{ $v }} {{ end }}'\n    description: 'Alert %d: {{ printf \"%%.2f\" $value }}'\n", i, strconv.Quote(expr), i)
	}
	dir := b.TempDir()
	path := filepath.Join(dir, "spec.yaml")
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	f, s := loadSpec(b, path)
	if len(f.Alerts) != 500 {
		b.Fatalf("%d alerts", len(f.Alerts))
	}
	b.ReportAllocs()
	for b.Loop() {
		dl := &diag.List{File: path}
		checkExprs(f, s, dl)
		if diag.HasErrors(dl.Diags) {
			b.Fatalf("errors: %v", dl.Diags[0])
		}
	}
}

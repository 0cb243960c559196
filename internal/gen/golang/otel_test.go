package golang

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestOTelImports: a package generated with the otel backend imports the standard library and
// the OpenTelemetry metrics API only (go.opentelemetry.io/otel/metric and /attribute): never
// client_golang, never the SDK. It reads the committed outputs of the otel golden case and of
// spec/kira.yaml.
func TestOTelImports(t *testing.T) {
	var files []string
	for _, dir := range []string{"../../../testdata/golden/go-otel/out/shopmetrics", "../../../generated/kirametrics"} {
		fs, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(fs) < 3 {
			t.Fatalf("%s: %d Go files (%v), want metrics.go, labels.go and metrics_runtime.go", dir, len(fs), err)
		}
		files = append(files, fs...)
	}
	allowed := map[string]bool{otelMetricPath: true, otelAttrPath: true}
	for _, f := range files {
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if strings.Contains(strings.Split(p, "/")[0], ".") && !allowed[p] {
				t.Errorf("%s imports %s: the otel backend may import only the standard library and the OTel metrics API", f, p)
			}
		}
	}
}

package validate

import (
	"github.com/metricgen/metricgen/internal/promql"
	"github.com/metricgen/metricgen/internal/spec"
)

// checkTemplateQueries checks the PromQL that an alert's annotation or label template runs
// with {{ query "..." }} as any expression of the spec is checked (a misspelt metric, a label
// it does not have, a broken query), and reports at the query in the template: Prometheus
// would only say so when the alert fires, by leaving the text empty.
func checkTemplateQueries(an *analyser, field string, text spec.String) {
	if !isText(text) {
		return
	}
	for _, q := range promql.TemplateQueries(text.Value) {
		res := an.cat.Check(q.Query, promql.Options{})
		for _, fd := range res.Findings {
			off, end := q.Off, q.End
			if q.Exact {
				off, end = q.Off+1+fd.Off, q.Off+1+fd.End
			}
			an.dl.Report(fd.Code, an.f.RangeIn(text, off, end), fd.Severity, field+": the query of the template: "+fd.Msg)
		}
	}
}

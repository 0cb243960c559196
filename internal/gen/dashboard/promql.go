package dashboard

import (
	"github.com/metricgen/metricgen/internal/promql"
)

// parsePanelExpr parses the query of a panel, in which Grafana substitutes its variables
// before Prometheus sees it. The returned function maps a byte offset of the parsed text back
// to expr.
func parsePanelExpr(expr string) (promql.Expr, func(int) int, error) {
	text, back := promql.SubstituteGrafana(expr)
	e, err := promql.ParseExpr(text)
	return e, back, err
}

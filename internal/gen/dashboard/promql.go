package dashboard

import (
	"github.com/prometheus/prometheus/promql/parser"

	"github.com/metricgen/metricgen/internal/promql"
)

// parseExpr parses PromQL with the options every metricgen stage uses. It is the one place
// this package calls the parser: internal/promql, which owns PromQL, exports checks and label
// inference but not the syntax tree that finding an alert's comparisons and a query's
// selectors needs. Once it does, this function becomes a call to it.
func parseExpr(expr string) (parser.Expr, error) {
	return parser.NewParser(parser.Options{}).ParseExpr(expr)
}

// parsePanelExpr parses the query of a panel, in which Grafana substitutes its variables
// before Prometheus sees it. The returned function maps a byte offset of the parsed text back
// to expr.
func parsePanelExpr(expr string) (parser.Expr, func(int) int, error) {
	text, back := promql.SubstituteGrafana(expr)
	e, err := parseExpr(text)
	return e, back, err
}

package promql

import "github.com/prometheus/prometheus/promql/parser"

// The syntax tree, for code outside the generate run that walks PromQL of its own (metricgen
// init reading a service's existing rules and dashboards): aliases of Prometheus' types, so
// that this package stays the only one importing promql/parser and choosing its options. The
// run itself parses only through a Catalog, once per expression; emitters read the analysis
// from the model (model.Expr) and never parse.
type (
	Node           = parser.Node
	Expr           = parser.Expr
	ItemType       = parser.ItemType
	AggregateExpr  = parser.AggregateExpr
	BinaryExpr     = parser.BinaryExpr
	Call           = parser.Call
	MatrixSelector = parser.MatrixSelector
	NumberLiteral  = parser.NumberLiteral
	ParenExpr      = parser.ParenExpr
	StringLiteral  = parser.StringLiteral
	SubqueryExpr   = parser.SubqueryExpr
	UnaryExpr      = parser.UnaryExpr
	VectorSelector = parser.VectorSelector
	VectorMatching = parser.VectorMatching
)

// Operators and aggregations of BinaryExpr.Op, UnaryExpr.Op and AggregateExpr.Op.
const (
	ADD     = parser.ADD
	SUB     = parser.SUB
	MUL     = parser.MUL
	DIV     = parser.DIV
	MOD     = parser.MOD
	POW     = parser.POW
	ATAN2   = parser.ATAN2
	EQLC    = parser.EQLC
	NEQ     = parser.NEQ
	GTR     = parser.GTR
	GTE     = parser.GTE
	LSS     = parser.LSS
	LTE     = parser.LTE
	LAND    = parser.LAND
	LOR     = parser.LOR
	LUNLESS = parser.LUNLESS

	SUM          = parser.SUM
	AVG          = parser.AVG
	MIN          = parser.MIN
	MAX          = parser.MAX
	COUNT        = parser.COUNT
	GROUP        = parser.GROUP
	STDDEV       = parser.STDDEV
	STDVAR       = parser.STDVAR
	TOPK         = parser.TOPK
	BOTTOMK      = parser.BOTTOMK
	COUNT_VALUES = parser.COUNT_VALUES
	QUANTILE     = parser.QUANTILE
	LIMITK       = parser.LIMITK
	LIMIT_RATIO  = parser.LIMIT_RATIO
)

// ParseExpr parses expr with the options every metricgen stage uses (Prometheus' defaults,
// nothing experimental). It counts as a parse of the run (see TestParsedOnce).
func ParseExpr(expr string) (Expr, error) {
	parses.Add(1)
	return prom.ParseExpr(expr)
}

// Inspect calls f for every node of the tree below node, depth first (parser.Inspect); f
// also receives a nil node after each subtree.
func Inspect(node Node, f func(Node, []Node) error) { parser.Inspect(node, f) }

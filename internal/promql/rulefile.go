package promql

import (
	"log/slog"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/rulefmt"
)

// ParseRuleFile loads a Prometheus rule file the way Prometheus and promtool do
// (model/rulefmt with the default PromQL parser), with the strict legacy name rules that every
// Prometheus release accepts, and returns every problem found.
func ParseRuleFile(content []byte) []error {
	_, errs := rulefmt.Parse(content, false, model.LegacyValidation, prom, slog.New(slog.DiscardHandler))
	return errs
}

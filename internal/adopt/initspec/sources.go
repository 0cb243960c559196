package initspec

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/metricgen/metricgen/internal/adopt/exposition"
	"github.com/metricgen/metricgen/internal/adopt/grafana"
	"github.com/metricgen/metricgen/internal/adopt/promrules"
)

// Sources name the inputs of a draft as the user gave them.
type Sources struct {
	Metrics   string   // exposition: a file, "-" for Stdin, or an http(s) URL; "" for none
	Rules     []string // rule files or PrometheusRule manifests
	Dashboard string   // Grafana dashboard JSON; "" for none
	Timeout   time.Duration
	Stdin     io.Reader
}

// Read reads and parses every source. The errors say file:line where they can, one per
// source that failed; the Input is usable only when there are none.
func Read(ctx context.Context, src Sources) (Input, []error) {
	var in Input
	var errs []error
	if src.Metrics != "" {
		e, err := exposition.Read(ctx, src.Metrics, src.Timeout, src.Stdin)
		var pe *exposition.Error
		switch {
		case errors.As(err, &pe) && pe.Line > 0:
			errs = append(errs, fmt.Errorf("%s:%d: error: not a Prometheus exposition: %s", src.Metrics, pe.Line, pe.Msg))
		case err != nil:
			errs = append(errs, fmt.Errorf("%s: error: cannot read the exposition: %v", src.Metrics, unwrapPath(err)))
		}
		in.MetricsSource, in.Exposition = src.Metrics, e
	}
	for _, path := range src.Rules {
		b, err := os.ReadFile(path)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: error: cannot read the rule file: %v", path, unwrapPath(err)))
			continue
		}
		groups, err := promrules.Parse(path, b)
		if err != nil {
			errs = append(errs, fmt.Errorf("%v", err))
			continue
		}
		in.Rules = append(in.Rules, RuleFile{Path: path, Groups: groups})
	}
	if src.Dashboard != "" {
		b, err := os.ReadFile(src.Dashboard)
		if err == nil {
			var d *grafana.Dashboard
			if d, err = grafana.Parse(b); err == nil {
				in.Dashboard = &DashboardFile{Path: src.Dashboard, Dashboard: d}
			}
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: error: %v", src.Dashboard, unwrapPath(err)))
		}
	}
	return in, errs
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

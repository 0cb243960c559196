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
	"github.com/metricgen/metricgen/internal/diag"
)

// Sources name the inputs of a draft as the user gave them.
type Sources struct {
	Metrics   string   // exposition: a file, "-" for Stdin, or an http(s) URL; "" for none
	Rules     []string // rule files or PrometheusRule manifests
	Dashboard string   // Grafana dashboard JSON; "" for none
	Timeout   time.Duration
	Stdin     io.Reader
}

// Read reads and parses every source. It reports one diagnostic per source that failed, at
// the line where it can; the Input is usable only when there are none.
func Read(ctx context.Context, src Sources) (Input, []diag.Diagnostic) {
	var in Input
	var ds []diag.Diagnostic
	report := func(code diag.Code, file string, line int, msg string) {
		ds = append(ds, diag.New(code, file, diag.Pos{Line: line}, diag.Error, msg))
	}
	if src.Metrics != "" {
		e, err := exposition.Read(ctx, src.Metrics, src.Timeout, src.Stdin)
		var pe *exposition.Error
		switch {
		case errors.As(err, &pe) && pe.Line > 0:
			report(diag.InputExposition, src.Metrics, pe.Line, "not a Prometheus exposition: "+pe.Msg)
		case err != nil:
			report(diag.InputUnreadable, src.Metrics, 0, fmt.Sprintf("cannot read the exposition: %v", unwrapPath(err)))
		}
		in.MetricsSource, in.Exposition = src.Metrics, e
	}
	for _, path := range src.Rules {
		b, err := os.ReadFile(path)
		if err != nil {
			report(diag.InputUnreadable, path, 0, fmt.Sprintf("cannot read the rule file: %v", unwrapPath(err)))
			continue
		}
		groups, err := promrules.Parse(path, b)
		var re *promrules.Error
		switch {
		case errors.As(err, &re):
			report(diag.InputRules, re.File, re.Line, re.Msg)
			continue
		case err != nil:
			report(diag.InputRules, path, 0, err.Error())
			continue
		}
		in.Rules = append(in.Rules, RuleFile{Path: path, Groups: groups})
	}
	if src.Dashboard != "" {
		b, err := os.ReadFile(src.Dashboard)
		if err != nil {
			report(diag.InputUnreadable, src.Dashboard, 0, fmt.Sprintf("cannot read the dashboard: %v", unwrapPath(err)))
		} else if d, err := grafana.Parse(b); err != nil {
			report(diag.InputDashboard, src.Dashboard, 0, err.Error())
		} else {
			in.Dashboard = &DashboardFile{Path: src.Dashboard, Dashboard: d}
		}
	}
	return in, ds
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

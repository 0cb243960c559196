package dashboard

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/slo"
)

// sloPanels is the row of one SLO: the error budget left, the SLI against its objective,
// and the burn rate over each alert's long window against the alert's factor. They read the
// series the SLO's recording rules write (slo:sli_events:rate<window>, slo:error_budget:remaining).
func (b *builder) sloPanels(o *model.SLO) {
	b.row(fmt.Sprintf("SLO %s: %s%% over %s", o.Name, o.ObjectiveText(), slo.Format(o.Window)))
	sel := func(record string, extra ...string) string {
		ms := append([]string{"service=" + strconv.Quote(b.s.Service), "slo=" + strconv.Quote(o.Name)}, extra...)
		return record + "{" + strings.Join(ms, ",") + "}"
	}
	events := func(w string, kind string) string {
		return sel("slo:sli_events:rate"+w, "event="+strconv.Quote(kind))
	}
	ratio := func(w string) string {
		return events(w, "error") + " / ignoring (event) " + events(w, "total")
	}
	legend := "{{slo}}"
	if len(o.By) > 0 {
		parts := make([]string, len(o.By))
		for i, l := range o.By {
			parts[i] = "{{" + l + "}}"
		}
		legend = strings.Join(parts, " ")
	}
	desc := o.Description
	if desc != "" {
		desc = sentence(desc) + " "
	}

	// Budget left: red when spent, orange below a quarter.
	budgetTh := baseThresholds("red")
	zero, quarter := 0.0, 0.25
	budgetTh.Steps = append(budgetTh.Steps, thresholdStep{Color: "orange", Value: &zero}, thresholdStep{Color: "green", Value: &quarter})
	b.add(stat("Error budget left", desc+fmt.Sprintf("Share of the error budget (%s%% of events over %s) not spent yet; negative when overspent.",
		model.FormatFloat(o.BudgetPercent()), slo.Format(o.Window)),
		"percentunit", budgetTh, "area", instantTarget(sel("slo:error_budget:remaining"), legend)), 6, 8)

	// SLI against the objective, over the fastest page's window and over the SLO window.
	objective := o.Objective / 100
	objTh := baseThresholds("red")
	objTh.Steps = append(objTh.Steps, thresholdStep{Color: "green", Value: &objective})
	fast := slo.Format(o.Alerts[0].Long)
	sli := timeseries("SLI against objective", desc+fmt.Sprintf("Share of good events over %s and over the SLO's %s; the line is the objective, %s%%.",
		fast, slo.Format(o.Window), o.ObjectiveText()),
		"percentunit", objTh,
		rangeTarget("1 - ("+ratio(fast)+")", legend+" over "+fast),
		rangeTarget("1 - ("+ratio(slo.Format(o.Window))+")", legend+" over "+slo.Format(o.Window)))
	b.add(sli, 9, 8)

	// Burn rate per alert window, with the alerts' factors as lines.
	var targets []target
	burnTh := baseThresholds("green")
	for _, a := range o.Alerts {
		w := slo.Format(a.Long)
		targets = append(targets, rangeTarget("("+ratio(w)+") / "+o.BudgetText(),
			fmt.Sprintf("%s over %s (%s at %sx)", legend, w, a.Class, formatFloat(a.Factor))))
		f := a.Factor
		color := "orange"
		if a.Class == slo.Page {
			color = "red"
		}
		burnTh.Steps = append(burnTh.Steps, thresholdStep{Color: color, Value: &f})
	}
	sortSteps(burnTh.Steps)
	b.add(timeseries("Burn rate per window", "How fast the error budget burns over each alert's long window: 1x spends it exactly over "+
		slo.Format(o.Window)+"; lines mark the factors at which the ticket (orange) and page (red) alerts fire.",
		"none", burnTh, targets...), 9, 8)
}

// sortSteps orders threshold steps above the base by value, as Grafana expects.
func sortSteps(steps []thresholdStep) {
	for i := 2; i < len(steps); i++ {
		for j := i; j > 1 && *steps[j].Value < *steps[j-1].Value; j-- {
			steps[j], steps[j-1] = steps[j-1], steps[j]
		}
	}
}

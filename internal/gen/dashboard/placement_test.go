package dashboard

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/metricgen/metricgen/internal/model"
)

// placed is a panel of a generated dashboard with the row it sits in.
type placed struct {
	row, title, typ, desc string
	exprs                 []string
}

func layout(t *testing.T, s *model.Spec) []placed {
	t.Helper()
	var d struct {
		Panels []struct {
			Type, Title, Description string
			Targets                  []struct{ Expr string }
		}
	}
	if err := json.Unmarshal(generateOne(t, s), &d); err != nil {
		t.Fatal(err)
	}
	var out []placed
	row := ""
	for _, p := range d.Panels {
		if p.Type == "row" {
			row = p.Title
			continue
		}
		pl := placed{row: row, title: p.Title, typ: p.Type, desc: p.Description}
		for _, tg := range p.Targets {
			pl.exprs = append(pl.exprs, tg.Expr)
		}
		out = append(out, pl)
	}
	return out
}

// TestSpecPanelsInTheirRows: every panel of dashboard.panels is in the row it names (More
// when it names none), after that row's default panels.
func TestSpecPanelsInTheirRows(t *testing.T) {
	for _, c := range allCases(t) {
		t.Run(c.name, func(t *testing.T) {
			panels := layout(t, c.spec)
			for _, sp := range c.spec.Dashboard.Panels {
				want := sp.Row
				if want == "" {
					want = defaultRow
				}
				i := indexOf(panels, sp.Title)
				if i < 0 {
					t.Fatalf("panel %q is missing", sp.Title)
				}
				if panels[i].row != want {
					t.Errorf("panel %q is in row %q, want %q", sp.Title, panels[i].row, want)
				}
				for _, after := range panels[i+1:] {
					if after.row != panels[i].row {
						break
					}
					if !isSpecPanel(c.spec, after.title) {
						t.Errorf("row %q: default panel %q comes after the spec's panel %q", after.row, after.title, sp.Title)
					}
				}
			}
		})
	}
}

func indexOf(ps []placed, title string) int {
	for i, p := range ps {
		if p.title == title {
			return i
		}
	}
	return -1
}

func isSpecPanel(s *model.Spec, title string) bool {
	for _, p := range s.Dashboard.Panels {
		if p.Title == title {
			return true
		}
	}
	return false
}

// TestMetricPanelsTitled: a metric's panels are titled for people (its title or help, never
// the raw key) and name the metric in their description, so it can be found in Prometheus.
func TestMetricPanelsTitled(t *testing.T) {
	for _, c := range allCases(t) {
		t.Run(c.name, func(t *testing.T) {
			for _, p := range layout(t, c.spec) {
				for _, m := range c.spec.Metrics {
					if !strings.HasPrefix(p.desc, "`"+m.Name+"`") && !strings.Contains(p.desc, " `"+m.Name+"`") {
						continue
					}
					if !strings.HasPrefix(p.title, m.DisplayTitle()) {
						t.Errorf("panel %q of %s: title does not start with the metric's title %q", p.title, m.Name, m.DisplayTitle())
					}
					if strings.Contains(p.title, m.Key) && !strings.Contains(m.DisplayTitle(), m.Key) {
						t.Errorf("panel %q shows the raw key %q", p.title, m.Key)
					}
				}
			}
		})
	}
}

// TestAlertsFiringByService: the firing-alerts stat counts this service's alerts only: each
// query filters ALERTS on the alert's name and on its service label.
func TestAlertsFiringByService(t *testing.T) {
	n := 0
	for _, c := range allCases(t) {
		for _, p := range layout(t, c.spec) {
			if p.title != "Alerts firing" {
				continue
			}
			if len(p.exprs) != len(c.spec.Alerts) {
				t.Fatalf("%s: %d queries for %d alerts", c.name, len(p.exprs), len(c.spec.Alerts))
			}
			for i, a := range c.spec.Alerts {
				svc := alertLabel(a, "service")
				if svc == "" {
					t.Fatalf("%s: alert %s has no service label", c.name, a.Name)
				}
				if want := "service=" + strconv.Quote(svc); !strings.Contains(p.exprs[i], want) {
					t.Errorf("%s: alert %s: %s does not filter on %s", c.name, a.Name, p.exprs[i], want)
				}
				n++
			}
		}
	}
	if n == 0 {
		t.Fatal("no alert checked")
	}
}

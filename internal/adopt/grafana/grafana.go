// Package grafana owns reading an existing Grafana dashboard for `metricgen init`: its title,
// tags and the PromQL queries of its panels (rows and collapsed rows included, the dashboard
// JSON as exported or as the HTTP API returns it), so that they can become the spec's
// dashboard.panels.
package grafana

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Dashboard is what the draft takes from a dashboard.
type Dashboard struct {
	Title     string
	Tags      []string
	Variables []string // template variables the dashboard defines
	Panels    []Panel  // PromQL panels of a type the spec knows, in dashboard order
	Skipped   []Skipped
}

// Panel is one query of a panel: a panel with several queries gives several.
type Panel struct {
	Title       string
	Type        string // timeseries, stat, bargauge or heatmap
	WasType     string // the dashboard's type when it was mapped (graph, singlestat), else ""
	Expr        string
	Unit        string
	Legend      string
	Description string
	RefID       string
	Queries     int // queries the dashboard panel had
}

// Skipped is a panel the draft leaves out, and why.
type Skipped struct {
	Title  string
	Reason string
}

// types maps Grafana panel types to the spec's; graph and singlestat are their predecessors.
var types = map[string]string{
	"timeseries": "timeseries",
	"graph":      "timeseries",
	"stat":       "stat",
	"singlestat": "stat",
	"bargauge":   "bargauge",
	"heatmap":    "heatmap",
}

type dashboard struct {
	Title     string   `json:"title"`
	Tags      []string `json:"tags"`
	Panels    []panel  `json:"panels"`
	Rows      []row    `json:"rows"` // the schema before Grafana 5
	Templates struct {
		List []struct {
			Name string `json:"name"`
		} `json:"list"`
	} `json:"templating"`
}

type row struct {
	Title  string  `json:"title"`
	Panels []panel `json:"panels"`
}

type panel struct {
	Title       string          `json:"title"`
	Type        string          `json:"type"`
	Description string          `json:"description"`
	Datasource  json.RawMessage `json:"datasource"`
	Targets     []target        `json:"targets"`
	Panels      []panel         `json:"panels"` // a collapsed row's panels
	FieldConfig struct {
		Defaults struct {
			Unit string `json:"unit"`
		} `json:"defaults"`
	} `json:"fieldConfig"`
	Format string `json:"format"` // singlestat's unit
	Yaxes  []struct {
		Format string `json:"format"`
	} `json:"yaxes"` // graph's units
}

type target struct {
	RefID        string          `json:"refId"`
	Expr         string          `json:"expr"`
	LegendFormat string          `json:"legendFormat"`
	Hide         bool            `json:"hide"`
	Datasource   json.RawMessage `json:"datasource"`
}

// Parse reads a dashboard JSON: the dashboard itself, or the {"dashboard": ..., "meta": ...}
// object of Grafana's HTTP API.
func Parse(src []byte) (*Dashboard, error) {
	var wrapped struct {
		Dashboard *dashboard `json:"dashboard"`
	}
	var d dashboard
	if err := json.Unmarshal(src, &wrapped); err != nil {
		return nil, jsonError(src, err)
	}
	if wrapped.Dashboard != nil {
		d = *wrapped.Dashboard
	} else if err := json.Unmarshal(src, &d); err != nil {
		return nil, jsonError(src, err)
	}
	out := &Dashboard{Title: d.Title, Tags: d.Tags}
	for _, v := range d.Templates.List {
		out.Variables = append(out.Variables, v.Name)
	}
	for _, r := range d.Rows {
		out.add(r.Panels)
	}
	out.add(d.Panels)
	return out, nil
}

func (d *Dashboard) add(panels []panel) {
	for _, p := range panels {
		if p.Type == "row" {
			d.add(p.Panels)
			continue
		}
		title := p.Title
		if title == "" {
			title = "(untitled " + p.Type + " panel)"
		}
		typ, ok := types[p.Type]
		if !ok {
			d.Skipped = append(d.Skipped, Skipped{title, fmt.Sprintf("a %s panel; the spec's panels are timeseries, stat, bargauge and heatmap", p.Type)})
			continue
		}
		if ds := datasourceType(p.Datasource); !promOrUnknown(ds) {
			d.Skipped = append(d.Skipped, Skipped{title, "queries a " + ds + " data source, not Prometheus"})
			continue
		}
		var visible []target
		for _, t := range p.Targets {
			if t.Hide || strings.TrimSpace(t.Expr) == "" {
				continue
			}
			if !promOrUnknown(datasourceType(t.Datasource)) {
				continue
			}
			visible = append(visible, t)
		}
		if len(visible) == 0 {
			d.Skipped = append(d.Skipped, Skipped{title, "no PromQL query"})
			continue
		}
		unit := p.FieldConfig.Defaults.Unit
		if unit == "" && p.Format != "" {
			unit = p.Format
		}
		if unit == "" && len(p.Yaxes) > 0 && p.Yaxes[0].Format != "short" {
			unit = p.Yaxes[0].Format
		}
		was := ""
		if typ != p.Type {
			was = p.Type
		}
		for _, t := range visible {
			legend := t.LegendFormat
			if legend == "__auto" {
				legend = ""
			}
			d.Panels = append(d.Panels, Panel{
				Title: title, Type: typ, WasType: was, Expr: strings.TrimSpace(t.Expr), Unit: unit,
				Legend: legend, Description: p.Description, RefID: t.RefID, Queries: len(visible),
			})
		}
	}
}

// datasourceType is the type of a panel's or query's data source: the object form
// ({"type": "prometheus", "uid": ...}); "" for the older string form (a name or a variable),
// which says nothing about the type.
func datasourceType(raw json.RawMessage) string {
	var ds struct {
		Type string `json:"type"`
	}
	if len(raw) == 0 || raw[0] != '{' || json.Unmarshal(raw, &ds) != nil {
		return ""
	}
	return ds.Type
}

// promOrUnknown reports whether a data source type may be Prometheus: "datasource" is
// Grafana's pseudo type of the Mixed and Dashboard data sources, "" an unknown type.
func promOrUnknown(ds string) bool {
	return ds == "" || ds == "prometheus" || ds == "datasource"
}

// jsonError says where the JSON went wrong, by line.
func jsonError(src []byte, err error) error {
	var off int64 = -1
	switch e := err.(type) {
	case *json.SyntaxError:
		off = e.Offset
	case *json.UnmarshalTypeError:
		off = e.Offset
	}
	if off < 0 {
		return fmt.Errorf("not a Grafana dashboard: %v", err)
	}
	line := 1 + strings.Count(string(src[:min(int(off), len(src))]), "\n")
	return fmt.Errorf("line %d: not a Grafana dashboard: %v", line, err)
}

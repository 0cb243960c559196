// Package slo owns the alerting policy of service-level objectives, apart from any syntax:
// which burn rates page or open a ticket and over which windows, scaled from the SRE
// workbook's 30-day table to an SLO's own window, and how the rate over each window is
// assembled from shorter windows already recorded, so that no rule reads raw series over
// more than Base.
//
// The workbook's table (for a 30-day window):
//
//	page    14.4x over 1h, confirmed over 5m    (2% of the budget gone in 1h)
//	page     6x   over 6h, confirmed over 30m   (5% in 6h)
//	ticket   3x   over 1d, confirmed over 2h    (10% in 1d)
//	ticket   1x   over 3d, confirmed over 6h    (10% in 3d)
//
// A burn rate is relative to the SLO's own budget: at 1x the budget lasts exactly the window.
// The factors stay; the windows scale with the SLO's window (a 7d SLO pages on 14.4x over
// 15m), so that each alert still means the same share of the budget gone, and an alert at a
// burn rate fires at that rate and at no lower one, whatever the window. Scaled windows are
// rounded to a grid that keeps them readable and tileable, and never drop below Base: a rate
// needs several scrapes to mean something. Where the confirming window would not be shorter
// than the long one, the alert has a single window.
package slo

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Base is the shortest window, the only one whose rate is read from the SLI's own series;
// every other window is assembled from recorded windows. Every SLO window is a multiple of
// it, and so is every alert window.
const Base = 5 * time.Minute

// MinWindow is the shortest SLO window.
const MinWindow = 24 * time.Hour

// Reference is the SLO window of the workbook's table.
const Reference = 30 * 24 * time.Hour

// Class is what an alert asks of people.
type Class int

const (
	Page   Class = iota // now, at any hour
	Ticket              // in working hours
)

func (c Class) String() string {
	if c == Page {
		return "page"
	}
	return "ticket"
}

// Alert is one multi-window burn-rate alert: it fires when the error ratio over both Long
// and Short exceeds Factor times the SLO's error budget (Short == Long: a single window).
type Alert struct {
	Class  Class
	Factor float64
	Long   time.Duration
	Short  time.Duration
}

// workbook is the SRE workbook's table for Reference.
var workbook = []Alert{
	{Page, 14.4, time.Hour, 5 * time.Minute},
	{Page, 6, 6 * time.Hour, 30 * time.Minute},
	{Ticket, 3, 24 * time.Hour, 2 * time.Hour},
	{Ticket, 1, 72 * time.Hour, 6 * time.Hour},
}

// Alerts returns the burn-rate alerts of an SLO over window: pages first, fastest first.
func Alerts(window time.Duration) []Alert {
	out := make([]Alert, len(workbook))
	for i, a := range workbook {
		a.Long = scale(a.Long, window)
		a.Short = min(scale(a.Short, window), a.Long)
		out[i] = a
	}
	return out
}

// BudgetShare is the share of the window's error budget an alert's burn rate spends over its
// long window: what the alert means, whatever the window.
func (a Alert) BudgetShare(window time.Duration) float64 {
	return a.Factor * float64(a.Long) / float64(window)
}

// scale maps a window of the workbook's table to an SLO window, on the grid: multiples of
// Base below an hour, of half an hour below a day, of an hour above; never below Base.
func scale(d, window time.Duration) time.Duration {
	if window == Reference {
		return d
	}
	s := time.Duration(float64(d) * float64(window) / float64(Reference))
	grid := time.Hour
	switch {
	case s < time.Hour:
		grid = Base
	case s < 24*time.Hour:
		grid = 30 * time.Minute
	}
	return max(s.Round(grid), Base)
}

// Windows returns every window whose rate an SLO over window records, ascending: Base, the
// alerts' windows and the SLO window itself.
func Windows(window time.Duration) []time.Duration {
	ws := []time.Duration{Base, window}
	for _, a := range Alerts(window) {
		ws = append(ws, a.Long, a.Short)
	}
	slices.Sort(ws)
	return slices.Compact(ws)
}

// Tile is one term of a window's rate: the recorded rate over Span, ending Offset ago.
type Tile struct {
	Span, Offset time.Duration
}

// Tiles splits w into consecutive spans of the recorded windows shorter than w, longest
// first, newest first: the rate over w is the span-weighted mean of the tiles' rates. With
// every window a multiple of Base, the split is exact. recorded must hold Base.
func Tiles(w time.Duration, recorded []time.Duration) []Tile {
	var tiles []Tile
	for off := time.Duration(0); off < w; {
		span := time.Duration(0)
		for _, r := range recorded {
			if r < w && r <= w-off && r > span {
				span = r
			}
		}
		if span == 0 {
			panic(fmt.Sprintf("slo: %v cannot be tiled from %v", w, recorded))
		}
		tiles = append(tiles, Tile{Span: span, Offset: off})
		off += span
	}
	return tiles
}

// Format writes d as a Prometheus duration in days, hours and minutes ("30d", "1h30m"), the
// way people write windows; Prometheus' own String would say "4w2d".
func Format(d time.Duration) string {
	if d == 0 {
		return "0s"
	}
	var sb strings.Builder
	for _, u := range []struct {
		unit time.Duration
		name string
	}{{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}, {time.Second, "s"}, {time.Millisecond, "ms"}} {
		if n := d / u.unit; n > 0 {
			sb.WriteString(strconv.FormatInt(int64(n), 10) + u.name)
			d -= n * u.unit
		}
	}
	return sb.String()
}

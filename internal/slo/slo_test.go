package slo

import (
	"fmt"
	"slices"
	"testing"
	"time"

	_ "github.com/metricgen/metricgen/internal/golden" // go test ./... -update works everywhere
)

const day = 24 * time.Hour

// TestAlerts pins the alerts of the windows docs/slo.md lists, and the workbook's own for 30d.
func TestAlerts(t *testing.T) {
	for _, c := range []struct {
		window time.Duration
		want   string
	}{
		{30 * day, "page 14.4x 1h/5m, page 6x 6h/30m, ticket 3x 1d/2h, ticket 1x 3d/6h"},
		{day, "page 14.4x 5m/5m, page 6x 10m/5m, ticket 3x 50m/5m, ticket 1x 2h30m/10m"},
		{7 * day, "page 14.4x 15m/5m, page 6x 1h30m/5m, ticket 3x 5h30m/30m, ticket 1x 17h/1h30m"},
		{28 * day, "page 14.4x 55m/5m, page 6x 5h30m/30m, ticket 3x 22h30m/2h, ticket 1x 2d19h/5h30m"},
		{90 * day, "page 14.4x 3h/15m, page 6x 18h/1h30m, ticket 3x 3d/6h, ticket 1x 9d/18h"},
	} {
		var got []string
		for _, a := range Alerts(c.window) {
			got = append(got, fmt.Sprintf("%s %gx %s/%s", a.Class, a.Factor, Format(a.Long), Format(a.Short)))
		}
		if joined(got) != c.want {
			t.Errorf("Alerts(%s) = %s, want %s", Format(c.window), joined(got), c.want)
		}
	}
}

func joined(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out
}

// TestPolicy checks what every window must give: the workbook's factors, windows on the base
// grid, never below it, short no longer than long, and every recorded window tiled exactly
// by shorter recorded ones.
func TestPolicy(t *testing.T) {
	for w := MinWindow; w <= 400*day; w += 7*time.Hour + 5*time.Minute {
		alerts := Alerts(w)
		for i, a := range alerts {
			if a.Factor != workbook[i].Factor || a.Class != workbook[i].Class {
				t.Fatalf("window %s: alert %d is %+v", Format(w), i, a)
			}
			if a.Long%Base != 0 || a.Short%Base != 0 || a.Short < Base || a.Short > a.Long {
				t.Fatalf("window %s: alert %d has windows %s/%s", Format(w), i, Format(a.Long), Format(a.Short))
			}
		}
		ws := Windows(w)
		if ws[0] != Base || ws[len(ws)-1] != w {
			t.Fatalf("window %s: recorded windows %v", Format(w), ws)
		}
		for i, x := range ws[1:] {
			tiles := Tiles(x, ws[:i+1])
			end := time.Duration(0)
			for _, tl := range tiles {
				if tl.Offset != end || !slices.Contains(ws[:i+1], tl.Span) {
					t.Fatalf("window %s: tiles of %s: %+v", Format(w), Format(x), tiles)
				}
				end += tl.Span
			}
			if end != x {
				t.Fatalf("window %s: tiles of %s cover %s", Format(w), Format(x), Format(end))
			}
			if len(tiles) > 40 {
				t.Errorf("window %s: %s takes %d tiles", Format(w), Format(x), len(tiles))
			}
		}
	}
}

func TestFormat(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * day: "30d", 90 * time.Minute: "1h30m", 5 * time.Minute: "5m", 67 * time.Hour: "2d19h", 0: "0s",
	} {
		if got := Format(d); got != want {
			t.Errorf("Format(%v) = %q, want %q", d, got, want)
		}
	}
}

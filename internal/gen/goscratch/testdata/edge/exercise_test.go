package edgemetrics_test

import (
	"testing"

	"scratch/edge/edgemetrics"
)

func TestEdge(t *testing.T) {
	m, reg := newMetrics(t, edgemetrics.New, edgemetrics.MustNew)
	m.OddTotal.Inc(edgemetrics.Type(255), "12:00", edgemetrics.VB, edgemetrics.CY)
	m.OddTotal.Add(2, edgemetrics.TypeT0, "noon", edgemetrics.VB, edgemetrics.CY)
	mustPanic(t, "label v: a V that is none", func() { m.OddTotal.Inc(edgemetrics.TypeT0, "noon", edgemetrics.V(9), edgemetrics.C(9)) })
	mustPanic(t, "label type: a Type that is none", func() { m.OddTotal.Inc(edgemetrics.Type(256), "noon", edgemetrics.VA, edgemetrics.CX) })
	if _, ok := edgemetrics.ParseType("t256"); ok {
		t.Error(`ParseType("t256") is ok`)
	}
	if got, ok := edgemetrics.ParseType("t255"); got != edgemetrics.Type(255) || !ok {
		t.Errorf(`ParseType("t255") = %v, %v`, got, ok)
	}
	m.OddLevel.Set(3, "s", edgemetrics.LenLong, edgemetrics.CX, "w", "c")
	m.OddSeconds.Start(edgemetrics.VA, "01:00").ObserveDuration()
	if got := edgemetrics.Type(255).String(); got != "t255" {
		t.Errorf("Type(255).String() = %q", got)
	}
	if n := len(edgemetrics.TypeValues()); n != 256 {
		t.Errorf("%d Type values", n)
	}
	if got := sample(t, reg, "edge_odd_total", "type", "t255", "time", "12:00", "v", "b", "c", "y").GetCounter().GetValue(); got != 1 {
		t.Errorf("t255 = %v", got)
	}
	if got := sample(t, reg, "edge_odd_total", "type", "t0", "time", "invalid", "v", "b", "c", "y").GetCounter().GetValue(); got != 2 {
		t.Errorf("t0 = %v", got)
	}
	if got := sample(t, reg, "edge_odd_level", "series", "s", "len", "long", "c", "x", "with", "w", "create", "c").GetGauge().GetValue(); got != 3 {
		t.Errorf("level = %v", got)
	}
}

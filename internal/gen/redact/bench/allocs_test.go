//go:build !race

package bench

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"
)

// TestCleanRecordAllocs: a record without configured keys costs the redacting handler no
// allocation, flat or nested.
func TestCleanRecordAllocs(t *testing.T) {
	nested := append(requestAttrs(false),
		slog.Group("req", slog.String("path", "/v1/profiles"), slog.Group("client", slog.String("ip_range", "10.0.0.0/8"))),
		slog.Any("query", map[string]any{"page": 2, "filter": []any{"active", map[string]any{"since": "2025"}}}),
	)
	for name, attrs := range map[string][]slog.Attr{"flat": requestAttrs(false), "nested": nested} {
		allocs := func(h slog.Handler) float64 {
			ctx, now := context.Background(), time.Now()
			return testing.AllocsPerRun(200, func() {
				r := slog.NewRecord(now, slog.LevelInfo, "api call", 0)
				r.AddAttrs(attrs...)
				h.Handle(ctx, r)
			})
		}
		bare := allocs(slog.NewJSONHandler(io.Discard, nil))
		wrapped := allocs(NewRedactingHandler(slog.NewJSONHandler(io.Discard, nil)))
		if wrapped != bare {
			t.Errorf("%s record: %v allocations with the redacting handler, %v without", name, wrapped, bare)
		}
		withAttrs := allocs(NewRedactingHandler(slog.NewJSONHandler(io.Discard, nil)).WithAttrs(attrs[:3]).WithGroup("g"))
		bareWith := allocs(slog.NewJSONHandler(io.Discard, nil).WithAttrs(attrs[:3]).WithGroup("g"))
		if withAttrs != bareWith {
			t.Errorf("%s record after With and WithGroup: %v allocations with the redacting handler, %v without", name, withAttrs, bareWith)
		}
	}
}

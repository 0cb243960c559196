package bench

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	_ "github.com/metricgen/metricgen/internal/golden" // defines -update, which go test ./... passes to every package
)

// requestAttrs returns the ten attributes of a typical request log line; with configured, the
// last is one that a rule masks.
func requestAttrs(configured bool) []slog.Attr {
	last := slog.String("user", "alice")
	if configured {
		last = slog.String("email", "alice@example.com")
	}
	return []slog.Attr{
		slog.String("method", "GET"), slog.String("endpoint", "profiles"), slog.Int("status", 200),
		slog.Duration("elapsed", 42*time.Millisecond), slog.String("requestID", "3f2a9c01"),
		slog.Bool("cached", false), slog.Int64("bytes", 12345), slog.String("region", "eu-west-1"),
		slog.Float64("ratio", 0.25), last,
	}
}

var handlers = []struct {
	name string
	new  func(io.Writer) slog.Handler
}{
	{"bare", func(w io.Writer) slog.Handler { return slog.NewJSONHandler(w, nil) }},
	{"redacting", func(w io.Writer) slog.Handler { return NewRedactingHandler(slog.NewJSONHandler(w, nil)) }},
	{"replaceattr", func(w io.Writer) slog.Handler {
		return slog.NewJSONHandler(w, &slog.HandlerOptions{ReplaceAttr: RedactAttr})
	}},
	// What ReplaceAttr costs in log/slog itself, whatever the function does.
	{"replaceattr-identity", func(w io.Writer) slog.Handler {
		return slog.NewJSONHandler(w, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr { return a }})
	}},
}

// BenchmarkJSONHandler logs a 10-attribute record through the JSON handler: bare, wrapped by
// NewRedactingHandler, with RedactAttr as ReplaceAttr, and with a ReplaceAttr that changes nothing;
// with no configured key, and with one. Besides ns/op it reports cpu-ns/op, the CPU time of
// the process per record (garbage collection included), which stays meaningful on a machine
// busy with other work.
func BenchmarkJSONHandler(b *testing.B) {
	for _, keys := range []string{"none", "one"} {
		attrs := requestAttrs(keys == "one")
		for _, h := range handlers {
			b.Run("keys="+keys+"/handler="+h.name, func(b *testing.B) {
				handler := h.new(io.Discard)
				ctx, now := context.Background(), time.Now()
				b.ReportAllocs()
				start := cpuTime()
				for b.Loop() {
					r := slog.NewRecord(now, slog.LevelInfo, "api call", 0)
					r.AddAttrs(attrs...)
					handler.Handle(ctx, r)
				}
				if cpu := cpuTime() - start; cpu > 0 {
					b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
				}
			})
		}
	}
}

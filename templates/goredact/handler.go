package goredact

import (
	"context"
	"log/slog"
)

// redactHandler is the handler of Redactor.Handler.
type redactHandler struct {
	redactor *Redactor
	handler  slog.Handler
	group    redactRule // rule of a group opened with WithGroup: it applies to all inside
}

var _ slog.Handler = (*redactHandler)(nil)

func (h *redactHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.handler.Enabled(ctx, level)
}

// Handle passes r on as it is when redaction changes none of its attributes: most records hold no
// configured key, and finding that out allocates nothing. Otherwise, and when an attribute is a
// LogValuer (resolved here, so that the value checked is the value logged), it passes on a new
// record and leaves r to its caller. Each attribute is redacted once, so a LogValuer is resolved
// once.
func (h *redactHandler) Handle(ctx context.Context, r slog.Record) error {
	n := 0 // attributes before the first that changes
	var first slog.Attr
	changed, removed := false, false
	r.Attrs(func(a slog.Attr) bool {
		if b, c, rm := h.redactor.attr(a, h.group, 0); c {
			first, changed, removed = b, true, rm
			return false
		}
		n++
		return true
	})
	if !changed {
		return h.handler.Handle(ctx, r)
	}
	var buf [16]slog.Attr // up to 16 attributes are gathered without allocating
	attrs := buf[:0]
	i := 0
	r.Attrs(func(a slog.Attr) bool {
		switch {
		case i < n:
			attrs = append(attrs, a)
		case i == n:
			if !removed {
				attrs = append(attrs, first)
			}
		default:
			if b, _, removed := h.redactor.attr(a, h.group, 0); !removed {
				attrs = append(attrs, b)
			}
		}
		i++
		return true
	})
	out := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
	out.AddAttrs(attrs...)
	return h.handler.Handle(ctx, out)
}

func (h *redactHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	out := make([]slog.Attr, 0, len(attrs))
	for _, a := range attrs {
		if b, _, removed := h.redactor.attr(a, h.group, 0); !removed {
			out = append(out, b)
		}
	}
	return &redactHandler{redactor: h.redactor, handler: h.handler.WithAttrs(out), group: h.group}
}

// WithGroup opens a group; when its name matches a rule, as RedactAttr sees it among the groups of
// an attribute, the rule applies to everything inside.
func (h *redactHandler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	group := h.group
	if group.action == redactNone {
		group = redactMatch(name)
	}
	return &redactHandler{redactor: h.redactor, handler: h.handler.WithGroup(name), group: group}
}

package klaviyometrics

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

// TestContractExample logs the attributes of the contract's example (spec-v1.md), for the
// redact-klaviyo case only: the literal outputs the contract promises.
func TestContractExample(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(NewRedactor([]byte("k")).Handler(slog.NewJSONHandler(&buf, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Attr{}
			}
			return a
		},
	})))
	l.Info("signup",
		"email", "alice@example.com", "Phone", "+1 555 0100", "API_KEY", "sk-live-123", "user_id", 42,
		"refresh_token", "rt-1", "Password", "hunter2", "client_secret_id", "cs", "plan", "pro",
		slog.Group("profile", "email", "bo@x.io", "name", "Bob"),
		"tags", []any{map[string]any{"email": "al"}},
	)
	want := `{"level":"INFO","msg":"signup","email":"ali***","API_KEY":"[REDACTED]",` +
		`"user_id":"hmac:` + hashOf("k", "42") + `","refresh_token":"[REDACTED]","Password":"[REDACTED]",` +
		`"client_secret_id":"[REDACTED]","plan":"pro","profile":{"email":"bo@***","name":"Bob"},` +
		`"tags":[{"email":"***"}]}`
	if got := strings.TrimSpace(buf.String()); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func hashOf(key, v string) string {
	w, _ := want(3, v, []byte(key))
	return strings.TrimPrefix(w, "hmac:")
}

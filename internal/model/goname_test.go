package model

import (
	"testing"

	_ "github.com/metricgen/metricgen/internal/golden" // defines -update, which go test ./... passes to every package
)

func TestGoCase(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"api_requests_total", "APIRequestsTotal"},
		{"rate_limit_remaining", "RateLimitRemaining"},
		{"GET", "GET"},
		{"profiles", "Profiles"},
		{"read-only", "ReadOnly"},
		{"read_only", "ReadOnly"},
		{"user.id", "UserID"},
		{"http server", "HTTPServer"},
		{"5xx", "5xx"},
		{"db_query_seconds", "DBQuerySeconds"},
		{"json", "JSON"},
		{"camelCase", "CamelCase"},
		{"*", "X2A"},
		{"", "X"},
		{"über", "Über"},
	} {
		if got := GoCase(tc.in); got != tc.want {
			t.Errorf("GoCase(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestGoIdent(t *testing.T) {
	if got := GoIdent("Code", "5xx"); got != "Code5xx" {
		t.Errorf("GoIdent(Code, 5xx) = %q", got)
	}
	if got := GoIdent("Code", "ok"); got != "Ok" {
		t.Errorf("GoIdent(Code, ok) = %q", got)
	}
}

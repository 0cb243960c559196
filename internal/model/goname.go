package model

import (
	"fmt"
	"strings"
	"unicode"
)

// initialisms are written all upper-case in Go names, as Go's own naming convention (and
// golint before it) asks.
var initialisms = map[string]bool{
	"ACL": true, "API": true, "ASCII": true, "CPU": true, "CSS": true, "DB": true, "DNS": true,
	"EOF": true, "GC": true, "GRPC": true, "GUID": true, "HTML": true, "HTTP": true, "HTTPS": true,
	"ID": true, "IO": true, "IP": true, "JSON": true, "JWT": true, "LHS": true, "OS": true,
	"QPS": true, "RAM": true, "RHS": true, "RPC": true, "SDK": true, "SLA": true, "SMS": true,
	"SMTP": true, "SQL": true, "SSH": true, "TCP": true, "TLS": true, "TTL": true, "UDP": true,
	"UI": true, "UID": true, "URI": true, "URL": true, "UTF8": true, "UUID": true, "VM": true,
	"XML": true, "XMPP": true, "XSRF": true, "XSS": true,
}

// GoCase turns a spec name or label value into the body of a Go identifier: split on every
// character that cannot appear in an identifier ('_', '-', '.', ' ', '/', ...), upper-case each
// part's first letter, and write common initialisms all upper-case ("api_requests_total" ->
// "APIRequestsTotal", "read-only" -> "ReadOnly", "GET" -> "GET"). A name with no letters or
// digits at all is spelled out by its bytes ("*" -> "X2A") so that it still yields an
// identifier. The result may start with a digit: callers put it after a prefix.
func GoCase(s string) string {
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(parts) == 0 {
		var b strings.Builder
		b.WriteString("X")
		for i := 0; i < len(s); i++ {
			fmt.Fprintf(&b, "%02X", s[i])
		}
		return b.String()
	}
	var b strings.Builder
	for _, p := range parts {
		if up := strings.ToUpper(p); initialisms[up] {
			b.WriteString(up)
			continue
		}
		r := []rune(p)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	return b.String()
}

// GoIdent returns GoCase(s), made a valid exported identifier on its own: a name that would
// start with a digit gets prefix ("5xx" with prefix "Code" -> "Code5xx").
func GoIdent(prefix, s string) string {
	c := GoCase(s)
	if r := []rune(c)[0]; !unicode.IsLetter(r) {
		return prefix + c
	}
	return c
}

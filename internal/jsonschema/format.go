package jsonschema

import (
	"net"
	"net/url"
	"regexp"
	"strings"
)

// formatChecker returns the check of a format the schema asserts, as the library checks
// it; nil for a format not implemented.
func formatChecker(name string) func(string) bool {
	switch name {
	case "regex":
		return isRegex
	case "uri":
		return isURI
	}
	return nil
}

func isRegex(s string) bool {
	_, err := regexp.Compile(s)
	return err == nil
}

// isURI reports whether s is an absolute URI whose host, if it has a colon, is a bracketed
// IPv6 address.
func isURI(s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	if host := u.Hostname(); strings.Contains(host, ":") {
		if !strings.Contains(u.Host, "[") || !strings.Contains(u.Host, "]") || net.ParseIP(host) == nil {
			return false
		}
	}
	return u.IsAbs()
}

package model

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FormatFloat writes a number the one way every output shows it to people (Go comments, docs,
// dashboards): the shortest decimal that reads back as f, without an exponent, as JSON and
// JavaScript write numbers (1048576, 0.005, 2.5); an exponent only outside 1e-6..1e21, where
// the digits would run on (1e-7, 1e+21). Infinities are +Inf and -Inf, as Prometheus writes
// them.
func FormatFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	case math.IsNaN(f):
		return "NaN"
	}
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		s := strconv.FormatFloat(f, 'e', -1, 64)
		// 1e-07 -> 1e-7, as JSON writes it.
		mant, exp, _ := strings.Cut(s, "e")
		return mant + "e" + exp[:1] + strings.TrimLeft(exp[1:], "0")
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// maxTitle is the longest title derived from a help text, in characters: panel titles longer
// than this are cut in Grafana.
const maxTitle = 60

// DisplayTitle is how people see the metric named in dashboards and docs: the spec's title,
// else its help text made a title (first sentence, no final full stop, cut at a word past 60
// characters), else its key in words ("queue_depth" -> "Queue depth").
func (m *Metric) DisplayTitle() string {
	if m.Title != "" {
		return m.Title
	}
	if t := helpTitle(m.Help); t != "" {
		return t
	}
	return Humanise(m.Key)
}

// helpTitle makes a help text a title: its first sentence, without the full stop, with a
// capital first letter, cut at a word boundary with "…" when long.
func helpTitle(help string) string {
	t := strings.Join(strings.Fields(help), " ")
	if i := strings.Index(t, ". "); i > 0 {
		t = t[:i]
	}
	t = strings.TrimRight(t, ".:; ")
	if t == "" {
		return ""
	}
	if utf8.RuneCountInString(t) > maxTitle {
		cut := []rune(t)[:maxTitle]
		s := string(cut)
		if i := strings.LastIndexByte(s, ' '); i > maxTitle/2 {
			s = s[:i]
		}
		t = strings.TrimRight(s, ",;: ") + "…"
	}
	return upperFirst(t)
}

// Humanise writes a snake_case name as words: "request_duration_seconds" -> "Request duration
// seconds".
func Humanise(name string) string {
	return upperFirst(strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '_' }), " "))
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Package otelname owns what becomes of a spec's names on the way from the OpenTelemetry
// backend to Prometheus: the UCUM unit an instrument is created with, and the name and label
// names that the OpenTelemetry Prometheus exporter (and the collector's Prometheus exporters)
// expose it under in the default translation strategy, UnderscoreEscapingWithSuffixes of
// github.com/prometheus/otlptranslator. Validation uses it to warn before a rule or a
// dashboard query reads a name that the translation rewrote; the docs show both names.
//
// It reimplements the translation rather than importing it, so that metricgen's binary stays
// free of OpenTelemetry code; verify/otelname_test.go compares it with otlptranslator itself.
package otelname

import (
	"strings"
	"unicode"
)

// Kind is what the translation needs to know of an instrument's data.
type Kind int

const (
	Counter       Kind = iota // a monotonic sum (Counter): gets "_total"
	UpDownCounter             // a non-monotonic sum (UpDownCounter): exposed as a gauge
	Gauge                     // a gauge (Gauge, ObservableGauge): gets "_ratio" for unit "1"
	Histogram
)

// ucum maps the spec's base units (internal/validate's list) to UCUM, which OpenTelemetry
// instruments carry their units in.
var ucum = map[string]string{
	"seconds": "s",
	"bytes":   "By",
	"ratio":   "1",
	"meters":  "m",
	"grams":   "g",
	"joules":  "J",
	"volts":   "V",
	"amperes": "A",
	"celsius": "Cel",
	// UCUM's "bit" is a unit the translation does not know, so it would append "_bit" to a
	// name that ends in "_bits" already: the annotation says the same and keeps the name.
	"bits": "{bit}",
}

// Unit returns the UCUM unit of the spec's unit: a base unit's symbol ("seconds" → "s"), ""
// for none and for info metrics (a constant 1), and for a word that is not a unit
// ("requests", which validation warns about) the UCUM annotation "{requests}", which says
// what is counted and adds no suffix to the Prometheus name.
func Unit(unit string) string {
	if u, ok := ucum[unit]; ok {
		return u
	}
	if unit == "" || unit == "info" {
		return ""
	}
	return "{" + unit + "}"
}

// suffixes maps the UCUM units that the translation knows to the word it appends; any other
// unit is appended as it is written (otlptranslator's unitMap).
var suffixes = map[string]string{
	"d": "days", "h": "hours", "min": "minutes", "s": "seconds", "ms": "milliseconds",
	"us": "microseconds", "ns": "nanoseconds",
	"By": "bytes", "KiBy": "kibibytes", "MiBy": "mebibytes", "GiBy": "gibibytes",
	"TiBy": "tibibytes", "KBy": "kilobytes", "MBy": "megabytes", "GBy": "gigabytes",
	"TBy": "terabytes",
	"m":   "meters", "V": "volts", "A": "amperes", "J": "joules", "W": "watts", "g": "grams",
	"Cel": "celsius", "Hz": "hertz", "1": "", "%": "percent",
}

// perSuffixes is the same for the unit after a '/'.
var perSuffixes = map[string]string{
	"s": "second", "m": "minute", "h": "hour", "d": "day", "w": "week", "mo": "month", "y": "year",
}

// Prometheus returns the name under which the exporter exposes an instrument called name,
// of kind k and UCUM unit: the name split into words at every character other than a letter,
// digit or colon; the unit's word appended unless one of the words is it already; for
// counters every "total" word moved to the end (added when missing), for gauges of unit "1"
// every "ratio" word likewise; words joined with single underscores.
func Prometheus(name, unit string, k Kind) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return !compliant(r) })
	main, per := unitWords(unit)
	if contains(words, main) {
		main = ""
	}
	if per == "per_" {
		per = ""
	} else {
		per = strings.TrimSuffix(per, "_")
		if contains(words, per) {
			per = ""
		}
	}
	if per != "" {
		main = strings.TrimSuffix(main, "_")
	}
	if main != "" {
		words = append(words, main)
	}
	if per != "" {
		words = append(words, per)
	}
	if k == Counter {
		words = append(without(words, "total"), "total")
	}
	if unit == "1" && k == Gauge {
		words = append(without(words, "ratio"), "ratio")
	}
	out := strings.Join(words, "_")
	if out != "" && unicode.IsDigit(rune(out[0])) {
		out = "_" + out
	}
	return out
}

// Label returns the label name the exporter exposes an attribute key under: every character
// other than a letter or a digit replaced by '_', runs of '_' made one (inside the "__" of a
// reserved "__name__"), and "key_" before a leading digit.
func Label(key string) string {
	if key == "" {
		return ""
	}
	out := ""
	if len(key) >= 4 && strings.HasPrefix(key, "__") && strings.HasSuffix(key, "__") {
		out = "__" + sanitize(key[2:len(key)-2]) + "__"
	} else {
		out = sanitize(key)
	}
	if unicode.IsDigit(rune(out[0])) {
		out = "key_" + out
	}
	return out
}

// sanitize replaces every character other than a letter or a digit by '_', once per run.
func sanitize(s string) string {
	var b strings.Builder
	last := rune(0)
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			r = '_'
		}
		if r == '_' && last == '_' {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

// unitWords returns the words the translation appends for unit: the main unit's and the one
// after '/' ("per_second"), each "" when absent, an annotation ({...}) or unknown to it.
func unitWords(unit string) (main, per string) {
	parts := strings.SplitN(unit, "/", 2)
	if m := strings.TrimSpace(parts[0]); m != "" && !strings.ContainsAny(m, "{}") {
		main = cleanUnit(lookup(suffixes, m))
	}
	if len(parts) > 1 && parts[1] != "" {
		if p := strings.TrimSpace(parts[1]); p != "" && !strings.ContainsAny(p, "{}") {
			if w := lookup(perSuffixes, p); w != "" {
				per = cleanUnit("per_" + w)
			}
		}
	}
	return main, per
}

func lookup(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return k
}

// cleanUnit makes a unit word a name part: invalid characters become '_', runs of '_' one,
// and a leading '_' goes.
func cleanUnit(s string) string {
	var b strings.Builder
	last := rune(0)
	for _, r := range s {
		if !compliant(r) {
			r = '_'
		}
		if r == '_' && last == '_' {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	return strings.TrimPrefix(b.String(), "_")
}

func compliant(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == ':'
}

func contains(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}

func without(words []string, w string) []string {
	out := make([]string, 0, len(words))
	for _, x := range words {
		if x != w {
			out = append(out, x)
		}
	}
	return out
}

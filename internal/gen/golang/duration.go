package golang

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/dave/jennifer/jen"
)

// promDuration is Prometheus' duration syntax: units from years down to milliseconds, each at
// most once, in that order.
var promDuration = regexp.MustCompile(`^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?$`)

var promUnits = []time.Duration{
	365 * 24 * time.Hour, 7 * 24 * time.Hour, 24 * time.Hour, time.Hour, time.Minute, time.Second, time.Millisecond,
}

// parseDuration parses a Prometheus duration ("1h", "1d12h", "500ms").
func parseDuration(s string) (time.Duration, error) {
	sub := promDuration.FindStringSubmatch(s)
	if sub == nil || s == "" {
		return 0, fmt.Errorf("%q is not a Prometheus duration", s)
	}
	var d time.Duration
	for i, unit := range promUnits {
		if sub[i+1] == "" {
			continue
		}
		n, err := strconv.ParseInt(sub[i+1], 10, 64)
		if err != nil || n > int64(1<<62)/int64(unit) {
			return 0, fmt.Errorf("duration %q is too long", s)
		}
		d += time.Duration(n) * unit
	}
	return d, nil
}

// durationCode writes d as a Go expression in the largest unit that divides it:
// time.Hour, 36 * time.Hour, 90 * time.Second, 500 * time.Millisecond.
func durationCode(d time.Duration) jen.Code {
	units := []struct {
		d    time.Duration
		name string
	}{{time.Hour, "Hour"}, {time.Minute, "Minute"}, {time.Second, "Second"}, {time.Millisecond, "Millisecond"}}
	for _, u := range units {
		if d%u.d != 0 {
			continue
		}
		if d == u.d {
			return jen.Qual(timePath, u.name)
		}
		return jen.Lit(int(d/u.d)).Op("*").Qual(timePath, u.name)
	}
	return jen.Qual(timePath, "Duration").Call(jen.Lit(int(d)))
}

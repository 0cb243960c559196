package golang

import (
	"time"

	"github.com/dave/jennifer/jen"
)

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

package gometrics

import (
	"strconv"
	"strings"
)

// enumRange is the panic of recording a value of an enum label's type that is none of its
// constants (a converted integer, or what Parse<Label> returns for an unknown string), when the
// label declares no other value to record it as: recorded as one of the real values, it would
// misattribute the data without a trace. value is -1 where it is not known (the series of
// out-of-range values is shared by all of them).
type enumRange struct {
	label, typ   string // the label's name and its Go type
	value, count int
}

func (e enumRange) Error() string {
	what := e.typ + "(" + strconv.Itoa(e.value) + ")"
	if e.value < 0 {
		a := "a "
		if strings.ContainsRune("AEIOU", rune(e.typ[0])) {
			a = "an "
		}
		what = a + e.typ + " that is none of the constants"
	}
	return "label " + e.label + ": " + what + " is not one of its " + strconv.Itoa(e.count) +
		" values; record only the constants of " + e.typ + " (Parse" + e.typ + " reports whether a string is one), " +
		"or declare other: on the label to record such values as it"
}

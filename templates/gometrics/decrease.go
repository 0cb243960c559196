package gometrics

import "strconv"

// counterDecrease is the panic of a counter's Add given a negative value or NaN: a counter
// only goes up (client_golang panics on a negative value too); what goes up and down is a
// gauge.
type counterDecrease struct {
	name  string // of the counter
	value float64
}

func (e counterDecrease) Error() string {
	return "counter " + e.name + ": Add(" + strconv.FormatFloat(e.value, 'g', -1, 64) +
		"): a counter cannot decrease; use a gauge for a value that goes down"
}

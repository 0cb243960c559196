package model

import (
	"time"

	commonmodel "github.com/prometheus/common/model"
)

// Duration is a Prometheus duration: whole milliseconds, written with the units y, w, d, h, m,
// s and ms, largest first ("1h30m"). The zero Duration means "not given": Prometheus and
// promtool treat every duration the spec has (for, keep_firing_for, intervals, eval_time,
// min_reset_duration) the same when it is 0 and when it is absent.
type Duration time.Duration

// ParseDuration parses a duration as Prometheus does (prometheus/common/model.ParseDuration):
// the one duration parser of metricgen, so that the spec, the rules and the generated Go all
// read a duration the same way.
func ParseDuration(s string) (Duration, error) {
	d, err := commonmodel.ParseDuration(s)
	return Duration(d), err
}

// String writes d as Prometheus does, in its canonical form ("90s" -> "1m30s", "0s" for 0).
func (d Duration) String() string { return commonmodel.Duration(d).String() }

// Std returns d as a time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) }

// IsZero reports whether d was not given (or given as 0).
func (d Duration) IsZero() bool { return d == 0 }

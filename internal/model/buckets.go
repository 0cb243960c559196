package model

import (
	"errors"
	"math"
)

// DefaultBuckets are a histogram's classic buckets when the spec gives none and no native
// buckets either: client_golang's DefBuckets, made for durations in seconds.
var DefaultBuckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// Errors of the bucket generators.
var (
	ErrBucketsOverflow   = errors.New("the buckets grow past the largest number")
	ErrBucketsIndistinct = errors.New("two buckets round to the same number")
)

// ExponentialBuckets expands the spec's {exponential: {start, factor, count}}: count upper
// bounds, start and then each factor times the one before. It computes them as client_golang's
// ExponentialBuckets does, so the bounds are the same numbers, and fails with
// ErrBucketsOverflow where they would not be numbers. start must be positive, factor greater
// than 1 and count positive (the schema requires it).
func ExponentialBuckets(start, factor float64, count int) ([]float64, error) {
	if start <= 0 || factor <= 1 || count < 1 {
		return nil, errors.New("exponential buckets need start > 0, factor > 1 and count >= 1")
	}
	buckets := make([]float64, count)
	for i := range buckets {
		buckets[i] = start
		start *= factor
	}
	if last := buckets[count-1]; math.IsInf(last, 0) || last > math.MaxFloat64/2 {
		return nil, ErrBucketsOverflow
	}
	return buckets, nil
}

// LinearBuckets expands the spec's {linear: {start, width, count}}: count upper bounds, start
// and then each width more than the one before, as client_golang's LinearBuckets computes
// them. Far from 0 with a small width, bounds can round to the same number: that fails with
// ErrBucketsIndistinct, as does one that overflows. width must be positive and count positive
// (the schema requires it).
func LinearBuckets(start, width float64, count int) ([]float64, error) {
	if width <= 0 || count < 1 {
		return nil, errors.New("linear buckets need width > 0 and count >= 1")
	}
	buckets := make([]float64, count)
	for i := range buckets {
		buckets[i] = start
		start += width
	}
	for i := 1; i < count; i++ {
		if !(buckets[i] > buckets[i-1]) {
			return nil, ErrBucketsIndistinct
		}
	}
	if math.IsInf(buckets[count-1], 0) {
		return nil, ErrBucketsIndistinct
	}
	return buckets, nil
}

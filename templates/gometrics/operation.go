package gometrics

import (
	"context"
	"errors"
	"fmt"
)

// operationOutcome is how an operation ended: the value its outcome label gets.
type operationOutcome uint8

const (
	operationSuccess operationOutcome = iota
	operationError
	operationCanceled
)

// outcomeOf returns the outcome of an operation whose function returned err: canceled when err
// is (or wraps) context.Canceled and the outcome label has a canceled value, error for any
// other error.
func outcomeOf(err error, canceled bool) operationOutcome {
	switch {
	case err == nil:
		return operationSuccess
	case canceled && errors.Is(err, context.Canceled):
		return operationCanceled
	}
	return operationError
}

// panicError is what an operation records for a panic in its function, before panicking again
// with the same value.
type panicError struct{ value any }

func (e panicError) Error() string { return fmt.Sprintf("panic: %v", e.value) }

// goexitError is what an operation records when its function ended the goroutine
// (runtime.Goexit, as testing's t.FailNow does) instead of returning.
type goexitError struct{}

func (goexitError) Error() string { return "the operation's goroutine exited (runtime.Goexit)" }

// recovered returns the error an operation records when its function did not return: p is
// what recover returned in the operation's deferred function, nil when the goroutine exited.
func recovered(p any) error {
	if p == nil {
		return goexitError{}
	}
	return panicError{p}
}

// repanic panics again with the value of a panic that recovered turned into err; it does
// nothing for a goroutine that exited, which goes on exiting.
func repanic(err error) {
	if p, ok := err.(panicError); ok {
		panic(p.value)
	}
}

// String returns the outcome as the operations' log records write it.
func (o operationOutcome) String() string {
	switch o {
	case operationSuccess:
		return "success"
	case operationError:
		return "error"
	}
	return "canceled"
}

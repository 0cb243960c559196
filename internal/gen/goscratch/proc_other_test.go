//go:build !unix

package goscratch

import (
	"os/exec"
	"testing"
)

// killGroup leaves cmd's default: its context ends it (not the processes it started).
func killGroup(*exec.Cmd) {}

// lockDir does nothing here: two runs from one checkout at once may trip over each other.
func lockDir(*testing.T, string) {}

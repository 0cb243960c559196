//go:build !race

package gometrics

// raceEnabled: the race detector allocates, so allocation tests stand down.
const raceEnabled = false

//go:build !race

package shopmetrics

// raceEnabled: the race detector allocates, so allocation tests stand down.
const raceEnabled = false

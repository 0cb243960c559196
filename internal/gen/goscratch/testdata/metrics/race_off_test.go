//go:build !race

package scratch_test

// raceEnabled tells noAllocs to stand down: the race detector allocates.
const raceEnabled = false

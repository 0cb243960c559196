//go:build metricgen_killtest

package output

import (
	"os"
	"strings"
	"time"
)

// In a binary built with -tags metricgen_killtest, METRICGEN_TEST_PAUSE=<stage>:<file> stops
// Write at that stage ("written": every temporary file written, none renamed; "renaming":
// half of them renamed; "renamed": all renamed, stale files not yet removed): it creates
// <file> and waits to be killed. The kill test (cmd/metricgen) uses it; normal builds have no
// such hook.
func init() {
	stage, file, ok := strings.Cut(os.Getenv("METRICGEN_TEST_PAUSE"), ":")
	if !ok {
		return
	}
	pause = func(s string) {
		if s != stage {
			return
		}
		if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
			panic(err)
		}
		for {
			time.Sleep(time.Hour) // until killed
		}
	}
}

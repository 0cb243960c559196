#!/usr/bin/env bash
# fuzz-one.sh PACKAGE TARGET FUZZTIME: runs one fuzz target of the module in the current folder
# (make fuzz calls it for every target).
#
# Go 1.26's fuzz coordinator can fail a run whose time is up with a bare "context deadline
# exceeded" when a worker is still busy at the deadline (golang/go#75804, fixed in Go 1.27):
# no input failed and nothing was written to testdata/fuzz. Such a run says so and passes.
# Any other failure fails: a failing input (written to testdata/fuzz), a failing seed, a build
# error. Minimising a new input may take FUZZMINIMIZETIME (default 10s) instead of go's 60s, so
# that a short run spends its time fuzzing.
set -uo pipefail
pkg=$1 target=$2 fuzztime=$3
corpus="$pkg/testdata/fuzz/$target"
before=$(ls "$corpus" 2>/dev/null)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"${GO:-go}" test -run '^$' -fuzz "^$target\$" -fuzztime "$fuzztime" \
	-fuzzminimizetime "${FUZZMINIMIZETIME:-10s}" "$pkg" 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] && exit 0
# What the run printed between its "--- FAIL: <target>" line and the final FAIL.
said=$(awk -v t="--- FAIL: $target " 'index($0, t) == 1 { on = 1; next } /^FAIL/ { on = 0 } on' "$out")
if [ "$said" = "    context deadline exceeded" ] && [ "$(ls "$corpus" 2>/dev/null)" = "$before" ]; then
	echo "fuzz $target: no failing input; the run ended on Go's fuzz coordinator race at its deadline (golang/go#75804, fixed in Go 1.27): passed"
	exit 0
fi
exit "$status"

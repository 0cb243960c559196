#!/bin/sh
# generate-scale.sh: what a large spec costs. For each size N (default: 200 and 2000 metrics)
# it writes a synthetic spec (a third each counters, gauges and histograms over 12 enum labels
# of 4 values and 2 bounded free-form labels: enum-only, mixed and one-label metrics), then
# reports, best of RUNS (default 5):
#
#   - validate and generate time of the metricgen binary (process to process);
#   - the bytes of Go generated, in total and per metric;
#   - the compile time of the generated package (go build, its dependencies already in the
#     build cache: what the package adds to every build of a service), best of 3.
#
# Times are wall/CPU seconds (CPU: user+sys of the process and its children), each the best of
# its runs; on a busy machine compare the CPU figures.
#
# Usage: scripts/generate-scale.sh [N...]          METRICGEN=path/to/binary to measure another
# build (default: built from this checkout). Needs only Go; writes under a temporary folder.
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
[ $# -gt 0 ] || set -- 200 2000
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=${METRICGEN:-}
if [ -z "$bin" ]; then
	bin=$work/metricgen
	GOTOOLCHAIN=local go build -o "$bin" ./cmd/metricgen
fi

# best CMD...: the best wall and CPU (user+sys) times of RUNS runs of CMD, as "wall/cpu".
best() {
	n=$1
	shift
	bw= bc=
	for _ in $(seq "$n"); do
		/usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null
		read -r w u s <"$work/time"
		c=$(echo "$u + $s" | bc)
		if [ -z "$bw" ] || [ "$(echo "$w < $bw" | bc)" = 1 ]; then bw=$w; fi
		if [ -z "$bc" ] || [ "$(echo "$c < $bc" | bc)" = 1 ]; then bc=$c; fi
	done
	printf '%.2f/%.2f' "$bw" "$bc"
}

spec() { # spec N: the synthetic spec of N metrics
	awk -v n="$1" 'BEGIN {
		print "version: 1\nnamespace: bench\nservice: bench\ngo: {package: benchmetrics, out: benchmetrics}\nlabels:"
		for (l = 0; l < 12; l++) printf "  enum_%d:\n    help: enum label %d\n    values: [a, b, c, d]\n", l, l
		print "  free_0: {help: free label, max_values: 10}"
		print "  free_1: {help: free label, pattern: \"^[a-z]+$\", max_values: 5}"
		print "metrics:"
		for (i = 0; i < n; i++) {
			labels = sprintf("[enum_%d, enum_%d, free_%d]", i % 12, (i + 1) % 12, i % 2)
			if (i % 6 >= 3) labels = sprintf("[enum_%d, enum_%d]", i % 12, (i + 1) % 12)
			if (i % 3 == 0) printf "  requests_%d_total:\n    type: counter\n    help: requests %d\n    labels: %s\n", i, i, labels
			else if (i % 3 == 1) printf "  queue_%d_depth:\n    type: gauge\n    help: depth %d\n    labels: %s\n", i, i, labels
			else printf "  call_%d_seconds:\n    type: histogram\n    help: latency %d\n    unit: seconds\n    labels: [enum_%d]\n    buckets: [0.1, 0.5, 1, 5]\n", i, i, i % 12
		}
	}'
}

# The module the generated package is compiled in: generated/go.mod's requirements.
mod=$work/mod
mkdir -p "$mod"
sed 's|^module .*|module scale|' generated/go.mod >"$mod/go.mod"
cp generated/go.sum "$mod/go.sum"
# build: compiles the generated package once more (a new file, so that only it is rebuilt).
cat >"$work/build" <<BUILD
#!/bin/sh
set -e
printf 'package benchmetrics\n\nconst scaleRun = "%s"\n' "\$(date +%s%N)" >"$mod/benchmetrics/zz_scale.go"
cd "$mod" && GOFLAGS=-mod=mod GOTOOLCHAIN=local exec go build ./benchmetrics
BUILD
chmod +x "$work/build"

printf '%-8s %-14s %-14s %-10s %-8s %-14s\n' metrics 'validate (s)' 'generate (s)' 'Go bytes' '/metric' 'go build (s)'
for n in "$@"; do
	dir=$work/n$n
	mkdir -p "$dir"
	spec "$n" >"$dir/spec.yaml"
	v=$(best "$RUNS" "$bin" validate "$dir/spec.yaml")
	g=$(best "$RUNS" "$bin" generate --out "$dir/out" "$dir/spec.yaml")
	bytes=$(cat "$dir"/out/benchmetrics/*.go | wc -c)
	rm -rf "$mod/benchmetrics"
	cp -r "$dir/out/benchmetrics" "$mod/"
	"$work/build" # dependencies into the cache
	c=$(best 3 "$work/build")
	printf '%-8s %-14s %-14s %-10s %-8s %-14s\n' "$n" "$v" "$g" "$bytes" "$((bytes / n))" "$c"
done

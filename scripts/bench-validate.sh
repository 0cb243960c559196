#!/usr/bin/env bash
# Process-to-process wall time of `metricgen validate` on a spec of 500 alerts against
# promtool's parse-only `check rules --lint=none` on the rule file metricgen generates from it (the same 500 alerts),
# on the same machine in the same run (issue 13: metricgen should take at most 0.5x).
# Also prints the package-initialisation time of `metricgen validate` on a small spec
# (GODEBUG=inittrace=1, the sum of every package's init clock time).
#
#   scripts/bench-validate.sh [RUNS]        (default 30 runs of each, interleaved)
#   PRIORITY=rt scripts/bench-validate.sh   (as root: every timed run at real-time priority)
#
# Needs Go and promtool (Debian: apt-get install prometheus). Prints medians and the ratio.
# On a machine busy with other work, wall times mostly measure waiting for a core; CPU
# times (user+sys) are fairer, and PRIORITY=rt (chrt -f 40, both tools alike) comes close
# to a quiet machine for runs this short.
set -euo pipefail
runs=${1:-30}
prio=()
if [ "${PRIORITY:-}" = rt ]; then
	prio=(chrt -f 40)
fi
repo=$(cd "$(dirname "$0")/.." && pwd)
export GOTOOLCHAIN=local
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
promtool=$(command -v promtool) || { echo "promtool not found (apt-get install prometheus)" >&2; exit 1; }
go build -C "$repo" -o "$work/metricgen" ./cmd/metricgen

# The example service's spec with 500 alerts more, over its metrics and labels.
exprs=(
	'sum(rate(checkout_errors_total[5m])) / sum(rate(checkout_requests_total[5m])) > 0.05'
	'sum by (route) (rate(checkout_requests_total{status="server_error"}[5m])) / sum by (route) (rate(checkout_requests_total[5m])) > 0.01'
	'histogram_quantile(0.99, sum by (le, route) (rate(checkout_request_duration_seconds_bucket[5m]))) > 1'
	'checkout_in_flight_requests > 100'
	'sum by (route, method) (rate(checkout_requests_total{method!="other"}[10m])) < 0.1'
	'increase(checkout_errors_total{route=~"checkout|admin"}[1h]) > 10'
	'avg_over_time(checkout_in_flight_requests[15m]) > 50 and on() hour() < 6'
	'rate(checkout_request_duration_seconds_sum[5m]) / rate(checkout_request_duration_seconds_count[5m]) > 0.5'
)
# Split the spec at its alerts section, and add the 500 alerts to it.
awk -v dir="$work" '
	/^alerts:$/ {part = 1}
	part == 1 && /^[a-z_]+:/ && !/^alerts:$/ {part = 2}
	{print > (dir "/part" (part + 0))}
' "$repo/examples/checkout/metrics.yaml"
{
	cat "$work/part0" "$work/part1"
	for i in $(seq 0 499); do
		e=${exprs[$((i % ${#exprs[@]}))]}
		printf "  - alert: Bench%d\n    expr: '(%s) or vector(%d) < 0'\n    for: 5m\n    severity: warning\n    summary: \"{{ \$value | humanize }} on {{ range \$k, \$v := \$labels }}{{ \$k }}={{ \$v }} {{ end }}\"\n    description: 'Alert %d: {{ printf \"%%.2f\" \$value }}'\n" "$i" "$e" "$i" "$i"
	done
	echo
	cat "$work/part2"
} >"$work/metrics.yaml"
(cd "$work" && ./metricgen generate metrics.yaml >/dev/null)
rules=$work/deploy/prometheus/checkout.rules.yml
n=$(grep -c '^ *- alert: ' "$rules")
"$promtool" check rules --lint=none "$rules" >/dev/null
"$work/metricgen" validate "$work/metrics.yaml"

# One run: wall and CPU (user+sys) milliseconds, from GNU time.
timed() {
	"${prio[@]}" /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null
	awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' "$work/time"
}
declare -a mgw mgc ptw ptc
for _ in $(seq "$runs"); do
	read -r w c < <(timed "$work/metricgen" validate "$work/metrics.yaml"); mgw+=("$w"); mgc+=("$c")
	read -r w c < <(timed "$promtool" check rules --lint=none "$rules"); ptw+=("$w"); ptc+=("$c")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo "alerts in the rule file: $n; runs: $runs each, interleaved; medians (wall / CPU user+sys)"
printf 'metricgen validate (spec):            %6d ms / %6d ms\n' "$(median "${mgw[@]}")" "$(median "${mgc[@]}")"
printf 'promtool check rules --lint=none:     %6d ms / %6d ms\n' "$(median "${ptw[@]}")" "$(median "${ptc[@]}")"
awk -v a="$(median "${mgw[@]}")" -v b="$(median "${ptw[@]}")" -v c="$(median "${mgc[@]}")" -v d="$(median "${ptc[@]}")" \
	'BEGIN {printf "ratio metricgen / promtool:           wall %.2f, CPU %.2f\n", a / b, c / d}'

# Package initialisation of `metricgen validate` on a small spec: the median of the runs.
declare -a it
for _ in $(seq "$runs"); do
	it+=($(GODEBUG=inittrace=1 "${prio[@]}" "$work/metricgen" validate "$repo/examples/checkout/metrics.yaml" 2>&1 | awk '/^init / {s += $5} END {printf "%d", s * 1000}'))
done
echo "package init, validate of examples/checkout/metrics.yaml: median $(awk -v v="$(median "${it[@]}")" 'BEGIN {printf "%.2f", v / 1000}') ms"
GODEBUG=inittrace=1 "${prio[@]}" "$work/metricgen" validate "$repo/examples/checkout/metrics.yaml" 2>&1 | sort -t' ' -k5 -g -r | awk '/^init / {printf "  %-60s %s ms\n", $2, $5}' | head -5 || true

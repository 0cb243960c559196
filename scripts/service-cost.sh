#!/usr/bin/env bash
# What adopting metricgen costs a service module (issue 13): a fresh module with only
# client_golang adds metricgen as a tool from a source tree (a local `replace`; `go mod edit
# -tool` + `go mod tidy` select versions as `go get -tool` of a published release does; plain
# `go get` cannot be used here because the proxy answers 403, not 404, for the unpublished
# path), then runs `go generate` with an empty build cache. Prints the module count and go line of the service's go.mod before and
# after, which of its requirements moved, go.sum lines, cold and warm `go generate` times, and
# whether the generated package vets in a module at the service's original Go and
# client_golang.
#
#   scripts/service-cost.sh [METRICGEN_SOURCE_DIR]     (default: this repository)
#   CLIENT_GOLANG=v1.20.5 GOVERSION=1.24 scripts/service-cost.sh
#
# Needs Go and the Go module proxy (or a warm module cache). The module cache is shared; only
# the build cache is cold.
set -euo pipefail
src=$(cd "${1:-$(dirname "$0")/..}" && pwd)
client_golang=${CLIENT_GOLANG:-v1.20.5}
goversion=${GOVERSION:-1.24}
export GOTOOLCHAIN=local GOFLAGS=-mod=mod GOWORK=off
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
svc=$work/svc
mkdir -p "$svc"

cat >"$svc/go.mod" <<EOF
module example.com/svc

go $goversion

require github.com/prometheus/client_golang $client_golang
EOF
cat >"$svc/main.go" <<'EOF'
package main

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func main() {
	http.Handle("/metrics", promhttp.Handler())
	_ = http.ListenAndServe("127.0.0.1:8080", nil)
}
EOF
cp "$src/examples/checkout/metrics.yaml" "$svc/metrics.yaml"
(cd "$svc" && go mod tidy)

# requires prints the requirements of go.mod as "path version", one a line.
requires() {
	awk '/^require \(/ {b = 1; next} b && /^\)/ {b = 0; next}
	     b && NF && $1 != "//" {print $1, $2} /^require [^(]/ {print $2, $3}' "$1" | sort
}
goline() { awk '$1 == "go" {print $2}' "$1"; }

requires "$svc/go.mod" >"$work/before.txt"
before_go=$(goline "$svc/go.mod")
before_sum=$(wc -l <"$svc/go.sum")

(cd "$svc" &&
	go mod edit -require=github.com/metricgen/metricgen@v0.0.0 -replace=github.com/metricgen/metricgen="$src" &&
	go mod edit -tool=github.com/metricgen/metricgen/cmd/metricgen &&
	go mod tidy >"$work/get.log" 2>&1) || {
	cat "$work/get.log"
	exit 1
}
grep -E 'upgraded|downgraded' "$work/get.log" | sed 's/^/  go get: /' || true
requires "$svc/go.mod" >"$work/after.txt"
after_go=$(goline "$svc/go.mod")
after_sum=$(wc -l <"$svc/go.sum")

echo "service module: client_golang $client_golang, go $goversion; metricgen from $src"
echo "go.mod requirements: $(wc -l <"$work/before.txt") before, $(wc -l <"$work/after.txt") after (+$(($(wc -l <"$work/after.txt") - $(wc -l <"$work/before.txt"))))"
echo "go line: $before_go -> $after_go"
echo "go.sum lines: $before_sum before, $after_sum after"
echo "requirements the service had that moved:"
join "$work/before.txt" "$work/after.txt" | awk '$2 != $3 {print "  " $1 ": " $2 " -> " $3; n++} END {if (!n) print "  none"}'
echo "modules added:"
join -v 2 "$work/before.txt" "$work/after.txt" | sed 's/^/  /'

cat >"$svc/generate.go" <<'EOF'
package main

//go:generate go tool metricgen generate metrics.yaml
EOF
export GOCACHE=$work/gocache
timed() { # timed LABEL CMD...: wall and CPU seconds of CMD (GNU time)
	local label=$1
	shift
	/usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null
	awk -v l="$label" '{printf "%s: %.2fs wall, %.2fs CPU (user+sys)\n", l, $1, $2 + $3}' "$work/time"
}
(cd "$svc" && timed "go generate, cold build cache" go generate ./...)
(cd "$svc" && timed "go generate, warm build cache" go generate ./...)
(cd "$svc" && go vet ./... && echo "service: go vet ./... ok")

# The generated package alone, at the service's original Go and client_golang.
low=$work/low
mkdir -p "$low"
cp -r "$svc/checkoutmetrics" "$low/"
printf 'module example.com/low\n\ngo %s\n\nrequire github.com/prometheus/client_golang %s\n' "$goversion" "$client_golang" >"$low/go.mod"
(cd "$low" && go mod tidy >/dev/null 2>&1 && go vet ./... && echo "generated package: go vet ok with go $goversion and client_golang $client_golang")

# metricgen's tasks. `make test` needs only Go; `make e2e` needs promtool, prometheus and the
# node exporter (Debian: apt-get install prometheus prometheus-node-exporter), which .ci/run
# installs.

GO       ?= go
SPECS    := $(wildcard spec/*.yaml)
FUZZTIME ?= 30s
# The modules of this repository (see docs/development.md): the tool itself (.), the
# verification tests with heavy dependencies (verify), and the committed generated code as a
# service builds it (generated, at the lowest Go and client_golang the generated code supports).
MODULES  := . verify generated

.PHONY: all build test vet fmt-check check generate docs e2e fuzz bench tidy slo-compare sloth-rules

all: vet test check

build:
	@set -e; for m in $(MODULES); do (cd $$m && $(GO) build ./...); done

# The README's test command: unit, golden, corpus and compile tests, in every module.
test: vet fmt-check
	@set -e; for m in $(MODULES); do echo "go test ($$m)"; (cd $$m && $(GO) test ./...); done

vet:
	@set -e; for m in $(MODULES); do (cd $$m && $(GO) vet ./...); done

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# Regenerate generated/ from spec/.
generate:
	$(GO) run ./cmd/metricgen generate --out generated $(SPECS)

# Regenerate the docs generated from the code (make test fails while they differ):
# docs/checks.md from the check registry (internal/diag/registry.go), docs/spec.md from the
# JSON Schema.
docs:
	$(GO) generate ./internal/diag
	$(GO) test ./internal/specdoc -run TestSpecReference -update

# The drift check CI runs: fails when generated/ is not what spec/ generates, or the example
# service's committed outputs are not what its metrics.yaml generates.
check:
	$(GO) run ./cmd/metricgen check --out generated $(SPECS)
	cd examples/checkout && $(GO) tool metricgen check metrics.yaml

# Real components: promtool on the generated rules and rule tests, and the end-to-end tests
# (real Prometheus, the example service). Absence of promtool fails here.
e2e:
	@set -e; for m in . verify; do (cd $$m && CI=true $(GO) test -count=1 -tags e2e -run 'Promtool|E2E' ./...); done

# The SLO comparison with Sloth (e2e/slo_compare_test.go): promtool evaluates metricgen's and
# Sloth's rules for spec/klearkarma.yaml on sustained burns, an outage and vanished series, and
# prints the table of first alerts, rule counts and samples per evaluation. Long (a multi-day
# simulation per scenario), so not part of `make e2e`; SLO_COMPARE_OUT=file.md keeps the table.
slo-compare:
	CI=true $(GO) test -count=1 -timeout 60m -tags 'e2e slocompare' -run 'TestPromtoolSLO(Compare|Cost)' -v ./e2e/

# Sloth v0.16.0's rules for the comparison, from e2e/testdata/sloth/klearkarma.sloth.yml
# (needs the Go module proxy; Sloth is never a dependency of this module).
sloth-rules:
	cd e2e/testdata/sloth && \
		$(GO) run github.com/slok/sloth/cmd/sloth@v0.16.0 generate -i klearkarma.sloth.yml -o sloth.out.yml && \
		{ echo "# Sloth v0.16.0's output for klearkarma.sloth.yml (make sloth-rules); kept for the comparison in"; \
		  echo "# ../../slo_compare_test.go. Regenerate, never edit."; cat sloth.out.yml; } > klearkarma.rules.yml && \
		rm sloth.out.yml

# Every fuzz target of every module for FUZZTIME each (go test runs one target at a time;
# scripts/fuzz-one.sh runs one).
fuzz:
	@set -e; for m in $(MODULES); do \
		for target in $$(cd $$m && $(GO) test -list '^Fuzz' ./... | grep '^Fuzz'); do \
			pkg=$$(cd $$m && grep -rl "func $$target(" --include='*_test.go' . | xargs -n1 dirname | sort -u | head -1); \
			echo "fuzz $$target in $$m/$$pkg for $(FUZZTIME)"; \
			(cd $$m && GO=$(GO) $(CURDIR)/scripts/fuzz-one.sh $$pkg $$target $(FUZZTIME)) || exit 1; \
		done; \
	done

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

tidy:
	@set -e; for m in $(MODULES); do (cd $$m && $(GO) mod tidy); done

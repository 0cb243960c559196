# metricgen's tasks. `make test` needs only Go; `make e2e` needs promtool and prometheus
# (Debian: apt-get install prometheus), which .ci/run installs.

GO       ?= go
SPECS    := $(wildcard spec/*.yaml)
FUZZTIME ?= 30s

.PHONY: all build test vet fmt-check check generate e2e fuzz bench tidy

all: vet test check

build:
	$(GO) build ./...

# The README's test command: unit, golden, corpus and compile tests.
test: vet fmt-check
	$(GO) test ./...

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# Regenerate generated/ from spec/.
generate:
	$(GO) run ./cmd/metricgen generate --out generated $(SPECS)

# The drift check CI runs: fails when generated/ is not what spec/ generates, or the example
# service's committed outputs are not what its metrics.yaml generates.
check:
	$(GO) run ./cmd/metricgen check --out generated $(SPECS)
	cd examples/checkout && $(GO) tool metricgen check metrics.yaml

# Real components: promtool on the generated rules and rule tests, and the end-to-end tests
# (real Prometheus, the example service). Absence of promtool fails here.
e2e:
	CI=true $(GO) test -count=1 -tags e2e -run 'Promtool|E2E' ./...

# Every fuzz target for FUZZTIME each (go test runs one target at a time).
fuzz:
	@for target in $$($(GO) test -list '^Fuzz' ./... | grep '^Fuzz'); do \
		pkg=$$(grep -rl "func $$target(" --include='*_test.go' . | xargs -n1 dirname | sort -u | head -1); \
		echo "fuzz $$target in $$pkg for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	done

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

tidy:
	$(GO) mod tidy

# Developer entry points. Everything works on a fresh machine: the database
# comes from `lamtheobac devdb` (DATABASE_URL, else a local server, else a
# private cluster in ./.data/pg), see internal/platform/devdb.

# CI may run with a minimal PATH, so fall back to the standard Go location, and
# put Go's bin dir on PATH for the tools that go generate and go test run.
GO ?= $(shell command -v go 2>/dev/null || echo /usr/local/go/bin/go)
GOROOT_BIN := $(shell $(GO) env GOROOT 2>/dev/null)/bin
export PATH := $(GOROOT_BIN):$(PATH)

# Listen address for `make run`; the app reads ADDR from the environment.
ADDR ?= :8080
export ADDR

IMAGE ?= lamtheobac:dev
SPECTRAL := npx --yes @stoplight/spectral-cli@6.15.0

# with-test-db runs its argument with TEST_DATABASE_URL set to an admin URL,
# stopping with a clear message when no database can be had.
define with-test-db
	@url="$${TEST_DATABASE_URL:-}"; \
	if [ -z "$$url" ]; then \
		url="$$($(GO) run ./cmd/lamtheobac devdb)" && [ -n "$$url" ] || { \
			echo "make: no Postgres for tests (see the lamtheobac devdb messages above)." >&2; \
			echo "make: set DATABASE_URL to a server where you may create databases, then run again." >&2; \
			exit 1; }; \
	fi; \
	TEST_DATABASE_URL="$$url" $(1)
endef

.PHONY: run test bench generate generate-go generate-client check-generated check-client lint lint-spec build docker-build

# The TypeScript client (clients/typescript): src/schema.d.ts is generated from openapi.yaml by
# the openapi-typescript pinned in its package-lock.json, installed by `npm ci` (node_modules is
# not committed; the stamp reinstalls it when package.json or the lockfile changes). Without node
# and npm the client is skipped with a message, so Go-only contributors are not stopped; CI has
# node, regenerates the client in check-generated and type-checks it in check-client.
TS_CLIENT := clients/typescript
TS_SCHEMA := $(TS_CLIENT)/src/schema.d.ts
TS_DEPS := $(TS_CLIENT)/node_modules/.make-stamp
HAVE_NODE := $(shell command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && echo yes)
GENERATED := api $(TS_SCHEMA)

run:
	$(GO) run ./cmd/lamtheobac serve --demo

# Every full-stack test checks the answers it gets against openapi.yaml; the packages report how
# many through CONFORMANCE_REPORT (go test shows nothing of a package that passes).
test:
	@rm -f .conformance
	$(call with-test-db,CONFORMANCE_REPORT=$(CURDIR)/.conformance $(GO) test -count=1 -timeout 30m ./...)
	@cat .conformance 2>/dev/null; rm -f .conformance

# bench runs the Go micro-benchmarks, then the load benchmark: the real service and the
# baseline (bench/baseline) over the synthetic dataset in the database lamtheobac_bench (loaded
# on the first run, reused after), driven by vegeta; it prints the table and appends it to
# docs/benchmarks.md. BENCH_DURATION (10s), BENCH_WORKERS (8), BENCH_ONLY… see bench/README.md.
bench:
	$(call with-test-db,$(GO) test -count=1 -run '^$$' -bench . -benchmem ./...)
	$(call with-test-db,GO=$(GO) $(GO) run ./bench/loadbench)

generate: generate-go generate-client

generate-go:
	$(GO) generate ./...

$(TS_DEPS): $(TS_CLIENT)/package.json $(TS_CLIENT)/package-lock.json
	cd $(TS_CLIENT) && npm ci --prefer-offline --no-audit --no-fund --loglevel=error
	@touch $@

ifeq ($(HAVE_NODE),yes)
generate-client: $(TS_DEPS)
	cd $(TS_CLIENT) && npm run --silent generate

# check-client type-checks the client, its example and its type tests (tsc --noEmit, strict).
check-client: $(TS_DEPS)
	cd $(TS_CLIENT) && npm run --silent typecheck
else
generate-client check-client:
	@echo "make: node and npm not found: skipping the TypeScript client ($(TS_CLIENT)); install Node.js 20+ to regenerate and check it" >&2
endif

# Fails when the committed generated code (api/, the TypeScript client's types) is not what
# the spec produces.
check-generated: generate
	@git diff --exit-code -- $(GENERATED) || { echo "make: generated code is stale: run 'make generate' and commit" >&2; exit 1; }
	@untracked="$$(git ls-files --others --exclude-standard -- $(GENERATED))"; \
	if [ -n "$$untracked" ]; then echo "make: untracked generated files: $$untracked" >&2; exit 1; fi

lint:
	$(GO) vet ./...
	@files="$$(git ls-files --cached --others --exclude-standard -- '*.go')"; \
	unformatted="$$([ -z "$$files" ] || $(GOROOT_BIN)/gofmt -l $$files)"; \
	if [ -n "$$unformatted" ]; then echo "make: not gofmt-ed (run gofmt -w):" >&2; echo "$$unformatted" >&2; exit 1; fi

lint-spec:
	$(SPECTRAL) lint --fail-severity=error openapi.yaml

build:
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/lamtheobac ./cmd/lamtheobac

docker-build:
	docker build -t $(IMAGE) .

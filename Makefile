# MySehat: `make run` starts the platform with demo data; `make test` installs what the
# tests need and runs every test. See README.md.

SHELL := /bin/bash
CARGO ?= cargo
NPM ?= npm
WEB := web
WEB_DEPS := $(WEB)/node_modules/.installed
BIN_DEBUG := target/debug/mysehat

.PHONY: run build web test lint fhir-gen test-rust test-web e2e api-client check-api-client deps-test clean bench-fhir bench-sos bench-sync

## Start the whole platform on http://localhost:8000 (SQLite under ./data, demo accounts).
run: web
	$(CARGO) run --release -p mysehat -- serve --demo

build: web
	$(CARGO) build --release -p mysehat

$(WEB_DEPS): $(WEB)/package.json $(WEB)/package-lock.json
	cd $(WEB) && $(NPM) ci --no-audit --no-fund
	touch $@

## Build the web app into web/dist.
web: $(WEB_DEPS)
	cd $(WEB) && $(NPM) run build

## Everything CI runs.
test: deps-test lint test-rust test-web check-api-client e2e

## Debian's Chromium for the browser tests (never a downloaded browser), and the web packages.
deps-test: $(WEB_DEPS)
	@command -v chromium >/dev/null || command -v /usr/bin/chromium >/dev/null || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

## The official FHIR R4 definitions and examples (CC0), for the conformance tests and the generator.
FHIR_PACKAGE := target/fhir-package/package
$(FHIR_PACKAGE)/package.json:
	mkdir -p target/fhir-package
	cd target/fhir-package && $(NPM) pack --silent hl7.fhir.r4.examples@4.0.1 >/dev/null && tar xzf hl7.fhir.r4.examples-4.0.1.tgz

## Unit, integration and storage-contract tests (PostgreSQL too when MYSEHAT_TEST_DATABASE_URL is set).
test-rust: $(FHIR_PACKAGE)/package.json
	MYSEHAT_TEST_FHIR_PACKAGE=$(abspath $(FHIR_PACKAGE)) $(CARGO) test --workspace

## Regenerate the FHIR tables from the official package.
fhir-gen: $(FHIR_PACKAGE)/package.json
	python3 tools/fhir-gen/generate.py $(FHIR_PACKAGE) crates/fhir/data

test-web: $(WEB_DEPS)
	cd $(WEB) && $(NPM) run typecheck && $(NPM) test

## Regenerate the OpenAPI document and the typed web client from the server.
api-client:
	$(CARGO) run -q -p mysehat -- openapi > $(WEB)/openapi.json
	cd $(WEB) && $(NPM) run gen:api

## Fail when the committed OpenAPI document or client no longer match the server.
check-api-client: $(WEB_DEPS)
	@$(CARGO) run -q -p mysehat -- openapi > target/openapi.check.json
	@diff -q target/openapi.check.json $(WEB)/openapi.json >/dev/null || { \
	  echo "stale API client: web/openapi.json differs from the server; run make api-client"; exit 1; }
	cd $(WEB) && $(NPM) run check:api

## Browser test: the real server and the built app in headless Debian Chromium.
e2e: web
	$(CARGO) build -p mysehat
	cd $(WEB) && MYSEHAT_BIN=$(abspath $(BIN_DEBUG)) $(NPM) run e2e

## FHIR load and read/search benchmark on SQLite and PostgreSQL (docs/PERFORMANCE.md);
## pass flags with BENCH_ARGS, e.g. make bench-fhir BENCH_ARGS="--patients 20 --seconds 5".
bench-fhir:
	$(CARGO) build --release -p mysehat -p mysehat-bench
	target/release/fhir-bench $(BENCH_ARGS)

## SOS load benchmark: 5,000 WebSocket clients, 1,000 ambulance fixes/s, SOS alert and position
## fan-out latency (docs/PERFORMANCE.md); e.g. make bench-sos BENCH_ARGS="--backend postgres".
bench-sos:
	$(CARGO) build --release -p mysehat -p mysehat-bench
	target/release/sos-bench $(BENCH_ARGS)

## Offline sync benchmark: 8 devices push household and visit saves, replay them, then pull
## (first sync and no-change pulls), on SQLite and PostgreSQL (docs/PERFORMANCE.md);
## e.g. make bench-sync BENCH_ARGS="--backend sqlite --mutations 5000".
bench-sync:
	$(CARGO) build --release -p mysehat -p mysehat-bench
	target/release/sync-bench $(BENCH_ARGS)

clean:
	$(CARGO) clean
	rm -rf $(WEB)/dist $(WEB)/node_modules

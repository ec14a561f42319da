# Limen: the two commands a new user needs are `make run` and `make test`.
# Everything else here is for developers.

SHELL := /bin/bash
JOBS ?= $(shell nproc)
DB ?= var/limen.db
LISTEN ?= 127.0.0.1:8080
LIMEN_RELEASE := build/release/src/cli/limen
# Let ccache share results between checkouts in different folders (CI clones afresh).
export CCACHE_BASEDIR := $(CURDIR)

.PHONY: run test deps build build-release asan fuzz bench fmt tidy clean

deps:
	@bash scripts/install-deps.sh

build-release: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release --target limen -j $(JOBS)

# Install what is missing, build, create var/limen.db with demo data on first run, and serve.
run: build-release
	@mkdir -p var
	@if [ ! -f "$(DB)" ]; then $(LIMEN_RELEASE) init --db "$(DB)" --demo; fi
	@echo "Limen is starting on http://$(LISTEN)  (Ctrl-C stops it)"
	@exec $(LIMEN_RELEASE) serve --db "$(DB)" --listen "$(LISTEN)"

build: deps
	@cmake --preset ci >/dev/null
	@cmake --build --preset ci -j $(JOBS)

# Install, build and run every test through ctest.
test: build
	@cd build/ci && ctest --output-on-failure -j $(JOBS) --timeout 900

# Tests under AddressSanitizer and UndefinedBehaviorSanitizer.
asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	@cd build/asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS) --timeout 1800

# libFuzzer targets, each run briefly over its committed corpus.
fuzz: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@bash scripts/run-fuzzers.sh build/fuzz $${FUZZ_SECONDS:-60}

bench: deps
	@bash bench/run-all.sh

fmt:
	@git ls-files '*.cc' '*.h' | xargs clang-format -i

tidy: build
	@git ls-files 'src/*.cc' | xargs clang-tidy -p build/ci --quiet

clean:
	@rm -rf build

# Thin wrapper over CMake/CTest: the two commands are `make run` and `make test`.
BUILD   ?= build
PREFIX  ?= /usr/local
JOBS    ?= $(shell nproc)
CMAKE_FLAGS ?=
CTEST_FLAGS ?=

.PHONY: all build test run bench bench-docs install clean asan tsan

all: build

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) $(CTEST_FLAGS)

# `make run` builds only the library and dplite-fwd, quietly (the build log
# is shown only when it fails), then runs the demo: generated many-flow
# traffic through the pipeline model and then run-to-completion.
RUN_ARGS ?= -- --fwd=macswap
run:
	@mkdir -p $(BUILD)
	@test -f $(BUILD)/CMakeCache.txt || cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) \
		>$(BUILD)/make-run.log 2>&1 || { cat $(BUILD)/make-run.log; exit 1; }
	@MAKEFLAGS= cmake --build $(BUILD) -j $(JOBS) --target dplite-fwd >$(BUILD)/make-run.log 2>&1 \
		|| { cat $(BUILD)/make-run.log; exit 1; }
	@$(BUILD)/app/dplite-fwd/dplite-fwd $(RUN_ARGS)

# dplite vs DPDK (docs/bench.md says how long it takes); the report goes to
# $(BUILD)/bench/bench.md. bench-docs rewrites the committed docs/bench.md
# and docs/bench.svg instead (run it on a quiet machine).
bench: build
	BUILD=$(BUILD) bench/run.sh $(BENCH_ARGS)

bench-docs: build
	BUILD=$(BUILD) bench/run.sh --docs $(BENCH_ARGS)

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

asan:
	$(MAKE) test BUILD=build-asan CMAKE_FLAGS="-DCMAKE_BUILD_TYPE=RelWithDebInfo -DDPLITE_SANITIZE=address,undefined"

# ThreadSanitizer over the tests that run code on several threads at once
# (ctest label "concurrency": the stress tests and the other multi-threaded
# ones; see tests/CMakeLists.txt); CI (.ci/run) runs the whole suite under it.
tsan:
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 $(TSAN_OPTIONS)" $(MAKE) test BUILD=build-tsan CMAKE_FLAGS="-DCMAKE_BUILD_TYPE=RelWithDebInfo -DDPLITE_SANITIZE=thread" \
		CTEST_FLAGS="-L concurrency $(CTEST_FLAGS)"

clean:
	rm -rf build build-asan build-tsan

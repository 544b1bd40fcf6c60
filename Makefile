# Thin wrapper over CMake/CTest: the two commands are `make run` and `make test`.
BUILD   ?= build
PREFIX  ?= /usr/local
JOBS    ?= $(shell nproc)
CMAKE_FLAGS ?=
CTEST_FLAGS ?=

.PHONY: all build test run bench install clean asan tsan

all: build

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) $(CTEST_FLAGS)

run: build
	$(BUILD)/app/dplite-fwd/dplite-fwd

bench: build
	bench/run.sh $(BENCH_ARGS)

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

asan:
	$(MAKE) test BUILD=build-asan CMAKE_FLAGS="-DCMAKE_BUILD_TYPE=RelWithDebInfo -DDPLITE_SANITIZE=address,undefined"

tsan:
	$(MAKE) build BUILD=build-tsan CMAKE_FLAGS="-DCMAKE_BUILD_TYPE=RelWithDebInfo -DDPLITE_SANITIZE=thread"

clean:
	rm -rf build build-asan build-tsan

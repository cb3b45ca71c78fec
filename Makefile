# The two README commands (`make demo`, `make test`) and helpers. Every
# target installs what is missing first, so a fresh Debian 12 machine needs
# nothing else.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps configure build demo test bench fuzz sanitize format package clean

all: build

deps:
	@scripts/install-deps

configure: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	@scripts/demo $(BUILD_DIR)

# The HTML report test renders in headless Chromium: installed here, not
# for builds that do not run it.
test: build
	@scripts/install-deps browser
	@ctest --test-dir $(BUILD_DIR) -j $(JOBS) --output-on-failure

bench: build
	@scripts/bench $(BUILD_DIR)

fuzz:
	@scripts/install-deps fuzz
	@scripts/fuzz

sanitize:
	@$(MAKE) test BUILD_DIR=build-asan CMAKE_FLAGS="-DCMAKE_BUILD_TYPE=Debug -DCLAUSE_SANITIZE=address,undefined -DCLAUSE_BUILD_BENCH=OFF"

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

package: build
	@cd $(BUILD_DIR) && cpack -G DEB

clean:
	@rm -rf $(BUILD_DIR) build-asan build-fuzz

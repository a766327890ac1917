# The front door. `make run` and `make check` do all the set-up on Debian 12.
.PHONY: all build run check deps deps-test browser-deps asan fuzz bench clean

FUZZ_SECONDS ?= 12

all: build

deps:
	@sh scripts/deps.sh build

deps-test:
	@sh scripts/deps.sh test

build: deps
	@[ -f build/build.ninja ] || meson setup build --buildtype=debugoptimized >/dev/null
	@ninja -C build

run: build
	@mkdir -p var
	@[ -f var/shequ.db ] || { build/shequ init --db var/shequ.db && build/shequ demo --db var/shequ.db; }
	@echo "shequ: demo logins admin, quguanli, donghu, nanshan, wangjg, lihong, zhengh, jiandu, zhangsan, zhoulx, wanggw, zhaoli, sunwei; password demo-pass-2026"
	@exec build/shequ serve --db var/shequ.db --listen 127.0.0.1:8080

# Every suite: unit and HTTP tests on the normal build, again under
# AddressSanitizer + UndefinedBehaviorSanitizer, then each fuzz target briefly.
check: deps-test build browser-deps
	meson test -C build --print-errorlogs
	$(MAKE) asan
	$(MAKE) fuzz

# playwright-core from npm drives Debian's chromium (no browser download).
browser-deps:
	@[ -d tests/browser/node_modules/playwright-core ] && [ -d tests/browser/node_modules/axe-core ] || (cd tests/browser && npm ci --no-audit --no-fund --silent)

asan:
	@[ -f build-asan/build.ninja ] || meson setup build-asan --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
	@ninja -C build-asan
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp meson test -C build-asan --print-errorlogs

fuzz:
	@[ -f build-fuzz/build.ninja ] || CC=clang meson setup build-fuzz --buildtype=debug -Dfuzz=true >/dev/null
	@ninja -C build-fuzz
	@sh tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS)

bench: deps-test build
	@bench/pages

clean:
	rm -rf build build-asan build-fuzz

#!/usr/bin/env bash
# Runs the whole test suite once under AddressSanitizer (heap and stack overflows, use after free, leaks),
# in its own build folder .build-asan so the normal debug build is left alone.
#
# Usage: scripts/asan-test.sh [swift test arguments, e.g. --filter ChunkedProfileTests]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
# Swift's own crash backtracer adds nothing to AddressSanitizer's report. Leaks found inside the toolchain's
# libraries and swift-argument-parser are suppressed (scripts/lsan-suppressions.txt names each); the dqcli
# processes the tests start inherit these settings.
export SWIFT_BACKTRACE=enable=no
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=0"
swift build --build-tests --scratch-path .build-asan --sanitize=address
swift test --skip-build --disable-xctest --scratch-path .build-asan --sanitize=address "$@"

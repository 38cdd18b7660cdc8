#!/usr/bin/env bash
# Runs the library's tests (DataQualityTests and DataQualityClientTests, in process) once under AddressSanitizer
# (heap and stack overflows, use after free, leaks), in its own build folder .build-asan so the normal builds are
# left alone. The end-to-end tests (dqcliTests) are left out by default: they start dqcli about 2,000 times, and a
# debug dqcli under AddressSanitizer spends about a second starting (swift-argument-parser validates its command
# tree in debug builds). The fuzzer (scripts/fuzz.sh) runs the library under AddressSanitizer too.
#
# Usage: scripts/asan-test.sh [swift test arguments, e.g. --filter ChunkedProfileTests; default
#        --filter DataQualityTests --filter DataQualityClientTests]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
# Swift's own crash backtracer adds nothing to AddressSanitizer's report. Leaks found inside the toolchain's
# libraries and swift-argument-parser are suppressed (scripts/lsan-suppressions.txt names each); the dqcli
# processes the tests start inherit these settings.
export SWIFT_BACKTRACE=enable=no
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=0"
swift build --build-tests --scratch-path .build-asan --sanitize=address
if [ $# -eq 0 ]; then
    set -- --filter 'DataQualityTests\.' --filter 'DataQualityClientTests\.'
fi
swift test --skip-build --disable-xctest --scratch-path .build-asan --sanitize=address "$@"

#!/usr/bin/env bash
# Fuzzes dialect detection, parsing and profiling with libFuzzer and AddressSanitizer.
#
# Usage: scripts/fuzz.sh [SECONDS]      (default 60)
#
# Installs what the build needs (scripts/install-deps.sh), checks that the Swift toolchain can link a libFuzzer
# target (it ships libFuzzer and the sanitizer runtimes), builds the fuzz package Fuzz/ once (release, with
# `-sanitize=fuzzer,address`, scratch folder .build-fuzz), writes the seed corpus from the fixtures
# (scripts/make-fuzz-corpus.py), then runs the fuzzer for SECONDS. New inputs go to .build-fuzz/corpus (kept
# between runs), a failing input to .build-fuzz/artifacts/. Exit status: 0 when nothing failed, else libFuzzer's
# (non-zero: a crash, a broken invariant, a leak, a timeout or an out-of-memory input).
# Extra libFuzzer flags can be given in FUZZ_FLAGS (for example FUZZ_FLAGS="-jobs=2 -workers=2").
set -euo pipefail
seconds="${1:-60}"
cd "$(dirname "$0")/.."
./scripts/install-deps.sh

work=.build-fuzz
mkdir -p "$work/probe" "$work/corpus" "$work/artifacts"

# The toolchain must link a libFuzzer target: swiftc -sanitize=fuzzer uses the toolchain's own
# libclang_rt.fuzzer (no Debian package can stand in for it).
cat > "$work/probe/probe.swift" <<'SWIFT'
@_cdecl("LLVMFuzzerTestOneInput")
public func probe(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 { 0 }
SWIFT
if ! swiftc -sanitize=fuzzer,address -parse-as-library "$work/probe/probe.swift" -o "$work/probe/probe" \
    >"$work/probe/log" 2>&1; then
    cat "$work/probe/log" >&2
    echo "fuzz.sh: this Swift toolchain cannot link a libFuzzer target (swiftc -sanitize=fuzzer); use a" \
        "swift.org toolchain for Linux, which ships libclang_rt.fuzzer." >&2
    exit 1
fi

# `--sanitize=fuzzer` makes the package manager leave `main` to libFuzzer; `-Xswiftc -sanitize=fuzzer,address`
# instruments every Swift module (coverage and AddressSanitizer); `-enable-testing` lets the fuzzer reach the
# chunked profiler (internal API) through `@testable import` in a release build. Release builds keep the run-time
# exclusivity checks, except on the hot classes' stored properties marked `@exclusivity(unchecked)`.
build=(swift build --package-path Fuzz --scratch-path "$work/build" -c release --sanitize=fuzzer
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing)
if ! "${build[@]}" >"$work/build.log" 2>&1; then
    grep -v "ld.gold: warning: Cannot export local symbol" "$work/build.log" >&2
    exit 1
fi
tail -n 1 "$work/build.log"
fuzzer="$("${build[@]}" --show-bin-path)/ProfileFuzzer"
[ -x "$fuzzer" ] || { echo "fuzz.sh: the fuzzer did not build" >&2; exit 1; }

rm -rf "$work/seeds"
python3 scripts/make-fuzz-corpus.py "$work/seeds"

# Swift's own crash backtracer is slow and adds nothing to libFuzzer's report.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
# shellcheck disable=SC2086
if "$fuzzer" -max_total_time="$seconds" -max_len=4096 -timeout=30 -rss_limit_mb=4096 \
    -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
    ${FUZZ_FLAGS:-} "$work/corpus" "$work/seeds"; then
    echo "fuzz.sh: no failure in ${seconds} s"
else
    status=$?
    echo "fuzz.sh: the fuzzer failed (exit $status); the input is in $work/artifacts/." \
        "Replay it with: $fuzzer $work/artifacts/FILE" >&2
    exit "$status"
fi

#!/usr/bin/env bash
# The library as a dependency resolved by version: clones the committed HEAD into a temporary folder, tags the
# clone 99.0.0, builds examples/client against it (`from: "99.0.0"`, scratch path .build-client), runs the
# client on the JSON report dqcli writes for Fixtures/crafted/grades.csv, and checks what it prints: that
# report's grade (C, Fixtures/crafted/EXPECTED.md) and the grade of two merged partial profiles (F: 11 of 12
# cells conform and 1 of 4 rows repeats, 0.6875). SwiftPM refuses unsafe flags in such a dependency, so this
# also guards Package.swift. Uncommitted changes are not in the clone.
# Usage: scripts/client-by-version.sh [DQCLI] (default .build/release/dqcli, built by `make test`)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dqcli=${1:-.build/release/dqcli}
work=$(mktemp -d /tmp/dq-client-XXXXXX)
trap 'rm -rf "$work"' EXIT

# The clone's folder name is the package identity the client's manifest names (`package: "DataQuality"`).
git clone --quiet --no-checkout "$root" "$work/DataQuality"
git -C "$work/DataQuality" -c advice.detachedHead=false checkout --quiet "$(git rev-parse HEAD)"
git -C "$work/DataQuality" tag 99.0.0

export DATAQUALITY_URL="file://$work/DataQuality" DATAQUALITY_VERSION=99.0.0
# A fresh resolution each run: the temporary clone's URL changes.
rm -f examples/client/Package.resolved
swift build --package-path examples/client --scratch-path "$root/.build-client" >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; exit 1; }

"$dqcli" profile Fixtures/crafted/grades.csv --format json --output "$work/grades.json"
expected="grades.csv: 5 rows, grade C
merged: 4 rows, 1 duplicate, grade F"
actual=$("$root/.build-client/debug/DataQualityClient" "$work/grades.json")
if [ "$actual" != "$expected" ]; then
    printf 'client-by-version: expected\n%s\nbut the client printed\n%s\n' "$expected" "$actual" >&2
    exit 1
fi
echo "client-by-version: the client built against DataQuality 99.0.0 and printed the expected grades."

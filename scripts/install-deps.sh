#!/bin/sh
# Installs the Debian packages the build needs, if missing: libcsv-dev (the CSV parser) and libxxhash-dev (the row and
# value hashes), libsqlite3-dev (the metrics history), zlib1g-dev and libzstd-dev (gzip and zstd input), xxhash (xxhsum:
# the tests' independent row hash, scripts/check-row-hash.py). Needs root or sudo; a Swift 6 toolchain must already be
# on PATH.
set -eu
missing=""
for package in libcsv-dev libxxhash-dev libsqlite3-dev zlib1g-dev libzstd-dev xxhash; do
    dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
echo "Installing$missing" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null

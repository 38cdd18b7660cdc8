#!/usr/bin/env bash
# bench/instructions.sh DQCLI [SLICE]: the instructions one `dqcli profile --threads 1` executes on a fixed 20 MB
# slice of the generated file, counted by valgrind's callgrind (repeatable to a few hundred instructions on any
# machine load; the hardware counters of `perf stat` are not available on these virtual machines).
#
# The slice is the first 20 MiB (20,971,520 bytes) of the benchmark's 1 GB file (bench/gen_csv.py, seed 42, as
# bench/run.sh makes it), cut back to the last record end (a line end outside quotes), so no record is cut:
# gen_csv.py writes the same rows whatever the size asked for, so `--mb 21 --seed 42` has that prefix. It is made
# once into bench/data/slice-20MB.csv (or SLICE when given, made there when missing) and checked by its SHA-256.
# DQCLI is copied and stripped of debug information first (valgrind cannot read Swift's DWARF).
# Prints one line: INSTRUCTIONS<TAB>DQCLI. Set INSTRUCTIONS_ARGS to add profile options (for example
# INSTRUCTIONS_ARGS='--exact-distinct-limit 1000').
set -euo pipefail
if [ $# -lt 1 ] || [ $# -gt 2 ] || [ ! -x "$1" ]; then
    echo "usage: bench/instructions.sh DQCLI [SLICE]  (DQCLI: a dqcli executable, release build)" >&2
    exit 64
fi
dqcli=$1
here=$(cd "$(dirname "$0")" && pwd)
slice=${2:-$here/data/slice-20MB.csv}
slice_bytes=20971520
slice_sha256=98afdc322b3aebe6aaac3befd18915a7b0275dd2e33dfcd931b083adcd681fed
if [ ! -f "$slice" ]; then
    command -v python3 > /dev/null || { echo "instructions.sh: python3 is needed to make the slice" >&2; exit 69; }
    mkdir -p "$(dirname "$slice")"
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    python3 "$here/gen_csv.py" --mb 21 --seed 42 --out "$work/generated.csv" 2> /dev/null
    python3 - "$work/generated.csv" "$slice_bytes" "$slice.partial" <<'PYTHON'
import sys
source, limit, target = sys.argv[1], int(sys.argv[2]), sys.argv[3]
data = open(source, "rb").read(limit)
end, inside_quotes = 0, False
for index, byte in enumerate(data):
    if byte == 0x22:
        inside_quotes = not inside_quotes
    elif byte == 0x0A and not inside_quotes:
        end = index + 1
open(target, "wb").write(data[:end])
PYTHON
    mv "$slice.partial" "$slice"
fi
actual=$(sha256sum "$slice" | cut -d' ' -f1)
if [ "$actual" != "$slice_sha256" ]; then
    echo "instructions.sh: $slice has SHA-256 $actual, not the slice's $slice_sha256; remove it to make it anew" >&2
    exit 65
fi
command -v valgrind > /dev/null || { echo "instructions.sh: valgrind is missing (apt-get install valgrind)" >&2; exit 69; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$dqcli" "$scratch/dqcli"
strip -g "$scratch/dqcli"
# shellcheck disable=SC2086
valgrind --tool=callgrind --callgrind-out-file="$scratch/callgrind.out" "$scratch/dqcli" profile "$slice" \
    --threads 1 --format json --quiet --output "$scratch/report.json" ${INSTRUCTIONS_ARGS:-} 2> "$scratch/valgrind.log"
instructions=$(sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' "$scratch/valgrind.log")
if [ -z "$instructions" ]; then
    echo "instructions.sh: valgrind printed no count; its log:" >&2
    cat "$scratch/valgrind.log" >&2
    exit 70
fi
printf '%s\t%s\n' "$instructions" "$dqcli"

#!/usr/bin/env bash
# `make bench`: builds dqcli for release, generates the data with the project's seeded generator (1 GB and
# 100 MB, and the first half of the 1 GB file; the bundled flights sample too), builds the libcsv floor program and the allocation counter,
# installs the peers (polars, DuckDB) into bench/.venv if missing, then runs bench/compare.py, which runs
# every tool several times, alternating, and prints one table of medians and ratios (bench/results.md).
# BENCH_REPS (default 5) sets the repetitions; BENCH_FILES (default flights,mid,big) the files.
# Then bench/columns.py times profile, suggest and check on files of 50 rows and 1,000 and 10,000 columns, with
# their peak memory (bench/results-columns.md). BENCH_ONLY=columns runs only these rows (no 1 GB file, no peers).
# Then bench/many_files.py times a folder of 1,000 small files against the same records in one file
# (bench/results-many-files.md). BENCH_ONLY=many runs only this row.
# Then bench/encodings.py times the 1 GB file as gzip, zstd, windows-1252 and UTF-16LE copies against the plain
# file and `gzip -dc | dqcli profile -` (bench/results-encodings.md). BENCH_ONLY=encodings runs only these rows.
set -euo pipefail
cd "$(dirname "$0")/.."
data=bench/data
mkdir -p "$data"
./scripts/install-deps.sh
swift build -c release
if [ "${BENCH_ONLY:-}" = columns ]; then
    exec python3 bench/columns.py --data "$data" --reps "${BENCH_REPS:-3}"
fi
if [ "${BENCH_ONLY:-}" = many ]; then
    exec python3 bench/many_files.py --data "$data" --reps "${BENCH_REPS:-3}"
fi
if [ "${BENCH_ONLY:-}" = encodings ]; then
    [ -f "$data/big.csv" ] || python3 bench/gen_csv.py --mb 1000 --seed 42 --out "$data/big.csv"
    exec python3 bench/encodings.py --data "$data" --reps "${BENCH_REPS:-3}"
fi
gcc -O2 -o "$data/libcsv_floor" bench/libcsv_floor.c -lcsv
gcc -O2 -shared -fPIC -o "$data/malloc_counter.so" bench/malloc_counter.c
[ -f "$data/mid.csv" ] || python3 bench/gen_csv.py --mb 100 --seed 43 --out "$data/mid.csv"
[ -f "$data/big.csv" ] || python3 bench/gen_csv.py --mb 1000 --seed 42 --out "$data/big.csv"
# The first half of big.csv, whole lines (for "memory flat when the file doubles").
[ -f "$data/big-half.csv" ] || head -c "$(( $(stat -L -c %s "$data/big.csv") / 2 ))" "$data/big.csv" | sed '$d' > "$data/big-half.csv"
if [ ! -x bench/.venv/bin/python ]; then python3 -m venv bench/.venv; fi
bench/.venv/bin/python -c "import polars, duckdb" 2>/dev/null || bench/.venv/bin/pip install -q polars duckdb
bench/.venv/bin/python bench/compare.py --data "$data" --reps "${BENCH_REPS:-5}" --files "${BENCH_FILES:-flights,mid,big}" \
    --python bench/.venv/bin/python
python3 bench/columns.py --data "$data" --reps "${BENCH_REPS:-3}"
python3 bench/many_files.py --data "$data" --reps "${BENCH_REPS:-3}"
python3 bench/encodings.py --data "$data" --reps "${BENCH_REPS:-3}"

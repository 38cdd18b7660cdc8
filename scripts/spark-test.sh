#!/usr/bin/env bash
# The Spark recipe (examples/spark/profile_export.py), run for real: pyspark in .venv-spark (installed when
# missing; Java 17 from apt when missing), Spark in local[2] on loopback, the static dqcli (make static, built
# when missing; DQCLI=path overrides) shipped with --files. Spark runs under `env -i` with a PATH of the venv and
# /usr/bin:/bin only, so neither /opt/swift nor LD_LIBRARY_PATH reaches dqcli.
#
# 1. A 5 MB export in 4 files (scripts/make-spark-export.py: quoted newlines, padded values, duplicates that
#    differ only in quoting, also across files, a blank line, a ragged record, an unterminated quote at the end),
#    8 hash partitions: the merged report must equal `dqcli profile` of the files concatenated into one (one
#    header) under ../shared/oracle/compare.py (or, without ../shared, scripts/check-spark-report.py --fields),
#    and the findings must agree on kind and count, and on place once lines of the concatenation are translated
#    into (file, line).
# 2. A 40-row export in 3 files, 64 partitions: more partitions than records, so some are empty; its last column
#    is named `legacy code's "old" \ value` (through shell and SQL quoting to --header-line); the same checks.
# 3. The same with an option dqcli refuses (--key of no column): the job must fail with dqcli's exit status.
# 4. The whole script took less than 5 minutes.
# Prints `N passed, N failed`; exits 1 when a check failed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
started=$(date +%s)
venv=$root/.venv-spark
dqcli=${DQCLI:-.build-static/release/dqcli}
passed=0
failed=0

pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
check() { # check NAME COMMAND...: passes when the command exits 0
    local name=$1
    shift
    if "$@"; then pass "$name"; else fail "$name"; fi
}
finish() {
    local seconds=$(($(date +%s) - started))
    check "the Spark test took $seconds s, less than 5 minutes" test "$seconds" -lt 300
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}

if [ -z "${DQCLI:-}" ] && [ ! -x "$dqcli" ]; then
    make static || { fail "make static"; finish; }
fi
dqcli=$(realpath "$dqcli")
if ! command -v java >/dev/null 2>&1; then
    echo "spark-test: installing Java 17" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
if ! "$venv/bin/python" -c 'import pyspark' 2>/dev/null; then
    echo "spark-test: installing pyspark into .venv-spark" >&2
    python3 -m venv "$venv" && "$venv/bin/pip" install -q pyspark==4.3.0 || { fail "pyspark install"; finish; }
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/spark-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin" "$work/empty"
cp "$dqcli" "$work/bin/dqcli"
check "the static dqcli runs from an empty folder with an empty environment" \
    sh -c 'cd "$1" && env -i "$2" --version >/dev/null' sh "$work/empty" "$work/bin/dqcli"

spark_submit() { # spark_submit LOG ARGUMENTS...: profile_export.py under Spark, summary line on stdout
    local log=$1
    shift
    env -i HOME="$HOME" PATH="$venv/bin:/usr/bin:/bin" SPARK_LOCAL_IP=127.0.0.1 \
        PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python" \
        "$venv/bin/spark-submit" --master 'local[2]' --conf spark.driver.host=127.0.0.1 \
        --conf spark.ui.enabled=false --files "$work/bin/dqcli" \
        "$root/examples/spark/profile_export.py" "$@" 2>"$log"
}

# compare_reports NAME REFERENCE MERGED PART...: compare.py (or the fallback), then the findings
compare_reports() {
    local name=$1 reference=$2 merged=$3
    shift 3
    local fields=""
    if [ -f ../shared/oracle/compare.py ]; then
        if python3 ../shared/oracle/compare.py "$reference" "$merged" >"$work/compare.txt"; then
            pass "$name: compare.py finds the merged report equal to one dqcli profile"
        else
            fail "$name: compare.py finds differences:"
            head -20 "$work/compare.txt"
        fi
    else
        fields="--fields"
    fi
    python3 scripts/check-spark-report.py $fields "$reference" "$merged" "$@" >"$work/findings.txt"
    while read -r verdict check_name; do
        if [ "$verdict" = PASS ]; then pass "$name: $check_name"; else fail "$name: $check_name"; fi
    done <"$work/findings.txt"
}

# profile_concatenation REFERENCE PART...: dqcli profile of the parts as one file with one header
profile_concatenation() {
    local reference=$1 first=$2
    shift 2
    { cat "$first"; for part in "$@"; do tail -n +2 "$part"; done; } >"$work/concatenated.csv"
    "$dqcli" profile "$work/concatenated.csv" --delimiter , --format json --output "$reference" --quiet
}

summary_field() { # summary_field FILE KEY: a key of the JSON summary line profile_export.py printed last
    tail -n 1 "$1" | python3 -c 'import json, sys; print(json.dumps(json.load(sys.stdin)[sys.argv[1]]))' "$2"
}

# 1. The 5 MB export in 4 files, 8 partitions.
python3 scripts/make-spark-export.py --mb 5 --files 4 --seed 6 --out-dir "$work/large" >"$work/large.json"
large_parts=("$work"/large/part-*.csv)
profile_concatenation "$work/large-reference.json" "${large_parts[@]}"
check "large export: the reference holds a blank line, a ragged and a malformed record and duplicates" \
    python3 -c 'import json, sys
report = json.load(open(sys.argv[1])); made = json.load(open(sys.argv[2]))
sys.exit(not (report["blank_lines"] == 1 and report["ragged_rows"] == 1 and report["malformed_rows"] == 1
              and report["duplicate_rows"] > made["quoting_copies"] > 0))' "$work/large-reference.json" "$work/large.json"
if spark_submit "$work/large.log" --partitions 8 --report "json=$work/large-merged.json" \
    --report "markdown=$work/large-merged.md" --states-folder "$work/large-states" "${large_parts[@]}" \
    >"$work/large-summary.txt"; then
    pass "large export: the Spark job succeeds"
    compare_reports "large export" "$work/large-reference.json" "$work/large-merged.json" "${large_parts[@]}"
    check "large export: one state per partition (none empty), and the markdown report" \
        test "$(summary_field "$work/large-summary.txt" states)" = 8 -a -s "$work/large-merged.md"
else
    fail "large export: the Spark job failed:"
    grep -v '^\s*at \| INFO \| WARN ' "$work/large.log" | tail -20
fi

# 2. 40 rows in 3 files, 64 partitions: at least 64 - 46 partitions get no record.
python3 scripts/make-spark-export.py --rows 40 --files 3 --seed 2 --out-dir "$work/small" --odd-header \
    >"$work/small.json"
small_parts=("$work"/small/part-*.csv)
profile_concatenation "$work/small-reference.json" "${small_parts[@]}"
if spark_submit "$work/small.log" --partitions 64 --report "json=$work/small-merged.json" "${small_parts[@]}" \
    >"$work/small-summary.txt"; then
    pass "small export, 64 partitions: the Spark job succeeds"
    empty=$(summary_field "$work/small-summary.txt" empty_partitions | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
    states=$(summary_field "$work/small-summary.txt" states)
    check "small export: $empty empty partitions, skipped, and $states states" \
        test "$empty" -gt 0 -a $((empty + states)) -eq 64
    compare_reports "small export" "$work/small-reference.json" "$work/small-merged.json" "${small_parts[@]}"
else
    fail "small export, 64 partitions: the Spark job failed:"
    grep -v '^\s*at \| INFO \| WARN ' "$work/small.log" | tail -20
fi

# 3. The driver reads each file's header as dqcli does: a quoted line break in it, CR line endings.
printf 'id,"na\nme",city\n1,Ann,Oslo\n' >"$work/quoted-header.csv"
printf 'id,name\r1,Ann\r2,Bob\r' >"$work/cr-endings.csv"
check "the driver reads a header with a quoted line break and one with CR line endings as dqcli does" \
    "$venv/bin/python" -c '
import sys
sys.path.insert(0, "examples/spark")
from profile_export import header_line
class Dialect:
    delimiter, quote = ",", None
assert header_line(sys.argv[1], sys.argv[2], Dialect) == "id,\"na\nme\",city", header_line(sys.argv[1], sys.argv[2], Dialect)
assert header_line(sys.argv[1], sys.argv[3], Dialect) == "id,name", header_line(sys.argv[1], sys.argv[3], Dialect)
' "$dqcli" "$work/quoted-header.csv" "$work/cr-endings.csv"

# 4. A dqcli that fails (exit 64: --key names no column) fails the job.
# (spark-submit sends the Python driver's standard error to its standard output.)
spark_submit "$work/failing.log" --partitions 4 --report "json=$work/failing.json" \
    --profile-options "--key no_such_column" "${small_parts[@]}" >"$work/failing.txt"
status=$?
check "a failing dqcli fails the job (exit $status, Spark names dqcli's exit status 64, no report)" \
    test "$status" -ne 0 -a ! -e "$work/failing.json" -a \
    -n "$(grep -m1 'profile_export: the Spark job failed: Subprocess exited with status 64' "$work/failing.txt")"
finish

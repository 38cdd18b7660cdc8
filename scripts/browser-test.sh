#!/usr/bin/env bash
# Renders dqcli's HTML report in headless Chromium (Debian's `chromium`, installed if missing):
#   - for each bundled real dataset (Fixtures/real/*.csv): a screenshot at desktop and phone width, and no
#     console message at all (the page has no script, so any message is an error or a blocked resource);
#   - for Fixtures/crafted/hostile.csv: the DOM Chromium builds holds no element or attribute from the data,
#     and the hostile strings are there as text (scripts/check-report-dom.py);
#   - a history page (`dqcli history --format html` of the three Fixtures/cron nights and a run whose dataset
#     name is markup) and a diff page (`dqcli diff --format html` of nights 2 and 3): no console message, the
#     trend and grade SVGs with their points and cells, and the hostile name as text;
#   - the page of a run over several files (`dqcli profile FILE... --format html`): no console message, one
#     section per file, and a file name that is markup as text.
# Usage: scripts/browser-test.sh [OUTPUT_FOLDER]   (default: a temporary folder; PNGs are left there)
# Environment: DQCLI (default .build/release/dqcli, built by `make test`).
set -euo pipefail
cd "$(dirname "$0")/.."
DQCLI=${DQCLI:-.build/release/dqcli}
OUT=${1:-$(mktemp -d)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

if ! command -v chromium >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
[ -x "$DQCLI" ] || { echo "browser-test: no dqcli at $DQCLI (run make test first)" >&2; exit 1; }

PROFILE_DIR=$(mktemp -d)
trap 'rm -rf "$PROFILE_DIR"' EXIT
# One Chromium run; the arguments after the common ones say what to produce. Console messages of the page are
# logged on stderr as lines holding ":CONSOLE".
browse() {
    local log=$1
    shift
    timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
        --user-data-dir="$PROFILE_DIR" --enable-logging=stderr --v=0 "$@" 2>"$log"
}

failures=0
for csv in Fixtures/real/*.csv; do
    name=$(basename "$csv" .csv)
    "$DQCLI" profile "$csv" --format html --output "$OUT/$name.html"
    for size in 1200,1800 390,844; do
        png="$OUT/$name-${size%,*}.png"
        browse "$OUT/$name-${size%,*}.log" --window-size="$size" --screenshot="$png" "file://$OUT/$name.html" >/dev/null
        if [ ! -s "$png" ]; then
            echo "browser-test: $name: no screenshot at $size" >&2
            failures=$((failures + 1))
        fi
        if grep -q ":CONSOLE" "$OUT/$name-${size%,*}.log"; then
            echo "browser-test: $name: console messages:" >&2
            grep ":CONSOLE" "$OUT/$name-${size%,*}.log" >&2
            failures=$((failures + 1))
        fi
    done
    echo "browser-test: $name: rendered, no console message ($OUT/$name-1200.png)"
done

"$DQCLI" profile Fixtures/crafted/hostile.csv --format html --output "$OUT/hostile.html"
browse "$OUT/hostile.log" --dump-dom "file://$OUT/hostile.html" >"$OUT/hostile-dom.html"
if grep -q ":CONSOLE" "$OUT/hostile.log"; then
    echo "browser-test: hostile: console messages:" >&2
    grep ":CONSOLE" "$OUT/hostile.log" >&2
    failures=$((failures + 1))
fi
python3 scripts/check-report-dom.py "$OUT/hostile-dom.html" \
    --expect-text '<script>alert("h1")</script>' \
    --expect-text "\"><img src=x onerror=alert('h2')>" \
    --expect-text '</style><i>h3</i>' \
    --expect-text '<script>alert("v1")</script>' \
    --expect-text '</style><script>alert("v3")</script>' \
    --expect-text "</title><svg onload=alert('v4')>" \
    --expect-text '&lt;b&gt;entity&lt;/b&gt;' \
    --expect-text '<!-- comment -->' \
    --expect-text "<iframe src=javascript:alert('v5')>" \
    || failures=$((failures + 1))

# Screenshots of a page at desktop and phone width and its DOM, with no console message in any of the three
# runs; then the DOM is checked with the given expectations.
check_page() {
    local name=$1
    shift
    for size in 1200,1800 390,844; do
        browse "$OUT/$name-${size%,*}.log" --window-size="$size" --screenshot="$OUT/$name-${size%,*}.png" \
            "file://$OUT/$name.html" >/dev/null
    done
    browse "$OUT/$name-dom.log" --dump-dom "file://$OUT/$name.html" >"$OUT/$name-dom.html"
    if grep -q ":CONSOLE" "$OUT/$name-1200.log" "$OUT/$name-390.log" "$OUT/$name-dom.log"; then
        echo "browser-test: $name: console messages:" >&2
        grep -h ":CONSOLE" "$OUT/$name-1200.log" "$OUT/$name-390.log" "$OUT/$name-dom.log" >&2
        failures=$((failures + 1))
    fi
    python3 scripts/check-report-dom.py "$OUT/$name-dom.html" "$@" || failures=$((failures + 1))
}

HISTORY_DB="$OUT/history.db"
rm -f "$HISTORY_DB" "$HISTORY_DB-wal" "$HISTORY_DB-shm"
for night in 1 2 3; do
    "$DQCLI" check "Fixtures/cron/orders-$night.csv" --rules Fixtures/cron/orders.yml --history "$HISTORY_DB" \
        --now "2026-11-0${night}T02:00:00Z" --quiet
done
"$DQCLI" profile Fixtures/cron/orders-1.csv --history "$HISTORY_DB" --dataset '<img src=x onerror=alert(1)>' \
    --now 2026-11-01T03:00:00Z --quiet
"$DQCLI" history "$HISTORY_DB" --format html >"$OUT/history.html"
# orders: 3 runs of 3 columns plus 2 of coupon; the hostile dataset: 1 run of 3 columns.
check_page history --expect-element svg.trend=2 --expect-element svg.grades=2 --expect-element polyline.score=2 \
    --expect-element circle=4 --expect-element rect=14 --expect-text '<img src=x onerror=alert(1)>'
echo "browser-test: history: rendered, no console message ($OUT/history-1200.png)"

"$DQCLI" profile Fixtures/cron/orders-2.csv --format json --output "$OUT/orders-2.json"
"$DQCLI" profile Fixtures/cron/orders-3.csv --format json --output "$OUT/orders-3.json"
"$DQCLI" diff "$OUT/orders-2.json" "$OUT/orders-3.json" --format html >"$OUT/diff.html"
check_page diff --expect-element svg.trend=1 --expect-element svg.grades=1 --expect-element circle=2 \
    --expect-element rect=8 --expect-text 'column amount changed unit from none to EUR.'
echo "browser-test: diff: rendered, no console message ($OUT/diff-1200.png)"

# A run over several files (issue 15): one page, the summary table linking each file's section, then the
# reports; a file name that is markup shows as text. Cards: 3 + 4 + 4 columns of the nights, 3 of the copy.
cp Fixtures/cron/orders-1.csv "$OUT/<img src=x onerror=alert(1)>.csv"
"$DQCLI" profile 'Fixtures/cron/orders-*.csv' "$OUT/<img src=x onerror=alert(1)>.csv" --format html --output "$OUT/many.html"
check_page many --expect-element section.input=4 --expect-element section.card=14 --expect-element section.overview=4 \
    --expect-text "$OUT/<img src=x onerror=alert(1)>.csv"
echo "browser-test: many files: rendered, no console message ($OUT/many-1200.png)"

if [ "$failures" -gt 0 ]; then
    echo "browser-test: $failures failure(s)" >&2
    exit 1
fi
echo "browser-test: all passed"

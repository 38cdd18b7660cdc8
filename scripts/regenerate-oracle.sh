#!/bin/sh
# Rebuild every Fixtures/oracle/<name>.json from Fixtures/oracle/manifest.json with the reference oracle.
#
# Usage: scripts/regenerate-oracle.sh [PATH/TO/oracle.py]     (default: ../shared/oracle/oracle.py)
#
# The oracle is not part of this repository (it lives in the shared folder beside it); only its outputs
# are committed. The script runs from the repository root, so each report's source.path is the input
# path exactly as the manifest gives it (e.g. Fixtures/crafted/ragged.csv).
#
# For every manifest entry it runs `python3 ORACLE INPUT ARGS...` and checks the exit status against the
# entry's "exit": 0 writes the report to Fixtures/oracle/<name>.json; 65 (a --strict rejection) writes
# nothing and checks that stderr holds every "stderr_contains" string (case-insensitive). Any other
# mismatch (for instance 70, the oracle's two parsers disagreeing) fails the run. JSON files in
# Fixtures/oracle/ that no exit-0 entry produces are reported as stale (not deleted).
# Exit status: 0 when every entry behaved as the manifest says, 1 otherwise.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -ge 1 ]; then
    # resolve a path given by the caller against the caller's directory
    case $1 in
        /*) ORACLE=$1 ;;
        *) ORACLE=$(pwd)/$1 ;;
    esac
else
    ORACLE=../shared/oracle/oracle.py   # relative to the repository root
fi
cd "$ROOT"
if [ ! -f "$ORACLE" ]; then
    echo "regenerate-oracle.sh: no oracle at $ORACLE (pass its path as the first argument)" >&2
    exit 1
fi

exec python3 - "$ORACLE" <<'PY'
import json
import os
import subprocess
import sys

oracle = sys.argv[1]
out_dir = os.path.join("Fixtures", "oracle")
with open(os.path.join(out_dir, "manifest.json"), encoding="utf-8") as handle:
    manifest = json.load(handle)

failures = 0
expected_files = {"manifest.json"}
for entry in manifest:
    name, source, args, want = entry["name"], entry["input"], entry["args"], entry["exit"]
    run = subprocess.run([sys.executable, oracle, source, *args], capture_output=True)
    problem = None
    if run.returncode != want:
        problem = f"exit {run.returncode}, manifest says {want}: {run.stderr.decode('utf-8', 'replace').strip()}"
    elif want == 0:
        expected_files.add(f"{name}.json")
        with open(os.path.join(out_dir, f"{name}.json"), "wb") as handle:
            handle.write(run.stdout)
    else:
        stderr = run.stderr.decode("utf-8", "replace").lower()
        missing = [text for text in entry.get("stderr_contains", []) if text.lower() not in stderr]
        if missing:
            problem = f"stderr lacks {missing}: {stderr.strip()}"
    if problem:
        failures += 1
        print(f"FAIL {name}: {problem}", file=sys.stderr)
    else:
        print(f"ok   {name} (exit {want})")

for stale in sorted(set(os.listdir(out_dir)) - expected_files):
    print(f"stale {os.path.join(out_dir, stale)} (no exit-0 manifest entry writes it)", file=sys.stderr)

print(f"{len(manifest) - failures} ok, {failures} failed")
sys.exit(1 if failures else 0)
PY

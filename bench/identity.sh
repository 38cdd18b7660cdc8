#!/usr/bin/env bash
# bench/identity.sh OLD NEW [OUTDIR]: are NEW's reports byte-identical to OLD's? (issue 13's identity gate)
#
# OLD is a dqcli executable, or a folder where an earlier call saved the old side (plan.json, inputs/,
# outputs/); NEW is a dqcli executable. With an executable OLD, the plan and the old side's outputs are saved in
# IDENTITY_BASE (default OUTDIR/old), so that a later check passes that folder as OLD and runs only NEW.
# NEW's outputs go to OUTDIR/new (OUTDIR default: a new /tmp/identity-XXXXXX). Prints the number of files
# compared and every file that differs; exits 0 when none does, 1 when some do.
# What is run (every fixture, case, oracle entry and shared case, the generated 100 MB file; four formats;
# --threads 1 and 2; merge of 2 and 3 parts; rowhash and partition mode) is described in bench/identity.py.
# IDENTITY_GENERATED=PATH takes the 100 MB file (gen_csv.py --mb 100 --seed 43) from PATH instead of generating it.
# IDENTITY_WORKERS (default 2) sets how many jobs run at once. Takes about 10 minutes per side on two cores.
set -euo pipefail
if [ $# -lt 2 ] || [ $# -gt 3 ] || [ ! -x "$2" ] || { [ ! -x "$1" ] && [ ! -f "$1/plan.json" ]; }; then
    echo "usage: bench/identity.sh OLD_DQCLI|OLD_FOLDER NEW_DQCLI [OUTDIR]" >&2
    exit 64
fi
here=$(cd "$(dirname "$0")" && pwd)
outdir=${3:-$(mktemp -d /tmp/identity-XXXXXX)}
mkdir -p "$outdir"
if [ -f "$1/plan.json" ]; then
    base=$1
else
    base=${IDENTITY_BASE:-$outdir/old}
    python3 "$here/identity.py" record "$1" "$base"
fi
python3 "$here/identity.py" run "$2" "$base" "$outdir/new"
python3 "$here/identity.py" compare "$base" "$outdir/new" | tee "$outdir/differences.txt"

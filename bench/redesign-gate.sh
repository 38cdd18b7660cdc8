#!/usr/bin/env bash
# bench/redesign-gate.sh OLD_DQCLI NEW_DQCLI: issue 13's speed gate as one Markdown table.
# - Instructions (bench/instructions.sh): callgrind on the fixed 20 MB slice, one thread, OLD and NEW; the gate is
#   NEW within 2 % of OLD.
# - Wall seconds and peak memory (bench/paired.py): OLD and NEW alternating on the 1 GB generated file
#   (bench/data/big.csv, gen_csv.py --mb 1000 --seed 42, as bench/run.sh makes it; made here when missing),
#   --threads 1 and --threads 2, RUNS (default 5) counted runs each after one warm-up; medians, and the median of
#   the pair-by-pair ratio NEW/OLD. Peak memory is /usr/bin/time -v's maximum resident set.
# Give release builds. Takes about 2 minutes for the instructions and 1 to 2 minutes per counted pair on two cores;
# run it on a quiet machine (nice -n 10 on a shared one). BIG_CSV=PATH uses another copy of the 1 GB file.
# OLD_INSTRUCTIONS=N (or NEW_INSTRUCTIONS=N) takes a count bench/instructions.sh printed before instead of
# measuring it again (3cf3e74, issue 13's start: 2799949362).
set -euo pipefail
if [ $# -ne 2 ] || [ ! -x "$1" ] || [ ! -x "$2" ]; then
    echo "usage: bench/redesign-gate.sh OLD_DQCLI NEW_DQCLI  (release builds)" >&2
    exit 64
fi
old=$1
new=$2
here=$(cd "$(dirname "$0")" && pwd)
runs=${RUNS:-5}
big=${BIG_CSV:-$here/data/big.csv}
if [ ! -f "$big" ]; then
    mkdir -p "$(dirname "$big")"
    python3 "$here/gen_csv.py" --mb 1000 --seed 42 --out "$big" 2> /dev/null
fi
old_instructions=${OLD_INSTRUCTIONS:-$("$here/instructions.sh" "$old" | cut -f1)}
new_instructions=${NEW_INSTRUCTIONS:-$("$here/instructions.sh" "$new" | cut -f1)}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for threads in 1 2; do
    python3 "$here/paired.py" --old "$old" --new "$new" --file "$big" --threads "$threads" --runs "$runs" \
        > "$scratch/paired-$threads.json"
done
python3 - "$old_instructions" "$new_instructions" "$scratch" "$runs" "$old" "$new" "$big" <<'PYTHON'
import json
import sys

old_instructions, new_instructions, scratch, runs, old, new, big = sys.argv[1:]
old_instructions, new_instructions = int(old_instructions), int(new_instructions)
change = (new_instructions - old_instructions) / old_instructions * 100
verdict = "within 2 %" if abs(change) <= 2 else "NOT within 2 %"


def spread(figure):
    return f"{figure['median']:.2f} ({figure['min']:.2f} to {figure['max']:.2f})"


print(f"Old: `{old}`; new: `{new}`; wall and peak on `{big}`.\n")
print("| measure | old | new | new / old |")
print("|---|---:|---:|---:|")
print(f"| instructions, 20 MB slice, 1 thread | {old_instructions:,} | {new_instructions:,} | "
      f"{new_instructions / old_instructions:.4f} ({change:+.2f} %, {verdict}) |")
for threads in ("1", "2"):
    paired = json.load(open(f"{scratch}/paired-{threads}.json"))
    print(f"| wall s, {threads} thread{'s' if threads == '2' else ''}, median (min to max) of {runs} | "
          f"{spread(paired['old_wall_seconds'])} | {spread(paired['new_wall_seconds'])} | "
          f"{spread(paired['wall_ratio_new_over_old'])} |")
    print(f"| peak resident MiB, {threads} thread{'s' if threads == '2' else ''}, median | "
          f"{paired['old_peak_mib']['median']:.1f} | {paired['new_peak_mib']['median']:.1f} | "
          f"{paired['new_peak_mib']['median'] / paired['old_peak_mib']['median']:.3f} |")
PYTHON

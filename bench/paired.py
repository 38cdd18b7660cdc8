#!/usr/bin/env python3
"""Paired wall-clock medians and peak memory of two dqcli builds on one file, runs alternating A B A B ...

    paired.py --old OLD_DQCLI --new NEW_DQCLI --file CSV --threads N [--runs 5] [--warmup 1]

Each run is `DQCLI profile CSV --threads N --format json --quiet --output FILE` under `/usr/bin/time -v`
(its "Maximum resident set size" is the peak memory); wall seconds are a monotonic clock read around the run.
Alternating keeps the ratio new/old meaningful when the machine's speed drifts: the ratio is taken pair by pair
and its median printed. Prints one JSON object (medians, minimum and maximum of each figure, every run).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def one_run(dqcli, csv_path, threads, scratch):
    report = os.path.join(scratch, "report.json")
    timing = os.path.join(scratch, "time.txt")
    start = time.monotonic()
    process = subprocess.run(["/usr/bin/time", "-v", "-o", timing, dqcli, "profile", csv_path, "--threads", threads,
                              "--format", "json", "--quiet", "--output", report],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.monotonic() - start
    if process.returncode != 0:
        sys.exit(f"paired.py: {dqcli} exited {process.returncode}: {process.stderr.decode(errors='replace')[-400:]}")
    peak_kilobytes = None
    with open(timing) as handle:
        for line in handle:
            if "Maximum resident set size" in line:
                peak_kilobytes = int(line.rsplit(":", 1)[1])
    return {"wall_seconds": round(wall, 4), "peak_mib": round(peak_kilobytes / 1024, 1)}


def summary(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--old", required=True)
    parser.add_argument("--new", required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--threads", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    arguments = parser.parse_args()
    runs = {"old": [], "new": []}
    with tempfile.TemporaryDirectory() as scratch:
        for index in range(arguments.warmup + arguments.runs):
            for side in ("old", "new"):
                result = one_run(getattr(arguments, side), arguments.file, arguments.threads, scratch)
                if index >= arguments.warmup:
                    runs[side].append(result)
    ratios = [new["wall_seconds"] / old["wall_seconds"] for old, new in zip(runs["old"], runs["new"])]
    print(json.dumps({
        "file": arguments.file, "threads": arguments.threads, "runs": arguments.runs,
        "old_wall_seconds": summary([run["wall_seconds"] for run in runs["old"]]),
        "new_wall_seconds": summary([run["wall_seconds"] for run in runs["new"]]),
        "wall_ratio_new_over_old": summary(ratios),
        "old_peak_mib": summary([run["peak_mib"] for run in runs["old"]]),
        "new_peak_mib": summary([run["peak_mib"] for run in runs["new"]]),
        "every_run": runs,
    }))


if __name__ == "__main__":
    main()

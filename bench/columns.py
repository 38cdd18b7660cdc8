#!/usr/bin/env python3
"""Wide files: the time and peak memory of `dqcli profile`, `suggest` and `check` at 1,000 and 10,000
columns of 50 rows (issue 16, item 11), medians of several runs, printed as a table and written to
bench/results-columns.md.

Usage: columns.py --data DIR [--reps N] [--dqcli PATH] [--columns 1000,10000] [--out bench/results-columns.md]
Called by bench/run.sh (`make bench`; `BENCH_ONLY=columns make bench` runs only these rows).

The files are generated here, seeded (same arguments, same bytes): 50 rows, one header, and columns that
cycle through integers, two-decimal numbers, ISO dates, a few colours with empty values (nulls), and words
(each column stays small: at most 50 distinct values, far below the exact bound).
"""
import argparse
import os
import random
import statistics
import subprocess
import sys

from compare import machine, publish

ROWS = 50


def generate(path, columns, seed=11):
    """Writes a CSV of `ROWS` rows and `columns` columns to `path` (skipped when it exists)."""
    if os.path.exists(path):
        return
    generator = random.Random(seed)
    colours = ["red", "green", "blue", ""]
    with open(path + ".tmp", "w") as handle:
        handle.write(",".join(f"c{index}" for index in range(columns)) + "\n")
        for _ in range(ROWS):
            values = []
            for index in range(columns):
                kind = index % 5
                draw = generator.random()
                if kind == 0:
                    values.append(str(int(draw * 1000) + 1))
                elif kind == 1:
                    values.append(f"{draw * 100:.2f}")
                elif kind == 2:
                    values.append(f"2024-{int(draw * 12) + 1:02d}-{int(draw * 2801) % 28 + 1:02d}")
                elif kind == 3:
                    values.append(colours[int(draw * 4)])
                else:
                    values.append(f"w{int(draw * 99999) + 1}")
            handle.write(",".join(values) + "\n")
    os.replace(path + ".tmp", path)


def measure(command):
    """(wall seconds, processor seconds (user and system), peak resident KiB) of one run, from GNU time."""
    timed = ["/usr/bin/time", "-f", "%e %U %S %M"] + command
    process = subprocess.run(timed, capture_output=True, text=True)
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{process.stderr[-2000:]}")
    wall, user, system, peak = process.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(peak)


def alternate(commands, reps, label):
    """Runs the commands (a dict of name to argument list) `reps` times, alternating, each run printed after
    `label`; returns the medians of (wall, processor, peak) per name and every run's figures."""
    runs = {name: [] for name in commands}
    for _ in range(reps):
        for name, command in commands.items():
            wall, processor, peak = measure(command)
            runs[name].append((wall, processor, peak))
            print(f"{label} {name:9} {wall:7.2f} s {processor:7.2f} s cpu {peak / 1024:8.1f} MiB",
                  file=sys.stderr, flush=True)
    medians = {name: tuple(statistics.median(run[field] for run in values) for field in range(3))
               for name, values in runs.items()}
    return medians, runs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--dqcli", default=".build/release/dqcli")
    parser.add_argument("--columns", default="1000,10000")
    parser.add_argument("--out", default="bench/results-columns.md")
    args = parser.parse_args()
    dq = args.dqcli
    rows = []
    for columns in [int(text) for text in args.columns.split(",")]:
        path = os.path.join(args.data, f"wide-{columns}.csv")
        generate(path, columns)
        rules = os.path.join(args.data, f"wide-{columns}.rules.yaml")
        # The suggested rules of the file itself, so `check` evaluates a rule set of every column.
        subprocess.run([dq, "suggest", path, "--output", rules], check=True, capture_output=True)
        commands = {
            "profile": [dq, "profile", path, "--format", "json", "--output", "/dev/null", "--quiet"],
            "suggest": [dq, "suggest", path, "--output", "/dev/null"],
            "check": [dq, "check", path, "--rules", rules, "--format", "json", "--output", "/dev/null", "--quiet"],
        }
        medians, runs = alternate(commands, args.reps, f"{columns:6} columns")
        rows.append((columns, medians, runs))

    lines = ["# Wide files (issue 16, item 11)", "", f"Machine: {machine()}.", "",
             f"{ROWS} rows; medians of {args.reps} runs, commands alternating; release build. Wall time and "
             "processor time (user and system) in seconds, peak resident memory in MiB. Each ratio is the "
             "command's median time over profile's; beside the wall-time ratio, the lowest and highest ratio of the "
             "runs made side by side in one repetition (the machine's other load moves wall time most).", "",
             "| columns | command | wall s | wall ratio to profile | per repetition | processor s | processor ratio "
             "| peak MiB | peak KiB per column |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    def ratio(value, base):
        return f"{value / base:.2f}" if base > 0 else "n/a"

    for columns, medians, runs in rows:
        wall_base, processor_base, _ = medians["profile"]
        for name, (wall, processor, peak) in medians.items():
            paired = [own[0] / profile[0] for own, profile in zip(runs[name], runs["profile"]) if profile[0] > 0]
            spread = f"{min(paired):.2f} to {max(paired):.2f}" if paired else "n/a"
            lines.append(f"| {columns:,} | {name} | {wall:.2f} | {ratio(wall, wall_base)} | {spread} | {processor:.2f} | "
                         f"{ratio(processor, processor_base)} | {peak / 1024:.1f} | {peak / columns:.1f} |")
    publish(lines, args.out)


if __name__ == "__main__":
    main()

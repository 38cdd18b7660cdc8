#!/usr/bin/env python3
"""Many small files (issue 15, item 6): `dqcli profile FOLDER` on a folder of 1,000 small CSV files against
`dqcli profile FILE` on the same records in one file (one header), medians of several runs, with peak memory;
printed as a table and written to bench/results-many-files.md. The issue asks for the folder within 2x of
the one file.

Usage: many_files.py --data DIR [--reps N] [--dqcli PATH] [--files 1000] [--rows 100,1000] [--out bench/results-many-files.md]
Called by bench/run.sh (`make bench`; `BENCH_ONLY=many make bench` runs only this row).

The files are generated here, seeded (same arguments, same bytes): each file has one header and `rows`
records of an id, an amount, a date, a status and a word; the one file holds every file's records in order.
Each number of rows per file (`--rows`, comma-separated) gives one pair of rows in the table: with 100 records a
file (3 KiB) the fixed work per file (opening, sniffing the delimiter, finishing and rendering a report) weighs
most; with 1,000 (33 KiB) less.
"""
import argparse
import os
import random

from columns import alternate
from compare import machine, publish

HEADER = "id,amount,day,status,note\n"


def generate(folder, one_file, files, rows, seed=15):
    """Writes `files` CSV files of `rows` records into `folder` and the same records into `one_file` (skipped
    when the one file exists)."""
    if os.path.exists(one_file):
        return
    os.makedirs(folder, exist_ok=True)
    generator = random.Random(seed)
    statuses = ["paid", "open", "void", ""]
    with open(one_file + ".tmp", "w") as whole:
        whole.write(HEADER)
        for index in range(files):
            records = []
            for row in range(rows):
                draw = generator.random()
                records.append(f"{index * rows + row + 1},{draw * 500:.2f},2026-11-{int(draw * 28) + 1:02d},"
                               f"{statuses[int(draw * 4)]},w{int(draw * 9999)}\n")
            with open(os.path.join(folder, f"part-{index:05d}.csv"), "w") as part:
                part.write(HEADER + "".join(records))
            whole.write("".join(records))
    os.replace(one_file + ".tmp", one_file)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--dqcli", default=".build/release/dqcli")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--rows", default="100,1000")
    parser.add_argument("--out", default="bench/results-many-files.md")
    args = parser.parse_args()
    dq = args.dqcli
    table = []
    for rows in [int(text) for text in args.rows.split(",")]:
        folder = os.path.join(args.data, f"many-{args.files}x{rows}")
        one_file = os.path.join(args.data, f"many-{args.files}x{rows}-one.csv")
        generate(folder, one_file, args.files, rows)
        folder_bytes = sum(os.path.getsize(os.path.join(folder, name)) for name in os.listdir(folder))
        commands = {
            "one file": [dq, "profile", one_file, "--format", "json", "--output", "/dev/null", "--quiet"],
            "folder": [dq, "profile", folder, "--format", "json", "--output", "/dev/null", "--quiet"],
        }
        medians, _ = alternate(commands, args.reps, f"{rows:5} rows a file,")
        base_wall, base_processor, _ = medians["one file"]
        sizes = {"one file": os.path.getsize(one_file), "folder": folder_bytes}
        for name, (wall, processor, peak) in medians.items():
            input_name = "one file" if name == "one file" else f"folder of {args.files:,} files"
            table.append(f"| {rows:,} | {input_name} | {sizes[name] / 2**20:.1f} | {wall:.2f} | {wall / base_wall:.2f} | "
                         f"{processor:.2f} | {processor / base_processor:.2f} | {peak / 1024:.1f} |")
    lines = ["# Many small files (issue 15, item 6)", "", f"Machine: {machine()}.", "",
             f"{args.files:,} files (a header each) against the same records in one file (one header); "
             f"`dqcli profile PATH --format json --output /dev/null --quiet`, medians of {args.reps} runs, "
             "alternating; release build, default threads. Wall and processor time (user and system) in seconds, "
             "peak resident memory in MiB; each ratio is the median over the one file's (the issue asks for at most "
             "2).", "",
             "| records a file | input | MiB | wall s | wall ratio | processor s | processor ratio | peak MiB |",
             "|---:|---|---:|---:|---:|---:|---:|---:|"] + table
    publish(lines, args.out)


if __name__ == "__main__":
    main()

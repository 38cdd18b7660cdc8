#!/usr/bin/env python3
"""Differential fuzzing: random small CSV-like inputs through dqcli and the reference oracle.

Usage: scripts/fuzz-against-oracle.py [--oracle ../shared/oracle/oracle.py] [--dqcli .build/debug/dqcli]
                                      [--runs 500] [--seed 1] [--keep DIR]

Each input mixes delimiters, quotes, CR/LF, spaces, tabs, NBSP, control and invalid UTF-8 bytes, numbers,
dates and null tokens. Both tools must exit alike, and when they print reports, compare.py --findings must
find them equal. Inputs that differ are written to DIR (default /tmp/dq-fuzz) for a regression fixture.
The oracle is not part of this repository: pass the path of a copy.
"""
import argparse
import json
import os
import random
import subprocess
import sys

PIECES = [b"a", b"b", b"A", b"1", b"02", b"-3", b"1.5", b"1e3", b"inf", b"NA", b"", b" ", b"\t", b"\xc2\xa0",
          b"true", b"False", b"y", b"N", b"2021-02-03", b"3/4/2020", b"13/4/2020", b"2021-02-03T10:00:00Z",
          b"10:30", b"\x01", b"\xe8", b"\xff\xfe", b"x y", b"12345678901234567890123"]
STRUCTURE = [b",", b",", b",", b";", b"\t", b"|", b"\"", b"\"\"", b"\n", b"\n", b"\r\n", b"\r"]


def make_input(rng):
    out = bytearray()
    if rng.random() < 0.05:
        out += b"\xef\xbb\xbf"
    for _ in range(rng.randint(0, 40)):
        out += rng.choice(STRUCTURE) if rng.random() < 0.45 else rng.choice(PIECES)
    return bytes(out)


def run(cmd):
    proc = subprocess.run(cmd, capture_output=True, timeout=60)
    return proc.returncode, proc.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--oracle", default="../shared/oracle/oracle.py")
    parser.add_argument("--compare", default=None)
    parser.add_argument("--dqcli", default=".build/debug/dqcli")
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", default="/tmp/dq-fuzz")
    args = parser.parse_args()
    compare = args.compare or os.path.join(os.path.dirname(args.oracle), "compare.py")
    rng = random.Random(args.seed)
    os.makedirs(args.keep, exist_ok=True)
    failures = 0
    for run_index in range(args.runs):
        data = make_input(rng)
        extra = rng.choice([[], [], ["--strict"], ["--no-header"], ["--key", "a"], ["--max-field-bytes", "3"],
                            ["--exact-distinct-limit", "2"], ["--delimiter", ","], ["--quote", "'"]])
        path = os.path.join(args.keep, "input.csv")
        with open(path, "wb") as handle:
            handle.write(data)
        oracle_exit, oracle_out = run([sys.executable, args.oracle, path] + extra)
        dqcli_exit, dqcli_out = run([args.dqcli, "profile", path, "--format", "json"] + extra)
        problem = None
        if oracle_exit == 70:
            continue  # the oracle's own parsers disagree: no reference
        if oracle_exit != dqcli_exit:
            problem = f"exit {dqcli_exit}, oracle {oracle_exit}"
        elif oracle_exit == 0:
            with open("/tmp/dq-fuzz-oracle.json", "wb") as handle:
                handle.write(oracle_out)
            with open("/tmp/dq-fuzz-dqcli.json", "wb") as handle:
                handle.write(dqcli_out)
            proc = subprocess.run([sys.executable, compare, "--findings", "/tmp/dq-fuzz-oracle.json",
                                   "/tmp/dq-fuzz-dqcli.json"], capture_output=True, text=True)
            if proc.returncode != 0:
                problem = proc.stdout.strip().splitlines()[0]
        if problem:
            failures += 1
            name = os.path.join(args.keep, f"fail-{run_index}.csv")
            with open(name, "wb") as handle:
                handle.write(data)
            print(f"FAIL {name} {json.dumps(extra)}: {problem}")
    print(f"{args.runs - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Compressed and re-encoded input (issue 14, "Speed"): the same records as gzip, zstd, windows-1252 and UTF-16LE
against the plain UTF-8 file, medians of several runs, alternating, with peak memory; printed as a table and
written to bench/results-encodings.md.

Usage: encodings.py --data DIR [--input big.csv] [--reps N] [--dqcli PATH] [--out bench/results-encodings.md]
Called by bench/run.sh (`make bench`; `BENCH_ONLY=encodings make bench` runs only these rows).

The copies are made once beside the input (DIR/NAME.gz with `gzip -6`, DIR/NAME.zst with `zstd -3`,
DIR/NAME-windows-1252.csv and DIR/NAME-utf-16le.csv, the last with a byte-order mark; characters windows-1252
cannot hold become `?`). Every run is `dqcli profile PATH --format json --output /dev/null --quiet` with the
default threads; the windows-1252 copy is named with `--encoding windows-1252`. The issue's targets, each
checked in the last column:
- gzip: wall at most 1.05x that of `gzip -dc NAME.gz | dqcli profile -` (both read a stream);
- windows-1252: at least 90 % of the UTF-8 file's throughput, in MB/s of the stored file;
- UTF-16LE: at least 50 % of that throughput;
- gzip and zstd: peak memory within 16 MiB of the plain file's plus the zstd frame's window.
"""
import argparse
import codecs
import os
import subprocess

from columns import alternate
from compare import machine, publish

BLOCK = 1 << 24


def transcode(source, target, encoding, byte_order_mark=b""):
    """Writes `source` (UTF-8) to `target` in `encoding` (unencodable characters as `?`), block by block."""
    if os.path.exists(target):
        return
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    encoder = codecs.getincrementalencoder(encoding)(errors="replace")
    with open(source, "rb") as reader, open(target + ".tmp", "wb") as writer:
        writer.write(byte_order_mark)
        while block := reader.read(BLOCK):
            writer.write(encoder.encode(decoder.decode(block)))
        writer.write(encoder.encode(decoder.decode(b"", final=True), final=True))
    os.replace(target + ".tmp", target)


def compress(source, target, command):
    """Writes `source` through `command` (a compressor from standard input to standard output) to `target` once."""
    if os.path.exists(target):
        return
    with open(source, "rb") as reader, open(target + ".tmp", "wb") as writer:
        subprocess.run(command, stdin=reader, stdout=writer, check=True)
    os.replace(target + ".tmp", target)


def zstd_window_bytes(path):
    """The window size `zstd -lv` reports for the frame of `path`, in bytes."""
    listing = subprocess.run(["zstd", "-lv", path], capture_output=True, text=True, check=True).stdout
    for line in listing.splitlines():
        if line.strip().startswith("Window Size:"):
            value = line.split("(")[-1].split()[0] if "(" in line else line.split(":")[1].split()[0]
            return int(value.replace(",", ""))
    raise SystemExit(f"encodings.py: no window size in `zstd -lv {path}`:\n{listing}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--input", default="big.csv")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--dqcli", default=".build/release/dqcli")
    parser.add_argument("--out", default="bench/results-encodings.md")
    args = parser.parse_args()
    dq = args.dqcli
    plain = os.path.join(args.data, args.input)
    stem = os.path.splitext(plain)[0]
    paths = {
        "UTF-8": plain,
        "gzip": plain + ".gz",
        "zstd": plain + ".zst",
        "windows-1252": stem + "-windows-1252.csv",
        "UTF-16LE": stem + "-utf-16le.csv",
    }
    compress(plain, paths["gzip"], ["gzip", "-6", "-c"])
    compress(plain, paths["zstd"], ["zstd", "-3", "-q", "-c"])
    transcode(plain, paths["windows-1252"], "cp1252")
    transcode(plain, paths["UTF-16LE"], "utf-16-le", codecs.BOM_UTF16_LE)
    quiet = ["--format", "json", "--output", "/dev/null", "--quiet"]
    commands = {name: [dq, "profile", path] + quiet for name, path in paths.items()}
    commands["windows-1252"] += ["--encoding", "windows-1252"]
    commands["gzip -dc |"] = ["sh", "-c", f"gzip -dc '{paths['gzip']}' | '{dq}' profile - {' '.join(quiet)}"]
    medians, _ = alternate(commands, args.reps, os.path.basename(plain))
    paths["gzip -dc |"] = paths["gzip"]

    def throughput(name):
        return os.path.getsize(paths[name]) / 1e6 / medians[name][0]

    window = zstd_window_bytes(paths["zstd"])
    plain_peak = medians["UTF-8"][2]
    targets = {
        "gzip": f"wall {medians['gzip'][0] / medians['gzip -dc |'][0]:.2f}x of `gzip -dc \\|` (at most 1.05); "
        f"peak {(medians['gzip'][2] - plain_peak) / 1024:+.1f} MiB against UTF-8's (at most +16)",
        "zstd": f"peak {(medians['zstd'][2] - plain_peak) / 1024:+.1f} MiB against UTF-8's (at most +16 and the "
        f"{window / 2**20:.0f} MiB window)",
        "windows-1252": f"{throughput('windows-1252') / throughput('UTF-8'):.0%} of UTF-8's MB/s (at least 90 %)",
        "UTF-16LE": f"{throughput('UTF-16LE') / throughput('UTF-8'):.0%} of UTF-8's MB/s (at least 50 %)",
    }
    table = []
    for name in ["UTF-8", "gzip", "gzip -dc |", "zstd", "windows-1252", "UTF-16LE"]:
        wall, processor, peak = medians[name]
        stored = os.path.getsize(paths[name]) / 2**20
        table.append(f"| {name.replace('|', chr(92) + '|')} | {stored:,.0f} | {wall:.2f} | {throughput(name):.0f} | "
                     f"{processor:.2f} | {peak / 1024:.1f} | {targets.get(name, '')} |")
    lines = ["# Compressed and re-encoded input (issue 14)", "", f"Machine: {machine()}.", "",
             f"`{args.input}` as stored in each form; `dqcli profile PATH --format json --output /dev/null --quiet`, "
             f"default threads, medians of {args.reps} runs, alternating; release build. `gzip -dc |` pipes the gzip "
             "copy into `dqcli profile -` (its processor time includes gzip's). MB/s is of the stored file (10^6 "
             "bytes); wall and processor (user and system) in seconds; peak resident memory in MiB.", "",
             "| input | stored MiB | wall s | MB/s | processor s | peak MiB | target |",
             "|---|---:|---:|---:|---:|---:|---|"] + table
    publish(lines, args.out)


if __name__ == "__main__":
    main()

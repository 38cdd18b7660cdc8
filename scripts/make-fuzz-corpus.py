#!/usr/bin/env python3
"""Writes the fuzzer's seed corpus from the fixtures, so no fixture is copied into the repository twice.

Usage: scripts/make-fuzz-corpus.py OUTPUT_DIR     (run from anywhere; paths are taken from the repository)

A fuzz input is four option bytes followed by the CSV bytes (Fuzz/Sources/ProfileFuzzer/FuzzCase.swift gives
the layout; four zero bytes are the default options). Seeds:
- every input of Fixtures/oracle/manifest.json (crafted, real and regression fixtures), of Fixtures/cases/*/
  and of Fixtures/cases-v2/*/ (gzip, a cut gzip, a ZIP and UTF-16 among them), with the options their
  expected.json names as option bytes (flags the layout cannot express are left at their defaults), and once
  more with default options when it has arguments;
- every fixture once more with "tight" options: a key column, a 16-byte field limit, an exact-distinct limit of
  2 and three chunks, so the sketches, the field limit and the key checks are reached from the start;
- Fixtures/fuzz/*: inputs the fuzzer once failed on, as it saved them (option bytes included).
Inputs are cut to 4096 bytes (the fuzz run's -max_len) at the last line ending before the cut.
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_LENGTH = 4096
OPTION_BYTES = 4
# The same tables as FuzzCase.fieldLimits and FuzzCase.distinctLimits (index 0 is the default).
FIELD_LIMITS = [None, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 128, 256, 1024]
DISTINCT_LIMITS = [None, 1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 32, 64, 128, 256]


def nearest_index(table, value):
    """The index of the table entry closest to value (index 0, the default, excluded)."""
    return min(range(1, len(table)), key=lambda index: abs(table[index] - value))


def option_bytes(args, csv):
    """The four option bytes for dqcli arguments, as far as the layout can say them."""
    flags = parameter = limits = chunking = 0
    index = 0
    while index < len(args):
        arg = args[index]
        value = args[index + 1] if index + 1 < len(args) else ""
        if arg == "--no-header":
            flags |= 1
        elif arg == "--strict":
            flags |= 2
        elif arg == "--no-duplicates":
            flags |= 4
        elif arg == "--delimiter":
            delimiter = "\t" if value == "tab" else value
            if delimiter == ",":
                flags |= 1 << 3
            elif delimiter == ";":
                flags |= 2 << 3
            else:
                flags |= 3 << 3
                parameter = ord(delimiter[0])
            index += 1
        elif arg == "--quote":
            if value == "'":
                flags |= 32
            index += 1
        elif arg == "--key":
            header = csv.split(b"\n", 1)[0].rstrip(b"\r").split(b",")
            if value.encode() in header and flags & (3 << 3) != 3 << 3:
                flags |= 64
                parameter = header.index(value.encode())
            index += 1
        elif arg == "--max-field-bytes":
            limits |= nearest_index(FIELD_LIMITS, int(value))
            index += 1
        elif arg == "--exact-distinct-limit":
            limits |= nearest_index(DISTINCT_LIMITS, int(value)) << 4
            index += 1
        elif arg in ("--null-value", "--grade-thresholds"):
            index += 1
        index += 1
    return bytes([flags, parameter, limits, chunking])


def cut(data):
    """At most MAX_LENGTH - OPTION_BYTES bytes, ending at a line ending when it had to be cut."""
    room = MAX_LENGTH - OPTION_BYTES
    if len(data) <= room:
        return data
    end = data.rfind(b"\n", 0, room)
    return data[: end + 1] if end > 0 else data[:room]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make-fuzz-corpus.py OUTPUT_DIR")
    output = sys.argv[1]
    os.makedirs(output, exist_ok=True)
    entries = []
    with open(os.path.join(ROOT, "Fixtures/oracle/manifest.json"), encoding="utf-8") as manifest:
        entries += [(entry["input"], entry["args"]) for entry in json.load(manifest)]
    for collection in ["cases", "cases-v2"]:
        cases = os.path.join(ROOT, "Fixtures", collection)
        for name in sorted(os.listdir(cases)):
            folder = os.path.join(cases, name)
            if not os.path.isdir(folder):
                continue
            inputs = [file for file in os.listdir(folder) if file.startswith("input")]
            with open(os.path.join(folder, "expected.json"), encoding="utf-8") as expected:
                entries.append((f"Fixtures/{collection}/{name}/{inputs[0]}", json.load(expected)["args"]))
    seeds = {}
    for path, args in entries:
        with open(os.path.join(ROOT, path), "rb") as source:
            csv = cut(source.read())
        stem = path.replace("/", "_")
        seeds[f"{stem}.{'-'.join(arg.strip('-') for arg in args) or 'default'}"] = option_bytes(args, csv) + csv
        seeds[f"{stem}.default"] = bytes(OPTION_BYTES) + csv
        # Key column 0, 16-byte fields, exact-distinct limit 2, three chunks.
        seeds[f"{stem}.tight"] = bytes([64, 0, 8 | (2 << 4), 1]) + csv
    found = os.path.join(ROOT, "Fixtures/fuzz")
    for name in sorted(os.listdir(found)) if os.path.isdir(found) else []:
        with open(os.path.join(found, name), "rb") as source:
            seeds[f"fuzz_{name}"] = source.read()
    for name, data in seeds.items():
        with open(os.path.join(output, name), "wb") as seed:
            seed.write(data)
    print(f"{len(seeds)} seeds in {output}")


if __name__ == "__main__":
    main()

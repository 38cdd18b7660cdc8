#!/usr/bin/env python3
"""Writes a messy CSV export split into several files, for scripts/spark-test.sh.

Usage: make-spark-export.py (--mb MB | --rows ROWS) --files K --seed SEED --out-dir DIR [--odd-header]

The records come from bench/gen_csv.py (seeded: quoted fields holding newlines, commas and doubled quotes,
padded values, case variants, nulls, mixed date formats, exact duplicate rows of recent rows). They are cut at
record boundaries into DIR/part-01.csv ... part-K.csv (names sort in file order), each starting with the header
line, and then, with a seeded random.Random:
  - 1 in 200 records gets a copy that differs only in quoting (its first field wrapped in quotes: `17,...` and
    `"17",...` are the same record), put in a randomly chosen file, so most of these duplicates cross files;
  - part-02 (or the only part) gets a blank line in its middle and a ragged record (two fields);
  - the last file ends with a record holding an unterminated quote and no line terminator;
  - with --odd-header, the last column is named `legacy code's "old" \ value` (quoted in the header line), so
    the header line holds a space, both quote characters and a backslash, which shell and SQL quoting must keep.
Concatenating part-01.csv with the other parts less their first line gives the same export as one file.
Prints one line of JSON to stdout: the files, the number of records written and the number of quoting-only
copies.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile


def split_records(data):
    """Splits CSV bytes (after the header line) into records, each with its line terminator.

    A record ends at a newline outside quotes: quote parity over the record so far, which is exact for RFC 4180
    (gen_csv.py quotes every field holding a quote, comma or newline and doubles its quotes).
    """
    records = []
    start = 0
    quotes = 0
    position = 0
    while position < len(data):
        newline = data.find(b"\n", position)
        if newline < 0:
            records.append(data[start:])
            break
        quotes += data.count(b'"', position, newline)
        position = newline + 1
        if quotes % 2 == 0:
            records.append(data[start:position])
            start = position
            quotes = 0
    return records


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--mb", type=float)
    size.add_argument("--rows", type=int)
    parser.add_argument("--files", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--odd-header", action="store_true")
    arguments = parser.parse_args()

    generator = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench", "gen_csv.py")
    with tempfile.TemporaryDirectory() as scratch:
        base = os.path.join(scratch, "base.csv")
        size_option = ["--mb", str(arguments.mb)] if arguments.mb is not None else ["--rows", str(arguments.rows)]
        subprocess.run([sys.executable, generator, *size_option, "--seed", str(arguments.seed), "--out", base],
                       check=True, stderr=subprocess.DEVNULL)
        with open(base, "rb") as file:
            data = file.read()
    header_end = data.index(b"\n") + 1
    header, records = data[:header_end], split_records(data[header_end:])
    if arguments.odd_header:
        header = header.replace(b",legacy_code\n", b',"legacy code\'s ""old"" \\ value"\n')
    if not records or any(not record.endswith(b"\n") for record in records):
        sys.exit("make-spark-export: gen_csv.py wrote a record this splitter cannot end")
    if not any(b'"' in record and record.count(b"\n") > 1 for record in records):
        sys.exit("make-spark-export: no record holds a quoted newline; generate more rows")

    random_source = random.Random(arguments.seed)
    count = arguments.files
    per_file = -(-len(records) // count)
    files = [records[index * per_file:(index + 1) * per_file] for index in range(count)]
    quoting_copies = 0
    for record in records:
        first_field, separator, rest = record.partition(b",")
        if separator and first_field.isdigit() and random_source.random() < 0.005:
            target = files[random_source.randrange(count)]
            target.insert(random_source.randrange(len(target) + 1), b'"' + first_field + b'",' + rest)
            quoting_copies += 1
    special = files[1 if count > 1 else 0]
    middle = len(special) // 2
    special[middle:middle] = [b"\n", b"999999999,ragged\n"]
    files[-1].append(b'1000000000,"unterminated')

    os.makedirs(arguments.out_dir, exist_ok=True)
    names = []
    for index, file_records in enumerate(files, start=1):
        name = os.path.join(arguments.out_dir, f"part-{index:02d}.csv")
        with open(name, "wb") as file:
            file.write(header)
            file.writelines(file_records)
        names.append(name)
    print(json.dumps({"files": names, "records": sum(len(file) for file in files),
                      "quoting_copies": quoting_copies}))


if __name__ == "__main__":
    main()

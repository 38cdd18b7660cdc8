#!/usr/bin/env python3
"""Per-record verdicts for --invalid-rows, derived from the reference oracle, for the committed numbers in
Fixtures/generated/invalid-rows-truth.json.

Usage: scripts/invalid-rows-truth.py CSV [--oracle ../shared/oracle/oracle.py]

The oracle (not part of this repository) is imported as a module at generation time, never copied: its
report gives each column's type and dominant format; its value recogniser (`recognise`, `fits`) and
cleanliness rules are applied to every value of every record read with Python's csv module (the generated
files have no malformed or ragged records; the script checks that the oracle agrees). A record fails when a
non-null value does not conform: it does not fit the column type, is in another format than the dominant
one, has leading or trailing whitespace, invalid UTF-8, control characters, or is a case variant. As a
check, per column, the failing values counted here must equal the oracle's non-null minus conforming.

Prints JSON: {"invalid_rows": N, "invalid_rows_with_nulls": M, "lines": [first line of each failing
record]}.
"""
import argparse
import collections
import csv
import importlib.util
import io
import json
import os
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--oracle", default=os.path.join(os.path.dirname(__file__), "../../shared/oracle/oracle.py"))
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("oracle", args.oracle)
    oracle = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(oracle)

    data = open(args.csv, "rb").read()
    thresholds, threshold_texts = oracle.parse_thresholds(oracle.DEFAULT_THRESHOLDS)
    report = oracle.profile(data, args.csv, None, True, oracle.DEFAULT_NULL_VALUES, [], thresholds, threshold_texts)
    assert report["ragged_rows"] == 0 and report["malformed_rows"] == 0, "expects only well-formed records"
    null_tokens = {token.encode() for token in oracle.DEFAULT_NULL_VALUES}

    # Records and their first lines, read with the csv module over latin-1 text (bytes come back exactly).
    text = data.decode("latin-1")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=",", quotechar='"', strict=True)
    records = []
    for fields in reader:
        records.append((reader.line_num, fields))
    # reader.line_num is the last line read; a record's first line is one past the previous record's last.
    starts, previous_end = [], 0
    for end, fields in records:
        starts.append((previous_end + 1, [f.encode("latin-1") for f in fields]))
        previous_end = end
    header, rows = starts[0][1], starts[1:]
    assert len(rows) == report["rows"]

    width = len(header)
    columns = report["columns"]
    problems = [[False] * len(rows) for _ in range(width)]
    nulls = [[False] * len(rows) for _ in range(width)]
    for j in range(width):
        column = columns[j]
        cells = [fields[j] for _, fields in rows]
        trimmed = [oracle.trim(raw) for raw in cells]
        is_null = [t == b"" or t in null_tokens for t in trimmed]
        values = [(raw, t) for raw, t, n in zip(cells, trimmed, is_null) if not n]
        day_first = any((m := oracle.SLASH_DATE_RE.fullmatch(t)) is not None and int(m[1]) > 12 for _, t in values)
        letters = all(t.lower() in oracle.BOOLEAN_TOKENS for _, t in values)
        counts = collections.Counter(raw for raw, _ in values)
        variants = set()
        if column["type"] == "string" and not column["distinct_is_estimate"]:
            groups = collections.defaultdict(list)
            for value in counts:
                groups[value.lower()].append(value)
            for group in groups.values():
                if len(group) > 1:
                    winner = min(group, key=lambda v: (-counts[v], v))
                    variants.update(v for v in group if v != winner)
        for i, (raw, t, n) in enumerate(zip(cells, trimmed, is_null)):
            if n:
                nulls[j][i] = True
                continue
            kind = oracle.recognise(t, day_first, letters)
            fit = oracle.fits(kind, column["type"])
            bad = (not fit
                   or (column["format"] is not None and kind.format != column["format"])
                   or oracle.has_whitespace(raw, t)
                   or not oracle.is_valid_utf8(raw)
                   or oracle.CONTROL_RE.search(raw) is not None
                   or raw in variants)
            problems[j][i] = bad
        failing = sum(problems[j])
        assert failing == len(values) - column["conforming"], (column["name"], failing, column["conforming"])

    lines, with_nulls = [], 0
    for i, (line, _) in enumerate(rows):
        if any(problems[j][i] for j in range(width)):
            lines.append(line)
        if any(problems[j][i] or nulls[j][i] for j in range(width)):
            with_nulls += 1
    json.dump({"invalid_rows": len(lines), "invalid_rows_with_nulls": with_nulls, "lines": lines}, sys.stdout)
    print()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Checks a report merged from Spark parts against the report of the same export as one file (spark-test.sh).

Usage: check-spark-report.py [--fields] REFERENCE.json MERGED.json PART...

REFERENCE.json is `dqcli profile` of the concatenation of the PART files (the first whole, the others less their
header line, in the order given); MERGED.json the report that examples/spark/profile_export.py wrote for them.
Prints one line per check, `PASS name` or `FAIL name: what differs`:
  findings kinds and counts   the dataset's and each column's findings, as sorted lists of (kind, count)
  findings positions          each finding's place: the reference's first_line, a line of the concatenation,
                              translated into (part, line of that part), must be the merged finding's
                              (source_file, first_line); and the examples must be equal
  report fields (--fields)    only when ../shared/oracle/compare.py is absent: the whole reports, less `tool`,
                              `source`, `options`, findings and keys only the merged report has; numbers within
                              1e-9 relative, everything else exact
Exit status: 0 when every check passed, 1 otherwise.
"""
import bisect
import json
import math
import sys


def line_count(path):
    with open(path, "rb") as file:
        data = file.read()
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


class Concatenation:
    """Maps a line of the concatenated export to (part, line in that part)."""

    def __init__(self, parts):
        self.parts = parts
        self.first_lines = []  # the concatenation's line where each part's lines begin
        self.offsets = []  # concatenation line - part line, per part
        next_line = 1
        for index, part in enumerate(parts):
            header_skipped = 0 if index == 0 else 1
            self.first_lines.append(next_line)
            self.offsets.append(next_line - 1 - header_skipped)
            next_line += line_count(part) - header_skipped

    def place(self, line):
        index = bisect.bisect_right(self.first_lines, line) - 1
        return self.parts[index], line - self.offsets[index]


def finding_lists(report):
    yield "dataset", report.get("findings", [])
    for column in report.get("columns", []):
        yield f"column {column.get('index')} ({column.get('name')})", column.get("findings", [])


def check_kinds_and_counts(reference, merged):
    differences = []
    for (where, expected), (_, actual) in zip(finding_lists(reference), finding_lists(merged)):
        expected_pairs = sorted((finding["kind"], finding["count"]) for finding in expected)
        actual_pairs = sorted((finding["kind"], finding["count"]) for finding in actual)
        if expected_pairs != actual_pairs:
            differences.append(f"{where}: expected {expected_pairs}, merged {actual_pairs}")
    if len(reference.get("columns", [])) != len(merged.get("columns", [])):
        differences.append("the reports have different numbers of columns")
    return differences


def check_positions(reference, merged, concatenation):
    differences = []
    for (where, expected), (_, actual) in zip(finding_lists(reference), finding_lists(merged)):
        by_kind = {finding["kind"]: finding for finding in actual}
        for finding in expected:
            other = by_kind.get(finding["kind"])
            if other is None:
                continue
            if finding.get("first_line") is None:
                place = None
            else:
                place = concatenation.place(finding["first_line"])
            other_place = None if other.get("first_line") is None else (other.get("source_file"),
                                                                      other.get("first_line"))
            if place != other_place:
                differences.append(f"{where} {finding['kind']}: line {finding.get('first_line')} of the "
                                   f"concatenation is {place}, merged says {other_place}")
            elif finding.get("example") != other.get("example"):
                differences.append(f"{where} {finding['kind']}: example {finding.get('example')!r}, merged "
                                   f"{other.get('example')!r}")
    return differences


IGNORED = {"tool", "source", "options", "findings"}


def compare_values(expected, actual, path, differences):
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            differences.append(f"{path}: expected an object, merged {actual!r}")
            return
        for key, value in expected.items():
            if key in IGNORED:
                continue
            if key not in actual:
                differences.append(f"{path}.{key}: missing from the merged report")
            else:
                compare_values(value, actual[key], f"{path}.{key}", differences)
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            differences.append(f"{path}: expected {len(expected)} items, merged {actual!r:.200}")
            return
        for index, (value, other) in enumerate(zip(expected, actual)):
            compare_values(value, other, f"{path}[{index}]", differences)
    elif isinstance(expected, float) or (isinstance(actual, float) and isinstance(expected, int)
                                         and not isinstance(expected, bool)):
        if not (isinstance(actual, (int, float)) and not isinstance(actual, bool)
                and math.isclose(expected, actual, rel_tol=1e-9, abs_tol=1e-12)):
            differences.append(f"{path}: expected {expected!r}, merged {actual!r}")
    elif expected != actual or type(expected) is not type(actual):
        differences.append(f"{path}: expected {expected!r:.200}, merged {actual!r:.200}")


def main():
    arguments = sys.argv[1:]
    fields = "--fields" in arguments
    arguments = [argument for argument in arguments if argument != "--fields"]
    if len(arguments) < 3:
        sys.exit(__doc__)
    with open(arguments[0], encoding="utf-8") as file:
        reference = json.load(file)
    with open(arguments[1], encoding="utf-8") as file:
        merged = json.load(file)
    concatenation = Concatenation(arguments[2:])
    checks = [("findings kinds and counts", check_kinds_and_counts(reference, merged)),
              ("findings positions", check_positions(reference, merged, concatenation))]
    if fields:
        differences = []
        compare_values(reference, merged, "report", differences)
        checks.append(("report fields", differences))
    failed = 0
    for name, differences in checks:
        if differences:
            failed += 1
            print(f"FAIL {name}: " + "; ".join(differences[:10])
                  + (f"; and {len(differences) - 10} more" if len(differences) > 10 else ""))
        else:
            print(f"PASS {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Check dqcli's quantiles and histograms against numpy on a file made by ../shared/bench/gen_csv.py.

Usage: check-distributions.py FILE.csv REPORT.json

REPORT.json is `dqcli profile FILE.csv --format json`. The values are read here with Python's csv module and
the generator's null tokens ("", NA, null, N/A); numpy computes the truth. Columns the report keeps exactly
(fewer distinct values than the exact limit: quantity, rating, discount) must match numpy.percentile and
numpy.histogram exactly; sketched columns (customer_id, amount, created_at, email lengths) must be within the
KLL rank error: each quartile's true rank within 1.65 % of the values of the asked rank, each histogram edge's
cumulative count within 1.65 % of the true one, totals and the range exact. Needs numpy (pip install numpy);
not part of CI (a 1 GB file takes a few minutes); docs/report-additions.md records a run.
"""
import calendar
import csv
import json
import sys
from array import array
from datetime import datetime

import numpy

NULL_TOKENS = {"", "NA", "null", "N/A"}
RANK_ERROR = 0.0165
EXACT = {"quantity": "number", "rating": "number", "discount": "number"}
SKETCHED = {"customer_id": "number", "amount": "number", "created_at": "datetime"}
LENGTHS = ["email"]


def key(text, scale):
    if scale == "number":
        return float(text)
    return calendar.timegm(datetime.fromisoformat(text.rstrip("Z")).timetuple()) + (
        datetime.fromisoformat(text.rstrip("Z")).microsecond / 1e6)


def load(path):
    values = {name: array("d") for name in list(EXACT) + list(SKETCHED)}
    lengths = {name: array("d") for name in LENGTHS}
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        index = {name: header.index(name) for name in list(values) + LENGTHS}
        for row in reader:
            for name, column in values.items():
                text = row[index[name]]
                if text not in NULL_TOKENS:
                    column.append(key(text, EXACT.get(name) or SKETCHED[name]))
            for name, column in lengths.items():
                text = row[index[name]]
                if text not in NULL_TOKENS:
                    column.append(len(text))
    return {name: numpy.sort(numpy.frombuffer(column, dtype=float)) for name, column in
            list(values.items()) + [(name + " (lengths)", column) for name, column in lengths.items()]}


def rank_error(sorted_values, estimate, fraction):
    """How far, in values, the estimate's true rank lies from the asked rank (0 when it can sit there)."""
    wanted = fraction * (len(sorted_values) - 1)
    low = numpy.searchsorted(sorted_values, estimate, side="left")
    high = max(low, numpy.searchsorted(sorted_values, estimate, side="right") - 1)
    return max(0.0, low - wanted, wanted - high)


def main():
    csv_path, report_path = sys.argv[1:3]
    with open(report_path, encoding="utf-8") as handle:
        report = json.load(handle)
    columns = {column["name"]: column for column in report["columns"]}
    truth = load(csv_path)
    failures = 0

    def fail(message):
        nonlocal failures
        failures += 1
        print("FAIL " + message)

    for name, values in truth.items():
        lengths = name.endswith(" (lengths)")
        column = columns[name.replace(" (lengths)", "")]
        scale = "number" if lengths else (EXACT.get(name) or SKETCHED[name])
        quantiles = column["length_quantiles" if lengths else "quantiles"]
        bins = column["length_histogram" if lengths else "histogram"]
        got = [key(str(quantiles[label]), scale) for label in ("p25", "median", "p75")]
        expected = numpy.percentile(values, [25, 50, 75])
        count = sum(bin["count"] for bin in bins)
        lower = key(str(bins[0]["lower"]), scale)
        upper = key(str(bins[-1]["upper"]), scale)
        if count != len(values):
            fail(f"{name}: {count} values in the histogram, {len(values)} in the file")
        if lower != values[0] or upper != values[-1]:
            fail(f"{name}: histogram range {lower}..{upper}, values {values[0]}..{values[-1]}")
        exact = name in EXACT
        if exact != (not column["quantiles_are_estimate"]):
            fail(f"{name}: quantiles_are_estimate is {column['quantiles_are_estimate']}")
        if exact:
            numpy_counts, _ = numpy.histogram(values, bins=len(bins), range=(values[0], values[-1]))
            same_quantiles = numpy.allclose(got, expected, rtol=1e-12, atol=0)
            same_bins = [bin["count"] for bin in bins] == numpy_counts.tolist()
            if not (same_quantiles and same_bins):
                fail(f"{name}: dqcli {got} {[b['count'] for b in bins]}, numpy {expected} {numpy_counts.tolist()}")
            worst = 0.0
        else:
            worst = max(rank_error(values, estimate, fraction) for estimate, fraction in zip(got, [0.25, 0.5, 0.75]))
            cumulative = 0
            for bin in bins[:-1]:
                cumulative += bin["count"]
                edge = key(str(bin["upper"]), scale)
                below = numpy.searchsorted(values, edge, side="left")
                worst = max(worst, abs(cumulative - below))
            if worst > RANK_ERROR * len(values):
                fail(f"{name}: rank error {worst / len(values):.4%} above {RANK_ERROR:.2%}")
        print(f"{name}: n={len(values)} {'exact' if exact else 'sketched'}; dqcli p25/median/p75 "
              f"{[round(value, 6) for value in got]}, numpy {[round(value, 6) for value in expected]}; "
              f"{len(bins)} bins; worst rank error {worst / len(values):.4%}")
    print(f"{failures} failure(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

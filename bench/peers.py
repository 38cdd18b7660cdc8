#!/usr/bin/env python3
"""The peers' side of the benchmark: what polars and DuckDB take to compute, on the same CSV, null counts,
distinct counts, min/max/mean per column and an exact duplicate-row count (less than dqcli's contract asks).

Usage: peers.py polars|duckdb FILE      prints one JSON line with a few of the numbers (a sanity check that
                                        the work was done); run it under /usr/bin/time for wall and memory.
"""
import json
import sys


def with_polars(path):
    import polars as pl

    frame = pl.read_csv(path, infer_schema_length=10000, ignore_errors=True)
    nulls = frame.null_count().row(0)
    distinct = frame.select(pl.all().n_unique()).row(0)
    numeric = [name for name, dtype in frame.schema.items() if dtype.is_numeric()]
    stats = frame.select(
        [pl.col(name).min().alias(name + ".min") for name in numeric]
        + [pl.col(name).max().alias(name + ".max") for name in numeric]
        + [pl.col(name).mean().alias(name + ".mean") for name in numeric]).row(0)
    duplicates = frame.height - frame.unique().height
    return {"rows": frame.height, "nulls": sum(nulls), "distinct": sum(distinct), "numeric": len(numeric),
            "stats": len(stats), "duplicate_rows": duplicates}


def with_duckdb(path):
    import duckdb

    connection = duckdb.connect()
    connection.execute(f"CREATE VIEW t AS SELECT * FROM read_csv_auto('{path}')")
    summary = connection.execute("SUMMARIZE t").fetchall()
    rows = connection.execute("SELECT count(*) FROM t").fetchone()[0]
    distinct_rows = connection.execute("SELECT count(*) FROM (SELECT DISTINCT * FROM t)").fetchone()[0]
    return {"rows": rows, "columns": len(summary), "duplicate_rows": rows - distinct_rows}


def main():
    tool, path = sys.argv[1], sys.argv[2]
    result = with_polars(path) if tool == "polars" else with_duckdb(path)
    print(json.dumps(result))


if __name__ == "__main__":
    main()

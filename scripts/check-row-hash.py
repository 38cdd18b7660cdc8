#!/usr/bin/env python3
"""Checks `dqcli rowhash` against the row hash as docs/row-hash.md defines it, computed here independently.

    python3 scripts/check-row-hash.py [DQCLI]      (default .build/debug/dqcli)

For each hand-written record (its CSV bytes and the fields they mean) the encoding is built with struct and
hashed with XXH3-128: by the `xxhash` PyPI module when it is installed, else by `xxhsum -H2` (Debian package
`xxhash`, which scripts/install-deps.sh installs). The records are written as one CSV file after a header;
dqcli's HASH, LINE and RECORD must match. Prints `N passed, N failed`; exits 1 on any failure.
"""
import base64
import os
import struct
import subprocess
import sys
import tempfile

# (CSV bytes of one record, line ending included; the fields they mean, after unquoting)
RECORDS = [
    (b'"a",b\n', [b"a", b"b"]),
    (b"a,b\n", [b"a", b"b"]),
    (b"a,bc\r\n", [b"a", b"bc"]),
    (b"ab,c\r\n", [b"ab", b"c"]),
    (b"\n", []),  # a blank line: zero fields
    (b'"x ""y"" z", padded \n', [b'x "y" z', b" padded "]),
    (b'"two\nlines",\xc3\xa9\n', [b"two\nlines", b"\xc3\xa9"]),
    (b',\n', [b"", b""]),
    (b"last,without-ending", [b"last", b"without-ending"]),
]


def encode(fields):
    return b"".join(struct.pack("<Q", len(field)) + field for field in fields)


def xxh3_128_hex(data):
    try:
        import xxhash  # noqa: PLC0415

        return xxhash.xxh3_128_hexdigest(data)
    except ImportError:
        output = subprocess.run(["xxhsum", "-H2", "-"], input=data, capture_output=True, check=True).stdout
        return output.split()[0].decode()


def main():
    dqcli = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/dqcli"
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL:", what)

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "records.csv")
        with open(path, "wb") as file:
            file.write(b"first,second\n" + b"".join(record for record, _ in RECORDS))
        output = subprocess.run(
            [dqcli, "rowhash", path, "--delimiter", ",", "--source-name", "records.csv"],
            capture_output=True, check=True,
        ).stdout.decode()
    lines = [line.split("\t") for line in output.splitlines()]
    check(len(lines) == len(RECORDS), f"{len(lines)} lines for {len(RECORDS)} records")
    line_number = 2
    for (record, fields), printed in zip(RECORDS, lines):
        expected = xxh3_128_hex(encode(fields))
        check(printed[0] == expected, f"line {line_number}: hash {printed[0]}, expected {expected}")
        check(printed[1] == "records.csv", f"line {line_number}: source {printed[1]}")
        check(printed[2] == str(line_number), f"line {line_number}: LINE {printed[2]}")
        check(base64.b64decode(printed[3], validate=True) == record, f"line {line_number}: RECORD {printed[3]}")
        line_number += record.count(b"\n")
    check(lines[0][0] == lines[1][0], '"a",b and a,b hash alike')
    check(lines[2][0] != lines[3][0], "a,bc and ab,c hash differently")
    check(
        xxh3_128_hex(encode([b"a", b"b"])) == "4e8071d3974d16754bcb794c7d699bd6",
        "the worked example of docs/row-hash.md",
    )
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

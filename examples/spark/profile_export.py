#!/usr/bin/env python3
"""Profiles a CSV export that arrives as many files, on Apache Spark, with dqcli; writes the report one dqcli
run over the whole export would write (README.md, "Profiling on Spark").

    spark-submit --master MASTER --files /shared/bin/dqcli examples/spark/profile_export.py \\
        --partitions 64 --report json=/shared/out/report.json /shared/export/part-*.csv

FILE...: paths that the driver and every executor see under the same name (shared storage); relative paths are
made absolute on the driver. Every file starts with the same header record (read with dqcli rowhash). The binary shipped with --files must
be the static dqcli (`make static`), so executors need no Swift toolchain and no libcsv.

Pass one runs `dqcli rowhash FILE` once per input file, one task per file, so a record with a quoted newline is
never cut; each printed line is HASH, SOURCE, LINE and the record's exact bytes in base64. The lines are
repartitioned by HASH into --partitions parts, so equal records (quoting aside) meet in one part, and sorted
within each part by (SOURCE, LINE). Pass two runs `SELECT TRANSFORM(...) USING './dqcli profile -
--record-encoding base64 --header-line ... --rows-partitioned-by-hash --state-out -'` on each part: one line of
JSON, the part's mergeable state. The driver writes the states to files and runs `dqcli merge` once per
--report.

Spark settings this relies on: adaptive query execution may not coalesce the hash partitions
(spark.sql.adaptive.coalescePartitions.enabled is set to false here). TRANSFORM does not start its command on
an empty partition, so an empty part yields no state: the driver checks that no part gave more than one state
and names the empty ones; an empty part's state would be the empty state, which merging leaves out anyway.
A dqcli that exits non-zero fails its task, and so the job: Spark raises "Subprocess exited with status N" with
dqcli's standard error; this script then exits 1.

Prints one line of JSON on standard output: files, partitions, states, empty_partitions (their ids) and
reports. Exit status: merge's (0, or 1 when a gate such as --fail-under in --merge-options failed), 1 when the
Spark job failed, 2 on a usage error (no file, files whose header lines differ). Messages go to standard error,
which spark-submit passes on to its standard output for a Python driver, so they come before the summary line.
"""
import argparse
import base64
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

from pyspark import SparkFiles
from pyspark.errors import PySparkException
from py4j.protocol import Py4JJavaError
from pyspark.sql import SparkSession

FORMATS = ("json", "table", "markdown", "html")
# Both ways, each row is one line of tab-separated fields: stated, because without a ROW FORMAT Spark 4 reads a
# script's output line into the first column whole.
ROW_FORMAT = "ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t' LINES TERMINATED BY '\\n'"


def parse_arguments():
    parser = argparse.ArgumentParser(description="Profile a CSV export of many files on Spark with dqcli.")
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--partitions", type=int, required=True,
                        help="number of hash partitions of pass two (each one dqcli profile run)")
    parser.add_argument("--report", action="append", metavar="FORMAT=PATH",
                        help=f"a report to write on the driver, FORMAT one of {', '.join(FORMATS)}; "
                             "repeatable (default json=report.json)")
    parser.add_argument("--delimiter", default=",", help="the field delimiter of every file (default ,)")
    parser.add_argument("--quote", help="the quote character, when not \"")
    parser.add_argument("--profile-options", default="",
                        help="more options for every dqcli profile run, one shell-quoted string "
                             "(for example \"--key id --null-value NA\")")
    parser.add_argument("--merge-options", default="",
                        help="more options for dqcli merge (for example \"--fail-under C\")")
    parser.add_argument("--states-folder",
                        help="where the driver keeps the state files (default: a temporary folder, deleted)")
    parser.add_argument("--dqcli-name", default="dqcli",
                        help="the file name of the dqcli binary shipped with --files (default dqcli)")
    arguments = parser.parse_args()
    if arguments.partitions < 1:
        parser.error("--partitions must be at least 1")
    reports = []
    for report in arguments.report or ["json=report.json"]:
        format_name, separator, path = report.partition("=")
        if not separator or format_name not in FORMATS or not path:
            parser.error(f"--report {report}: expected FORMAT=PATH with FORMAT one of {', '.join(FORMATS)}")
        reports.append((format_name, os.path.abspath(path)))
    arguments.reports = reports
    arguments.files = [os.path.abspath(path) for path in arguments.files]
    for path in arguments.files:
        if re.search(r"[\t\r\n]", path):
            parser.error(f"{path!r}: a path holding a tab or a line break cannot name a source")
    return arguments


def header_line(dqcli, path, arguments):
    """The file's header record as dqcli reads it (quoted line breaks included, BOM and blank lines before it
    left out), without its line ending: the first record `dqcli rowhash --no-header` prints. Only the first
    records are read; the command is stopped then."""
    command = [dqcli, "rowhash", path, "--no-header", *dialect_options(arguments)]
    with subprocess.Popen(command, stdout=subprocess.PIPE) as process:
        header = None
        for line in process.stdout:
            record = base64.b64decode(line.rstrip(b"\n").split(b"\t")[3])
            if record.rstrip(b"\r\n"):
                header = record
                break
        process.kill()
    if header is None:
        return None
    for ending in (b"\r\n", b"\n", b"\r"):
        if header.endswith(ending):
            header = header[:-len(ending)]
            break
    return header.decode("utf-8", errors="surrogateescape")


def sql_string(text):
    """A Spark SQL string literal holding text (backslash escapes, as the default parser reads them)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def dialect_options(arguments):
    options = ["--delimiter", arguments.delimiter]
    if arguments.quote is not None:
        options += ["--quote", arguments.quote]
    return options


def failed_subprocess_message(error):
    text = str(error)
    match = re.search(r"Subprocess exited with status \d+\. Error: [^\n]*", text)
    return match.group(0) if match else text.splitlines()[0]


def main():
    arguments = parse_arguments()
    spark = SparkSession.builder.appName("dqcli profile_export").getOrCreate()
    try:
        dqcli = SparkFiles.get(arguments.dqcli_name)
        headers = [header_line(dqcli, path, arguments) for path in arguments.files]
        for path, header in zip(arguments.files, headers):
            if header is None:
                sys.stderr.write(f"profile_export: {path}: the file has no header record\n")
                return 2
            if header != headers[0]:
                sys.stderr.write(f"profile_export: {path}: its header differs from the one of "
                                 f"{arguments.files[0]}\n")
                return 2
        return run(spark, arguments, headers[0])
    finally:
        spark.stop()


def run(spark, arguments, header):
    """Both passes and the merge; returns the exit status."""
    spark.conf.set("spark.sql.adaptive.coalescePartitions.enabled", "false")
    context = spark.sparkContext
    dqcli_relative = "./" + arguments.dqcli_name
    dialect = " ".join(shlex.quote(option) for option in dialect_options(arguments))

    # Pass one: one task per file (a one-element partition each), dqcli rowhash on the whole file.
    files = context.parallelize([(path,) for path in arguments.files], len(arguments.files))
    spark.createDataFrame(files, "path STRING").createOrReplaceTempView("input_files")
    rowhash = (f'while IFS= read -r path; do {dqcli_relative} rowhash "$path" {dialect} || exit; done')
    records = spark.sql(
        f"SELECT TRANSFORM(path) {ROW_FORMAT} USING {sql_string(rowhash)} "
        f"AS (hash STRING, source STRING, line BIGINT, record STRING) {ROW_FORMAT} FROM input_files")
    records.repartition(arguments.partitions, "hash").sortWithinPartitions("source", "line") \
        .createOrReplaceTempView("records_by_hash")

    # Pass two: one dqcli profile per hash partition, each printing its state as one line of JSON.
    profile = [dqcli_relative, "profile", "-", "--record-encoding", "base64", "--header-line", header,
               *dialect_options(arguments), *shlex.split(arguments.profile_options),
               "--rows-partitioned-by-hash", "--state-out", "-"]
    profile_command = shlex.join(profile)
    try:
        states = spark.sql(
            "SELECT spark_partition_id() AS partition, state FROM ("
            f"SELECT TRANSFORM(hash, source, line, record) {ROW_FORMAT} USING {sql_string(profile_command)} "
            f"AS (state STRING) {ROW_FORMAT} FROM records_by_hash)").collect()
    except (Py4JJavaError, PySparkException) as error:
        sys.stderr.write(f"profile_export: the Spark job failed: {failed_subprocess_message(error)}\n")
        return 1

    partitions_with_state = sorted(row.partition for row in states)
    if len(set(partitions_with_state)) != len(partitions_with_state):
        sys.stderr.write("profile_export: a partition gave more than one line of state\n")
        return 1
    empty_partitions = sorted(set(range(arguments.partitions)) - set(partitions_with_state))
    dqcli = SparkFiles.get(arguments.dqcli_name)

    with tempfile.TemporaryDirectory() as scratch:
        states_folder = arguments.states_folder or scratch
        os.makedirs(states_folder, exist_ok=True)
        state_files = []
        for row in sorted(states, key=lambda row: row.partition):
            path = os.path.join(states_folder, f"part-{row.partition:05d}.state.json")
            with open(path, "w", encoding="utf-8") as file:
                file.write(row.state + "\n")
            state_files.append(path)
        if not state_files:
            # No record at all: the state of an empty input stands for the export.
            path = os.path.join(states_folder, "empty.state.json")
            subprocess.run([dqcli, *profile[1:-1], path], stdin=subprocess.DEVNULL, check=True)
            state_files.append(path)
        status = 0
        # The report's source.path: the one file, or the files' common folder and their count.
        export_name = arguments.files[0] if len(arguments.files) == 1 else \
            f"{os.path.commonpath([os.path.abspath(path) for path in arguments.files])} ({len(arguments.files)} files)"
        for format_name, path in arguments.reports:
            merge = [dqcli, "merge", *state_files, "--source-name", export_name, "--format", format_name, "--output", path,
                     *shlex.split(arguments.merge_options)]
            status = max(status, subprocess.run(merge).returncode)
    print(json.dumps({"files": len(arguments.files), "partitions": arguments.partitions,
                      "states": len(states), "empty_partitions": empty_partitions,
                      "reports": [path for _, path in arguments.reports]}))
    return status


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Byte-identity harness: every report one dqcli writes, compared byte for byte with another dqcli's.

    identity.py record OLD_DQCLI BASEDIR     make the plan and its inputs in BASEDIR, run OLD_DQCLI over it
    identity.py run DQCLI BASEDIR OUTDIR     run DQCLI over BASEDIR's plan, outputs in OUTDIR
    identity.py compare BASEDIR OUTDIR       list every output that differs; exit 1 when any does

`record` copies the inputs into BASEDIR/inputs (Fixtures/, the shared cases, the generated 100 MB file, the
parts for merge, rowhash lines for partition mode) so that a later `run` needs neither the old binary nor the
checkout it came from, and saves OLD_DQCLI's outputs in BASEDIR/outputs.

What the plan holds, each report in json, markdown, html and table:
- profile, on --threads 1 and --threads 2, of every Fixtures/**/*.csv (no options), of every Fixtures/cases
  and Fixtures/oracle entry (with the options its expected.json or manifest.json gives), of every shared case
  (../shared/cases/*/, with its expected.json's args, as check.py runs it), of each rule fixture with its rule
  file (and each rule file of Fixtures/rules/bad), and of the generated 100 MB file (gen_csv.py, seed 43);
- merge of the states of 2 and of 3 parts (profile --state-out; the parts cut at record starts that
  `rowhash` reports, each part with the header line; the delimiter given explicitly so that every part
  reads alike) of each of these that profiles with exit 0, through `dqcli merge`;
- rowhash of every fixture (its standard output), and partition mode (`--record-encoding base64
  --header-line`) over those rowhash lines, on --threads 1 and --threads 2.
Every job also keeps its exit status and standard error. The one thing masked: the folder of a side's state
files, which differs between the two sides, is written {states} in standard error (merge's messages name the
state files). The reports hold no clock time (a rule fixture's run time is fixed with --now), so nothing in a
report is masked.
"""
import concurrent.futures
import hashlib
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPOSITORY = os.path.dirname(HERE)
SHARED = os.environ.get("IDENTITY_SHARED", os.path.join(os.path.dirname(REPOSITORY), "shared"))
FORMATS = ["json", "markdown", "html", "table"]
THREADS = ["1", "2"]
NOW = "2026-12-01T00:00:00Z"
GENERATED_MEGABYTES = 100
GENERATED_SEED = 43
WORKERS = int(os.environ.get("IDENTITY_WORKERS", "2"))
DIALECT_OPTIONS_WITH_VALUE = {"--delimiter", "--quote", "--max-field-bytes"}


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fixture_variants(inputs):
    """(name, input path relative to inputs, args) for every fixture, case, oracle entry, shared case and rule file."""
    variants = []
    for folder, _, files in sorted(os.walk(os.path.join(inputs, "Fixtures"))):
        for file in sorted(files):
            if file.endswith(".csv"):
                path = os.path.relpath(os.path.join(folder, file), inputs)
                variants.append((path.replace("/", "_"), path, []))
    for case in sorted(os.listdir(os.path.join(inputs, "Fixtures/cases"))):
        spec = json.load(open(os.path.join(inputs, "Fixtures/cases", case, "expected.json")))
        if spec.get("args"):
            variants.append((f"cases_{case}_args", f"Fixtures/cases/{case}/input.csv", spec["args"]))
    for entry in json.load(open(os.path.join(inputs, "Fixtures/oracle/manifest.json"))):
        if entry["args"]:
            variants.append((f"oracle_{entry['name']}", entry["input"], entry["args"]))
    for case in sorted(os.listdir(os.path.join(inputs, "shared-cases"))):
        spec = json.load(open(os.path.join(inputs, "shared-cases", case, "expected.json")))
        input_files = [f for f in sorted(os.listdir(os.path.join(inputs, "shared-cases", case))) if f.startswith("input")]
        variants.append((f"shared_{case}", f"shared-cases/{case}/{input_files[0]}", spec.get("args", [])))
    rules = os.path.join(inputs, "Fixtures/rules")
    for file in sorted(os.listdir(rules)):
        if file.endswith(".yml") and os.path.exists(os.path.join(rules, file[:-4] + ".csv")):
            stem = file[:-4]
            variants.append((f"rules_{stem}", f"Fixtures/rules/{stem}.csv",
                             ["--rules", f"Fixtures/rules/{file}", "--now", NOW]))
    for file in sorted(os.listdir(os.path.join(rules, "bad"))):
        variants.append((f"rules_bad_{file[:-4]}", "Fixtures/rules/every-rule.csv",
                         ["--rules", f"Fixtures/rules/bad/{file}", "--now", NOW]))
    for number in (1, 2, 3):
        variants.append((f"cron_orders-{number}", f"Fixtures/cron/orders-{number}.csv",
                         ["--rules", "Fixtures/cron/orders.yml", "--now", NOW]))
    variants.append(("generated-100MB", "generated/generated-100MB-seed43.csv", []))
    return variants


def run(argv, cwd, stdout_path=None):
    with open(stdout_path or os.devnull, "wb") as stdout:
        process = subprocess.run(argv, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE)
    return process.returncode, process.stderr


def dialect_arguments(args):
    """The options of args that decide where records end (for rowhash)."""
    kept, index = [], 0
    while index < len(args):
        if args[index] in DIALECT_OPTIONS_WITH_VALUE:
            kept += args[index:index + 2]
            index += 2
        else:
            if args[index] == "--no-header":
                kept.append("--no-header")
            index += 1
    return kept


def cut_into_parts(dqcli, inputs, name, path, args, delimiter, count):
    """Parts of path cut at record starts (rowhash's lines), each with the header line; None when it cannot."""
    dialect = dialect_arguments(args)
    if "--delimiter" not in dialect:
        dialect += ["--delimiter", delimiter]
    listing = os.path.join(inputs, "parts", f"{name}.rowhash")
    status, _ = run([dqcli, "rowhash", path] + dialect, inputs, listing)
    if status != 0:
        return None
    starts = []
    with open(listing, "rb") as handle:
        for line in handle:
            starts.append(int(line.split(b"\t")[2]))
    os.remove(listing)
    if len(starts) < count:
        return None
    with open(os.path.join(inputs, path), "rb") as handle:
        lines = handle.read().splitlines(keepends=True)
    header = []
    if "--no-header" not in args:
        # The header is the first line that is not blank (rowhash lists blank lines before it as records).
        header_end = next((index + 1 for index, line in enumerate(lines) if line.strip(b"\r\n")), len(lines))
        header = lines[:header_end]
        starts = [start for start in starts if start > header_end]
    if len(starts) < count:
        return None
    bounds = [starts[len(starts) * index // count] - 1 for index in range(count)] + [len(lines)]
    if "--no-header" in args:
        bounds[0] = 0
    parts = []
    for index in range(count):
        part = f"parts/{name}.{index + 1}of{count}.csv"
        with open(os.path.join(inputs, part), "wb") as handle:
            handle.writelines(header + lines[bounds[index]:bounds[index + 1]])
        parts.append(part)
    return parts


def header_line(inputs, path):
    with open(os.path.join(inputs, path), "rb") as handle:
        first = handle.readline()
    if first.startswith(b"\xef\xbb\xbf"):
        first = first[3:]
    return first.rstrip(b"\r\n").decode("utf-8", "replace")


def make_plan(dqcli, basedir):
    """Copy the inputs into basedir/inputs and write basedir/plan.json: groups of jobs run in order."""
    inputs = os.path.join(basedir, "inputs")
    if os.path.exists(inputs):
        shutil.rmtree(inputs)
    os.makedirs(os.path.join(inputs, "parts"))
    os.makedirs(os.path.join(inputs, "rowhash"))
    os.makedirs(os.path.join(inputs, "generated"))
    shutil.copytree(os.path.join(REPOSITORY, "Fixtures"), os.path.join(inputs, "Fixtures"))
    shutil.copytree(os.path.join(SHARED, "cases"), os.path.join(inputs, "shared-cases"),
                    ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    generated = os.path.join(inputs, "generated/generated-100MB-seed43.csv")
    cached = os.environ.get("IDENTITY_GENERATED")
    if cached:
        shutil.copyfile(cached, generated)
    else:
        subprocess.run([sys.executable, os.path.join(SHARED, "bench/gen_csv.py"), "--mb", str(GENERATED_MEGABYTES),
                        "--seed", str(GENERATED_SEED), "--out", generated], check=True, stderr=subprocess.DEVNULL)
    groups = []
    skipped = []
    for name, path, args in fixture_variants(inputs):
        jobs = []
        for threads in THREADS:
            for report_format in FORMATS:
                jobs.append({"id": f"profile/{name}.t{threads}.{report_format}",
                             "argv": ["profile", path] + args + ["--format", report_format, "--threads", threads,
                                                                  "--color", "never", "--quiet", "--output", "{report}"]})
        groups.append(jobs)
        probe = os.path.join(basedir, "probe.json")
        status, _ = run([dqcli, "profile", path] + args + ["--format", "json", "--quiet", "--output", probe], inputs)
        if status not in (0, 1) or not os.path.exists(probe):
            skipped.append(f"{name}: merge and partition mode (profile exits {status})")
            continue
        report = json.load(open(probe))
        os.remove(probe)
        delimiter = report["source"]["delimiter"]
        delimiter = "tab" if delimiter == "\t" else delimiter
        merge_options = []
        if "--rules" in args:
            merge_options = ["--rules", args[args.index("--rules") + 1], "--now", NOW]
        part_args = args if "--delimiter" in args else args + ["--delimiter", delimiter]
        for count in (2, 3):
            parts = cut_into_parts(dqcli, inputs, name, path, args, delimiter, count)
            if parts is None:
                skipped.append(f"{name}: merge of {count} parts (fewer records than parts, or rowhash fails)")
                continue
            jobs = []
            for index, part in enumerate(parts):
                jobs.append({"id": f"merge/{name}.{count}parts.part{index + 1}-profile",
                             "argv": ["profile", part] + part_args + ["--threads", "1", "--quiet",
                                                                      "--state-out", "{state%d}" % index]})
            for report_format in FORMATS:
                jobs.append({"id": f"merge/{name}.{count}parts.{report_format}",
                             "argv": ["merge"] + ["{state%d}" % index for index in range(count)] + merge_options
                             + ["--format", report_format, "--color", "never", "--output", "{report}"]})
            groups.append(jobs)
        if args or name == "generated-100MB":
            continue
        lines = f"rowhash/{name}.lines"
        status, _ = run([dqcli, "rowhash", path, "--delimiter", delimiter], inputs, os.path.join(inputs, lines))
        jobs = [{"id": f"rowhash/{name}", "argv": ["rowhash", path, "--delimiter", delimiter], "stdout": True}]
        if status == 0:
            for threads in THREADS:
                for report_format in FORMATS:
                    jobs.append({"id": f"partition/{name}.t{threads}.{report_format}",
                                 "argv": ["profile", lines, "--record-encoding", "base64", "--header-line",
                                          header_line(inputs, path), "--delimiter", delimiter, "--format",
                                          report_format, "--threads", threads, "--color", "never", "--quiet",
                                          "--output", "{report}"]})
        else:
            skipped.append(f"{name}: partition mode (rowhash exits {status})")
        groups.append(jobs)
    plan = {"generated_sha256": sha256(generated), "groups": groups, "skipped": skipped}
    with open(os.path.join(basedir, "plan.json"), "w") as handle:
        json.dump(plan, handle, indent=1)
    return plan


EXTENSIONS = {"json": "json", "markdown": "md", "html": "html", "table": "txt"}


def run_group(dqcli, inputs, outputs, group, scratch):
    for job in group:
        stem = os.path.join(outputs, job["id"])
        os.makedirs(os.path.dirname(stem), exist_ok=True)
        extension = EXTENSIONS.get(job["argv"][job["argv"].index("--format") + 1], "out") \
            if "--format" in job["argv"] else "out"
        state_stem = os.path.join(scratch, job["id"].rsplit(".", 1)[0].replace("/", "_"))
        argv = []
        for word in job["argv"]:
            if word == "{report}":
                word = f"{stem}.{extension}"
            elif word.startswith("{state"):
                word = f"{state_stem}.state{word[6:-1]}"
            argv.append(word)
        status, stderr = run([dqcli] + argv, inputs, f"{stem}.out" if job.get("stdout") else None)
        with open(f"{stem}.err", "wb") as handle:
            handle.write(stderr.replace(scratch.encode(), b"{states}"))
        with open(f"{stem}.rc", "w") as handle:
            handle.write(f"{status}\n")


def run_plan(dqcli, basedir, outdir):
    plan = json.load(open(os.path.join(basedir, "plan.json")))
    inputs = os.path.join(basedir, "inputs")
    generated = os.path.join(inputs, "generated/generated-100MB-seed43.csv")
    if sha256(generated) != plan["generated_sha256"]:
        sys.exit(f"identity.py: {generated} is not the file the plan was made with")
    outputs = os.path.join(outdir, "outputs")
    if os.path.exists(outputs):
        shutil.rmtree(outputs)
    os.makedirs(outputs)
    scratch = os.path.join(outdir, "states")
    os.makedirs(scratch, exist_ok=True)
    dqcli = os.path.abspath(dqcli)
    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        for future in [pool.submit(run_group, dqcli, inputs, outputs, group, scratch) for group in plan["groups"]]:
            future.result()
    shutil.rmtree(scratch)
    with open(os.path.join(outdir, "dqcli.txt"), "w") as handle:
        version = subprocess.run([dqcli, "--version"], capture_output=True, text=True).stdout.strip()
        handle.write(f"{dqcli}\n{version}\nsha256 {sha256(dqcli)}\n")


def compare(basedir, outdir):
    old_root, new_root = os.path.join(basedir, "outputs"), os.path.join(outdir, "outputs")
    names = set()
    for root in (old_root, new_root):
        for folder, _, files in os.walk(root):
            names.update(os.path.relpath(os.path.join(folder, file), root) for file in files)
    kinds = {}
    differing = []
    for name in sorted(names):
        kind = name.split("/")[0]
        kinds[kind] = kinds.get(kind, 0) + 1
        old, new = os.path.join(old_root, name), os.path.join(new_root, name)
        if not os.path.exists(old) or not os.path.exists(new):
            differing.append((name, "only in " + ("new" if not os.path.exists(old) else "old")))
        elif open(old, "rb").read() != open(new, "rb").read():
            differing.append((name, "differs"))
    plan = json.load(open(os.path.join(basedir, "plan.json")))
    print(f"compared {len(names)} files ({', '.join(f'{kind} {count}' for kind, count in sorted(kinds.items()))}); "
          f"{sum(len(group) for group in plan['groups'])} jobs")
    for line in plan["skipped"]:
        print(f"not in the plan: {line}")
    for name, how in differing:
        print(f"DIFFERENT ({how}): {name}")
    print(f"{len(names) - len(differing)} identical, {len(differing)} different")
    return 1 if differing else 0


def main(argv):
    if len(argv) == 3 and argv[0] == "record":
        os.makedirs(argv[2], exist_ok=True)
        make_plan(argv[1], argv[2])
        run_plan(argv[1], argv[2], argv[2])
        return 0
    if len(argv) == 4 and argv[0] == "run":
        run_plan(argv[1], argv[2], argv[3])
        return 0
    if len(argv) == 3 and argv[0] == "compare":
        return compare(argv[1], argv[2])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

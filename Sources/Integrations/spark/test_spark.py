#!/usr/bin/env python3
"""`make spark-test`: the Spark job against `unspun clean` on the same inputs.

For each input, `unspun clean` once, then the job with 1, 3 and 8 partitions (part files): its
documents and articles, sorted by id, must be byte-identical to clean's, and so must report.json;
one run with --coalesce must match clean's files as they are (clean's order). Then the retry test:
one `unspun map` process is killed halfway through its partition, Spark retries the task (the
master allows 2 attempts), and the outputs must still match.

    test_spark.py --binary .build/release/unspun --work .build/spark-test Fixtures/seeds dump.jsonl
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unspun_spark  # noqa: E402


def lines_of(path: str) -> list[bytes]:
    """The lines of a file, or of a folder's part files."""
    files = sorted(glob.glob(os.path.join(path, "part-*"))) if os.path.isdir(path) else [path]
    result = []
    for name in files:
        with open(name, "rb") as handle:
            result += handle.read().splitlines()
    return result


def by_id(lines: list[bytes]) -> list[bytes]:
    return sorted(lines, key=lambda line: json.loads(line)["id"].encode("utf-8"))


def compare(clean: str, spark: str, exact: bool) -> list[str]:
    """What differs between clean's outputs and the job's (empty: nothing)."""
    failures = []
    for name in ("documents", "articles", "rejects"):
        theirs = lines_of(os.path.join(spark, name + (".jsonl" if exact else "")))
        ours = lines_of(os.path.join(clean, name + ".jsonl"))
        if not exact:
            # Part files come in no particular order (rejects have no id to sort by but their place).
            order = sorted if name == "rejects" else by_id
            theirs, ours = order(theirs), order(ours)
        if theirs != ours:
            differing = next((i for i, (a, b) in enumerate(zip(theirs, ours)) if a != b), min(len(theirs), len(ours)))
            failures.append(f"{name}: {len(theirs)} lines beside clean's {len(ours)}, first difference at line {differing + 1}")
    for name in ("report.json", "line-counts.tsv"):
        theirs, ours = (os.path.join(folder, name) for folder in (spark, clean))
        if os.path.exists(theirs) != os.path.exists(ours):
            failures.append(f"{name}: written by {'the job' if os.path.exists(theirs) else 'clean'} only")
        elif os.path.exists(ours):
            with open(theirs, "rb") as a, open(ours, "rb") as b:
                if a.read() != b.read():
                    failures.append(f"{name} differs")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--partitions", default="1,3,8")
    options = parser.parse_args()
    shutil.rmtree(options.work, ignore_errors=True)
    os.makedirs(options.work)
    # Two attempts per task, so that the killed process's task is retried.
    spark = unspun_spark.session("local[2,2]")
    failed = 0

    def check(label: str, clean: str, argv: list[str], exact: bool) -> None:
        nonlocal failed
        args, routed = unspun_spark.parse(argv)
        started = time.time()
        with tempfile.TemporaryDirectory(prefix="unspun-spark-test-") as shipped:
            unspun_spark.run(spark.sparkContext, args, routed, shipped)
        failures = compare(clean, args.out, exact)
        failed += bool(failures)
        print(f"{'FAIL' if failures else 'ok  '} {label} ({time.time() - started:.0f} s){': ' + '; '.join(failures) if failures else ''}", flush=True)

    for number, item in enumerate(options.inputs):
        clean = os.path.join(options.work, f"clean-{number}")
        subprocess.run([options.binary, "clean", item, "--out", clean, "--quiet"], check=False)
        name = os.path.basename(item.rstrip("/"))
        for partitions in options.partitions.split(","):
            out = os.path.join(options.work, f"spark-{number}-{partitions}")
            check(f"{name}, {partitions} partitions, sorted by id", clean, [item, "--out", out, "--partitions", partitions, "--binary", options.binary], False)
        out = os.path.join(options.work, f"spark-{number}-coalesced")
        check(f"{name}, 3 partitions, --coalesce, as written", clean, [item, "--out", out, "--partitions", "3", "--coalesce", "--binary", options.binary], True)

    # Repeated ids (none in the inputs above): the first 300 records of the last input, then 40
    # of them again with other text; the first of each id is kept, the others are rejects.
    with open(options.inputs[-1], "rb") as handle:
        records = [json.loads(line) for _, line in zip(range(300), handle)]
    again = [{**record, "text": records[-1 - number]["text"]} for number, record in enumerate(records[:40])]
    repeated = os.path.join(options.work, "repeated-ids.jsonl")
    with open(repeated, "w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in records[:150] + again + records[150:])
    repeated_clean = os.path.join(options.work, "clean-repeated")
    subprocess.run([options.binary, "clean", repeated, "--out", repeated_clean, "--quiet"], check=False)
    check("repeated ids, 3 partitions", repeated_clean, [repeated, "--out", os.path.join(options.work, "spark-repeated"), "--partitions", "3", "--binary", options.binary], False)

    # The components found in rounds of joins instead of on the driver.
    out = os.path.join(options.work, "spark-spread")
    check(f"{name}, 3 partitions, components in rounds of joins", clean, [options.inputs[-1], "--out", out, "--partitions", "3", "--binary", options.binary, "--driver-components", "0"], False)

    # The retry test, on the last input.
    marker = os.path.join(options.work, "killed")
    out = os.path.join(options.work, "spark-killed")
    check(
        f"{name}, 3 partitions, one unspun map killed mid-partition",
        clean,
        [options.inputs[-1], "--out", out, "--partitions", "3", "--binary", options.binary, "--kill-once", marker],
        False,
    )
    if not os.path.exists(marker):
        failed += 1
        print("FAIL the retry test killed no process")
    else:
        print("ok   the killed task was retried (marker written by the killed attempt)")
    spark.stop()
    print("spark-test: " + (f"{failed} failed" if failed else "all outputs byte-identical to unspun clean's"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

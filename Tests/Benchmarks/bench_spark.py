#!/usr/bin/env python3
"""`make bench-spark`: the Spark job (Sources/Integrations/spark) in local[2] beside `unspun clean`
on the same dump: MB/s, peak memory (the process tree sampled every 0.2 s: all of it, the JVM,
the Python workers, the largest single `unspun` process), each step's seconds, and whether the
outputs sorted by id are byte-identical.

    bench_spark.py DUMP --binary .build/release/unspun --work bench-data/spark [--partitions 8]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SPARK = os.path.join(HERE, "..", "..", "Sources", "Integrations", "spark")
sys.path.insert(0, SPARK)
from test_spark import compare  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(root: int) -> dict[str, int]:
    """RSS in bytes of `root` and its descendants: in all, the JVM, the Python workers, the largest unspun."""
    children: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                stat = handle.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        parent = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(parent, []).append(int(entry))
        names[int(entry)] = name
    sizes = {"all": 0, "jvm": 0, "python": 0, "unspun": 0}
    stack = [root]
    while stack:
        pid = stack.pop()
        stack += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/statm") as handle:
                rss = int(handle.read().split()[1]) * PAGE
        except OSError:
            continue
        sizes["all"] += rss
        name = names.get(pid, "")
        if name == "java":
            sizes["jvm"] += rss
        elif name.startswith("python") and pid != root:
            sizes["python"] += rss
        elif name == "unspun":
            sizes["unspun"] = max(sizes["unspun"], rss)
    return sizes


def measured(command: list[str]) -> tuple[float, dict[str, int], str]:
    """Wall seconds, peak RSS by kind, and standard error of `command`."""
    started = time.time()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peaks = {"all": 0, "jvm": 0, "python": 0, "unspun": 0}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for kind, size in tree_rss(process.pid).items():
                peaks[kind] = max(peaks[kind], size)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    errors = process.communicate()[1]
    done.set()
    sampler.join()
    if process.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(command[:3])} failed ({process.returncode}):\n{errors[-3000:]}")
    return time.time() - started, peaks, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dump")
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--partitions", type=int, default=8)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    clean_out, spark_out = os.path.join(args.work, "clean"), os.path.join(args.work, "spark")
    clean_seconds, clean_peaks, _ = measured([args.binary, "clean", args.dump, "--out", clean_out, "--quiet", "--jobs", "2"])
    job = [sys.executable, os.path.join(SPARK, "unspun_spark.py"), args.dump, "--out", spark_out, "--partitions", str(args.partitions), "--binary", args.binary]
    spark_seconds, spark_peaks, errors = measured(job + ["--master", "local[2]"])
    steps = dict(re.findall(r"\s*([^,]+?) ([\d.]+)(?:,|$)", re.search(r"seconds per step: (.*)", errors).group(1)))
    with open(os.path.join(clean_out, "report.json")) as handle:
        megabytes = json.load(handle)["bytes_read"] / 1e6
    failures = compare(clean_out, spark_out, exact=False)
    mb = 1 << 20
    print(f"dump: {args.dump}, {megabytes:.1f} MB of text; Spark local[2], {args.partitions} partitions")
    print("| run | seconds | MB/s | peak RSS, all | JVM | Python workers | largest unspun |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print(f"| `unspun clean --jobs 2` | {clean_seconds:.1f} | {megabytes / clean_seconds:.1f} | {clean_peaks['all'] / mb:.0f} MB | – | – | {clean_peaks['unspun'] / mb:.0f} MB |")
    print(
        f"| `unspun_spark.py`, local[2] | {spark_seconds:.1f} | {megabytes / spark_seconds:.2f} | {spark_peaks['all'] / mb:.0f} MB | "
        f"{spark_peaks['jvm'] / mb:.0f} MB | {spark_peaks['python'] / mb:.0f} MB | {spark_peaks['unspun'] / mb:.0f} MB |"
    )
    print("| step | seconds | share |")
    print("| --- | --- | --- |")
    total = sum(float(value) for value in steps.values())
    for name, value in steps.items():
        print(f"| {name.strip()} | {float(value):.1f} | {100 * float(value) / max(total, 1e-9):.0f}% |")
    print("outputs sorted by id: " + ("byte-identical to clean's" if not failures else "; ".join(failures)))
    with open(os.path.join(args.work, "bench-spark.json"), "w") as handle:
        json.dump({"megabytes": megabytes, "clean": [clean_seconds, clean_peaks], "spark": [spark_seconds, spark_peaks], "steps": steps, "failures": failures}, handle)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""`make bench-spark`: the Spark job (Sources/Integrations/spark) in local[2] beside `unspun clean`
on the same dump, run clean, job, clean so that the other sessions' load falls on both: MB/s,
CPU seconds of the whole process tree (which the load does not inflate much, so they carry over
to other machines better than wall seconds), the load average, peak memory (the tree sampled
every 0.2 s: all of it, the JVM, the Python workers, the largest single `unspun` process), each
step's wall and CPU seconds, and whether the outputs sorted by id are byte-identical.

    bench_spark.py DUMP --binary .build/release/unspun --work bench-data/spark [--partitions 64]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SPARK = os.path.join(HERE, "..", "..", "Sources", "Integrations", "spark")
sys.path.insert(0, SPARK)
from test_spark import compare  # noqa: E402
from unspun_spark import CpuLedger, process_tree  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(root: int) -> dict[str, int]:
    """RSS in bytes of `root` and its descendants: in all, the JVM, the Python workers, the largest unspun."""
    sizes = {"all": 0, "jvm": 0, "python": 0, "unspun": 0}
    for pid, name, fields in process_tree(root):
        rss = int(fields[21]) * PAGE
        sizes["all"] += rss
        if name == "java":
            sizes["jvm"] += rss
        elif name.startswith("python") and pid != root:
            sizes["python"] += rss
        elif name == "unspun":
            sizes["unspun"] = max(sizes["unspun"], rss)
    return sizes


def load() -> float:
    with open("/proc/loadavg") as handle:
        return float(handle.read().split()[0])


def measured(command: list[str]) -> dict:
    """Wall and CPU seconds, peak RSS by kind, the 1-minute load average (mean of samples, so
    the other sessions' share shows) and standard error of `command`."""
    started = time.time()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peaks = {"all": 0, "jvm": 0, "python": 0, "unspun": 0}
    loads = []
    done = threading.Event()
    ledger = CpuLedger(process.pid)

    def sample() -> None:
        while not done.is_set():
            for kind, size in tree_rss(process.pid).items():
                peaks[kind] = max(peaks[kind], size)
            ledger.sample()
            loads.append(load())
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    waited = resource.getrusage(resource.RUSAGE_CHILDREN)
    errors = process.communicate()[1]
    done.set()
    sampler.join()
    # Sampled, the last 0.2 s of each process are missed; the waited-for usage misses what ended
    # unwaited-for. Each is a lower bound.
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = [max(ledger.stop(), usage.ru_utime + usage.ru_stime - waited.ru_utime - waited.ru_stime)]
    if process.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(command[:3])} failed ({process.returncode}):\n{errors[-3000:]}")
    return {"seconds": time.time() - started, "cpu": cpu[0], "peaks": peaks, "load": sum(loads) / max(len(loads), 1), "errors": errors}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dump")
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--driver-memory", default="1g", help="the JVM's heap (it holds the local executors too)")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    clean_out, spark_out = os.path.join(args.work, "clean"), os.path.join(args.work, "spark")
    clean = [args.binary, "clean", args.dump, "--out", clean_out, "--quiet", "--jobs", "2"]
    job = [sys.executable, os.path.join(SPARK, "unspun_spark.py"), args.dump, "--out", spark_out, "--partitions", str(args.partitions), "--binary", args.binary]
    # clean, the job, clean again: the other sessions' load, which comes and goes, falls on both.
    runs = [("`unspun clean --jobs 2`", measured(clean))]
    runs.append(("`unspun_spark.py`, local[2]", measured(job + ["--master", "local[2]", "--driver-memory", args.driver_memory])))
    runs.append(("`unspun clean --jobs 2`, again", measured(clean)))
    errors = runs[1][1]["errors"]
    steps = {
        kind: dict(re.findall(r"\s*([^,]+?) (-?[\d.]+)(?:,|$)", re.search(rf"^unspun_spark: {kind} per step: (.*)$", errors, re.M).group(1)))
        for kind in ("seconds", "CPU seconds")
    }
    with open(os.path.join(clean_out, "report.json")) as handle:
        megabytes = json.load(handle)["bytes_read"] / 1e6
    failures = compare(clean_out, spark_out, exact=False)
    mb = 1 << 20
    print(f"dump: {args.dump}, {megabytes:.1f} MB of text; Spark local[2], {args.partitions} partitions, driver heap {args.driver_memory}")
    print("| run | seconds | MB/s | CPU seconds | CPU s per MB | load (1 min) | peak RSS, all | JVM | Python workers | largest unspun |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for label, run in runs:
        peaks = run["peaks"]
        spark = "spark" in label
        print(
            f"| {label} | {run['seconds']:.1f} | {megabytes / run['seconds']:.2f} | {run['cpu']:.0f} | {run['cpu'] / megabytes:.3f} | {run['load']:.1f} | {peaks['all'] / mb:,.0f} MB | "
            + (f"{peaks['jvm'] / mb:,.0f} MB | {peaks['python'] / mb:,.0f} MB | " if spark else "– | – | ")
            + f"{peaks['unspun'] / mb:,.0f} MB |"
        )
    print("| step | seconds | share | CPU seconds | CPU s per MB |")
    print("| --- | --- | --- | --- | --- |")
    total = sum(float(value) for value in steps["seconds"].values())
    for name, value in steps["seconds"].items():
        cpu = float(steps["CPU seconds"][name])
        print(f"| {name.strip()} | {float(value):.1f} | {100 * float(value) / max(total, 1e-9):.0f}% | {cpu:.0f} | {cpu / megabytes:.3f} |")
    summed = sum(float(value) for value in steps["CPU seconds"].values())
    print(f"CPU seconds of the steps, summed: {summed:.0f}; of the job's whole process tree: {runs[1][1]['cpu']:.0f}")
    print("outputs sorted by id: " + ("byte-identical to clean's" if not failures else "; ".join(failures)))
    with open(os.path.join(args.work, "bench-spark.json"), "w") as handle:
        summary = [{key: value for key, value in run.items() if key != "errors"} | {"label": label} for label, run in runs]
        json.dump({"megabytes": megabytes, "runs": summary, "steps": steps, "failures": failures}, handle)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

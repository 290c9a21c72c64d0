"""Start-up cost of a run: one record through `unspun repair --pack science` (7,600 phrase
rules to parse) at --jobs 1 and --jobs 8, alternated, median of N runs each. Rule files are
parsed and the phrase trie built once per process, so the two should take the same time; with
a trie per worker, the second would build it eight times.

    python3 Tests/Benchmarks/bench_startup.py [--binary .build/release/unspun] [--runs 7]
"""

import argparse
import os
import statistics
import subprocess
import time

RECORD = b'{"id": "one", "text": "The researchers used a profound neural organization to take a seat down."}\n'


def run(binary: str, jobs: int, rules: str) -> tuple[float, float]:
    before = os.times()
    started = time.perf_counter()
    subprocess.run(
        [binary, "repair", "--pack", "science", "--jobs", str(jobs), "--rules", rules],
        input=RECORD, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - started
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=".build/release/unspun")
    parser.add_argument("--rules", default="Rules")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    times: dict[int, list[tuple[float, float]]] = {1: [], 8: []}
    for _ in range(args.runs):
        for jobs in times:
            times[jobs].append(run(args.binary, jobs, args.rules))
    for jobs, samples in times.items():
        wall = statistics.median(s[0] for s in samples)
        cpu = statistics.median(s[1] for s in samples)
        print(f"repair --pack science, one record, --jobs {jobs}: {wall:.3f} s wall, {cpu:.3f} s CPU (median of {args.runs})")


if __name__ == "__main__":
    main()

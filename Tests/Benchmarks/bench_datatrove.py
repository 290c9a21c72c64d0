#!/usr/bin/env python3
"""datatrove with unspun's UnspunFilter against datatrove's own C4 and Gopher quality filters,
on the same first MB megabytes of text of a dump, one task each (LocalPipelineExecutor,
tasks=1, workers=1): JsonlReader -> filter, every document consumed, nothing written.

Prints documents/s and MB/s of text (wall clock), and the CPU seconds of the Python process
and of its children (unspun's processes, one per stage, run side by side as a pipeline).

  make bench-datatrove   (or: UNSPUN_BINARY=.build/release/unspun .venv/bin/python
                          Tests/Benchmarks/bench_datatrove.py bench-data/dump-100k.jsonl --mb 100)
"""
import argparse, json, os, resource, sys, tempfile, time

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.filters import C4QualityFilter, GopherQualityFilter
from datatrove.pipeline.readers import JsonlReader

from unspun.datatrove import UnspunFilter


class Count(PipelineStep):
    """Consumes the documents (the filters are generators)."""

    name = "count"
    type = "🔢"

    def run(self, data, rank=0, world_size=1):
        for doc in data:
            self.stat_update("kept")
        return
        yield


def cut(dump, megabytes, folder):
    """The first records of `dump` holding `megabytes` MB of text; returns (path, documents, text bytes)."""
    path = os.path.join(folder, "part.jsonl")
    documents = size = 0
    with open(dump, encoding="utf-8") as source, open(path, "w", encoding="utf-8") as sink:
        for line in source:
            size += len(json.loads(line)["text"].encode("utf-8"))
            documents += 1
            sink.write(line)
            if size >= megabytes * 1_000_000:
                break
    return path, documents, size


def cpu():
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dump")
    ap.add_argument("--mb", type=float, default=100)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path, documents, size = cut(a.dump, a.mb, folder)
        print(f"{documents} documents, {size / 1e6:.1f} MB of text, one task each", flush=True)
        print("| filter | documents/s | MB/s | seconds | CPU s (Python) | CPU s (unspun processes) | kept |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        steps = [
            ("datatrove C4QualityFilter", lambda: C4QualityFilter()),
            ("datatrove GopherQualityFilter", lambda: GopherQualityFilter()),
            ("UnspunFilter (normalize, strip, repair; --jobs 1 each)", lambda: UnspunFilter()),
            ("UnspunFilter (strip only)", lambda: UnspunFilter(stages=("strip",))),
        ]
        for name, make in steps:
            logs = os.path.join(folder, f"logs-{steps.index((name, make))}")
            executor = LocalPipelineExecutor(pipeline=[JsonlReader(folder, glob_pattern="part.jsonl"), make(), Count()],
                                             tasks=1, workers=1, logging_dir=logs)
            before, started = cpu(), time.perf_counter()
            executor.run()
            seconds = time.perf_counter() - started
            after = cpu()
            with open(os.path.join(logs, "stats.json")) as file:
                kept = next(step["stats"].get("kept", 0) for step in json.load(file) if step["name"].endswith("count"))
            kept = kept["total"] if isinstance(kept, dict) else kept
            print(f"| {name} | {documents / seconds:,.0f} | {size / 1e6 / seconds:.2f} | {seconds:.1f} | "
                  f"{after[0] - before[0]:.1f} | {after[1] - before[1]:.1f} | {kept} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())

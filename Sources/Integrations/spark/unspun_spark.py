#!/usr/bin/env python3
"""`unspun clean` on Apache Spark: the same documents, articles and report as on one machine.

    spark-submit unspun_spark.py INPUT... --out DIR [--partitions N] [--coalesce] [unspun options]

Every step that decides anything is the `unspun` binary's, run as one long-lived subprocess per
partition that speaks JSONL (README, "Beyond one machine", has the data flow):

  map      `unspun map`: each record cleaned as `clean`'s first pass cleans it, with its
           signature, LSH bucket keys and line keys
  shuffle  Spark groups the documents by bucket key; buckets of more than 500 documents (across
           the dump) make no pairs, the others link their members, and the connected components
           of those links (found by min-label propagation) are shards no story crosses
  reduce   `unspun group --assign` on each component: stories and canonical copies, as grouping
           the whole dump gives them
  story    `unspun story` on each story: reference repair of spun copies, the repetition cue (with
           the line counts across the dump, counted here), the documents and the article

Spark only moves and counts: no threshold or ranking of grouping is repeated here.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from operator import add
from typing import Any, Iterable, Iterator

RECORD_SUFFIXES = (".txt", ".txt.gz", ".jsonl", ".jsonl.gz")
# `clean`'s reason for a second record with an id already seen (DumpCleaner).
DUPLICATE_REASON = 'duplicate id: an earlier record has the same id, and ids must be unique within a run (ids compare as text: 5 and "5" are one id)'
# Wide enough for any line of any input file (`seq` orders records as `clean` reads them).
LINE_SPAN = 10**12


# ---------------------------------------------------------------- the binary, on every executor


def binary_path(binary: str) -> str:
    """The binary shipped with --files (found by its name among the task's files), else `binary`."""
    try:
        from pyspark import SparkFiles

        shipped = SparkFiles.get(os.path.basename(binary))
        if os.access(shipped, os.X_OK):
            return shipped
    except Exception:
        pass
    return binary


class Unspun:
    """One `unspun` subprocess serving a partition: a thread feeds it the requests while this
    thread reads the answers, one line each, in order. A process that dies or answers short
    fails the task, which Spark then retries."""

    def __init__(self, command: list[str]):
        self.command = command
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.errors: list[bytes] = []
        threading.Thread(target=lambda: self.errors.extend(self.process.stderr), daemon=True).start()

    def answers(self, requests: list[bytes]) -> Iterator[dict]:
        def feed() -> None:
            try:
                for request in requests:
                    self.process.stdin.write(request + b"\n")
                self.process.stdin.close()
            except (BrokenPipeError, ValueError):
                pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        got = 0
        for line in self.process.stdout:
            got += 1
            yield json.loads(line)
        writer.join()
        code = self.process.wait()
        if code != 0 or got != len(requests):
            message = b"".join(self.errors).decode("utf-8", "replace").strip()
            raise RuntimeError(f"{' '.join(self.command[:2])} answered {got} of {len(requests)} requests (exit {code}): {message}")


def serve(binary: str, subcommand: list[str], flags: list[str], requests: list[bytes], kill_once: str | None = None) -> Iterator[dict]:
    process = Unspun([binary_path(binary), *subcommand, *flags])
    for number, answer in enumerate(process.answers(requests)):
        # The retry test: the first process to get here is killed halfway through its partition,
        # once (the marker file says it was done).
        if kill_once and number == len(requests) // 2 and not os.path.exists(kill_once):
            open(kill_once, "w").close()
            process.process.kill()
        yield answer


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# ---------------------------------------------------------------- inputs, as `clean` reads them


def sources(inputs: list[str]) -> tuple[list[tuple[str, str, str | None]], list[dict]]:
    """The record files in reading order as (path, format, id of a text file), and the folder
    entries skipped (RecordReader and DirectoryWalk: folders walked in byte order of names)."""
    found, skipped = [], []

    def walk(folder: str, relative: str) -> None:
        for name in sorted(os.listdir(folder), key=os.fsencode):
            path, inside = os.path.join(folder, name), f"{relative}/{name}" if relative else name
            if os.path.isdir(path):
                walk(path, inside)
            elif os.path.isfile(path) and inside.endswith(RECORD_SUFFIXES):
                found.append((path, "text" if ".txt" in name else "jsonl", inside))
            else:
                skipped.append({"path": path, "reason": "not .txt, .txt.gz, .jsonl or .jsonl.gz"})

    for item in inputs:
        if "://" in item:
            # A URI (hdfs://, s3a://): Spark's to read, as JSONL.
            found.append((item, "jsonl", None))
        elif os.path.isdir(item):
            walk(item.rstrip("/"), "")
        elif item.endswith((".jsonl", ".jsonl.gz")):
            found.append((item, "jsonl", None))
        elif item.endswith((".txt", ".txt.gz")):
            found.append((item, "text", item))
        else:
            with (gzip.open if item.endswith(".gz") else open)(item, "rb") as handle:
                head = handle.read(1 << 16).lstrip(b"\xef\xbb\xbf").lstrip()
            found.append((item, "jsonl" if head.startswith(b"{") else "text", item))
    return found, skipped


def read_text(path: str) -> str:
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as handle:
        return handle.read().decode("utf-8")


def requests_rdd(sc, inputs: list[str], partitions: int):
    """(seq, request) for every record: a JSONL line with its file and line number, or a text file."""
    found, skipped = sources(inputs)
    parts = []
    for index, (path, kind, text_id) in enumerate(found):
        base = index * LINE_SPAN
        if kind == "text":
            parts.append(sc.parallelize([(base + 1, (path, text_id))], 1).map(lambda item: (item[0], dumps({"file": item[1][0], "id": item[1][1], "text": read_text(item[1][0])}))))
            continue

        def request(item, path=path, base=base):
            line, number = item
            if number == 0:
                line = line.lstrip("\ufeff")
            return base + number + 1, dumps({"file": path, "line": number + 1, "record": line})

        lines = sc.textFile(path, partitions).zipWithIndex()
        parts.append(lines.filter(lambda item: item[0].strip(" \t\r") != "").map(request))
    rdd = sc.union(parts) if parts else sc.parallelize([], 1)
    return rdd.repartition(partitions), skipped


# ---------------------------------------------------------------- the steps


def run(sc, args, unspun_flags: dict[str, list[str]]) -> dict:
    from pyspark import StorageLevel

    binary, partitions = args.binary, args.partitions
    if __name__ != "__main__":
        # Imported (by the test): the executors import this module for the functions below.
        sc.addPyFile(os.path.abspath(__file__))
    requests, skipped = requests_rdd(sc, args.inputs, partitions)
    # Each step's wall-clock seconds (its RDD counted once persisted), for the benchmark.
    args.timings = {}
    last = [time.time()]

    def lap(name: str, rdd=None) -> None:
        if rdd is not None:
            rdd.count()
        args.timings[name] = round(time.time() - last[0], 2)
        last[0] = time.time()

    def map_partition(items):
        items = list(items)
        for (seq, _), answer in zip(items, serve(binary, ["map"], unspun_flags["map"], [request for _, request in items], args.kill_once)):
            yield seq, answer

    mapped = requests.mapPartitions(map_partition).persist(StorageLevel.MEMORY_AND_DISK)
    lap("map", mapped)
    cleaned = mapped.filter(lambda item: "document" in item[1])
    # Ids are unique in a run: the first record (in input order) with an id keeps it.
    first = cleaned.map(lambda item: (item[1]["signature"]["id"], item[0])).reduceByKey(min, partitions)
    kept_seqs = first.map(lambda item: (item[1], True))
    kept = cleaned.leftOuterJoin(kept_seqs, partitions).filter(lambda item: item[1][1]).mapValues(lambda value: value[0])
    files = [path for path, _, _ in sources(args.inputs)[0]]
    duplicates = cleaned.leftOuterJoin(kept_seqs, partitions).filter(lambda item: not item[1][1]).map(
        lambda item: (item[0], {"file": files[item[0] // LINE_SPAN], "line": item[0] % LINE_SPAN, "id": item[1][0]["signature"]["id"], "reason": DUPLICATE_REASON})
    )
    kept = kept.persist(StorageLevel.MEMORY_AND_DISK)
    lap("unique ids", kept)

    # Shuffle: documents by bucket key. Oversized buckets make no pairs; the others link members.
    buckets = kept.flatMap(lambda item: [(key, item[0]) for key in item[1]["signature"]["keys"]]).groupByKey(partitions).mapValues(sorted)
    buckets = buckets.persist(StorageLevel.MEMORY_AND_DISK)
    oversized = set(buckets.filter(lambda item: len(item[1]) > args.maximum_bucket).keys().collect())
    maximum = args.maximum_bucket

    def contracted(partition):
        """The links of a partition's buckets, contracted: each set of documents its buckets join
        becomes a star on its least seq (the same components, and far shorter paths)."""
        sets = UnionFind()
        for _, members in partition:
            if 1 < len(members) <= maximum:
                for other in members[1:]:
                    sets.join(members[0], other)
        for node, top in sets.roots().items():
            if top != node:
                yield node, top
                yield top, node

    edges = buckets.mapPartitions(contracted).distinct(partitions).persist(StorageLevel.MEMORY_AND_DISK)
    edge_count = edges.count()
    if edge_count <= args.driver_components:
        labels, rounds = driver_components(sc, kept, edges, partitions), "on the driver"
    else:
        labels, rounds = spread_components(kept, edges, partitions)
    oversized_b = sc.broadcast(oversized)
    lap(f"shuffle: buckets and components ({edge_count} links; {rounds})")

    # Reduce: each component grouped by the binary.
    def assign_partition(components):
        components = [sorted(members) for _, members in components]
        requests = [
            dumps({"signatures": [signature for _, signature in members], "oversized_keys": sorted({key for _, s in members for key in s["keys"] if key in oversized_b.value})})
            for members in components
        ]
        for members, answer in zip(components, serve(binary, ["group", "--assign"], [], requests)):
            for (seq, _), story, canonical in zip(members, answer["stories"], answer["canonical"]):
                yield seq, (story, canonical)

    signatures = kept.mapValues(lambda value: value["signature"])
    components = labels.join(signatures, partitions).map(lambda item: (item[1][0], (item[0], item[1][1]))).groupByKey(partitions)
    assigned = components.mapPartitions(assign_partition).persist(StorageLevel.MEMORY_AND_DISK)
    lap("reduce: group --assign", assigned)

    # The repetition cue's counts across the dump: documents, then stories, of each line key in
    # more than --repeated-documents documents (few: boilerplate lines).
    line_counts: dict[int, list[int]] = {}
    if args.repeated_documents is not None:
        keyed = kept.mapValues(lambda value: value["line_keys"]).join(assigned, partitions).flatMap(lambda item: [(key, item[1][1][0]) for key in item[1][0]])
        minimum = args.repeated_documents
        frequent = keyed.map(lambda item: (item[0], 1)).reduceByKey(add, partitions).filter(lambda item: item[1] > minimum).collectAsMap()
        frequent_b = sc.broadcast(frequent)
        stories = keyed.filter(lambda item: item[0] in frequent_b.value).distinct(partitions).map(lambda item: (item[0], 1)).reduceByKey(add, partitions).collectAsMap()
        line_counts = {key: [documents, stories[key]] for key, documents in frequent.items()}
    counts_b = sc.broadcast(line_counts)
    lap("line counts")

    # Per story: the binary repairs, applies the cue and writes documents and article.
    def story_partition(stories):
        stories = [sorted(members) for _, members in stories]
        requests = []
        for members in stories:
            keys = sorted({key for member in members for key in member[3] if key in counts_b.value})
            requests.append(
                dumps({"canonical": next(i for i, m in enumerate(members) if m[1]), "members": [m[2] for m in members], "line_counts": [[key, *counts_b.value[key]] for key in keys]})
            )
        for members, answer in zip(stories, serve(binary, ["story"], unspun_flags["story"], requests)):
            canonical_seq = next(m[0] for m in members if m[1])
            yield ("article", canonical_seq), answer["article"]
            for member, document in zip(members, answer["documents"]):
                yield ("document", member[0]), document
            yield ("report", canonical_seq), json.dumps({**answer["report"], "members": len(members)})

    by_story = kept.join(assigned, partitions).map(lambda item: (item[1][1][0], (item[0], item[1][1][1], item[1][0]["document"], item[1][0]["line_keys"])))
    finished = by_story.groupByKey(partitions).mapPartitions(story_partition).persist(StorageLevel.MEMORY_AND_DISK)
    lap("per story: story", finished)

    # Outputs, as part files or (--coalesce) one file each in `clean`'s order.
    os.makedirs(args.out, exist_ok=True)
    for name, kind in (("documents", "document"), ("articles", "article")):
        lines = finished.filter(lambda item, kind=kind: item[0][0] == kind).map(lambda item: (item[0][1], item[1]))
        write(lines, os.path.join(args.out, name), args.coalesce)
    rejects = mapped.filter(lambda item: "rejected" in item[1]).map(lambda item: (item[0], item[1]["rejected"])).union(duplicates)
    write(rejects.mapValues(lambda value: dumps(value).decode("utf-8")), os.path.join(args.out, "rejects"), args.coalesce)

    report = report_of(mapped, duplicates, finished, skipped)
    with open(os.path.join(args.out, "report.json"), "w", encoding="utf-8") as handle:
        handle.write(json.dumps(report, ensure_ascii=False, separators=(",", ":")) + "\n")
    lap("write")
    return report


class UnionFind:
    """Disjoint sets of seqs, each named by its least seq (path halving)."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def root(self, node: int) -> int:
        parent = self.parent
        while parent.get(node, node) != node:
            parent[node] = parent.get(parent[node], parent[node])
            node = parent[node]
        return node

    def join(self, a: int, b: int) -> None:
        a, b = self.root(a), self.root(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def roots(self) -> dict[int, int]:
        """Each seq that was joined to another, and its set's name."""
        return {node: self.root(node) for node in self.parent}


def driver_components(sc, kept, edges, partitions):
    """(seq, component label): union-find over the contracted links, streamed to the driver (they
    are about two per document that shares a bucket); the label is the component's least seq."""
    sets = UnionFind()
    for a, b in edges.toLocalIterator():
        sets.join(a, b)
    roots = sc.broadcast(sets.roots())
    return kept.map(lambda item: (item[0], roots.value.get(item[0], item[0]))).partitionBy(partitions)


def spread_components(kept, edges, partitions):
    """(seq, component label) and the rounds taken, without the driver: each document takes the
    least label among its own and its neighbours' until none changes. A label is always the seq
    of a document of the same component, and the fixed point is the component's least seq;
    labels only fall, so an unchanged sum means no label changed."""
    from pyspark import StorageLevel

    labels = kept.map(lambda item: (item[0], item[0])).partitionBy(partitions).persist(StorageLevel.MEMORY_AND_DISK)
    total, rounds = labels.values().sum(), 0
    while True:
        rounds += 1
        proposed = edges.join(labels, partitions).map(lambda item: (item[1][0], item[1][1]))
        updated = labels.union(proposed).reduceByKey(min, partitions).persist(StorageLevel.MEMORY_AND_DISK)
        updated_total = updated.values().sum()
        labels.unpersist()
        labels = updated
        if updated_total == total:
            return labels, f"{rounds} rounds"
        total = updated_total


def write(lines, path: str, coalesce: bool) -> None:
    """`path`.jsonl in input order (--coalesce), else the folder `path` of part files."""
    if os.path.isdir(path):
        shutil.rmtree(path)
    if not coalesce:
        lines.values().saveAsTextFile(path)
        return
    with open(path + ".jsonl.partial", "w", encoding="utf-8") as handle:
        for _, line in lines.sortByKey().toLocalIterator():
            handle.write(line + "\n")
    os.replace(path + ".jsonl.partial", path + ".jsonl")


def report_of(mapped, duplicates, finished, skipped) -> dict:
    """report.json, added up from the map step's counts and the story step's reports."""

    def counted(item):
        answer = item[1]
        counts = {"read": 1, "bytes_read": answer["bytes"], "rejected": int("rejected" in answer), "blank_texts": int(bool(answer.get("blank")))}
        for kind in ("edits", "removed", "limited"):
            for name in answer.get(kind, []):
                counts[f"{kind}/{name}"] = counts.get(f"{kind}/{name}", 0) + 1
        return counts

    def merge(a: dict, b: dict) -> dict:
        merged = dict(a)
        for key, value in b.items():
            merged[key] = merged.get(key, 0) + value
        return merged

    totals = mapped.map(counted).fold({}, merge)
    rejected_duplicates = duplicates.count()

    def story_counts(item):
        report = json.loads(item[1])
        counts = {"written": report["documents"]["written"], "stories": 1, "stories_with_copies": int(report["members"] > 1)}
        counts["spun_copies"] = report["spun_copies"]
        counts["reference_repaired_sentences"] = report["reference_repaired_sentences"]
        for name, value in report["edits_by_rule"].items():
            counts[f"edits/{name}"] = value
        for name, value in report["removed_lines_by_kind"].items():
            counts[f"removed/{name}"] = value
        return counts

    stories = finished.filter(lambda item: item[0][0] == "report").map(story_counts).fold({}, merge)
    totals = merge(totals, stories)

    def by(prefix: str) -> dict:
        return dict(sorted((key[len(prefix) :], value) for key, value in totals.items() if key.startswith(prefix)))

    rejected = totals.get("rejected", 0) + rejected_duplicates
    return {
        "documents": {"read": totals.get("read", 0), "written": totals.get("written", 0), "rejected": rejected},
        "bytes_read": totals.get("bytes_read", 0),
        "blank_texts": totals.get("blank_texts", 0),
        "stories": totals.get("stories", 0),
        "stories_with_copies": totals.get("stories_with_copies", 0),
        "spun_copies": totals.get("spun_copies", 0),
        "reference_repaired_sentences": totals.get("reference_repaired_sentences", 0),
        "removed_lines_by_kind": by("removed/"),
        "edits_by_rule": by("edits/"),
        "rule_limits": by("limited/"),
        "skipped_files": skipped,
        "notes": [],
    }


# ---------------------------------------------------------------- the command line


def option_defaults(binary: str, name: str) -> dict[str, str | None]:
    """The long options of `unspun NAME` and their defaults, from swift-argument-parser's
    machine-readable description of the command (not its --help prose)."""
    described = json.loads(subprocess.run([binary, name, "--experimental-dump-help"], capture_output=True, text=True, check=True).stdout)
    options: dict[str, str | None] = {}
    for argument in described["command"].get("arguments", []):
        for spelling in argument.get("names", []):
            if spelling["kind"] == "long":
                options["--" + spelling["name"]] = argument.get("defaultValue")
    return options


def route(options: list[str], taken: dict[str, dict[str, str | None]]) -> dict[str, list[str]]:
    """`unspun` options (as `clean` takes them) sent to the subcommands that take them."""
    routed: dict[str, list[str]] = {name: [] for name in taken}
    index = 0
    while index < len(options):
        flag = options[index]
        values = []
        while index + 1 + len(values) < len(options) and not options[index + 1 + len(values)].startswith("--"):
            values.append(options[index + 1 + len(values)])
        takers = [name for name, known in taken.items() if flag in known]
        if not flag.startswith("--") or not takers:
            raise SystemExit(f"unspun_spark.py: {flag}: not an option of unspun map or unspun story")
        for name in takers:
            routed[name] += [flag, *values]
        index += 1 + len(values)
    return routed


def parse(argv: list[str] | None = None) -> tuple[argparse.Namespace, dict[str, list[str]]]:
    """The job's arguments, and the unspun options routed to the subcommands that take them."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders, as `unspun clean` takes them")
    parser.add_argument("--out", required=True, help="folder for documents, articles, rejects and report.json")
    parser.add_argument("--partitions", type=int, default=8, help="partitions of the input and of every shuffle (default 8)")
    parser.add_argument("--coalesce", action="store_true", help="one documents.jsonl, articles.jsonl and rejects.jsonl, in `clean`'s order, instead of folders of part files")
    parser.add_argument("--binary", default=os.environ.get("UNSPUN_BINARY") or shutil.which("unspun") or "unspun", help="the unspun binary (shipped with --files, or on the executors' PATH)")
    parser.add_argument("--master", default=None, help="Spark master when not run by spark-submit (default local[2])")
    parser.add_argument("--driver-memory", default="4g", help="the JVM's heap when not run by spark-submit (default 4g)")
    parser.add_argument(
        "--driver-components", type=int, default=20_000_000, metavar="LINKS",
        help="find the components on the driver when the links are at most this many (default 20,000,000), else in rounds of joins",
    )
    parser.add_argument("--kill-once", metavar="MARKER", help=argparse.SUPPRESS)
    args, options = parser.parse_known_args(argv)
    taken = {name: option_defaults(args.binary, name) for name in ("map", "story")}
    routed = route(options, taken)
    given = options[options.index("--repeated-documents") + 1] if "--repeated-documents" in options else taken["story"]["--repeated-documents"]
    args.repeated_documents = None if "--no-repeated-lines" in options else int(given)
    group_help = subprocess.run([args.binary, "group", "--help"], capture_output=True, text=True).stdout
    args.maximum_bucket = int(re.search(r"buckets\s+hold\s+more\s+than\s+(\d+)\s+documents", group_help).group(1))
    return args, routed


def session(master: str | None, driver_memory: str = "4g"):
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("unspun clean").config("spark.ui.showConsoleProgress", "false")
    if master or not os.environ.get("SPARK_ENV_LOADED"):
        # Not under spark-submit: this process starts the JVM, whose heap (1 GB by default) holds
        # the local executors' cached blocks too; the 1 GB dump ran out of it.
        builder = builder.master(master or "local[2]").config("spark.driver.memory", driver_memory)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def main(argv: list[str] | None = None) -> int:
    args, routed = parse(argv)
    spark = session(args.master, args.driver_memory)
    try:
        report = run(spark.sparkContext, args, routed)
    finally:
        spark.stop()
    documents = report["documents"]
    print("unspun_spark: seconds per step: " + ", ".join(f"{name} {seconds}" for name, seconds in args.timings.items()), file=sys.stderr)
    print(f"unspun_spark: {documents['read']} read, {documents['written']} written, {documents['rejected']} rejected; {report['stories']} stories", file=sys.stderr)
    return 3 if documents["rejected"] else 0


if __name__ == "__main__":
    sys.exit(main())

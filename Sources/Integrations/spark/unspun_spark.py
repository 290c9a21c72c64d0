#!/usr/bin/env python3
"""`unspun clean` on Apache Spark: the same documents, articles and report as on one machine.

    spark-submit unspun_spark.py INPUT... --out DIR [--partitions N] [--coalesce] [unspun options]

Every step that decides anything is the `unspun` binary's, run as one long-lived subprocess per
partition that speaks JSONL (README, "Beyond one machine", has the data flow):

  map      `unspun map`: each record cleaned as `clean`'s first pass cleans it, with its
           signature, LSH bucket keys and line keys
  shuffle  Spark groups the documents by bucket key; every bucket links its members, and the
           connected components of those links (found by min-label propagation) are shards no
           story crosses; buckets of more than 500 documents (across the dump) are named to the
           reduce step, which pairs their members only with the few that rank first
  reduce   `unspun group --assign` on each component: stories and canonical copies, as grouping
           the whole dump gives them
  story    `unspun story` on each story: reference repair of spun copies, the repetition cue (with
           the line counts across the dump, counted here into line-counts.tsv and shipped to
           every story process), the documents and the article

Spark only moves and counts: no threshold or ranking of grouping is repeated here.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
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
    """One `unspun` subprocess serving a partition: a thread feeds it the requests as the
    partition's iterator gives them while this thread reads the answers, one line each, in
    order, so that a partition is never held whole. A process that dies or answers short fails
    the task, which Spark then retries."""

    def __init__(self, command: list[str]):
        self.command = command
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.errors: list[bytes] = []
        self.cpu = 0.0
        threading.Thread(target=lambda: self.errors.extend(self.process.stderr), daemon=True).start()

    def answers(self, items: Iterable[tuple[Any, bytes]]) -> Iterator[tuple[Any, dict]]:
        """(tag, answer) for each (tag, request): the tags wait in a queue for their answers."""
        pending: collections.deque = collections.deque()
        failures: list[BaseException] = []

        def feed() -> None:
            try:
                for tag, request in items:
                    pending.append(tag)
                    self.process.stdin.write(request + b"\n")
            except (BrokenPipeError, ValueError):
                pass
            except BaseException as error:  # the upstream iterator's, raised in this thread below
                failures.append(error)
            finally:
                try:
                    self.process.stdin.close()
                except (BrokenPipeError, ValueError):
                    pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        got = 0
        for line in self.process.stdout:
            got += 1
            yield pending.popleft(), json.loads(line)
        writer.join()
        if failures:
            raise failures[0]
        # Reaped with its resource usage: its CPU seconds, which no /proc reading sees once it ends.
        _, status, usage = os.wait4(self.process.pid, 0)
        self.process.returncode = code = os.waitstatus_to_exitcode(status)
        self.cpu = usage.ru_utime + usage.ru_stime
        if code != 0 or pending:
            message = b"".join(self.errors).decode("utf-8", "replace").strip()
            raise RuntimeError(f"{' '.join(self.command[:2])} answered {got} of {got + len(pending)} requests (exit {code}): {message}")


# The retry test kills a process after this many answers: mid-partition in its partitions of 1,665.
KILL_AFTER = 500


def serve(binary: str, subcommand: list[str], flags: list[str], items: Iterable[tuple[Any, bytes]], cpu, kill_once: str | None = None) -> Iterator[tuple[Any, dict]]:
    """The answers of one `unspun` process; its CPU seconds are added to the accumulator `cpu`."""
    process = Unspun([binary_path(binary), *subcommand, *flags])
    for number, answer in enumerate(process.answers(items)):
        # The retry test: the first process to get here is killed, once (the marker file says
        # it was done).
        if kill_once and number == KILL_AFTER and not os.path.exists(kill_once):
            open(kill_once, "w").close()
            process.process.kill()
        yield answer
    cpu.add(process.cpu)


def process_tree(root: int) -> list[tuple[int, str, list[str]]]:
    """`root` and its descendants (Linux): pid, command name and the fields of /proc/PID/stat
    after the name (state first); [] where there is no /proc."""
    children: dict[int, list[int]] = {}
    stats: dict[int, tuple[str, list[str]]] = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                stat = handle.read()
        except OSError:  # not a process, or one that has ended
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        stats[int(entry)] = stat[stat.index("(") + 1 : stat.rindex(")")], fields
        children.setdefault(int(fields[1]), []).append(int(entry))
    tree, stack = [], [root]
    while stack:
        pid = stack.pop()
        stack += children.get(pid, [])
        if pid in stats:
            tree.append((pid, *stats[pid]))
    return tree


class CpuLedger:
    """CPU seconds of `root`'s process tree, ended processes included: each process's own
    (utime + stime, never its children's) as last seen by a sampler every 0.2 s. Children's
    times in /proc miss processes that end unwaited-for, and PySpark's daemon ignores SIGCHLD,
    so its ended workers vanish with all their CPU. Processes named in `skip` are left out
    (the job counts its `unspun` processes exactly, from their resource usage)."""

    def __init__(self, root: int, skip: tuple[str, ...] = ()):
        self.root, self.skip = root, skip
        self.seen: dict[tuple[int, str], int] = {}
        self.lock, self.done = threading.Lock(), threading.Event()

    def sample(self) -> float:
        with self.lock:
            for pid, name, fields in process_tree(self.root):
                if name not in self.skip:
                    # Keyed by pid and start time: a reused pid is another process.
                    self.seen[pid, fields[19]] = int(fields[11]) + int(fields[12])
            return sum(self.seen.values()) / os.sysconf("SC_CLK_TCK")

    def start(self) -> CpuLedger:
        def loop() -> None:
            while not self.done.wait(0.2):
                self.sample()

        threading.Thread(target=loop, daemon=True).start()
        return self

    def stop(self) -> float:
        self.done.set()
        return self.sample()


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
    # Partitioned by seq: every later RDD keyed by seq shares this partitioning, so joining two
    # of them moves no records.
    return rdd.partitionBy(partitions), skipped


# ---------------------------------------------------------------- the steps


def run(sc, args, unspun_flags: dict[str, list[str]], shipped_folder: str) -> dict:
    from pyspark import StorageLevel

    binary, partitions = args.binary, args.partitions
    if __name__ != "__main__":
        # Imported (by the test): the executors import this module for the functions below.
        sc.addPyFile(os.path.abspath(__file__))
    requests, skipped = requests_rdd(sc, args.inputs, partitions)
    # Each step's wall-clock and CPU seconds (its RDD counted once persisted), for the benchmark:
    # the JVM's and the Python processes' sampled, the `unspun` processes' added up by the tasks.
    args.timings, args.cpu = {}, {}
    unspun_cpu = sc.accumulator(0.0)
    ledger = CpuLedger(os.getpid(), skip=("unspun",)).start()
    last = [args.started, 0.0]

    def lap(name: str, rdd=None) -> None:
        if rdd is not None:
            rdd.count()
        now, cpu = time.time(), ledger.sample() + unspun_cpu.value
        args.timings[name], args.cpu[name] = round(now - last[0], 2), round(cpu - last[1], 2)
        last[:] = now, cpu

    lap("start: the JVM and the session")

    def map_partition(items):
        return serve(binary, ["map"], unspun_flags["map"], items, unspun_cpu, args.kill_once)

    # Whole records are persisted on disk only: held in the JVM's heap, the 1 GB dump's ran out
    # of 4 GB of it. A step reads them back a partition at a time.
    on_disk = StorageLevel.DISK_ONLY
    mapped = requests.mapPartitions(map_partition, preservesPartitioning=True).persist(on_disk)
    lap("map", mapped)

    # Ids are unique in a run: the first record (in input order) with an id keeps it. Only ids and
    # seqs are shuffled to find the later ones (rare), which leave the records where they are.
    cleaned = mapped.filter(lambda item: "document" in item[1])
    later = (
        cleaned.map(lambda item: (item[1]["signature"]["id"], item[0]))
        .groupByKey(partitions)
        .flatMap(lambda item: [(seq, item[0]) for seq in sorted(item[1])[1:]])
        .partitionBy(partitions)
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    files = [path for path, _, _ in sources(args.inputs)[0]]
    duplicates = later.map(lambda item: (item[0], {"file": files[item[0] // LINE_SPAN], "line": item[0] % LINE_SPAN, "id": item[1], "reason": DUPLICATE_REASON}))
    kept = cleaned.subtractByKey(later, partitions).persist(on_disk) if later.count() else cleaned
    # What the later steps read of a record, apart: grouping its signature, the line counts its
    # line keys, the story step its document.
    signatures = kept.mapValues(lambda value: value["signature"]).persist(on_disk)
    line_keys = kept.mapValues(lambda value: value["line_keys"]).persist(on_disk)
    documents = kept.mapValues(lambda value: value["document"]).persist(on_disk)
    signatures.count(), line_keys.count()
    lap("unique ids", documents)
    kept.unpersist()

    # Shuffle: documents by bucket key; every bucket links its members (an oversized one, of a
    # story with hundreds of copies, too: its members are grouped together by the reduce step).
    buckets = signatures.flatMap(lambda item: [(key, item[0]) for key in item[1]["keys"]]).groupByKey(partitions).mapValues(sorted)
    buckets = buckets.persist(on_disk)
    oversized = set(buckets.filter(lambda item: len(item[1]) > args.maximum_bucket).keys().collect())

    def contracted(partition):
        """The links of a partition's buckets, contracted: each set of documents its buckets join
        becomes a star on its least seq (the same components, and far shorter paths)."""
        sets = UnionFind()
        for _, members in partition:
            if len(members) > 1:
                for other in members[1:]:
                    sets.join(members[0], other)
        for node, top in sets.roots().items():
            if top != node:
                yield node, top
                yield top, node

    edges = buckets.mapPartitions(contracted).distinct(partitions).persist(StorageLevel.MEMORY_AND_DISK)
    edge_count = edges.count()
    buckets.unpersist()
    if edge_count <= args.driver_components:
        labels, rounds = driver_components(sc, signatures, edges), "on the driver"
    else:
        labels, rounds = spread_components(signatures, edges, partitions)
    oversized_b = sc.broadcast(oversized)
    lap(f"shuffle: buckets and components ({edge_count} links; {rounds})")

    # Reduce: each component grouped by the binary.
    def assign_partition(components):
        def requests():
            for _, members in components:
                members = sorted(members)
                oversized_keys = sorted({key for _, s in members for key in s["keys"] if key in oversized_b.value})
                yield [seq for seq, _ in members], dumps({"signatures": [signature for _, signature in members], "oversized_keys": oversized_keys})

        for seqs, answer in serve(binary, ["group", "--assign"], [], requests(), unspun_cpu):
            yield from zip(seqs, zip(answer["stories"], answer["canonical"]))

    components = labels.join(signatures, partitions).map(lambda item: (item[1][0], (item[0], item[1][1]))).groupByKey(partitions)
    assigned = components.mapPartitions(assign_partition).partitionBy(partitions).persist(StorageLevel.MEMORY_AND_DISK)
    lap("reduce: group --assign", assigned)

    # The repetition cue's counts across the dump: documents, then stories, of each line key in
    # more than --repeated-documents documents (few: boilerplate lines).
    counts_name = None
    os.makedirs(args.out, exist_ok=True)
    if args.repeated_documents is not None:
        keyed = line_keys.join(assigned, partitions).flatMap(lambda item: [(key, item[1][1][0]) for key in item[1][0]])
        minimum = args.repeated_documents
        frequent = keyed.map(lambda item: (item[0], 1)).reduceByKey(add, partitions).filter(lambda item: item[1] > minimum).collectAsMap()
        frequent_b = sc.broadcast(frequent)
        stories = keyed.filter(lambda item: item[0] in frequent_b.value).distinct(partitions).map(lambda item: (item[0], 1)).reduceByKey(add, partitions).collectAsMap()
        line_counts = {key: [count, stories[key]] for key, count in frequent.items()}
        path = os.path.join(args.out, "line-counts.tsv")
        write_line_counts(path, line_counts, args.repeated_documents, args.repeated_stories)
        # Every `unspun story` reads the file (a repaired line may be one no member held before);
        # shipped under a name of this run's, as a Spark context ships a name once.
        counts_name = f"line-counts-{uuid.uuid4().hex}.tsv"
        shutil.copyfile(path, os.path.join(shipped_folder, counts_name))
        sc.addFile(os.path.join(shipped_folder, counts_name))
    lap("line counts")

    # Per story: the binary repairs, applies the cue and writes documents and article.
    def story_partition(stories):
        def requests():
            for _, members in stories:
                members = sorted(members)
                canonical = next(i for i, m in enumerate(members) if m[1])
                request = {"canonical": canonical, "members": [m[2] for m in members], "line_counts": []}
                yield ([m[0] for m in members], members[canonical][0]), dumps(request)

        from pyspark import SparkFiles

        flags = unspun_flags["story"] + (["--line-counts", SparkFiles.get(counts_name)] if counts_name else [])
        for (seqs, canonical_seq), answer in serve(binary, ["story"], flags, requests(), unspun_cpu):
            yield ("article", canonical_seq), answer["article"]
            for seq, document in zip(seqs, answer["documents"]):
                yield ("document", seq), document
            yield ("report", canonical_seq), json.dumps({**answer["report"], "members": len(seqs)})

    by_story = documents.join(assigned, partitions).map(lambda item: (item[1][1][0], (item[0], item[1][1][1], item[1][0])))
    finished = by_story.groupByKey(partitions).mapPartitions(story_partition).persist(on_disk)
    lap("per story: story", finished)

    # Outputs, as part files or (--coalesce) one file each in `clean`'s order.
    for name, kind in (("documents", "document"), ("articles", "article")):
        lines = finished.filter(lambda item, kind=kind: item[0][0] == kind).map(lambda item: (item[0][1], item[1]))
        write(lines, os.path.join(args.out, name), args.coalesce)
    rejects = mapped.filter(lambda item: "rejected" in item[1]).map(lambda item: (item[0], item[1]["rejected"])).union(duplicates)
    write(rejects.mapValues(lambda value: dumps(value).decode("utf-8")), os.path.join(args.out, "rejects"), args.coalesce)
    report = report_of(mapped, later, finished, skipped, partitions)
    with open(os.path.join(args.out, "report.json"), "w", encoding="utf-8") as handle:
        handle.write(json.dumps(report, ensure_ascii=False, separators=(",", ":")) + "\n")
    lap("write")
    ledger.stop()
    for rdd in (mapped, later, signatures, line_keys, documents, edges, labels, assigned, finished):
        rdd.unpersist()
    return report


def write_line_counts(path: str, counts: dict[int, list[int]], minimum_documents: int, minimum_stories: int) -> None:
    """`clean`'s line-counts.tsv (LineCountsFile.swift), for `unspun strip --line-counts`: the
    lines in more than --repeated-documents documents of at least --repeated-stories stories
    besides one, by key."""
    with open(path + ".partial", "w", encoding="utf-8") as handle:
        handle.write(f"# unspun line counts: line key (hex), documents, stories\n# settings: minimum-documents {minimum_documents} minimum-stories {minimum_stories}\n")
        for key in sorted(counts):
            documents, stories = counts[key]
            if stories - 1 >= minimum_stories:
                handle.write(f"{key:x}\t{documents}\t{stories}\n")
    os.replace(path + ".partial", path)


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


def driver_components(sc, signatures, edges):
    """(seq, component label): union-find over the contracted links, streamed to the driver (they
    are about two per document that shares a bucket); the label is the component's least seq."""
    sets = UnionFind()
    for a, b in edges.toLocalIterator():
        sets.join(a, b)
    roots = sc.broadcast(sets.roots())
    return signatures.map(lambda item: (item[0], roots.value.get(item[0], item[0])), preservesPartitioning=True)


def spread_components(signatures, edges, partitions):
    """(seq, component label) and the rounds taken, without the driver: each document takes the
    least label among its own and its neighbours' until none changes. A label is always the seq
    of a document of the same component, and the fixed point is the component's least seq;
    labels only fall, so an unchanged sum means no label changed."""
    from pyspark import StorageLevel

    labels = signatures.map(lambda item: (item[0], item[0]), preservesPartitioning=True).persist(StorageLevel.MEMORY_AND_DISK)
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


def report_of(mapped, later, finished, skipped, partitions: int) -> dict:
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
    rejected_duplicates = later.count()
    if rejected_duplicates:
        # `clean` counts a record with a repeated id as read, and nothing else of it.
        again = mapped.join(later, partitions).map(lambda item: counted((item[0], item[1][0]))).fold({}, merge)
        totals = merge(totals, {key: -value for key, value in again.items() if key not in ("read", "bytes_read")})

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
    parser.add_argument("--driver-memory", default="1g", help="the JVM's heap when not run by spark-submit (default 1g)")
    parser.add_argument(
        "--driver-components", type=int, default=20_000_000, metavar="LINKS",
        help="find the components on the driver when the links are at most this many (default 20,000,000), else in rounds of joins",
    )
    parser.add_argument("--kill-once", metavar="MARKER", help=argparse.SUPPRESS)
    args, options = parser.parse_known_args(argv)
    args.started = time.time()  # the start step's (the JVM's start) wall-clock
    taken = {name: option_defaults(args.binary, name) for name in ("map", "story")}
    routed = route(options, taken)

    def setting(flag: str) -> int:
        return int(options[options.index(flag) + 1] if flag in options else taken["story"][flag])

    args.repeated_documents = None if "--no-repeated-lines" in options else setting("--repeated-documents")
    args.repeated_stories = setting("--repeated-stories")
    group_help = subprocess.run([args.binary, "group", "--help"], capture_output=True, text=True).stdout
    args.maximum_bucket = int(re.search(r"buckets\s+hold\s+more\s+than\s+(\d+)\s+documents", group_help).group(1))
    return args, routed


def session(master: str | None, driver_memory: str = "1g"):
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("unspun clean").config("spark.ui.showConsoleProgress", "false")
    if master or not os.environ.get("SPARK_ENV_LOADED"):
        # Not under spark-submit: this process starts the JVM, whose heap holds the local
        # executors too (records are persisted on disk, not in it).
        builder = builder.master(master or "local[2]").config("spark.driver.memory", driver_memory)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def main(argv: list[str] | None = None) -> int:
    args, routed = parse(argv)
    spark = session(args.master, args.driver_memory)
    # The files shipped to every task (the line counts) go, however the job ends.
    with tempfile.TemporaryDirectory(prefix="unspun-spark-") as shipped_folder:
        try:
            report = run(spark.sparkContext, args, routed, shipped_folder)
        finally:
            spark.stop()
    documents = report["documents"]
    print("unspun_spark: seconds per step: " + ", ".join(f"{name} {seconds}" for name, seconds in args.timings.items()), file=sys.stderr)
    print("unspun_spark: CPU seconds per step: " + ", ".join(f"{name} {seconds}" for name, seconds in args.cpu.items()), file=sys.stderr)
    print(f"unspun_spark: {documents['read']} read, {documents['written']} written, {documents['rejected']} rejected; {report['stories']} stories", file=sys.stderr)
    return 3 if documents["rejected"] else 0


if __name__ == "__main__":
    sys.exit(main())

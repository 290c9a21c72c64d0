"""datatrove steps: `UnspunFilter`, `UnspunFormatter` (per document) and `UnspunStoryGrouper` (per dump).

    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from unspun.datatrove import UnspunFilter

    pipeline = [JsonlReader("dump/"), UnspunFilter(exclusion_writer=JsonlWriter("rejected/")), JsonlWriter("cleaned/")]
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import subprocess
from collections import Counter
from typing import Any, Iterable

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.formatters.base import BaseFormatter
from datatrove.pipeline.writers.disk_base import DiskWriter
from datatrove.utils.typeshelper import StatHints

from ._session import DEFAULT_STAGES, Session, UnspunError, find_binary, stage_flags
from .spans import rebuild_input


def _record(doc: Document) -> dict:
    return {"id": doc.id, "text": doc.text, "metadata": doc.metadata}


class _Cleaning:
    """What the filter and the formatter share: one Session per task, and the counters."""

    def _setup(self, stages: Iterable[str], binary: str | None, options: dict[str, Any]) -> None:
        self.stages, self.binary, self.options = tuple(stages), binary, options

    def _session(self) -> Session:
        """The worker's session for documents handed over one at a time (filter, format);
        made on first use, after datatrove has sent the step to its worker."""
        if getattr(self, "_one_at_a_time", None) is None:
            self._one_at_a_time = Session(self.stages, binary=self.binary, **self.options)
        return self._one_at_a_time

    def _cleaned(self, data: DocumentsPipeline, session: Session | None = None) -> Iterable[tuple[Document, Any]]:
        """Each document with its cleaned record or the binary's rejection, counted."""
        with contextlib.nullcontext(session) if session else Session(self.stages, binary=self.binary, **self.options) as session:
            results = session.process(data or (), _record)
            while True:
                with self.track_time():
                    step = next(results, None)
                if step is None:
                    break
                doc, result = step
                self.stat_update(StatHints.total)
                if isinstance(result, UnspunError):
                    self.stat_update("rejected")
                else:
                    self._count(result["metadata"])
                    doc.text = result["text"]
                    doc.metadata.update(result["metadata"])
                yield doc, result

    def _count(self, metadata: dict) -> None:
        removed = metadata.get("removed") or []
        edits = metadata.get("edits") or []
        self.stat_update("removed_lines", value=len(removed))
        for kind, count in Counter(item.get("kind", "?") for item in removed).items():
            self.stat_update(f"removed_{kind}", value=count)
        for stage, count in Counter(edit["stage"] for edit in edits).items():
            self.stat_update(f"edits_{stage}", value=count)
        if metadata.get("spun") or any(edit["stage"] == "repair" for edit in edits):
            self.stat_update("repaired")


class UnspunFilter(_Cleaning, BaseFilter):
    """Cleans each document with unspun's per-document stages: the text replaced by the cleaned
    text, what strip lifted (byline, dateline, captions...) and removed (`removed`) and the
    change record (`edits`) added to `doc.metadata`. Documents the binary rejects are dropped,
    to the exclusion writer with `metadata["filter_reason"]` giving the binary's reason.

    Options are the stages' flags (`no_classifier=True`, `pack=["science"]`, `rules=DIR`).
    """

    name = "🧽 Unspun"

    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES, exclusion_writer: DiskWriter | None = None,
                 binary: str | None = None, **options: Any):
        super().__init__(exclusion_writer)
        self._setup(stages, binary, options)

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        """One document alone (run() streams them through one process instead)."""
        for _, result in self._cleaned(iter([doc]), self._session()):
            if isinstance(result, UnspunError):
                return False, f"unspun {result.stage}: {result.reason}"
        return True

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        with self.exclusion_writer if self.exclusion_writer else contextlib.nullcontext() as writer:
            for doc, result in self._cleaned(data):
                if isinstance(result, UnspunError):
                    self.stat_update(StatHints.dropped, "dropped_unspun_rejected")
                    if writer:
                        doc.metadata["filter_reason"] = f"unspun {result.stage}: {result.reason}"
                        writer.write(doc, rank)
                    continue
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc


class UnspunFormatter(_Cleaning, BaseFormatter):
    """Like `UnspunFilter`, but keeps every document: one the binary rejects passes on as it
    came, with the reason in `doc.metadata["unspun_rejected"]`."""

    name = "🧽 Unspun"

    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES, binary: str | None = None, **options: Any):
        super().__init__()
        self._setup(stages, binary, options)

    def format(self, text: str) -> str:
        for doc, result in self._cleaned(iter([Document(text=text, id="0")]), self._session()):
            return text if isinstance(result, UnspunError) else doc.text
        return text

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc, result in self._cleaned(data):
            if isinstance(result, UnspunError):
                doc.metadata["unspun_rejected"] = f"{result.stage}: {result.reason}"
            yield doc


class UnspunStoryGrouper(PipelineStep):
    """The dump-level steps, once over a whole datatrove output folder: `unspun clean INPUT
    --out OUTPUT` (every stage, stories, canonical copies, spun copies repaired from their
    original). Run it as its own pipeline of one task after the one that wrote INPUT; it yields
    the documents of OUTPUT/documents.jsonl (or the articles, `articles=True`) for a writer
    after it, and counts documents, rejects, stories and spun copies in its stats."""

    name = "🧽 Unspun stories"
    type = "🫂 - DEDUP"

    def __init__(self, input_folder: str, output_folder: str, articles: bool = False, binary: str | None = None, **options: Any):
        super().__init__()
        self.input_folder, self.output_folder, self.articles = input_folder, output_folder, articles
        self.binary, self.options = binary, options

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data:
            yield from data
        if rank != 0:
            return  # one run over the whole dump
        binary = find_binary(self.binary)
        flags = stage_flags(binary, ["clean"], self.options)[0] if self.options else []
        os.makedirs(self.output_folder, exist_ok=True)
        # clean judges spun copies on their own spin hits, so it is given the dump as it came:
        # each record's input rebuilt from its change record, without the fields the stages added.
        inputs = os.path.join(self.output_folder, ".unspun-inputs.jsonl")
        with self.track_time():
            with open(inputs, "w", encoding="utf-8") as sink:
                for record in _folder_records(self.input_folder):
                    sink.write(json.dumps(as_input(record), ensure_ascii=False) + "\n")
            done = subprocess.run([binary, "clean", inputs, "--out", self.output_folder, "--quiet", *flags],
                                  capture_output=True, text=True)
            os.remove(inputs)
        if done.returncode not in (0, 3):
            raise UnspunError(f"unspun clean failed (exit {done.returncode}): {done.stderr.strip()}")
        with open(os.path.join(self.output_folder, "report.json")) as file:
            report = json.load(file)
        self.stat_update("read", value=report["documents"]["read"])
        self.stat_update("written", value=report["documents"]["written"])
        self.stat_update("rejected", value=report["documents"]["rejected"])
        self.stat_update("stories", value=report["stories"])
        self.stat_update("spun_copies", value=report["spun_copies"])
        name = "articles.jsonl" if self.articles else "documents.jsonl"
        with open(os.path.join(self.output_folder, name), encoding="utf-8") as file:
            for line in file:
                record = json.loads(line)
                doc = Document(text=record.pop("text"), id=record.pop("id"), metadata=record.pop("metadata", {}))
                doc.metadata.update(record)
                self.stat_update(StatHints.forwarded)
                yield doc


# What the per-document stages add to metadata (README: strip, repair; clean's story fields).
STAGE_FIELDS = frozenset("""byline dateline date date_time updated title authors captions credits source headings
    removed notes spin_score edits story canonical spun""".split())


def as_input(record: dict) -> dict:
    """A record as it was before the stages: its text rebuilt from `metadata.edits`, and the
    metadata they added dropped."""
    metadata = record.get("metadata") or {}
    original = dict(record)
    original["text"] = rebuild_input(record["text"], metadata.get("edits") or [])
    original["metadata"] = {k: v for k, v in metadata.items() if k not in STAGE_FIELDS}
    return original


def _folder_records(folder: str) -> Iterable[dict]:
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.endswith(".jsonl.gz") or name.endswith(".jsonl"):
            opener = gzip.open if name.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as file:
                for line in file:
                    if line.strip():
                        yield json.loads(line)

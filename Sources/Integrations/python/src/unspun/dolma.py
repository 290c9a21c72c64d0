"""A Dolma tagger: what unspun would remove or repair, as attribute spans of the input text.

    dolma tag --documents 'docs/*.jsonl.gz' --taggers unspun --tagger_modules unspun.dolma --experiment clean

writes, per document, `clean__unspun__removed` (each line strip removes or lifts into metadata),
`clean__unspun__repaired` (each spun phrase repair rewrites) and `clean__unspun__changed`
(normalize's edits), as `[start, end, score]` in characters of the text; a mix can then drop
the removed spans (`"span_replacement": [{"span": "$.attributes.clean__unspun__removed", ...}]`).
The score is 1.0, and `doc` spans carry `metadata.spin_score` (sure spin hits per 1,000 words).
"""

from __future__ import annotations

import os
from typing import Iterable, List

from dolma import add_tagger
from dolma.core.data_types import DocResult, Document, Span
from dolma.core.taggers import BaseTagger

from ._session import Session, UnspunError
from .spans import input_spans

SPAN_TYPES = {"strip": "removed", "repair": "repaired", "normalize": "changed"}


def spans_for(text: str, result: dict) -> List[Span]:
    """The Dolma spans of one cleaned record, over `text`, the input it was cleaned from."""
    spans = [Span(start=s.start, end=s.end, type=SPAN_TYPES.get(s.stage, s.stage), score=1.0)
             for s in input_spans(result["text"], result["metadata"])]
    spans.append(Span(start=0, end=len(text), type="spin_score", score=float(result["metadata"].get("spin_score", 0.0))))
    return spans


@add_tagger("unspun")
class UnspunTagger(BaseTagger):
    """Strip and repair by default (`UNSPUN_DOLMA_STAGES=normalize,strip,repair` to change): one
    long-lived process chain per Dolma worker process, each document sent and answered in turn."""

    def __init__(self, stages: Iterable[str] | None = None) -> None:
        names = stages or os.environ.get("UNSPUN_DOLMA_STAGES", "strip,repair").split(",")
        self.session = Session(tuple(name.strip() for name in names if name.strip()))

    @property
    def defaults(self) -> List[str]:
        return ["removed", "repaired"]

    def predict(self, doc: Document) -> DocResult:
        for _, result in self.session.process([{"id": doc.id, "text": doc.text}]):
            if isinstance(result, UnspunError):
                raise result
            return DocResult(doc=doc, spans=spans_for(doc.text, result))
        raise UnspunError("no answer from unspun", doc.id)

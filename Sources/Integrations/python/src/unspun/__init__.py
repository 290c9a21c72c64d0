"""Drive the unspun news cleaner from Python.

    >>> from unspun import clean_texts
    >>> for record in clean_texts([{"id": "a", "text": "They had to tug back."}], stages=("repair",)):
    ...     print(record["text"])
    They had to pull back.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from ._session import DEFAULT_STAGES, Session, UnspunError, find_binary
from .spans import input_spans

__all__ = ["clean_texts", "Session", "UnspunError", "find_binary", "input_spans", "DEFAULT_STAGES"]


def clean_texts(
    records: Iterable[dict | str],
    stages: Iterable[str] = DEFAULT_STAGES,
    *,
    on_reject: str = "raise",
    binary: str | None = None,
    **options: Any,
) -> Iterator[dict | UnspunError]:
    """Runs `stages` over `records` (dicts with `text`, and `id`, `metadata` or any other field;
    or plain strings) and yields the cleaned records in order: `text`, `metadata` with what the
    stages lifted and removed, and the change record `metadata.edits`.

    A record the binary rejects raises `UnspunError` (its `id` and the binary's `reason`), or
    with `on_reject="yield"` is yielded as that error in its place. Keyword options become the
    stages' flags: `no_classifier=True`, `pack=["science"]`, `rules="Rules"`, `jobs=2`.
    """
    if on_reject not in ("raise", "yield"):
        raise ValueError("on_reject must be 'raise' or 'yield'")
    with Session(stages, binary=binary, **options) as session:
        for _, result in session.process(records):
            if isinstance(result, UnspunError) and on_reject == "raise":
                raise result
            yield result

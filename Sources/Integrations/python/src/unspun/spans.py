"""Where each change of a record's change record sits in the input text.

Every stage's edits have byte offsets into that stage's own input; this maps them all onto
the first input (the text the stages were given), in characters, as Dolma's spans are.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple


class Span(NamedTuple):
    start: int  # characters into the input text
    end: int
    stage: str
    rule: str
    before: str
    after: str


class _Piece(NamedTuple):
    """A stretch of the current text: input bytes as they were (`same`), or an edit's output
    standing for the input bytes [source_start, source_end)."""

    length: int
    source_start: int
    source_end: int
    same: bool


def _stage_groups(edits: list[dict]) -> list[list[dict]]:
    groups: list[list[dict]] = []
    for edit in edits:
        if groups and groups[-1][0]["stage"] == edit["stage"]:
            groups[-1].append(edit)
        else:
            groups.append([edit])
    return groups


def _source(pieces: list[_Piece], starts: list[int], offset: int, right: bool) -> int:
    """The input byte that a current byte offset stands for (an edit's output maps to its ends)."""
    index = bisect.bisect_right(starts, offset) - 1
    if right and index > 0 and starts[index] == offset:
        index -= 1  # an end offset belongs to the piece before
    index = max(0, min(index, len(pieces) - 1))
    piece = pieces[index]
    within = offset - starts[index]
    if piece.same:
        return piece.source_start + min(within, piece.length)
    return piece.source_end if (right or within > 0) else piece.source_start


def _apply(pieces: list[_Piece], group: list[dict]) -> tuple[list[_Piece], list[tuple[int, int]]]:
    """The pieces after one stage's edits, and each edit's input byte range."""
    starts, position = [], 0
    for piece in pieces:
        starts.append(position)
        position += piece.length
    ranges = [(_source(pieces, starts, e["start"], False), _source(pieces, starts, max(e["start"], e["end"]), True)) for e in group]
    result: list[_Piece] = []
    cursor = 0  # current-text offset up to which pieces are copied

    def copy_until(limit: int) -> None:
        nonlocal cursor
        for i, piece in enumerate(pieces):
            lo, hi = max(starts[i], cursor), min(starts[i] + piece.length, limit)
            if lo >= hi:
                continue
            if piece.same:
                result.append(_Piece(hi - lo, piece.source_start + lo - starts[i], piece.source_start + hi - starts[i], True))
            else:
                result.append(piece._replace(length=hi - lo))
        cursor = max(cursor, limit)

    for edit, (source_start, source_end) in zip(group, ranges):
        copy_until(edit["start"])
        result.append(_Piece(len(edit["after"].encode("utf-8")), source_start, source_end, False))
        cursor = max(cursor, edit["end"])
    copy_until(position)
    return result, ranges


def input_spans(text: str, metadata: dict) -> list[Span]:
    """Every edit of `metadata["edits"]` as a span of the input text (which `unspun revert`
    rebuilds), `text` being the stages' output."""
    groups = _stage_groups(metadata.get("edits") or [])
    original = _rebuild(text.encode("utf-8"), groups)
    pieces = [_Piece(len(original), 0, len(original), True)]
    found: list[tuple[int, int, dict]] = []
    for group in groups:
        pieces, ranges = _apply(pieces, group)
        found += [(s, e, edit) for (s, e), edit in zip(ranges, group)]
    characters = _CharacterIndex(original)
    return [Span(characters(s), characters(e), x["stage"], x["rule"], x["before"], x["after"]) for s, e, x in found]


def rebuild_input(text: str, edits: list[dict]) -> str:
    """The text the stages were given, from their output and change record (as `unspun revert`)."""
    return _rebuild(text.encode("utf-8"), _stage_groups(edits)).decode("utf-8")


def _rebuild(output: bytes, groups: list[list[dict]]) -> bytes:
    # Each stage's edits refer to that stage's input: undo the last stage first.
    for group in reversed(groups):
        output = _revert(output, group)
    return output


def _revert(output: bytes, group: list[dict]) -> bytes:
    pieces, cursor, shift = [], 0, 0
    for edit in group:
        start = edit["start"] + shift
        after = edit["after"].encode("utf-8")
        pieces += [output[cursor:start], edit["before"].encode("utf-8")]
        cursor = start + len(after)
        shift += len(after) - (edit["end"] - edit["start"])
    pieces.append(output[cursor:])
    return b"".join(pieces)


class _CharacterIndex:
    """Byte offset -> character offset in a UTF-8 text."""

    def __init__(self, data: bytes):
        self.data = data
        self.ascii = data.isascii()

    def __call__(self, offset: int) -> int:
        return offset if self.ascii else len(self.data[:offset].decode("utf-8", "replace"))

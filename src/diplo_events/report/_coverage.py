"""Which sentences of a source no evidence covers (shaded in the report).

A stand-in, meant to be replaced by the public ``diplo_events.coverage`` when
it lands: sentences are split as ``tests/test_reference.py`` splits them (per
line, after ``.``, ``!`` or ``?`` followed by space and a capital or an
opening quote; so "Feb. 09" does not end one), and a sentence is covered when
any evidence span touches it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["sentences", "uncovered"]

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201c\"])")


def sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of `text` as ``(start, end)`` code-point offsets, stripped, line by line."""
    out: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        cut = 0
        for end_match in [*_SENTENCE_END.finditer(line), None]:
            end = len(line) if end_match is None else end_match.start()
            piece = line[cut:end]
            stripped = piece.strip()
            if stripped:
                start = line_start + cut + len(piece) - len(piece.lstrip())
                out.append((start, start + len(stripped)))
            if end_match is not None:
                cut = end_match.end()
        line_start += len(line) + 1
    return out


def uncovered(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences of `text` that no span ``(start, end)`` overlaps."""
    taken = sorted(spans)
    return [(a, b) for a, b in sentences(text) if not any(s < b and a < e for s, e in taken)]

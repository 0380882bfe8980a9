"""Which sentences of a source no evidence covers (shaded in the report).

The rule is `diplo_events.coverage`'s (``docs/concepts.md``, "Coverage"): a
sentence is uncovered when less than half of its non-space characters lie
inside evidence, so a noun phrase quoted in a long sentence does not hide it.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..anchoring._coverage import sentence_coverage, sentences

__all__ = ["sentences", "uncovered"]


def uncovered(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences ``(start, end)`` of `text` that the code-point spans leave uncovered."""
    return [(s.start, s.end) for s in sentence_coverage(text, spans) if not s.covered]

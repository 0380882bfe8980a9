"""A source text as HTML: each evidence span one highlight, nested where spans overlap.

Spans that cross (neither inside the other) are cut where they cross; every
piece carries the span's number (``data-span``) and the first piece the class
``first``, so each span stays one highlight a reader (or a test) can find.
Sentences no span covers are wrapped in ``<span class="gap">``.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Sequence

import attrs

__all__ = ["Span", "text_html"]


@attrs.frozen(kw_only=True)
class Span:
    """A highlight: span number `n`, record number `record`, code points `start`..`end`."""

    n: int
    record: int
    start: int
    end: int
    css: str


def text_html(text: str, spans: Sequence[Span], gaps: Sequence[tuple[int, int]]) -> str:
    """`text`, HTML-escaped, with `spans` as nested ``<mark>`` and `gaps` shaded."""
    spans = [s for s in spans if s.start < s.end]
    cuts = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans}
                  | {a for a, _ in gaps} | {b for _, b in gaps})  # fmt: skip
    gap_at = dict(gaps)
    opened: list[Span] = []
    seen: set[int] = set()
    out: list[str] = []
    gap_end = -1
    for a, b in itertools.pairwise(cuts):
        want = sorted((s for s in spans if s.start <= a and b <= s.end), key=_outer_first)
        keep = 0
        while keep < min(len(opened), len(want)) and opened[keep] is want[keep]:
            keep += 1
        out.extend("</mark>" for _ in opened[keep:])
        for depth, span in enumerate(want[keep:], start=keep):
            first = " first" if span.n not in seen else ""
            seen.add(span.n)
            out.append(
                f'<mark class="{span.css}{first}" data-span="{span.n}" '
                f'data-rec="{span.record}" style="--d:{depth}">'
            )
        opened = want
        if a in gap_at:
            gap_end = gap_at[a]
            out.append('<span class="gap">')
        out.append(html.escape(text[a:b]))
        if b == gap_end:
            out.append("</span>")
    out.extend("</mark>" for _ in opened)
    return "".join(out)


def _outer_first(span: Span) -> tuple[int, int, int]:
    return (span.start, -span.end, span.n)

"""Find a quote in a text, after the W3C TextQuoteSelector, or explain why it cannot be placed.

A TextQuoteSelector (https://www.w3.org/TR/annotation-model/#text-quote-selector)
names text by its ``exact`` words, with an optional ``prefix`` and ``suffix``
that must stand immediately before and after it. Offsets here are Unicode code
points (Python ``str`` indices), like `Evidence`. Occurrences may overlap
("aa" stands twice in "aaa"); ``occurrence`` counts from 1, among the
occurrences whose prefix and suffix match.
"""

from __future__ import annotations

import difflib
from collections import Counter

from .._quotes import Folded, describe, fold
from ..errors import AmbiguousQuoteError, Candidate, Problem, QuoteNotFoundError, ValidationError
from ..model import Evidence, Source

__all__ = ["CONTEXT", "Locator", "context", "locate", "occurrences", "similarity"]

CONTEXT = 30
"""Code points of text shown on each side of a quote in messages."""

_LISTED = 20
"""At most this many candidates are spelled out in a message (all are in ``candidates``)."""

_NEAREST = 3
"""How many near candidates a not-found error offers."""

_MIN_SIMILARITY = 0.5
"""Near candidates below this similarity to the quote (difflib ratio) are not offered."""

_PIECES = 8
"""A quote is cut into at most this many pieces to find places where it nearly stands."""

_HITS_PER_PIECE = 200
"""Occurrences of one piece considered (a piece like "the " occurs everywhere)."""


def occurrences(text: str, quote: str) -> list[int]:
    """The code-point offsets where `quote` starts in `text`, overlapping ones included."""
    starts: list[int] = []
    at = text.find(quote)
    while at >= 0:
        starts.append(at)
        at = text.find(quote, at + 1)
    return starts


def similarity(a: str, b: str) -> float:
    """How alike two strings are, from 0 to 1: difflib's ratio (2 * matches / total length)."""
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def context(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    """The span ``[start, end)`` of `text` in brackets, with `width` code points around it."""
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    lead = "..." if start > width else ""
    tail = "..." if end + width < len(text) else ""
    return f"{lead}{before}[{text[start:end]}]{after}{tail}"


def _check_selector(
    quote: object, occurrence: object, prefix: object, suffix: object
) -> list[Problem]:
    problems: list[Problem] = []
    if type(quote) is not str or not quote:
        problems.append(Problem(path="quote", message="must be a non-empty string", value=quote))
    if occurrence is not None and (type(occurrence) is not int or occurrence < 1):
        problems.append(
            Problem(
                path="occurrence",
                message="must be an integer >= 1 (the first occurrence is 1) or None",
                value=occurrence,
            )
        )
    for name, value in (("prefix", prefix), ("suffix", suffix)):
        if value is not None and (type(value) is not str or not value):
            problems.append(
                Problem(path=name, message="must be a non-empty string or None", value=value)
            )
    return problems


class Locator:
    """Places quotes in one text; keeps the text's folded form for explaining misses.

    Args:
        text: The source text.
        source: The source's id, used in messages.
    """

    __slots__ = ("_folded", "source", "text")

    def __init__(self, text: str, source: str = "") -> None:
        self.text = text
        self.source = source
        self._folded: Folded | None = None

    def _where(self) -> str:
        return f"the text of source {self.source!r}" if self.source else "the text"

    def find(
        self,
        quote: str,
        *,
        occurrence: int | None = None,
        prefix: str | None = None,
        suffix: str | None = None,
    ) -> int:
        """The code-point offset where `quote` starts (it ends ``len(quote)`` later).

        Raises:
            ValidationError: a selector field has the wrong type (path ``quote``,
                ``occurrence``, ``prefix`` or ``suffix``).
            QuoteNotFoundError: the quote (with that prefix and suffix) is not
                in the text; ``candidates`` are the nearest places, each saying
                what differs (normalisation, quote marks, dashes, whitespace, case).
            AmbiguousQuoteError: it stands more than once and `occurrence` is
                None; ``candidates`` lists every occurrence with its context.
                Also a `QuoteNotFoundError` path ``occurrence`` when there are
                fewer occurrences than `occurrence`.
        """
        problems = _check_selector(quote, occurrence, prefix, suffix)
        if problems:
            raise ValidationError(problems)
        text = self.text
        starts = occurrences(text, quote)
        if not starts:
            near = self.nearest(quote)
            raise QuoteNotFoundError(
                [Problem(path="quote", message=self._not_found(near), value=quote)], near
            )
        end = len(quote)
        matching = [
            s
            for s in starts
            if (prefix is None or text[max(0, s - len(prefix)) : s] == prefix)
            and (suffix is None or text[s + end : s + end + len(suffix)] == suffix)
        ]
        if not matching:
            found = [self._candidate(quote, s, s + end) for s in starts]
            raise QuoteNotFoundError(
                [
                    Problem(
                        path="prefix" if prefix is not None else "suffix",
                        message=self._bad_context(quote, starts, prefix, suffix),
                        value=prefix if prefix is not None else suffix,
                    )
                ],
                found,
            )
        if occurrence is None:
            if len(matching) == 1:
                return matching[0]
            found = [self._candidate(quote, s, s + end) for s in matching]
            raise AmbiguousQuoteError(
                [Problem(path="quote", message=self._ambiguous(found), value=quote)], found
            )
        if occurrence > len(matching):
            found = [self._candidate(quote, s, s + end) for s in matching]
            return self._too_few(quote, occurrence, found)
        return matching[occurrence - 1]

    def _too_few(self, quote: str, occurrence: int, found: list[Candidate]) -> int:
        times = "once" if len(found) == 1 else f"{len(found)} times"
        raise QuoteNotFoundError(
            [
                Problem(
                    path="occurrence",
                    message=f"asks for occurrence {occurrence} of {quote!r}, which stands "
                    f"only {times} in {self._where()} (at {_offsets(found)})",
                    value=occurrence,
                )
            ],
            found,
        )

    def _candidate(self, quote: str, start: int, end: int) -> Candidate:
        actual = self.text[start:end]
        return Candidate(
            start=start,
            end=end,
            text=actual,
            score=1.0 if actual == quote else round(similarity(quote, actual), 3),
            differences="" if actual == quote else describe(quote, actual),
            context=context(self.text, start, end),
        )

    def nearest(self, quote: str, limit: int = _NEAREST) -> tuple[Candidate, ...]:
        """The places where `quote` nearly stands, best first (at most `limit`).

        First where it stands once normalisation, quote marks, dashes,
        whitespace and case are folded away; failing that, places found from
        pieces of the quote, scored by similarity (at least 0.5).
        """
        if self._folded is None:
            self._folded = fold(self.text)
        folded = self._folded
        target = fold(quote).text.strip()
        if not target:
            return ()
        spans = [folded.span(s, s + len(target)) for s in occurrences(folded.text, target)[:limit]]
        if not spans:
            spans = _approximate(folded, target, limit)
        found = [self._candidate(quote, a, b) for a, b in spans]
        found.sort(key=lambda c: -c.score)
        return tuple(c for c in found if c.score >= _MIN_SIMILARITY)[:limit]

    def _not_found(self, near: tuple[Candidate, ...]) -> str:
        head = f"is not in {self._where()}"
        if not near:
            return f"{head}; nothing in it comes near"
        listed = "; ".join(
            f"{i}) at {c.start}:{c.end} {c.context!r} (similarity {c.score}: {c.differences})"
            for i, c in enumerate(near, 1)
        )
        return f"{head}; nearest: {listed}"

    def _ambiguous(self, found: list[Candidate]) -> str:
        return (
            f"stands {len(found)} times in {self._where()}: {_listing(found)}; choose one "
            f"with occurrence=1..{len(found)} (counted from the start of the text), or give "
            "prefix= or suffix= (the text right before or after it)"
        )

    def _bad_context(
        self, quote: str, starts: list[int], prefix: str | None, suffix: str | None
    ) -> str:
        text, end = self.text, len(quote)
        details: list[str] = []
        for i, s in enumerate(starts[:_LISTED], 1):
            parts: list[str] = []
            if prefix is not None:
                before = text[max(0, s - len(prefix)) : s]
                if before != prefix:
                    parts.append(f"before it: {before!r} ({describe(prefix, before)})")
            if suffix is not None:
                after = text[s + end : s + end + len(suffix)]
                if after != suffix:
                    parts.append(f"after it: {after!r} ({describe(suffix, after)})")
            details.append(f"{i}) at {s}:{s + end}, {'; '.join(parts)}")
        more = f"; and {len(starts) - _LISTED} more" if len(starts) > _LISTED else ""
        given = " and ".join(
            f"{name}={value!r}"
            for name, value in (("prefix", prefix), ("suffix", suffix))
            if value is not None
        )
        return (
            f"{quote!r} stands {len(starts)} times in {self._where()}, but never with "
            f"{given}: {'; '.join(details)}{more}"
        )


def _offsets(found: list[Candidate]) -> str:
    return ", ".join(f"{c.start}:{c.end}" for c in found[:_LISTED]) + (
        f" and {len(found) - _LISTED} more" if len(found) > _LISTED else ""
    )


def _listing(found: list[Candidate]) -> str:
    listed = "; ".join(
        f"{i}) at {c.start}:{c.end} {c.context!r}" for i, c in enumerate(found[:_LISTED], 1)
    )
    if len(found) > _LISTED:
        listed += f"; and {len(found) - _LISTED} more (all in the error's candidates)"
    return listed


def _approximate(folded: Folded, target: str, limit: int) -> list[tuple[int, int]]:
    """Spans (in the original text) where `target` nearly stands in `folded`.

    The target is cut into pieces; if it stands in the text with fewer edits
    than pieces, one piece stands exactly (the pigeonhole principle). Each
    exact piece votes for a start; the best-voted starts are aligned with
    difflib to find where the near match begins and ends.
    """
    text, size = folded.text, len(target)
    count = max(1, min(_PIECES, size // 4))
    width = size // count
    votes: Counter[int] = Counter()
    for k in range(count):
        piece = target[k * width : (k + 1) * width if k < count - 1 else size]
        for hit in occurrences(text, piece)[:_HITS_PER_PIECE]:
            votes[max(0, hit - k * width)] += 1
    spans: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    slack = max(8, size // 4)
    for start, _ in votes.most_common(limit * 4):
        lo = max(0, start - slack)
        window = text[lo : start + size + slack]
        blocks = [
            b
            for b in difflib.SequenceMatcher(
                None, target, window, autojunk=False
            ).get_matching_blocks()
            if b.size
        ]
        if not blocks:  # pragma: no cover - a voted start has at least its piece in common
            continue
        a, b = lo + blocks[0].b, lo + blocks[-1].b + blocks[-1].size
        span = folded.span(a, b)
        if span not in seen:
            seen.add(span)
            spans.append(span)
    return spans


def locate(
    source: Source,
    quote: str,
    *,
    occurrence: int | None = None,
    prefix: str | None = None,
    suffix: str | None = None,
) -> Evidence:
    """Evidence for `quote` in the text of `source` (see `Source.locate`)."""
    if not isinstance(source, Source):
        raise ValidationError.one("source", "must be a Source", type(source).__name__)
    if source.text is None:
        raise ValidationError.one(
            "text", "is None: a source without text cannot place quotes", source.id
        )
    start = Locator(source.text, source.id).find(
        quote, occurrence=occurrence, prefix=prefix, suffix=suffix
    )
    return Evidence(
        source=source.id,
        start=start,
        end=start + len(quote),
        quote=quote,
        prefix=prefix,
        suffix=suffix,
    )

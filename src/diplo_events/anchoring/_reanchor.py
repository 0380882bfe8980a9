"""Re-anchoring: move every evidence span of a source onto a new version of its text.

Each span is tried in turn, cheapest first:

1. **Unchanged**: the new text still holds the quote (and its prefix and
   suffix) at the same offsets.
2. **Exact, nearby**: the quote stands within a window around where the old
   offset maps to in the new text. The map comes from *anchor words*: words
   that occur exactly once in each text, kept in the order both texts agree
   on (a longest increasing subsequence, as in patience diff); an old offset
   moves by the shift of the last anchor word before it. Building the map is
   O(n log n) in the number of words; each window search is O(window).
3. **Approximate, nearby**: places in the window where pieces of the quote
   stand are scored (below); the best is taken if its quote similarity
   reaches `min_similarity`.
4. **Anywhere**: only for spans that failed 2 and 3, the whole new text is
   searched: exactly, then with normalisation, quote marks, dashes,
   whitespace and case folded away, then by pieces (`Locator.nearest`).
   These cost O(text) each, and are rare when a text is corrected or
   re-wrapped rather than rewritten.

A candidate's score weighs quote, prefix, suffix and position 50/20/20/2, as
the Hypothesis annotation client does (``hypothesis/client``,
``src/annotator/anchoring/match-quote.ts``): each part is a similarity from 0
to 1 (difflib's ratio; for the position, 1 minus the distance from the
predicted offset over the text's length). The prefix and suffix compared are
the span's own, or the 32 code points around it in the old text.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import TypeVar

import attrs

from ..dataset import Dataset
from ..errors import Candidate, ValidationError
from ..model import Actor, Event, Evidence, Membership, Place, Source
from ._coverage import evidence_on
from ._locate import Locator, context, occurrences, similarity

__all__ = ["DEFAULT_MIN_SIMILARITY", "ReanchorReport", "Relocation", "reanchor"]

DEFAULT_MIN_SIMILARITY = 0.75
"""An approximate match is taken when its quote is at least this similar to the old quote."""

_WEIGHTS = (50, 20, 20, 2)
"""Quote, prefix, suffix and position, after the Hypothesis client's ``matchQuote``."""

_CONTEXT = 32
"""Code points of old text used as prefix and suffix when the span has none."""

_WORD = re.compile(r"\S+")

R = TypeVar("R", Actor, Membership, Place, Event)


@attrs.frozen(kw_only=True)
class Relocation:
    """What happened to one evidence span.

    Attributes:
        path: Where the span is, e.g. ``events['ev-3'].evidence[1]``.
        old: The span as it was.
        new: The span in the new text, or None when it is orphaned.
        score: 1.0 for an exact match; else the weighted score of the match
            (or, for an orphan, of its best candidate; 0.0 when there is none).
        candidate: For an orphan, the best place found (below the threshold), or None.
    """

    path: str
    old: Evidence
    new: Evidence | None
    score: float
    candidate: Candidate | None = None


@attrs.frozen(kw_only=True)
class ReanchorReport:
    """Every span of a re-anchored source, as unchanged, moved or orphaned.

    An orphaned span is left out of the returned dataset; it is listed here
    with its record's path, so nothing is dropped unseen.
    """

    source: str
    unchanged: tuple[Relocation, ...]
    moved: tuple[Relocation, ...]
    orphaned: tuple[Relocation, ...]


class _Map:
    """Maps old-text offsets to new-text offsets through anchor words."""

    def __init__(self, old: str, new: str) -> None:
        old_words = [(m.start(), m.group()) for m in _WORD.finditer(old)]
        new_words = [(m.start(), m.group()) for m in _WORD.finditer(new)]
        old_count = Counter(w for _, w in old_words)
        new_count = Counter(w for _, w in new_words)
        new_at = {w: p for p, w in new_words if new_count[w] == 1}
        pairs = [(p, new_at[w]) for p, w in old_words if old_count[w] == 1 and new_count[w] == 1]
        kept = _increasing(pairs)
        self.starts = [p for p, _ in kept]
        self.shifts = [q - p for p, q in kept]

    def __call__(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, offset) - 1
        return offset + (self.shifts[i] if i >= 0 else 0)


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of `pairs` (ordered by their first item) increasing in the second."""
    tails: list[int] = []
    tail_index: list[int] = []
    back: list[int] = [-1] * len(pairs)
    for i, (_, q) in enumerate(pairs):
        k = bisect.bisect_left(tails, q)
        if k == len(tails):
            tails.append(q)
            tail_index.append(i)
        else:
            tails[k] = q
            tail_index[k] = i
        back[i] = tail_index[k - 1] if k else -1
    out: list[tuple[int, int]] = []
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        out.append(pairs[i])
        i = back[i]
    return out[::-1]


class _Relocator:
    def __init__(self, old: str, new: str, min_similarity: float) -> None:
        self.old, self.new = old, new
        self.min_similarity = min_similarity
        self._map: _Map | None = None
        self._locator: Locator | None = None

    def predict(self, offset: int) -> int:
        if self._map is None:
            self._map = _Map(self.old, self.new)
        return self._map(offset)

    def contexts(self, ev: Evidence) -> tuple[str, str]:
        prefix = ev.prefix or self.old[max(0, ev.start - _CONTEXT) : ev.start]
        suffix = ev.suffix or self.old[ev.end : ev.end + _CONTEXT]
        return prefix, suffix

    def score(self, ev: Evidence, start: int, end: int, predicted: int) -> tuple[float, float]:
        """(weighted score, quote similarity) of the candidate ``[start, end)``."""
        new = self.new
        prefix, suffix = self.contexts(ev)
        quote_score = similarity(ev.quote, new[start:end])
        parts = (
            quote_score,
            similarity(prefix, new[max(0, start - len(prefix)) : start]),
            similarity(suffix, new[end : end + len(suffix)]),
            1 - abs(start - predicted) / max(1, len(new)),
        )
        total = sum(w * p for w, p in zip(_WEIGHTS, parts, strict=True)) / sum(_WEIGHTS)
        return round(total, 4), quote_score

    def best(
        self, ev: Evidence, spans: list[tuple[int, int]], predicted: int
    ) -> tuple[float, float, int, int] | None:
        scored = [(*self.score(ev, a, b, predicted), a, b) for a, b in spans]
        return max(scored, key=lambda s: (s[0], -s[2])) if scored else None

    def relocate(self, path: str, ev: Evidence) -> Relocation:
        new, quote = self.new, ev.quote
        if new[ev.start : ev.end] == quote and _context_holds(new, ev, ev.start):
            return Relocation(path=path, old=ev, new=ev, score=1.0)
        predicted = self.predict(ev.start)
        width = max(256, 2 * len(quote))
        lo = max(0, predicted - width)
        window = new[lo : predicted + len(quote) + width]
        exact = [(lo + s, lo + s + len(quote)) for s in occurrences(window, quote)]
        near = exact or self._nearby(quote, window, lo)
        found = self.best(ev, near, predicted)
        if found is None or found[1] < self.min_similarity:
            anywhere = [(s, s + len(quote)) for s in occurrences(new, quote)]
            if not anywhere:
                anywhere = [(c.start, c.end) for c in self.locator.nearest(quote)]
            found = self.best(ev, anywhere + near, predicted)
        if found is None:
            return Relocation(path=path, old=ev, new=None, score=0.0)
        score, quote_score, start, end = found
        if quote_score < self.min_similarity:
            candidate = Candidate(
                start=start,
                end=end,
                text=new[start:end],
                score=score,
                context=context(new, start, end),
            )
            return Relocation(path=path, old=ev, new=None, score=score, candidate=candidate)
        moved = Evidence(
            source=ev.source,
            start=start,
            end=end,
            quote=new[start:end],
            prefix=_around(new, start - len(ev.prefix), start) if ev.prefix else None,
            suffix=_around(new, end, end + len(ev.suffix)) if ev.suffix else None,
        )
        return Relocation(path=path, old=ev, new=moved, score=1.0 if moved == ev else score)

    @property
    def locator(self) -> Locator:
        if self._locator is None:
            self._locator = Locator(self.new)
        return self._locator

    def _nearby(self, quote: str, window: str, lo: int) -> list[tuple[int, int]]:
        return [(lo + c.start, lo + c.end) for c in Locator(window).nearest(quote)]


def _around(text: str, start: int, end: int) -> str | None:
    return text[max(0, start) : end] or None


def _context_holds(text: str, ev: Evidence, start: int) -> bool:
    end = start + len(ev.quote)
    return (ev.prefix is None or text[max(0, start - len(ev.prefix)) : start] == ev.prefix) and (
        ev.suffix is None or text[end : end + len(ev.suffix)] == ev.suffix
    )


def _check(ds: object, source_id: object, new_text: object, min_similarity: object) -> Source:
    if not isinstance(ds, Dataset):
        raise ValidationError.one("ds", "must be a Dataset", type(ds).__name__)
    source = ds.sources.get(source_id) if type(source_id) is str else None
    if source is None:
        raise ValidationError.one("source_id", "refers to an unknown source", source_id)
    if source.text is None:
        raise ValidationError.one(
            "source_id", "names a source without text: nothing to re-anchor from", source_id
        )
    if type(new_text) is not str:
        raise ValidationError.one("new_text", "must be a string", type(new_text).__name__)
    if type(min_similarity) not in (int, float) or not 0 < min_similarity <= 1:  # type: ignore[operator]
        raise ValidationError.one(
            "min_similarity", "must be a number above 0 and at most 1", min_similarity
        )
    return source


def reanchor(
    ds: Dataset,
    source_id: str,
    new_text: str,
    *,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
) -> tuple[Dataset, ReanchorReport]:
    """Give a source a new text and move every evidence span on it to where it now stands.

    Args:
        ds: The dataset.
        source_id: The source whose text changes (it must have a text).
        new_text: The new text.
        min_similarity: How similar (difflib ratio, 0 to 1) the text at an
            approximate match must be to the old quote for the span to move
            there; the moved span quotes the new text.

    Returns:
        The new dataset (the source's text replaced, spans moved, orphaned
        spans left out of their records) and a `ReanchorReport` listing each
        span as unchanged, moved or orphaned with its best candidate.

    Raises:
        ValidationError: an argument is wrong, or (never expected) the result
            does not validate.
    """
    source = _check(ds, source_id, new_text, min_similarity)
    assert source.text is not None  # noqa: S101 - checked above
    relocator = _Relocator(source.text, new_text, min_similarity)
    results = [relocator.relocate(path, ev) for path, ev in evidence_on(ds, source_id)]
    report = ReanchorReport(
        source=source_id,
        unchanged=tuple(r for r in results if r.new is not None and r.new == r.old),
        moved=tuple(r for r in results if r.new is not None and r.new != r.old),
        orphaned=tuple(r for r in results if r.new is None),
    )
    return _rebuild(ds, attrs.evolve(source, text=new_text), results), report


def _rebuild(ds: Dataset, source: Source, results: list[Relocation]) -> Dataset:
    """The dataset with the new source and each record's evidence replaced by its relocation."""
    by_path = {r.path: r.new for r in results}

    def spans(path: str, evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
        out: list[Evidence] = []
        for i, ev in enumerate(evidence):
            key = f"{path}.evidence[{i}]"
            if key not in by_path:
                out.append(ev)
                continue
            new = by_path[key]
            if new is not None:
                out.append(new)
        return tuple(out)

    def evolve(record: R, path: str) -> R:
        new = spans(path, record.evidence)
        return record if new == record.evidence else attrs.evolve(record, evidence=new)

    return Dataset(
        sources=[source if s.id == source.id else s for s in ds.sources.values()],
        actors=[evolve(a, f"actors[{k!r}]") for k, a in ds.actors.items()],
        memberships=[evolve(m, f"memberships[{i}]") for i, m in enumerate(ds.memberships)],
        places=[evolve(p, f"places[{k!r}]") for k, p in ds.places.items()],
        events=[evolve(e, f"events[{k!r}]") for k, e in ds.events.items()],
    )

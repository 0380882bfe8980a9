"""Coverage: the sentences of a source that no evidence covers yet, and the share of text covered.

The rule, stated once (``docs/concepts.md`` repeats it):

- **Characters** are the code points of the text that are not whitespace;
  a character is *covered* when some evidence span of the dataset on that
  source (of an actor, membership, place or event) contains it.
- **Sentences**: each line is cut after ``.``, ``!`` or ``?`` when
  whitespace and then an upper-case letter or an opening quote mark follow;
  not after a title (``Mr.``, ``Dr.`` ...) or initials (``U.S.``, ``J.``).
  Each piece is stripped of surrounding whitespace; blank pieces are dropped.
  So ``Feb. 09, 2018`` stays one sentence (a digit follows).
- A sentence's **share** is covered characters / characters. It counts as
  covered when its share is at least the `threshold` (default 0.5: at
  least half of it is quoted as evidence somewhere). A noun phrase quoted in
  a long opinion sentence therefore does not cover the sentence; every
  sentence's share is reported, so a stricter or looser reading is one
  comparison away.
"""

from __future__ import annotations

import bisect
import re

import attrs

from ..dataset import Dataset
from ..errors import ValidationError
from ..model import Evidence

__all__ = ["DEFAULT_THRESHOLD", "Coverage", "SentenceCoverage", "coverage", "sentences"]

DEFAULT_THRESHOLD = 0.5
"""A sentence is covered when at least this share of its characters is inside evidence."""

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201c\u2018\"'])")
_NOT_AN_END = re.compile(
    r"(?:^|\s)(?:Mr|Mrs|Ms|Dr|Prof|Gen|Gov|Sen|Rep|Lt|Col|Capt|Sgt|St|(?:[A-Z]\.)*[A-Z])\.$"
)
_SPACE = re.compile(r"\s+")


def sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of `text` as code-point spans ``(start, end)``, by the rule above."""
    out: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        cut = 0
        for match in [*_SENTENCE_END.finditer(line), None]:
            if match is not None and _NOT_AN_END.search(line, 0, match.start()):
                continue
            end = len(line) if match is None else match.start()
            piece = line[cut:end]
            stripped = piece.strip()
            if stripped:
                start = line_start + cut + len(piece) - len(piece.lstrip())
                out.append((start, start + len(stripped)))
            if match is not None:
                cut = match.end()
        line_start += len(line) + 1
    return out


def _characters(text: str) -> int:
    """The number of code points of `text` that are not whitespace."""
    return len(text) - sum(len(m) for m in _SPACE.findall(text))


@attrs.frozen(kw_only=True)
class SentenceCoverage:
    """One sentence of a source and how much of it evidence covers.

    Attributes:
        start: Code-point offset of the sentence in the source text.
        end: Code-point offset where it ends (exclusive).
        text: The sentence, exactly as in the text.
        characters: Its code points that are not whitespace.
        covered_characters: Of those, the ones inside some evidence span.
        covered: Whether `share` reaches the threshold of the `Coverage`.
    """

    start: int
    end: int
    text: str
    characters: int
    covered_characters: int
    covered: bool

    @property
    def share(self) -> float:
        """`covered_characters` / `characters`, from 0 to 1."""
        return self.covered_characters / self.characters if self.characters else 1.0


@attrs.frozen(kw_only=True)
class Coverage:
    """How much of one source's text the evidence of a dataset covers.

    Attributes:
        source: The source's id.
        threshold: The share from which a sentence counts as covered.
        sentences: Every sentence, in text order, with its covered share.
        characters: The text's code points that are not whitespace.
        covered_characters: Of those, the ones inside some evidence span.
    """

    source: str
    threshold: float
    sentences: tuple[SentenceCoverage, ...]
    characters: int
    covered_characters: int

    @property
    def share(self) -> float:
        """The share of the text's characters inside evidence, from 0 to 1."""
        return self.covered_characters / self.characters if self.characters else 1.0

    @property
    def uncovered(self) -> tuple[SentenceCoverage, ...]:
        """The sentences below the threshold: what is left to encode (or to leave out)."""
        return tuple(s for s in self.sentences if not s.covered)


def evidence_on(ds: Dataset, source_id: str) -> list[tuple[str, Evidence]]:
    """Every evidence span of the dataset on `source_id`, with the path of its record's span."""
    found: list[tuple[str, Evidence]] = []
    groups: list[tuple[str, tuple[Evidence, ...]]] = [
        *((f"actors[{k!r}]", a.evidence) for k, a in ds.actors.items()),
        *((f"memberships[{i}]", m.evidence) for i, m in enumerate(ds.memberships)),
        *((f"places[{k!r}]", p.evidence) for k, p in ds.places.items()),
        *((f"events[{k!r}]", e.evidence) for k, e in ds.events.items()),
    ]
    for path, spans in groups:
        found.extend(
            (f"{path}.evidence[{i}]", span)
            for i, span in enumerate(spans)
            if span.source == source_id
        )
    return found


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _covered_in(text: str, merged: list[tuple[int, int]], starts: list[int], a: int, b: int) -> int:
    """Non-whitespace code points of ``text[a:b]`` inside the merged spans."""
    total = 0
    i = max(0, bisect.bisect_right(starts, a) - 1)
    while i < len(merged) and merged[i][0] < b:
        lo, hi = max(a, merged[i][0]), min(b, merged[i][1])
        if lo < hi:
            total += _characters(text[lo:hi])
        i += 1
    return total


def coverage(ds: Dataset, source_id: str, *, threshold: float = DEFAULT_THRESHOLD) -> Coverage:
    """The sentences of a source's text and how much of each the dataset's evidence covers.

    See the module's rule: a sentence is covered when at least `threshold`
    of its non-whitespace code points lie inside evidence spans on the source.

    Args:
        ds: The dataset.
        source_id: The id of a source with text.
        threshold: From 0 (exclusive) to 1 (inclusive).

    Raises:
        ValidationError: the source is unknown or has no text, or the
            threshold is out of range.
    """
    if not isinstance(ds, Dataset):
        raise ValidationError.one("ds", "must be a Dataset", type(ds).__name__)
    if type(threshold) not in (int, float) or not 0 < threshold <= 1:
        raise ValidationError.one("threshold", "must be a number above 0 and at most 1", threshold)
    source = ds.sources.get(source_id) if type(source_id) is str else None
    if source is None:
        raise ValidationError.one("source_id", "refers to an unknown source", source_id)
    text = source.text
    if text is None:
        raise ValidationError.one("source_id", "names a source without text", source_id)
    merged = _merged([(s.start, s.end) for _, s in evidence_on(ds, source_id)])
    starts = [a for a, _ in merged]
    rows: list[SentenceCoverage] = []
    for a, b in sentences(text):
        chars = _characters(text[a:b])
        done = _covered_in(text, merged, starts, a, b)
        rows.append(
            SentenceCoverage(
                start=a,
                end=b,
                text=text[a:b],
                characters=chars,
                covered_characters=done,
                covered=(done / chars if chars else 1.0) >= threshold,
            )
        )
    return Coverage(
        source=source_id,
        threshold=float(threshold),
        sentences=tuple(rows),
        characters=_characters(text),
        covered_characters=sum(_characters(text[a:b]) for a, b in merged),
    )

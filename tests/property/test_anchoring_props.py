"""Property tests: anchoring finds every quote where it stands; offset units round-trip."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplo_events import Dataset, Source
from diplo_events.anchoring import anchor, from_code_points, reanchor, to_code_points
from diplo_events.anchoring._locate import occurrences
from diplo_events.strategies import datasets

pytestmark = pytest.mark.property

# Letters, spaces, curly quotes, a combining accent, CJK and emoji: the characters that
# make code points, UTF-16 units and UTF-8 bytes disagree, and quotes repeat often.
_ALPHABET = st.sampled_from(list("ab \n\u2019'\u0301\u00e9\u4e2d\U0001f600"))
_TEXTS = st.text(_ALPHABET, min_size=1, max_size=60)


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """A text and some non-empty spans of it."""
    text = draw(_TEXTS)
    spans = []
    for _ in range(draw(st.integers(1, 5))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        spans.append((start, end))
    return text, spans


def _draft_span(text: str, start: int, end: int) -> dict[str, Any]:
    quote = text[start:end]
    starts = occurrences(text, quote)
    span: dict[str, Any] = {"quote": quote}
    if len(starts) > 1:
        span["occurrence"] = starts.index(start) + 1
    return span


@given(text_and_spans())
def test_locate_and_anchor_find_every_quote_at_its_offsets(
    case: tuple[str, list[tuple[int, int]]],
) -> None:
    """A quote taken from a text (with its occurrence when it repeats) lands where it was taken."""
    text, spans = case
    source = Source(id="s", title="T", text=text)
    for start, end in spans:
        draft = _draft_span(text, start, end)
        ev = source.locate(draft["quote"], occurrence=draft.get("occurrence"))
        assert (ev.start, ev.end) == (start, end)
    document = {
        "format": "diplo-events",
        "version": 1,
        "sources": [{"id": "s", "title": "T", "text": text}],
        "actors": [
            {
                "id": "a",
                "name": "A",
                "kind": "state",
                "evidence": [_draft_span(text, s, e) for s, e in spans],
            }
        ],
        "memberships": [],
        "places": [],
        "events": [],
    }
    ds = anchor(document)
    assert [(ev.start, ev.end) for ev in ds.actors["a"].evidence] == spans


@given(_TEXTS, st.sampled_from(["utf-16", "utf-8", "code-point"]), st.data())
def test_offset_units_round_trip(text: str, unit: Any, data: st.DataObject) -> None:
    """Code point -> unit -> code point is the identity, and so is unit -> code point -> unit."""
    index = data.draw(st.integers(0, len(text)))
    offset = from_code_points(text, index, unit=unit)
    assert to_code_points(text, offset, unit=unit) == index
    assert from_code_points(text, to_code_points(text, offset, unit=unit), unit=unit) == offset
    codec = {"utf-16": "utf-16-le", "utf-8": "utf-8", "code-point": "utf-32-le"}[unit]
    width = {"utf-16": 2, "utf-8": 1, "code-point": 4}[unit]
    assert offset == len(text[:index].encode(codec)) // width


@settings(max_examples=40)  # generating datasets is the slow part (about 0.2 s each)
@given(datasets(max_events=4))
def test_reanchor_with_the_same_text_moves_nothing(ds: Dataset) -> None:
    """Re-anchoring onto an unchanged text keeps every span, and locate agrees with each one."""
    source = ds.sources["src-main"]
    assert source.text is not None
    new, report = reanchor(ds, "src-main", source.text)
    assert new == ds
    assert report.moved == report.orphaned == ()
    for relocation in report.unchanged:
        old = relocation.old
        text = source.text
        matching = [
            s
            for s in occurrences(text, old.quote)
            if (old.prefix is None or text[:s].endswith(old.prefix))
            and (old.suffix is None or text[s + len(old.quote) :].startswith(old.suffix))
        ]
        found = new.sources["src-main"].locate(
            old.quote,
            occurrence=matching.index(old.start) + 1,
            prefix=old.prefix,
            suffix=old.suffix,
        )
        assert found == old


@settings(max_examples=40)
@given(datasets(max_events=4), st.integers(1, 40))
def test_reanchor_after_inserted_text_shifts_every_span(ds: Dataset, size: int) -> None:
    """Text put in front of the source moves every span by its length, quote and context intact.

    The preface is of symbols (category So) and a line break, which generated texts never hold,
    so no quote can also stand in it.
    """
    preface = "\u00a9" * size + "\n"
    source = ds.sources["src-main"]
    assert source.text is not None
    _, report = reanchor(ds, "src-main", preface + source.text)
    assert report.orphaned == ()
    for relocation in (*report.moved, *report.unchanged):
        assert relocation.new is not None
        assert relocation.new.quote == relocation.old.quote
        assert relocation.new.start == relocation.old.start + len(preface)

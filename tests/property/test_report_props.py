"""Property tests of the report's text panel and the timeline glyphs over generated data."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplo_events import Dataset
from diplo_events.plot._marks import glyphs
from diplo_events.report._text import Span, text_html
from diplo_events.strategies import datasets

pytestmark = pytest.mark.property

TEXT = "Kono met Wang Yi in Beijing <on> 28 January & left."


@st.composite
def spans(draw: st.DrawFn) -> list[Span]:
    bounds = draw(
        st.lists(
            st.tuples(st.integers(0, len(TEXT)), st.integers(0, len(TEXT))).map(sorted),
            max_size=8,
        )
    )
    return [Span(n=i, record=i, start=a, end=b, css="k-meeting") for i, (a, b) in enumerate(bounds)]


@given(spans())
def test_every_span_is_one_highlight_and_the_text_survives(found: list[Span]) -> None:
    """Tags balance, the text is unchanged, each non-empty span has one first piece."""
    out = text_html(TEXT, found, [])
    assert out.count("<mark") == out.count("</mark>")
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == TEXT
    firsts = re.findall(r'class="k-meeting first" data-span="(\d+)"', out)
    assert sorted(map(int, firsts)) == [s.n for s in found if s.start < s.end]


@settings(max_examples=25)
@given(datasets())
def test_every_event_gets_a_glyph_within_its_bounds(ds: Dataset) -> None:
    """Lanes by kind: one glyph per event; the certain span lies inside the outer bounds."""
    rows, n = glyphs(ds.events.values(), dataset=ds, max_glyphs=10_000)
    assert n == len(rows) == len(ds.events)
    for g in rows:
        if g.certain is not None:
            assert g.start is None or g.start <= g.certain[0]
            assert g.end is None or g.certain[1] <= g.end
        assert g.has_whisker == (g.certain is None or (g.start, g.end) != g.certain)

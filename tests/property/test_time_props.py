"""Property tests: EDTF round trips, bounds and the laws of the span relations."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diplo_events import PartialDate, TimeSpan
from diplo_events.strategies import partial_dates, time_spans

pytestmark = pytest.mark.property


@given(partial_dates())
def test_partial_date_round_trip(date: PartialDate) -> None:
    """PartialDate.parse(str(d)) == d."""
    assert PartialDate.parse(str(date)) == date


@given(time_spans())
def test_edtf_round_trip(span: TimeSpan) -> None:
    """TimeSpan.parse(str(s)) == s, and the text is stable."""
    text = str(span)
    assert TimeSpan.parse(text) == span
    assert str(TimeSpan.parse(text)) == text


@given(time_spans())
def test_bounds_are_ordered(span: TimeSpan) -> None:
    """earliest <= latest_start <= latest and earliest <= earliest_end <= latest (where bounded)."""
    lo, hi = span.earliest, span.latest
    if lo is not None:
        assert lo <= span.latest_start
        assert lo <= span.earliest_end
    if hi is not None:
        assert span.latest_start <= hi
        assert span.earliest_end <= hi
    if lo is not None and hi is not None:
        assert lo <= hi


@given(partial_dates())
def test_partial_date_bounds(date: PartialDate) -> None:
    """A partial date's bounds are ordered and inside its year (and month)."""
    assert date.earliest <= date.latest
    assert date.earliest.year == date.latest.year == date.year
    if date.month is not None:
        assert date.earliest.month == date.latest.month == date.month
        assert (date.latest + dt.timedelta(days=1)).month != date.month or date.day is not None


@given(time_spans(), time_spans())
def test_overlap_laws(a: TimeSpan, b: TimeSpan) -> None:
    """Definitely implies possibly; overlap is symmetric; before excludes overlap."""
    assert a.possibly_overlaps(b) == b.possibly_overlaps(a)
    assert a.definitely_overlaps(b) == b.definitely_overlaps(a)
    if a.definitely_overlaps(b):
        assert a.possibly_overlaps(b)
    if a.definitely_before(b):
        assert not a.possibly_overlaps(b)
        assert b.definitely_after(a)
        assert not b.definitely_before(a)
    assert a.definitely_after(b) == b.definitely_before(a)


@given(time_spans(), time_spans())
def test_within_laws(a: TimeSpan, b: TimeSpan) -> None:
    """Definitely within implies possibly within and definite overlap; within implies overlap."""
    if a.definitely_within(b):
        assert a.possibly_within(b)
        assert a.definitely_overlaps(b)
    if a.possibly_within(b):
        assert a.possibly_overlaps(b)


@given(time_spans())
def test_reflexive(a: TimeSpan) -> None:
    """A span possibly overlaps and possibly lies within itself."""
    assert a.possibly_overlaps(a)
    assert a.possibly_within(a)


@given(time_spans(), st.dates())
def test_contains_matches_bounds(span: TimeSpan, day: dt.date) -> None:
    """contains(d) is exactly 'd within the outer bounds'."""
    inside = (span.earliest is None or span.earliest <= day) and (
        span.latest is None or day <= span.latest
    )
    assert span.contains(day) == inside
    if span.contains(day):
        assert span.possibly_overlaps(TimeSpan.of(day))


@given(partial_dates(min_year=100, qualified=False))
def test_user_text_keeps_precision(date: PartialDate) -> None:
    """A date written as a person would comes back at the same precision."""
    if date.day is not None:
        text = f"{date.day} {dt.date(2000, date.month or 1, 1):%B} {date.year:04d}"
    elif date.month is not None:
        text = f"{dt.date(2000, date.month, 1):%b} {date.year:04d}"
    else:
        text = f"{date.year:04d}"
    assert PartialDate.from_user(text) == date

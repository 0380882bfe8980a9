"""Property tests of corpus operations: merge and diff agree with each other and with equality."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplo_events import Dataset, diff, merge, merge_with_report
from diplo_events.strategies import datasets

pytestmark = pytest.mark.property

# Bounded: generating datasets is the slow part, and these run in CI.
BOUNDED = settings(max_examples=25)

_NOTES = st.none() | st.sampled_from(["Checked twice.", "From the wire."])


@st.composite
def changed_copies(draw: st.DrawFn) -> tuple[Dataset, Dataset]:
    """A generated dataset and a copy in which some records have other values (same ids)."""
    ds = draw(datasets())
    actors = [
        attrs.evolve(a, name=a.name + " (renamed)") if draw(st.booleans()) else a
        for a in ds.actors.values()
    ]
    memberships = [attrs.evolve(m, note=draw(_NOTES)) for m in ds.memberships]
    events = []
    for e in ds.events.values():
        change: dict[str, Any] = {}
        if draw(st.booleans()):
            change["summary"] = e.summary + " Again."
        if draw(st.booleans()):
            change["topics"] = (*e.topics, "added-topic") if "added-topic" not in e.topics else ()
        change["note"] = draw(_NOTES)
        events.append(attrs.evolve(e, **change))
    copy = Dataset(
        sources=ds.sources.values(),
        actors=actors,
        memberships=memberships,
        places=ds.places.values(),
        events=events,
    )
    return ds, copy


@BOUNDED
@given(datasets())
def test_merge_with_itself(ds: Dataset) -> None:
    """Merging a dataset with itself (under every rule) gives the dataset."""
    for mode in ("error", "first", "last", "combine"):
        assert merge(ds, ds, on_conflict=mode) == ds


@BOUNDED
@given(datasets())
def test_diff_with_itself(ds: Dataset) -> None:
    """diff(a, a) is empty."""
    d = diff(ds, ds)
    assert not d
    assert d.changes == ()


@BOUNDED
@given(changed_copies())
def test_merge_last_reports_the_diff(pair: tuple[Dataset, Dataset]) -> None:
    """merge(a, b, 'last') with b a changed copy of a gives b, reporting exactly diff(a, b)."""
    a, b = pair
    merged, report = merge_with_report(a, b, on_conflict="last")
    assert merged == b
    changes = diff(a, b).changes
    assert [(c.path, c.first, c.second) for c in report.conflicts] == [
        (c.path, c.old, c.new) for c in changes
    ]
    assert all(c.resolution == "last" for c in report.conflicts)
    first, report = merge_with_report(a, b, on_conflict="first")
    assert first == a
    assert len(report.conflicts) == len(changes)
    assert not diff(b, merged)

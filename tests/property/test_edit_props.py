"""Property tests of edits: incremental validation reports exactly what a full validation does."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from diplo_events import ActorKind, Dataset, Membership, ValidationError
from diplo_events.corpus import edit
from diplo_events.strategies import Fault, actors, broken_datasets, datasets, event_kwargs, events

pytestmark = pytest.mark.property

# Bounded: generating datasets is the slow part, and these run in CI.
BOUNDED = settings(max_examples=40)

Edit = dict[str, list[Any]]


def outcome(make: Any) -> Dataset | tuple[tuple[str, str, object], ...]:
    """The dataset `make()` returns, or the (path, message, value) of each problem it raises."""
    try:
        return make()  # type: ignore[no-any-return]
    except ValidationError as exc:
        return tuple((p.path, p.message, p.value) for p in exc.problems)


def columns(ds: Dataset) -> dict[str, list[Any]]:
    """The collections of `ds` as lists, as `Dataset` takes them."""
    return {
        "sources": list(ds.sources.values()),
        "actors": list(ds.actors.values()),
        "memberships": list(ds.memberships),
        "places": list(ds.places.values()),
        "events": list(ds.events.values()),
    }


def apply(ds: Dataset, change: Edit) -> dict[str, list[Any]]:
    """What `edit` must amount to: removed records gone, replaced in place, added appended."""
    cols = columns(ds)
    for r in change["remove"]:
        name = _collection(r)
        if isinstance(r, Membership):
            cols[name].remove(r)
        else:
            cols[name] = [x for x in cols[name] if x.id != r.id]
    for r in change["replace"]:
        name = _collection(r)
        cols[name] = [r if x.id == r.id else x for x in cols[name]]
    for r in change["add"]:
        cols[_collection(r)].append(r)
    return cols


def _collection(record: object) -> str:
    if isinstance(record, Membership):
        return "memberships"
    return {"Source": "sources", "Actor": "actors", "Place": "places"}.get(
        type(record).__name__, "events"
    )


@st.composite
def edits(draw: st.DrawFn) -> tuple[Dataset, Edit]:
    """A generated dataset and an edit of it that may break it: removals that leave
    references dangling, replacements that change an actor's kind or country, a
    source's text or a part_of (cycles), additions with unknown references or a
    repeated id."""
    ds = draw(datasets(max_events=6))
    change: Edit = {"add": [], "replace": [], "remove": []}
    pick = st.integers(0, 5)
    for name in ("sources", "actors", "places", "events"):
        for record in getattr(ds, name).values():
            roll = draw(pick)
            if roll == 0:
                change["remove"].append(record)
            elif roll == 1:
                change["replace"].append(draw(_changed(ds, record)))
    for m in ds.memberships:
        if draw(pick) == 0:
            change["remove"].append(m)
    pool = list(ds.actors.values())
    for i in range(draw(st.integers(0, 2))):
        cls = type(draw(events()))
        change["add"].append(cls(**draw(event_kwargs(cls, actor_pool=pool, event_id=f"new-{i}"))))
    if draw(st.booleans()):
        change["add"].append(draw(events()))  # actors a0, a1, ...: unknown here
    if len(ds.events) and draw(st.booleans()):
        change["add"].append(draw(st.sampled_from(list(ds.events.values()))))  # a repeated id
    if draw(st.booleans()):
        change["add"].append(draw(actors(actor_id="new-actor")))
    if len(pool) >= 2 and draw(st.booleans()):
        person, org = draw(st.lists(st.sampled_from(pool), min_size=2, max_size=2, unique=True))
        change["add"].append(Membership(person=person.id, organization=org.id, title="Envoy"))
    return ds, change


@st.composite
def _changed(draw: st.DrawFn, ds: Dataset, record: Any) -> Any:
    """`record` with one value changed in a way that can break the dataset."""
    name = _collection(record)
    if name == "sources":
        text = record.text or ""
        return attrs.evolve(record, text=draw(st.sampled_from([text + " More.", text[1:] or "x"])))
    if name == "actors":
        kind = draw(st.sampled_from(list(ActorKind)))
        part_of = None if kind is ActorKind.PERSON else record.part_of
        country = draw(st.sampled_from([None, "JPN", "CHN"]))
        return attrs.evolve(record, kind=kind, part_of=part_of, country=country)
    others = [k for k in getattr(ds, name) if k != record.id]
    parent = draw(st.none() | st.sampled_from(others)) if others else None
    if name == "places":
        return attrs.evolve(record, part_of=parent)
    return attrs.evolve(record, part_of=parent, summary=record.summary + " Edited.")


@BOUNDED
@given(edits())
def test_edit_reports_what_full_validation_reports(case: tuple[Dataset, Edit]) -> None:
    """An edit gives the dataset, or exactly the problems, that building it whole gives."""
    ds, change = case
    expected = outcome(lambda: Dataset(**apply(ds, change)))
    actual = outcome(lambda: edit(ds, **change))
    assert actual == expected
    event("invalid" if isinstance(expected, tuple) else "valid")
    assert columns(ds) == columns(case[0])  # the original is untouched


@BOUNDED
@given(broken_datasets())
def test_injected_faults_as_edits(fault: Fault) -> None:
    """Each injected fault, made as an edit of the valid dataset, is reported as in full."""
    original = fault.original
    assert original is not None
    change: Edit = {"add": [], "replace": [], "remove": []}
    for name, records in fault.collections.items():
        old = list(getattr(original, name).values()) if name != "memberships" else []
        change["replace"].extend(r for r, o in zip(records, old, strict=False) if r != o)
        change["add"].extend(records[len(old) :] if name != "memberships" else [])
    expected = outcome(fault.build)
    assert isinstance(expected, tuple)
    assert fault.path in {path for path, _, _ in expected}
    assert outcome(lambda: edit(original, **change)) == expected


@BOUNDED
@given(datasets(min_events=1))
def test_add_then_remove(ds: Dataset) -> None:
    """Removing the events one by one, then adding them back, gives the dataset again."""
    events_ = list(ds.events.values())
    children = {e.part_of for e in events_} | {r.target for e in events_ for r in e.relations}
    leaves = [e for e in events_ if e.id not in children]
    smaller = ds
    for e in leaves:
        smaller = smaller.remove(e)
    assert list(smaller.events) == [e.id for e in events_ if e.id in children]
    again = smaller.add(*leaves)
    assert set(again.events) == set(ds.events)
    assert again.events == {**smaller.events, **{e.id: e for e in leaves}}

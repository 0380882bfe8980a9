"""Every query returns exactly what a brute-force filter over all events returns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from diplo_events import (
    ActorKind,
    Dataset,
    Event,
    EventKind,
    PartialDate,
    Participant,
    Status,
    TimeSpan,
    Unbounded,
    ValidationError,
)
from diplo_events import strategies as st_de
from diplo_events.query import Query

from ..helpers import with_events

pytestmark = pytest.mark.property

Check = Callable[[Dataset, Event], bool]


# -- the brute-force definitions, written from docs/queries.md -------------------


def involves(ds: Dataset, event: Event, actor: str, members: bool) -> bool:
    for p in event.participants:
        if p.actor == actor:
            return True
        if members and p.on_behalf_of == actor:
            return True
        if members:
            for m in ds.memberships:
                if (m.person, m.organization) == (p.actor, actor) and (
                    m.when is None or m.when.possibly_overlaps(event.when)
                ):
                    return True
    return False


def matches(ds: Dataset, p: Participant, actor_id: str) -> bool:
    if actor_id in (p.actor, p.on_behalf_of):
        return True
    actor = ds.actors[actor_id]
    return actor.kind is ActorKind.STATE and ds.side(p) == (actor.country or actor.id)


def between(ds: Dataset, event: Event, a: str, b: str) -> bool:
    parts = event.participants
    return any(
        matches(ds, p, a) and matches(ds, q, b) and ds.side(p) != ds.side(q)
        for p in parts
        for q in parts
    )


def during(event: Event, window: TimeSpan, mode: str) -> bool:
    lo, hi = window.earliest, window.latest
    if mode == "possibly":
        period = TimeSpan(
            start=Unbounded.OPEN if lo is None else PartialDate.of_day(lo),
            end=Unbounded.OPEN if hi is None else PartialDate.of_day(hi),
        )
        return event.when.possibly_overlaps(period)
    e_lo, e_hi = event.when.earliest, event.when.latest
    return (lo is None or (e_lo is not None and lo <= e_lo)) and (
        hi is None or (e_hi is not None and e_hi <= hi)
    )


def at(ds: Dataset, event: Event, place: str) -> bool:
    node = event.place
    while node is not None:
        if node == place:
            return True
        node = ds.places[node].part_of
    return False


def chronological(event: Event) -> tuple[object, ...]:
    lo, hi = event.when.earliest, event.when.latest
    return (lo is not None, lo or dt.date.min, hi is None, hi or dt.date.max, event.id)


# -- generated datasets and queries -----------------------------------------------


@st.composite
def datasets_with_behalf(draw: st.DrawFn) -> Dataset:
    """Generated datasets where some participants act on behalf of an organisation."""
    ds = draw(st_de.datasets(max_events=14))
    orgs = [a.id for a in ds.actors.values() if a.kind is not ActorKind.PERSON]
    if not draw(st.booleans()) or not ds.events:
        return ds
    events = []
    for event in ds.events.values():
        parts = list(event.participants)
        i = draw(st.integers(0, len(parts) - 1))
        org = draw(st.sampled_from(orgs))
        if draw(st.booleans()) and org != parts[i].actor:
            parts[i] = attrs.evolve(parts[i], on_behalf_of=org)
        events.append(attrs.evolve(event, participants=parts))
    try:
        return with_events(ds, events)
    except ValidationError:
        assume(False)
        raise  # pragma: no cover - assume(False) raises


def check(function: Callable[..., bool], *args: object) -> Check:
    """A check calling ``function(ds, event, *args)``."""
    return lambda ds, event: function(ds, event, *args)


def has_kind(_ds: Dataset, event: Event, kinds: list[EventKind]) -> bool:
    return event.kind in kinds


def has_status(_ds: Dataset, event: Event, statuses: list[Status]) -> bool:
    return event.status in statuses


def involves_all(ds: Dataset, event: Event, actors: list[str], members: bool) -> bool:
    return all(involves(ds, event, a, members) for a in actors)


def involves_any(ds: Dataset, event: Event, actors: list[str], members: bool) -> bool:
    return any(involves(ds, event, a, members) for a in actors)


def in_window(_ds: Dataset, event: Event, window: TimeSpan, mode: str) -> bool:
    return during(event, window, mode)


def has_topic(_ds: Dataset, event: Event, topic: str) -> bool:
    return topic in event.topics


def even(event: Event) -> bool:
    return len(event.participants) % 2 == 0


def is_even(_ds: Dataset, event: Event) -> bool:
    return even(event)


@st.composite
def queries(draw: st.DrawFn, ds: Dataset) -> tuple[Query, list[Check]]:
    """A query on `ds` and the brute-force checks it stands for."""
    query, checks = ds.query(), []
    actor_ids = sorted(ds.actors)
    topics = [*sorted({t for e in ds.events.values() for t in e.topics}), "no-such-topic"]
    ops = ("kind", "status", "involving", "any", "between", "during", "at", "topic", "where")
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(ops))
        if op == "kind":
            kinds = draw(st.lists(st.sampled_from(list(EventKind)), min_size=1, max_size=3))
            query = query.kind(*[draw(st.sampled_from((k, k.value))) for k in kinds])
            checks.append(check(has_kind, kinds))
        elif op == "status":
            statuses = draw(st.lists(st.sampled_from(list(Status)), min_size=1, max_size=4))
            query = query.status(*statuses)
            checks.append(check(has_status, statuses))
        elif op in {"involving", "any"}:
            chosen = draw(st.lists(st.sampled_from(actor_ids), min_size=1, max_size=3))
            members = draw(st.booleans())
            if op == "involving":
                query = query.involving(*chosen, include_members=members)
                checks.append(check(involves_all, chosen, members))
            else:
                query = query.involving_any(*chosen, include_members=members)
                checks.append(check(involves_any, chosen, members))
        elif op == "between":
            a, b = draw(st.lists(st.sampled_from(actor_ids), min_size=2, max_size=2, unique=True))
            query = query.between(a, b)
            checks.append(check(between, a, b))
        elif op == "during":
            window = draw(st_de.time_spans(min_year=1890, max_year=2110))
            mode = draw(st.sampled_from(("possibly", "definitely")))
            given_as: TimeSpan | str = draw(st.one_of(st.just(window), st.just(str(window))))
            query = query.during(given_as, mode=mode)
            checks.append(check(in_window, window, mode))
        elif op == "at" and ds.places:
            place = draw(st.sampled_from(sorted(ds.places)))
            query = query.at(place)
            checks.append(check(at, place))
        elif op == "topic":
            topic = draw(st.sampled_from(topics))
            query = query.topic(topic)
            checks.append(check(has_topic, topic))
        elif op == "where":
            query = query.where(even)
            checks.append(is_even)
    return query, checks


class TestQueryEqualsBruteForce:
    @given(data=st.data(), ds=datasets_with_behalf())
    def test_query_matches_brute_force(self, data: st.DataObject, ds: Dataset) -> None:
        """Any generated query yields the brute-force matches, in chronological order."""
        query, checks = data.draw(queries(ds))
        expected = sorted(
            (e for e in ds.events.values() if all(c(ds, e) for c in checks)), key=chronological
        )
        assert [e.id for e in query] == [e.id for e in expected]
        assert len(query) == len(expected)
        assert query.first() == (expected[0] if expected else None)

    @given(data=st.data(), ds=datasets_with_behalf())
    def test_to_dataset_is_valid_and_keeps_the_matches(
        self, data: st.DataObject, ds: Dataset
    ) -> None:
        """The sub-dataset of a query is valid and holds every match, with the same answer."""
        query, _ = data.draw(queries(ds))
        sub = query.to_dataset()
        assert set(query.ids()) <= set(sub.events)
        assert all(sub.events[key] == ds.events[key] for key in sub.events)

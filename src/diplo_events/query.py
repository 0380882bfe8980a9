"""`Query`: immutable, chainable questions about the events of a `Dataset`.

Start one with `Dataset.query()`; each method adds a condition and returns a
new query, so a query can be kept and refined::

    kono = ds.query().involving("taro-kono")
    for event in kono.kind("meeting").during("Jan 2018"):
        print(event.when, event.summary)

An event matches when it meets every condition. Results come in
chronological order: earliest bound (unbounded first), then latest bound
(unbounded last), then id. The definitions of each condition are in
``docs/queries.md``. Queries run on indexes built once per dataset, on first
use (see `diplo_events._index`).
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, ClassVar, TypeVar

from ._checks import coerce_enum, is_slug
from ._index import OPEN_AFTER, OPEN_BEFORE, EventIndex, Posting, Window, get_index
from .enums import ActorKind, EventKind, Status
from .errors import ValidationError
from .model import Event, TimeSpan

if TYPE_CHECKING:
    import datetime as dt

    from .dataset import Dataset
    from .model import Actor, Membership, PartialDate, Participant, Place

__all__ = ["Query"]

E = TypeVar("E", bound=enum.Enum)

_MODES = ("possibly", "definitely")


class _Condition:
    """One condition of a query: an optional candidate set and an exact test."""

    __slots__ = ()
    exact: ClassVar[bool] = True  # whether the union of `postings` is exactly the matches

    def postings(self, index: EventIndex) -> list[Posting] | None:
        """Postings whose union holds every match (None when not indexed)."""
        del index
        return None

    def tester(self, index: EventIndex) -> Callable[[int], bool]:
        """A function telling whether the event of a rank matches."""
        raise NotImplementedError

    def __repr__(self) -> str:
        raise NotImplementedError


class _Valued(_Condition):
    """Events whose `field` (``kind`` or ``status``) is one of `values`."""

    __slots__ = ("field", "values")

    def __init__(self, field: str, values: frozenset[EventKind] | frozenset[Status]) -> None:
        self.field, self.values = field, values

    def postings(self, index: EventIndex) -> list[Posting] | None:
        table = index.table(self.field)
        return [table[v] for v in self.values if v in table]

    def tester(self, index: EventIndex) -> Callable[[int], bool]:
        events, get, values = index.events, operator.attrgetter(self.field), self.values
        return lambda rank: get(events[rank]) in values

    def __repr__(self) -> str:
        return f"{self.field}({', '.join(sorted(repr(m.value) for m in self.values))})"


class _Keyed(_Condition):
    """Events in the posting of any of `keys` in one index table."""

    __slots__ = ("keys", "label", "table")

    def __init__(self, label: str, table: str, keys: tuple[str, ...]) -> None:
        self.label, self.table, self.keys = label, table, keys

    def postings(self, index: EventIndex) -> list[Posting] | None:
        table = index.table(self.table)
        return [table[k] for k in self.keys if k in table]

    def tester(self, index: EventIndex) -> Callable[[int], bool]:
        postings = self.postings(index) or []
        contains = index.contains
        return lambda rank: any(contains(p, rank) for p in postings)

    def __repr__(self) -> str:
        return f"{self.label}({', '.join(map(repr, self.keys))})"


class _Window(_Condition):
    __slots__ = ("definitely", "hi", "lo", "text")

    def __init__(self, span: TimeSpan, *, definitely: bool) -> None:
        earliest, latest = span.earliest, span.latest
        self.lo = OPEN_BEFORE if earliest is None else earliest.toordinal()
        self.hi = OPEN_AFTER if latest is None else latest.toordinal()
        self.definitely, self.text = definitely, str(span)

    def ranges(self, index: EventIndex) -> Window:
        return index.window(self.lo, self.hi, definitely=self.definitely)

    def tester(self, index: EventIndex) -> Callable[[int], bool]:
        lows, highs, lo, hi = index.lo, index.hi, self.lo, self.hi
        if self.definitely:
            return lambda rank: lows[rank] >= lo and highs[rank] <= hi
        return lambda rank: lows[rank] <= hi and highs[rank] >= lo

    def __repr__(self) -> str:
        mode = "definitely" if self.definitely else "possibly"
        return f"during({self.text!r}, mode={mode!r})"


class _Between(_Condition):
    __slots__ = ("ends", "sides")
    exact = False

    def __init__(self, dataset: Dataset, a: str, b: str) -> None:
        self.ends = (a, b)
        self.sides = tuple(_state_side(dataset, x) for x in self.ends)

    def postings(self, index: EventIndex) -> list[Posting] | None:
        options = []
        for actor_id, side in zip(self.ends, self.sides, strict=True):
            found = [index.table("actor").get(actor_id), index.table("behalf").get(actor_id)]
            if side is not None:
                found.append(index.table("side").get(side))
            options.append([p for p in found if p is not None])
        return min(options, key=lambda ps: sum(index.count(p, None) for p in ps))

    def tester(self, index: EventIndex) -> Callable[[int], bool]:
        events, side_of = index.events, index._dataset.side
        (a, b), (side_a, side_b) = self.ends, self.sides

        def test(rank: int) -> bool:
            parts = events[rank].participants
            sides_a = {side_of(p) for p in parts if _matches(p, a, side_a, side_of)}
            sides_b = {side_of(p) for p in parts if _matches(p, b, side_b, side_of)}
            return bool(sides_a and sides_b) and len(sides_a | sides_b) != 1

        return test

    def __repr__(self) -> str:
        return f"between({self.ends[0]!r}, {self.ends[1]!r})"


class _Where(_Condition):
    __slots__ = ("predicate",)
    exact = False

    def __init__(self, predicate: Callable[[Event], object]) -> None:
        self.predicate = predicate

    def tester(self, index: EventIndex) -> Callable[[int], bool]:
        events, predicate = index.events, self.predicate
        return lambda rank: bool(predicate(events[rank]))

    def __repr__(self) -> str:
        return f"where({getattr(self.predicate, '__name__', 'predicate')})"


def _matches(p: Participant, actor_id: str, side: str | None, side_of: Callable[..., str]) -> bool:
    if actor_id in {p.actor, p.on_behalf_of}:
        return True
    return side is not None and side_of(p) == side


def _state_side(dataset: Dataset, actor_id: str) -> str | None:
    """The side a state stands for (its country, else its id); None for other actors."""
    actor = dataset.actors[actor_id]
    if actor.kind is not ActorKind.STATE:
        return None
    return actor.country or actor.id


class Query:
    """An immutable, chainable question about a dataset's events.

    Build one with `Dataset.query()`. Each condition method returns a new
    query; the events must meet every condition. Iterating yields the matching
    events in chronological order (earliest bound, unbounded first; then
    latest bound, unbounded last; then id). Results are computed once per query
    object, on first use.
    """

    __slots__ = ("_conditions", "_dataset", "_ranks")

    def __init__(self, dataset: Dataset, conditions: tuple[_Condition, ...] = ()) -> None:
        self._dataset = dataset
        self._conditions = conditions
        self._ranks: list[int] | None = None

    def _add(self, condition: _Condition) -> Query:
        return Query(self._dataset, (*self._conditions, condition))

    def narrows(self, field: str) -> bool:
        """Whether the query has a `kind` (``field="kind"``) or `status` (``"status"``) condition.

        Defaults that apply to a query only where it chooses nothing itself
        (the who-met-whom network's meetings and visits that occurred) ask this.

        Raises:
            ValidationError: `field` is not ``"kind"`` or ``"status"``.
        """
        if field not in ("kind", "status"):
            raise ValidationError.one("field", "must be 'kind' or 'status'", field)
        return any(isinstance(c, _Valued) and c.field == field for c in self._conditions)

    # -- conditions -------------------------------------------------------------

    def kind(self, *kinds: EventKind | str) -> Query:
        """Events of any of `kinds` (`EventKind` members or their values, such as ``"meeting"``)."""
        return self._add(_Valued("kind", _members(EventKind, kinds, "kind")))

    def status(self, *statuses: Status | str) -> Query:
        """Events with any of `statuses` (`Status` members or values, such as ``"planned"``)."""
        return self._add(_Valued("status", _members(Status, statuses, "status")))

    def involving(self, *actor_ids: str, include_members: bool = False) -> Query:
        """Events in which every one of `actor_ids` takes part (as `Participant.actor`).

        With ``include_members=True`` an actor also takes part through a
        participant acting on its behalf (`Participant.on_behalf_of`) or
        holding a membership in it whose span is None or possibly overlaps
        the event (a foreign minister acting for their state).
        """
        ids = self._actor_ids(actor_ids, "involving")
        query = self
        for actor_id in ids:
            query = query._add(_involving((actor_id,), include_members=include_members))
        return query

    def involving_any(self, *actor_ids: str, include_members: bool = False) -> Query:
        """Events in which at least one of `actor_ids` takes part; see `involving`."""
        ids = self._actor_ids(actor_ids, "involving_any")
        return self._add(_involving(ids, include_members=include_members))

    def between(self, a: str, b: str) -> Query:
        """Dyadic events: a participant matching `a` and one matching `b` on different sides.

        A participant matches an actor id when it is that actor, acts on its
        behalf, or (when the actor is a state) is on the state's side
        (`Dataset.side`: the state's country, else its id). The two
        participants must be on different sides.
        """
        if a == b and type(b) is str:
            raise ValidationError.one("between[1]", "must differ from the first actor", b)
        first, second = self._actor_ids((a, b), "between")
        return self._add(_Between(self._dataset, first, second))

    def during(self, span: TimeSpan | PartialDate | dt.date | str, mode: str = "possibly") -> Query:
        """Events in a time window: a `TimeSpan`, EDTF text or a date as typed (``"Jan 2018"``).

        The window is the calendar period from the first day `span` can
        include to the last (open or unknown ends are unbounded). With
        ``mode="possibly"`` an event matches when its span can share a day
        with that period; with ``mode="definitely"`` when its span lies inside
        the period however its uncertainty resolves.
        """
        if mode not in _MODES:
            raise ValidationError.one("during.mode", "must be 'possibly' or 'definitely'", mode)
        try:
            window = TimeSpan.coerce(span)
        except ValidationError as exc:
            raise exc.at("during") from None
        return self._add(_Window(window, definitely=mode == "definitely"))

    def at(self, place_id: str) -> Query:
        """Events at `place_id` or at any place that is part of it (through `Place.part_of`)."""
        if type(place_id) is not str or place_id not in self._dataset.places:
            raise ValidationError.one("at", "refers to an unknown place", place_id)
        return self._add(_Keyed("at", "place", (place_id,)))

    def topic(self, name: str) -> Query:
        """Events with `name` among their topics."""
        if not is_slug(name):
            raise ValidationError.one("topic", "must be a topic id such as 'north-korea'", name)
        return self._add(_Keyed("topic", "topic", (name,)))

    def where(self, predicate: Callable[[Event], object]) -> Query:
        """Events for which `predicate(event)` is true; checked after the indexed conditions."""
        if not callable(predicate):
            raise ValidationError.one("where", "must be a function of an event", predicate)
        return self._add(_Where(predicate))

    # -- results ----------------------------------------------------------------

    def _result(self) -> list[int]:
        if self._ranks is None:
            self._ranks = _select(get_index(self._dataset), self._conditions)
        return self._ranks

    def __iter__(self) -> Iterator[Event]:
        """Iterate over the matching events in chronological order."""
        return iter(get_index(self._dataset).events_at(self._result()))

    def __len__(self) -> int:
        """The number of matching events."""
        return len(self._result())

    def first(self) -> Event | None:
        """The earliest matching event, or None when nothing matches."""
        ranks = self._result()
        return get_index(self._dataset).events_at(ranks[:1])[0] if ranks else None

    def ids(self) -> tuple[str, ...]:
        """The ids of the matching events, in chronological order."""
        return tuple(event.id for event in self)

    def to_dataset(self) -> Dataset:
        """A valid dataset of the matching events and everything they refer to.

        Besides the matching events it holds the events they refer to
        (`Event.part_of`, relation targets, transitively), the actors (with the
        organisations and states they are part of), places (with the places
        they are part of), memberships and sources (cited by evidence or named
        in `Event.sources`) these need, in the original order of each collection.
        """
        return _subset(self._dataset, list(self))

    def __repr__(self) -> str:
        chain = "".join(f".{c!r}" for c in self._conditions)
        return f"<Query {self._dataset!r}.query(){chain}>"

    def _actor_ids(self, values: Sequence[object], path: str) -> tuple[str, ...]:
        if not values:
            raise ValidationError.one(path, "must name at least one actor", ())
        actors = self._dataset.actors
        for i, value in enumerate(values):
            if type(value) is not str or value not in actors:
                raise ValidationError.one(f"{path}[{i}]", "refers to an unknown actor", value)
        return tuple(dict.fromkeys(values))  # type: ignore[arg-type]


def _involving(ids: tuple[str, ...], *, include_members: bool) -> _Keyed:
    table = "members" if include_members else "actor"
    label = "involving_any" if len(ids) > 1 else "involving"
    return _Keyed(label + ("[members]" if include_members else ""), table, ids)


def _members(cls: type[E], values: Sequence[object], path: str) -> frozenset[E]:
    if not values:
        raise ValidationError.one(path, f"must name at least one {path}", ())
    return frozenset(coerce_enum(cls, v, f"{path}[{i}]") for i, v in enumerate(values))


def _select(index: EventIndex, conditions: tuple[_Condition, ...]) -> list[int]:
    """The sorted ranks of the events meeting every condition.

    Starts from the smallest candidate set (a posting, or the narrowest time
    window over all events), cut to the time window by binary search, then
    keeps the candidates that pass the other conditions, smallest set first.
    """
    windows = [c for c in conditions if isinstance(c, _Window)]
    window: _Window | None = None
    ranges: Window | None = None
    best = len(index) + 1
    for candidate in windows:
        candidate_ranges = candidate.ranges(index)
        size = index.count(index.every, candidate_ranges)
        if size < best:
            window, ranges, best = candidate, candidate_ranges, size

    sized: list[tuple[int, int, _Condition, list[Posting] | None]] = []
    for i, condition in enumerate(conditions):
        if condition is window:
            continue
        postings = condition.postings(index)
        if postings is None:  # windows first, then predicates: both checked one by one
            size = len(index) + (0 if isinstance(condition, _Window) else 1)
        else:
            size = sum(index.count(p, ranges) for p in postings)
        sized.append((size, i, condition, postings))
    sized.sort(key=lambda item: item[:2])

    if sized and sized[0][3] is not None and sized[0][0] <= best:
        _, _, base, postings = sized.pop(0)
        assert postings is not None  # noqa: S101 - checked just above
        lo, hi, definitely = _bounds(window)
        ranks = index.gather(postings, ranges, lo, hi, definitely=definitely)
        if not base.exact:
            sized.insert(0, (0, -1, base, None))
    elif window is not None:
        ranks = index.gather(
            [index.every], ranges, window.lo, window.hi, definitely=window.definitely
        )
    else:
        ranks = list(range(len(index)))
    for _, _, condition, _ in sized:
        if not ranks:
            break
        keep = condition.tester(index)
        ranks = [rank for rank in ranks if keep(rank)]
    return ranks


def _bounds(window: _Window | None) -> tuple[int, int, bool]:
    if window is None:
        return OPEN_BEFORE, OPEN_AFTER, False
    return window.lo, window.hi, window.definitely


def _subset(dataset: Dataset, matches: list[Event]) -> Dataset:
    """The dataset of `matches` and the records they refer to, transitively."""
    from .dataset import Dataset  # noqa: PLC0415 - dataset imports this module

    events, actors, places = dataset.events, dataset.actors, dataset.places
    event_ids: dict[str, None] = {}
    todo = [e.id for e in matches]
    while todo:
        key = todo.pop()
        if key not in event_ids:
            event_ids[key] = None
            event = events[key]
            todo.extend(r.target for r in event.relations)
            if event.part_of is not None:
                todo.append(event.part_of)
    chosen = [e for e in events.values() if e.id in event_ids]
    actor_ids = {x for e in chosen for p in e.participants for x in (p.actor, p.on_behalf_of) if x}
    place_ids: set[str] = set()
    todo = [x for e in chosen for x in (e.place, *getattr(e, "subject_places", ())) if x]
    while todo:
        key = todo.pop()
        if key not in place_ids:
            place_ids.add(key)
            place = places[key]
            actor_ids.update(place.claimed_by, place.administered_by)
            actor_ids.update(u for name in place.names for u in name.used_by)
            if place.part_of is not None:
                todo.append(place.part_of)
    memberships = [
        m for m in dataset.memberships if m.person in actor_ids or m.organization in actor_ids
    ]
    actor_ids.update(x for m in memberships for x in (m.person, m.organization))
    todo = list(actor_ids)
    while todo:  # the organisations and states the kept actors are part of
        parent = actors[todo.pop()].part_of
        if parent is not None and parent not in actor_ids:
            actor_ids.add(parent)
            todo.append(parent)
    kept_actors = [a for a in actors.values() if a.id in actor_ids]
    kept_places = [p for p in places.values() if p.id in place_ids]
    records: list[Actor | Membership | Place | Event] = [
        *kept_actors,
        *memberships,
        *kept_places,
        *chosen,
    ]
    source_ids = {span.source for record in records for span in record.evidence}
    source_ids.update(s for e in chosen for s in e.sources)
    return Dataset(
        sources=[s for s in dataset.sources.values() if s.id in source_ids],
        actors=kept_actors,
        memberships=memberships,
        places=kept_places,
        events=chosen,
    )

"""`Dataset`: the collections of records, validated together."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import Problem, ValidationError
from .model import EVENT_CLASSES, Actor, Event, Membership, Participant, Place, Source
from .validate import check_dataset, iter_records, side_of

if TYPE_CHECKING:
    from .analysis import DyadCount, MeetingNetwork, Quote, TimelineEntry
    from .query import Query

__all__ = ["Dataset"]

R = TypeVar("R", Source, Actor, Place, Event)
Record = Source | Actor | Membership | Place | Event
"""Any record a dataset holds."""

_EVENT_CLASS_NAMES = ", ".join(c.__name__ for c in EVENT_CLASSES)


class Dataset:
    """Sources, actors, memberships, places and events, validated as a whole.

    The constructor takes any iterables of records and checks them together:
    ids unique per collection, every reference resolves, evidence quotes equal
    their source text, no ``part_of`` cycles, and the kind rules. It raises one
    `ValidationError` listing every problem with its path, such as
    ``events['ev-3'].participants[1].actor``.

    `sources`, `actors`, `places` and `events` are read-only mappings from id to
    record, in insertion order; `memberships` is a tuple. A dataset is
    immutable; two datasets are equal when their collections are equal in order.
    """

    __slots__ = ("_actors", "_cache", "_events", "_memberships", "_places", "_sources")

    _sources: Mapping[str, Source]
    _actors: Mapping[str, Actor]
    _memberships: tuple[Membership, ...]
    _places: Mapping[str, Place]
    _events: Mapping[str, Event]
    _cache: dict[str, Any]

    def __init__(
        self,
        *,
        sources: Iterable[Source] = (),
        actors: Iterable[Actor] = (),
        memberships: Iterable[Membership] = (),
        places: Iterable[Place] = (),
        events: Iterable[Event] = (),
    ) -> None:
        problems: list[Problem] = []
        source_map = _index(problems, "sources", sources, Source, "a Source")
        actor_map = _index(problems, "actors", actors, Actor, "an Actor")
        membership_list = _collect(problems, "memberships", memberships, Membership, "a Membership")
        place_map = _index(problems, "places", places, Place, "a Place")
        event_map = _index(problems, "events", events, Event, f"an event ({_EVENT_CLASS_NAMES})")
        problems.extend(check_dataset(source_map, actor_map, membership_list, place_map, event_map))
        if problems:
            raise ValidationError(problems)
        self._sources = MappingProxyType(source_map)
        self._actors = MappingProxyType(actor_map)
        self._memberships = membership_list
        self._places = MappingProxyType(place_map)
        self._events = MappingProxyType(event_map)
        self._cache = {}

    @classmethod
    def _from_checked(
        cls,
        sources: Mapping[str, Source],
        actors: Mapping[str, Actor],
        memberships: tuple[Membership, ...],
        places: Mapping[str, Place],
        events: Mapping[str, Event],
    ) -> Dataset:
        """A dataset of collections already validated together (see `corpus.edit`); no checks.

        Read-only mappings are shared with the dataset they come from; dicts
        are wrapped, not copied (the caller must not change them afterwards).
        """
        self = cls.__new__(cls)
        self._sources = _read_only(sources)
        self._actors = _read_only(actors)
        self._memberships = memberships
        self._places = _read_only(places)
        self._events = _read_only(events)
        self._cache = {}
        return self

    @property
    def sources(self) -> Mapping[str, Source]:
        """Sources by id, in insertion order (read-only)."""
        return self._sources

    @property
    def actors(self) -> Mapping[str, Actor]:
        """Actors by id, in insertion order (read-only)."""
        return self._actors

    @property
    def memberships(self) -> tuple[Membership, ...]:
        """Memberships (roles over time), in insertion order."""
        return self._memberships

    @property
    def places(self) -> Mapping[str, Place]:
        """Places by id, in insertion order (read-only)."""
        return self._places

    @property
    def events(self) -> Mapping[str, Event]:
        """Events by id, in insertion order (read-only)."""
        return self._events

    def side(self, participant: Participant) -> str:
        """The side `participant` is on (a country code or an actor id); see `validate.side_of`."""
        return side_of(participant, self._actors)

    def memberships_of(self, actor_id: str) -> tuple[Membership, ...]:
        """The memberships in which `actor_id` is the person or the organization."""
        return tuple(m for m in self._memberships if actor_id in {m.person, m.organization})

    def _key(self) -> tuple[tuple[object, ...], ...]:
        return (
            tuple(self._sources.values()),
            tuple(self._actors.values()),
            self._memberships,
            tuple(self._places.values()),
            tuple(self._events.values()),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        return self is other or self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __iter__(self) -> Iterator[Event]:
        """Iterate over the events in insertion order."""
        return iter(self._events.values())

    def __len__(self) -> int:
        """The number of events."""
        return len(self._events)

    def __repr__(self) -> str:
        return (
            f"<Dataset: {len(self._sources)} sources, {len(self._actors)} actors, "
            f"{len(self._memberships)} memberships, {len(self._places)} places, "
            f"{len(self._events)} events>"
        )

    # -- edits (see corpus/_edit.py) ---------------------------------------------

    def add(self, *records: Record) -> Dataset:
        """A new dataset with `records` added; see `diplo_events.corpus.edit`."""
        from .corpus import edit  # noqa: PLC0415 - keeps `import diplo_events` cheap

        return edit(self, add=records)

    def replace(self, *records: Record) -> Dataset:
        """A new dataset with the records of the same ids replaced; see `corpus.edit`."""
        from .corpus import edit  # noqa: PLC0415 - keeps `import diplo_events` cheap

        return edit(self, replace=records)

    def remove(self, *records: Record) -> Dataset:
        """A new dataset without `records` (matched by id); see `diplo_events.corpus.edit`."""
        from .corpus import edit  # noqa: PLC0415 - keeps `import diplo_events` cheap

        return edit(self, remove=records)

    # -- queries and analyses (see query.py and analysis.py) ---------------------

    def _repr_html_(self) -> str:
        """A compact HTML summary for Jupyter (see `diplo_events.report.summary_html`)."""
        from .report._summary import summary_html  # noqa: PLC0415 - keeps `import diplo_events` cheap

        return summary_html(self)

    def query(self) -> Query:
        """Start a `Query` over all events; chain conditions on it (see ``docs/queries.md``).

        The indexes behind queries are built on first use and kept with the dataset.
        """
        from .query import Query  # noqa: PLC0415 - keeps `import diplo_events` cheap

        return Query(self)

    def timeline(
        self, actor: str, other: str | None = None, *, include_members: bool = False
    ) -> tuple[TimelineEntry, ...]:
        """The events of `actor` (or between it and `other`) in order; see `analysis.timeline`."""
        from . import analysis  # noqa: PLC0415 - keeps `import diplo_events` cheap

        return analysis.timeline(self, actor, other, include_members=include_members)

    def dyad_counts(
        self, *, by: str = "side", per_month: bool = False, events: Iterable[Event] | None = None
    ) -> tuple[DyadCount, ...]:
        """Co-participation counts per pair (optionally per month); see `analysis.dyad_counts`."""
        from . import analysis  # noqa: PLC0415 - keeps `import diplo_events` cheap

        return analysis.dyad_counts(self, by=by, per_month=per_month, events=events)

    def meeting_network(
        self, *, by: str = "side", events: Iterable[Event] | None = None
    ) -> MeetingNetwork:
        """Who met whom, as nodes and counted edges; see `analysis.meeting_network`."""
        from . import analysis  # noqa: PLC0415 - keeps `import diplo_events` cheap

        return analysis.meeting_network(self, by=by, events=events)

    def dispute_history(self, dispute_id: str) -> tuple[TimelineEntry, ...]:
        """The events linked to a dispute through relations, in order; see `analysis`."""
        from . import analysis  # noqa: PLC0415 - keeps `import diplo_events` cheap

        return analysis.dispute_history(self, dispute_id)

    def evidence_of(self, event: str | Event) -> tuple[Quote, ...]:
        """The evidence of an event, each quote with its source; see `analysis.evidence_of`."""
        from . import analysis  # noqa: PLC0415 - keeps `import diplo_events` cheap

        return analysis.evidence_of(self, event)


def _read_only(table: Mapping[str, R]) -> Mapping[str, R]:
    if isinstance(table, MappingProxyType):
        return table
    return MappingProxyType(table if isinstance(table, dict) else dict(table))


def _collect(
    problems: list[Problem], name: str, records: object, cls: type, what: str
) -> tuple[Any, ...]:
    items = iter_records(records)
    if items is None:
        problems.append(Problem(path=name, message=f"must be an iterable of {what}", value=records))
        return ()
    out = []
    for i, record in enumerate(items):
        if isinstance(record, cls) and type(record) is not Event:
            out.append(record)
        else:
            problems.append(Problem(path=f"{name}[{i}]", message=f"must be {what}", value=record))
    return tuple(out)


def _index(
    problems: list[Problem], name: str, records: object, cls: type[R], what: str
) -> dict[str, R]:
    table: dict[str, R] = {}
    position: dict[str, int] = {}
    items = iter_records(records)
    if items is None:
        problems.append(Problem(path=name, message=f"must be an iterable of {what}", value=records))
        return table
    for i, record in enumerate(items):
        if not isinstance(record, cls) or type(record) is Event:
            problems.append(Problem(path=f"{name}[{i}]", message=f"must be {what}", value=record))
            continue
        key = record.id
        if key in table:
            problems.append(
                Problem(
                    path=f"{name}[{i}].id",
                    message=f"repeats the id of {name}[{position[key]}]",
                    value=key,
                )
            )
            continue
        table[key] = record
        position[key] = i
    return table

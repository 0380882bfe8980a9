"""Analyses of a dataset: timelines, dyad counts, the meeting network, dispute histories, evidence.

Each is a `Dataset` method (`Dataset.timeline`, `Dataset.dyad_counts`,
`Dataset.meeting_network`, `Dataset.dispute_history`, `Dataset.evidence_of`)
that delegates to the function of the same name here. Results are small frozen
records; ``docs/queries.md`` defines each one.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from ._index import chronological_key
from .enums import EventKind, Precision, Status
from .errors import DiploEventsError, ValidationError
from .model import Event, Evidence, PartialDate, Source, TimeSpan
from .query import Query
from .validate import side_of

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = [
    "DyadCount",
    "Edge",
    "MeetingNetwork",
    "Quote",
    "TimelineEntry",
    "dispute_history",
    "dyad_counts",
    "evidence_of",
    "meeting_network",
    "timeline",
]

_BY = ("side", "actor")
_REFERRERS = "analysis.referrers"


@attrs.frozen(kw_only=True)
class TimelineEntry:
    """An event on a timeline, with what a reader needs to weigh it.

    ``str(entry)`` is one aligned line: date, status, precision, kind, summary.
    """

    event: Event

    @property
    def when(self) -> TimeSpan:
        """When the event happened (or is expected to)."""
        return self.event.when

    @property
    def status(self) -> Status:
        """Whether it happened: occurred, planned, expected, and so on."""
        return self.event.status

    @property
    def precision(self) -> Precision:
        """How precisely its date is known (the coarsest of its ends)."""
        return self.event.when.precision

    @property
    def kind(self) -> EventKind:
        """The kind of event."""
        return self.event.kind

    def __str__(self) -> str:
        return (
            f"{self.when!s:<23} {self.status.value:<12} {self.precision.value:<5} "
            f"{self.kind.value:<9} {self.event.summary}"
        )


class DyadCount(NamedTuple):
    """How many events two sides (or actors) took part in together.

    `a` sorts before `b`; `month` is ``"YYYY-MM"`` when counting per month
    (None for events that cannot be placed in a single month), else None.
    A named tuple: there can be one per pair and month, so it is kept light.
    """

    a: str
    b: str
    month: str | None
    total: int


@attrs.frozen(kw_only=True)
class Edge:
    """An edge of the meeting network: `a` and `b` met `total` times, in `events`."""

    a: str
    b: str
    total: int
    events: tuple[str, ...]


@attrs.frozen(kw_only=True)
class MeetingNetwork:
    """Who met whom: the sides (or actors) as nodes, meetings as weighted edges."""

    nodes: tuple[str, ...]
    edges: tuple[Edge, ...]

    def to_networkx(self) -> Any:
        """The network as a `networkx.Graph` (edge attributes ``weight`` and ``events``).

        Needs networkx, which diplo_events does not depend on.

        Raises:
            DiploEventsError: networkx is not installed.
        """
        try:
            import networkx as nx  # noqa: PLC0415 - optional, imported only here
        except ImportError:
            raise DiploEventsError(
                "MeetingNetwork.to_networkx needs networkx: pip install networkx"
            ) from None
        graph = nx.Graph()
        graph.add_nodes_from(self.nodes)
        for edge in self.edges:
            graph.add_edge(edge.a, edge.b, weight=edge.total, events=list(edge.events))
        return graph


@attrs.frozen(kw_only=True)
class Quote:
    """A piece of evidence for a record, with its source.

    ``str(quote)`` is the quoted text followed by the source title.
    """

    record: str
    evidence: Evidence
    source: Source

    @property
    def text(self) -> str:
        """The quoted text."""
        return self.evidence.quote

    def context(self, width: int = 40) -> str:
        """The quote with up to `width` code points of source text on each side."""
        text = self.source.text
        if text is None:
            return self.evidence.quote
        start, end = self.evidence.start, self.evidence.end
        before = text[max(0, start - width) : start]
        return f"{before}[{text[start:end]}]{text[end : end + width]}"

    def __str__(self) -> str:
        return f"\u201c{self.evidence.quote}\u201d ({self.source.title})"


def timeline(
    dataset: Dataset, actor: str, other: str | None = None, *, include_members: bool = False
) -> tuple[TimelineEntry, ...]:
    """The events of `actor` (or between `actor` and `other`), in chronological order.

    With `other`, the events are those of ``query().between(actor, other)``;
    otherwise those of ``query().involving(actor, include_members=...)``.
    """
    query = dataset.query()
    if other is None:
        query = query.involving(actor, include_members=include_members)
    else:
        query = query.between(actor, other)
    return tuple(TimelineEntry(event=e) for e in query)


def dyad_counts(
    dataset: Dataset,
    *,
    by: str = "side",
    per_month: bool = False,
    events: Iterable[Event] | None = None,
) -> tuple[DyadCount, ...]:
    """Co-participation counts: for each pair, the number of events both took part in.

    Args:
        dataset: The dataset whose sides and events are counted.
        by: ``"side"`` pairs sides (`Dataset.side`: countries, else actor ids);
            ``"actor"`` pairs participating actors.
        per_month: Count per calendar month; an event counts in a month when
            its outer bounds lie in that month, otherwise under month None.
        events: The events to count (a `Query`, say); all events by default.

    Returns:
        The counts, sorted by month (None last), then pair.
    """
    keys_of = _keys_of(dataset, by)
    chosen = list(dataset.events.values() if events is None else events)
    months: Iterable[str | None] = _months(chosen) if per_month else itertools.repeat(None)
    counts: defaultdict[tuple[str | None, str, str], int] = defaultdict(int)
    for event, month in zip(chosen, months, strict=False):  # months may be endless
        keys = keys_of(event)
        if len(keys) == 2:  # the common case, without a sort
            a, b = keys
            counts[(month, a, b) if a < b else (month, b, a)] += 1
        elif len(keys) > 2:
            ordered = sorted(keys)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1 :]:
                    counts[month, a, b] += 1
    dated = sorted(key for key in counts if key[0] is not None)
    keys = [*dated, *sorted(key for key in counts if key[0] is None)]
    return tuple(map(DyadCount._make, [(a, b, m, counts[m, a, b]) for m, a, b in keys]))


def meeting_network(
    dataset: Dataset, *, by: str = "side", events: Iterable[Event] | None = None
) -> MeetingNetwork:
    """Who met whom: an edge for each pair that took part in the same meeting or visit.

    The one default of every who-met-whom picture (`diplo_events.plot.network`,
    ``diplo-events plot network``, the review page): the meetings and visits
    that occurred. A `Query` keeps it for what it does not choose: one that
    names no kinds (`Query.kind`) is narrowed to meetings and visits, one that
    names no statuses (`Query.status`) to events that occurred. So
    ``ds.query().involving("jpn")`` gives Japan's meetings and visits that
    occurred, and ``ds.query().kind("agreement")`` the agreements that occurred.

    Args:
        dataset: The dataset whose sides and events are used.
        by: ``"side"`` (countries, else actor ids) or ``"actor"``.
        events: The events to use: None for the dataset's meetings and visits
            that occurred; a `Query`, narrowed as above; any other iterable of
            events is used as given.
    """
    keys_of = _keys_of(dataset, by)
    if events is None:
        events = dataset.query()
    if isinstance(events, Query):
        events = _who_met(events)
    nodes: set[str] = set()
    met: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for event in events:
        keys = sorted(keys_of(event))
        nodes.update(keys)
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                met[a, b].append(event.id)
    edges = (
        Edge(a=a, b=b, total=len(ids), events=tuple(ids)) for (a, b), ids in sorted(met.items())
    )
    return MeetingNetwork(nodes=tuple(sorted(nodes)), edges=tuple(edges))


def _who_met(query: Query) -> Query:
    """`query` narrowed to meetings and visits and to occurred events, unless it names them."""
    if not query.narrows("kind"):
        query = query.kind(EventKind.MEETING, EventKind.VISIT)
    if not query.narrows("status"):
        query = query.status(Status.OCCURRED)
    return query


def dispute_history(dataset: Dataset, dispute_id: str) -> tuple[TimelineEntry, ...]:
    """The events linked to a dispute through relations, in chronological order.

    They are the events whose relations lead to the dispute, directly or
    through other events (an incident ``related_to`` it, a statement that
    ``responds_to`` that incident), and the events the dispute's own relations
    lead to, transitively. The dispute itself is left out.

    Raises:
        ValidationError: `dispute_id` is not the id of a dispute in the dataset.
    """
    event = _event(dataset, dispute_id, "dispute_id")
    if event.kind is not EventKind.DISPUTE:
        raise ValidationError.one(
            "dispute_id", f"must be a dispute, not a {event.kind.value}", dispute_id
        )
    referrers = dataset._cache.get(_REFERRERS)
    if referrers is None:
        referrers = defaultdict(list)
        for e in dataset.events.values():
            for relation in e.relations:
                referrers[relation.target].append(e.id)
        dataset._cache[_REFERRERS] = referrers
    events = dataset.events
    found: set[str] = set()
    upstream = lambda key: referrers.get(key, ())  # noqa: E731
    downstream = lambda key: [r.target for r in events[key].relations]  # noqa: E731
    for step in (upstream, downstream):
        todo = [dispute_id]
        while todo:
            for key in step(todo.pop()):
                if key not in found and key != dispute_id:
                    found.add(key)
                    todo.append(key)
    linked = sorted((events[key] for key in found), key=chronological_key)
    return tuple(TimelineEntry(event=e) for e in linked)


def evidence_of(dataset: Dataset, event: str | Event) -> tuple[Quote, ...]:
    """The evidence of an event (given by id or as the record), each quote with its source.

    Raises:
        ValidationError: `event` is not an event of the dataset.
    """
    key = event.id if isinstance(event, Event) else event
    record = _event(dataset, key, "event")
    sources = dataset.sources
    return tuple(
        Quote(record=record.id, evidence=span, source=sources[span.source])
        for span in record.evidence
    )


def _event(dataset: Dataset, key: object, path: str) -> Event:
    if type(key) is not str or key not in dataset.events:
        raise ValidationError.one(path, "refers to an unknown event", key)
    return dataset.events[key]


def _keys_of(dataset: Dataset, by: str) -> Any:
    """A function giving an event's sorted distinct sides (or actors)."""
    if by == "actor":
        return lambda event: {p.actor for p in event.participants}
    if by != "side":
        raise ValidationError.one("by", "must be 'side' or 'actor'", by)
    actors = dataset.actors
    cache: dict[str, str] = {}

    def sides(event: Event) -> set[str]:
        found = set()
        for p in event.participants:
            key = p.on_behalf_of or p.actor
            side = cache.get(key)
            if side is None:
                side = cache[key] = side_of(p, actors)
            found.add(side)
        return found

    return sides


def _months(events: list[Event]) -> list[str | None]:
    """The ``"YYYY-MM"`` of each event whose outer bounds lie in one month, else None."""
    names: dict[int, str] = {}

    def name(day: dt.date) -> str:
        key = day.year * 12 + day.month
        text = names.get(key)
        if text is None:
            text = names[key] = f"{day:%Y-%m}"
        return text

    found: list[str | None] = []
    for event in events:
        span = event.when
        start = span.start
        if span.end is None and start.__class__ is PartialDate:  # one date: the common case
            month = start.month
            found.append(None if month is None else name(start.earliest))
            continue
        lo, hi = span.earliest, span.latest
        if lo is None or hi is None or (lo.year, lo.month) != (hi.year, hi.month):
            found.append(None)
        else:
            found.append(name(lo))
    return found

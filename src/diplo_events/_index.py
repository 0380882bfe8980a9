"""The indexes behind `Dataset.query()`, built once per dataset on first use.

Every event gets a *rank*: its position in chronological order (earliest bound,
``None`` first; then latest bound, ``None`` last; then id). Each index maps a
key (an actor id, a kind, a status, a place, a topic) to a *posting*: the
sorted ranks of the events with that key. Intersecting postings and sorting
results is then integer work, and the results come out in chronological order.

Time windows use the rank order too. Bounds are stored as day ordinals
(`datetime.date.toordinal`), with `OPEN_BEFORE` and `OPEN_AFTER` standing for
unbounded sides. Events are split into *layers* by the length of their outer
bounds (one day, up to a month, a year, ten years, longer, open before, open
after). Within a layer every event lasts at most that layer's maximum length,
so the events that can overlap a window ``[lo, hi]`` have their earliest bound
in ``[lo - length, hi]``: a rank range found by binary search. A posting keeps
one sorted rank array per layer, so each posting is cut to a window with two
binary searches per layer.
"""

from __future__ import annotations

import bisect
import datetime as dt
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from .enums import EventKind, Status
from .model import Event, PartialDate, TimeSpan

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = [
    "OPEN_AFTER",
    "OPEN_BEFORE",
    "EventIndex",
    "Posting",
    "Window",
    "chronological_key",
    "get_index",
    "span_ordinals",
]

OPEN_BEFORE = 0
"""The ordinal standing for "unbounded before" (real ordinals start at 1)."""
OPEN_AFTER = 10**7
"""The ordinal standing for "unbounded after" (``date.max`` is 3,652,059)."""

_LIMITS = (0, 31, 366, 3660)  # the longest span, in days past the first, of bounded layers 0-3
_LONG, _OPEN_START, _OPEN_END = 4, 5, 6
N_LAYERS = 7
_CACHE_KEY = "query.index"

Posting = tuple[Sequence[int], ...]
"""One sorted sequence of ranks per layer."""

Window = tuple[tuple[int, int, bool], ...]
"""Per layer: the rank range ``[start, stop)`` to look in and whether hits need a bounds check."""

K = TypeVar("K")

_month_starts: dict[int, int] = {}


def _month_start(months: int) -> int:
    """The ordinal of the first day of month number ``year * 12 + month - 1``."""
    value = _month_starts.get(months)
    if value is None:
        year, month = divmod(months, 12)
        value = dt.date(year, month + 1, 1).toordinal() if year <= dt.MAXYEAR else OPEN_AFTER - 1
        _month_starts[months] = value
    return value


def span_ordinals(span: TimeSpan) -> tuple[int, int]:
    """The outer bounds of `span` as day ordinals; unbounded sides become the sentinels."""
    start = span.start
    end = start if span.end is None else span.end
    if isinstance(start, PartialDate):
        lo = _month_start(start.year * 12 + (start.month or 1) - 1) + (start.day or 1) - 1
    else:
        lo = OPEN_BEFORE
    if not isinstance(end, PartialDate):
        hi = OPEN_AFTER
    elif end.day is not None:
        hi = _month_start(end.year * 12 + (end.month or 1) - 1) + end.day - 1
    elif end.month is not None:
        hi = _month_start(end.year * 12 + end.month) - 1
    else:
        hi = _month_start((end.year + 1) * 12) - 1
    return lo, hi


def chronological_key(event: Event) -> tuple[int, int, str]:
    """The sort key of the chronological order: earliest bound, latest bound, id."""
    lo, hi = span_ordinals(event.when)
    return lo, hi, event.id


def _layer(lo: int, hi: int) -> int:
    if lo == OPEN_BEFORE:
        return _OPEN_START
    if hi == OPEN_AFTER:
        return _OPEN_END
    length = hi - lo
    for layer, limit in enumerate(_LIMITS):
        if length <= limit:
            return layer
    return _LONG


def _new_lists() -> list[list[int]]:
    return [[] for _ in range(N_LAYERS)]


def _freeze(table: Mapping[K, list[list[int]]]) -> dict[K, Posting]:
    return {key: tuple(array("i", ranks) for ranks in lists) for key, lists in table.items()}


EMPTY: Posting = tuple(array("i") for _ in range(N_LAYERS))


class EventIndex:
    """Chronological ranks, bounds, layers and postings of one dataset's events.

    Attributes:
        events: The events by rank (chronological order).
        lo: The earliest bound of each rank, as a day ordinal.
        hi: The latest bound of each rank, as a day ordinal.
        layers: The layer of each rank.
        every: The posting of all events.
        by_actor: Events by participating actor id.
        by_kind: Events by `EventKind`.
        by_status: Events by `Status`.
        by_place: Events by place id, including every place their place is part of.
        by_topic: Events by topic.
    """

    __slots__ = (
        "_dataset",
        "_extra",
        "by_actor",
        "by_kind",
        "by_place",
        "by_status",
        "by_topic",
        "events",
        "every",
        "hi",
        "layers",
        "lo",
        "max_length",
        "open_starts",
    )

    def __init__(self, dataset: Dataset) -> None:
        self._dataset = dataset
        self._extra: dict[str, dict[object, Posting]] = {}
        events = list(dataset.events.values())
        bounds = [span_ordinals(e.when) for e in events]
        keys = [(lo * 16_777_216 + hi, e.id) for (lo, hi), e in zip(bounds, events, strict=True)]
        order = sorted(range(len(events)), key=keys.__getitem__)
        del keys
        self.events = [events[i] for i in order]
        self.lo = array("i", [bounds[i][0] for i in order])
        self.hi = array("i", [bounds[i][1] for i in order])
        del bounds, order
        layers = bytes([_layer(lo, hi) for lo, hi in zip(self.lo, self.hi, strict=True)])
        self.layers = layers
        longest = [0] * N_LAYERS
        for lo, hi, layer in zip(self.lo, self.hi, layers, strict=True):
            longest[layer] = max(longest[layer], hi - lo)
        self.max_length = tuple(longest)
        self.open_starts = bisect.bisect_right(self.lo, OPEN_BEFORE)

        chains = _place_chains(dataset)
        every = _new_lists()
        by_actor: defaultdict[str, list[list[int]]] = defaultdict(_new_lists)
        by_kind: defaultdict[EventKind, list[list[int]]] = defaultdict(_new_lists)
        by_status: defaultdict[Status, list[list[int]]] = defaultdict(_new_lists)
        by_place: defaultdict[str, list[list[int]]] = defaultdict(_new_lists)
        by_topic: defaultdict[str, list[list[int]]] = defaultdict(_new_lists)
        for rank, event in enumerate(self.events):
            layer = layers[rank]
            every[layer].append(rank)
            by_kind[event.kind][layer].append(rank)
            by_status[event.status][layer].append(rank)
            for participant in event.participants:
                ranks = by_actor[participant.actor][layer]
                if not ranks or ranks[-1] != rank:
                    ranks.append(rank)
            if event.place is not None:
                for place in chains[event.place]:
                    by_place[place][layer].append(rank)
            for topic in event.topics:
                by_topic[topic][layer].append(rank)
        self.every: Posting = tuple(array("i", ranks) for ranks in every)
        self.by_actor = _freeze(by_actor)
        self.by_kind = _freeze(by_kind)
        self.by_status = _freeze(by_status)
        self.by_place = _freeze(by_place)
        self.by_topic = _freeze(by_topic)

    def __len__(self) -> int:
        return len(self.events)

    # -- lazily built postings --------------------------------------------------

    def table(self, name: str) -> Mapping[object, Posting]:
        """The posting table `name`: an attribute (``"by_actor"``) or one built on first use.

        ``"members"``: events by actor, where a participant also counts for the
        actor it acts on behalf of and for every organisation it holds a
        membership in whose span is None or possibly overlaps the event.
        ``"behalf"``: events by `Participant.on_behalf_of`. ``"side"``: events
        by the side of each participant (`Dataset.side`).
        """
        if name.startswith("by_"):
            return getattr(self, name)  # type: ignore[no-any-return]
        table = self._extra.get(name)
        if table is None:
            builder = {"members": self._members, "behalf": self._behalf, "side": self._sides}
            table = self._extra[name] = self._build(builder[name]())
        return table

    def _build(self, keys_of: Callable[[int, Event], Iterable[object]]) -> dict[object, Posting]:
        table: dict[object, list[list[int]]] = defaultdict(_new_lists)
        layers = self.layers
        for rank, event in enumerate(self.events):
            layer = layers[rank]
            for key in keys_of(rank, event):
                ranks = table[key][layer]
                if not ranks or ranks[-1] != rank:
                    ranks.append(rank)
        return _freeze(table)

    def _members(self) -> Callable[[int, Event], Iterable[object]]:
        held: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
        for m in self._dataset.memberships:
            lo, hi = (OPEN_BEFORE, OPEN_AFTER) if m.when is None else span_ordinals(m.when)
            held[m.person].append((m.organization, lo, hi))
        lows, highs = self.lo, self.hi

        def keys_of(rank: int, event: Event) -> Iterable[object]:
            lo, hi = lows[rank], highs[rank]
            for p in event.participants:
                yield p.actor
                if p.on_behalf_of is not None:
                    yield p.on_behalf_of
                for org, m_lo, m_hi in held.get(p.actor, ()):
                    if m_lo <= hi and lo <= m_hi:
                        yield org

        return keys_of

    def _behalf(self) -> Callable[[int, Event], Iterable[object]]:
        return lambda _rank, event: [
            p.on_behalf_of for p in event.participants if p.on_behalf_of is not None
        ]

    def _sides(self) -> Callable[[int, Event], Iterable[object]]:
        side = self._dataset.side
        return lambda _rank, event: [side(p) for p in event.participants]

    # -- windows and postings ---------------------------------------------------

    def window(self, lo: int, hi: int, *, definitely: bool) -> Window:
        """The rank ranges, per layer, holding the events that match a time window.

        With ``definitely=False`` an event matches when its outer bounds can
        share a day with ``[lo, hi]``; with ``definitely=True`` when they lie
        within it. `lo` and `hi` are day ordinals or the sentinels.
        """
        lows, highs = self.lo, self.hi
        size, first_open_end = len(lows), self.open_starts
        stop = bisect.bisect_right(lows, hi)
        ranges: list[tuple[int, int, bool]] = []
        for layer in range(_OPEN_START):
            start = lo if definitely else lo - self.max_length[layer]
            ranges.append((bisect.bisect_left(lows, start), stop, layer != 0))
        if definitely:
            open_start = (0, bisect.bisect_right(highs, hi, 0, first_open_end) if lo == 0 else 0)
            open_end = (bisect.bisect_left(lows, lo), size if hi == OPEN_AFTER else 0)
        else:
            open_start = (bisect.bisect_left(highs, lo, 0, first_open_end), first_open_end)
            open_end = (0, stop)
        ranges.extend(((*open_start, False), (*open_end, False)))
        return tuple(ranges)

    def count(self, posting: Posting, window: Window | None) -> int:
        """How many ranks of `posting` fall in the rank ranges of `window` (all if None)."""
        if window is None:
            return sum(len(ranks) for ranks in posting)
        total = 0
        for ranks, (start, stop, _check) in zip(posting, window, strict=True):
            if ranks and start < stop:
                total += bisect.bisect_left(ranks, stop) - bisect.bisect_left(ranks, start)
        return total

    def gather(
        self,
        postings: Sequence[Posting],
        window: Window | None,
        lo: int,
        hi: int,
        *,
        definitely: bool,
    ) -> list[int]:
        """The sorted ranks in any of `postings` that match the time window (if any)."""
        found: list[int] = []
        highs = self.hi
        for posting in postings:
            if window is None:
                for ranks in posting:
                    found.extend(ranks)
                continue
            for ranks, (start, stop, check) in zip(posting, window, strict=True):
                if not ranks or start >= stop:
                    continue
                hits = ranks[bisect.bisect_left(ranks, start) : bisect.bisect_left(ranks, stop)]
                if not check:
                    found.extend(hits)
                elif definitely:
                    found.extend(r for r in hits if highs[r] <= hi)
                else:
                    found.extend(r for r in hits if highs[r] >= lo)
        if len(postings) > 1:
            return sorted(set(found))
        found.sort()
        return found

    def contains(self, posting: Posting, rank: int) -> bool:
        """Whether `rank` is in `posting` (a binary search in its layer)."""
        ranks = posting[self.layers[rank]]
        i = bisect.bisect_left(ranks, rank)
        return i < len(ranks) and ranks[i] == rank


def _place_chains(dataset: Dataset) -> dict[str, tuple[str, ...]]:
    """Each place id with the ids of every place it is part of, itself first."""
    places = dataset.places
    chains: dict[str, tuple[str, ...]] = {}
    for key in places:
        chain = [key]
        parent = places[key].part_of
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = places[parent].part_of
        chains[key] = tuple(chain)
    return chains


def get_index(dataset: Dataset) -> EventIndex:
    """The index of `dataset`, built on first use and kept in its cache."""
    index = dataset._cache.get(_CACHE_KEY)
    if index is None:
        index = dataset._cache[_CACHE_KEY] = EventIndex(dataset)
    return index

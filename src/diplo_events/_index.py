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

The build is pure Python kept to as few interpreted steps per event as
possible (see "Queries" in ``docs/performance.md``): the bounds are worked out
once per distinct span object (the loaders share equal spans), each event
gets the code of its bounds among the distinct bounds, and one stable sort of
those small ints gives the rank order; the per-rank columns repeat each
code's values. The events are read in the dataset's order, roughly their
order in memory, then listed once by rank, so that a query's events are
neighbours in one list.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import operator
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from ._gc import collector_paused
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

_SHIFT, _MASK = 24, (1 << 24) - 1  # a day ordinal fits in 24 bits: bounds pack into one int
_LIMITS = (0, 31, 366, 3660)  # the longest span, in days past the first, of bounded layers 0-3
_LONG, _OPEN_START, _OPEN_END = 4, 5, 6
N_LAYERS = 7
_CACHE_KEY = "query.index"

Posting = tuple[Sequence[int], ...]
"""One sorted sequence of ranks per layer."""

Window = tuple[tuple[int, int, bool], ...]
"""Per layer: the rank range ``[start, stop)`` to look in and whether hits need a bounds check."""


_month_starts: dict[int, int] = {}
_AFTER_MAX = dt.date.max.toordinal() + 1  # "the first day of year 10000", for the last bound


def _month_start(months: int) -> int:
    """The ordinal of the first day of month number ``year * 12 + month - 1``."""
    year, month = divmod(months, 12)
    value = dt.date(year, month + 1, 1).toordinal() if year <= dt.MAXYEAR else _AFTER_MAX
    _month_starts[months] = value
    return value


def span_ordinals(span: TimeSpan) -> tuple[int, int]:
    """The outer bounds of `span` as day ordinals; unbounded sides become the sentinels."""
    lows, highs = _ordinals([span])
    return lows[0], highs[0]


def _ordinals(spans: Iterable[TimeSpan]) -> tuple[list[int], list[int]]:
    """The outer bounds of each span as day ordinals (a hot loop: kept flat on purpose)."""
    lows: list[int] = []
    highs: list[int] = []
    low, high, starts, partial = lows.append, highs.append, _month_starts, PartialDate
    for span in spans:
        start, end = span.start, span.end
        if end is None and start.__class__ is partial and start.day is not None:  # one day
            key = start.year * 12 + (start.month or 1) - 1
            day = (starts.get(key) or _month_start(key)) + start.day - 1
            low(day)
            high(day)
            continue
        if end is None:
            end = start
        if start.__class__ is partial:
            key = start.year * 12 + (start.month or 1) - 1
            low((starts.get(key) or _month_start(key)) + (start.day or 1) - 1)
        else:
            low(OPEN_BEFORE)
        if end.__class__ is not partial:
            high(OPEN_AFTER)
        elif end.day is not None:
            key = end.year * 12 + (end.month or 1) - 1
            high((starts.get(key) or _month_start(key)) + end.day - 1)
        else:
            key = end.year * 12 + (end.month or 12)
            high((starts.get(key) or _month_start(key)) - 1)
    return lows, highs


_WHEN = operator.attrgetter("when")
_PARTICIPANTS = operator.attrgetter("participants")
_ACTOR = operator.attrgetter("actor")
_FIRST, _LAST = operator.itemgetter(0), operator.itemgetter(-1)
_new_ranks = functools.partial(array, "i")


def _span_codes(spans: list[TimeSpan]) -> tuple[list[int], list[int]]:
    """A code per span, numbering the distinct outer bounds in order; and those bounds by code.

    Bounds are packed into one int (``lo << 24 | hi``), so the codes sort as
    ``(lo, hi)`` does. Events share span objects (the loaders intern them), so
    the bounds are worked out once per distinct object, found by `id` (unique
    while `spans` holds the objects).
    """
    span_ids = list(map(id, spans))
    distinct = dict(zip(span_ids, spans, strict=True))
    lows, highs = _ordinals(distinct.values())
    packed = [lo << _SHIFT | hi for lo, hi in zip(lows, highs, strict=True)]
    bounds = sorted(set(packed))
    code_of_bounds = dict(zip(bounds, itertools.count()))
    code_of_span = dict(zip(distinct, map(code_of_bounds.__getitem__, packed), strict=True))
    return list(map(code_of_span.__getitem__, span_ids)), bounds


def _chronological_order(
    codes: list[int], ids: list[str], n_codes: int
) -> tuple[list[int], list[int]]:
    """The positions sorted by (code, id), and how many positions have each code.

    Two stable sorts: by id (skipped when the ids are in order already, a
    cheaper check), then by code. Codes are small ints, which CPython
    compares fastest.
    """
    by_id: Iterable[int] = range(len(ids))
    if not all(map(operator.lt, ids, itertools.islice(ids, 1, None))):
        by_id = sorted(by_id, key=ids.__getitem__)
    counts = [0] * n_codes
    for code, count in Counter(codes).items():
        counts[code] = count
    return sorted(by_id, key=codes.__getitem__), counts


def chronological_key(event: Event) -> tuple[int, int, str]:
    """The sort key of the chronological order: earliest bound, latest bound, id."""
    lo, hi = span_ordinals(event.when)
    return lo, hi, event.id


def _layers(lows: Sequence[int], highs: Sequence[int]) -> bytes:
    a, b, c, d = _LIMITS
    return bytes(
        [
            _OPEN_START
            if lo == OPEN_BEFORE
            else _OPEN_END
            if hi == OPEN_AFTER
            else 0
            if hi - lo <= a
            else 1
            if hi - lo <= b
            else 2
            if hi - lo <= c
            else 3
            if hi - lo <= d
            else _LONG
            for lo, hi in zip(lows, highs, strict=True)
        ]
    )


_NONE = array("i")  # shared by every empty layer of every posting; never mutated
EMPTY: Posting = (_NONE,) * N_LAYERS


def _new_layers() -> list[defaultdict[object, array[int]]]:
    """Per layer, an empty table of ranks by key."""
    return [defaultdict(_new_ranks) for _ in range(N_LAYERS)]


def _postings(per_layer: Sequence[Mapping[object, array[int]]]) -> dict[object, Posting]:
    """The posting of each key (in order of first appearance) from its ranks per layer."""
    keys = dict.fromkeys(key for lists in per_layer for key in lists)
    return {key: tuple(lists.get(key, _NONE) for lists in per_layer) for key in keys}


class EventIndex:
    """The chronological ranks, bounds and layers of a dataset's events, and their postings.

    The ranks, bounds, layers and the posting of all events are built at once;
    each posting table, and the list of events by rank, on first use. The
    build reads the events in the dataset's order, which is roughly their
    order in memory: kinder to the processor's caches than rank order.

    Attributes:
        lo: The earliest bound of each rank, as a day ordinal.
        hi: The latest bound of each rank, as a day ordinal.
        layers: The layer of each rank.
        every: The posting of all events.
        max_length: The longest span (last day minus first) in each layer.
        open_starts: The number of events unbounded before (they have the first ranks).
    """

    __slots__ = (
        "_by_rank",
        "_dataset",
        "_events",
        "_order",
        "_tables",
        "every",
        "hi",
        "layers",
        "lo",
        "max_length",
        "open_starts",
    )

    def __init__(self, dataset: Dataset) -> None:
        self._dataset = dataset
        self._tables: dict[str, dict[object, Posting]] = {}
        self._events = list(dataset.events.values())
        codes, bounds = _span_codes(list(map(_WHEN, self._events)))
        order, counts = _chronological_order(codes, list(dataset.events), len(bounds))
        del codes
        self._order = array("i", order)  # rank -> position in `_events`
        # Listed by rank now, not on first use: a query's events are then neighbours in
        # one list, which measured 1.7x faster per query at a million events than
        # reaching them through `_order` (cold caches), for 0.1-0.2 s of build.
        self._by_rank: list[Event] = list(map(self._events.__getitem__, order))
        del order
        # The ranks of one code are consecutive: each column repeats the code's value.
        lows = [packed >> _SHIFT for packed in bounds]
        highs = [packed & _MASK for packed in bounds]
        layers = _layers(lows, highs)
        self.lo = array("i", itertools.chain.from_iterable(map(itertools.repeat, lows, counts)))
        self.hi = array("i", itertools.chain.from_iterable(map(itertools.repeat, highs, counts)))
        self.layers = bytes(itertools.chain.from_iterable(map(itertools.repeat, layers, counts)))
        # Layers 0-2 are short: their limits serve as maximum lengths. Find the others'.
        longest = [*_LIMITS[:3], 0, 0, 0, 0]
        every = [array("i") for _ in range(N_LAYERS)]
        start = 0
        for layer, lo, hi, count in zip(layers, lows, highs, counts, strict=True):
            if layer in {3, _LONG}:
                longest[layer] = max(longest[layer], hi - lo)
            every[layer].extend(range(start, start + count))
            start += count
        self.max_length = tuple(longest)
        self.every: Posting = tuple(every)
        self.open_starts = bisect.bisect_right(self.lo, OPEN_BEFORE)

    def __len__(self) -> int:
        return len(self._events)

    @property
    def events(self) -> Sequence[Event]:
        """The events by rank (chronological order)."""
        return self._by_rank

    def events_at(self, ranks: Iterable[int]) -> list[Event]:
        """The events of `ranks`, in that order."""
        return list(map(self._by_rank.__getitem__, ranks))

    # -- posting tables, built on first use -------------------------------------------

    def table(self, name: str) -> Mapping[object, Posting]:
        """The posting table `name`, built on first use.

        ``"actor"``: events by participating actor. ``"kind"``, ``"status"``:
        by `EventKind` and `Status`. ``"place"``: by place, and by every place
        that place is part of. ``"topic"``: by topic. ``"members"``: by actor,
        where a participant also counts for the actor it acts on behalf of
        and for every organisation it holds a membership in whose span is
        None or possibly overlaps the event. ``"behalf"``: by
        `Participant.on_behalf_of`. ``"side"``: by `Dataset.side` of each participant.
        """
        table = self._tables.get(name)
        if table is None:
            with collector_paused():
                table = self._tables[name] = self._build(name)
        return table

    def _build(self, name: str) -> dict[object, Posting]:
        """Group the ranks by key and layer, reading the events in rank order (lists, then arrays).

        The keys of one event are taken together, so a key it has twice is
        added once (compared with the last rank added).
        """
        if name == "actor":
            return self._actor_table()
        keys_of = getattr(self, f"_keys_{name}")()
        per_layer: list[defaultdict[object, list[int]]] = [
            defaultdict(list) for _ in range(N_LAYERS)
        ]
        for rank, event, layer in zip(range(len(self)), self.events, self.layers, strict=True):
            lists = per_layer[layer]
            for key in keys_of(rank, event):
                ranks = lists[key]
                if not ranks or ranks[-1] != rank:
                    ranks.append(rank)
        return _postings(
            [{key: array("i", ranks) for key, ranks in lists.items()} for lists in per_layer]
        )

    def _actor_table(self) -> dict[object, Posting]:
        """The ``"actor"`` table: the hot one, built mostly at C speed.

        The first and last participant of each event (every event has one)
        are read in the dataset's order, which is kinder to the caches; the
        loop then runs in rank order over those two flat lists, so ranks are
        appended in order. Events with three or more participants are read
        in full; an actor in two roles of one event counts once.
        """
        parts = list(map(_PARTICIPANTS, self._events))
        firsts = list(map(_ACTOR, map(_FIRST, parts)))
        lasts: list[str | None] = list(map(_ACTOR, map(_LAST, parts)))
        many = map(operator.lt, itertools.repeat(2), map(len, parts))
        for position in itertools.compress(itertools.count(), many):
            lasts[position] = None
        order = self._order
        per_layer = _new_layers()
        for rank, first, last, layer in zip(
            range(len(order)),
            map(firsts.__getitem__, order),
            map(lasts.__getitem__, order),
            self.layers,
            strict=True,
        ):
            lists = per_layer[layer]
            lists[first].append(rank)
            if last is None:
                for participant in parts[order[rank]]:
                    ranks = lists[participant.actor]
                    if not ranks or ranks[-1] != rank:
                        ranks.append(rank)
            elif last != first:
                lists[last].append(rank)
        return _postings(per_layer)

    def _keys_kind(self) -> Callable[[int, Event], Iterable[object]]:
        return lambda _rank, event: (event.kind,)

    def _keys_status(self) -> Callable[[int, Event], Iterable[object]]:
        return lambda _rank, event: (event.status,)

    def _keys_place(self) -> Callable[[int, Event], Iterable[object]]:
        chain_of = _place_chains(self._dataset)
        return lambda _rank, event: () if event.place is None else chain_of(event.place)

    def _keys_topic(self) -> Callable[[int, Event], Iterable[object]]:
        return lambda _rank, event: event.topics

    def _keys_members(self) -> Callable[[int, Event], Iterable[object]]:
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

    def _keys_behalf(self) -> Callable[[int, Event], Iterable[object]]:
        return lambda _rank, event: [
            p.on_behalf_of for p in event.participants if p.on_behalf_of is not None
        ]

    def _keys_side(self) -> Callable[[int, Event], Iterable[object]]:
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


def _place_chains(dataset: Dataset) -> Callable[[str], tuple[str, ...]]:
    """A function giving a place id with the ids of every place it is part of, itself first.

    Chains are made on first need, one walk up ``part_of`` each (a set guards
    against cycles), so the cost is the length of the chains of the places
    events are at, not the square of the deepest chain.
    """
    places = dataset.places
    chains: dict[str, tuple[str, ...]] = {}

    def chain_of(key: str) -> tuple[str, ...]:
        chain = chains.get(key)
        if chain is None:
            ids, seen = [key], {key}
            parent = places[key].part_of
            while parent is not None and parent not in seen:
                ids.append(parent)
                seen.add(parent)
                parent = places[parent].part_of
            chain = chains[key] = tuple(ids)
        return chain

    return chain_of


def get_index(dataset: Dataset) -> EventIndex:
    """The index of `dataset`, built on first use and kept in its cache."""
    index = dataset._cache.get(_CACHE_KEY)
    if index is None:
        with collector_paused():
            index = dataset._cache[_CACHE_KEY] = EventIndex(dataset)
    return index

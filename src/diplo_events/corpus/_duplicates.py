"""Event identity: a content key per event, duplicate candidates, and folding a duplicate in."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Mapping

import attrs

from ..dataset import Dataset
from ..enums import Precision
from ..errors import ValidationError
from ..model import Event, Place, Relation, TimeSpan
from ..validate import side_of
from ._edit import edit
from ._records import combine, record_path, require_datasets

__all__ = ["DuplicateCandidate", "EventKey", "event_key", "find_duplicates", "fold_duplicate"]


@attrs.frozen(kw_only=True)
class EventKey:
    """What an event is, apart from how it was reported: two encoders of one event agree on it.

    Attributes:
        kind: The event kind (``"meeting"``).
        sides: The sides of all participants (`Dataset.side`: the country
            code an actor acts for, else the actor id), sorted and without
            repeats, so a dyad coded in either direction has one key.
        when: The time span as EDTF (``"2018-01-27/2018-01-28"``).
        place: The place id, or None.
        codes: The event codes as ``scheme:code`` (``"cameo:042"``), sorted.

    ``str(key)`` is the canonical text form, a compact JSON array of the five
    parts in this order, such as
    ``["meeting",["CHN","JPN"],"2018-01-28","beijing",["cameo:042"]]``: equal
    keys have equal texts, so the text can be stored, hashed or joined on.
    """

    kind: str
    sides: tuple[str, ...]
    when: str
    place: str | None
    codes: tuple[str, ...]

    def __str__(self) -> str:
        parts = [self.kind, list(self.sides), self.when, self.place, list(self.codes)]
        return json.dumps(parts, ensure_ascii=False, separators=(",", ":"))


def event_key(ds: Dataset, event: Event | str) -> EventKey:
    """The `EventKey` of `event` (an event of `ds`, or its id).

    Raises:
        ValidationError: `event` is an id that `ds` does not hold.
    """
    require_datasets(ds)
    found = _event(ds, event, "event")
    return EventKey(
        kind=found.kind.value,
        sides=_sides(ds, found),
        when=str(found.when),
        place=found.place,
        codes=tuple(sorted(f"{c.scheme.value}:{c.code}" for c in found.codes)),
    )


@attrs.frozen(kw_only=True)
class DuplicateCandidate:
    """Two events that are probably the same, with why and how sure.

    Attributes:
        first: The id of the one earlier in the dataset.
        second: The id of the other.
        score: From 0 to 1: the mean of four scores. Time: the same day 1,
            the same month, year or interval 0.7, surely overlapping 0.6,
            possibly overlapping 0.3. Place: the same 1, one inside the other
            0.7, unknown for either 0.5. Participants (actor ids): the same 1,
            some shared 0.6, none shared 0.3. Codes: the same 1, some shared
            0.7, missing on either 0.5, none shared 0.2.
        reasons: Each finding in words: ``same kind (meeting)``,
            ``same sides (CHN, JPN)``, ``same time (2018-01-28)``, …
    """

    first: str
    second: str
    score: float
    reasons: tuple[str, ...]


def find_duplicates(ds: Dataset) -> tuple[DuplicateCandidate, ...]:
    """Pairs of events that are probably the same event, best first.

    A pair is a candidate when both events have the same kind and the same
    sides (as in `EventKey`), their spans can overlap, and their places are
    the same, one inside the other (``part_of``), or unknown for either.
    Events are grouped by kind and sides and, within a group, swept in order
    of their earliest day, so only events that can overlap in time are
    compared: the work grows with the number of events plus the number of
    overlapping pairs, never with all pairs. Sorted by score (highest
    first), then by dataset order.
    """
    require_datasets(ds)
    order = {key: i for i, key in enumerate(ds.events)}
    blocks: dict[tuple[str, tuple[str, ...]], list[Event]] = defaultdict(list)
    for e in ds.events.values():
        blocks[e.kind.value, _sides(ds, e)].append(e)
    ancestors = _Ancestors(ds.places)
    found = []
    for (kind, sides), members in blocks.items():
        if len(members) < 2:
            continue
        members.sort(key=lambda e: (e.when.earliest or _MIN_DAY, order[e.id]))
        active: list[Event] = []
        for e in members:
            start = e.when.earliest
            active = [a for a in active if _still_open(a, start)]
            for a in active:
                pair = (a, e) if order[a.id] < order[e.id] else (e, a)
                candidate = _candidate(*pair, kind, sides, ancestors)
                if candidate is not None:
                    found.append(candidate)
            active.append(e)
    found.sort(key=lambda c: (-c.score, order[c.first], order[c.second]))
    return tuple(found)


def fold_duplicate(ds: Dataset, duplicate: str, into: str) -> Dataset:
    """`ds` with event `duplicate` folded into its twin `into`, keeping what both report.

    The twin keeps its id, place in the dataset and single-valued fields
    (summary, span, status, …); its tuple fields become the union of both,
    so every evidence span, source, topic, code, relation and participant
    of the duplicate is kept. Other events' ``part_of`` and relations that
    named the duplicate now name the twin; a relation or ``part_of`` between
    the two is dropped. The result is validated like any edit.

    Raises:
        ValidationError: either id is not an event of `ds`, they are the same
            event or of different kinds, or the folded dataset is not valid
            (the union of participants repeats an actor in a role, say).
    """
    require_datasets(ds)
    dup, twin = _event(ds, duplicate, "duplicate"), _event(ds, into, "into")
    if dup.id == twin.id or type(dup) is not type(twin):
        what = "another event" if dup.id == twin.id else f"an event of kind {twin.kind.value!r}"
        raise ValidationError.one("duplicate", f"must be {what} to fold into {into!r}", duplicate)
    pair = {into, duplicate}
    twin, dup = (
        attrs.evolve(
            e,
            part_of=None if e.part_of in pair else e.part_of,
            relations=tuple(r for r in e.relations if r.target not in pair),
        )
        for e in (twin, dup)
    )
    folded, _, _ = combine(record_path("events", into), twin, dup)
    redirected = [
        attrs.evolve(
            e,
            part_of=into if e.part_of == duplicate else e.part_of,
            relations=_retarget(e.relations, duplicate, into),
        )
        for e in ds.events.values()
        if e.id not in {into, duplicate}
        and (e.part_of == duplicate or any(r.target == duplicate for r in e.relations))
    ]
    return edit(ds, remove=[dup], replace=[folded, *redirected])


def _retarget(relations: tuple[Relation, ...], old: str, new: str) -> tuple[Relation, ...]:
    """`relations` with targets `old` made `new` (a relation that then repeats is dropped)."""
    return tuple(
        dict.fromkeys(attrs.evolve(r, target=new) if r.target == old else r for r in relations)
    )


_MIN_DAY = dt.date.min


def _event(ds: Dataset, event: Event | str, name: str) -> Event:
    key: object = event.id if isinstance(event, Event) else event
    found = ds.events.get(key) if isinstance(key, str) else None
    if found is None:
        raise ValidationError.one(name, "is not an event of the dataset", key)
    return found


def _sides(ds: Dataset, event: Event) -> tuple[str, ...]:
    return tuple(sorted({side_of(p, ds.actors) for p in event.participants}))


def _still_open(event: Event, day: dt.date | None) -> bool:
    """Whether `event` can still overlap an event that begins on `day` (None: unbounded)."""
    latest = event.when.latest
    return latest is None or day is None or latest >= day


class _Ancestors:
    """The places each place lies in (``part_of``, transitively), computed once each."""

    def __init__(self, places: Mapping[str, Place]) -> None:
        self.places = places
        self.memo: dict[str, frozenset[str]] = {}

    def __call__(self, place: str) -> frozenset[str]:
        found = self.memo.get(place)
        if found is None:
            record = self.places.get(place)
            parent = None if record is None else record.part_of
            found = frozenset() if parent is None else self(parent) | {parent}
            self.memo[place] = found
        return found


def _candidate(
    a: Event, b: Event, kind: str, sides: tuple[str, ...], ancestors: _Ancestors
) -> DuplicateCandidate | None:
    """The pair as a candidate, or None when their places rule it out.

    The sweep of `find_duplicates` only pairs events whose spans can overlap:
    `b` begins no earlier than `a` and no later than `a` can end.
    """
    place = _place_score(a.place, b.place, ancestors)
    if place is None:
        return None
    reasons = [f"same kind ({kind})", f"same sides ({', '.join(sides)})"]
    time = _time_score(a.when, b.when)
    actors = _actor_score(a, b)
    codes = _code_score(a, b)
    reasons.extend(why for _, why in (time, place, actors, codes))
    score = round((time[0] + place[0] + actors[0] + codes[0]) / 4, 3)
    return DuplicateCandidate(first=a.id, second=b.id, score=score, reasons=tuple(reasons))


def _time_score(a: TimeSpan, b: TimeSpan) -> tuple[float, str]:
    if a == b:
        if a.precision is Precision.DAY and not a.is_interval:
            return 1.0, f"same day ({a})"
        return 0.7, f"same span ({a})"
    if a.definitely_overlaps(b):
        return 0.6, f"overlapping time ({a}; {b})"
    return 0.3, f"possibly overlapping time ({a}; {b})"


def _actor_score(a: Event, b: Event) -> tuple[float, str]:
    first, second = set(a.actors()), set(b.actors())
    if first == second:
        return 1.0, "same participants"
    if first & second:
        return 0.6, f"shared participants ({', '.join(sorted(first & second))})"
    return 0.3, "other participants on the same sides"


def _place_score(a: str | None, b: str | None, ancestors: _Ancestors) -> tuple[float, str] | None:
    if a is None or b is None:
        return 0.5, "place unknown for one"
    if a == b:
        return 1.0, f"same place ({a})"
    if a in ancestors(b):
        return 0.7, f"nested places ({b} in {a})"
    if b in ancestors(a):
        return 0.7, f"nested places ({a} in {b})"
    return None


def _code_score(a: Event, b: Event) -> tuple[float, str]:
    first, second = set(a.codes), set(b.codes)
    if not first or not second:
        return 0.5, "codes not given for both"
    if first == second:
        return 1.0, "same codes"
    if first & second:
        return 0.7, "some codes shared"
    return 0.2, "no codes shared"

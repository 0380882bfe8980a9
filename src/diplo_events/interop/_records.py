"""What the exports read: a `Dataset`, or any iterable of records such as `iter_records` yields.

Exports need a few lookups besides the events (actor names and countries, source
URLs). From a `Dataset` they come from the dataset; from a stream, each `Actor`
and `Source` is remembered as it goes by (only what the exports need, so memory
grows with the number of actors and sources, not with the events), and extra
lookups can be passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import attrs

from ..dataset import Dataset
from ..errors import ValidationError
from ..model import Actor, Event, Membership, Place, Source

__all__ = ["Lookups", "events_of", "evidenced_records"]


@attrs.define
class Lookups:
    """Actors by id, and source URLs and titles by source id, filled while streaming."""

    actors: dict[str, Actor] = attrs.Factory(dict)
    sources: dict[str, tuple[str | None, str]] = attrs.Factory(dict)

    def remember(self, source: Source) -> None:
        """Keep a source's URL and title (not its text)."""
        self.sources[source.id] = (source.url, source.title)


def events_of(
    data: Dataset | Iterable[object],
    actors: Mapping[str, Actor] | None = None,
) -> tuple[Iterator[Event], Lookups]:
    """Return the events of `data` lazily, and the lookups they fill as they are read.

    Raises (while iterating):
        ValidationError: an item of the stream is not a record.
    """
    records, lookups = evidenced_records(data, actors)
    if isinstance(data, Dataset):
        return iter(data), lookups
    return (r for _, r in records if isinstance(r, Event)), lookups


def evidenced_records(
    data: Dataset | Iterable[object],
    actors: Mapping[str, Actor] | None = None,
) -> tuple[Iterator[tuple[int, Actor | Membership | Place | Event]], Lookups]:
    """Return the records that carry evidence, lazily, and the lookups they fill.

    Each record comes with its position among the records of its kind
    (a membership, which has no id, is known by it). A `Dataset` gives
    actors, memberships, places and events in that order; a stream, its own order.

    Raises (while iterating):
        ValidationError: an item of the stream is not a record.
    """
    lookups = Lookups(actors=dict(actors or {}))
    if isinstance(data, Dataset):
        lookups.actors.update(data.actors)
        for source in data.sources.values():
            lookups.remember(source)
        groups: tuple[Iterable[Actor | Membership | Place | Event], ...] = (
            data.actors.values(),
            data.memberships,
            data.places.values(),
            data,
        )
        return ((i, r) for group in groups for i, r in enumerate(group)), lookups
    return _stream_all(data, lookups), lookups


def _stream_all(
    data: Iterable[object], lookups: Lookups
) -> Iterator[tuple[int, Actor | Membership | Place | Event]]:
    if isinstance(data, (str, bytes, Mapping)):
        raise ValidationError.one("data", "must be a Dataset or an iterable of records", data)
    counts: dict[type, int] = {}
    for i, record in enumerate(data):
        if isinstance(record, Source):
            lookups.remember(record)
            continue
        if not isinstance(record, (Actor, Membership, Place, Event)):
            raise ValidationError.one(f"records[{i}]", "must be a record", record)
        if isinstance(record, Actor):
            lookups.actors[record.id] = record
        kind = Event if isinstance(record, Event) else type(record)
        position = counts.get(kind, 0)
        counts[kind] = position + 1
        yield position, record

"""The dyadic event table: one row per source-target pair, as in GDELT and ICEWS.

Each event gives rows from its directed roles (visitor -> host, speaker ->
addressee, initiator -> target); an event without them (a meeting, an
agreement, a dispute) gives a row for each ordered pair of participants on
different sides (A -> B and B -> A). An event with a single side (a statement
without addressees, say) gives one row with an empty target. CAMEO code,
QuadClass, Goldstein and PLOVER type are looked up in `diplo_events.codes`
from the event's first CAMEO code; source id and quote are those of its first
evidence span.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

from .. import codes
from ..dataset import Dataset
from ..enums import Role
from ..model import Actor, Event, PartialDate, Participant, TimeSpan
from ..validate import side_of
from ._records import events_of

__all__ = ["DYAD_COLUMNS", "dyad_records", "iter_dyads", "write_dyads_csv"]

DYAD_COLUMNS: tuple[str, ...] = (
    "event_id", "kind", "date", "date_start", "date_end", "precision",
    "source_actor", "source_name", "source_country",
    "target_actor", "target_name", "target_country",
    "cameo_code", "quad_class", "goldstein", "plover_type", "status", "source_id", "quote",
)  # fmt: skip
"""The columns of the dyadic table, in order."""

_SOURCE_ROLES = frozenset({Role.VISITOR, Role.SPEAKER, Role.INITIATOR})
_TARGET_ROLES = frozenset({Role.HOST, Role.ADDRESSEE, Role.TARGET})
_SIDELESS = frozenset({Role.OBSERVER, Role.MEDIATOR, Role.SUBJECT})


def _pairs(
    event: Event, actors: Mapping[str, Actor]
) -> Iterator[tuple[Participant, Participant | None]]:
    sources = [p for p in event.participants if p.role in _SOURCE_ROLES]
    targets = [p for p in event.participants if p.role in _TARGET_ROLES]
    pairs: list[tuple[Participant, Participant | None]]
    if sources:
        pairs = [(s, t) for s in sources for t in targets if s.actor != t.actor]
        yield from pairs or [(s, None) for s in sources]
        return
    sided = [p for p in event.participants if p.role not in _SIDELESS] or list(event.participants)
    pairs = [
        (a, b)
        for a in sided
        for b in sided
        if a.actor != b.actor and side_of(a, actors) != side_of(b, actors)
    ]
    yield from pairs or [(sided[0], None)]


def _precision(when: TimeSpan) -> str | None:
    dated = isinstance(when.start, PartialDate) or isinstance(when.end, PartialDate)
    return when.precision.value if dated else None


def _rows(event: Event, actors: Mapping[str, Actor]) -> Iterator[dict[str, Any]]:
    code = codes.cameo_of(event)
    evidence = event.evidence[0] if event.evidence else None
    when = event.when
    base: dict[str, Any] = {
        "event_id": event.id,
        "kind": event.kind.value,
        "date": str(when),
        "date_start": when.earliest,
        "date_end": when.latest,
        "precision": _precision(when),
        "cameo_code": code,
        "quad_class": int(codes.quad_class(code)) if code else None,
        "goldstein": codes.goldstein(code) if code else None,
        "plover_type": codes.plover_of(event),
        "status": event.status.value,
        "source_id": evidence.source if evidence else None,
        "quote": evidence.quote if evidence else None,
    }
    for source, target in _pairs(event, actors):
        row = dict(base)
        for prefix, part in (("source", source), ("target", target)):
            actor = actors.get(part.actor) if part else None
            row[f"{prefix}_actor"] = part.actor if part else None
            row[f"{prefix}_name"] = actor.name if actor else None
            row[f"{prefix}_country"] = actor.country if actor else None
        yield {column: row[column] for column in DYAD_COLUMNS}


def iter_dyads(
    data: Dataset | Iterable[object], *, actors: Mapping[str, Actor] | None = None
) -> Iterator[dict[str, Any]]:
    """Yield the dyadic rows of `data` (a `Dataset`, or records such as `iter_records` yields).

    Values are Python objects: dates as `datetime.date`, Goldstein as float,
    missing values as None. `actors` adds names and countries for actors the
    data does not carry.
    """
    events, lookups = events_of(data, actors)
    for event in events:
        yield from _rows(event, lookups.actors)


def dyad_records(
    data: Dataset | Iterable[object], *, actors: Mapping[str, Actor] | None = None
) -> list[dict[str, Any]]:
    """The dyadic rows as a list of dicts, which ``pandas.DataFrame(...)`` takes directly."""
    return list(iter_dyads(data, actors=actors))


def write_dyads_csv(
    data: Dataset | Iterable[object],
    file: IO[str],
    *,
    actors: Mapping[str, Actor] | None = None,
) -> int:
    """Write the dyadic table as CSV (header row, ISO dates, empty cells for None).

    Open `file` with ``newline=""``. Returns the number of rows written.
    """
    writer = csv.DictWriter(file, fieldnames=DYAD_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in iter_dyads(data, actors=actors):
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
        count += 1
    return count

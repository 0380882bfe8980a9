"""Write events as PLOVER JSON records, one per event.

`iter_plover(data)` yields one PLOVER record (a dict) per event that has a
PLOVER event type, and `write_plover(data, path)` writes them as JSON Lines
(the manual's suggestion) or a JSON array, atomically, returning a
`PloverExport` that names every event left out and why. `read_plover` reads
the output back. The fields (PLOVER manual, "Data Fields"):

- ``id``; ``date`` and ``enddate`` (YYYY-MM-DD: a month or year becomes its
  first and last day; an unknown or open start leaves ``date`` out);
- ``actor`` and ``recipient``: entity objects (the speaker, initiator,
  visitor, and every party of a meeting or agreement, host included, act; the
  addressee, target, and the host of a visit receive; mediators, observers
  and subjects are left out) with ``code`` and ``sector``
  (from the actor's ``plover`` identifier, else its country), ``entity_text``
  (the participant's title, else the actor's name) and, for actors with a
  Wikidata id, ``identifier_id`` and ``identifier_text``;
- ``event`` (the PLOVER types of the event's codes, else of its CAMEO code,
  else of its kind), ``mode`` (``visit``, ``phone``, or the CAMEO code's),
  ``context`` (the event's topics);
- ``event_loc``: the place's ``name``, ``geonameid``, ``latitude``,
  ``longitude``, ``feature code`` and ``cc3``;
- ``text`` (the text of the source of the first evidence span), ``text_info``
  (``start`` and ``end`` of that span, and ``spans``, every span in that
  text, in code points), ``event_text`` (the quotes), ``cite_info`` (the
  source's id as ``citation``, title, URL, publisher, language, credit);
- ``comment``: the event's summary; ``coder``: ``diplo_events``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from .. import codes
from .._files import write_atomic
from ..dataset import Dataset
from ..enums import EventKind, IncidentCategory, MeetingSetting, PlaceKind, Role
from ..errors import ValidationError
from ..model import Actor, Event, Meeting, Place, Source, Visit
from ..model._time import PartialDate, TimeSpan

__all__ = ["PloverExport", "iter_plover", "plover_record", "write_plover"]

_ACTOR_ROLES = frozenset(
    {Role.SPEAKER, Role.INITIATOR, Role.VISITOR, Role.PARTICIPANT, Role.PARTY, Role.SIGNATORY,
     Role.CLAIMANT, Role.HOST}
)  # fmt: skip
_RECIPIENT_ROLES = frozenset({Role.ADDRESSEE, Role.TARGET})
_FEATURE_OF_KIND = {
    PlaceKind.COUNTRY: "PCLI",
    PlaceKind.PROVINCE: "ADM1",
    PlaceKind.DISTRICT: "ADM2",
    PlaceKind.CITY: "PPL",
    PlaceKind.ISLAND: "ISL",
    PlaceKind.ISLANDS: "ISLS",
    PlaceKind.SEA: "SEA",
}
_TYPE_OF_KIND = {
    EventKind.MEETING: "CONSULT",
    EventKind.VISIT: "CONSULT",
    EventKind.AGREEMENT: "AGREE",
}
_TYPE_OF_INCIDENT = {
    IncidentCategory.PROTEST: "PROTEST",
    IncidentCategory.SANCTION: "SANCTION",
    IncidentCategory.MILITARY_DEPLOYMENT: "MOBILIZE",
    IncidentCategory.MILITARY_EXERCISE: "MOBILIZE",
}


@attrs.frozen(kw_only=True)
class PloverExport:
    """What an export wrote: the number of records, and each event left out with the reason."""

    records: int
    skipped: tuple[tuple[str, str], ...]


@attrs.define
class _Lookups:
    actors: dict[str, Actor] = attrs.Factory(dict)
    places: dict[str, Place] = attrs.Factory(dict)
    sources: dict[str, Source] = attrs.Factory(dict)


def _types(event: Event) -> list[str]:
    own = [c.code for c in event.codes if c.scheme == "plover"]
    if own:
        return own
    derived = codes.plover_of(event)
    if derived is not None:
        return [derived]
    if event.kind is EventKind.INCIDENT:
        category = getattr(event, "category", None)
        return [_TYPE_OF_INCIDENT[category]] if category in _TYPE_OF_INCIDENT else []
    return [_TYPE_OF_KIND[event.kind]] if event.kind in _TYPE_OF_KIND else []


def _mode(event: Event) -> list[str]:
    if isinstance(event, Visit):
        return ["visit"]
    if isinstance(event, Meeting) and event.setting is MeetingSetting.PHONE:
        return ["phone"]
    cameo = codes.cameo_of(event)
    entry = codes.plover(cameo) if cameo is not None else None
    return [entry.mode] if entry is not None and entry.mode else []


def _dates(when: TimeSpan) -> dict[str, str]:
    out: dict[str, str] = {}
    start, end = when.start, when.end
    if isinstance(start, PartialDate):
        out["date"] = start.earliest.isoformat()
    last = end if end is not None else start
    if isinstance(last, PartialDate):
        latest = last.latest.isoformat()
        if latest != out.get("date"):
            out["enddate"] = latest
    return out


def _entity(actor_id: str, title: str | None, actors: Mapping[str, Actor]) -> dict[str, str]:
    actor = actors.get(actor_id)
    out: dict[str, str] = {}
    if actor is None:
        out["entity_text"] = title or actor_id
        return out
    plover = actor.identifier("plover")
    code, _, sector = (plover or actor.country or "").partition(" ")
    if code:
        out["code"] = code
    if sector:
        out["sector"] = sector
    out["entity_text"] = title or actor.name
    wikidata = actor.identifier("wikidata")
    if wikidata:
        out["identifier_id"] = wikidata
        out["identifier_text"] = actor.name
    return out


def _location(place: Place) -> dict[str, Any]:
    loc: dict[str, Any] = {"name": place.name}
    geonames = place.identifier("geonames")
    if geonames:
        loc["geonameid"] = int(geonames) if geonames.isdigit() else geonames
    point = place.point
    if point is not None:
        loc["latitude"] = point.latitude
        loc["longitude"] = point.longitude
    feature = (point.feature if point is not None else None) or _FEATURE_OF_KIND.get(place.kind)
    if feature:
        loc["feature code"] = feature
    if place.country:
        loc["cc3"] = place.country
    return loc


def _cite(source: Source) -> dict[str, str]:
    optional = {
        "url": source.url,
        "publication": source.publisher,
        "language": source.language,
        "license": source.credit,
    }
    return {
        "citation": source.id,
        "title": source.title,
        **{key: value for key, value in optional.items() if value},
    }


def _text_fields(event: Event, sources: Mapping[str, Source]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if event.evidence:
        first = event.evidence[0]
        source = sources.get(first.source)
        spans = [e for e in event.evidence if e.source == first.source]
        out["event_text"] = [e.quote for e in spans]
        if source is not None and source.text is not None:
            out["text"] = source.text
            out["text_info"] = {
                "start": first.start,
                "end": first.end,
                "spans": [{"start": e.start, "end": e.end} for e in spans],
            }
        if source is not None:
            out["cite_info"] = _cite(source)
    elif event.sources and event.sources[0] in sources:
        out["cite_info"] = _cite(sources[event.sources[0]])
    return out


def plover_record(
    event: Event,
    *,
    actors: Mapping[str, Actor],
    places: Mapping[str, Place],
    sources: Mapping[str, Source],
) -> dict[str, Any] | str:
    """The PLOVER record of `event`, or the reason it has none (no PLOVER type)."""
    types = list(dict.fromkeys(_types(event)))
    if not types:
        article = "an" if event.kind.value[0] in "aeiou" else "a"
        return f"{article} {event.kind.value} with no PLOVER event type (no PLOVER or CAMEO code)"
    record: dict[str, Any] = {"id": event.id, **_dates(event.when)}
    sides: dict[str, list[dict[str, str]]] = {"actor": [], "recipient": []}
    for p in event.participants:
        side = (
            "recipient"
            if p.role in _RECIPIENT_ROLES or (p.role is Role.HOST and isinstance(event, Visit))
            else "actor"
            if p.role in _ACTOR_ROLES
            else None
        )
        if side is not None:
            sides[side].append(_entity(p.actor, p.title, actors))
    record.update({k: v for k, v in sides.items() if v})
    record["event"] = types
    mode = _mode(event)
    if mode:
        record["mode"] = mode
    if event.topics:
        record["context"] = list(event.topics)
    if event.place is not None and event.place in places:
        record["event_loc"] = _location(places[event.place])
    record.update(_text_fields(event, sources))
    record["comment"] = event.summary
    record["coder"] = "diplo_events"
    return record


def iter_plover(
    data: Dataset | Iterable[object], skipped: list[tuple[str, str]] | None = None
) -> Iterator[dict[str, Any]]:
    """Yield the PLOVER record of each event of `data` (a `Dataset` or a stream of records).

    Events without a PLOVER type are left out; when `skipped` is given, each
    is appended to it as ``(event id, reason)``. A stream must give each
    actor, place and source before the events that use them (as files do).

    Raises:
        ValidationError: an item of a stream is not a record.
    """
    lookups = _Lookups()
    if isinstance(data, Dataset):
        lookups.actors.update(data.actors)
        lookups.places.update(data.places)
        lookups.sources.update(data.sources)
        items: Iterable[object] = data
    elif isinstance(data, (str, bytes, Mapping)):
        raise ValidationError.one("data", "must be a Dataset or an iterable of records", data)
    else:
        items = data
    for i, item in enumerate(items):
        if isinstance(item, Event):
            record = plover_record(
                item, actors=lookups.actors, places=lookups.places, sources=lookups.sources
            )
            if isinstance(record, str):
                if skipped is not None:
                    skipped.append((item.id, record))
                continue
            yield record
        elif isinstance(item, (Actor, Place, Source)):
            table: dict[str, Any] = (
                lookups.actors if isinstance(item, Actor)
                else lookups.places if isinstance(item, Place)
                else lookups.sources
            )  # fmt: skip
            table[item.id] = item
        elif type(item).__name__ != "Membership":
            raise ValidationError.one(f"records[{i}]", "must be a record", item)


def _dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def plover_chunks(
    data: Dataset | Iterable[object],
    *,
    format: str,  # noqa: A002 - the name serialize.dump uses
    skipped: list[tuple[str, str]],
) -> Iterator[bytes]:
    """The bytes of the export, in pieces: JSON Lines, or a JSON array with one record a line."""
    records = iter_plover(data, skipped)
    if format == "jsonl":
        for record in records:
            yield (_dumps(record) + "\n").encode("utf-8")
        return
    first = True
    yield b"["
    for record in records:
        yield (("\n" if first else ",\n") + _dumps(record)).encode("utf-8")
        first = False
    yield b"\n]\n"


def write_plover(
    data: Dataset | Iterable[object],
    path: str | os.PathLike[str],
    *,
    format: str = "jsonl",  # noqa: A002 - the name serialize.dump uses
) -> PloverExport:
    """Write the PLOVER records of `data` to `path` atomically, as ``jsonl`` or ``json``.

    Raises:
        ValidationError: `format` is neither ``jsonl`` nor ``json``.
        FileAccessError: the file cannot be written (it is then unchanged).
    """
    if format not in {"jsonl", "json"}:
        raise ValidationError.one("format", "must be 'jsonl' or 'json'", format)
    skipped: list[tuple[str, str]] = []
    count = [0]

    def counted() -> Iterator[bytes]:
        for chunk in plover_chunks(data, format=format, skipped=skipped):
            if chunk.startswith((b"{", b"\n{", b",\n{")):
                count[0] += 1
            yield chunk

    write_atomic(path, counted())
    return PloverExport(records=count[0], skipped=tuple(skipped))

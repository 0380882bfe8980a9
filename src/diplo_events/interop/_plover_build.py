"""Building records from PLOVER-coded rows: one actor per entity, one event per row.

`PloverBuilder` is shared by the PLOVER and POLECAT readers. It remembers the
actors and places made so far, and builds each row's event from its PLOVER
event types, modes and the two sides (``actor`` and ``recipient``), by the
table in `diplo_events.interop._plover_map`. New records are collected in a
list and only remembered on `commit`, once the row's event has been built, so
a row that fails leaves nothing behind.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import attrs

from .. import codes
from ..enums import ActorKind, EventKind, PlaceKind
from ..model import EVENT_CLASSES, Actor, Event, EventCode, Evidence, GeoPoint, TimeSpan
from ._cameo_map import KindRule
from ._countries import COUNTRY_NAMES
from ._gazetteer import Gazetteer
from ._importer import Record, RowError, UniqueIds, make_id
from ._plover_map import Entity, participants, rule_for

__all__ = ["Location", "PloverBuilder", "Side", "kind_of_feature"]

Side = list[tuple[str, str | None]]
"""One side of an event: (actor id, the text naming the actor in this row) pairs."""

_CLASS_OF_KIND = {cls.kind: cls for cls in EVENT_CLASSES}


def kind_of_feature(feature: str | None) -> PlaceKind | None:
    """The place kind of a GeoNames feature code (``PPLC`` city, ``ADM1`` province, ...), or None.

    After https://www.geonames.org/export/codes.html: ``PCL*`` political
    entities are countries, ``ADM1`` provinces, ``ADM2``-``ADM5`` districts,
    ``PPL*`` populated places cities, ``ISL*`` islands, ``SEA``/``GULF``/``BAY``
    seas.
    """
    if not feature:
        return None
    code = feature.upper()
    prefixes = (
        ("PCL", PlaceKind.COUNTRY),
        ("ADM1", PlaceKind.PROVINCE),
        ("ADM", PlaceKind.DISTRICT),
        ("PPL", PlaceKind.CITY),
        ("ISLS", PlaceKind.ISLANDS),
        ("ISL", PlaceKind.ISLAND),
    )
    for prefix, kind in prefixes:
        if code.startswith(prefix):
            return kind
    return PlaceKind.SEA if code in {"SEA", "GULF", "BAY", "STRT"} else None


@attrs.frozen(kw_only=True)
class Location:
    """A location as a row gives it, most specific level last.

    Attributes:
        country: ISO 3166-1 alpha-3 code, or None.
        levels: (name, kind) of the levels below the country, outermost first
            (``[("Hokkaido", province), ("Sapporo", city)]``).
        point: The coordinates of the most specific level, or None.
        geonames: The GeoNames id of the most specific level, or None.
    """

    country: str | None
    levels: Sequence[tuple[str, PlaceKind]] = ()
    point: GeoPoint | None = None
    geonames: str | None = None


class PloverBuilder:
    """Actors and places made so far (memory grows with the distinct ones), and events."""

    def __init__(self, prefix: str, ids: UniqueIds) -> None:
        self._prefix = prefix
        self._actors: dict[tuple[str, ...], str] = {}
        self._keys: dict[str, tuple[str, ...]] = {}
        self._sides: dict[str, str] = {}
        self._places = Gazetteer(f"{prefix}-place", ids)

    def actor(self, entity: Entity, out: list[Record]) -> str:
        """The id of the actor of `entity`; a new actor (and its state) is appended to `out`."""
        key = entity.key()
        known = self._actors.get(key) or next(
            (r.id for r in out if isinstance(r, Actor) and self._keys[r.id] == key), None
        )
        if known is not None:
            return known
        parent = None
        if (
            entity.country
            and entity.sector
            and entity.canonical is None
            and entity.kind() is ActorKind.ORGANIZATION
        ):
            parent = self.actor(Entity(code=entity.code, sector=None, text=None), out)
        actor_id = make_id(self._prefix, *key)
        if self._keys.get(actor_id, key) != key:
            actor_id = make_id(actor_id, json.dumps(key))
        self._keys[actor_id] = key
        self._sides[actor_id] = entity.country or actor_id
        identifiers = {"plover": entity.plover_code()} if entity.code else {}
        if entity.wikidata:
            identifiers["wikidata"] = entity.wikidata
        out.append(
            Actor(
                id=actor_id,
                name=entity.name() or entity.text or entity.code or actor_id,
                kind=entity.kind(),
                country=entity.country,
                identifiers=identifiers,
                part_of=parent,
            )
        )
        return actor_id

    def place(self, where: Location | None, out: list[Record]) -> str | None:
        """The id of the most specific place of `where`; new places are appended to `out`.

        Places are remembered at once (by the shared `Gazetteer`): a reader
        must yield the places of `out` even when the row's event then fails.
        """
        if where is None:
            return None
        levels: list[tuple[PlaceKind, str]] = []
        if where.country is not None:
            levels.append((PlaceKind.COUNTRY, COUNTRY_NAMES.get(where.country, where.country)))
        levels.extend((kind, name) for name, kind in where.levels)
        return self._places.place(
            levels,
            out,
            country=where.country,
            point=where.point if where.levels else None,
            identifiers={"geonames": where.geonames} if where.geonames and where.levels else None,
        )

    def commit(self, out: Sequence[Record]) -> None:
        """Remember the actors of `out` (the row's event was built)."""
        for r in out:
            if isinstance(r, Actor):
                self._actors[self._keys[r.id]] = r.id

    def event(
        self,
        *,
        event_id: str,
        types: Sequence[str],
        modes: Sequence[str],
        sides: tuple[Side, Side],
        when: TimeSpan,
        summary: str,
        place: str | None = None,
        topics: Sequence[str] = (),
        evidence: Sequence[Evidence] = (),
        sources: Sequence[str] = (),
        note: str | None = None,
    ) -> Event:
        """The event of a row (its first PLOVER type with a kind gives the kind).

        Raises:
            RowError: no type has a kind, or the actors cannot make that kind.
            ValidationError: the event is not valid.
        """
        actors, recipients = sides
        rule = _first_rule(types, modes, actors, recipients)
        fields: dict[str, Any] = dict(rule.fields)
        if rule.kind is EventKind.MEETING:
            count = len({self._sides[a] for a, _ in actors + recipients})
            if count < 2:
                raise RowError("a meeting needs two sides, but all actors are on one")
            fields["format"] = {2: "bilateral", 3: "trilateral"}.get(count, "multilateral")
        return _CLASS_OF_KIND[rule.kind](
            id=event_id,
            summary=summary,
            participants=participants(rule, actors, recipients),
            when=when,
            status="occurred",
            place=place,
            topics=topics,
            evidence=evidence,
            sources=sources,
            codes=[
                EventCode(scheme="plover", code=t)
                for t in dict.fromkeys(types)
                if codes.is_known("plover", t)
            ],
            note=note,
            **fields,
        )


def _first_rule(
    types: Sequence[str], modes: Sequence[str], actors: Side, recipients: Side
) -> KindRule:
    """The rule of the first of `types` that has a kind.

    A visit coded with all its actors on one side (PLOVER's reciprocal coding)
    cannot tell visitor from host: it is a meeting.

    Raises:
        RowError: no type has a kind, or a CONSULT names fewer than two actors.
    """
    mutual = len(actors) > 1 and not recipients
    for event_type in types:
        rule = rule_for(event_type, modes, mutual=mutual)
        if isinstance(rule, str):
            continue
        if rule.kind is EventKind.VISIT and not recipients:
            rule = rule_for(event_type, (), mutual=mutual)
            assert not isinstance(rule, str)  # noqa: S101 - CONSULT always has a rule
        if (
            rule.kind in {EventKind.MEETING, EventKind.VISIT}
            and len({a for a, _ in actors + recipients}) < 2
        ):
            raise RowError("a CONSULT needs two actors", [t or a for a, t in actors])
        return rule
    raise RowError(str(rule_for(types[0], modes, mutual=mutual)), types[0])


def side_summary(actors: Side, recipients: Side, what: str) -> str:
    """``A, B → C: what`` from the texts (or ids) of the two sides."""

    def names(side: Side) -> str:
        return ", ".join(dict.fromkeys(t or a for a, t in side))

    who = names(actors) or "(no actor named)"
    if recipients:
        who += " → " + names(recipients)
    return f"{who}: {what}"

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

from .. import codes
from ..enums import ActorKind, EventKind
from ..model import EVENT_CLASSES, Actor, Event, EventCode, Evidence, Place, TimeSpan
from ._gazetteer import Gazetteer, Location
from ._icews_map import KindRule
from ._importer import Record, RowError, make_id
from ._plover_map import Entity, participants, rule_for

__all__ = ["PloverBuilder", "Side"]

Side = list[tuple[str, str | None]]
"""One side of an event: (actor id, the text naming the actor in this row) pairs."""

_CLASS_OF_KIND = {cls.kind: cls for cls in EVENT_CLASSES}


class PloverBuilder:
    """Actors and places made so far (memory grows with the distinct ones), and events."""

    def __init__(self, prefix: str) -> None:
        self._prefix = prefix
        self._actors: dict[tuple[str, ...], str] = {}
        self._keys: dict[str, tuple[str, ...]] = {}
        self._sides: dict[str, str] = {}
        self._places = Gazetteer()

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
        """The id of the most specific place of `where`; new places are appended to `out`."""
        if where is None:
            return None
        place_id, new = self._places.locate(where)
        seen = {r.id for r in out if isinstance(r, Place)}
        out.extend(p for p in new if p.id not in seen)
        return place_id

    def commit(self, out: Sequence[Record]) -> None:
        """Remember the actors and places of `out` (the row's event was built)."""
        self._places.commit([r for r in out if isinstance(r, Place)])
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

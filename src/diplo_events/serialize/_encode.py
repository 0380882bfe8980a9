"""Records to JSON-ready dicts: one small hand-written function per record type.

Keys follow the model's field order; a key whose value equals the field's
default (None, an empty sequence, ``false``, ``"standalone"``) is left out, so
each record has one canonical form. Enums become their values, spans and
partial dates their EDTF strings, identifiers an object sorted by scheme.
Events carry their kind first: ``{"kind": "meeting", "id": ...}``.
Encoding never mutates the model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..enums import MeetingSetting
from ..model import (
    Actor,
    Agreement,
    Dispute,
    Event,
    EventCode,
    Evidence,
    GeoPoint,
    Incident,
    Meeting,
    Membership,
    Participant,
    Place,
    PlaceName,
    Relation,
    Source,
    Statement,
    Visit,
)

__all__ = ["ENCODERS", "KIND_FIELDS", "encode_event"]

JSONDict = dict[str, Any]


def encode_evidence(e: Evidence) -> JSONDict:
    """Encode an `Evidence` span."""
    d: JSONDict = {"source": e.source, "start": e.start, "end": e.end, "quote": e.quote}
    if e.prefix is not None:
        d["prefix"] = e.prefix
    if e.suffix is not None:
        d["suffix"] = e.suffix
    return d


def _evidence(d: JSONDict, spans: tuple[Evidence, ...]) -> None:
    if spans:
        d["evidence"] = [encode_evidence(e) for e in spans]


def encode_source(s: Source) -> JSONDict:
    """Encode a `Source`."""
    d: JSONDict = {"id": s.id, "title": s.title}
    if s.authors:
        d["authors"] = list(s.authors)
    for key, value in (
        ("publisher", s.publisher),
        ("published", None if s.published is None else str(s.published)),
        ("url", s.url),
        ("language", s.language),
        ("credit", s.credit),
        ("text", s.text),
        ("note", s.note),
    ):
        if value is not None:
            d[key] = value
    return d


def encode_actor(a: Actor) -> JSONDict:
    """Encode an `Actor`; identifiers become an object sorted by scheme."""
    d: JSONDict = {"id": a.id, "name": a.name, "kind": a.kind._value_}
    if a.aliases:
        d["aliases"] = list(a.aliases)
    if a.country is not None:
        d["country"] = a.country
    if a.identifiers:
        d["identifiers"] = dict(a.identifiers)
    if a.part_of is not None:
        d["part_of"] = a.part_of
    if a.note is not None:
        d["note"] = a.note
    _evidence(d, a.evidence)
    return d


def encode_membership(m: Membership) -> JSONDict:
    """Encode a `Membership`."""
    d: JSONDict = {"person": m.person, "organization": m.organization, "title": m.title}
    if m.when is not None:
        d["when"] = str(m.when)
    if m.note is not None:
        d["note"] = m.note
    _evidence(d, m.evidence)
    return d


def encode_place_name(n: PlaceName) -> JSONDict:
    """Encode a `PlaceName`."""
    d: JSONDict = {"name": n.name}
    if n.used_by:
        d["used_by"] = list(n.used_by)
    if n.lang is not None:
        d["lang"] = n.lang
    return d


def encode_point(g: GeoPoint) -> JSONDict:
    """Encode a `GeoPoint` (its coordinates as the numbers they are)."""
    d: JSONDict = {"latitude": g.latitude, "longitude": g.longitude}
    if g.precision is not None:
        d["precision"] = g.precision._value_
    if g.feature is not None:
        d["feature"] = g.feature
    return d


def encode_place(p: Place) -> JSONDict:
    """Encode a `Place`."""
    d: JSONDict = {"id": p.id, "name": p.name, "kind": p.kind._value_}
    if p.names:
        d["names"] = [encode_place_name(n) for n in p.names]
    if p.country is not None:
        d["country"] = p.country
    if p.identifiers:
        d["identifiers"] = dict(p.identifiers)
    if p.point is not None:
        d["point"] = encode_point(p.point)
    if p.part_of is not None:
        d["part_of"] = p.part_of
    if p.claimed_by:
        d["claimed_by"] = list(p.claimed_by)
    if p.administered_by:
        d["administered_by"] = list(p.administered_by)
    if p.note is not None:
        d["note"] = p.note
    _evidence(d, p.evidence)
    return d


def encode_participant(p: Participant) -> JSONDict:
    """Encode a `Participant`."""
    d: JSONDict = {"actor": p.actor, "role": p.role._value_}
    if p.title is not None:
        d["title"] = p.title
    if p.on_behalf_of is not None:
        d["on_behalf_of"] = p.on_behalf_of
    return d


def encode_relation(r: Relation) -> JSONDict:
    """Encode a `Relation`."""
    return {"kind": r.kind._value_, "target": r.target}


def encode_code(c: EventCode) -> JSONDict:
    """Encode an `EventCode`."""
    return {"scheme": c.scheme._value_, "code": c.code}


def _meeting(e: Meeting, d: JSONDict) -> None:
    d["format"] = e.format._value_
    if e.setting is not MeetingSetting.STANDALONE:
        d["setting"] = e.setting._value_


def _visit(e: Visit, d: JSONDict) -> None:
    if e.reciprocal:
        d["reciprocal"] = True


def _agreement(e: Agreement, d: JSONDict) -> None:
    d["stage"] = e.stage._value_
    if e.terms:
        d["terms"] = list(e.terms)


def _dispute(e: Dispute, d: JSONDict) -> None:
    d["subject"] = e.subject
    d["state"] = e.state._value_
    if e.subject_places:
        d["subject_places"] = list(e.subject_places)


def _statement(e: Statement, d: JSONDict) -> None:
    d["stance"] = e.stance._value_


def _incident(e: Incident, d: JSONDict) -> None:
    d["category"] = e.category._value_


KIND_FIELDS: dict[type[Event], Callable[[Any, JSONDict], None]] = {
    Meeting: _meeting,
    Visit: _visit,
    Agreement: _agreement,
    Dispute: _dispute,
    Statement: _statement,
    Incident: _incident,
}
"""For each event kind, the function that adds the kind's own fields to an event's dict."""


def encode_event(e: Event) -> JSONDict:
    """Encode an event of any kind: its kind, the common fields, then the kind's own."""
    d: JSONDict = {
        "kind": e.kind._value_,
        "id": e.id,
        "summary": e.summary,
        "participants": [encode_participant(p) for p in e.participants],
        "when": str(e.when),
        "status": e.status._value_,
    }
    if e.place is not None:
        d["place"] = e.place
    if e.topics:
        d["topics"] = list(e.topics)
    _evidence(d, e.evidence)
    if e.sources:
        d["sources"] = list(e.sources)
    if e.part_of is not None:
        d["part_of"] = e.part_of
    if e.relations:
        d["relations"] = [encode_relation(r) for r in e.relations]
    if e.codes:
        d["codes"] = [encode_code(c) for c in e.codes]
    if e.note is not None:
        d["note"] = e.note
    KIND_FIELDS[type(e)](e, d)
    return d


ENCODERS: dict[type, Callable[[Any], JSONDict]] = {
    Source: encode_source,
    Evidence: encode_evidence,
    Actor: encode_actor,
    Membership: encode_membership,
    GeoPoint: encode_point,
    PlaceName: encode_place_name,
    Place: encode_place,
    Participant: encode_participant,
    Relation: encode_relation,
    EventCode: encode_code,
    **dict.fromkeys(KIND_FIELDS, encode_event),
}
"""The encoder of each record type (every event kind maps to `encode_event`)."""

"""JSON values to records: one small hand-written function per record type.

Each ``decode_*`` takes a parsed JSON value and the path it was found at, and
returns the record, or None after appending every problem found to
`problems`. The decoders check JSON types and keys (unknown, missing and
repeated keys are errors that name the key); the records' own single
validation pass checks the values, and its problems come back under `path`.
Nothing is coerced: ``1.0`` is not an integer, ``"1"`` not a number, and an
optional key may be absent or ``null`` but a sequence is never ``null``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from ..enums import EventKind
from ..errors import Problem, ValidationError
from ..model import (
    EVENT_CLASSES,
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
    PartialDate,
    Participant,
    Place,
    PlaceName,
    Relation,
    Source,
    Statement,
    TimeSpan,
    Visit,
)
from ._jsonlib import repeated_key

__all__ = ["DECODERS", "KEYS", "decode_event"]

T = TypeVar("T")
Problems = list[Problem]
Decoder = Callable[[Any, str, Problems], Any]

_EVENT_BY_KIND: dict[str, type[Event]] = {c.kind.value: c for c in EVENT_CLASSES}
_KINDS = ", ".join(repr(k.value) for k in EventKind)


@attrs.frozen
class Keys:
    """The keys of a record's JSON object: all allowed ones, and the required ones in order."""

    name: str
    allowed: frozenset[str]
    required: tuple[str, ...]


def _keys(cls: type, name: str, *extra: str) -> Keys:
    fields = attrs.fields(cls)
    return Keys(
        name=name,
        allowed=frozenset([*extra, *(f.name for f in fields)]),
        required=(*extra, *(f.name for f in fields if f.default is attrs.NOTHING)),
    )


KEYS: dict[type, Keys] = {
    Source: _keys(Source, "a source"),
    Evidence: _keys(Evidence, "an evidence span"),
    Actor: _keys(Actor, "an actor"),
    Membership: _keys(Membership, "a membership"),
    GeoPoint: _keys(GeoPoint, "a point"),
    PlaceName: _keys(PlaceName, "a place name"),
    Place: _keys(Place, "a place"),
    Participant: _keys(Participant, "a participant"),
    Relation: _keys(Relation, "a relation"),
    EventCode: _keys(EventCode, "an event code"),
    **{c: _keys(c, f"a {c.kind.value} event", "kind") for c in EVENT_CLASSES},
}
"""The JSON keys of every record type, read from the model's fields."""


def _join(path: str, key: str) -> str:
    """The path of `key` inside the object at `path` (the key alone at the root)."""
    return f"{path}.{key}" if path else key


def json_type(value: object) -> str:
    """The JSON name of a parsed value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def check_object(value: Any, keys: Keys, path: str, problems: Problems) -> bool:
    """Check that `value` is an object with only allowed keys, all required ones, none repeated."""
    if type(value) is dict:
        names = value.keys()
        if names <= keys.allowed and all(k in value for k in keys.required):
            return True
    elif repeated_key(value) is None:
        problems.append(
            Problem(path=path, message=f"must be an object ({keys.name})", value=json_type(value))
        )
        return False
    before = len(problems)
    repeated = repeated_key(value)
    if repeated is not None:
        problems.append(Problem(path=path, message="repeats a key", value=repeated))
    allowed = ", ".join(sorted(keys.allowed))
    problems.extend(
        Problem(path=path, message=f"has an unknown key; {keys.name} has {allowed}", value=k)
        for k in value
        if k not in keys.allowed
    )
    problems.extend(
        Problem(path=path, message="misses a required key", value=k)
        for k in keys.required
        if k not in value
    )
    return len(problems) == before


_BAD_KEYS = "#keys"


def _open(d: Any, keys: Keys, path: str, problems: Problems, failed: set[str]) -> Any:
    """Check an object's keys; return it (unknown keys dropped, the record marked failed) or None.

    None means it cannot be decoded further: not an object, or a required key
    is missing. With unknown or repeated keys the known ones are still
    decoded, so their problems are reported too.
    """
    if check_object(d, keys, path, problems):
        return d
    if not isinstance(d, dict) or any(k not in d for k in keys.required):
        return None
    failed.add(_BAD_KEYS)
    return {k: v for k, v in d.items() if k in keys.allowed}


def _array(
    value: Any, path: str, problems: Problems, decode: Decoder, *, failed: set[str], key: str
) -> list[Any]:
    """Decode a JSON array of records; on any failure add `key` to `failed`."""
    if type(value) is not list:
        problems.append(Problem(path=path, message="must be an array", value=json_type(value)))
        failed.add(key)
        return []
    out = []
    for i, item in enumerate(value):
        record = decode(item, f"{path}[{i}]", problems)
        if record is None:
            failed.add(key)
        else:
            out.append(record)
    return out


def _build(
    cls: type[T], kwargs: dict[str, Any], path: str, problems: Problems, failed: set[str]
) -> T | None:
    """Build a record; report its problems under `path`, except those of already failed fields."""
    try:
        record = cls(**kwargs)
    except ValidationError as exc:
        problems.extend(
            p.at(path)
            for p in exc.problems
            if p.path.split(".", 1)[0].split("[", 1)[0] not in failed
        )
        return None
    return None if failed else record


def _edtf(
    parse: Callable[[str], T], value: Any, path: str, problems: Problems, what: str
) -> T | None:
    r"""Parse an EDTF string (ASCII digits only: `re`'s ``\\d`` would take any script's digits)."""
    if type(value) is not str or not value.isascii():
        problems.append(Problem(path=path, message=f"must be an EDTF {what} string", value=value))
        return None
    try:
        return parse(value)
    except ValidationError as exc:
        problems.extend(p.at(path) for p in exc.problems)
        return None


def _span(value: Any, path: str, problems: Problems, failed: set[str], key: str) -> Any:
    if value is None:
        return None
    span = _edtf(TimeSpan.parse, value, path, problems, "date or interval")
    if span is None:
        failed.add(key)
    return span


def _evidence(d: dict[str, Any], path: str, problems: Problems, failed: set[str]) -> Any:
    if "evidence" not in d:
        return ()
    return _array(
        d["evidence"],
        _join(path, "evidence"),
        problems,
        decode_evidence,
        failed=failed,
        key="evidence",
    )


def _plain(cls: type[T]) -> Callable[[Any, str, Problems], T | None]:
    """The decoder of a record whose fields are all JSON scalars or arrays of them."""
    keys = KEYS[cls]

    def decode(d: Any, path: str, problems: Problems) -> T | None:
        failed: set[str] = set()
        d = _open(d, keys, path, problems, failed)
        if d is None:
            return None
        return _build(cls, d, path, problems, failed)

    decode.__doc__ = f"Decode {keys.name}."
    return decode


decode_evidence = _plain(Evidence)
decode_place_name = _plain(PlaceName)
decode_point = _plain(GeoPoint)
decode_participant = _plain(Participant)
decode_relation = _plain(Relation)
decode_code = _plain(EventCode)


def decode_source(d: Any, path: str, problems: Problems) -> Source | None:
    """Decode a source."""
    failed: set[str] = set()
    d = _open(d, KEYS[Source], path, problems, failed)
    if d is None:
        return None
    kwargs = dict(d)
    published = d.get("published")
    if published is not None:
        kwargs["published"] = _edtf(
            PartialDate.parse, published, _join(path, "published"), problems, "date"
        )
        if kwargs["published"] is None:
            failed.add("published")
    return _build(Source, kwargs, path, problems, failed)


def decode_actor(d: Any, path: str, problems: Problems) -> Actor | None:
    """Decode an actor; its identifiers are an object mapping schemes to values."""
    failed: set[str] = set()
    d = _open(d, KEYS[Actor], path, problems, failed)
    if d is None:
        return None
    kwargs = dict(d)
    _identifiers(d, kwargs, path, problems, failed)
    kwargs["evidence"] = _evidence(d, path, problems, failed)
    return _build(Actor, kwargs, path, problems, failed)


def _identifiers(
    d: dict[str, Any], kwargs: dict[str, Any], path: str, problems: Problems, failed: set[str]
) -> None:
    """Check that ``identifiers``, when present, is a JSON object repeating no key.

    The model checks its entries.
    """
    if "identifiers" not in d:
        return
    value = d["identifiers"]
    repeated = repeated_key(value)
    if repeated is not None:
        problems.append(
            Problem(path=_join(path, "identifiers"), message="repeats a key", value=repeated)
        )
    elif type(value) is not dict:
        problems.append(
            Problem(
                path=_join(path, "identifiers"),
                message="must be an object mapping schemes to identifiers",
                value=json_type(value),
            )
        )
    else:
        return
    failed.add("identifiers")
    kwargs["identifiers"] = ()


def decode_membership(d: Any, path: str, problems: Problems) -> Membership | None:
    """Decode a membership."""
    failed: set[str] = set()
    d = _open(d, KEYS[Membership], path, problems, failed)
    if d is None:
        return None
    kwargs = dict(d)
    kwargs["when"] = _span(d.get("when"), _join(path, "when"), problems, failed, "when")
    kwargs["evidence"] = _evidence(d, path, problems, failed)
    return _build(Membership, kwargs, path, problems, failed)


def decode_place(d: Any, path: str, problems: Problems) -> Place | None:
    """Decode a place."""
    failed: set[str] = set()
    d = _open(d, KEYS[Place], path, problems, failed)
    if d is None:
        return None
    kwargs = dict(d)
    _identifiers(d, kwargs, path, problems, failed)
    if "names" in d:
        kwargs["names"] = _array(
            d["names"],
            _join(path, "names"),
            problems,
            decode_place_name,
            failed=failed,
            key="names",
        )
    if d.get("point") is not None:
        kwargs["point"] = decode_point(d["point"], _join(path, "point"), problems)
        if kwargs["point"] is None:
            failed.add("point")
    kwargs["evidence"] = _evidence(d, path, problems, failed)
    return _build(Place, kwargs, path, problems, failed)


def decode_event(d: Any, path: str, problems: Problems) -> Event | None:
    """Decode an event of the kind its ``kind`` key names."""
    if not isinstance(d, dict):
        problems.append(
            Problem(path=path, message="must be an object (an event)", value=json_type(d))
        )
        return None
    if "kind" not in d:
        problems.append(Problem(path=path, message="misses a required key", value="kind"))
        return None
    kind = d["kind"]
    cls = _EVENT_BY_KIND.get(kind) if type(kind) is str else None
    if cls is None:
        problems.append(
            Problem(path=_join(path, "kind"), message=f"must be one of {_KINDS}", value=kind)
        )
        return None
    return _decode_kind(cls, d, path, problems)


def _decode_kind(cls: type[Event], d: Any, path: str, problems: Problems) -> Event | None:
    failed: set[str] = set()
    d = _open(d, KEYS[cls], path, problems, failed)
    if d is None:
        return None
    kwargs = dict(d)
    del kwargs["kind"]
    kwargs["participants"] = _array(
        d["participants"],
        _join(path, "participants"),
        problems,
        decode_participant,
        failed=failed,
        key="participants",
    )
    kwargs["when"] = _span(d["when"], _join(path, "when"), problems, failed, "when")
    kwargs["evidence"] = _evidence(d, path, problems, failed)
    if "relations" in d:
        kwargs["relations"] = _array(
            d["relations"],
            _join(path, "relations"),
            problems,
            decode_relation,
            failed=failed,
            key="relations",
        )
    if "codes" in d:
        kwargs["codes"] = _array(
            d["codes"], _join(path, "codes"), problems, decode_code, failed=failed, key="codes"
        )
    return _build(cls, kwargs, path, problems, failed)


def _decode_as(cls: type[Event]) -> Decoder:
    def decode(d: Any, path: str, problems: Problems) -> Event | None:
        event = decode_event(d, path, problems)
        if event is not None and type(event) is not cls:
            problems.append(
                Problem(
                    path=_join(path, "kind"),
                    message=f"must be {cls.kind.value!r}",
                    value=event.kind.value,
                )
            )
            return None
        return event

    return decode


DECODERS: dict[type, Decoder] = {
    Source: decode_source,
    Evidence: decode_evidence,
    Actor: decode_actor,
    Membership: decode_membership,
    GeoPoint: decode_point,
    PlaceName: decode_place_name,
    Place: decode_place,
    Participant: decode_participant,
    Relation: decode_relation,
    EventCode: decode_code,
    Event: decode_event,
    Meeting: _decode_as(Meeting),
    Visit: _decode_as(Visit),
    Agreement: _decode_as(Agreement),
    Dispute: _decode_as(Dispute),
    Statement: _decode_as(Statement),
    Incident: _decode_as(Incident),
}
"""The decoder of each record type; `Event` decodes any kind, a kind class only its own."""

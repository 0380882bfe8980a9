"""JSON Schema (draft 2020-12) of the format, generated from the model's fields and types.

Field names, which keys are required (the fields without a default) and each
value's JSON type come from the attrs classes and their type hints, so the
schema follows the model. What a JSON Schema cannot say (an evidence quote's
length, references between records, a bilateral meeting's two sides) only the
loader checks: every document the schema rejects, the loader rejects too.
"""

from __future__ import annotations

import enum
import types
import typing
from typing import Any

import attrs

from .._checks import MAX_ID_LENGTH
from .._iso3166 import ALPHA3
from ..model import (
    EVENT_CLASSES,
    Actor,
    EventCode,
    Evidence,
    GeoPoint,
    Membership,
    PartialDate,
    Participant,
    Place,
    PlaceName,
    Relation,
    Source,
    TimeSpan,
)
from ._document import COLLECTIONS
from ._migrate import FORMAT_NAME, FORMAT_VERSION

__all__ = ["json_schema"]

Schema = dict[str, Any]

_DATE = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[?~%]?"
_ID_FIELDS = frozenset(
    {
        "id",
        "source",
        "actor",
        "on_behalf_of",
        "target",
        "place",
        "part_of",
        "person",
        "organization",
    }
)
_ID_LISTS = frozenset(
    {"topics", "sources", "used_by", "claimed_by", "administered_by", "subject_places"}
)
_UNIQUE_LISTS = _ID_LISTS | {"aliases"}
_NON_EMPTY = frozenset({"quote", "prefix", "suffix"})
_RECORDS: tuple[type, ...] = (
    Source,
    Evidence,
    Actor,
    Membership,
    GeoPoint,
    PlaceName,
    Place,
    Participant,
    Relation,
    EventCode,
)
_DEGREES = {"latitude": 90, "longitude": 180}
_CODE_PATTERNS = {"cameo": "^[0-9]{2,4}$", "plover": "^[A-Z]+$"}


def _name(cls: type) -> str:
    """The ``$defs`` name of a record type: ``PlaceName`` -> ``place_name``."""
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in cls.__name__).lstrip("_")


def _ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _shared_defs() -> dict[str, Schema]:
    return {
        "id": {
            "type": "string",
            "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
            "maxLength": MAX_ID_LENGTH,
            "description": "A slug: lower-case letters and digits in words joined by '-'.",
        },
        "text": {"type": "string", "pattern": r"\S", "description": "Non-blank text."},
        "country": {
            "enum": sorted(ALPHA3),
            "description": "An ISO 3166-1 alpha-3 country code.",
        },
        "lang": {"type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$"},
        "edtf_date": {
            "type": "string",
            "pattern": f"^{_DATE}$",
            "description": "An EDTF date (levels 0-1): YYYY, YYYY-MM or YYYY-MM-DD, then ?, ~ or %",
        },
        "edtf_span": {
            "type": "string",
            "pattern": rf"^({_DATE}|({_DATE}|\.\.|)/({_DATE}|\.\.|))$",
            "description": "An EDTF date or interval: '2018-01-27/2018-01-28', '2012/..', '/2018'.",
        },
    }


def _value(field: str, hint: Any) -> Schema:
    """The schema of one field's value, from its name and type hint."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = (a for a in args if a is not type(None))
        return {"anyOf": [_value(field, inner), {"type": "null"}]}
    if origin is tuple:
        if field == "identifiers":
            return {
                "type": "object",
                "propertyNames": {"pattern": "^[a-z][a-z0-9_]*$"},
                "properties": {
                    "wikidata": {"type": "string", "pattern": "^Q[1-9][0-9]*$"},
                    "geonames": {"type": "string", "pattern": "^[1-9][0-9]*$"},
                },
                "additionalProperties": _ref("text"),
            }
        schema: Schema = {"type": "array", "items": _value(field, args[0])}
        if field in _UNIQUE_LISTS:
            schema["uniqueItems"] = True
        if field == "participants":
            schema["minItems"] = 1
        return schema
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {"enum": [m.value for m in hint]}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer", "minimum": 0}
    if hint is float:
        limit = _DEGREES[field]
        return {"type": "number", "minimum": -limit, "maximum": limit}
    if hint in (TimeSpan, PartialDate):
        return _ref("edtf_span" if hint is TimeSpan else "edtf_date")
    if isinstance(hint, type) and attrs.has(hint):
        return _ref(_name(hint))
    return _string(field)


def _string(field: str) -> Schema:
    if field in _ID_FIELDS or field in _ID_LISTS:
        return _ref("id")
    if field == "country":
        return _ref("country")
    if field in {"lang", "language"}:
        return _ref("lang")
    if field == "url":
        return {"type": "string", "pattern": "^https?://[^ ]*$"}
    if field == "feature":
        return {"type": "string", "pattern": "^[A-Z][A-Z0-9]{1,9}$"}
    if field in _NON_EMPTY:
        return {"type": "string", "minLength": 1}
    if field == "text":  # a source's text is verbatim: any string, blank included
        return {"type": "string"}
    return _ref("text")


def _record(cls: type, extra: dict[str, Schema] | None = None) -> Schema:
    """The object schema of a record type, with `extra` leading properties (tags)."""
    hints = typing.get_type_hints(cls)
    properties: dict[str, Schema] = dict(extra or {})
    required = list(properties)
    for f in attrs.fields(cls):
        properties[f.name] = _value(f.name, hints[f.name])
        if f.default is attrs.NOTHING:
            required.append(f.name)
    schema: Schema = {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    if cls is EventCode:
        schema["oneOf"] = [
            {"properties": {"scheme": {"const": s}, "code": {"pattern": p}}}
            for s, p in _CODE_PATTERNS.items()
        ]
    return schema


def _event_defs(tag: dict[str, Schema] | None = None, prefix: str = "") -> dict[str, Schema]:
    return {
        f"{prefix}{c.kind.value}": _record(c, {**(tag or {}), "kind": {"const": c.kind.value}})
        for c in EVENT_CLASSES
    }


def _draft_evidence(full: Schema) -> Schema:
    """Evidence in a draft: with offsets as usual, or a quote to be placed by ``anchor``."""
    text = _string("quote")
    quote: Schema = {
        "type": "object",
        "description": "A quote without offsets; diplo-events anchor places it in the source text.",
        "properties": {
            "source": _ref("id"),
            "quote": text,
            "occurrence": {"type": "integer", "minimum": 1},
            "prefix": text,
            "suffix": text,
        },
        "required": ["quote"],
        "additionalProperties": False,
    }
    return {"oneOf": [full, quote]}


def json_schema(*, format: str = "json", draft: bool = False) -> dict[str, Any]:  # noqa: A002
    """The JSON Schema (draft 2020-12) of a JSON document, or of one JSON Lines line.

    Args:
        format: ``"json"`` for a whole document, ``"jsonl"`` for one line of
            JSON Lines (the header or a record tagged with ``type``).
        draft: The schema of a draft instead (see `diplo_events.anchor`):
            any evidence span may give only ``quote``, with ``occurrence``
            (from 1), ``prefix``, ``suffix`` and ``source`` optional.

    Returns:
        A new dict each call, ready for ``json.dumps`` or a validator.

    Raises:
        ValueError: `format` is neither (a `ValidationError`).
    """
    from ..errors import ValidationError  # noqa: PLC0415 - keep the import graph flat

    defs: dict[str, Schema] = _shared_defs()
    defs.update({_name(c): _record(c) for c in _RECORDS})
    if draft:
        defs["evidence"] = _draft_evidence(defs["evidence"])
    kind = "draft" if draft else "document"
    defs.update(_event_defs())
    defs["event"] = {"oneOf": [_ref(c.kind.value) for c in EVENT_CLASSES]}
    header: dict[str, Schema] = {
        "format": {"const": FORMAT_NAME},
        "version": {"const": FORMAT_VERSION},
    }
    base: Schema = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    if format == "json":
        properties: dict[str, Schema] = dict(header)
        for name, cls, _, _ in COLLECTIONS:
            properties[name] = {"type": "array", "items": _ref(_name(cls))}
        return {
            **base,
            "title": f"diplo-events {kind}, format version {FORMAT_VERSION}",
            "type": "object",
            "properties": properties,
            "required": list(properties),
            "additionalProperties": False,
            "$defs": defs,
        }
    if format == "jsonl":
        lines: list[Schema] = [
            {
                "type": "object",
                "properties": header,
                "required": list(header),
                "additionalProperties": False,
            }
        ]
        for name, cls, _, _ in COLLECTIONS:
            tag = {"type": {"const": name[:-1]}}
            if name == "events":
                event_lines = _event_defs(tag, prefix="line_")
                defs.update(event_lines)
                lines.extend(_ref(key) for key in event_lines)
            else:
                defs[f"line_{name[:-1]}"] = _record(cls, tag)
                lines.append(_ref(f"line_{name[:-1]}"))
        return {
            **base,
            "title": f"one line of diplo-events JSON Lines{' (a draft)' if draft else ''}, "
            f"format version {FORMAT_VERSION}",
            "oneOf": lines,
            "$defs": defs,
        }
    raise ValidationError.one("format", "must be 'json' or 'jsonl'", format)

"""A whole dataset as one JSON document, and back.

The document is one object: the format marker and version, then the five
collections, each an array of records in the dataset's order::

    {"format": "diplo-events", "version": 1, "sources": [...], "actors": [...],
     "memberships": [...], "places": [...], "events": [...]}

Decoding collects every problem of every record with its path
(``events[3].participants[1].actor``) and raises them together; only a
document whose records all decode is checked as a `Dataset`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..dataset import Dataset
from ..errors import DecodeError, Problem
from ..model import Actor, Event, Membership, Place, Source
from ._decode import (
    Keys,
    check_object,
    decode_actor,
    decode_event,
    decode_membership,
    decode_place,
    decode_source,
    json_type,
)
from ._encode import encode_actor, encode_event, encode_membership, encode_place, encode_source
from ._fast import FastDecoder
from ._jsonlib import orjson_agrees
from ._migrate import FORMAT_NAME, FORMAT_VERSION, check_header

__all__ = [
    "COLLECTIONS",
    "DOCUMENT_KEYS",
    "from_document",
    "needs_standard_library",
    "to_document",
]


COLLECTIONS: tuple[tuple[str, type, Callable[..., Any], Callable[..., Any]], ...] = (
    ("sources", Source, encode_source, decode_source),
    ("actors", Actor, encode_actor, decode_actor),
    ("memberships", Membership, encode_membership, decode_membership),
    ("places", Place, encode_place, decode_place),
    ("events", Event, encode_event, decode_event),
)
"""Each collection: its key, record type, encoder and decoder, in document order."""

_NAMES = tuple(name for name, *_ in COLLECTIONS)

DOCUMENT_KEYS = Keys(
    name="a diplo-events document",
    allowed=frozenset(("format", "version", *_NAMES)),
    required=("format", "version", *_NAMES),
)
"""The keys of a document: all of them are required."""


def records_of(ds: Dataset) -> tuple[tuple[Any, ...], ...]:
    """The dataset's five collections as tuples, in document order."""
    return (
        tuple(ds.sources.values()),
        tuple(ds.actors.values()),
        ds.memberships,
        tuple(ds.places.values()),
        tuple(ds.events.values()),
    )


def needs_standard_library(ds: Dataset) -> bool:
    """Whether a place's coordinates must be written by the standard library, not `orjson`.

    Coordinates are the format's only floats; see `orjson_agrees`.
    """
    return not all(
        orjson_agrees(place.point.latitude) and orjson_agrees(place.point.longitude)
        for place in ds.places.values()
        if place.point is not None
    )


def to_document(ds: Dataset) -> dict[str, Any]:
    """The JSON-ready document of a dataset."""
    document: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    for (name, _, encode, _), records in zip(COLLECTIONS, records_of(ds), strict=True):
        document[name] = [encode(r) for r in records]
    return document


def from_document(value: Any, *, plain: bool = False) -> Dataset:
    """Decode a parsed document into a validated `Dataset`.

    `plain` says the value comes from `parse_clean` with no repeated key, so
    records may take the fast path.

    Raises:
        UnsupportedFormatVersionError: the document is of a newer format version.
        DecodeError: the document is malformed; every problem is listed with its path.
        ValidationError: the records decode but do not form a valid dataset.
    """
    check_header(value, "")
    problems: list[Problem] = []
    if not check_object(value, DOCUMENT_KEYS, "", problems):
        raise DecodeError(problems)
    collections: dict[str, list[Any]] = {}
    decode = FastDecoder().decode
    for name, cls, _, _ in COLLECTIONS:
        items = value[name]
        if type(items) is not list:
            problems.append(Problem(path=name, message="must be an array", value=json_type(items)))
            continue
        collections[name] = [
            decode(cls, item, f"{name}[{i}]", problems, plain=plain) for i, item in enumerate(items)
        ]
    if problems:
        raise DecodeError(problems)
    return Dataset(**collections)

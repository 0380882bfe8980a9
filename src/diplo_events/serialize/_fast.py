"""The fast path of decoding: build records straight from parsed JSON, checking nothing twice.

Parsed JSON holds only dicts, lists, strings, numbers, booleans and None, so
most of the strictness comes for free: an unknown or missing key makes the
record's ``__init__`` raise `TypeError`, and the records' own validation
rejects wrong types, since no converter turns a string, a number or an object
into anything else. What remains is checked here: arrays are lists, spans and
dates are ASCII EDTF strings. Any exception sends the value down the slow path
(`_decode`), which finds and reports every problem with its path; the fast path
never accepts a value the slow path would reject. It runs only on values from
our parser without repeated keys (see `parse_clean`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import Problem
from ..model import (
    EVENT_CLASSES,
    Actor,
    Event,
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
from ._decode import DECODERS

__all__ = ["FastDecoder"]

_EVENT_BY_KIND: dict[object, type[Event]] = {c.kind.value: c for c in EVENT_CLASSES}
_parse_span = TimeSpan.parse
_parse_date = PartialDate.parse


class _Slow(Exception):  # noqa: N818 - a signal, not an error
    """The value needs the slow path."""


_MAX_SHARED = 200_000

_ABSENT = object()
"""A key the object does not have."""


# The keys of shared records. Equal keys mean the same keys present (absent ones are
# `_ABSENT`) with equal values, and the length rules out any other key: so an object
# that hits the table is one the constructor accepted. Five `get`s are about three
# times cheaper than ``tuple(item.items())``.


def _participant_key(item: dict[str, Any]) -> tuple[object, ...]:
    get = item.get
    return (
        get("actor", _ABSENT),
        get("role", _ABSENT),
        get("title", _ABSENT),
        get("on_behalf_of", _ABSENT),
        len(item),
    )


def _code_key(item: dict[str, Any]) -> tuple[object, ...]:
    get = item.get
    return (get("scheme", _ABSENT), get("code", _ABSENT), len(item))


def _records(value: object, cls: Callable[..., Any]) -> tuple[Any, ...]:
    if type(value) is not list:
        raise _Slow
    return tuple([cls(**item) for item in value])


_STRING_ARRAYS = frozenset({"topics", "sources", "terms", "subject_places"})


def _tuples(kw: dict[str, Any]) -> None:
    """Turn the event's arrays of strings into tuples (the model's converter is slower)."""
    for key in _STRING_ARRAYS.intersection(kw):
        value = kw[key]
        if type(value) is list:
            kw[key] = tuple(value)


def _source(d: dict[str, Any]) -> Source:
    published = d.get("published")
    if published is None:
        return Source(**d)
    if type(published) is not str or not published.isascii():
        raise _Slow
    return Source(**{**d, "published": _parse_date(published)})


def _actor(d: dict[str, Any]) -> Actor:
    if "identifiers" in d and type(d["identifiers"]) is not dict:
        raise _Slow
    if "evidence" in d:
        return Actor(**{**d, "evidence": _records(d["evidence"], Evidence)})
    return Actor(**d)


def _place(d: dict[str, Any]) -> Place:
    if "identifiers" in d and type(d["identifiers"]) is not dict:
        raise _Slow
    kw = dict(d)
    if "names" in kw:
        kw["names"] = _records(kw["names"], PlaceName)
    if "evidence" in kw:
        kw["evidence"] = _records(kw["evidence"], Evidence)
    point = kw.get("point")
    if point is not None:
        if type(point) is not dict:
            raise _Slow
        kw["point"] = GeoPoint(**point)
    return Place(**kw)


_FAST: dict[type, Callable[[dict[str, Any]], Any]] = {Source: _source, Actor: _actor, Place: _place}


class FastDecoder:
    """Decodes parsed records, sharing equal immutable values between them.

    Records are frozen, so equal participants, event codes and time spans can
    be one object: loading then builds fewer objects and holds less memory (a
    minister at a thousand meetings is one `Participant`); so are equal source
    ids and evidence offsets. Each load uses its
    own decoder; a table that grows past `_MAX_SHARED` entries starts afresh,
    so reading a stream stays within bounded memory.
    """

    __slots__ = ("_codes", "_ints", "_participants", "_spans", "_strings")

    def __init__(self) -> None:
        self._participants: dict[tuple[object, ...], Participant] = {}
        self._codes: dict[tuple[object, ...], EventCode] = {}
        self._spans: dict[str, TimeSpan] = {}
        self._strings: dict[str, str] = {}
        self._ints: dict[int, int] = {}

    @staticmethod
    def _shared(
        value: object,
        table: dict[Any, Any],
        cls: Callable[..., Any],
        key_of: Callable[[dict[str, Any]], tuple[object, ...]],
    ) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _Slow
        out = []
        for item in value:
            key = key_of(item)
            record = table.get(key)
            if record is None:
                if len(table) > _MAX_SHARED:
                    table.clear()
                record = table[key] = cls(**item)
            out.append(record)
        return tuple(out)

    def _span(self, value: object) -> TimeSpan:
        if type(value) is not str or not value.isascii():
            raise _Slow
        span = self._spans.get(value)
        if span is None:
            if len(self._spans) > _MAX_SHARED:
                self._spans.clear()
            span = self._spans[value] = _parse_span(value)
        return span

    def _evidence(self, value: object) -> tuple[Evidence, ...]:
        if type(value) is not list:
            raise _Slow
        strings, ints = self._strings, self._ints
        if len(strings) > _MAX_SHARED:
            strings.clear()
        if len(ints) > _MAX_SHARED:
            ints.clear()
        out = []
        for item in value:
            # Equal values, shared: harmless if the slow path runs after all. Offsets
            # above 256 are not cached by CPython, and spans into one text repeat them.
            source, start, end = item["source"], item.get("start"), item.get("end")
            if type(source) is str:
                item["source"] = strings.setdefault(source, source)
            if type(start) is int:
                item["start"] = ints.setdefault(start, start)
            if type(end) is int:
                item["end"] = ints.setdefault(end, end)
            out.append(Evidence(**item))
        return tuple(out)

    def _event(self, d: dict[str, Any]) -> Event:
        kw = dict(d)
        cls = _EVENT_BY_KIND[kw.pop("kind")]
        kw["participants"] = self._shared(
            kw["participants"], self._participants, Participant, _participant_key
        )
        kw["when"] = self._span(kw["when"])
        if "evidence" in kw:
            kw["evidence"] = self._evidence(kw["evidence"])
        if "relations" in kw:
            kw["relations"] = _records(kw["relations"], Relation)
        if "codes" in kw:
            kw["codes"] = self._shared(kw["codes"], self._codes, EventCode, _code_key)
        _tuples(kw)
        return cls(**kw)

    def _membership(self, d: dict[str, Any]) -> Membership:
        kw = dict(d)
        if kw.get("when") is not None:
            kw["when"] = self._span(kw["when"])
        if "evidence" in kw:
            kw["evidence"] = self._evidence(kw["evidence"])
        return Membership(**kw)

    def decode(
        self, cls: type, value: Any, path: str, problems: list[Problem], *, plain: bool
    ) -> Any:
        """Decode a parsed top-level record (`Source`, `Actor`, `Membership`, `Place`, `Event`).

        Args:
            cls: The record type expected (`Event` for any kind).
            value: The parsed JSON value.
            path: Where the value is, for problems.
            problems: Where problems are appended.
            plain: Whether the value came from `parse_clean` with no repeated key.

        Returns:
            The record, or None after appending its problems.
        """
        if plain and type(value) is dict:
            try:
                if cls is Event:
                    return self._event(value)
                if cls is Membership:
                    return self._membership(value)
                return _FAST[cls](value)
            except (_Slow, TypeError, KeyError, ValueError, AttributeError):
                pass
        return DECODERS[cls](value, path, problems)

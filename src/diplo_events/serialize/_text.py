r"""Events straight to canonical JSON Lines text, without building dicts.

Writing JSON Lines with the standard library spent most of its time building
the dict of each event (`encode_event`) and walking it in `json`'s C encoder.
`event_line` writes the same text directly: the same keys in the same order,
defaults left out, strings quoted by ``json.encoder.encode_basestring`` (the
function `json` itself uses with ``ensure_ascii=False``, so the escapes are
the same) and integers by their ``repr`` (`Evidence` offsets are exactly
``int``, which `json` writes the same way). The fields of each kind's own come
from `KIND_FIELDS`, the dict encoder's own functions. Allocating no dict or
list per field also leaves the garbage collector less to do.

A property test checks ``event_line(e)`` against `json`'s compact text of
``{"type": "event", **encode_event(e)}`` for generated events, escapes and
control characters included. With `orjson` the dicts are faster, so that path
keeps them.
"""

from __future__ import annotations

from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any, TypeVar

from ..model import Event, EventCode, Evidence, Participant, Relation
from ._encode import KIND_FIELDS
from ._jsonlib import encode_text

__all__ = ["event_line"]

T = TypeVar("T")

_q = encode_basestring
"""A str as a JSON string, quotes included, non-ASCII kept, as ``json.dumps`` writes it."""


def _string(key: str, value: str | None) -> str:
    """The member ``,"key":"value"``, or nothing for None (a default is left out)."""
    return "" if value is None else f',"{key}":{_q(value)}'


def _strings(key: str, values: tuple[str, ...]) -> str:
    """The member ``,"key":["a","b"]``, or nothing for an empty tuple."""
    return f',"{key}":[{",".join(map(_q, values))}]' if values else ""


def _records(key: str, values: tuple[T, ...], write: Callable[[T], str]) -> str:
    """The member ``,"key":[{...},{...}]``, each record written by `write`; nothing for ``()``."""
    return f',"{key}":[{",".join(map(write, values))}]' if values else ""


def _participant(p: Participant) -> str:
    return (
        f'{{"actor":{_q(p.actor)},"role":{_q(p.role._value_)}'
        f"{_string('title', p.title)}{_string('on_behalf_of', p.on_behalf_of)}}}"
    )


def _evidence(e: Evidence) -> str:
    return (
        f'{{"source":{_q(e.source)},"start":{e.start!r},"end":{e.end!r},"quote":{_q(e.quote)}'
        f"{_string('prefix', e.prefix)}{_string('suffix', e.suffix)}}}"
    )


def _relation(r: Relation) -> str:
    return f'{{"kind":{_q(r.kind._value_)},"target":{_q(r.target)}}}'


def _code(c: EventCode) -> str:
    return f'{{"scheme":{_q(c.scheme._value_)},"code":{_q(c.code)}}}'


def _kind_members(e: Event) -> str:
    """The members of the fields of the event's own kind, from the dict `KIND_FIELDS` gives."""
    own: dict[str, Any] = {}
    KIND_FIELDS[type(e)](e, own)
    return "".join(
        [
            f",{_q(key)}:{_q(v) if type(v) is str else encode_text(v, standard=True)}"
            for key, v in own.items()
        ]
    )


def event_line(e: Event) -> str:
    r"""The JSON Lines line of an event, ``{"type":"event","kind":...}`` and ``\n``."""
    return (
        f'{{"type":"event","kind":{_q(e.kind._value_)},"id":{_q(e.id)},'
        f'"summary":{_q(e.summary)},"participants":[{",".join(map(_participant, e.participants))}],'
        f'"when":{_q(str(e.when))},"status":{_q(e.status._value_)}{_string("place", e.place)}'
        f"{_strings('topics', e.topics)}{_records('evidence', e.evidence, _evidence)}"
        f"{_strings('sources', e.sources)}{_string('part_of', e.part_of)}"
        f"{_records('relations', e.relations, _relation)}{_records('codes', e.codes, _code)}"
        f"{_string('note', e.note)}{_kind_members(e)}}}\n"
    )

"""The record-level API: `to_dict` and `from_dict` for every record type and for a `Dataset`."""

from __future__ import annotations

from typing import Any, TypeVar, overload

from ..dataset import Dataset
from ..errors import DecodeError, Problem, ValidationError
from ._decode import DECODERS
from ._document import from_document, to_document
from ._encode import ENCODERS

__all__ = ["from_dict", "to_dict"]

T = TypeVar("T")

_TYPE_NAMES = ", ".join(sorted(c.__name__ for c in (*ENCODERS, Dataset)))


def to_dict(record: object) -> dict[str, Any]:
    """The JSON-ready dict of a record (`Actor`, `Meeting`, `Evidence`, ...) or a whole `Dataset`.

    The result holds only dicts, lists, strings, integers and booleans, with
    keys in a stable order and default values left out::

        >>> from diplo_events import Relation
        >>> to_dict(Relation(kind="follows_up", target="ev-1"))
        {'kind': 'follows_up', 'target': 'ev-1'}

    Raises:
        ValidationError: `record` is not a diplo_events record or dataset.
    """
    if isinstance(record, Dataset):
        return to_document(record)
    encode = ENCODERS.get(type(record))
    if encode is None:
        raise ValidationError.one("", f"must be a record ({_TYPE_NAMES})", type(record).__name__)
    return encode(record)


@overload
def from_dict(data: Any, cls: type[Dataset]) -> Dataset: ...


@overload
def from_dict(data: Any, cls: type[T]) -> T: ...


def from_dict(data: Any, cls: type[Any]) -> Any:
    """Decode a JSON-ready dict into a record of type `cls`, strictly.

    `cls` is a record type; `Event` accepts any kind (the ``kind`` key
    decides), `Meeting` only a meeting; `Dataset` takes a whole document.
    `data` is not modified.

        >>> from diplo_events import Relation
        >>> from_dict({"kind": "follows_up", "target": "ev-1"}, Relation)
        Relation(kind=<RelationKind.FOLLOWS_UP: 'follows_up'>, target='ev-1')

    Raises:
        DecodeError: `data` does not decode; every problem is listed with its
            path relative to the record (``participants[1].actor``).
        ValidationError: `cls` is not a record type, or (for a `Dataset`) the
            records do not form a valid dataset.
    """
    if cls is Dataset:
        return from_document(data)
    decode = DECODERS.get(cls)
    if decode is None:
        raise ValidationError.one("cls", f"must be a record type ({_TYPE_NAMES})", cls)
    problems: list[Problem] = []
    record = decode(data, "", problems)
    if record is None:
        raise DecodeError(problems)
    return record

"""Records to Arrow tables and back, through the JSON codec, so nothing is lost either way.

A row is a record's JSON object (`diplo_events.serialize.to_dict`) with nulls
for absent keys, an identifiers object as a list of ``{scheme, value}``
structs, and the derived columns of `_schema.TABLES` added. Reading strips the
nulls and the derived columns and hands the object to the same strict decoder
that JSON goes through, so a row that would not decode from JSON does not
decode from Parquet either, and its problems carry the same paths.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import Problem, ValidationError
from ..model import Event, TimeSpan
from ..serialize._document import COLLECTIONS
from ..serialize._fast import FastDecoder
from ._schema import TABLES, arrow_schema, pyarrow

__all__ = ["DERIVED", "batch_records", "record_rows", "stored_columns", "to_table"]

DERIVED = frozenset({"position", "earliest", "latest", "latest_start", "earliest_end", "year"})
"""Columns computed on write and ignored on read (``year`` is the partition column)."""

_ENCODE = {name: encode for name, _, encode, _ in COLLECTIONS}
_CLASS = {name: cls for name, cls, _, _ in COLLECTIONS}
_WITH_IDENTIFIERS = frozenset({"actors", "places"})
_NO_BOUNDS = {"earliest": None, "latest": None, "latest_start": None, "earliest_end": None}


@functools.lru_cache(maxsize=65536)  # a corpus repeats its spans; parsed spans are shared
def _bounds(span: TimeSpan | None) -> dict[str, Any]:
    if span is None:
        return _NO_BOUNDS
    return {
        "earliest": span.earliest,
        "latest": span.latest,
        "latest_start": span.latest_start,
        "earliest_end": span.earliest_end,
    }


def record_rows(name: str, records: Iterable[Any], *, start: int = 0) -> Iterator[dict[str, Any]]:
    """The rows of `records` of collection `name`; events are numbered from `start`."""
    encode = _ENCODE[name]
    columns = frozenset(stored_columns(name))
    for i, record in enumerate(records, start):
        row = encode(record)
        if not columns.issuperset(row):  # a new model field the schema lacks: never drop it
            extra = sorted(set(row) - columns)
            raise ValidationError.one(
                f"{name}[{i}]", "has keys the Arrow schema lacks (see columnar/_schema.py)", extra
            )
        if name in _WITH_IDENTIFIERS and "identifiers" in row:
            row["identifiers"] = [{"scheme": k, "value": v} for k, v in row["identifiers"].items()]
        if name == "events":
            row["position"] = i
            row.update(_bounds(record.when))
        elif name == "memberships":
            row.update(_bounds(record.when))
        yield row


def to_table(name: str, records: Iterable[Any], *, start: int = 0) -> Any:
    """The `pyarrow.Table` of `records` of collection `name` (see `_schema.TABLES`)."""
    rows = list(record_rows(name, records, start=start))
    return pyarrow().Table.from_pylist(rows, schema=arrow_schema(name))


def _strip(value: Any) -> Any:
    """Drop the null members of structs (an absent key), recursively."""
    if type(value) is list:
        return [_strip(v) for v in value]
    if type(value) is dict:
        return {k: _strip(v) for k, v in value.items() if v is not None}
    return value


def _identifiers(value: Any, path: str, problems: list[Problem]) -> Any:
    """A list of ``{scheme, value}`` structs back to the JSON object, or None after a problem."""
    out: dict[Any, Any] = {}
    for i, item in enumerate(value):
        scheme = item.get("scheme")
        if type(scheme) is not str or scheme in out:
            problems.append(
                Problem(
                    path=f"{path}.identifiers[{i}].scheme",
                    message="must be a scheme name not used before in the list",
                    value=scheme,
                )
            )
            return None
        out[scheme] = item.get("value")
    return out


def batch_records(
    name: str, rows: Iterable[dict[str, Any]], problems: list[Problem], *, start: int = 0
) -> list[tuple[str, Any]]:
    """Decode table rows of collection `name` into ``(path, record)`` pairs.

    A row that does not decode adds its problems (under ``name[i]``, `i`
    counting from `start`, or the row's ``position`` for events) and is left out.
    """
    cls = _CLASS[name]
    decode = FastDecoder().decode
    out = []
    for i, row in enumerate(rows, start):
        index = row.get("position", i) if cls is Event else i
        path = f"{name}[{index}]"
        item = {k: v for k, v in row.items() if v is not None and k not in DERIVED}
        if "names" in item:  # a place name's used_by is a list, which may not be null
            item["names"] = _strip(item["names"])
        if "identifiers" in item:
            item["identifiers"] = _identifiers(item["identifiers"], path, problems)
            if item["identifiers"] is None:
                continue
        record = decode(cls, item, path, problems, plain=True)
        if record is not None:
            out.append((path, record))
    return out


def stored_columns(name: str) -> list[str]:
    """The columns of table `name` that are read back (not derived; events keep ``position``)."""
    keep = DERIVED - {"position"}
    return [column for column, _, _ in TABLES[name] if column not in keep]

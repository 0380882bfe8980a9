"""Arrow tables and Parquet files of events and dyads, written in batches.

Needs pyarrow (``pip install 'diplo-events[arrow]'``), imported on first use;
without it the functions raise `MissingDependencyError`. Every function takes a
`Dataset` or any iterable of records (such as `diplo_events.iter_records`
yields) and converts `batch_size` events at a time, so `write_parquet` works
on datasets larger than memory.

Two tables: ``"events"`` (one row per event: common fields, kind-specific
fields as nullable columns, participants, codes and evidence as lists of
structs, and the derived CAMEO code, QuadClass, Goldstein value and PLOVER
type) and ``"dyads"`` (the rows of `diplo_events.interop.dyads`).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal

from .. import codes
from .._files import atomic_path
from .._optional import optional
from ..dataset import Dataset
from ..errors import MissingDependencyError, ValidationError
from ..model import Actor, Event
from ._records import events_of
from .dyads import DYAD_COLUMNS, _precision, _rows

__all__ = [
    "MissingDependencyError",
    "arrow_schema",
    "iter_batches",
    "to_arrow",
    "write_parquet",
]

Table = Literal["events", "dyads"]

_KIND_FIELDS = (
    "format", "setting", "reciprocal", "stage", "terms", "subject", "state",
    "subject_places", "stance", "category",
)  # fmt: skip
_BOOL_FIELDS = frozenset({"reciprocal"})
_LIST_FIELDS = frozenset({"terms", "subject_places"})


def _pa() -> Any:
    return optional("pyarrow", "arrow", "Arrow and Parquet export")


def arrow_schema(table: Table = "events") -> Any:
    """The `pyarrow.Schema` of the ``"events"`` or ``"dyads"`` table."""
    pa = _pa()
    s, i64 = pa.string(), pa.int64()
    if table == "dyads":
        types = {"date_start": pa.date32(), "date_end": pa.date32(), "quad_class": pa.int8()}
        types["goldstein"] = pa.float64()
        return pa.schema([(c, types.get(c, s)) for c in DYAD_COLUMNS])
    if table != "events":
        raise ValidationError.one("table", "must be one of 'events', 'dyads'", table)
    participant = pa.struct([("actor", s), ("role", s), ("title", s), ("on_behalf_of", s)])
    evidence = pa.struct(
        [("source", s), ("start", i64), ("end", i64), ("quote", s), ("prefix", s), ("suffix", s)]
    )
    fields = [
        ("id", s), ("kind", s), ("summary", s), ("when", s), ("date_start", pa.date32()),
        ("date_end", pa.date32()), ("precision", s), ("status", s), ("place", s),
        ("participants", pa.list_(participant)), ("topics", pa.list_(s)),
        ("codes", pa.list_(pa.struct([("scheme", s), ("code", s)]))),
        ("cameo_code", s), ("quad_class", pa.int8()), ("goldstein", pa.float64()),
        ("plover_type", s), ("evidence", pa.list_(evidence)), ("sources", pa.list_(s)),
        ("part_of", s),
        ("relations", pa.list_(pa.struct([("kind", s), ("target", s)]))), ("note", s),
    ]  # fmt: skip
    for name in _KIND_FIELDS:
        kind_type = pa.bool_() if name in _BOOL_FIELDS else s
        fields.append((name, pa.list_(s) if name in _LIST_FIELDS else kind_type))
    return pa.schema(fields)


def _value(value: object) -> object:
    return getattr(value, "value", value)


def _event_row(event: Event) -> dict[str, Any]:
    code = codes.cameo_of(event)
    row: dict[str, Any] = {
        "id": event.id,
        "kind": event.kind.value,
        "summary": event.summary,
        "when": str(event.when),
        "date_start": event.when.earliest,
        "date_end": event.when.latest,
        "precision": _precision(event.when),
        "status": event.status.value,
        "place": event.place,
        "participants": [
            {
                "actor": p.actor,
                "role": p.role.value,
                "title": p.title,
                "on_behalf_of": p.on_behalf_of,
            }
            for p in event.participants
        ],
        "topics": list(event.topics),
        "codes": [{"scheme": c.scheme.value, "code": c.code} for c in event.codes],
        "cameo_code": code,
        "quad_class": int(codes.quad_class(code)) if code else None,
        "goldstein": codes.goldstein(code) if code else None,
        "plover_type": codes.plover_of(event),
        "evidence": [
            {
                "source": e.source,
                "start": e.start,
                "end": e.end,
                "quote": e.quote,
                "prefix": e.prefix,
                "suffix": e.suffix,
            }
            for e in event.evidence
        ],
        "sources": list(event.sources),
        "part_of": event.part_of,
        "relations": [{"kind": r.kind.value, "target": r.target} for r in event.relations],
        "note": event.note,
    }
    for name in _KIND_FIELDS:
        value = getattr(event, name, None)
        row[name] = list(value) if name in _LIST_FIELDS and value is not None else _value(value)
    return row


def iter_batches(
    data: Dataset | Iterable[object],
    *,
    table: Table = "events",
    batch_size: int = 10_000,
    actors: Mapping[str, Actor] | None = None,
) -> Iterator[Any]:
    """Yield `pyarrow.RecordBatch` es of at most `batch_size` rows of `table`."""
    pa = _pa()
    schema = arrow_schema(table)
    events, lookups = events_of(data, actors)
    if table == "events":
        rows: Iterator[dict[str, Any]] = (_event_row(e) for e in events)
    else:
        rows = (row for e in events for row in _rows(e, lookups.actors))
    while chunk := list(itertools.islice(rows, max(1, batch_size))):
        yield pa.RecordBatch.from_pylist(chunk, schema=schema)


def to_arrow(
    data: Dataset | Iterable[object],
    *,
    table: Table = "events",
    actors: Mapping[str, Actor] | None = None,
) -> Any:
    """The whole `table` of `data` as one `pyarrow.Table`."""
    pa = _pa()
    batches = list(iter_batches(data, table=table, actors=actors))
    return pa.Table.from_batches(batches, schema=arrow_schema(table))


def write_parquet(
    data: Dataset | Iterable[object],
    path: str | os.PathLike[str],
    *,
    table: Table = "events",
    batch_size: int = 10_000,
    actors: Mapping[str, Actor] | None = None,
) -> int:
    """Write `table` of `data` to a Parquet file one batch at a time; return the row count.

    The file is replaced atomically: a failure midway leaves any old file untouched.

    Raises:
        FileAccessError: the file cannot be written.
    """
    _pa()
    import pyarrow.parquet as pq  # noqa: PLC0415 - optional dependency, imported on use

    count = 0
    with (
        atomic_path(path) as tmp,
        pq.ParquetWriter(os.fspath(tmp), arrow_schema(table)) as writer,
    ):
        for batch in iter_batches(data, table=table, batch_size=batch_size, actors=actors):
            writer.write_batch(batch)
            count += batch.num_rows
    return count

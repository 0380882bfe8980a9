"""The Arrow schema of the Parquet store: one table per collection, nested lists as structs.

The schema is declared here as data (column, type, description) so that it can
be turned into `pyarrow.Schema` objects on use (pyarrow stays optional) and
into the published page ``docs/arrow-schema.md`` (`schema_markdown`; a test
checks the page is current). Columns mirror the JSON format of
``docs/format.md`` key for key, so a table row is a JSON record with nulls for
absent keys; the columns marked *derived* are computed on write and ignored on
read (the time bounds, as dates, so SQL can ask "possibly" and "definitely").
"""

from __future__ import annotations

import functools
from typing import Any

from .._optional import optional
from ..errors import ValidationError

__all__ = ["SCHEMA_VERSION", "TABLES", "arrow_schema", "pyarrow", "schema_markdown"]

SCHEMA_VERSION = 1
"""The version of the store's Arrow schema, kept in each file's metadata."""

VERSION_KEY = b"diplo_events.schema_version"
"""The Parquet key-value metadata key holding `SCHEMA_VERSION`."""


def pyarrow() -> Any:
    """Import pyarrow, or raise `MissingDependencyError` naming the ``arrow`` extra."""
    return optional("pyarrow", "arrow", "the Parquet store")


# A nested type is a tuple of (field, type) pairs; a list type is ("list", item).
_EVIDENCE = (
    ("source", "string"), ("start", "int64"), ("end", "int64"), ("quote", "string"),
    ("prefix", "string"), ("suffix", "string"),
)  # fmt: skip
_IDENTIFIER = (("scheme", "string"), ("value", "string"))
_PLACE_NAME = (("name", "string"), ("used_by", ("list", "string")), ("lang", "string"))
_PARTICIPANT = (
    ("actor", "string"), ("role", "string"), ("title", "string"), ("on_behalf_of", "string"),
)  # fmt: skip
_RELATION = (("kind", "string"), ("target", "string"))
_CODE = (("scheme", "string"), ("code", "string"))
_POINT = (
    ("latitude", "float64"), ("longitude", "float64"), ("precision", "string"),
    ("feature", "string"),
)  # fmt: skip

_BOUNDS = (
    ("earliest", "date32", "derived: the first day the span can include (null: open, unknown)"),
    ("latest", "date32", "derived: the last day the span can include (null: open, unknown)"),
    ("latest_start", "date32", "derived: the latest day on which the span can begin"),
    ("earliest_end", "date32", "derived: the earliest day on which the span can end"),
)
"""The time bounds of a span (see `TimeSpan`), as dates."""

Column = tuple[str, Any, str]

TABLES: dict[str, tuple[Column, ...]] = {
    "sources": (
        ("id", "string", "the source's id"),
        ("title", "string", "its title"),
        ("authors", ("list", "string"), "its authors, in order"),
        ("publisher", "string", "its publisher"),
        ("published", "string", "its publication date (EDTF)"),
        ("url", "string", "where it is found"),
        ("language", "string", "its language (BCP 47)"),
        ("credit", "string", "credit line or licence"),
        ("text", "string", "its text, which evidence offsets index (code points)"),
        ("note", "string", "a free note"),
    ),
    "actors": (
        ("id", "string", "the actor's id"),
        ("name", "string", "its name"),
        ("kind", "string", "state, organization, group or person"),
        ("aliases", ("list", "string"), "other names"),
        ("country", "string", "ISO 3166-1 alpha-3 code of the side it is on"),
        ("identifiers", ("list", _IDENTIFIER), "ids in other schemes, sorted by scheme"),
        ("part_of", "string", "the organisation it belongs to"),
        ("note", "string", "a free note"),
        ("evidence", ("list", _EVIDENCE), "quotes from sources"),
    ),
    "memberships": (
        ("person", "string", "the person's actor id"),
        ("organization", "string", "the organisation's actor id"),
        ("title", "string", "the title held"),
        ("when", "string", "when it was held (EDTF)"),
        *_BOUNDS,
        ("note", "string", "a free note"),
        ("evidence", ("list", _EVIDENCE), "quotes from sources"),
    ),
    "places": (
        ("id", "string", "the place's id"),
        ("name", "string", "its name"),
        ("kind", "string", "the kind of place"),
        ("names", ("list", _PLACE_NAME), "other names, with who uses them and their language"),
        ("country", "string", "ISO 3166-1 alpha-3 code"),
        ("identifiers", ("list", _IDENTIFIER), "ids in other schemes (GeoNames...)"),
        ("part_of", "string", "the place it lies in"),
        ("point", _POINT, "WGS 84 point: decimal degrees, precision, GeoNames feature code"),
        ("claimed_by", ("list", "string"), "actor ids claiming it"),
        ("administered_by", ("list", "string"), "actor ids administering it"),
        ("note", "string", "a free note"),
        ("evidence", ("list", _EVIDENCE), "quotes from sources"),
    ),
    "events": (
        ("position", "int64", "the event's place in the dataset's order (0-based)"),
        ("kind", "string", "meeting, visit, agreement, dispute, statement or incident"),
        ("id", "string", "the event's id"),
        ("summary", "string", "one line saying what happened"),
        ("participants", ("list", _PARTICIPANT), "who took part, in which role"),
        ("when", "string", "when it happened (EDTF date or interval)"),
        *_BOUNDS,
        ("status", "string", "occurred, planned, cancelled..."),
        ("place", "string", "the place's id"),
        ("topics", ("list", "string"), "topics"),
        ("evidence", ("list", _EVIDENCE), "quotes from sources"),
        ("sources", ("list", "string"), "source ids"),
        ("part_of", "string", "the event it is part of"),
        ("relations", ("list", _RELATION), "typed links to other events"),
        ("codes", ("list", _CODE), "CAMEO or PLOVER codes"),
        ("note", "string", "a free note"),
        ("format", "string", "meeting: bilateral, trilateral or multilateral"),
        ("setting", "string", "meeting: standalone or sideline (null: standalone)"),
        ("reciprocal", "bool", "visit: whether it returns an earlier visit (null: false)"),
        ("stage", "string", "agreement: its stage"),
        ("terms", ("list", "string"), "agreement: its terms"),
        ("subject", "string", "dispute: what it is about"),
        ("state", "string", "dispute: its state"),
        ("subject_places", ("list", "string"), "dispute: the places it is about"),
        ("stance", "string", "statement: its stance"),
        ("category", "string", "incident: its category"),
    ),
}
"""Each table's columns in order: name, type, description."""

PARTITION = "year"
"""The hive partition column of the events table: the year of `earliest` (null when unknown)."""


def _arrow_type(pa: Any, spec: Any) -> Any:
    if isinstance(spec, str):
        return getattr(pa, {"bool": "bool_"}.get(spec, spec))()
    if spec[0] == "list":
        return pa.list_(_arrow_type(pa, spec[1]))
    return pa.struct([(name, _arrow_type(pa, t)) for name, t in spec])


@functools.cache
def arrow_schema(table: str) -> Any:
    """The `pyarrow.Schema` of `table` (a key of `TABLES`), with the version in its metadata.

    Raises:
        ValidationError: `table` is not one of the five tables.
        MissingDependencyError: pyarrow is not installed.
    """
    if table not in TABLES:
        raise ValidationError.one("table", f"must be one of {', '.join(TABLES)}", table)
    pa = pyarrow()
    fields = [pa.field(name, _arrow_type(pa, spec)) for name, spec, _ in TABLES[table]]
    return pa.schema(fields, metadata={VERSION_KEY: str(SCHEMA_VERSION).encode()})


def _type_text(spec: Any) -> str:
    if isinstance(spec, str):
        return spec
    if spec[0] == "list":
        return f"list<{_type_text(spec[1])}>"
    return "struct<" + ", ".join(f"{name}: {_type_text(t)}" for name, t in spec) + ">"


def schema_markdown() -> str:
    """The page ``docs/arrow-schema.md``: every table and column, generated from `TABLES`."""
    lines = [
        "# Arrow schema of the Parquet store",
        "",
        (
            "<!-- Generated by `python -m diplo_events.columnar` from "
            "`diplo_events/columnar/_schema.py`; a test checks it is current. -->"
        ),
        "",
        (
            f"Schema version **{SCHEMA_VERSION}**, stored in every file's key-value metadata under "
            f"`{VERSION_KEY.decode()}`. `write_parquet` writes a directory:"
        ),
        "",
        "```text",
        "sources.parquet  actors.parquet  memberships.parquet  places.parquet",
        f"events/{PARTITION}=2017/part-0.parquet ...",
        f"events/{PARTITION}=__HIVE_DEFAULT_PARTITION__/part-0.parquet   (no known start)",
        "```",
        "",
        (
            f"Events are hive-partitioned by `{PARTITION}`, the year of `earliest` (an int32 "
            "partition column, not stored in the files). Every column is nullable; a null is an "
            "absent key of the JSON format (`docs/format.md`), and a row is read back through the "
            "same strict decoder as JSON. Columns marked *derived* are written for queries and "
            "ignored on read. Dates are `date32` (days since 1970-01-01, proleptic Gregorian)."
        ),
    ]
    for table, columns in TABLES.items():
        lines += ["", f"## `{table}`", "", "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| `{n}` | `{_type_text(t)}` | {d} |" for n, t, d in columns]
    return "\n".join(lines) + "\n"

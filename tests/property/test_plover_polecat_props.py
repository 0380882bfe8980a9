"""Property and fuzz tests of the PLOVER and POLECAT importers and the PLOVER export.

- Any JSON a PLOVER file may hold (records built from PLOVER's keys with
  values of any JSON type) is read without an exception: every record is in an
  event or reported, and the records form a valid dataset.
- POLECAT rows with cells replaced by arbitrary text, or cut short, likewise.
- Any generated dataset exports to PLOVER, and what it exports reads back and
  exports again unchanged (the round trip of what PLOVER can hold).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplo_events._iso3166 import ALPHA3
from diplo_events.interop import ImportFormatError
from diplo_events.interop.plover import read_plover
from diplo_events.interop.plover_export import iter_plover
from diplo_events.interop.polecat import read_polecat
from diplo_events.strategies import datasets

pytestmark = pytest.mark.property

FIXTURE = Path(__file__).parents[1] / "data" / "polecat_small.tsv"

_KEYS = (
    "id", "date", "enddate", "time", "actor", "source", "recipient", "target", "event", "mode",
    "context", "event_loc", "eventLoc", "text", "text_info", "textInfo", "cite_info", "code",
    "sector", "entity_text", "actorText", "identifier_id", "markup", "start", "end", "spans",
    "latitude", "longitude", "geonameid", "name", "feature code", "country code", "dateCoded",
)  # fmt: skip
_WORDS = st.sampled_from(
    ["CONSULT", "AGREE", "ACCUSE", "PROTEST", "visit", "JPN", "JAP", "GOV", "2018-01-28",
     "2000-01-01", "(SRC: a) (EVT: b", "Q17", "None", "", "x"]
)  # fmt: skip
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 200) | st.floats(allow_nan=False) | _WORDS
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(_KEYS), inner, max_size=5),
    max_leaves=12,
)  # fmt: skip
_RECORDS = st.dictionaries(st.sampled_from(_KEYS), _JSON, max_size=10)


@settings(max_examples=60)
@given(st.lists(_RECORDS | _JSON, max_size=6).filter(lambda xs: not xs or type(xs[0]) is not list))
def test_any_plover_json_is_read_or_reported(items: list[Any]) -> None:
    """No record raises; rows == events + skipped; the output validates (collect checks it).

    Only a file of records none of which is an object with an 'event' key is
    refused, as not PLOVER. (A file whose first item is a list is a JSON
    array, not JSON Lines.)
    """
    data = "\n".join(json.dumps(item) for item in items).encode()
    if items and not any(isinstance(item, dict) and "event" in item for item in items):
        with pytest.raises(ImportFormatError, match=r"^not a PLOVER file: none of its "):
            read_plover(io.BytesIO(data))
        return
    ds, report = read_plover(io.BytesIO(data))
    assert report.rows == len(items)
    assert report.rows == report.rows_in_events + len(report.skipped)
    assert len(ds) == report.events


@settings(max_examples=40)
@given(
    st.lists(st.tuples(st.integers(1, 11), st.integers(0, 43), st.text(max_size=12)), max_size=6),
    st.booleans(),
)
def test_mutated_polecat_rows_are_read_or_reported(
    edits: list[tuple[int, int, str]], cut: bool
) -> None:
    """Cells replaced with any text (tabs and line ends removed): never an exception."""
    lines = FIXTURE.read_bytes().split(b"\n")
    for row, column, text in edits:
        cells = lines[row].split(b"\t")
        if column < len(cells):
            clean = "".join(
                c for c in text if c not in "\t\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
            )
            cells[column] = clean.encode("utf-8")
        lines[row] = b"\t".join(cells)
    if cut:
        lines[2] = lines[2][: len(lines[2]) // 2]
    ds, report = read_polecat(io.BytesIO(b"\n".join(lines)))
    assert report.rows == 11
    assert report.rows == report.rows_in_events + len(report.skipped)
    assert len(ds) == report.events


def _actor_key(entity: dict[str, str]) -> tuple[str, ...]:
    """What makes PLOVER entities one actor on import (docs/interop.md): the Wikidata id; else
    code and sector, with the text for a code that is not a state's."""
    if "identifier_id" in entity:
        return ("wikidata", entity["identifier_id"])
    parts = (entity.get("code", ""), entity.get("sector", ""))
    if entity.get("code") in ALPHA3:
        return parts
    return (*parts, " ".join(entity.get("entity_text", "").split()).casefold())


def _merges_actors(record: dict[str, Any]) -> bool:
    """Whether two of a PLOVER record's entities read back as one actor.

    An event that needs two (a meeting, an agreement, a CONSULT) is then
    reported instead of read.
    """
    keys = [_actor_key(e) for side in ("actor", "recipient") for e in record.get(side, [])]
    return len(set(keys)) < len(keys)


@settings(max_examples=25)
@given(datasets())
def test_plover_export_round_trip(ds: Any) -> None:
    """Export, read, export: the second export reads back to itself (a fixpoint).

    PLOVER cannot tell apart two actors with the same code, text and no
    Wikidata id: they read back as one, so an event that needs both (a
    meeting, an agreement, a CONSULT) may be reported; only such records
    are, and every other record reads back.
    """
    first = list(iter_plover(ds))
    back, report = read_plover(io.BytesIO("\n".join(json.dumps(r) for r in first).encode()))
    assert {s.row_id for s in report.skipped} <= {r["id"] for r in first if _merges_actors(r)}
    second = list(iter_plover(back))
    assert len(second) == len(first) - len(report.skipped)
    kept = {r["id"] for r in second}
    assert [r["event"] for r in second] == [r["event"] for r in first if r["id"] in kept]
    again = read_plover(io.BytesIO("\n".join(json.dumps(r) for r in second).encode()))[0]
    assert list(iter_plover(again)) == second

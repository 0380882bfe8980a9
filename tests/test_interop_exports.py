"""Unit tests for the dyadic, Web Annotation and Arrow/Parquet exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

from diplo_events import Dataset, EventCode, ValidationError
from diplo_events.interop import arrow, dyads
from diplo_events.serialize import dumps, iter_records
from tests.helpers import collections

CODES = {"ev-visit": "042", "ev-meet": "040", "ev-dispute": "1123", "ev-incident": "190"}


def dataset() -> Dataset:
    """The shared small dataset, with CAMEO codes on four events and a URL on the source."""
    parts: dict[str, Any] = collections()
    parts["events"] = [
        attrs.evolve(e, codes=[EventCode(scheme="cameo", code=CODES[e.id])]) if e.id in CODES else e
        for e in parts["events"]
    ]
    parts["sources"] = [attrs.evolve(s, url="https://example.org/demo") for s in parts["sources"]]
    return Dataset(**parts)


def stream(ds: Dataset) -> list[object]:
    """The records of `ds` as `iter_records` yields them from JSON Lines."""
    return list(iter_records(io.StringIO(dumps(ds, format="jsonl"))))


class TestDyads:
    def test_rows_per_pair(self) -> None:
        """Directed roles give one row per pair; meetings and disputes one row per direction."""
        rows = dyads.dyad_records(dataset())
        pairs = [(r["event_id"], r["source_actor"], r["target_actor"]) for r in rows]
        assert pairs == [
            ("ev-visit", "kono-taro", "chn"),
            ("ev-meet", "kono-taro", "li-keqiang"),
            ("ev-meet", "li-keqiang", "kono-taro"),
            ("ev-dispute", "chn", "jpn"),
            ("ev-dispute", "jpn", "chn"),
            ("ev-statement", "jpn", None),
            ("ev-incident", "chn", None),
        ]

    def test_derived_columns_come_from_the_tables(self) -> None:
        """CAMEO code, QuadClass, Goldstein and PLOVER type are looked up, not stored."""
        visit = dyads.dyad_records(dataset())[0]
        assert visit == {
            "event_id": "ev-visit",
            "kind": "visit",
            "date": "2018-01-27/2018-01-28",
            "date_start": dt.date(2018, 1, 27),
            "date_end": dt.date(2018, 1, 28),
            "precision": "day",
            "source_actor": "kono-taro",
            "source_name": "Taro Kono",
            "source_country": "JPN",
            "target_actor": "chn",
            "target_name": "China",
            "target_country": "CHN",
            "cameo_code": "042",
            "quad_class": 1,
            "goldstein": 1.9,
            "plover_type": "CONSULT",
            "status": "occurred",
            "source_id": "src-demo",
            "quote": "Taro Kono visited Beijing",
        }

    def test_csv(self) -> None:
        """The CSV has the documented header and one line per dyad; None is an empty cell."""
        out = io.StringIO(newline="")
        assert dyads.write_dyads_csv(dataset(), out) == 7
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert tuple(rows[0]) == dyads.DYAD_COLUMNS
        assert rows[0]["goldstein"] == "1.9"
        assert rows[5]["target_actor"] == ""

    def test_pandas_takes_the_records(self) -> None:
        """pandas.DataFrame takes the records directly, with the documented columns."""
        pd = pytest.importorskip("pandas")
        frame = pd.DataFrame(dyads.dyad_records(dataset()))
        assert tuple(frame.columns) == dyads.DYAD_COLUMNS
        assert frame["goldstein"].notna().sum() == 6
        assert frame.groupby("cameo_code").size().to_dict() == {
            "040": 2,
            "042": 1,
            "1123": 2,
            "190": 1,
        }

    def test_streamed_records_give_the_same_rows(self) -> None:
        """Fed from iter_records, the export learns the actors as they pass."""
        ds = dataset()
        assert dyads.dyad_records(stream(ds)) == dyads.dyad_records(ds)

    def test_bad_stream(self) -> None:
        """A stream item that is not a record is a ValidationError with its index."""
        with pytest.raises(ValidationError) as exc:
            dyads.dyad_records([1])
        assert str(exc.value) == "must be a record (got 1) at records[0]"
        with pytest.raises(ValidationError) as exc:
            dyads.dyad_records("abc")
        assert str(exc.value) == "must be a Dataset or an iterable of records (got 'abc') at data"


class TestArrow:
    def test_events_table(self) -> None:
        """One row per event with derived columns and kind fields."""
        pytest.importorskip("pyarrow")
        table = arrow.to_arrow(dataset())
        assert table.num_rows == 5
        assert table.schema == arrow.arrow_schema("events")
        rows = table.to_pylist()
        assert rows[0]["cameo_code"] == "042"
        assert rows[0]["quad_class"] == 1
        assert rows[0]["participants"][0] == {
            "actor": "kono-taro",
            "role": "visitor",
            "title": None,
            "on_behalf_of": "jpn",
        }
        assert [r["kind"] for r in rows] == [e.kind.value for e in dataset()]
        assert rows[2]["subject_places"] == ["islands"]

    def test_events_table_keeps_reporting_sources(self) -> None:
        """An event's `sources` become a list column (nothing is dropped)."""
        pytest.importorskip("pyarrow")
        ds = dataset()
        events = [attrs.evolve(e, sources=["src-demo"]) if e.id == "ev-incident" else e for e in ds]
        ds = Dataset(
            sources=ds.sources.values(),
            actors=ds.actors.values(),
            memberships=ds.memberships,
            places=ds.places.values(),
            events=events,
        )
        rows = arrow.to_arrow(ds).to_pylist()
        assert [r["sources"] for r in rows] == [[], [], [], [], ["src-demo"]]

    def test_batches_from_a_stream(self) -> None:
        """Batches hold at most batch_size rows and stream from iter_records."""
        pytest.importorskip("pyarrow")
        batches = list(arrow.iter_batches(stream(dataset()), table="dyads", batch_size=3))
        assert [b.num_rows for b in batches] == [3, 3, 1]
        assert batches[0].to_pylist() == dyads.dyad_records(dataset())[:3]

    def test_parquet_with_duckdb(self, tmp_path: Path) -> None:
        """The documented DuckDB query over the Parquet output works."""
        pytest.importorskip("pyarrow")
        duckdb = pytest.importorskip("duckdb")
        path = tmp_path / "dyads.parquet"
        assert arrow.write_parquet(dataset(), path, table="dyads", batch_size=2) == 7
        query = """
            SELECT source_country, target_country, count(*) AS n, round(avg(goldstein), 2) AS g
            FROM read_parquet(?)
            WHERE cameo_code IS NOT NULL
            GROUP BY ALL ORDER BY n DESC, source_country
        """
        rows = duckdb.execute(query, [str(path)]).fetchall()
        assert rows == [("JPN", "CHN", 3, 0.3), ("CHN", "JPN", 2, -0.5), ("CHN", None, 1, -10.0)]
        events = tmp_path / "events.parquet"
        assert arrow.write_parquet(dataset(), events) == 5
        meetings = "SELECT count(*) FROM read_parquet(?) WHERE kind = 'meeting'"
        count = duckdb.execute(meetings, [str(events)]).fetchall()
        assert count == [(1,)]

    def test_unknown_table(self) -> None:
        """Only 'events' and 'dyads' exist."""
        pytest.importorskip("pyarrow")
        with pytest.raises(ValidationError) as exc:
            arrow.arrow_schema("places")  # type: ignore[arg-type]
        assert str(exc.value) == "must be one of 'events', 'dyads' (got 'places') at table"

    def test_missing_pyarrow(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pyarrow the error says how to install it."""
        monkeypatch.setitem(sys.modules, "pyarrow", None)
        with pytest.raises(arrow.MissingDependencyError) as exc:
            arrow.to_arrow(dataset())
        assert str(exc.value) == (
            "pyarrow is needed for Arrow and Parquet export: pip install 'diplo-events[arrow]'"
        )

"""The Parquet store: layout, exact round trips, atomic replacement and clear errors."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from diplo_events import (
    Dataset,
    DecodeError,
    FileAccessError,
    UnsupportedFormatVersionError,
    ValidationError,
    load_reference,
)
from diplo_events.columnar import SCHEMA_VERSION, arrow_schema, read_parquet, schema_markdown
from diplo_events.columnar import store as store_module
from diplo_events.errors import MissingDependencyError

from .helpers import dataset

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

ROOT = Path(__file__).resolve().parent.parent


def write(ds: Dataset, path: Path) -> Path:
    return store_module.write_parquet(ds, path)


def rewrite(path: Path, name: str, change: object) -> None:
    """Rewrite one table file, passing its rows through `change` (which edits them in place)."""
    rows = pq.read_table(path).to_pylist()
    change(rows)  # type: ignore[operator]
    pq.write_table(pa.Table.from_pylist(rows, schema=arrow_schema(name)), path)


class TestRoundTrip:
    def test_reference(self, tmp_path: Path) -> None:
        """The reference dataset comes back equal, in order."""
        ds = load_reference()
        assert write(ds, tmp_path / "ref") == tmp_path / "ref"
        assert read_parquet(tmp_path / "ref") == ds

    def test_empty(self, tmp_path: Path) -> None:
        """An empty dataset is a store with an empty events folder."""
        write(Dataset(), tmp_path / "empty")
        assert (tmp_path / "empty" / "events").is_dir()
        assert read_parquet(tmp_path / "empty") == Dataset()

    def test_layout_and_bounds(self, tmp_path: Path) -> None:
        """Events are hive-partitioned by the year of `earliest`, with date bounds as columns."""
        duckdb = pytest.importorskip("duckdb")
        ds = dataset()
        write(ds, tmp_path / "s")
        folders = sorted(p.name for p in (tmp_path / "s" / "events").iterdir())
        assert folders == ["year=2012", "year=2018"]
        rows = (
            duckdb.connect()
            .execute(
                "SELECT id, year, earliest, latest, latest_start, earliest_end "
                "FROM read_parquet(?, hive_partitioning = true) ORDER BY position",
                [f"{tmp_path}/s/events/*/*.parquet"],
            )
            .fetchall()
        )
        by_id = {r[0]: r[1:] for r in rows}
        assert len(rows) == len(ds)
        for key, event in ds.events.items():
            when = event.when
            assert by_id[key] == (
                when.earliest.year if when.earliest else None,
                when.earliest,
                when.latest,
                when.latest_start,
                when.earliest_end,
            )

    def test_unknown_start_partition(self, tmp_path: Path) -> None:
        """An event with no known start goes to the default partition, and reads back."""
        ds = load_reference()
        unknown = [k for k, e in ds.events.items() if e.when.earliest is None]
        assert unknown
        write(ds, tmp_path / "s")
        folder = tmp_path / "s" / "events" / "year=__HIVE_DEFAULT_PARTITION__"
        ids = pq.read_table(folder).column("id").to_pylist()
        assert sorted(ids) == sorted(unknown)


class TestAtomic:
    def test_failure_keeps_old_store(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A failure while writing leaves the old directory as it was, and no temporary folder."""
        target = tmp_path / "s"
        write(dataset(), target)
        before = sorted(p.relative_to(target) for p in target.rglob("*"))

        def boom(*args: object, **kwargs: object) -> object:
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(store_module, "to_table", boom)
        with pytest.raises(RuntimeError, match="disk on fire"):
            write(load_reference(), target)
        assert sorted(p.relative_to(target) for p in target.rglob("*")) == before
        assert read_parquet(target) == dataset()
        assert [p.name for p in tmp_path.iterdir()] == ["s"]

    def test_replaces_old_store(self, tmp_path: Path) -> None:
        """Writing over a store replaces it whole (no stale partitions remain)."""
        write(load_reference(), tmp_path / "s")
        write(dataset(), tmp_path / "s")
        assert read_parquet(tmp_path / "s") == dataset()
        assert sorted(p.name for p in (tmp_path / "s" / "events").iterdir()) == [
            "year=2012",
            "year=2018",
        ]
        assert [p.name for p in tmp_path.iterdir()] == ["s"]

    def test_target_is_a_file(self, tmp_path: Path) -> None:
        """A file where the directory should go is a FileAccessError naming it."""
        (tmp_path / "f").write_text("x")
        with pytest.raises(FileAccessError) as caught:
            write(dataset(), tmp_path / "f")
        assert caught.value.filename == str(tmp_path / "f")
        assert (tmp_path / "f").read_text() == "x"

    def test_sigterm_leaves_no_debris(self, tmp_path: Path) -> None:
        """SIGTERM in the middle of a write: the process dies of SIGTERM, nothing is left over."""
        script = textwrap.dedent(
            f"""
            import os, signal
            from diplo_events import load_reference
            from diplo_events.columnar import store

            real = store.to_table
            def slow(name, records, **kw):
                if name == "events":
                    os.kill(os.getpid(), signal.SIGTERM)
                return real(name, records, **kw)
            store.to_table = slow
            store.write_parquet(load_reference(), {str(tmp_path / "s")!r})
            """
        )
        result = subprocess.run([sys.executable, "-c", script], check=False, timeout=120)
        assert result.returncode == -signal.SIGTERM
        assert list(tmp_path.iterdir()) == []


class TestErrors:
    def test_missing_directory(self, tmp_path: Path) -> None:
        """A missing store is a FileAccessError naming the file looked for."""
        with pytest.raises(FileAccessError) as caught:
            read_parquet(tmp_path / "none")
        assert caught.value.filename == os.fspath(tmp_path / "none" / "sources.parquet")

    def test_missing_events_folder(self, tmp_path: Path) -> None:
        """A store without its events folder names the folder."""
        write(dataset(), tmp_path / "s")
        for part in (tmp_path / "s" / "events").rglob("*.parquet"):
            part.unlink()
        for folder in sorted((tmp_path / "s" / "events").iterdir()):
            folder.rmdir()
        (tmp_path / "s" / "events").rmdir()
        with pytest.raises(FileAccessError) as caught:
            read_parquet(tmp_path / "s")
        assert caught.value.filename == os.fspath(tmp_path / "s" / "events")

    def test_not_parquet(self, tmp_path: Path) -> None:
        """A file that is not Parquet is a DecodeError naming it."""
        write(dataset(), tmp_path / "s")
        (tmp_path / "s" / "actors.parquet").write_text("hello")
        with pytest.raises(DecodeError) as caught:
            read_parquet(tmp_path / "s")
        assert caught.value.path == os.fspath(tmp_path / "s" / "actors.parquet")
        assert caught.value.problems[0].message == "is not a Parquet file"

    def test_newer_version(self, tmp_path: Path) -> None:
        """A file of a newer schema version says to upgrade."""
        write(dataset(), tmp_path / "s")
        path = tmp_path / "s" / "places.parquet"
        table = pq.read_table(path)
        newer = {b"diplo_events.schema_version": str(SCHEMA_VERSION + 1).encode()}
        pq.write_table(table.replace_schema_metadata(newer), path)
        with pytest.raises(UnsupportedFormatVersionError) as caught:
            read_parquet(tmp_path / "s")
        assert caught.value.problems[0].message == (
            f"has schema version {SCHEMA_VERSION + 1}; this release reads {SCHEMA_VERSION} "
            "(upgrade diplo-events)"
        )

    def test_foreign_table(self, tmp_path: Path) -> None:
        """A Parquet file without the version, or with other columns, is not a table of ours."""
        write(dataset(), tmp_path / "s")
        path = tmp_path / "s" / "sources.parquet"
        pq.write_table(pa.table({"id": ["x"]}), path)
        with pytest.raises(DecodeError) as caught:
            read_parquet(tmp_path / "s")
        assert caught.value.problems[0].message == (
            "is not a diplo-events sources table (schema version 1 missing from its metadata)"
        )
        table = pa.table({"id": ["x"]}).replace_schema_metadata(
            {b"diplo_events.schema_version": b"1"}
        )
        pq.write_table(table, path)
        with pytest.raises(DecodeError) as caught:
            read_parquet(tmp_path / "s")
        assert caught.value.problems[0].message == (
            "does not have the columns of the sources table (see docs/arrow-schema.md)"
        )
        assert caught.value.problems[0].value == ["id"]

    def test_bad_row_has_json_path(self, tmp_path: Path) -> None:
        """A row that does not decode is reported as JSON would be, by the event's position."""
        write(dataset(), tmp_path / "s")
        [part] = (tmp_path / "s" / "events" / "year=2012").glob("*.parquet")

        def bad_role(rows: list[dict[str, object]]) -> None:
            rows[0]["participants"][0]["role"] = "boss"  # type: ignore[index]

        rewrite(part, "events", bad_role)
        position = pq.read_table(part).column("position")[0].as_py()
        with pytest.raises(DecodeError) as caught:
            read_parquet(tmp_path / "s")
        assert caught.value.path == f"events[{position}].participants[0].role"

    def test_repeated_identifier_scheme(self, tmp_path: Path) -> None:
        """An identifiers list repeating a scheme cannot be an object: a DecodeError."""
        write(dataset(), tmp_path / "s")

        def repeat(rows: list[dict[str, object]]) -> None:
            rows[0]["identifiers"] = [{"scheme": "wikidata", "value": "Q1"}] * 2

        rewrite(tmp_path / "s" / "actors.parquet", "actors", repeat)
        with pytest.raises(DecodeError) as caught:
            read_parquet(tmp_path / "s")
        assert caught.value.path == "actors[0].identifiers[1].scheme"

    def test_positions_must_number_events(self, tmp_path: Path) -> None:
        """Positions with a gap are reported (the order could not be restored)."""
        write(dataset(), tmp_path / "s")
        [part] = (tmp_path / "s" / "events" / "year=2012").glob("*.parquet")

        def shift(rows: list[dict[str, object]]) -> None:
            rows[0]["position"] = 99

        rewrite(part, "events", shift)
        with pytest.raises(DecodeError) as caught:
            read_parquet(tmp_path / "s")
        assert caught.value.path == "events.position"

    def test_missing_pyarrow(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """Without pyarrow the error names the extra."""
        monkeypatch.setitem(sys.modules, "pyarrow", None)
        with pytest.raises(MissingDependencyError) as caught:
            read_parquet(tmp_path)
        assert str(caught.value) == (
            "pyarrow is needed for the Parquet store: pip install 'diplo-events[arrow]'"
        )


def test_schema_page_is_current() -> None:
    """docs/arrow-schema.md is what `python -m diplo_events.columnar` prints."""
    page = ROOT / "docs" / "arrow-schema.md"
    assert page.read_text(encoding="utf-8") == schema_markdown(), (
        "regenerate: python -m diplo_events.columnar > docs/arrow-schema.md"
    )


def test_unknown_table_schema() -> None:
    """arrow_schema of an unknown table is a ValidationError naming the tables."""
    with pytest.raises(ValidationError) as caught:
        arrow_schema("dyads")
    assert caught.value.problems[0].message == (
        "must be one of sources, actors, memberships, places, events"
    )


def test_key_missing_from_schema(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A record key the schema lacks is an error, never a silently dropped field."""
    from diplo_events.columnar import _tables

    real = _tables._ENCODE["places"]
    monkeypatch.setitem(_tables._ENCODE, "places", lambda p: {**real(p), "elevation": 12})
    with pytest.raises(ValidationError) as caught:
        write(load_reference(), tmp_path / "s")
    assert (caught.value.path, caught.value.value) == ("places[0]", ["elevation"])
    assert not (tmp_path / "s").exists()


def test_schema_page_module(capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m diplo_events.columnar` prints the schema page."""
    import runpy

    runpy.run_module("diplo_events.columnar", run_name="__main__")
    assert capsys.readouterr().out == schema_markdown()


def test_cli_import_of_a_bad_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """import parquet of a store whose rows do not decode: exit 1, one line naming the problem."""
    from diplo_events.cli import main

    write(dataset(), tmp_path / "s")
    (tmp_path / "s" / "actors.parquet").write_text("hello")
    code = main(["import", "parquet", str(tmp_path / "s"), "-o", str(tmp_path / "out.jsonl")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("diplo-events: error: ")
    assert "is not a Parquet file" in err
    assert not (tmp_path / "out.jsonl").exists()


def test_points_round_trip_to_the_same_json(tmp_path: Path) -> None:
    """A place's point survives the store, and the JSON saved after it is byte for byte the same.

    Whole degrees are kept as floats by `GeoPoint`, so Arrow's float64 column cannot turn a
    saved ``35`` into ``35.0``.
    """
    from diplo_events import GeoPoint, Place
    from diplo_events.serialize import dumps

    tokyo = GeoPoint(latitude=35, longitude=139.6917, precision="site", feature="PPLC")
    assert tokyo.latitude == 35.0
    assert type(tokyo.latitude) is float
    ds = Dataset(places=[Place(id="tokyo", name="Tokyo", kind="city", point=tokyo)])
    back = read_parquet(write(ds, tmp_path / "s"))
    assert back == ds
    assert dumps(back) == dumps(ds)
    assert '"latitude": 35.0' in dumps(back)


def test_a_folder_that_is_not_a_store_is_never_replaced(tmp_path: Path) -> None:
    """`export --to parquet -o FOLDER` on a user's folder refuses (exit 3) and deletes nothing."""
    from diplo_events.cli import main
    from diplo_events.columnar.store import is_store

    mine = tmp_path / "userdir"
    mine.mkdir()
    (mine / "thesis.txt").write_text("precious")
    assert main(["export", "reference", "--to", "parquet", "-o", str(mine)]) == 3
    assert [p.name for p in mine.iterdir()] == ["thesis.txt"]
    store = write(load_reference(), tmp_path / "store")
    assert is_store(store)
    assert not is_store(mine)
    assert read_parquet(write(dataset(), store)) == dataset()  # a store is replaced

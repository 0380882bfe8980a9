"""Per-batch functions: the checker pickles for engines, bad reference tables are clear errors."""

from __future__ import annotations

import pickle
from pathlib import Path

import attrs
import pytest

from diplo_events import DecodeError, Participant, load_reference

from .helpers import collections

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from diplo_events.columnar import write_parquet, write_records  # noqa: E402
from diplo_events.columnar.batches import (  # noqa: E402
    EventChecker,
    check_event_ids,
    combine_dyad_partials,
    dyad_month_partials,
)
from diplo_events.columnar.store import events_dataset  # noqa: E402


def checker_for(store: Path) -> EventChecker:
    return EventChecker(
        sources=pq.read_table(store / "sources.parquet"),
        actors=pq.read_table(store / "actors.parquet"),
        places=pq.read_table(store / "places.parquet"),
        events=events_dataset(store).to_table(columns=["id", "when"]),
    )


class TestEventChecker:
    def test_pickled_checker_finds_the_problem(self, tmp_path: Path) -> None:
        """A checker that went through pickle (as to a Spark executor) reports the same rows."""
        cols = collections()
        first = cols["events"][0]
        stranger = Participant(actor="nobody", role=first.participants[0].role)
        cols["events"][0] = attrs.evolve(first, participants=(stranger, *first.participants[1:]))
        store = write_records(tmp_path / "s", **cols)
        checker = checker_for(store)
        batches = list(events_dataset(store).to_batches())
        again = pickle.loads(pickle.dumps(checker))
        twice = pickle.loads(pickle.dumps(checker))
        expected = [
            {
                "path": f"events[{first.id!r}].participants[0].actor",
                "message": "refers to an unknown actor",
                "value": "'nobody'",
            }
        ]
        for one in (checker, again, twice):
            assert [row for b in one(batches) for row in b.to_pylist()] == expected

    def test_undecodable_row_is_a_problem(self, tmp_path: Path) -> None:
        """A row that does not decode is a problem at its position, not an exception."""
        store = write_parquet(load_reference(), tmp_path / "s")
        table = events_dataset(store).to_table().slice(0, 1).drop_columns(["year"])
        rows = table.to_pylist()
        rows[0]["status"] = "rumoured"
        batch = pa.RecordBatch.from_pylist(rows, schema=table.schema)
        [problem] = checker_for(store).check(batch).to_pylist()
        assert problem["path"] == f"events[{rows[0]['position']}].status"

    def test_bad_reference_table(self, tmp_path: Path) -> None:
        """Reference tables whose rows do not decode raise DecodeError when first used."""
        store = write_parquet(load_reference(), tmp_path / "s")
        actors = pq.read_table(store / "actors.parquet")
        rows = actors.to_pylist()
        rows[0]["kind"] = "planet"
        checker = EventChecker(
            sources=pq.read_table(store / "sources.parquet"),
            actors=pa.Table.from_pylist(rows, schema=actors.schema),
            places=pq.read_table(store / "places.parquet"),
            events=events_dataset(store).to_table(columns=["id", "when"]),
        )
        with pytest.raises(DecodeError) as caught:
            checker.check(next(iter(events_dataset(store).to_batches())))
        assert caught.value.path == "actors[0].kind"


def test_event_ids_repeat_and_cycle() -> None:
    """Repeats are reported at the later position; a cycle once, at its first member."""
    table = pa.table(
        {
            "position": [2, 0, 1, 3],
            "id": ["c", "a", "b", "a"],
            "part_of": ["a", "b", "c", None],
        }
    )
    assert check_event_ids(table).to_pylist() == [
        {"path": "events[3].id", "message": "repeats the id of events[0]", "value": "'a'"},
        {
            "path": "events['a'].part_of",
            "message": "part_of forms a cycle: a -> b -> c -> a",
            "value": "'b'",
        },
    ]


def test_partials_of_reference(tmp_path: Path) -> None:
    """The reference dataset's partial counts (undated months included) add up exactly."""
    ds = load_reference()
    store = write_parquet(ds, tmp_path / "s")
    parts = [
        dyad_month_partials(b, ds.actors) for b in events_dataset(store).to_batches(batch_size=7)
    ]
    assert combine_dyad_partials(parts) == ds.dyad_counts(per_month=True)
    assert any(c.month is None for c in ds.dyad_counts(per_month=True))

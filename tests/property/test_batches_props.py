"""Property tests: per-batch checks and partial counts agree with the in-memory Dataset."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplo_events import Dataset, ValidationError
from diplo_events.strategies import Fault, broken_datasets, datasets

pytestmark = pytest.mark.property
pytest.importorskip("pyarrow")

from diplo_events.columnar import write_parquet, write_records  # noqa: E402
from diplo_events.columnar.batches import (  # noqa: E402
    EventChecker,
    check_event_ids,
    combine_dyad_partials,
    dyad_month_partials,
)
from diplo_events.columnar.store import events_dataset  # noqa: E402


def _checker(store: Path) -> EventChecker:
    import pyarrow.parquet as pq

    events = events_dataset(store).to_table(columns=["id", "when"])
    return EventChecker(
        sources=pq.read_table(store / "sources.parquet"),
        actors=pq.read_table(store / "actors.parquet"),
        places=pq.read_table(store / "places.parquet"),
        events=events,
    )


@settings(max_examples=30)
@given(broken_datasets(), st.integers(1, 4))
def test_batches_find_what_the_dataset_finds(fault: Fault, batch_size: int) -> None:
    """Checking batches of any size, plus the id check, gives exactly the Dataset's problems."""
    with pytest.raises(ValidationError) as caught:
        fault.build()
    expected = {(p.path, p.message, repr(p.value)) for p in caught.value.problems}
    with tempfile.TemporaryDirectory() as tmp:
        store = write_records(Path(tmp) / "s", **fault.collections)
        events = events_dataset(store)
        checker = _checker(store)
        found = [checker(events.to_batches(batch_size=batch_size))]
        found.append(
            iter([check_event_ids(events.to_table(columns=["position", "id", "part_of"]))])
        )
        rows = [row for batches in found for batch in batches for row in batch.to_pylist()]
    assert {(r["path"], r["message"], r["value"]) for r in rows} == expected
    assert len(rows) == len(expected), fault.name


@settings(max_examples=20)
@given(datasets(), st.integers(1, 4))
def test_partials_combine_to_dyad_counts(ds: Dataset, batch_size: int) -> None:
    """Partial counts of batches of any size add up to dyad_counts(per_month=True)."""
    with tempfile.TemporaryDirectory() as tmp:
        store = write_parquet(ds, Path(tmp) / "s")
        partials = [
            dyad_month_partials(batch, ds.actors)
            for batch in events_dataset(store).to_batches(batch_size=batch_size)
        ]
    assert combine_dyad_partials(partials) == ds.dyad_counts(per_month=True)

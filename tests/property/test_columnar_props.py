"""Property tests: the Parquet store round-trips every generated dataset exactly."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings

from diplo_events import Dataset
from diplo_events.strategies import datasets

pytestmark = pytest.mark.property
pytest.importorskip("pyarrow")

from diplo_events.columnar import read_parquet, write_parquet  # noqa: E402


@settings(max_examples=25)
@given(datasets())
def test_parquet_store_round_trips(ds: Dataset) -> None:
    """read_parquet(write_parquet(ds)) == ds, in order, for every generated dataset."""
    with tempfile.TemporaryDirectory() as tmp:
        back = read_parquet(write_parquet(ds, Path(tmp) / "store"))
    assert back == ds
    assert list(back.events) == list(ds.events)

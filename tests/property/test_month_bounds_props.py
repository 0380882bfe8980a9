"""Property tests: monthly bounds in Python equal the SQL over the Parquet store."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplo_events import Dataset
from diplo_events.month_bounds import month_bounds, month_index, month_name
from diplo_events.strategies import datasets

pytestmark = pytest.mark.property
pytest.importorskip("pyarrow")
pytest.importorskip("duckdb")

from diplo_events.columnar import write_parquet  # noqa: E402
from diplo_events.columnar.sql import month_bounds_duckdb  # noqa: E402


def _bound_months(ds: Dataset) -> list[int]:
    days = [d for e in ds.events.values() for d in (e.when.latest_start, e.when.earliest_end)]
    return sorted({month_index(d) for d in days})


@settings(max_examples=20)
@given(datasets(min_events=1), st.data())
def test_python_and_sql_agree(ds: Dataset, data: st.DataObject) -> None:
    """For pairs and sides, in a window drawn around the events' bounds, the cells are equal."""
    months = _bound_months(ds)
    low = data.draw(st.sampled_from(months))
    high = data.draw(st.sampled_from([m for m in months if m >= low]))
    window = (month_name(max(low - 2, 12)), month_name(high + 2))
    default_is_small = len(month_bounds(ds, per="side", window=window)) < 5_000
    with tempfile.TemporaryDirectory() as tmp:
        store = write_parquet(ds, Path(tmp) / "s")
        for per in ("pair", "side"):
            python = month_bounds(ds, per=per, window=window)
            assert month_bounds_duckdb(store, per=per, window=window) == python
            assert all(0 <= c.certain <= c.possible for c in python)
        if default_is_small and months[-1] - months[0] < 240:
            assert month_bounds_duckdb(store) == month_bounds(ds)

"""PySpark in local mode over a partitioned store of 100,000 generated events.

This is the recipe of docs/interop.md ("Spark"), run for real: validation through
``mapInArrow`` finds exactly what the in-memory `Dataset` check finds on the
same data with injected faults, and dyad counts per month computed in Spark
equal `Dataset.dyad_counts(per_month=True)`. Skipped without pyspark or Java.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from diplo_events import Dataset, Event, Relation, ValidationError
from diplo_events.strategies import _FAULTS

pytest.importorskip("pyarrow")
pytest.importorskip("pyspark")
if shutil.which("java") is None and "JAVA_HOME" not in os.environ:
    pytest.skip("Spark needs Java", allow_module_level=True)

import pyarrow.parquet as pq
from pyspark.sql import SparkSession, functions

from diplo_events.analysis import DyadCount
from diplo_events.columnar import write_parquet, write_records
from diplo_events.columnar.batches import (
    EventChecker,
    check_event_ids,
    dyad_month_partials,
)

# pandas 3 is newer than this PySpark release knows; the Arrow paths used here do not use pandas.
pytestmark = pytest.mark.filterwarnings(
    "ignore:PySpark does not yet fully support pandas:FutureWarning"
)

EVENTS = 100_000
BASE = 2_000
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from synthetic import build_dataset  # noqa: E402


def _generated(n: int) -> Dataset:
    """`n` generated events: the benchmarks' synthetic dataset of BASE events, tiled."""
    base = build_dataset(BASE)
    events: list[Event] = []
    for copy in range(n // BASE):
        for event in base.events.values():
            relations = [attrs.evolve(r, target=f"{r.target}-c{copy}") for r in event.relations]
            events.append(attrs.evolve(event, id=f"{event.id}-c{copy}", relations=relations))
    return Dataset(
        sources=base.sources.values(),
        actors=base.actors.values(),
        memberships=base.memberships,
        places=base.places.values(),
        events=events,
    )


@pytest.fixture(scope="module")
def generated() -> Dataset:
    return _generated(EVENTS)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("diplo-events-test")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "5000")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _faulty(ds: Dataset) -> dict[str, tuple[Any, ...]]:
    """The dataset's collections with one fault of each kind at random events."""
    cols: dict[str, tuple[Any, ...]] = {
        "sources": tuple(ds.sources.values()),
        "actors": tuple(ds.actors.values()),
        "memberships": ds.memberships,
        "places": tuple(ds.places.values()),
        "events": tuple(ds.events.values()),
    }
    rng = random.Random(14)  # noqa: S311 - test data, not secrets
    for name in sorted(_FAULTS):
        _FAULTS[name](ds, rng.randrange(1, len(ds.events)), cols)
    # A few more, far apart, so several partitions hold faults.
    for index in rng.sample(range(len(ds.events)), 20):
        event = cols["events"][index]
        bad = Relation(kind="related_to", target=f"missing-{index}")
        events = list(cols["events"])
        events[index] = attrs.evolve(event, relations=(*event.relations, bad))
        cols["events"] = tuple(events)
    return cols


def test_spark_validation_finds_what_the_dataset_finds(
    generated: Dataset, spark: Any, tmp_path: Path
) -> None:
    """mapInArrow(EventChecker) plus check_event_ids == the in-memory problems, exactly."""
    cols = _faulty(generated)
    with pytest.raises(ValidationError) as caught:
        Dataset(**cols)
    expected = sorted((p.path, p.message, repr(p.value)) for p in caught.value.problems)
    assert len(expected) >= 30

    store = write_records(tmp_path / "store", **cols)
    assert len(list((store / "events").iterdir())) > 5  # partitioned by year
    events = spark.read.parquet(str(store / "events"))
    checker = EventChecker(
        sources=pq.read_table(store / "sources.parquet"),
        actors=pq.read_table(store / "actors.parquet"),
        places=pq.read_table(store / "places.parquet"),
        events=events.select("id", "when").toArrow(),
    )
    problems = events.mapInArrow(checker, "path string, message string, value string")
    found = [tuple(row) for row in problems.collect()]
    ids = check_event_ids(events.select("position", "id", "part_of").toArrow())
    found += [(r["path"], r["message"], r["value"]) for r in ids.to_pylist()]
    assert sorted(found) == expected


def test_spark_dyad_counts_per_month(generated: Dataset, spark: Any, tmp_path: Path) -> None:
    """Partial counts per batch, summed by Spark, equal dyad_counts(per_month=True)."""
    store = write_parquet(generated, tmp_path / "store")
    actors = generated.actors

    def partials(batches: Iterator[Any]) -> Iterator[Any]:
        for batch in batches:
            yield dyad_month_partials(batch, actors)

    counts = (
        spark.read.parquet(str(store / "events"))
        .mapInArrow(partials, "a string, b string, month string, total long")
        .groupBy("a", "b", "month")
        .agg(functions.sum("total").alias("total"))
        .collect()
    )
    found = [DyadCount(a=r["a"], b=r["b"], month=r["month"], total=r["total"]) for r in counts]
    expected = generated.dyad_counts(per_month=True)
    key = lambda c: (c.month is None, c.month or "", c.a, c.b)  # noqa: E731
    assert sorted(found, key=key) == list(expected)
    assert sum(c.total for c in expected) > EVENTS

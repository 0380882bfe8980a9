"""Parquet store benchmark: JSON Lines vs Parquet loads, Arrow only, and DuckDB over the store.

Run from the repository root (needs pyarrow, duckdb and orjson: the ``bench`` and
``arrow`` extras)::

    .venv/bin/python benchmarks/bench_parquet.py                 # 1,000,000 events
    .venv/bin/python benchmarks/bench_parquet.py --events 20000

It builds the deterministic synthetic dataset of ``synthetic.py``, writes it as
JSON Lines and as a Parquet store (`diplo_events.columnar.write_parquet`), and
times once each (garbage collector on, as users run it): loading the JSON Lines
file into a validated `Dataset`; reading the store into a validated `Dataset`
(checked equal to the original, outside the timing); reading the store into
Arrow tables only (no records); and two DuckDB queries over the directory
(events per year and kind; `MONTH_BOUNDS_SQL`, the certain/possible counts per
pair and month). The store is written under ``--folder`` (a temporary folder by
default) and removed at the end.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pyarrow as pa
from synthetic import build_dataset

import diplo_events as de
from diplo_events.columnar import events_dataset, read_parquet, write_parquet
from diplo_events.columnar.sql import month_bounds_duckdb

T = TypeVar("T")


def timed(label: str, fn: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = fn()
    print(f"{label:<52} {time.perf_counter() - start:8.2f} s", flush=True)
    return result


def size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def arrow_only(store: Path) -> dict[str, Any]:
    import pyarrow.parquet as pq

    tables = {n: pq.read_table(store / f"{n}.parquet") for n in ("sources", "actors", "places")}
    tables["memberships"] = pq.read_table(store / "memberships.parquet")
    tables["events"] = events_dataset(store).to_table()
    return tables


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--folder", type=Path, default=None, help="where to write the files")
    args = parser.parse_args(argv)
    n = args.events
    command = shlex.join(["python", "benchmarks/bench_parquet.py", *(argv or sys.argv[1:])])
    print(f"$ {command}")
    print(
        f"Python {sys.version.split()[0]}, pyarrow {pa.__version__}, duckdb {duckdb.__version__}",
        flush=True,
    )
    with tempfile.TemporaryDirectory(dir=args.folder) as tmp:
        folder = Path(tmp)
        ds = timed(f"build {n:,} events (not a measure)", lambda: build_dataset(n))
        jsonl, store = folder / "data.jsonl", folder / "store"
        timed("dump JSON Lines", lambda: de.dump(ds, jsonl))
        timed("write_parquet (store)", lambda: write_parquet(ds, store))
        print(
            f"on disk: JSON Lines {size(jsonl) / 2**20:,.1f} MiB, "
            f"Parquet store {size(store) / 2**20:,.1f} MiB "
            f"({len(list((store / 'events').iterdir()))} year partitions)",
            flush=True,
        )
        loaded = timed("JSON Lines -> Dataset (de.load)", lambda: de.load(jsonl))
        if loaded != ds:
            raise SystemExit("the JSON Lines load differs from the dataset written")
        del loaded
        back = timed("Parquet store -> Dataset (read_parquet)", lambda: read_parquet(store))
        if back != ds:
            raise SystemExit("the Parquet load differs from the dataset written")
        del back
        tables = timed("Parquet store -> Arrow tables only", lambda: arrow_only(store))
        if tables["events"].num_rows != len(ds):
            raise SystemExit("the Arrow events table has the wrong number of rows")
        con = duckdb.connect()
        glob = str(store / "events" / "*" / "*.parquet")
        query = (
            "SELECT year, kind, count(*) FROM read_parquet(?, hive_partitioning = true) "
            "GROUP BY ALL ORDER BY ALL"
        )
        rows = timed(
            "DuckDB: events per year and kind",
            lambda: con.execute(query, [glob]).fetchall(),
        )
        if sum(r[2] for r in rows) != len(ds):
            raise SystemExit("DuckDB counted the wrong number of events")
        cells = timed(
            "DuckDB: MONTH_BOUNDS_SQL per pair and month",
            lambda: month_bounds_duckdb(store, connection=con),
        )
        print(f"({len(cells):,} cells of certain/possible counts)")


if __name__ == "__main__":
    main()

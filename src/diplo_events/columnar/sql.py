"""SQL over the Parquet store (DuckDB): monthly counts that respect uncertain time.

`MONTH_BOUNDS_SQL` is the SQL twin of `diplo_events.month_bounds.month_bounds`
(see there for the rules): plain SQL over the ``earliest``, ``latest``,
``latest_start`` and ``earliest_end`` date columns, so any engine that reads
Parquet can run it; a test checks it gives the same cells as the Python code.
Running it here needs duckdb (the ``duckdb`` extra).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .._optional import optional
from ..errors import ValidationError
from ..month_bounds import MonthBounds, parse_window
from .store import EVENTS

__all__ = ["MONTH_BOUNDS_SQL", "month_bounds_duckdb"]

MONTH_BOUNDS_SQL = """
WITH ev AS (
    SELECT position, earliest, latest, latest_start, earliest_end, participants
    FROM read_parquet($events, hive_partitioning = true)
),
actors AS (SELECT id, country FROM read_parquet($actors)),
parts AS (SELECT position, unnest(participants) AS p FROM ev),
sides AS (
    SELECT DISTINCT parts.position,
           coalesce(a.country, coalesce(p.on_behalf_of, p.actor)) AS side
    FROM parts LEFT JOIN actors a ON a.id = coalesce(p.on_behalf_of, p.actor)
),
keys AS (
    SELECT s.position, s.side AS a, NULL::VARCHAR AS b FROM sides s WHERE $per = 'side'
    UNION ALL
    SELECT s.position, s.side AS a, t.side AS b
    FROM sides s JOIN sides t ON s.position = t.position AND s.side < t.side
    WHERE $per = 'pair'
),
win AS (
    SELECT coalesce($low, min(year(coalesce(earliest, latest_start)) * 12
                             + month(coalesce(earliest, latest_start)) - 1)) AS lo,
           coalesce($high, max(year(coalesce(latest, earliest_end)) * 12
                              + month(coalesce(latest, earliest_end)) - 1)) AS hi
    FROM ev
),
spans AS (
    SELECT position,
           year(latest_start) * 12 + month(latest_start) - 1 AS c0,
           year(earliest_end) * 12 + month(earliest_end) - 1 AS c1,
           greatest(lo, coalesce(year(earliest) * 12 + month(earliest) - 1, lo)) AS p0,
           least(hi, coalesce(year(latest) * 12 + month(latest) - 1, hi)) AS p1
    FROM ev, win
),
months AS (SELECT position, c0, c1, unnest(range(p0, p1 + 1)) AS m FROM spans WHERE p0 <= p1)
SELECT k.a, k.b, printf('%04d-%02d', m // 12, m % 12 + 1) AS month,
       count(*) FILTER (WHERE m BETWEEN c0 AND c1) AS certain,
       count(*) AS possible
FROM keys k JOIN months USING (position)
GROUP BY k.a, k.b, m
ORDER BY m, k.a, k.b NULLS FIRST
"""
"""Cells of (a, b, month, certain, possible); parameters ``$events`` and ``$actors`` (the
files), ``$per`` (``'pair'`` or ``'side'``), ``$low`` and ``$high`` (the window as
month indexes ``year * 12 + month - 1``, or NULL for the events' own range)."""


def month_bounds_duckdb(
    directory: str | os.PathLike[str],
    *,
    per: str = "pair",
    window: tuple[str, str] | None = None,
    connection: Any = None,
) -> tuple[MonthBounds, ...]:
    """Run `MONTH_BOUNDS_SQL` on a store written by `write_parquet`.

    Args:
        directory: The store.
        per: ``"pair"`` or ``"side"``.
        window: The first and last month (``"YYYY-MM"``), or None for the events' range.
        connection: A DuckDB connection to use (a new in-memory one by default).

    Raises:
        MissingDependencyError: duckdb is not installed.
        ValidationError: `per` or `window` is invalid (checked as in `month_bounds`).
    """
    if per not in {"pair", "side"}:
        raise ValidationError.one("per", "must be 'pair' or 'side'", per)
    low, high = (None, None) if window is None else parse_window(window)
    con = connection or optional("duckdb", "duckdb", "SQL over the Parquet store").connect()
    root = Path(directory)
    files = list((root / EVENTS).glob("*/*.parquet"))
    if not files:
        return ()
    rows = con.execute(
        MONTH_BOUNDS_SQL,
        {
            "events": [os.fspath(f) for f in files],
            "actors": os.fspath(root / "actors.parquet"),
            "per": per,
            "low": low,
            "high": high,
        },
    ).fetchall()
    return tuple(MonthBounds(*row) for row in rows)

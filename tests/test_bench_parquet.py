"""Smoke test: the Parquet benchmark script runs at a tiny size (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_parquet.py"


def test_bench_parquet_runs(tmp_path: Path) -> None:
    """On 300 events every step runs, the loads agree (the script stops otherwise), nothing stays."""
    pytest.importorskip("pyarrow")
    pytest.importorskip("duckdb")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--events", "300", "--folder", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "$ python benchmarks/bench_parquet.py --events 300 --folder " + str(tmp_path)
    labels = [line[:52].rstrip() for line in lines if line.endswith(" s")]
    assert labels == [
        "build 300 events (not a measure)",
        "dump JSON Lines",
        "write_parquet (store)",
        "JSON Lines -> Dataset (de.load)",
        "Parquet store -> Dataset (read_parquet)",
        "Parquet store -> Arrow tables only",
        "DuckDB: events per year and kind",
        "DuckDB: MONTH_BOUNDS_SQL per pair and month",
    ]
    assert list(tmp_path.iterdir()) == []

"""The query benchmark script runs end to end on a small corpus (its answers are cross-checked)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import run_benchmark


def test_benchmark_runs_and_agrees(tmp_path: Path) -> None:
    """On 3,000 events the three ways agree (the script stops otherwise) and every figure prints."""
    pytest.importorskip("duckdb")
    lines = run_benchmark(
        "bench_query.py", "--events", "3000", "--queries", "20", "--scans", "2", cwd=tmp_path
    )
    assert lines[0].startswith("Python 3.")
    for start in (
        "index build (median of 3): order and bounds",
        "index memory (tracemalloc):",
        "  index ",
        "  DuckDB ",
        "  dyad_counts ",
        "  index + dyad_counts ",
    ):
        assert any(line.startswith(start) for line in lines), start

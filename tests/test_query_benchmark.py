"""The query benchmark script runs end to end on a small corpus (its answers are cross-checked)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_query.py"


def test_benchmark_runs_and_agrees(tmp_path: Path) -> None:
    """On 3,000 events the three ways agree (the script stops otherwise) and every figure prints."""
    pytest.importorskip("duckdb")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--events", "3000", "--queries", "20", "--scans", "2"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
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

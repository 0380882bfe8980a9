"""Smoke test: the record benchmark script runs and prints its table (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "bench_records.py"


def test_bench_records_runs() -> None:
    """The script runs with tiny numbers and prints one row per record and the span parse line."""
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--number", "10", "--repeat", "1"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["record", "validated", "µs", "bare", "attrs", "µs", "ratio"]
    assert [line.split()[0] for line in lines[1:4]] == ["Participant", "Evidence", "Meeting"]
    assert lines[4].startswith("TimeSpan.parse: ")

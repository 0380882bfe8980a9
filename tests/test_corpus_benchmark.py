"""The edit benchmark script runs end to end on a small corpus and prints every figure."""

from __future__ import annotations

from pathlib import Path

from .helpers import run_benchmark


def test_benchmark_runs(tmp_path: Path) -> None:
    """On 2,000 events every edit runs and its ratio to a full validation prints."""
    lines = run_benchmark(
        "bench_corpus.py", "--events", "2000", "--builds", "1", "--edits", "3", cwd=tmp_path
    )
    assert lines[0].startswith("Python 3.")
    assert "command: python " in lines[0]
    assert lines[1] == "<Dataset: 0 sources, 1000 actors, 940 memberships, 300 places, 2000 events>"
    for start in ("full validation", "add one event", "replace one event", "remove one event"):
        assert any(line.startswith(start) and "ms" in line for line in lines), start
    assert sum(line.endswith("of a full") for line in lines) == 4

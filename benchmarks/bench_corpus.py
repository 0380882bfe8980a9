"""Edit benchmark: one addition (or replacement, removal) vs a full validation.

Run from the repository root::

    .venv/bin/python benchmarks/bench_corpus.py                 # 100,000 events
    .venv/bin/python benchmarks/bench_corpus.py --events 10000

It builds the synthetic corpus of ``bench_query.py`` (deterministic seed),
then times, as medians: building the same collections with ``Dataset(...)``
(a full validation), and each edit through `Dataset.add`, `replace` and
`remove` (validated incrementally, see `diplo_events.validate.check_change`).
It prints each time and its ratio to the full validation.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import attrs
from bench_query import SEED, make_dataset

from diplo_events import Dataset


def median_ms(run: Callable[[], object], repeats: int) -> float:
    """The median wall time of `run`, in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--builds", type=int, default=3, help="full validations timed")
    parser.add_argument("--edits", type=int, default=21, help="edits timed, of each kind")
    args = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]}; command: {' '.join(['python', *sys.argv])}")
    ds = make_dataset(args.events, SEED)
    cols: dict[str, list[Any]] = {
        "sources": list(ds.sources.values()),
        "actors": list(ds.actors.values()),
        "memberships": list(ds.memberships),
        "places": list(ds.places.values()),
        "events": list(ds.events.values()),
    }
    print(f"{ds!r}")
    full = median_ms(lambda: Dataset(**cols), args.builds)
    print(f"full validation, Dataset(...) (median of {args.builds}): {full:,.1f} ms")
    last = cols["events"][-1]
    first_actor = cols["actors"][0]
    added = attrs.evolve(last, id="ev-added")
    edits: dict[str, Callable[[], Dataset]] = {
        "add one event": lambda: ds.add(added),
        "replace one event (new summary)": lambda: ds.replace(
            attrs.evolve(last, summary="Edited.")
        ),
        "remove one event": lambda: ds.remove(last),
        "replace one actor (new name)": lambda: ds.replace(
            attrs.evolve(first_actor, name="Renamed")
        ),
    }
    for name, run in edits.items():
        result = run()
        assert len(result.events) >= len(ds.events) - 1  # noqa: S101 - the edit happened
        took = median_ms(run, args.edits)
        print(f"{name} (median of {args.edits}): {took:,.2f} ms = {took / full:.2%} of a full")


if __name__ == "__main__":
    main()

"""Record construction benchmark: validated diplo_events records against bare attrs classes.

Run from the repository root::

    .venv/bin/python benchmarks/bench_records.py            # --number N --repeat R

Prints, measured in the same run, the best-of-R time per construction of each
record type and of a frozen, slotted, keyword-only attrs class with the same
fields and no checks, and their ratio: what one validation pass per record
costs. Also times `TimeSpan.parse` on a cache hit and a cache miss.
"""

from __future__ import annotations

import argparse
import timeit
from collections.abc import Callable
from typing import Any

import attrs

import diplo_events as de
from diplo_events.model._time import _parse_span


@attrs.frozen(kw_only=True)
class BareParticipant:
    actor: str
    role: Any
    title: Any = None
    on_behalf_of: Any = None


@attrs.frozen(kw_only=True)
class BareEvidence:
    source: str
    start: int
    end: int
    quote: str
    prefix: Any = None
    suffix: Any = None


@attrs.frozen(kw_only=True)
class BareMeeting:
    id: str
    summary: str
    participants: tuple[Any, ...]
    when: Any
    status: Any
    place: Any = None
    topics: tuple[str, ...] = ()
    evidence: tuple[Any, ...] = ()
    sources: tuple[str, ...] = ()
    part_of: Any = None
    relations: tuple[Any, ...] = ()
    codes: tuple[Any, ...] = ()
    note: Any = None
    format: Any = None
    setting: Any = None


def best(fn: Callable[[], object], number: int, repeat: int) -> float:
    """Best time per call, in microseconds."""
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--number", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    participants = tuple(de.Participant(actor=f"actor-{i}", role="party") for i in range(4))
    evidence = (de.Evidence(source="src", start=0, end=5, quote="abcde"),)
    when = de.TimeSpan.parse("2018-01-27/2018-01-28")
    meeting: dict[str, Any] = {
        "id": "ev-1",
        "summary": "Talks in Beijing.",
        "participants": participants,
        "when": when,
        "status": de.Status.OCCURRED,
        "topics": ("trade", "security"),
        "evidence": evidence,
        "format": de.MeetingFormat.MULTILATERAL,
    }
    rows = [
        (
            "Participant",
            lambda: de.Participant(actor="actor-1", role=de.Role.PARTY),
            lambda: BareParticipant(actor="actor-1", role=de.Role.PARTY),
        ),
        (
            "Evidence",
            lambda: de.Evidence(source="src", start=0, end=5, quote="abcde"),
            lambda: BareEvidence(source="src", start=0, end=5, quote="abcde"),
        ),
        ("Meeting (4 participants)", lambda: de.Meeting(**meeting), lambda: BareMeeting(**meeting)),
    ]
    print(f"{'record':26s} {'validated µs':>13s} {'bare attrs µs':>14s} {'ratio':>7s}")
    for name, ours, bare in rows:
        a, b = best(ours, args.number, args.repeat), best(bare, args.number, args.repeat)
        print(f"{name:26s} {a:13.2f} {b:14.2f} {a / b:6.2f}x")

    hit = best(lambda: de.TimeSpan.parse("2018-01-27/2018-01-28"), args.number, args.repeat)

    def miss() -> object:
        _parse_span.cache_clear()
        return de.TimeSpan.parse("2018-01-27/2018-01-28")

    print(
        f"TimeSpan.parse: {hit:.2f} µs on a cache hit, {best(miss, args.number, args.repeat):.2f} µs on a miss"
    )


if __name__ == "__main__":
    main()

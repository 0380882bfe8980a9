"""Validation, error-report and index paths grow in proportion to their input.

Each test times one path on an input of size n and of size 4n (processor time, the best of
three runs, after a warm-up) and asserts that the larger one costs at most 8 times as much:
linear work gives about 4, n log n a little more, quadratic work 16. These are growth ratios,
not absolute times, so a slow or busy machine does not fail them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import pytest

import diplo_events as de
from diplo_events import DiploEventsError

SMALL = 1_500
FACTOR = 4
MAX_RATIO = 8.0
HEADER = '{"format":"diplo-events","version":1}'
_encode = json.JSONEncoder(separators=(",", ":")).encode


def cost(run: Callable[[], object]) -> float:
    """The best of three processor times of `run`."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def assert_linear(make: Callable[[int], Callable[[], object]]) -> None:
    """`make(n)` prepares an input of size n and returns the call to time."""
    small, large = make(SMALL), make(SMALL * FACTOR)
    small()  # warm-up: imports, first-use tables
    ratio = cost(large) / max(cost(small), 1e-6)
    assert ratio <= MAX_RATIO, f"{FACTOR}x the input took {ratio:.1f}x the time"


def refused(text: str, problems: int) -> Callable[[], object]:
    """A call that loads `text` and checks it is refused with `problems` problems."""

    def run() -> None:
        with pytest.raises(DiploEventsError) as info:
            de.loads(text)
        assert len(info.value.problems) == problems  # type: ignore[attr-defined]

    return run


def actor(i: int) -> dict[str, object]:
    return {"type": "actor", "id": f"a{i}", "name": f"A {i}", "kind": "person", "country": "JPN"}


def event(i: int, first: str) -> dict[str, object]:
    return {
        "type": "event",
        "kind": "visit",
        "id": f"ev-{i}",
        "summary": f"Event {i}.",
        "participants": [{"actor": first, "role": "visitor"}, {"actor": "a0", "role": "host"}],
        "when": f"{1990 + i % 30}-{1 + i % 12:02d}",
        "status": "occurred",
    }


def jsonl(records: list[dict[str, object]]) -> str:
    return "\n".join([HEADER, *map(_encode, records)]) + "\n"


def document(records: list[dict[str, object]]) -> str:
    doc: dict[str, object] = {"format": "diplo-events", "version": 1}
    for name in ("sources", "actors", "memberships", "places", "events"):
        doc[name] = [
            {k: v for k, v in r.items() if k != "type"} for r in records if r["type"] == name[:-1]
        ]
    return json.dumps(doc)


def unknown_actor_per_event(n: int) -> list[dict[str, object]]:
    return [actor(i) for i in range(50)] + [event(i, f"ghost-{i}") for i in range(n)]


def place_chain(n: int, *, cycle: bool = False) -> list[dict[str, object]]:
    """Places p0 part_of p1 ... part_of p(n-1) (and back to p0 with `cycle`); an event at p0."""
    places: list[dict[str, object]] = [
        {"type": "place", "id": f"p{i}", "name": f"P{i}", "kind": "region"} for i in range(n)
    ]
    for i in range(n - 1):
        places[i]["part_of"] = f"p{i + 1}"
    if cycle:
        places[-1]["part_of"] = "p0"
    visit = event(0, "a1") | {"place": "p0"}
    return [actor(0), actor(1), *places, visit]


class TestErrorReports:
    def test_jsonl_one_unknown_actor_per_event(self) -> None:
        """JSON Lines: one cross-record problem per event, each moved to its line."""
        assert_linear(lambda n: refused(jsonl(unknown_actor_per_event(n)), n))

    def test_json_one_unknown_actor_per_event(self) -> None:
        """The same as one JSON document."""
        assert_linear(lambda n: refused(document(unknown_actor_per_event(n)), n))

    def test_jsonl_one_bad_line_per_event(self) -> None:
        """One decode problem per line (a bad kind of event)."""

        def make(n: int) -> Callable[[], object]:
            records = [event(i, "a0") | {"kind": "parade"} for i in range(n)]
            return refused(jsonl(records), n)

        assert_linear(make)

    def test_one_repeated_id_per_event(self) -> None:
        """Every event repeating the id of an earlier one."""

        def make(n: int) -> Callable[[], object]:
            records = [actor(0), actor(1)] + [event(i // 2, "a1") for i in range(2 * n)]
            return refused(jsonl(records), n)

        assert_linear(make)

    def test_rendering_many_problems(self) -> None:
        """The message of an error with one problem per event, and its problems' paths."""

        def make(n: int) -> Callable[[], object]:
            with pytest.raises(DiploEventsError) as info:
                de.loads(jsonl(unknown_actor_per_event(n)))
            error = info.value
            return lambda: (str(error), [p.path for p in error.problems])  # type: ignore[attr-defined]

        assert_linear(make)


class TestChains:
    def test_validating_a_place_chain(self) -> None:
        """A part_of chain of places is validated (references, cycles) in linear time."""
        assert_linear(lambda n: lambda: de.loads(jsonl(place_chain(n))))

    def test_a_part_of_cycle(self) -> None:
        """A cycle through every place is found and reported once."""
        assert_linear(lambda n: refused(jsonl(place_chain(n, cycle=True)), 1))

    def test_query_at_the_outermost_place(self) -> None:
        """query().at() over a part_of chain, index built afresh each time."""

        def make(n: int) -> Callable[[], object]:
            text = jsonl(place_chain(n))

            def run() -> None:
                ds = de.loads(text)
                assert ds.query().at(f"p{n - 1}").ids() == ("ev-0",)

            return run

        assert_linear(make)

    def test_sub_dataset_of_a_chain(self) -> None:
        """Query.to_dataset follows the whole part_of chain of the event's place."""

        def make(n: int) -> Callable[[], object]:
            ds = de.loads(jsonl(place_chain(n)))
            return lambda: ds.query().at("p0").to_dataset()

        assert_linear(make)

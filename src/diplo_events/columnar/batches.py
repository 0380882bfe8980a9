"""Pure functions over Arrow record batches of events, for engines that run them per partition.

Spark (``DataFrame.mapInArrow``), Dask (``map_partitions``) or a plain loop
over `pyarrow.dataset` batches call these on each batch of the store's events
table (see ``docs/interop.md``):

- `EventChecker` checks a batch against the actor, place and source tables
  and returns a table of problems (`PROBLEM_COLUMNS`): what the `Dataset`
  check reports for those events, at the same paths. Repeated event ids and
  ``part_of`` cycles need every event at once: `check_event_ids` finds them
  from the ``position``, ``id`` and ``part_of`` columns alone.
- `dyad_month_partials` counts pairs of sides per month in a batch; partial
  counts add up (`combine_dyad_partials`) to exactly `Dataset.dyad_counts(
  per_month=True)`.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..analysis import DyadCount
from ..errors import Problem
from ..model import Actor, Place, Source, TimeSpan
from ..validate import _check_cycles, check_events, side_of_actor
from ._schema import pyarrow
from ._tables import batch_records

__all__ = [
    "DYAD_PARTIAL_COLUMNS",
    "PROBLEM_COLUMNS",
    "EventChecker",
    "check_event_ids",
    "combine_dyad_partials",
    "dyad_month_partials",
    "problem_table",
]

PROBLEM_COLUMNS = (("path", "string"), ("message", "string"), ("value", "string"))
"""The columns of a problems table; ``value`` is the `repr` of the offending value."""

DYAD_PARTIAL_COLUMNS = (("a", "string"), ("b", "string"), ("month", "string"), ("total", "int64"))
"""The columns of a partial dyad count (``month`` null: not placed in one month)."""


def _schema(columns: tuple[tuple[str, str], ...]) -> Any:
    pa = pyarrow()
    return pa.schema([(name, getattr(pa, kind)()) for name, kind in columns])


def problem_table(problems: Iterable[Problem]) -> Any:
    """Problems as a `pyarrow.RecordBatch` of `PROBLEM_COLUMNS`."""
    rows = [{"path": p.path, "message": p.message, "value": repr(p.value)} for p in problems]
    return pyarrow().RecordBatch.from_pylist(rows, schema=_schema(PROBLEM_COLUMNS))


def _records(name: str, table: Any) -> list[Any]:
    problems: list[Problem] = []
    records = [r for _, r in batch_records(name, table.to_pylist(), problems)]
    if problems:
        from ..errors import DecodeError  # noqa: PLC0415 - only on bad input

        raise DecodeError(problems)
    return records


_BUILT: dict[str, tuple[Any, ...]] = {}
"""The lookups of the checker last used in this process, by its token."""


class EventChecker:
    """Checks batches of the events table against the rest of the store.

    Build it once (on the driver, or once per partition) from the store's
    ``sources``, ``actors`` and ``places`` tables and a table of every event's
    ``id`` and ``when`` (for ``part_of`` and relation targets); it pickles,
    so Spark can ship it to executors.

    Raises:
        DecodeError: a reference table has rows that do not decode.
    """

    def __init__(self, *, sources: Any, actors: Any, places: Any, events: Any) -> None:
        self._tables = (sources, actors, places, events)
        self._token = uuid.uuid4().hex
        self._lookups: tuple[Any, ...] | None = None

    def __getstate__(self) -> tuple[Any, ...]:
        return (self._token, self._tables)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self._token, self._tables = state
        # Engines unpickle the checker for every task; a worker process that runs
        # several tasks builds the lookups once.
        self._lookups = _BUILT.get(self._token)

    def _lookup(self) -> tuple[Any, ...]:
        if self._lookups is None:
            sources, actors, places, events = self._tables
            source_map: dict[str, Source] = {s.id: s for s in _records("sources", sources)}
            actor_map: dict[str, Actor] = {a.id: a for a in _records("actors", actors)}
            place_map: dict[str, Place] = {p.id: p for p in _records("places", places)}
            ids, whens = events.column("id").to_pylist(), events.column("when").to_pylist()
            spans = {k: TimeSpan.parse(w) for k, w in zip(ids, whens, strict=True)}
            self._lookups = (source_map, actor_map, place_map, spans)
            _BUILT.clear()  # one checker at a time per process: bounded memory
            _BUILT[self._token] = self._lookups
        return self._lookups

    def check(self, batch: Any) -> Any:
        """The problems of one `pyarrow.RecordBatch` of events, as a `problem_table`."""
        sources, actors, places, spans = self._lookup()
        problems: list[Problem] = []
        records = batch_records("events", batch.to_pylist(), problems)
        items = [(event.id, event) for _, event in records]
        problems.extend(check_events(items, sources, actors, places, spans))
        return problem_table(problems)

    def __call__(self, batches: Iterable[Any]) -> Iterator[Any]:
        """Check each batch (the signature ``mapInArrow`` and Dask partitions want)."""
        for batch in batches:
            yield self.check(batch)


def check_event_ids(table: Any) -> Any:
    """Repeated event ids and ``part_of`` cycles, from ``position``, ``id`` and ``part_of``.

    Returns a `problem_table` with the paths `Dataset` gives: a repeat at
    ``events[i].id`` (`i` the position), a cycle at its first member.
    """
    rows = sorted(
        zip(
            table.column("position").to_pylist(),
            table.column("id").to_pylist(),
            table.column("part_of").to_pylist(),
            strict=True,
        ),
        key=lambda row: row[0],
    )
    first: dict[str, int] = {}
    parents: dict[str, str | None] = {}
    problems: list[Problem] = []
    for position, key, part_of in rows:
        if key in first:
            problems.append(
                Problem(
                    path=f"events[{position}].id",
                    message=f"repeats the id of events[{first[key]}]",
                    value=key,
                )
            )
            continue
        first[key] = position
        parents[key] = part_of
    _check_cycles(problems, "events", _Parents(parents), lambda p: p.part_of)
    return problem_table(problems)


class _Parent:
    __slots__ = ("part_of",)

    def __init__(self, part_of: str | None) -> None:
        self.part_of = part_of


class _Parents(Mapping[str, _Parent]):
    """Ids to objects with a ``part_of``, as `_check_cycles` walks them."""

    def __init__(self, parents: dict[str, str | None]) -> None:
        self._parents = parents

    def __getitem__(self, key: str) -> _Parent:
        return _Parent(self._parents[key])

    def __contains__(self, key: object) -> bool:
        return key in self._parents

    def __iter__(self) -> Iterator[str]:
        return iter(self._parents)

    def __len__(self) -> int:
        return len(self._parents)


def _month(earliest: Any, latest: Any) -> str | None:
    """`analysis.dyad_counts`' month: ``"YYYY-MM"`` when both bounds lie in it, else None."""
    if earliest is None or latest is None:
        return None
    if (earliest.year, earliest.month) != (latest.year, latest.month):
        return None
    return f"{earliest:%Y-%m}"


def dyad_month_partials(batch: Any, actors: Mapping[str, Actor]) -> Any:
    """Count pairs of sides per month in one batch of events, as a `pyarrow.RecordBatch`.

    Sides and months follow `Dataset.dyad_counts(per_month=True)`; `actors`
    are the store's actors by id. Sum ``total`` by (a, b, month) over all
    batches to get the dataset's counts (`combine_dyad_partials`).
    """
    counts: Counter[tuple[str, str, str | None]] = Counter()
    cache: dict[str, str] = {}
    columns = batch.select(["participants", "earliest", "latest"]).to_pydict()
    for participants, earliest, latest in zip(*columns.values(), strict=True):
        month = _month(earliest, latest)
        sides = set()
        for p in participants:
            key = p["on_behalf_of"] or p["actor"]
            side = cache.get(key)
            if side is None:
                side = cache[key] = side_of_actor(key, actors)
            sides.add(side)
        ordered = sorted(sides)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                counts[a, b, month] += 1
    rows = [{"a": a, "b": b, "month": m, "total": n} for (a, b, m), n in counts.items()]
    return pyarrow().RecordBatch.from_pylist(rows, schema=_schema(DYAD_PARTIAL_COLUMNS))


def combine_dyad_partials(partials: Iterable[Any]) -> tuple[DyadCount, ...]:
    """Add up partial counts (batches or tables of `DYAD_PARTIAL_COLUMNS`) into `DyadCount` s.

    Sorted as `Dataset.dyad_counts` sorts them: by month (None last), then pair.
    """
    counts: Counter[tuple[str | None, str, str]] = Counter()
    for part in partials:
        for row in part.to_pylist():
            counts[row["month"], row["a"], row["b"]] += row["total"]
    dated = sorted(key for key in counts if key[0] is not None)
    keys = [*dated, *sorted(key for key in counts if key[0] is None)]
    return tuple(DyadCount(a=a, b=b, month=m, total=counts[m, a, b]) for m, a, b in keys)

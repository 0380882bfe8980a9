"""The Parquet store: a whole `Dataset` as a directory of Parquet files, and back, losslessly.

Layout (see ``docs/arrow-schema.md``)::

    DIR/sources.parquet  actors.parquet  memberships.parquet  places.parquet
    DIR/events/year=2017/part-0.parquet ...          (hive partitions, by year of `earliest`)
    DIR/events/year=__HIVE_DEFAULT_PARTITION__/...   (events with no known start)

``read_parquet(write_parquet(ds, d)) == ds`` for every dataset: rows are read
back through the JSON decoder and the dataset is validated as a whole again.
Needs pyarrow (the ``arrow`` extra).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .._files import atomic_directory
from .._gc import collector_paused
from ..dataset import Dataset
from ..errors import DecodeError, FileAccessError, Problem, UnsupportedFormatVersionError
from ..model import Actor, Event, Membership, Place, Source
from ._schema import PARTITION, SCHEMA_VERSION, VERSION_KEY, arrow_schema, pyarrow
from ._tables import batch_records, stored_columns, to_table

__all__ = ["EVENTS", "events_dataset", "read_parquet", "write_parquet", "write_records"]

EVENTS = "events"
"""The folder of the events table, inside the store."""

_FLAT = ("sources", "actors", "memberships", "places")
_BATCH = 50_000
_DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__"


def _parquet() -> Any:
    pyarrow()
    import pyarrow.parquet as pq  # noqa: PLC0415 - optional, imported on use

    return pq


def _compute() -> Any:
    pyarrow()
    import pyarrow.compute as pc  # noqa: PLC0415 - optional, imported on use

    return pc


def _partitioning() -> Any:
    pa = pyarrow()
    import pyarrow.dataset as pads  # noqa: PLC0415 - optional, imported on use

    return pads.partitioning(pa.schema([(PARTITION, pa.int32())]), flavor="hive")


STORE_ENTRIES = frozenset(
    {"sources.parquet", "actors.parquet", "memberships.parquet", "places.parquet", "events"}
)
"""What a store's directory holds: one file per collection and the events' partitions."""


def is_store(directory: Path) -> bool:
    """Whether `directory` holds a store and nothing else (so it may be replaced)."""
    try:
        names = {entry.name for entry in directory.iterdir()}
    except OSError:
        return False
    return "sources.parquet" in names and names <= STORE_ENTRIES


def write_parquet(ds: Dataset, directory: str | os.PathLike[str]) -> Path:
    """Write `ds` as a directory of Parquet files, replacing `directory` atomically as a whole.

    Events are written `_BATCH` at a time into hive partitions by the year of
    their earliest bound. Until the final rename nothing is visible at
    `directory`; on any failure (or SIGTERM) an old directory stays as it was.
    An existing `directory` is replaced only when it is empty or a store
    (`is_store`): a folder holding anything else is refused, never deleted.

    Returns:
        The directory written, as a `Path`.

    Raises:
        MissingDependencyError: pyarrow is not installed.
        FileAccessError: the directory cannot be written, or holds something
            other than a store (``EEXIST``).
    """
    return write_records(
        directory,
        sources=ds.sources.values(),
        actors=ds.actors.values(),
        memberships=ds.memberships,
        places=ds.places.values(),
        events=ds.events.values(),
    )


def write_records(
    directory: str | os.PathLike[str],
    *,
    sources: Iterable[Source] = (),
    actors: Iterable[Actor] = (),
    memberships: Iterable[Membership] = (),
    places: Iterable[Place] = (),
    events: Iterable[Event] = (),
) -> Path:
    """Write records that have not been checked as a dataset, as `write_parquet` does.

    For data too large to hold as one `Dataset`, to be checked where it is
    read (with `diplo_events.columnar.batches` under Spark, say). Each record
    is valid by construction; references between them are not checked.

    Raises:
        MissingDependencyError: pyarrow is not installed.
        FileAccessError: the directory cannot be written.
    """
    pq = _parquet()
    pc = _compute()
    collections = {
        "sources": sources, "actors": actors, "memberships": memberships, "places": places,
    }  # fmt: skip
    with (
        collector_paused(),
        atomic_directory(directory, replaces=is_store, what="a Parquet store") as tmp,
    ):
        for name, records in collections.items():
            pq.write_table(to_table(name, records), tmp / f"{name}.parquet")
        writers: dict[int | None, Any] = {}
        try:
            position = 0
            for chunk in _chunks(events):
                table = to_table(EVENTS, chunk, start=position)
                position += len(chunk)
                years = pc.year(table.column("earliest"))
                for year in pc.unique(years).to_pylist():
                    mask = pc.is_null(years) if year is None else pc.equal(years, year)
                    _writer(writers, tmp, year, pq).write_table(table.filter(mask))
        finally:
            for writer in writers.values():
                writer.close()
        (tmp / EVENTS).mkdir(exist_ok=True)
    return Path(directory)


def _chunks(records: Iterable[Event]) -> Iterator[list[Event]]:
    items = iter(records)
    while chunk := list(itertools.islice(items, _BATCH)):
        yield chunk


def _writer(writers: dict[int | None, Any], root: Path, year: int | None, pq: Any) -> Any:
    writer = writers.get(year)
    if writer is None:
        folder = root / EVENTS / f"{PARTITION}={_DEFAULT_PARTITION if year is None else year}"
        folder.mkdir(parents=True)
        writer = writers[year] = pq.ParquetWriter(folder / "part-0.parquet", arrow_schema(EVENTS))
    return writer


def events_dataset(directory: str | os.PathLike[str]) -> Any:
    """The events of a store as a `pyarrow.dataset.Dataset` (partition column ``year``)."""
    pyarrow()
    import pyarrow.dataset as pads  # noqa: PLC0415 - optional, imported on use

    folder = Path(directory) / EVENTS
    if not folder.is_dir():
        raise FileAccessError(2, "No such directory", os.fspath(folder))
    schema = arrow_schema(EVENTS).append(pyarrow().field(PARTITION, pyarrow().int32()))
    return pads.dataset(folder, format="parquet", partitioning=_partitioning(), schema=schema)


def _bad_file(path: Path, message: str, value: object) -> DecodeError:
    return DecodeError([Problem(path=os.fspath(path), message=message, value=value)])


def _check_file(path: Path, name: str, pq: Any) -> None:
    """Check a file's schema and version against the store's, before reading it."""
    try:
        found = pq.read_schema(path)
    except OSError as exc:
        raise FileAccessError.wrap(exc, os.fspath(path)) from exc
    except Exception as exc:
        raise _bad_file(path, "is not a Parquet file", str(exc)) from exc
    version = (found.metadata or {}).get(VERSION_KEY)
    if version != str(SCHEMA_VERSION).encode():
        text = None if version is None else version.decode(errors="replace")
        if text is not None and text.isdigit() and int(text) > SCHEMA_VERSION:
            message = f"has schema version {text}; this release reads {SCHEMA_VERSION}"
            newer = _bad_file(path, f"{message} (upgrade diplo-events)", text)
            raise UnsupportedFormatVersionError(newer.problems)
        raise _bad_file(
            path,
            f"is not a diplo-events {name} table "
            f"(schema version {SCHEMA_VERSION} missing from its metadata)",
            text,
        )
    if not found.remove_metadata().equals(arrow_schema(name).remove_metadata()):
        raise _bad_file(
            path,
            f"does not have the columns of the {name} table (see docs/arrow-schema.md)",
            found.names,
        )


def _event_rows(directory: Path, pq: Any) -> Iterator[dict[str, Any]]:
    events = events_dataset(directory)
    for path in events.files:
        _check_file(Path(path), EVENTS, pq)
    table = events.to_table(columns=stored_columns(EVENTS)).sort_by("position")
    for batch in table.to_batches(_BATCH):
        yield from batch.to_pylist()


def read_parquet(directory: str | os.PathLike[str]) -> Dataset:
    """Read a store written by `write_parquet` into a validated `Dataset`.

    Every file's schema and version are checked first; rows then decode as
    JSON records do, and the dataset is validated as a whole. Problems name the
    row as ``events[7].participants[0].role`` (events by their ``position``).

    Raises:
        MissingDependencyError: pyarrow is not installed.
        FileAccessError: a file is missing or unreadable.
        UnsupportedFormatVersionError: a file is of a newer schema version.
        DecodeError: a file is not a table of the store, or rows do not decode.
        ValidationError: the records do not form a valid dataset.
    """
    with collector_paused():  # millions of objects and no cycles, as in `serialize.load`
        return _read(Path(directory), _parquet())


def _read(root: Path, pq: Any) -> Dataset:
    problems: list[Problem] = []
    collections: dict[str, list[Any]] = {}
    for name in _FLAT:
        path = root / f"{name}.parquet"
        if not path.is_file():
            raise FileAccessError(2, "No such file", os.fspath(path))
        _check_file(path, name, pq)
        rows = pq.read_table(path, columns=stored_columns(name)).to_pylist()
        collections[name] = [r for _, r in batch_records(name, rows, problems)]
    records = batch_records(EVENTS, _event_rows(root, pq), problems)
    positions = [int(path[len(EVENTS) + 1 : -1]) for path, _ in records]
    if not problems and positions != list(range(len(positions))):
        problems.append(
            Problem(
                path=f"{EVENTS}.position",
                message="must number the events 0, 1, 2... without gaps or repeats",
                value=positions[:10],
            )
        )
    if problems:
        raise DecodeError(problems)
    collections[EVENTS] = [r for _, r in records]
    return Dataset(**collections)

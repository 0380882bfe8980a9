"""The contract every importer keeps, and the parts they share.

An importer turns the rows of a foreign file into records (sources, actors,
places, events) and an `ImportReport`. The contract, for ICEWS, GDELT, PLOVER,
POLECAT and any format after them:

- **Streaming.** Records are yielded as rows are read; memory grows with the
  distinct ids seen (about a hundred bytes each, to refuse duplicates), never
  with the rows' content.
- **Every row accounted for.** A row is in an event (``rows_in_events``) or in
  `ImportReport.skipped` with its line and reason, never both and never
  neither: ``rows == rows_in_events + len(skipped)``. Rows imported with a
  change (a field dropped, an id renamed) are also in `ImportReport.altered`.
- **No abort for one row.** A row that cannot be read or mapped is skipped and
  reported; only a file that is not of the format at all raises
  `ImportFormatError`, naming the file and the line: no header, the wrong
  header, a file of another version, or data rows of which not one has the
  format's shape (`ImportLog.fits`: the right number of fields, a JSON object
  with PLOVER's ``event``). A file whose header is right and that has no data
  rows (for PLOVER: an empty file or ``[]``) is an empty dataset, with a
  warning.
- **Deterministic ids** (`make_id`, `UniqueIds`): the same file gives the same
  ids; an id too long or not a slug is shortened with a hash, never refused;
  no id is ever yielded twice.
- **Duplicates** (`SeenRows`): a row repeating an earlier one exactly is
  skipped as a repeat; a row reusing an earlier row's id with other content is
  kept under a distinct id, and reported as altered.
- **Lines, not csv** (`iter_lines`): tab-separated files are split by hand, so
  no field is too long, a carriage return inside a field is data (reported),
  and CR-only line ends are recognised; undecodable lines are reported rows.
- **Headers** (`Columns`): a missing column is an error naming it (and what
  may have replaced it); extra, renamed (by a known alias or by case and
  punctuation) and moved columns are read by name and named in a warning.
- **Progress**: an optional callback gets the number of rows read every
  `progress_every` rows and once at the end.

The parts live in ``_lines.py`` (reading rows, headers, numbers) and
``_ids.py`` (ids and repeats); this module re-exports them beside the report,
the log and the `RowImporter` skeleton, so an importer imports from here.
"""

from __future__ import annotations

import abc
import os
from collections.abc import Callable, Iterable, Iterator
from typing import IO, ClassVar, TypeVar

import attrs

from .._files import open_binary
from ..dataset import Dataset
from ..errors import ValidationError
from ..model import Actor, Event, Membership, Place, Source
from ._ids import SeenRows, UniqueIds, digest, make_id, slug
from ._lines import (
    MAX_LINE_CHARS,
    Columns,
    ImportFormatError,
    Line,
    RowError,
    cells_of,
    iter_lines,
    number,
)

__all__ = [
    "MAX_LINE_CHARS",
    "Columns",
    "ImportFormatError",
    "ImportLog",
    "ImportReport",
    "Input",
    "Line",
    "Record",
    "RowError",
    "RowImporter",
    "RowIssue",
    "SeenRows",
    "UniqueIds",
    "cells_of",
    "collect",
    "digest",
    "input_name",
    "iter_lines",
    "make_id",
    "number",
    "slug",
]

Record = Source | Actor | Membership | Place | Event
"""What an importer yields."""

Input = str | os.PathLike[str] | IO[bytes] | IO[str]
"""What an importer reads: a path, or a binary or text file object."""

R = TypeVar("R")


@attrs.frozen(kw_only=True)
class RowIssue:
    """A row skipped or altered, and why.

    Attributes:
        line: The row's line in its file (a header is line 1), or its position
            for formats without lines.
        reason: What was wrong, or what was changed, in words.
        value: The offending value (a cell, an id), or None.
        row_id: The row's own id in its format (an ICEWS Event ID), or ``""``.
        file: Which input the line is in, for imports of several files
            (``"mentions"``), or ``""``.
    """

    line: int
    reason: str
    value: object = None
    row_id: str = ""
    file: str = ""

    def __str__(self) -> str:
        where = f"{self.file} line {self.line}" if self.file else f"line {self.line}"
        ident = f" ({self.row_id})" if self.row_id else ""
        got = f" (got {self.value!r})" if self.value is not None else ""
        return f"{where}{ident}: {self.reason}{got}"


@attrs.frozen(kw_only=True)
class ImportReport:
    """What an import did.

    Every row is in an event or skipped: ``rows == rows_in_events + len(skipped)``.

    Attributes:
        format: The format read (``"icews"``, ``"gdelt"``).
        rows: Data rows read (header and blank lines not counted).
        events: Events made.
        rows_in_events: Rows whose content is in an event (merged rows, and
            rows that became an event's reporting source, count here).
        merged_rows: Rows merged with others into one event.
        skipped: The rows in no event, in file order, each with its reason.
        altered: Rows imported with a change (a value dropped, an id renamed).
        warnings: Things about the whole file (a moved column, an unknown country).
        actors: Actors made. places: Places made. sources: Sources made.
    """

    format: str
    rows: int
    events: int
    rows_in_events: int
    merged_rows: int
    skipped: tuple[RowIssue, ...]
    altered: tuple[RowIssue, ...] = ()
    warnings: tuple[str, ...] = ()
    actors: int = 0
    places: int = 0
    sources: int = 0

    def summary(self) -> str:
        """One line: ``12 events from 20 rows (4 merged, 3 skipped, 1 altered, 0 warnings)``."""
        return (
            f"{self.events:,} events from {self.rows:,} rows ({self.merged_rows:,} merged, "
            f"{len(self.skipped):,} skipped, {len(self.altered):,} altered, "
            f"{len(self.warnings):,} warnings)"
        )


class ImportLog:
    """Collects an import's counts, issues and warnings, and calls the progress callback."""

    def __init__(
        self,
        format_name: str,
        *,
        progress: Callable[[int], None] | None = None,
        progress_every: int = 10_000,
    ) -> None:
        self.format = format_name
        self._progress = progress
        self._every = max(1, progress_every)
        self.rows = self.events = self.rows_in_events = self.merged_rows = 0
        self.main_rows = self.fitting = 0
        self._skipped: list[RowIssue] = []
        self._altered: list[RowIssue] = []
        self._warnings: list[str] = []
        self._counts = {Actor: 0, Place: 0, Source: 0}

    def row(self, *, file: str = "") -> None:
        """Count a data row read (of `file`, for the second input of an import of two)."""
        self.rows += 1
        if not file:
            self.main_rows += 1
        if self._progress is not None and self.rows % self._every == 0:
            self._progress(self.rows)

    def fits(self) -> None:
        """Count a row of the main file that has the format's shape, whatever became of it."""
        self.fitting += 1

    def finish(self) -> None:
        """Tell the progress callback the final count."""
        if self._progress is not None:
            self._progress(self.rows)

    def skip(
        self, line: int, reason: str, value: object = None, *, row_id: str = "", file: str = ""
    ) -> None:
        """Report a row that is in no event."""
        self._skipped.append(
            RowIssue(line=line, reason=reason, value=value, row_id=row_id, file=file)
        )

    def alter(
        self, line: int, reason: str, value: object = None, *, row_id: str = "", file: str = ""
    ) -> None:
        """Report a row imported with a change."""
        self._altered.append(
            RowIssue(line=line, reason=reason, value=value, row_id=row_id, file=file)
        )

    def add_warning(self, text: str) -> None:
        """Report something about the whole file."""
        self._warnings.append(text)

    def event(self, rows: int) -> None:
        """Count an event made of `rows` rows."""
        self.events += 1
        self.rows_in_events += rows
        if rows > 1:
            self.merged_rows += rows

    def absorbed(self, rows: int = 1) -> None:
        """Count rows that went into events without making one (a mention as a source)."""
        self.rows_in_events += rows

    def made(self, record: Record) -> None:
        """Count a record yielded (actors, places and sources are counted by type)."""
        kind = type(record)
        if kind in self._counts:
            self._counts[kind] += 1

    @property
    def report(self) -> ImportReport:
        """The report so far (complete once the import has finished)."""
        return ImportReport(
            format=self.format,
            rows=self.rows,
            events=self.events,
            rows_in_events=self.rows_in_events,
            merged_rows=self.merged_rows,
            skipped=tuple(sorted(self._skipped, key=lambda s: (s.file, s.line))),
            altered=tuple(sorted(self._altered, key=lambda s: (s.file, s.line))),
            warnings=tuple(self._warnings),
            actors=self._counts[Actor],
            places=self._counts[Place],
            sources=self._counts[Source],
        )


# -- the reader skeleton --


class RowImporter(abc.ABC):
    """A streaming importer: iterate it once for the records; `report` is then complete.

    Subclasses set `format_name` and `format_title` and implement `_records`,
    reading lines and reporting through `log` (``log.row()`` for each data row,
    ``log.fits()`` for each that has the format's shape); ids come from `ids`.
    """

    format_name: ClassVar[str]
    format_title: ClassVar[str]
    """The format as messages name it (``"ICEWS"``, ``"GDELT 2.0"``)."""
    main_file: ClassVar[str] = "file"
    """What messages call the file read (``"events file"`` when there are two)."""
    error: ClassVar[type[ImportFormatError]] = ImportFormatError
    """The error raised for a file not of the format (a subclass per format)."""

    def __init__(
        self,
        source: Input,
        *,
        progress: Callable[[int], None] | None = None,
        progress_every: int = 10_000,
    ) -> None:
        self._input = source
        self._name = input_name(source)
        self.log = ImportLog(self.format_name, progress=progress, progress_every=progress_every)
        self.ids = UniqueIds()
        self._done = False

    @property
    def report(self) -> ImportReport:
        """The import report (final once iteration has finished)."""
        return self.log.report

    def __iter__(self) -> Iterator[Record]:
        if self._done:
            name = type(self).__name__
            article = "an" if name[0] in "AEIOU" else "a"
            raise self.error.one("", f"{article} {name} can be iterated only once", None)
        self._done = True
        try:
            for record in self._open_and_read(self._input):
                self.log.made(record)
                yield record
            self._check_rows()
        except ImportFormatError as exc:
            if exc.file and isinstance(exc, self.error):
                raise
            raise self.error(exc.problems, file=exc.file or self._name) from None
        self.log.finish()

    def _check_rows(self) -> None:
        """Warn of a file with no rows; refuse one with rows of which none fits the format."""
        log = self.log
        if not log.main_rows:
            log.add_warning(f"the {self.main_file} has no rows")
            return
        if log.fitting:
            return
        skipped = [issue for issue in log.report.skipped if not issue.file]
        if not skipped:  # every row in an event, though none was counted as fitting
            return
        first = skipped[0]
        title = self.format_title
        article = "an" if title[0] in "AEIOU" else "a"
        plural = "s" if log.main_rows > 1 else ""
        raise self.error.one(
            f"line {first.line}",
            f"not {article} {title} {self.main_file}: none of its {log.main_rows:,} "
            f"row{plural} could be read as {title}; the first: {first.reason}",
            first.value,
        )

    def _open_and_read(self, source: Input) -> Iterator[Record]:
        if isinstance(source, (str, os.PathLike)):
            with open_binary(source) as f:
                yield from self._records(f)
        else:
            yield from self._records(source)

    @abc.abstractmethod
    def _records(self, f: IO[bytes] | IO[str]) -> Iterator[Record]:
        """Yield the records of the open file `f`, reporting to `log`."""

    def number_or_none(
        self,
        line: int,
        row_id: str,
        text: str,
        what: str,
        *,
        low: float,
        high: float,
        missing: Iterable[str] = ("",),
    ) -> float | None:
        """`number` for a value that can be dropped: a bad one is reported as altered (None)."""
        try:
            return number(text, low=low, high=high, what=what, missing=missing)
        except RowError as exc:
            self.log.alter(line, f"{exc.reason}; dropped", exc.value, row_id=row_id)
            return None

    def attempt(
        self,
        line: int,
        build: Callable[..., R],
        *args: object,
        row_id: str = "",
        file: str = "",
    ) -> R | None:
        """Return ``build(*args)`` for one row; on `RowError` or `ValidationError`, skip the row.

        The skipped row is reported with the error's reason (and value), and None returned.
        """
        try:
            return build(*args)
        except RowError as exc:
            self.log.skip(line, exc.reason, exc.value, row_id=row_id, file=file)
        except ValidationError as exc:
            self.log.skip(line, "; ".join(str(p) for p in exc.problems), row_id=row_id, file=file)
        return None


def input_name(source: Input, default: str = "") -> str:
    """How messages name `source`: a path as given, a file object's ``name``, else `default`."""
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else default


def collect(records: Iterable[Record]) -> Dataset:
    """A validated `Dataset` of the records an importer yields.

    Raises:
        ValidationError: the records do not form a valid dataset.
    """
    by_type: dict[type, list[Record]] = {Source: [], Actor: [], Membership: [], Place: []}
    events: list[Event] = []
    for record in records:
        if isinstance(record, Event):
            events.append(record)
        else:
            by_type[type(record)].append(record)
    return Dataset(
        sources=by_type[Source],  # type: ignore[arg-type]
        actors=by_type[Actor],  # type: ignore[arg-type]
        memberships=by_type[Membership],  # type: ignore[arg-type]
        places=by_type[Place],  # type: ignore[arg-type]
        events=events,
    )

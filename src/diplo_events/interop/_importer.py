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
  reported; only a file that is not of the format at all (no header, the wrong
  header, a file of another version) raises `ImportFormatError`, naming the line.
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
"""

from __future__ import annotations

import abc
import codecs
import hashlib
import math
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import IO, ClassVar, TypeVar

import attrs

from .._checks import MAX_ID_LENGTH, SLUG_RE
from .._files import open_binary
from ..dataset import Dataset
from ..errors import ValidationError
from ..model import Actor, Event, Membership, Place, Source

__all__ = [
    "Columns",
    "ImportFormatError",
    "ImportLog",
    "ImportReport",
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

MAX_LINE_CHARS = 1 << 24
"""Lines longer than this (16 Mi characters) are reported and skipped, not held in memory."""


class ImportFormatError(ValidationError):
    """A file not of the importer's format; the problem's path names the line (``line 1``)."""


class RowError(Exception):
    """Raised while mapping one row: the row is skipped and reported with `reason` and `value`."""

    def __init__(self, reason: str, value: object = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.value = value


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
        self._skipped: list[RowIssue] = []
        self._altered: list[RowIssue] = []
        self._warnings: list[str] = []
        self._counts = {Actor: 0, Place: 0, Source: 0}

    def row(self) -> None:
        """Count a data row read."""
        self.rows += 1
        if self._progress is not None and self.rows % self._every == 0:
            self._progress(self.rows)

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


# -- ids --

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def digest(*parts: str) -> str:
    """A hex SHA-1 digest of `parts` joined by tabs (for ids and duplicate checks, not security)."""
    return hashlib.sha1("\t".join(parts).encode("utf-8", "surrogatepass")).hexdigest()  # noqa: S324


def slug(text: str, limit: int = 80) -> str:
    """A lower-case ASCII slug of `text` (accents dropped), at most `limit` characters.

    Text with no Latin letters or digits gets ``x`` and a short hash instead.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = _NON_SLUG.sub("-", ascii_text.lower()).strip("-")
    if not out:
        return "x" + digest(text)[:8]
    return out[:limit].rstrip("-")


def make_id(*parts: str) -> str:
    """A valid id from `parts`: their slugs joined by ``-``, empty parts left out.

    An id over the 100-character limit keeps its first 91 characters and ends
    with ``-`` and 8 hex digits of a hash of all of it, so long names still
    give distinct, deterministic ids.
    """
    whole = "-".join(s for s in (slug(p, MAX_ID_LENGTH) for p in parts if p) if s) or "x"
    if len(whole) <= MAX_ID_LENGTH and SLUG_RE.fullmatch(whole):
        return whole
    head = whole[: MAX_ID_LENGTH - 9].rstrip("-")
    return f"{head}-{digest(*parts)[:8]}"


class UniqueIds:
    """Hands out ids, each at most once: a taken id gets a deterministic hash suffix.

    Memory grows with the ids handed out.
    """

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def __contains__(self, value: object) -> bool:
        return value in self._taken

    def claim(self, base: str, *salt: str) -> str:
        """Return `base` if free, else `base` and a suffix from a hash of `salt` (or a counter)."""
        if base not in self._taken:
            self._taken.add(base)
            return base
        key = digest(base, *salt)
        for size in (6, 10, 16, 40):
            candidate = make_id(base, key[:size])
            if candidate not in self._taken:
                self._taken.add(candidate)
                return candidate
        n = 2  # pragma: no cover - a 160-bit hash collided with an id already taken
        while make_id(base, str(n)) in self._taken:  # pragma: no cover
            n += 1
        self._taken.add(make_id(base, str(n)))  # pragma: no cover
        return make_id(base, str(n))  # pragma: no cover


class SeenRows:
    """Remembers each row id's first line and a digest of its content, to find repeats.

    Memory grows with the distinct row ids (an id, a line number and 16 bytes each).
    """

    def __init__(self) -> None:
        self._seen: dict[str, tuple[int, bytes]] = {}

    def check(self, row_id: str, line: int, cells: Sequence[str]) -> tuple[bool, int | None]:
        """Whether the row repeats an earlier one exactly, and the earlier line using its id.

        Returns ``(False, None)`` for a new id, ``(True, first)`` for an exact
        repeat and ``(False, first)`` for the same id with other content.
        """
        key = hashlib.md5("\t".join(cells).encode("utf-8", "surrogatepass")).digest()  # noqa: S324
        first = self._seen.get(row_id)
        if first is None:
            self._seen[row_id] = (line, key)
            return False, None
        return first[1] == key, first[0]


# -- lines --


@attrs.frozen(kw_only=True)
class Line:
    """One line of a tab-separated file.

    Attributes:
        number: Its line number, from 1.
        cells: Its tab-separated fields (empty when `problem` is set).
        problem: Why it could not be read (invalid UTF-8, too long), or None.
        note: A change made while reading it (a control character replaced,
            a fallback encoding used), or None.
        value: The offending bytes or character, for `problem` and `note`.
    """

    number: int
    cells: tuple[str, ...] = ()
    problem: str | None = None
    note: str | None = None
    value: object = None

    @property
    def blank(self) -> bool:
        """Whether the line holds nothing but white space."""
        return self.problem is None and not any(c.strip() for c in self.cells)


_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def _chunks(f: IO[bytes] | IO[str]) -> Iterator[str]:
    """Decode `f` in blocks; invalid UTF-8 becomes lone surrogates, found per line later."""
    decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    while True:
        block = f.read(1 << 16)
        if not block:
            break
        yield block if isinstance(block, str) else decoder.decode(block)
    tail = decoder.decode(b"", final=True)
    if tail:
        yield tail


def _raw_lines(f: IO[bytes] | IO[str], limit: int) -> Iterator[str | None]:
    r"""Yield lines without their ends: \n, \r\n, or \r alone in a file whose first block has no \n.

    None stands for a line longer than `limit`, which is skipped without holding it.
    """
    sep: str | None = None
    buf = ""
    skipping = False
    count = 0
    chunks = _chunks(f)
    while True:
        try:
            block = next(chunks)
        except StopIteration:
            break
        except UnicodeDecodeError as exc:
            raise ImportFormatError.one(
                f"line {count + 1}",
                "a text stream could not decode the bytes at or after this line; "
                "open the file in binary mode to have such lines reported and skipped",
                exc.object[exc.start : exc.end],
            ) from None
        start = len(buf)
        buf += block
        if sep is None:
            nl, cr = buf.find("\n"), buf.find("\r")
            if nl != -1:
                sep = "\n"
            elif cr != -1 and cr + 1 < len(buf):  # a bare CR and no LF in the first block
                sep = "\r"
            start = 0
        end = -1 if sep is None else buf.find(sep, start)
        while end != -1:
            line, buf = buf[:end], buf[end + 1 :]
            if not skipping:
                count += 1
                yield line if len(line) <= limit else None
            skipping = False
            end = buf.find(sep)  # type: ignore[arg-type]
        if len(buf) > limit:
            if not skipping:
                count += 1
                yield None
            skipping, buf = True, ""
    if buf and not skipping:
        yield buf if len(buf) <= limit else None


def iter_lines(
    f: IO[bytes] | IO[str],
    *,
    fallback_encoding: str | None = None,
    max_chars: int = MAX_LINE_CHARS,
) -> Iterator[Line]:
    r"""Split a tab-separated file into `Line`\ s, in constant memory per line.

    Lines end in ``\n`` or ``\r\n``, or in ``\r`` alone when the file's first
    line does (old Mac files). A line that is not UTF-8 is decoded with
    `fallback_encoding` (noted) or reported as a problem; control characters
    inside fields (a bare carriage return) become spaces (noted); a byte order
    mark at the start is dropped.
    """
    for number, raw in enumerate(_raw_lines(f, max_chars), start=1):
        if raw is None:
            yield Line(number=number, problem=f"is longer than {max_chars:,} characters")
            continue
        text, note = raw, None
        value: object = None
        if number == 1:
            text = text.removeprefix("\ufeff")
        text = text.removesuffix("\r")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            bad = text[exc.start : exc.end].encode("utf-8", "surrogateescape")
            if fallback_encoding is None:
                yield Line(number=number, problem="is not valid UTF-8", value=bad)
                continue
            text = text.encode("utf-8", "surrogateescape").decode(fallback_encoding, "replace")
            note, value = f"is not valid UTF-8; read as {fallback_encoding}", bad
        found = _CONTROL.search(text)
        if found is not None:
            note = (
                f"a control character (U+{ord(found.group()):04X}) in a field was read as a space"
            )
            value = found.group()
            text = _CONTROL.sub(" ", text)
        yield Line(number=number, cells=tuple(text.split("\t")), note=note, value=value)


# -- headers --


def _loose(name: str) -> str:
    """A column name compared loosely: case, spaces and punctuation ignored (``event_id``)."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


@attrs.frozen(kw_only=True)
class Columns:
    """The columns of a format: their names in order, optional ones, and other names they go by.

    Attributes:
        format: The format's name, for messages (``"ICEWS"``).
        names: The column names, in the format's order.
        optional: Names that may be absent (their cells read as ``""``).
        aliases: Other names of a column, to its name (``{"Event Intensity": "Intensity"}``).
    """

    format: str
    names: tuple[str, ...]
    optional: frozenset[str] = frozenset()
    aliases: Mapping[str, str] = attrs.field(factory=dict)

    def looks_like_header(self, cells: Sequence[str]) -> bool:
        """Whether a first line is a header: its first cell is the first column's name, loosely."""
        return bool(cells) and _loose(cells[0]) == _loose(self.names[0])

    def positions(self) -> dict[str, int]:
        """Each column's index when the file has no header and the format's order."""
        return {name: i for i, name in enumerate(self.names)}

    def match(self, header: Sequence[str], *, line: int = 1) -> tuple[dict[str, int], list[str]]:
        """Match a header row to the columns: (index of each column, warnings).

        Raises:
            ImportFormatError: a column is missing or named twice; the message
                names it, and the unexpected column found in its place.
        """
        loose = {_loose(n): n for n in self.names}
        loose.update({_loose(a): n for a, n in self.aliases.items()})
        index: dict[str, int] = {}
        extra: list[tuple[int, str]] = []
        renamed: list[str] = []
        problems: list[str] = []
        for i, cell in enumerate(c.strip() for c in header):
            name = cell if cell in self.names else self.aliases.get(cell) or loose.get(_loose(cell))
            if name is None:
                if cell:
                    extra.append((i, cell))
                continue
            if name in index:
                problems.append(
                    f"column {name!r} appears twice (columns {index[name] + 1} and {i + 1})"
                )
                continue
            index[name] = i
            if cell != name:
                renamed.append(f"{cell!r} read as {name!r}")
        missing = [n for n in self.names if n not in index and n not in self.optional]
        if not index:
            problems.insert(0, f"has none of the {len(self.names)} {self.format} columns")
        elif missing:
            text = f"misses the {self.format} column" + ("s " if len(missing) > 1 else " ")
            text += ", ".join(repr(m) for m in missing)
            if extra:
                text += "; found instead " + ", ".join(f"{c!r} (column {i + 1})" for i, c in extra)
            problems.insert(0, text)
        if problems:
            raise ImportFormatError.one(
                f"line {line}", "the header " + "; ".join(problems), "\t".join(header)
            )
        warnings = []
        if renamed:
            warnings.append(
                f"header names differ from the {self.format} names: " + ", ".join(renamed)
            )
        found = sorted(index, key=index.__getitem__)
        expected = [n for n in self.names if n in index]
        moved = [n for n, e in zip(found, expected, strict=True) if n != e]
        if moved:
            warnings.append(
                f"columns not in the {self.format} order, read by name: "
                + ", ".join(f"{n!r} (column {index[n] + 1})" for n in moved)
            )
        if extra:
            warnings.append(
                f"columns not in the {self.format} format, ignored: "
                + ", ".join(f"{c!r} (column {i + 1})" for i, c in extra)
            )
        return index, warnings


def cells_of(line: Line, index: Mapping[str, int], width: int) -> dict[str, str]:
    """The cells of a data line by column name (absent optional columns read ``""``).

    Raises:
        RowError: the line has not `width` fields.
    """
    if len(line.cells) != width:
        raise RowError(f"has {len(line.cells)} tab-separated fields, not {width}", len(line.cells))
    cells = line.cells
    return {name: cells[i] for name, i in index.items()}


# -- values --


def number(
    text: str, *, low: float, high: float, what: str, missing: Iterable[str] = ("",)
) -> float | None:
    """Parse a decimal number in ``[low, high]``; None for a missing value (``""``, ``NA``…).

    Raises:
        RowError: not a finite number, or out of range (the message says which).
    """
    text = text.strip()
    if text in missing:
        return None
    try:
        value = float(text)
    except ValueError:
        raise RowError(f"{what} is not a number", text) from None
    if not math.isfinite(value) or not low <= value <= high:
        raise RowError(f"{what} must be from {low:g} to {high:g}", text)
    return value


# -- the reader skeleton --


class RowImporter(abc.ABC):
    """A streaming importer: iterate it once for the records; `report` is then complete.

    Subclasses set `format_name` and implement `_records`, reading lines
    and reporting through `log`; ids come from `ids`.
    """

    format_name: ClassVar[str]
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
        except ImportFormatError as exc:
            if isinstance(exc, self.error):
                raise
            raise self.error(exc.problems) from None
        self.log.finish()

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

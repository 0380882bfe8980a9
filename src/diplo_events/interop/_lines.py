r"""Reading tab-separated rows: lines without the ``csv`` module, headers by name, numbers in range.

Part of the importer contract (``_importer.py``). `iter_lines` splits a file
into `Line`\ s in constant memory per line; `Columns` matches a header to a
format's columns by name; `cells_of` and `number` turn a line's cells into
values, raising `RowError` for the row's report. `ImportFormatError` is the one
error for a file that is not of its format.
"""

from __future__ import annotations

import codecs
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO

import attrs

from ..errors import Problem, ValidationError

__all__ = [
    "MAX_LINE_CHARS",
    "Columns",
    "ImportFormatError",
    "Line",
    "RowError",
    "cells_of",
    "iter_lines",
    "number",
]

MAX_LINE_CHARS = 1 << 24
"""Lines longer than this (16 Mi characters) are reported and skipped, not held in memory."""


class ImportFormatError(ValidationError):
    """A file not of the importer's format; the problem's path names the line (``line 1``).

    Attributes:
        file: The file read: a path as given, or a file object's ``name``;
            ``""`` when it has none. ``str(error)`` starts with it.
    """

    def __init__(self, problems: Sequence[Problem], *, file: str = "") -> None:
        super().__init__(problems)
        self.file = file

    def __str__(self) -> str:
        text = super().__str__()
        return f"{self.file}: {text}" if self.file else text

    def __reduce__(  # type: ignore[override]
        self,
    ) -> tuple[type[ImportFormatError], tuple[tuple[Problem, ...]], dict[str, str]]:
        return (type(self), (self.problems,), {"file": self.file})


class RowError(Exception):
    """Raised while mapping one row: the row is skipped and reported with `reason` and `value`."""

    def __init__(self, reason: str, value: object = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.value = value


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

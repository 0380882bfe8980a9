r"""A dataset as JSON Lines: a header line, then one record per line, tagged by its type.

::

    {"format":"diplo-events","version":1}
    {"type":"source","id":"src-asahi","title":"..."}
    {"type":"event","kind":"meeting","id":"ev-1",...}

Lines end in ``\n`` and hold compact JSON (https://jsonlines.org). Records
come collection by collection (sources, actors, memberships, places, events),
but a reader accepts any order. `iter_lines` reads a stream one line at a time,
so memory does not grow with the file; problems carry the line number
(``line 7.participants[1].actor``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..dataset import Dataset
from ..errors import DecodeError, Problem, ValidationError
from . import _jsonlib
from ._decode import json_type
from ._document import COLLECTIONS, records_of
from ._encode import encode_event
from ._fast import FastDecoder
from ._jsonlib import encode, encode_text, parse, parse_clean, repeated_key, utf8
from ._migrate import FORMAT_NAME, FORMAT_VERSION, check_header
from ._text import event_line

__all__ = ["decode_lines", "encode_lines", "iter_lines", "text_lines"]

_TYPES = {name[:-1]: (name, cls) for name, cls, _, _ in COLLECTIONS}
_TYPE_NAMES = ", ".join(repr(t) for t in _TYPES)
_TAGS = {name: name[:-1] for name, *_ in COLLECTIONS}
_CHUNK_LINES = 1000
"""Lines written per chunk by `encode_lines` without `orjson`."""
_DATASET_PATH = re.compile(r"(sources|actors|places|events)\[('[^']*'|\d+)\]|memberships\[(\d+)\]")


def _line_values(ds: Dataset) -> Iterator[dict[str, Any]]:
    """The JSON values of a dataset's lines, the header first."""
    yield {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    for (name, _, encode_record, _), records in zip(COLLECTIONS, records_of(ds), strict=True):
        tag = _TAGS[name]
        for record in records:
            yield {"type": tag, **encode_record(record)}


def encode_lines(ds: Dataset, *, standard: bool = False) -> Iterator[bytes]:
    r"""Yield the lines of a dataset as UTF-8, each ending in ``\n``, the header first.

    Without `orjson`, or with `standard` (which forces the standard library's
    encoder: see `needs_standard_library`), the lines come from `text_lines`,
    in chunks of `_CHUNK_LINES` lines.

    Raises:
        ValidationError: a string holds a lone surrogate, which UTF-8 cannot encode.
    """
    if standard or _jsonlib.orjson is None:
        lines = text_lines(ds)
        while chunk := "".join(itertools.islice(lines, _CHUNK_LINES)):
            yield utf8(chunk)
        return
    for value in _line_values(ds):
        yield encode(value) + b"\n"


def text_lines(ds: Dataset) -> Iterator[str]:
    r"""Yield the lines of a dataset as text, each ending in ``\n``, without checking UTF-8.

    The standard library's encoding: events are written by `event_line`, the
    other records through their dicts and `encode_text`, without `orjson`.
    """
    yield encode_text({"format": FORMAT_NAME, "version": FORMAT_VERSION}, standard=True) + "\n"
    for (name, _, encode_record, _), records in zip(COLLECTIONS, records_of(ds), strict=True):
        if encode_record is encode_event:
            yield from map(event_line, records)
            continue
        tag = _TAGS[name]
        for record in records:
            yield encode_text({"type": tag, **encode_record(record)}, standard=True) + "\n"


def _header(lines: Iterator[tuple[int, bytes | str]]) -> None:
    for number, line in lines:
        path = f"line {number}"
        try:
            value = parse(line)
        except DecodeError as exc:
            raise exc.at(path) from None
        check_header(value, path)
        repeated = repeated_key(value)
        if repeated is not None:
            raise DecodeError.one(path, "repeats a key", repeated)
        extra = sorted(value.keys() - {"format", "version"})
        if extra:
            raise DecodeError.one(
                path, "must be the header, with only 'format' and 'version'", extra
            )
        return
    raise DecodeError.one("", "is empty; expected the header line", "")


def _record(
    decoder: FastDecoder, number: int, line: bytes | str, problems: list[Problem]
) -> tuple[str, Any] | None:
    """Decode one record line into (collection name, record), or None after adding problems."""
    path = f"line {number}"
    try:
        value, plain = parse_clean(line)
    except DecodeError as exc:
        problems.extend(p.at(path) for p in exc.problems)
        return None
    if not isinstance(value, dict):
        problems.append(
            Problem(path=path, message="must be an object (a record)", value=json_type(value))
        )
        return None
    tag = value.pop("type", None)
    entry = _TYPES.get(tag) if type(tag) is str else None
    if entry is None:
        problems.append(
            Problem(path=f"{path}.type", message=f"must be one of {_TYPE_NAMES}", value=tag)
        )
        return None
    name, cls = entry
    record = decoder.decode(cls, value, path, problems, plain=plain)
    return None if record is None else (name, record)


def iter_lines(lines: Iterable[bytes | str]) -> Iterator[Any]:
    """Decode a JSON Lines stream lazily, yielding records in file order.

    Raises:
        DecodeError: at the header, or at the first line that does not decode
            (all of that line's problems, with its line number).
    """
    numbered = _numbered(lines)
    _header(numbered)
    decoder = FastDecoder()
    for number, line in numbered:
        problems: list[Problem] = []
        decoded = _record(decoder, number, line, problems)
        if decoded is None:
            raise DecodeError(problems)
        yield decoded[1]


def decode_lines(lines: Iterable[bytes | str]) -> Dataset:
    """Decode a whole JSON Lines stream into a validated `Dataset`.

    Every line's problems are collected and raised together. Problems found
    when checking the records together get the line of the record as path.

    Raises:
        DecodeError: the header is wrong, or some lines do not decode.
        ValidationError: the records decode but do not form a valid dataset.
    """
    numbered = _numbered(lines)
    _header(numbered)
    collections: dict[str, list[Any]] = {name: [] for name, *_ in COLLECTIONS}
    where: dict[str, list[int]] = {name: [] for name, *_ in COLLECTIONS}
    problems: list[Problem] = []
    decoder = FastDecoder()
    for number, line in numbered:
        decoded = _record(decoder, number, line, problems)
        if decoded is not None:
            collections[decoded[0]].append(decoded[1])
            where[decoded[0]].append(number)
    if problems:
        raise DecodeError(problems)
    try:
        return Dataset(**collections)
    except ValidationError as exc:
        relocate = _Relocator(collections, where)
        raise ValidationError([relocate(p) for p in exc.problems]) from None


class _Relocator:
    """Replaces a dataset path's head (``events['ev-3']``, ``memberships[2]``) by its line.

    The position of each id is looked up in a table built once per collection,
    on first need, so relocating one problem per record stays linear.
    """

    def __init__(self, collections: dict[str, list[Any]], where: dict[str, list[int]]) -> None:
        self._collections = collections
        self._where = where
        self._positions: dict[str, dict[str, int]] = {}

    def _position(self, name: str, key: str) -> int | None:
        if key.startswith("'"):
            positions = self._positions.get(name)
            if positions is None:
                positions = {}
                for i, record in enumerate(self._collections[name]):
                    positions.setdefault(record.id, i)
                self._positions[name] = positions
            return positions.get(key[1:-1])
        return int(key)

    def __call__(self, problem: Problem) -> Problem:
        match = _DATASET_PATH.match(problem.path)
        if match is None:
            return problem
        name = match.group(1) or "memberships"
        position = self._position(name, match.group(2) or match.group(3))
        lines = self._where[name]
        if position is None or position >= len(lines):
            return problem
        rest = problem.path[match.end() :]
        return Problem(
            path=f"line {lines[position]}{rest}", message=problem.message, value=problem.value
        )


_BLANK = " \t\r\n"


def _numbered(lines: Iterable[bytes | str]) -> Iterator[tuple[int, bytes | str]]:
    r"""Number the lines from 1, drop their ``\n`` ending and skip blank lines.

    A blank line holds only JSON whitespace (editors add one at the end); it
    is skipped but still counted, so line numbers match the file's.

    Raises:
        DecodeError: an item is not text (``str`` or ``bytes``).
    """
    blank_bytes = _BLANK.encode()
    for number, line in enumerate(lines, start=1):
        if isinstance(line, bytes):
            # `in` on a one-byte slice (empty at the end) avoids copying every line to strip it
            if line[:1] in blank_bytes and not line.strip(blank_bytes):
                continue
            yield number, line[:-1] if line[-1:] == b"\n" else line
        elif isinstance(line, str):
            if line[:1] in _BLANK and not line.strip(_BLANK):
                continue
            yield number, line[:-1] if line[-1:] == "\n" else line
        else:
            raise DecodeError.one(
                f"line {number}", "must be a line of text (str or bytes)", type(line).__name__
            )


def split_lines(data: bytes | str) -> list[bytes] | list[str]:
    r"""Split text at ``\n`` only, not at the other breaks `str.splitlines` knows."""
    parts = data.split(b"\n") if isinstance(data, bytes) else data.split("\n")
    if not parts[-1]:
        parts.pop()
    return parts

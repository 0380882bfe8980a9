"""The items of a JSON array file or a JSON Lines file, each with the line it starts on.

A file whose first character is ``[`` is one JSON array: it is read whole (its
size bounds the memory) and decoded item by item. Anything else is JSON
Lines, read one line at a time in constant memory; blank lines are skipped.
An item that is not valid JSON, or an object with a repeated key, comes as a
`RowError`; a JSON array that breaks off raises `ImportFormatError`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from ._importer import ImportFormatError, RowError

__all__ = ["json_items"]


class _Repeated(dict[str, Any]):
    """A JSON object that had a key more than once (the repeated keys in `repeated`)."""

    repeated: list[str]


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    repeated: list[str] = []
    for key, value in pairs:
        if key in out:
            repeated.append(key)
        out[key] = value
    if not repeated:
        return out
    flagged = _Repeated(out)
    flagged.repeated = repeated
    return flagged


_DECODER = json.JSONDecoder(object_pairs_hook=_pairs)


def _repeats(value: object) -> list[str]:
    """The repeated keys of any object inside `value`."""
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, _Repeated):
            found.extend(item.repeated)
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _checked(value: object) -> object:
    repeated = _repeats(value)
    if repeated:
        return RowError("an object repeats the key", repeated[0])
    return value


def _text(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFormatError.one(
            f"line {line}", f"{what} must be UTF-8", data[exc.start : exc.end]
        ) from None


def json_items(f: IO[bytes] | IO[str]) -> Iterator[tuple[int, object]]:
    """Yield (line, item) for each item; an item that cannot be read is a `RowError`.

    Raises:
        ImportFormatError: a JSON array file that is not valid JSON or not UTF-8.
    """
    head = f.read(1 << 16)
    first = head.lstrip()[:1]
    if first in ("[", b"["):
        rest = f.read()
        if isinstance(head, str) and isinstance(rest, str):
            text = head + rest
        else:
            raw = (head if isinstance(head, bytes) else head.encode("utf-8")) + (
                rest if isinstance(rest, bytes) else rest.encode("utf-8")
            )
            text = _text(raw, "a JSON file")
        yield from _array_items(text)
        return
    yield from _line_items(head, f)


def _array_items(text: str) -> Iterator[tuple[int, object]]:
    pos = text.index("[") + 1
    line, counted = 1, 0
    expect_item = True
    while True:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        line += text.count("\n", counted, pos)
        counted = pos
        if pos >= len(text):
            raise ImportFormatError.one(f"line {line}", "the JSON array is not closed", None)
        if text[pos] == "]":
            return
        if not expect_item:
            if text[pos] != ",":
                raise ImportFormatError.one(
                    f"line {line}", "is not valid JSON: ',' or ']' expected", text[pos : pos + 20]
                )
            pos += 1
            expect_item = True
            continue
        try:
            item, end = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise ImportFormatError.one(
                f"line {exc.lineno}", "is not valid JSON", str(exc).split(":")[0]
            ) from None
        except RecursionError:
            raise ImportFormatError.one(
                f"line {line}", "is nested too deeply", text[pos : pos + 20]
            ) from None
        yield line, _checked(item)
        pos = end
        expect_item = False


def _raw_lines(head: bytes | str, f: IO[bytes] | IO[str]) -> Iterator[bytes | str]:
    """The lines of `head` followed by the rest of `f`, without their line ends."""
    if isinstance(head, str):
        rest: Iterator[str | bytes] = iter(f)
        yield from (line.rstrip("\n") for line in _join_text(head, rest))
        return
    buf = head
    searched = 0
    while True:
        at = buf.find(b"\n", searched)
        if at != -1:
            yield buf[:at]
            buf, searched = buf[at + 1 :], 0
            continue
        more = f.read(1 << 16)
        if not more:
            if buf:
                yield buf
            return
        searched = len(buf)
        buf += more if isinstance(more, bytes) else more.encode("utf-8")


def _join_text(head: str, rest: Iterator[str | bytes]) -> Iterator[str]:
    """The lines of a text file whose first `head` characters were already read."""
    lines = head.split("\n")
    carry = lines.pop()
    yield from (line + "\n" for line in lines)
    for more in rest:
        text = more if isinstance(more, str) else more.decode("utf-8", "replace")
        if text.endswith("\n"):
            yield carry + text
            carry = ""
        else:
            carry += text
    if carry:
        yield carry


def _line_items(head: bytes | str, f: IO[bytes] | IO[str]) -> Iterator[tuple[int, object]]:
    for number, raw in enumerate(_raw_lines(head, f), start=1):
        yield from _one_line(number, raw)


def _one_line(number: int, raw: bytes | str) -> Iterator[tuple[int, object]]:
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield number, RowError("is not valid UTF-8", raw[exc.start : exc.end])
            return
    raw = raw.strip()
    if not raw:
        return
    try:
        item, end = _DECODER.raw_decode(raw)
    except (json.JSONDecodeError, RecursionError) as exc:
        reason = str(exc).split(":")[0] if isinstance(exc, json.JSONDecodeError) else "too deep"
        yield number, RowError(f"is not valid JSON ({reason})", raw[:80])
        return
    if end != len(raw):
        yield number, RowError("holds more than one JSON value", raw[:80])
        return
    yield number, _checked(item)

"""`dumps`, `loads`, `dump`, `load` and `iter_records`: datasets to and from JSON and JSON Lines."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Literal

from .._files import open_binary, write_atomic
from .._gc import collector_paused
from ..dataset import Dataset
from ..errors import DecodeError, ValidationError
from . import _jsonlib
from ._document import from_document, needs_standard_library, to_document
from ._jsonlib import check_utf8, encode, encode_text, parse, parse_clean
from ._lines import decode_lines, encode_lines, iter_lines, split_lines, text_lines

__all__ = ["dump", "dumps", "iter_records", "load", "loads"]

Format = Literal["json", "jsonl"]
_SUFFIXES: dict[str, Format] = {".json": "json", ".jsonl": "jsonl"}
_HEADER_KEYS = frozenset({"format", "version"})


def _check_format(format: object) -> Format:  # noqa: A002 - the public keyword is `format`
    if format not in ("json", "jsonl"):
        raise ValidationError.one("format", "must be 'json' or 'jsonl'", format)
    return format


def _encode(ds: Dataset, format: Format) -> Iterator[bytes]:  # noqa: A002
    if not isinstance(ds, Dataset):
        raise ValidationError.one("ds", "must be a Dataset", type(ds).__name__)
    standard = needs_standard_library(ds)
    if format == "json":
        yield encode(to_document(ds), indented=True, standard=standard)
    else:
        yield from encode_lines(ds, standard=standard)


def dumps(ds: Dataset, *, format: Format = "json") -> str:  # noqa: A002
    """Serialise a dataset to canonical text: a JSON document (indented) or JSON Lines.

    The same dataset always gives the same text, and ``loads(dumps(ds)) == ds``.

    Raises:
        ValidationError: `format` is not ``"json"`` or ``"jsonl"``, or a string
            holds a lone surrogate (which UTF-8 cannot encode).
    """
    fmt = _check_format(format)
    if _jsonlib.orjson is not None:  # orjson makes bytes natively
        return b"".join(_encode(ds, fmt)).decode("utf-8")
    if not isinstance(ds, Dataset):
        raise ValidationError.one("ds", "must be a Dataset", type(ds).__name__)
    text = encode_text(to_document(ds), indented=True) if fmt == "json" else "".join(text_lines(ds))
    check_utf8(text)
    return text


def _detect(data: str | bytes) -> Format:
    """JSON Lines if the first non-blank line alone is JSON and is the header or has more lines."""
    newline = b"\n" if isinstance(data, bytes) else "\n"
    blank = b" \t\r\n" if isinstance(data, bytes) else " \t\r\n"
    first, sep, rest = data.lstrip(blank).partition(newline)  # type: ignore[arg-type]
    if not sep:
        return "json"
    try:
        value = parse(first)
    except DecodeError:
        return "json"
    if isinstance(value, dict) and value.keys() == _HEADER_KEYS:
        return "jsonl"
    return "jsonl" if rest.strip() else "json"


def loads(data: str | bytes, *, format: Format | None = None) -> Dataset:  # noqa: A002
    """Load a dataset from JSON or JSON Lines text (``str`` or UTF-8 ``bytes``).

    With `format` None the format is detected: JSON Lines when the first line
    is a complete JSON value on its own. Decoding is strict and collects every
    problem with its path; the garbage collector is paused meanwhile.

    Raises:
        UnsupportedFormatVersionError: the data is of a newer format version.
        DecodeError: the data is not valid JSON or not a valid document.
        ValidationError: the records do not form a valid dataset.
    """
    if not isinstance(data, (str, bytes)):
        raise DecodeError.one("", "must be JSON text (str or bytes)", type(data).__name__)
    fmt = _detect(data) if format is None else _check_format(format)
    with collector_paused():
        if fmt == "json":
            value, plain = parse_clean(data, indented=True)
            return from_document(value, plain=plain)
        return decode_lines(split_lines(data))


def _suffix_format(target: object) -> Format | None:
    """The format a file name's suffix says (``.json``, ``.jsonl``), or None."""
    name = target if isinstance(target, (str, Path)) else getattr(target, "name", "")
    suffix = Path(name).suffix.lower() if isinstance(name, (str, Path)) else ""
    return _SUFFIXES.get(suffix)


def _format_of(target: object, format: Format | None) -> Format:  # noqa: A002
    if format is not None:
        return _check_format(format)
    fmt = _suffix_format(target)
    if fmt is None:
        name = target if isinstance(target, (str, Path)) else getattr(target, "name", "")
        raise ValidationError.one(
            "format", "cannot tell from the file name: pass format='json' or 'jsonl'", str(name)
        )
    return fmt


def dump(ds: Dataset, target: str | Path | IO[Any], *, format: Format | None = None) -> None:  # noqa: A002
    """Write a dataset to a path or an open file, as JSON (``.json``) or JSON Lines (``.jsonl``).

    The format comes from the file name's suffix unless `format` is given. A
    path is written atomically: a temporary file beside it is fsynced and
    renamed over it, so a failure leaves the old file as it was. An open file
    gets bytes, or text if it is a text file.

    Raises:
        ValidationError: the format cannot be told, or the data cannot be encoded.
        FileAccessError: the file cannot be written (also an `OSError`).
    """
    fmt = _format_of(target, format)
    chunks = _encode(ds, fmt)
    if isinstance(target, (str, Path)):
        write_atomic(Path(target), chunks)
    elif isinstance(target, io.TextIOBase):
        for chunk in chunks:
            target.write(chunk.decode("utf-8"))
    else:
        for chunk in chunks:
            target.write(chunk)


def _lines_of(source: str | Path | IO[Any]) -> Iterator[Any]:
    if isinstance(source, (str, Path)):
        with open_binary(source) as f:
            yield from f
    else:
        yield from source


def _read_all(source: str | Path | IO[Any]) -> str | bytes:
    if isinstance(source, (str, Path)):
        with open_binary(source) as f:
            data: Any = f.read()
    else:
        data = source.read()
    if not isinstance(data, (str, bytes)):
        raise DecodeError.one("", "must be a file of JSON text", type(data).__name__)
    return data


def _check_source(source: object, *, lines: bool) -> None:
    """Refuse a `source` that is neither a path nor a file (nor, with `lines`, an iterable)."""
    if isinstance(source, (str, Path)) or hasattr(source, "read"):
        return
    if lines and hasattr(source, "__iter__"):
        return
    what = "a path, an open file or an iterable of lines" if lines else "a path or an open file"
    raise DecodeError.one("source", f"must be {what}", type(source).__name__)


def load(source: str | Path | IO[Any], *, format: Format | None = None) -> Dataset:  # noqa: A002
    """Load a dataset from a path or an open file, as `loads` does.

    The format comes from `format`, else from the file name's suffix
    (``.json``, ``.jsonl``), else from the content, as `loads` detects it.
    JSON Lines named as such is read line by line.

    Raises:
        UnsupportedFormatVersionError: the file is of a newer format version.
        DecodeError: the file is not valid JSON or not a valid document, or
            `source` is neither a path nor an open file.
        ValidationError: the records do not form a valid dataset.
        FileAccessError: the file cannot be read (also an `OSError`), such as
            "No such file or directory", naming the path.
    """
    _check_source(source, lines=False)
    fmt = _check_format(format) if format is not None else _suffix_format(source)
    if fmt is None:
        return loads(_read_all(source))
    with collector_paused():
        if fmt == "jsonl":
            return decode_lines(_lines_of(source))
        value, plain = parse_clean(_read_all(source), indented=True)
        return from_document(value, plain=plain)


def iter_records(source: str | Path | IO[Any] | Iterable[bytes | str]) -> Iterator[Any]:
    """Read the records of a JSON Lines file one at a time, in constant memory.

    `source` is a path, an open file, or any iterable of lines (``str`` or
    ``bytes``). Blank lines are skipped. Each record (`Source`, `Actor`,
    `Membership`, `Place` or an event) is checked on its own as it is read;
    the checks that need the whole dataset (references, evidence against
    source text) are left to `load`.

    Raises:
        DecodeError: `source` is not a path, a file or an iterable (at once);
            at the header, or at the first line that does not decode or is
            not text (while iterating).
        FileAccessError: the file cannot be read (also an `OSError`).
    """
    _check_source(source, lines=True)
    return iter_lines(_lines_of(source))  # type: ignore[arg-type]

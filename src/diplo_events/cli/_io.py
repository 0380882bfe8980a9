"""Reading the dataset a command works on: a file, standard input (``-``) or ``reference``."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from typing import IO, Any, cast

from ..dataset import Dataset
from ..errors import ValidationError
from ._errors import EXIT_INVALID, EXIT_IO, CommandError, describe_os_error

__all__ = [
    "REFERENCE",
    "STDIN",
    "display_name",
    "invalid_message",
    "load_dataset",
    "read_dataset",
    "stdout_data",
]

REFERENCE = "reference"
"""The FILE argument that names the reference dataset shipped with the package."""

STDIN = "-"
"""The FILE argument that names standard input."""


def display_name(name: str) -> str:
    """How a FILE argument is named in messages (``<stdin>`` for ``-``)."""
    return "<stdin>" if name == STDIN else name


def read_dataset(name: str) -> Dataset:
    """Load the dataset named by a FILE argument.

    ``reference`` is the shipped reference dataset and ``-`` standard input.
    A ``.json`` or ``.jsonl`` file is read in that format; any other name has
    its format detected from its content.

    Raises:
        ValidationError: the data is not a valid dataset (a `DecodeError` when
            it does not even decode).
        OSError: the file cannot be read.
    """
    from ..serialize import load, loads  # noqa: PLC0415 - keep start-up fast

    if name == REFERENCE:
        from ..reference import load_reference  # noqa: PLC0415

        return load_reference()
    if name == STDIN:
        return loads(sys.stdin.buffer.read())
    return load(name)


class _TextBytes(io.RawIOBase):
    """Bytes written to a text stream that has no bytes layer, decoded as UTF-8."""

    def __init__(self, text: IO[str]) -> None:
        self._text = text

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._text.write(bytes(data).decode("utf-8"))
        return len(data)


@contextlib.contextmanager
def stdout_data(*, text: bool) -> Iterator[IO[Any]]:
    """Standard output for data (JSON, JSON Lines, CSV): UTF-8 bytes, whatever the locale.

    With `text`, a UTF-8 text layer with line ends as written (``newline=""``).

    Raises:
        OSError: standard output is closed.
    """
    sys.stdout.flush()
    raw = getattr(sys.stdout, "buffer", None)
    if raw is None:  # a stand-in without bytes (an IDE's console, a test double)
        stand_in: IO[Any] = sys.stdout if text else cast("IO[bytes]", _TextBytes(sys.stdout))
        yield stand_in
        return
    if not text:
        yield raw
        raw.flush()
        return
    wrapper = io.TextIOWrapper(raw, encoding="utf-8", newline="", write_through=True)
    try:
        yield wrapper
        wrapper.flush()
    finally:
        wrapper.detach()


def invalid_message(name: str, exc: ValidationError) -> str:
    """One line for an invalid file: its first problem and how many more there are."""
    more = len(exc.problems) - 1
    text = f"{display_name(name)}: {exc.problems[0]}"
    if more:
        plural = "s" if more > 1 else ""
        text += f" (and {more} more problem{plural}: run 'diplo-events validate {name}')"
    return text


def load_dataset(name: str) -> Dataset:
    """`read_dataset`, turning its errors into `CommandError` (exit 1 or 3)."""
    try:
        return read_dataset(name)
    except ValidationError as exc:
        raise CommandError(invalid_message(name, exc), EXIT_INVALID) from None
    except OSError as exc:
        raise CommandError(describe_os_error(exc), EXIT_IO) from None

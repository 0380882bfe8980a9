"""`main`: parse the command line, run the command, turn errors into messages and exit codes.

User errors never show a traceback: a `CommandError`, a `DiploEventsError`
(invalid data) or an `OSError` (a file that cannot be read or written) is
printed as one line, ``diplo-events: error: …``, and gives its exit code (see
`diplo_events.cli._errors`). A usage error prints argparse's usage line too.

When standard output is closed early (``diplo-events query reference | head -1``)
writing raises `BrokenPipeError`. As the Python documentation recommends
(library/signal, "Note on SIGPIPE"), standard output is then pointed at
``os.devnull`` so the interpreter's final flush cannot fail again, and the exit
code is 141 (128 + SIGPIPE), what a shell reports for a Unix tool stopped by
SIGPIPE, so ``set -o pipefail`` scripts can tell the output was cut short.

The last line of defence, so that no input, argument, locale or stream state
shows a traceback:

- a standard stream the shell closed (``<&-``, ``>&-``) reads or writes as a
  file error (``Bad file descriptor: '<stdout>'``, exit 3);
- text for people is written in the terminal's encoding with characters it
  cannot show escaped (``\u6771``), never `UnicodeEncodeError`; data (JSON,
  JSON Lines, CSV) is always written to standard output as UTF-8 bytes;
- any other exception is a bug: it is reported in one line as an internal
  error (exit 70, ``EX_SOFTWARE`` of sysexits.h), with the traceback only when
  the environment variable ``DIPLO_EVENTS_DEBUG`` is set.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Sequence
from typing import Any

from ..errors import DiploEventsError, ValidationError
from ._errors import (
    EXIT_BROKEN_PIPE,
    EXIT_DEPENDENCY,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_IO,
    EXIT_USAGE,
    CommandError,
    describe_os_error,
    print_error,
)
from ._parser import build_parser

__all__ = ["main"]


def _problem_message(exc: ValidationError) -> str:
    more = len(exc.problems) - 1
    return str(exc.problems[0]) + (f" (and {more} more)" if more else "")


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help and --version (0), usage errors (2)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        code: int = args.handler(args)
    except CommandError as exc:
        if exc.code == EXIT_USAGE:
            args.parser.print_usage(sys.stderr)
            print_error(exc.message, args.parser.prog)
        else:
            print_error(exc.message)
        return exc.code
    except ValidationError as exc:
        print_error(_problem_message(exc))
        return EXIT_INVALID
    except BrokenPipeError:
        raise
    except OSError as exc:  # before DiploEventsError: a FileAccessError is both
        print_error(describe_os_error(exc))
        return EXIT_IO
    except DiploEventsError as exc:  # MissingDependencyError is also an ImportError
        print_error(str(exc))
        return EXIT_DEPENDENCY if isinstance(exc, ImportError) else EXIT_INVALID
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as exc:
        if os.environ.get("DIPLO_EVENTS_DEBUG"):
            raise
        print_error(
            f"internal error ({type(exc).__name__}: {exc}); please report it "
            "(set DIPLO_EVENTS_DEBUG=1 to see the traceback)"
        )
        return EXIT_INTERNAL
    return code


class _ClosedStream(io.TextIOBase):
    """Stands in for a standard stream the shell closed: reading or writing is a file error."""

    def __init__(self, name: str) -> None:
        self._name = name

    def _fail(self, *_: Any) -> Any:
        raise OSError(errno.EBADF, "Bad file descriptor", self._name)

    read = readline = write = _fail

    @property
    def buffer(self) -> Any:
        """No bytes layer either: asking for it is the same file error."""
        return self._fail()

    def flush(self) -> None:
        """Nothing to flush."""


def _guard_streams() -> list[tuple[str, Any, str | None]]:
    """Replace closed standard streams; make text for people never fail to encode.

    Under ``python -u`` or ``PYTHONUNBUFFERED`` the bytes layer of standard
    output is a raw file, whose ``write`` may write only part of what it is
    given (a pipe); nothing retries the rest, and output would be lost without
    an error. Such a stream gets a buffered layer, which writes everything or
    raises (``BrokenPipeError`` for a closed pipe).

    Returns what `_restore_streams` needs to undo it: (name, stream, errors).
    """
    saved: list[tuple[str, Any, str | None]] = []
    for name in ("stdin", "stdout", "stderr"):
        stream = getattr(sys, name)
        saved.append((name, stream, getattr(stream, "errors", None)))
        if stream is None or getattr(stream, "closed", False):
            setattr(sys, name, _ClosedStream(f"<{name}>"))
        elif name != "stdin" and isinstance(stream, io.TextIOWrapper):
            raw = stream.buffer
            if isinstance(raw, io.RawIOBase):
                stream.flush()
                wrapper = io.TextIOWrapper(
                    io.BufferedWriter(raw),
                    encoding=stream.encoding,
                    errors="backslashreplace",
                    line_buffering=name == "stderr" or stream.line_buffering,
                )
                setattr(sys, name, wrapper)
            else:
                stream.reconfigure(errors="backslashreplace")
    return saved


def _restore_streams(saved: list[tuple[str, Any, str | None]]) -> None:
    """Put back the streams `_guard_streams` found (``main`` may run inside a program)."""
    for name, stream, errors in saved:
        current = getattr(sys, name)
        if current is not stream and isinstance(current, io.TextIOWrapper):
            with contextlib.suppress(OSError, ValueError):
                current.flush()
            with contextlib.suppress(OSError, ValueError):
                current.detach().detach()  # keep the raw file open: it is the original's
        elif current is stream and isinstance(stream, io.TextIOWrapper) and errors:
            with contextlib.suppress(OSError, ValueError):
                stream.reconfigure(errors=errors)
        setattr(sys, name, stream)


def _discard_stdout() -> None:
    """Point the standard output file descriptor at ``os.devnull`` (when it has one)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file, as under pytest's capture
        pass
    finally:
        os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``diplo-events`` with `argv` (default: ``sys.argv[1:]``) and return the exit code.

    The console script and ``python -m diplo_events`` exit with the code returned.
    """
    saved = _guard_streams()
    try:
        code = _run(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write("\n")
        return EXIT_INTERRUPTED
    finally:
        _restore_streams(saved)
    return code

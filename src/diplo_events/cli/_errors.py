"""Exit codes of the command line and the error that carries one.

=====  ==============================================================
code   meaning
=====  ==============================================================
0      success (``validate``: every file is valid)
1      invalid data: a file is not a valid dataset (or ICEWS file)
2      usage error: unknown command or flag, bad flag value
3      a file cannot be read or written (missing, a folder, no permission)
4      an optional dependency is missing (pyarrow, for Parquet)
70     internal error: a bug in diplo-events (``EX_SOFTWARE``); please report it
130    interrupted (Ctrl-C)
141    standard output was closed early (``| head``), as for SIGPIPE
=====  ==============================================================
"""

from __future__ import annotations

import contextlib
import sys

__all__ = [
    "EXIT_BROKEN_PIPE",
    "EXIT_DEPENDENCY",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_IO",
    "EXIT_OK",
    "EXIT_USAGE",
    "CommandError",
    "describe_os_error",
    "print_error",
]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_IO = 3
EXIT_DEPENDENCY = 4
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141


class CommandError(Exception):
    """A user error with the one-line message to print and the exit code to return."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def describe_os_error(exc: OSError) -> str:
    """A one-line description of a file error: ``No such file or directory: 'x.json'``."""
    if exc.strerror and exc.filename is not None:
        return f"{exc.strerror}: {str(exc.filename)!r}"
    return exc.strerror or str(exc) or type(exc).__name__


def print_error(message: str, prog: str = "diplo-events") -> None:
    """Write ``PROG: error: MESSAGE`` as one line to standard error.

    Control characters in `message` (a file name can hold them) are escaped,
    so an error cannot drive the terminal; a closed standard error is ignored.
    """
    from ._render import printable  # noqa: PLC0415 - _render imports the model

    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"{prog}: error: {printable(message)}\n")

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
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from ..errors import DiploEventsError, ValidationError
from ._errors import (
    EXIT_BROKEN_PIPE,
    EXIT_DEPENDENCY,
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
    return code


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
    try:
        code = _run(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return EXIT_INTERRUPTED
    return code

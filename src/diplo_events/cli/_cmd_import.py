"""The ``import`` commands: read another system's event data, save it as a dataset.

Each command calls one reader of `diplo_events.interop` and renders its
`ImportReport` on standard error: progress while reading, the file's warnings
and a summary line (unless ``--quiet``), every skipped and altered row with
``--verbose``.
"""

from __future__ import annotations

import argparse
import errno
import sys
from collections.abc import Callable
from pathlib import Path

from ..dataset import Dataset
from ..errors import ValidationError
from ..interop._importer import ImportFormatError, ImportReport
from ._commands import dataset_format, save
from ._errors import EXIT_INVALID, EXIT_IO, EXIT_OK, CommandError, describe_os_error
from ._io import STDIN, display_name, invalid_message
from ._render import printable

__all__ = ["format_message", "import_gdelt", "import_icews", "progress_printer", "run_import"]


def progress_printer(quiet: bool) -> Callable[[int], None] | None:
    """A progress callback printing ``N rows read`` to standard error (None when `quiet`)."""
    if quiet:
        return None
    shown = [0]

    def report(rows: int) -> None:
        if rows != shown[0]:
            shown[0] = rows
            sys.stderr.write(f"diplo-events: {rows:,} rows read\n")
            sys.stderr.flush()

    return report


def run_import(
    args: argparse.Namespace,
    read: Callable[[Callable[[int], None] | None], tuple[Dataset, ImportReport]],
    name: str,
) -> int:
    """Run `read` (given a progress callback), save its dataset to ``args.output``, show the report.

    Raises:
        CommandError: the output name has no dataset suffix, or the input is
            not of the format (`ImportFormatError`: exit 1, naming the file).
    """
    fmt = dataset_format(args.output, "-o/--output")
    folder = Path(args.output).parent
    if args.output != STDIN and not folder.is_dir():
        # Say so before reading a file of millions of rows, not after.
        missing = FileNotFoundError(errno.ENOENT, "No such file or directory", args.output)
        raise CommandError(describe_os_error(missing), EXIT_IO)
    try:
        ds, report = read(progress_printer(args.quiet))
    except ImportFormatError as exc:
        raise CommandError(format_message(name, exc), EXIT_INVALID) from None
    except ValidationError as exc:
        raise CommandError(invalid_message(name, exc), EXIT_INVALID) from None
    save(ds, args.output, fmt)
    if args.quiet:
        return EXIT_OK
    if args.verbose:
        for issue in report.skipped:
            sys.stderr.write(f"diplo-events: skipped {printable(str(issue))}\n")
        for issue in report.altered:
            sys.stderr.write(f"diplo-events: altered {printable(str(issue))}\n")
    for warning in report.warnings:
        sys.stderr.write(f"diplo-events: warning: {printable(warning)}\n")
    sys.stderr.write(f"diplo-events: {report.summary()} written to {display_name(args.output)}\n")
    return EXIT_OK


def format_message(name: str, exc: ImportFormatError) -> str:
    """One line for a file not of its format: the file (else `name`), the first problem, a count."""
    more = len(exc.problems) - 1
    text = f"{exc.file or display_name(name)}: {exc.problems[0]}"
    if more:
        text += f" (and {more} more problem{'s' if more > 1 else ''})"
    return text


def import_icews(args: argparse.Namespace) -> int:
    """Read an ICEWS event file and save it as a dataset, with progress on standard error."""
    from ..interop.icews import read_icews  # noqa: PLC0415 - keep start-up fast

    return run_import(args, lambda progress: read_icews(args.file, progress=progress), args.file)


def import_gdelt(args: argparse.Namespace) -> int:
    """Read a GDELT 2.0 events file (and its mentions) and save them as a dataset."""
    from ..interop.gdelt import read_gdelt  # noqa: PLC0415 - keep start-up fast

    return run_import(
        args,
        lambda progress: read_gdelt(args.file, args.mentions, progress=progress),
        args.file,
    )

"""The PLOVER and POLECAT commands: ``import plover``, ``import polecat``, ``export --to plover``.

Each handler parses nothing itself: it calls one library function and prints
the outcome. Progress goes to standard error as rows are read; the summary
line names the output; ``--verbose`` lists every skipped and altered row with
its line and reason.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..errors import ValidationError
from ._commands import _dataset_format, _progress, _save, _write
from ._errors import EXIT_INVALID, EXIT_OK, CommandError
from ._io import STDIN, display_name, invalid_message

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..interop._importer import ImportReport

__all__ = ["export_plover", "import_plover", "import_polecat"]


def _run_import(
    args: argparse.Namespace,
    read: Callable[..., tuple[Dataset, ImportReport]],
) -> int:
    """Read ``args.file`` with `read`, save the dataset to ``-o``, report on standard error."""
    fmt = _dataset_format(args.output, "-o/--output")
    try:
        ds, report = read(args.file, progress=_progress(args.quiet))
    except ValidationError as exc:
        raise CommandError(invalid_message(args.file, exc), EXIT_INVALID) from None
    _save(ds, args.output, fmt)
    if args.verbose:
        for issue in report.skipped:
            sys.stderr.write(f"diplo-events: skipped {issue}\n")
        for issue in report.altered:
            sys.stderr.write(f"diplo-events: altered {issue}\n")
        for warning in report.warnings:
            sys.stderr.write(f"diplo-events: warning: {warning}\n")
    if not args.quiet:
        sys.stderr.write(
            f"diplo-events: {report.summary()} written to {display_name(args.output)}\n"
        )
    return EXIT_OK


def import_plover(args: argparse.Namespace) -> int:
    """Read a PLOVER JSON (or JSON Lines) file and save it as a dataset."""
    from ..interop.plover import read_plover  # noqa: PLC0415 - keep start-up fast

    return _run_import(args, read_plover)


def import_polecat(args: argparse.Namespace) -> int:
    """Read a POLECAT tab-separated file and save it as a dataset."""
    from ..interop.polecat import read_polecat  # noqa: PLC0415 - keep start-up fast

    return _run_import(args, read_polecat)


def export_plover(ds: Dataset, output: str) -> None:
    """Write `ds` as PLOVER records to `output`: a JSON array for ``.json``, else JSON Lines.

    Events with no PLOVER type are counted on standard error.
    """
    from ..interop.plover_export import plover_chunks  # noqa: PLC0415 - keep start-up fast

    fmt = "json" if output != STDIN and Path(output).suffix.lower() == ".json" else "jsonl"
    skipped: list[tuple[str, str]] = []

    def write(f: IO[bytes]) -> None:
        for chunk in plover_chunks(ds, format=fmt, skipped=skipped):
            f.write(chunk)

    _write(output, write, binary=True)
    if skipped:
        sys.stderr.write(
            f"diplo-events: {len(skipped):,} events with no PLOVER event type left out "
            f"(first: {skipped[0][0]}: {skipped[0][1]})\n"
        )

"""The Parquet store on the command line: ``export --to parquet`` and ``import parquet``."""

from __future__ import annotations

import argparse
import sys

from ..dataset import Dataset
from ..errors import ValidationError
from ._commands import dataset_format, save
from ._errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE, CommandError
from ._io import STDIN, display_name, invalid_message

__all__ = ["export_parquet", "import_parquet"]


def export_parquet(ds: Dataset, output: str) -> None:
    """Write `ds` as a Parquet store (a directory) at `output`."""
    from ..columnar import write_parquet  # noqa: PLC0415 - keep start-up fast

    if output == STDIN:
        raise CommandError("argument -o/--output: parquet cannot be written to '-'", EXIT_USAGE)
    write_parquet(ds, output)


def import_parquet(args: argparse.Namespace) -> int:
    """Read a Parquet store and save it as a JSON or JSON Lines dataset."""
    from ..columnar import read_parquet  # noqa: PLC0415 - keep start-up fast

    fmt = dataset_format(args.output, "-o/--output")
    try:
        ds = read_parquet(args.directory)
    except ValidationError as exc:
        raise CommandError(invalid_message(args.directory, exc), EXIT_INVALID) from None
    save(ds, args.output, fmt)
    if not args.quiet:
        shown = display_name(args.output)
        sys.stderr.write(f"diplo-events: {len(ds):,} events written to {shown}\n")
    return EXIT_OK

"""The PLOVER and POLECAT commands: ``import plover``, ``import polecat``, ``export --to plover``.

Each handler parses nothing itself: it calls one library function and prints
the outcome. The imports share `run_import` with the other import commands:
progress on standard error as rows are read, a summary line naming the
output, and with ``--verbose`` every skipped and altered row with its line
and reason.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ._cmd_import import run_import
from ._commands import _write
from ._io import STDIN

if TYPE_CHECKING:
    from ..dataset import Dataset

__all__ = ["export_plover", "import_plover", "import_polecat"]


def import_plover(args: argparse.Namespace) -> int:
    """Read a PLOVER JSON (or JSON Lines) file and save it as a dataset."""
    from ..interop.plover import read_plover  # noqa: PLC0415 - keep start-up fast

    return run_import(args, lambda progress: read_plover(args.file, progress=progress), args.file)


def import_polecat(args: argparse.Namespace) -> int:
    """Read a POLECAT tab-separated file and save it as a dataset."""
    from ..interop.polecat import read_polecat  # noqa: PLC0415 - keep start-up fast

    return run_import(args, lambda progress: read_polecat(args.file, progress=progress), args.file)


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

"""The corpus commands: ``merge``, ``diff`` and ``duplicates`` (see `diplo_events.corpus`)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..errors import ValidationError
from ._commands import _print_lines, dataset_format, save
from ._errors import EXIT_INVALID, EXIT_IO, EXIT_OK, CommandError, describe_os_error, print_error
from ._io import invalid_message, load_dataset, read_dataset
from ._render import printable

if TYPE_CHECKING:
    from ..corpus import MergeReport
    from ..dataset import Dataset

__all__ = ["diff", "duplicates", "merge"]

EXIT_DIFFERENT = 1
"""``diff``: the datasets differ (as for diff(1))."""

EXIT_TROUBLE = 2
"""``diff``: a file is not a valid dataset (as for diff(1), any trouble is 2 or more)."""


def _report_lines(report: MergeReport) -> list[str]:
    from ..corpus._records import show  # noqa: PLC0415 - keep start-up fast

    return [
        f"diplo-events: {c.path}: datasets[{c.datasets[0]}] {show(c.first)}, "
        f"datasets[{c.datasets[1]}] {show(c.second)}: kept {c.resolution}"
        for c in report.conflicts
    ]


def merge(args: argparse.Namespace) -> int:
    """Merge the files into ``-o OUT``; list the conflicts settled on standard error."""
    from ..corpus import merge_with_report  # noqa: PLC0415 - keep start-up fast

    fmt = dataset_format(args.output, "-o/--output")
    datasets = [load_dataset(name) for name in args.files]
    try:
        merged, report = merge_with_report(*datasets, on_conflict=args.on_conflict)
    except ValidationError as exc:  # every conflict, not only the first
        for problem in exc.problems:
            print_error(str(problem))
        return EXIT_INVALID
    save(merged, args.output, fmt)
    for line in _report_lines(report):
        sys.stderr.write(printable(line) + "\n")
    return EXIT_OK


def _read_or_report(name: str) -> Dataset | None:
    """The dataset `name` names; None (the problem printed) when it is not a valid dataset."""
    try:
        return read_dataset(name)
    except ValidationError as exc:
        print_error(invalid_message(name, exc))
        return None
    except OSError as exc:
        raise CommandError(describe_os_error(exc), EXIT_IO) from None


def diff(args: argparse.Namespace) -> int:
    """Print what differs from OLD to NEW; exit 0 when equal, 1 when they differ, 2+ on trouble."""
    from ..corpus import diff as diff_datasets  # noqa: PLC0415 - keep start-up fast

    old = _read_or_report(args.old)
    new = _read_or_report(args.new)
    if old is None or new is None:
        return EXIT_TROUBLE
    found = diff_datasets(old, new)
    _print_lines(found.lines())  # every difference, as diff(1) lists them; str(found) is a summary
    return EXIT_DIFFERENT if found else EXIT_OK


def duplicates(args: argparse.Namespace) -> int:
    """Print the candidate duplicate pairs, best first: score, ids, then the reasons."""
    from ..corpus import find_duplicates  # noqa: PLC0415 - keep start-up fast

    found = [c for c in find_duplicates(load_dataset(args.file)) if c.score >= args.min_score]
    _print_lines([f"{c.score:.3f} {c.first} {c.second}: {'; '.join(c.reasons)}" for c in found])
    return EXIT_OK

"""The corpus commands: ``merge``, ``diff`` and ``duplicates`` (see `diplo_events.corpus`)."""

from __future__ import annotations

import argparse
import enum
import json
import sys
from typing import TYPE_CHECKING

import attrs

from ..errors import ValidationError
from ..model import Membership, PartialDate, TimeSpan
from ._commands import _print_lines, dataset_format, save
from ._errors import EXIT_INVALID, EXIT_IO, EXIT_OK, CommandError, describe_os_error, print_error
from ._io import invalid_message, load_dataset, read_dataset
from ._render import printable

if TYPE_CHECKING:
    from ..corpus import Diff, MergeReport
    from ..dataset import Dataset

__all__ = ["diff", "diff_lines", "duplicates", "merge", "show"]

EXIT_DIFFERENT = 1
"""``diff``: the datasets differ (as for diff(1))."""

EXIT_TROUBLE = 2
"""``diff``: a file is not a valid dataset (as for diff(1), any trouble is 2 or more)."""


def show(value: object) -> str:
    """A value as compact JSON: records as the file format writes them, spans as EDTF."""
    return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"))


def _plain(value: object) -> object:
    if isinstance(value, (TimeSpan, PartialDate)):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if attrs.has(type(value)):
        from ..serialize import to_dict  # noqa: PLC0415 - keep start-up fast

        return to_dict(value)
    return value


def _label(name: str, record: object) -> str:
    if isinstance(record, Membership):
        when = "" if record.when is None else f", {record.when}"
        return f"{name} ({record.person} in {record.organization}, {record.title}{when})"
    return f"{name}[{getattr(record, 'id', '')!r}]"


def diff_lines(d: Diff) -> list[str]:
    """``+ events['x']``, ``- actors['y']`` and ``~ PATH: OLD -> NEW`` lines for a diff."""
    lines: list[str] = []
    for name, part in d.collections().items():
        lines.extend(f"+ {_label(name, r)}" for r in part.added)
        lines.extend(f"- {_label(name, r)}" for r in part.removed)
        lines.extend(f"~ {c.path}: {show(c.old)} -> {show(c.new)}" for c in part.changed)
    return lines


def _report_lines(report: MergeReport) -> list[str]:
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
    _print_lines(diff_lines(found))
    return EXIT_DIFFERENT if found else EXIT_OK


def duplicates(args: argparse.Namespace) -> int:
    """Print the candidate duplicate pairs, best first: score, ids, then the reasons."""
    from ..corpus import find_duplicates  # noqa: PLC0415 - keep start-up fast

    found = [c for c in find_duplicates(load_dataset(args.file)) if c.score >= args.min_score]
    _print_lines([f"{c.score:.3f} {c.first} {c.second}: {'; '.join(c.reasons)}" for c in found])
    return EXIT_OK

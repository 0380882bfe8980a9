"""What each command does, given its parsed arguments; each returns an exit code.

Errors the user can fix are raised as `CommandError` (with their exit code)
and printed by `diplo_events.cli._main.main`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..dataset import Dataset
from ..errors import ValidationError
from . import _render
from ._errors import (
    EXIT_INVALID,
    EXIT_IO,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    describe_os_error,
    print_error,
)
from ._io import (
    STDIN,
    display_name,
    load_dataset,
    read_dataset,
    stdout_data,
)

if TYPE_CHECKING:
    from ..query import Query

__all__ = [
    "dataset_format",
    "export",
    "query",
    "save",
    "schema",
    "stats",
    "timeline",
    "validate",
]

_DATASET_SUFFIXES = {".json": "json", ".jsonl": "jsonl"}


def _print_lines(lines: list[str]) -> None:
    """Write lines for people; control characters are escaped (`_render.printable`)."""
    if lines:
        sys.stdout.write("\n".join(_render.printable(line) for line in lines) + "\n")


def _print_json(value: object) -> None:
    """Write `value` as indented JSON data (UTF-8) to standard output."""
    with stdout_data(text=False) as out:
        out.write((json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def validate(args: argparse.Namespace) -> int:
    """Check each file; print ``FILE: valid (…)`` or every problem with its path."""
    code = EXIT_OK
    for name in args.files:
        shown = display_name(name)
        try:
            ds = read_dataset(name)
        except ValidationError as exc:
            n = len(exc.problems)
            _print_lines([f"{shown}: {p}" for p in exc.problems])
            _print_lines([f"{shown}: invalid ({n} problem{'s' if n > 1 else ''})"])
            code = max(code, EXIT_INVALID)
        except OSError as exc:
            sys.stdout.flush()
            print_error(describe_os_error(exc))
            code = max(code, EXIT_IO)
        else:
            _print_lines([f"{shown}: valid ({_render.counted(_render.record_counts(ds))})"])
    return code


def stats(args: argparse.Namespace) -> int:
    """Print counts of records and of events by kind, status, year and actor."""
    ds = load_dataset(args.file)
    numbers = _render.stats_of(ds, args.top)
    if args.format == "json":
        _print_json(numbers)
    else:
        _print_lines(_render.stats_lines(display_name(args.file), numbers))
    return EXIT_OK


def _refine(flag: str, make: Callable[[], Query]) -> Query:
    """Run one query method; a bad flag value becomes a usage error naming `flag`."""
    try:
        return make()
    except ValidationError as exc:
        problem = exc.problems[0]
        raise CommandError(
            f"argument {flag}: {problem.message} (got {problem.value!r})", EXIT_USAGE
        ) from None


def _filtered(ds: Dataset, args: argparse.Namespace) -> Query:
    """The query the filter flags of ``query`` and ``timeline`` describe."""
    q = ds.query()
    members = getattr(args, "members", False)
    if args.actor:
        q = _refine("--actor", partial(q.involving, *args.actor, include_members=members))
    if getattr(args, "between", None):
        first, second = args.between
        if first == second:
            raise CommandError(
                f"argument --between: needs two different actors (got {first!r} twice)", EXIT_USAGE
            )
        q = _refine("--between", partial(q.between, first, second))
    if getattr(args, "kind", None):
        q = q.kind(*args.kind)
    if getattr(args, "status", None):
        q = q.status(*args.status)
    if args.during is not None:
        mode = "definitely" if getattr(args, "definitely", False) else "possibly"
        q = _refine("--during", partial(q.during, args.during, mode))
    if getattr(args, "place", None) is not None:
        q = _refine("--place", partial(q.at, args.place))
    for topic in getattr(args, "topic", None) or ():
        q = _refine("--topic", partial(q.topic, topic))
    return q


def query(args: argparse.Namespace) -> int:
    """Print the events matching every filter, as a table, CSV, JSON or JSON Lines."""
    ds = load_dataset(args.file)
    q = _filtered(ds, args)
    events = list(q)
    if args.limit is not None:
        events = events[: args.limit]
    if args.format == "table":
        _print_lines(_render.event_table(events))
    elif args.format == "csv":
        with stdout_data(text=True) as out:
            _render.write_csv(events, out)
    else:
        from ..serialize import dumps  # noqa: PLC0415 - keep start-up fast

        if args.limit is not None:
            kept = {e.id for e in events}
            q = q.where(lambda e: e.id in kept)
        text = dumps(q.to_dataset(), format=args.format)
        with stdout_data(text=False) as out:
            out.write(text.encode("utf-8"))
    return EXIT_OK


def timeline(args: argparse.Namespace) -> int:
    """Print the events in chronological order, a heading per year."""
    ds = load_dataset(args.file)
    _print_lines(_render.timeline_lines(list(_filtered(ds, args))))
    return EXIT_OK


def _write(output: str, write: Callable[[Any], object], *, binary: bool) -> None:
    """Call `write` with standard output (``-``) or with `output`, written atomically."""
    if output == STDIN:
        with stdout_data(text=not binary) as out:
            write(out)
        return
    from .._files import open_for_writing  # noqa: PLC0415 - keep start-up fast

    with open_for_writing(output, text=not binary) as f:
        write(f)


def dataset_format(output: str, flag: str) -> str:
    """The dataset format (``json`` or ``jsonl``) an output name implies; ``-`` is JSON Lines."""
    if output == STDIN:
        return "jsonl"
    fmt = _DATASET_SUFFIXES.get(Path(output).suffix.lower())
    if fmt is None:
        raise CommandError(
            f"argument {flag}: must end in .json or .jsonl (got {output!r})", EXIT_USAGE
        )
    return fmt


def save(ds: Dataset, output: str, fmt: str) -> None:
    from ..serialize import dump  # noqa: PLC0415 - keep start-up fast

    if output == STDIN:
        _write(output, lambda f: dump(ds, f, format=fmt), binary=True)  # type: ignore[arg-type]
    else:
        dump(ds, output, format=fmt)  # type: ignore[arg-type]


def export(args: argparse.Namespace) -> int:
    """Write the dataset in another format to ``-o OUT`` (``-`` for standard output)."""
    fmt = args.to
    implied = _DATASET_SUFFIXES.get(Path(args.output).suffix.lower())
    if implied is not None and implied != fmt and fmt in _DATASET_SUFFIXES.values():
        # A .json file of JSON Lines (or the reverse) would not load back as its name says.
        raise CommandError(
            f"argument -o/--output: a {fmt} file must not end in .{implied} (got {args.output!r})",
            EXIT_USAGE,
        )
    ds = load_dataset(args.file)
    if fmt in _DATASET_SUFFIXES.values():
        save(ds, args.output, fmt)
    elif fmt == "csv":
        _write(args.output, lambda f: _render.write_csv(ds, f), binary=False)
    elif fmt == "dyads":
        from ..interop import write_dyads_csv  # noqa: PLC0415 - keep start-up fast

        _write(args.output, lambda f: write_dyads_csv(ds, f), binary=False)
    elif fmt == "annotations":
        from ..interop import annotation_collection  # noqa: PLC0415

        text = annotation_collection(ds, collection_id=f"{ANNOTATIONS_BASE}{_stem(args.file)}")
        _write(args.output, lambda f: f.write(text + "\n"), binary=False)
    elif fmt == "plover":
        from ._cmd_plover import export_plover  # noqa: PLC0415 - keep start-up fast

        export_plover(ds, args.output)
    else:
        from ._cmd_columnar import export_parquet  # noqa: PLC0415 - keep start-up fast

        export_parquet(ds, args.output)
    return EXIT_OK


ANNOTATIONS_BASE = "urn:diplo-events:annotations:"
"""The prefix of the id of an exported ``AnnotationCollection``; the input's name follows it."""


def _stem(name: str) -> str:
    """The name of an input in an export: ``reference``, ``stdin`` or the file name sans suffix."""
    return "stdin" if name == STDIN else Path(name).stem


def schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of a document (or of one JSON Lines line)."""
    from ..serialize import json_schema  # noqa: PLC0415 - keep start-up fast

    _print_json(json_schema(format=args.format, draft=args.draft))
    return EXIT_OK

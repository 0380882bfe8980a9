"""The anchoring commands: ``anchor`` (draft to dataset), ``reanchor``, ``coverage``.

Each parses, calls one function of `diplo_events.anchoring`, and renders.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..dataset import Dataset
from ..errors import QuoteError, ValidationError
from ._commands import _print_json, _print_lines, dataset_format, save
from ._errors import EXIT_INVALID, EXIT_IO, EXIT_OK, EXIT_USAGE, CommandError, describe_os_error
from ._io import STDIN, display_name, invalid_message, load_dataset
from ._render import printable

__all__ = ["anchor", "coverage", "reanchor", "register"]

_OUTPUT = "-o/--output"


def _err(line: str) -> None:
    """A line of report on standard error, control characters escaped."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"diplo-events: {printable(line)}\n")


def anchor(args: argparse.Namespace) -> int:
    """Place the quotes of a draft and write the dataset; list every quote that cannot be placed."""
    from ..anchoring import anchor as anchor_draft  # noqa: PLC0415 - keep start-up fast

    fmt = dataset_format(args.output, _OUTPUT)
    try:
        draft: Any = sys.stdin.buffer.read() if args.draft == STDIN else Path(args.draft)
        ds = anchor_draft(draft)
    except QuoteError as exc:
        shown = display_name(args.draft)
        for problem in exc.problems:
            _err(f"{shown}: {problem}")
        n = len(exc.problems)
        raise CommandError(
            f"{shown}: {n} quote{'s' if n > 1 else ''} cannot be placed; nothing written",
            EXIT_INVALID,
        ) from None
    except ValidationError as exc:  # the draft does not decode: name the file, as load does
        raise CommandError(invalid_message(args.draft, exc), EXIT_INVALID) from None
    save(ds, args.output, fmt)
    return EXIT_OK


def _known_source(ds: Dataset, source_id: str, flag: str) -> str:
    """`source_id`, or a usage error naming `flag` when the dataset has no such source."""
    if source_id not in ds.sources:
        known = ", ".join(sorted(ds.sources)[:5]) or "none"
        raise CommandError(
            f"argument {flag}: refers to an unknown source (got {source_id!r}; sources: {known})",
            EXIT_USAGE,
        )
    return source_id


def _read_text(name: str) -> str:
    if name == STDIN:
        return sys.stdin.buffer.read().decode("utf-8", "strict")
    try:
        return Path(name).read_bytes().decode("utf-8", "strict")
    except OSError as exc:
        raise CommandError(describe_os_error(exc), EXIT_IO) from None


def reanchor(args: argparse.Namespace) -> int:
    """Give a source a new text, move its spans, print the report, write the dataset."""
    from ..anchoring import reanchor as reanchor_source  # noqa: PLC0415

    fmt = dataset_format(args.output, _OUTPUT)
    ds: Dataset = load_dataset(args.file)
    try:
        new_text = _read_text(args.text)
    except UnicodeDecodeError as exc:
        raise CommandError(
            f"{display_name(args.text)}: is not UTF-8 text (byte {exc.start})", EXIT_INVALID
        ) from None
    source = _known_source(ds, args.source, "SOURCE")
    new, report = reanchor_source(ds, source, new_text, min_similarity=args.min_similarity)
    for r in report.moved:
        assert r.new is not None  # noqa: S101 - a moved span has a new place
        exact = "" if r.new.quote == r.old.quote else f" now {r.new.quote!r} (score {r.score})"
        _err(f"moved {r.path}: {r.old.start}:{r.old.end} -> {r.new.start}:{r.new.end}{exact}")
    for r in report.orphaned:
        best = (
            f"best candidate {r.candidate.start}:{r.candidate.end} {r.candidate.text!r} "
            f"(score {r.score})"
            if r.candidate is not None
            else "no candidate"
        )
        _err(f"orphaned {r.path}: {r.old.quote!r}; {best}")
    _err(
        f"{len(report.unchanged)} unchanged, {len(report.moved)} moved, "
        f"{len(report.orphaned)} orphaned"
    )
    if report.orphaned and not args.drop_orphans:
        n = len(report.orphaned)
        raise CommandError(
            f"{n} span{'s' if n > 1 else ''} cannot be placed in the new text; nothing written "
            "(--drop-orphans writes the dataset without them)",
            EXIT_INVALID,
        )
    save(new, args.output, fmt)
    return EXIT_OK


def coverage(args: argparse.Namespace) -> int:
    """Print, per source with text, the sentences evidence does not cover and the share covered."""
    from ..anchoring import coverage as coverage_of  # noqa: PLC0415

    ds = load_dataset(args.file)
    ids = (
        [_known_source(ds, args.source, "--source")]
        if args.source
        else [k for k, s in ds.sources.items() if s.text]
    )
    reports = [coverage_of(ds, k, threshold=args.threshold) for k in ids]
    if args.format == "json":
        value = [
            {
                "source": r.source,
                "threshold": r.threshold,
                "share": round(r.share, 4),
                "sentences": len(r.sentences),
                "uncovered": [
                    {"start": s.start, "end": s.end, "share": round(s.share, 4), "text": s.text}
                    for s in r.uncovered
                ],
            }
            for r in reports
        ]
        _print_json(value)
        return EXIT_OK
    lines: list[str] = []
    for r in reports:
        covered = len(r.sentences) - len(r.uncovered)
        lines.append(
            f"{r.source}: {covered} of {len(r.sentences)} sentences covered "
            f"(at least {r.threshold:.0%} quoted); {r.share:.1%} of characters in evidence"
        )
        lines.extend(
            f"  {s.start}:{s.end} ({s.share:.0%}) {_one_line(s.text)}" for s in r.uncovered
        )
    _print_lines(lines)
    return EXIT_OK


def _one_line(text: str, limit: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def _fraction(text: str) -> float:
    """An argparse type: a number above 0 and at most 1."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 1:
        msg = f"must be a number above 0 and at most 1 (got {text!r})"
        raise argparse.ArgumentTypeError(msg)
    return value


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    command: Callable[..., argparse.ArgumentParser],
    file_help: str,
) -> None:
    """Add ``anchor``, ``reanchor`` and ``coverage`` to the parser's commands.

    `command` makes one command's parser (name, summary, description), as for
    the other commands; `file_help` is the help of a FILE argument.
    """
    p = command(
        commands,
        "anchor",
        "place the quotes of a draft and write the dataset",
        "Read a draft (a dataset whose evidence may give only 'quote', with 'occurrence', "
        "'prefix', 'suffix'), find every quote in its source text and write the dataset. "
        "Every quote that cannot be placed is listed with its path and nearest candidates; "
        "then nothing is written.",
    )
    p.add_argument("draft", metavar="DRAFT", help="the draft (.json or .jsonl), '-' for stdin")
    _output(p)
    p.set_defaults(handler=anchor)

    p = command(
        commands,
        "reanchor",
        "move the evidence of a source onto a new version of its text",
        "Replace the text of SOURCE with the contents of TEXT and move every evidence span on "
        "it: exact matches first, then scored approximate ones. Moved and orphaned spans are "
        "listed on standard error; with orphans nothing is written unless --drop-orphans.",
    )
    p.add_argument("file", metavar="FILE", help=file_help)
    p.add_argument("source", metavar="SOURCE", help="the id of the source whose text changed")
    p.add_argument("text", metavar="TEXT", help="a UTF-8 file with the new text, '-' for stdin")
    _output(p)
    p.add_argument(
        "--min-similarity",
        type=_fraction,
        default=0.75,
        metavar="X",
        help="how similar an approximate match must be to the old quote (default 0.75)",
    )
    p.add_argument(
        "--drop-orphans", action="store_true", help="write the dataset without orphaned spans"
    )
    p.set_defaults(handler=reanchor)

    p = command(
        commands,
        "coverage",
        "list the sentences that no evidence covers",
        "For each source with text (or --source), list the sentences less than --threshold "
        "of which is quoted as evidence, and the share of the text's characters in evidence.",
    )
    p.add_argument("file", metavar="FILE", help=file_help)
    p.add_argument("--source", metavar="ID", help="only this source")
    p.add_argument(
        "--threshold",
        type=_fraction,
        default=0.5,
        metavar="X",
        help="share of a sentence that evidence must cover (default 0.5)",
    )
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.set_defaults(handler=coverage)


def _output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="the dataset to write (.json/.jsonl)"
    )

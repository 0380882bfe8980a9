"""The argument parser of ``diplo-events``: every command, flag and help text."""

from __future__ import annotations

import argparse

from .._version import __version__
from ..enums import EventKind, Status
from . import _cmd_anchor, _cmd_columnar, _cmd_corpus, _cmd_import, _cmd_plover, _cmd_viz, _commands

__all__ = ["EXPORT_FORMATS", "build_parser"]

EXPORT_FORMATS = ("json", "jsonl", "csv", "dyads", "annotations", "parquet", "plover")
"""The formats of ``export --to``."""

_FILE_HELP = (
    "a dataset file (.json or .jsonl; other names are sniffed), '-' for standard input, "
    "or 'reference' for the reference dataset shipped with the package"
)

_EXIT_CODES = """\
exit codes:
  0    success
  1    invalid data (validate found problems, or a file is not a valid dataset)
  2    usage error (unknown command or flag, bad flag value)
  3    a file cannot be read or written
  4    an optional dependency is missing (pyarrow, for Parquet)
  130  interrupted
  141  standard output was closed early (as in '| head')
"""

_Formatter = argparse.RawDescriptionHelpFormatter


def _positive(text: str) -> int:
    """An argparse type: a whole number >= 0."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        msg = f"must be a whole number >= 0 (got {text!r})"
        raise argparse.ArgumentTypeError(msg)
    return value


def _score(text: str) -> float:
    """An argparse type: a number from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:
        msg = f"must be a number from 0 to 1 (got {text!r})"
        raise argparse.ArgumentTypeError(msg)
    return value


def _import_options(p: argparse.ArgumentParser) -> None:
    """The options every ``import`` command takes: the output and how much to print."""
    _add_dataset_output(p)
    noise = p.add_mutually_exclusive_group()
    noise.add_argument(
        "--quiet", action="store_true", help="print no progress, no warnings and no summary"
    )
    noise.add_argument(
        "--verbose", action="store_true", help="also list every skipped and altered row"
    )


def _command(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    description: str,
) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        name,
        help=summary,
        description=description,
        epilog=_EXIT_CODES,
        formatter_class=_Formatter,
    )
    parser.set_defaults(parser=parser)
    return parser


def _add_filters(parser: argparse.ArgumentParser, *, full: bool) -> None:
    """The filter flags of ``query`` (all of them) and ``timeline`` (`full` False)."""
    group = parser.add_argument_group("filters (an event must meet every one)")
    group.add_argument(
        "--actor",
        metavar="ID",
        action="append",
        help="events this actor takes part in (repeat: all of them)",
    )
    group.add_argument(
        "--members",
        action="store_true",
        help="with --actor: also count people acting for the actor or members of it",
    )
    group.add_argument(
        "--during",
        metavar="SPAN",
        help="events in this period: EDTF ('2018-01', '2017/2018') or as typed ('Jan 2018')",
    )
    if not full:
        return
    group.add_argument(
        "--definitely",
        action="store_true",
        help="with --during: only events surely inside the period (default: possibly in it)",
    )
    group.add_argument(
        "--between",
        nargs=2,
        metavar=("A", "B"),
        help="dyadic events with A and B on different sides",
    )
    group.add_argument(
        "--kind",
        action="append",
        choices=[k.value for k in EventKind],
        help="events of this kind (repeat: any of them)",
    )
    group.add_argument(
        "--status",
        action="append",
        choices=[s.value for s in Status],
        help="events with this status (repeat: any of them)",
    )
    group.add_argument("--place", metavar="ID", help="events at this place or inside it")
    group.add_argument(
        "--topic", metavar="TOPIC", action="append", help="events with this topic (repeat: all)"
    )


def _add_dataset_output(parser: argparse.ArgumentParser) -> None:
    """``-o/--output OUT``: the dataset a command writes."""
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the dataset to write (.json or .jsonl; '-': JSON Lines on standard output)",
    )


def _add_plover_imports(
    systems: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """``import plover`` and ``import polecat`` (handlers in `_cmd_plover`)."""
    for name, summary, what in (
        (
            "plover",
            "import PLOVER JSON records (a JSON array or JSON Lines)",
            "the PLOVER file (.json or .jsonl; the gold-standard records are read too)",
        ),
        (
            "polecat",
            "import a POLECAT weekly file (tab-separated)",
            "the POLECAT file (.tsv or .txt)",
        ),
    ):
        p = _command(
            systems,
            name,
            summary,
            f"Read a {name.upper()} file and save it as a dataset; rows are counted on "
            "standard error as they are read, and every skipped or altered row is "
            "listed with --verbose.",
        )
        p.add_argument("file", metavar="FILE", help=what)
        _import_options(p)
        p.set_defaults(
            handler=_cmd_plover.import_plover if name == "plover" else _cmd_plover.import_polecat
        )


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``diplo-events``; each command sets ``handler`` and ``parser``."""
    parser = argparse.ArgumentParser(
        prog="diplo-events",
        description=(
            "Validate, query, summarise and convert datasets of diplomatic events "
            "(see https://github.com/diplo-events/diplo_events/tree/main/docs)."
        ),
        epilog=_EXIT_CODES,
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"diplo-events {__version__}")
    commands = parser.add_subparsers(title="commands", dest="command", metavar="COMMAND")
    commands.required = True

    p = _command(
        commands,
        "validate",
        "check dataset files and list every problem",
        "Check each file and print 'FILE: valid (...)' or every problem with its path "
        "(JSON Lines paths start with the line: 'line 7.participants[0].actor').",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help=_FILE_HELP)
    p.set_defaults(handler=_commands.validate)

    p = _command(
        commands,
        "stats",
        "count records and events by kind, status, year and actor",
        "Count the records of a dataset, and its events by kind, status, year (the year an "
        "event can first have begun in) and actor.",
    )
    p.add_argument("file", metavar="FILE", help=_FILE_HELP)
    p.add_argument("--top", type=_positive, default=10, metavar="N", help="actors shown (0: all)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.set_defaults(handler=_commands.stats)

    p = _command(
        commands,
        "query",
        "list the events that match filters",
        "List the events meeting every filter, in chronological order. 'json' and 'jsonl' "
        "print a valid dataset: the matches and every record they refer to.",
    )
    p.add_argument("file", metavar="FILE", help=_FILE_HELP)
    _add_filters(p, full=True)
    p.add_argument(
        "--format",
        choices=("table", "json", "jsonl", "csv"),
        default="table",
        help="output format (default: table)",
    )
    p.add_argument("--limit", type=_positive, metavar="N", help="print at most N events")
    p.set_defaults(handler=_commands.query)

    p = _command(
        commands,
        "timeline",
        "print a chronological timeline",
        "Print the events in chronological order under a heading per year, with their "
        "status and date precision ('~' approximate, '?' uncertain, '..' open).",
    )
    p.add_argument("file", metavar="FILE", help=_FILE_HELP)
    _add_filters(p, full=False)
    p.set_defaults(handler=_commands.timeline)

    p = _command(
        commands,
        "export",
        "convert a dataset to another format",
        "Write a dataset as JSON, JSON Lines, CSV (one row per event), dyads, W3C Web "
        "Annotations, Parquet or PLOVER records (JSON Lines; a JSON array for .json).",
    )
    p.add_argument("file", metavar="FILE", help=_FILE_HELP)
    p.add_argument("--to", required=True, choices=EXPORT_FORMATS, help="output format")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the file to write ('-': standard output; for parquet, a directory)",
    )
    p.set_defaults(handler=_commands.export)

    p = _command(
        commands,
        "import",
        "convert event data from another system",
        "Convert event data from another system into a dataset.",
    )
    systems = p.add_subparsers(title="systems", dest="system", metavar="SYSTEM")
    systems.required = True
    p = _command(
        systems,
        "icews",
        "import an ICEWS event file (20 tab-separated columns)",
        "Read an ICEWS coded event file and save it as a dataset; rows are counted on "
        "standard error as they are read.",
    )
    p.add_argument("file", metavar="FILE", help="the ICEWS file (.tab, .tsv or .txt)")
    _import_options(p)
    p.set_defaults(handler=_cmd_import.import_icews)
    p = _command(
        systems,
        "gdelt",
        "import a GDELT 2.0 events file (61 tab-separated columns), with its mentions",
        "Read a GDELT 2.0 events file (the export table) and, with --mentions, its mentions "
        "table (each mention becomes a reporting source of its event); save them as a dataset. "
        "Rows are counted on standard error as they are read.",
    )
    p.add_argument("file", metavar="FILE", help="the GDELT 2.0 events file (.export.CSV)")
    p.add_argument("--mentions", metavar="FILE", help="the GDELT 2.0 mentions file (.mentions.CSV)")
    _import_options(p)
    p.set_defaults(handler=_cmd_import.import_gdelt)
    _add_plover_imports(systems)
    p = _command(
        systems,
        "parquet",
        "import a Parquet store written by 'export --to parquet'",
        "Read a Parquet store (a directory; see docs/arrow-schema.md), check it as a "
        "dataset and save it as JSON or JSON Lines.",
    )
    p.add_argument("directory", metavar="DIR", help="the store's directory")
    _add_dataset_output(p)
    p.add_argument("--quiet", action="store_true", help="print no summary")
    p.set_defaults(handler=_cmd_columnar.import_parquet)

    p = _command(
        commands,
        "schema",
        "print the JSON Schema of the file format",
        "Print the JSON Schema (draft 2020-12) of a dataset document, or of one line of "
        "JSON Lines with --format jsonl.",
    )
    p.add_argument("--format", choices=("json", "jsonl"), default="json", help="which schema")
    p.add_argument(
        "--draft",
        action="store_true",
        help="the schema of a draft (evidence may give only a quote)",
    )
    p.set_defaults(handler=_commands.schema)
    _add_corpus_commands(commands)
    _cmd_anchor.register(commands, _command, _FILE_HELP)
    _cmd_viz.add_commands(commands, _command, _add_filters, _FILE_HELP)
    return parser


def _add_corpus_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """``merge`` and ``diff`` (handlers in `_cmd_corpus`)."""
    p = _command(
        commands,
        "merge",
        "combine datasets into one",
        "Merge datasets into one: records with the same id and content merge silently; "
        "--on-conflict settles records with the same id and different content. Conflicts "
        "settled are listed on standard error.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help=_FILE_HELP)
    _add_dataset_output(p)
    p.add_argument(
        "--on-conflict",
        choices=("error", "first", "last", "combine"),
        default="error",
        help="error: fail listing every conflict (default); first/last: keep that record; "
        "combine: join tuple fields (evidence, aliases, ...), other fields must agree",
    )
    p.set_defaults(handler=_cmd_corpus.merge)

    p = _command(
        commands,
        "diff",
        "show the records added, removed and changed between two datasets",
        "Print \"+ COLLECTION['ID']\" for each record added, \"- COLLECTION['ID']\" for each "
        "one removed and '~ PATH: OLD -> NEW' for each changed value. Like diff(1), the exit "
        "code is 0 when the datasets hold the same records, 1 when they differ, and 2 "
        "when a file is not a valid dataset (3 when it cannot be read).",
    )
    p.add_argument("old", metavar="OLD", help=_FILE_HELP)
    p.add_argument("new", metavar="NEW", help=_FILE_HELP)
    p.set_defaults(handler=_cmd_corpus.diff)

    p = _command(
        commands,
        "duplicates",
        "list pairs of events that are probably the same event",
        "List candidate duplicate events (same kind and sides, overlapping time, same or "
        "nested place), best first: the score (0 to 1), the two ids and the reasons.",
    )
    p.add_argument("file", metavar="FILE", help=_FILE_HELP)
    p.add_argument(
        "--min-score", type=_score, default=0.0, metavar="S", help="only pairs scoring S or more"
    )
    p.set_defaults(handler=_cmd_corpus.duplicates)

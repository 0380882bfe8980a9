"""``plot`` and ``report``: pictures and the HTML review page, written to ``-o OUT``.

Both choose events with the filter flags of ``query``; the library functions
are `diplo_events.plot.timeline`, `diplo_events.plot.network` and
`diplo_events.report.write_report`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ._commands import _filtered
from ._errors import EXIT_OK, EXIT_USAGE, CommandError
from ._io import display_name, load_dataset

__all__ = ["add_commands", "plot", "report"]


def plot(args: argparse.Namespace) -> int:
    """Draw the timeline or network of the chosen events to an SVG, PNG or PDF file."""
    from .. import plot as pictures  # noqa: PLC0415 - keep start-up fast

    suffix = Path(args.output).suffix.lower().lstrip(".")
    if suffix not in pictures.FORMATS:
        raise CommandError(
            f"argument -o/--output: must end in .svg, .png or .pdf (got {args.output!r})",
            EXIT_USAGE,
        )
    ds = load_dataset(args.file)
    events = _filtered(ds, args)
    if args.picture == "timeline":
        figure = pictures.timeline(events, lanes=args.lanes, labels=args.labels, title=args.title)
    else:  # the library's default: meetings and visits that occurred, unless the flags say
        figure = pictures.network(events, by=args.by, title=args.title)
    pictures.save(figure, args.output)
    return EXIT_OK


def report(args: argparse.Namespace) -> int:
    """Write the HTML review page of the chosen events and print its size."""
    from ..report import write_report  # noqa: PLC0415 - keep start-up fast

    if Path(args.output).suffix.lower() not in {".html", ".htm"}:
        raise CommandError(
            f"argument -o/--output: must end in .html (got {args.output!r})", EXIT_USAGE
        )
    ds = load_dataset(args.file)
    chosen = _filtered(ds, args)
    if len(chosen) != len(ds.events):
        ds = chosen.to_dataset()
    title = args.title or f"diplo_events report: {display_name(args.file)}"
    size = write_report(ds, args.output, title=title)
    sys.stderr.write(
        f"diplo-events: {len(ds.events):,} events, {size / 1e6:.1f} MB "
        f"written to {display_name(args.output)}\n"
    )
    return EXIT_OK


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    make: Callable[..., argparse.ArgumentParser],
    filters: Callable[..., None],
    file_help: str,
) -> None:
    """Register ``plot`` and ``report`` on `commands` with the parser's `make` and `filters`."""
    p = make(
        commands,
        "plot",
        "draw a timeline or who-met-whom network (SVG, PNG or PDF)",
        "Draw the chosen events: 'timeline' shows how well each date is known (solid bar: "
        "certain days; thin line: possible days; arrows: open or unknown ends; hollow: "
        "planned; crossed: cancelled or denied); 'network' shows who met whom (meetings and "
        "visits that occurred, unless --kind or --status say otherwise). Needs the "
        "[plot] extra (matplotlib).",
    )
    p.add_argument("picture", choices=("timeline", "network"), help="which picture")
    p.add_argument("file", metavar="FILE", help=file_help)
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="OUT.svg, .png or .pdf")
    p.add_argument("--lanes", choices=("kind", "side", "actor"), default="kind",
                   help="timeline lanes (default: kind)")  # fmt: skip
    p.add_argument("--labels", choices=("summary", "id"), default="summary",
                   help="timeline row labels (default: summary)")  # fmt: skip
    p.add_argument("--by", choices=("side", "actor"), default="side",
                   help="network nodes (default: side)")  # fmt: skip
    p.add_argument("--title", help="the picture's title")
    filters(p, full=True)
    p.set_defaults(handler=plot)

    p = make(
        commands,
        "report",
        "write an HTML page to review texts, evidence and events",
        "Write one HTML file that opens offline: each source text with its evidence "
        "highlighted, the events, an interactive timeline and network, with filters. "
        "Needs the [report] extra (plotly).",
    )
    p.add_argument("file", metavar="FILE", help=file_help)
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the HTML file to write")
    p.add_argument("--title", help="the page title")
    filters(p, full=True)
    p.set_defaults(handler=report)

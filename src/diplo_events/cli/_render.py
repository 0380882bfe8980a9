"""Text output of the command line: aligned tables, the timeline, statistics and CSV rows."""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import IO, Any

from ..dataset import Dataset
from ..enums import EventKind, Status
from ..model import Event

__all__ = [
    "CSV_COLUMNS",
    "UNKNOWN_YEAR",
    "counted",
    "event_table",
    "format_table",
    "printable",
    "record_counts",
    "stats_lines",
    "stats_of",
    "timeline_lines",
    "write_csv",
    "year_of",
]

UNKNOWN_YEAR = "unknown"
"""The year label of an event whose span has no earliest day (an open or unknown start)."""

CSV_COLUMNS = (
    "id",
    "kind",
    "status",
    "when",
    "earliest",
    "latest",
    "precision",
    "place",
    "actors",
    "topics",
    "summary",
)
"""The columns of ``query --format csv``, in order; lists are joined with ``;``."""


_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    r"""`text` safe to show on a terminal: control characters escaped as Python writes them.

    C0 and C1 controls (ANSI escape sequences start with one), DEL, the line
    and paragraph separators and the bidirectional marks and overrides of
    Unicode (UAX #9, which can make text read in another order than it is
    stored) become ``\x1b``, ``\u202e`` and the like; everything else is kept.
    """
    return _UNSAFE.sub(lambda m: repr(m.group())[1:-1], text)


def _one_line(text: str) -> str:
    """`text` with every run of whitespace (newlines included) made one space."""
    return " ".join(text.split())


def format_table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], *, right: Sequence[int] = ()
) -> list[str]:
    """Align `rows` under `headers`, two spaces apart; columns in `right` are right-aligned.

    The last column is not padded, and no line ends in spaces.
    """
    table = [list(headers), *(list(row) for row in rows)]
    widths = [max(len(row[i]) for row in table) for i in range(len(headers))]
    last = len(headers) - 1
    lines = []
    for row in table:
        cells = [
            cell
            if i == last and i not in right
            else (cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]))
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def event_table(events: Iterable[Event]) -> list[str]:
    """The lines of ``query --format table``: when, status, kind, id and summary."""
    rows = [(str(e.when), e.status.value, e.kind.value, e.id, _one_line(e.summary)) for e in events]
    return format_table(("WHEN", "STATUS", "KIND", "ID", "SUMMARY"), rows)


def write_csv(events: Iterable[Event], out: IO[str]) -> None:
    """Write one CSV row per event under a header of `CSV_COLUMNS` (RFC 4180 quoting)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in events:
        earliest, latest = e.when.earliest, e.when.latest
        writer.writerow(
            (
                e.id,
                e.kind.value,
                e.status.value,
                str(e.when),
                "" if earliest is None else earliest.isoformat(),
                "" if latest is None else latest.isoformat(),
                e.when.precision.value,
                e.place or "",
                ";".join(e.actors()),
                ";".join(e.topics),
                e.summary,
            )
        )


def year_of(event: Event) -> str:
    """The year an event can first have begun in, or `UNKNOWN_YEAR` for an unbounded start."""
    earliest = event.when.earliest
    return UNKNOWN_YEAR if earliest is None else f"{earliest.year:04d}"


def timeline_lines(events: Sequence[Event]) -> list[str]:
    """A readable timeline: a heading per year, then one aligned line per event.

    Each line gives the span as EDTF (``~`` approximate, ``?`` uncertain), its
    precision, the status, the kind, the summary and the id in brackets.
    `events` should be in chronological order, as `Query` yields them.
    """
    rows = [
        (
            str(e.when),
            e.when.precision.value,
            e.status.value,
            e.kind.value,
            f"{_one_line(e.summary)} [{e.id}]",
        )
        for e in events
    ]
    body = format_table(("WHEN", "PRECISION", "STATUS", "KIND", "SUMMARY [ID]"), rows)
    lines = [body[0]]
    heading = None
    for event, line in zip(events, body[1:], strict=True):
        year = year_of(event)
        if year != heading:
            heading = year
            lines.append("-- start unknown --" if year == UNKNOWN_YEAR else f"-- {year} --")
        lines.append(line)
    return lines


def record_counts(ds: Dataset) -> dict[str, int]:
    """The number of records in each collection of `ds`, by collection name."""
    return {
        "sources": len(ds.sources),
        "actors": len(ds.actors),
        "memberships": len(ds.memberships),
        "places": len(ds.places),
        "events": len(ds),
    }


def stats_of(ds: Dataset, top: int) -> dict[str, Any]:
    """Counts of records, and of events by kind, status, actor (the `top` most, 0 = all) and year.

    Kinds and statuses come in the order of their enums (zeros included), actors
    by decreasing count then id, years in order with `UNKNOWN_YEAR` first.
    """
    kinds = Counter(e.kind for e in ds)
    statuses = Counter(e.status for e in ds)
    actors = Counter(a for e in ds for a in e.actors())
    years = Counter(year_of(e) for e in ds)
    ranked = sorted(actors.items(), key=lambda item: (-item[1], item[0]))
    return {
        "records": record_counts(ds),
        "by_kind": {k.value: kinds[k] for k in EventKind},
        "by_status": {s.value: statuses[s] for s in Status},
        "by_actor": [
            {"id": actor, "name": ds.actors[actor].name, "events": n}
            for actor, n in (ranked[:top] if top else ranked)
        ],
        "by_year": {y: years[y] for y in sorted(years, key=lambda y: (y != UNKNOWN_YEAR, y))},
    }


def counted(counts: dict[str, int]) -> str:
    """``1 source, 4 actors``: each count with its plural name, made singular for 1."""
    return ", ".join(f"{n} {what[:-1] if n == 1 else what}" for what, n in counts.items())


def stats_lines(name: str, stats: dict[str, Any]) -> list[str]:
    """The text of ``stats``: a summary line, then a table per count."""
    records = stats["records"]
    lines = [f"{name}: {counted(records)}"]
    tables: list[tuple[str, list[tuple[str, ...]]]] = [
        ("KIND", [(k, str(n)) for k, n in stats["by_kind"].items()]),
        ("STATUS", [(s, str(n)) for s, n in stats["by_status"].items()]),
        ("YEAR", [(y, str(n)) for y, n in stats["by_year"].items()]),
    ]
    for heading, rows in tables:
        lines.append("")
        lines.extend(format_table((heading, "EVENTS"), rows, right=(1,)))
    lines.append("")
    actor_rows = [(a["id"], a["name"], str(a["events"])) for a in stats["by_actor"]]
    lines.extend(format_table(("ACTOR", "NAME", "EVENTS"), actor_rows, right=(2,)))
    return lines

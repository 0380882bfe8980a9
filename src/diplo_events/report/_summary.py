"""The compact HTML summary of a dataset that Jupyter shows (`Dataset._repr_html_`).

Plain HTML, no extra needed: counts by kind and by status, the time range
(the earliest and latest days any event can include), and the sources.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..dataset import Dataset

__all__ = ["summary_html"]

_SOURCES_SHOWN = 5


def _table(caption: str, counts: Counter[str]) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(k)}</td><td style='text-align:right'>{n:,}</td></tr>"
        for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    style = "display:inline-table;margin-right:1em"
    return f"<table style='{style}'><caption>{caption}</caption>{rows}</table>"


def summary_html(dataset: Dataset) -> str:
    """A small HTML block: counts of records, events by kind and status, time range, sources."""
    events = list(dataset.events.values())
    days = [d for e in events for d in (e.when.earliest, e.when.latest) if d is not None]
    span = f"{min(days)} to {max(days)}" if days else "no dated bound"
    open_ends = sum(e.when.earliest is None or e.when.latest is None for e in events)
    titles = [html.escape(s.title) for s in dataset.sources.values()]
    more = len(titles) - _SOURCES_SHOWN
    shown = "; ".join(titles[:_SOURCES_SHOWN]) + (f"; and {more:,} more" if more > 0 else "")
    head = (
        f"<b>Dataset</b>: {len(events):,} events, {len(dataset.actors):,} actors, "
        f"{len(dataset.places):,} places, {len(dataset.memberships):,} memberships, "
        f"{len(dataset.sources):,} sources"
    )
    return (
        f"<div class='diplo-events-summary'><p>{head}</p>"
        f"<p>Time range: {span}"
        + (f" ({open_ends:,} with an open or unknown end)" if open_ends else "")
        + "</p>"
        + _table("by kind", Counter(e.kind.value for e in events))
        + _table("by status", Counter(e.status.value for e in events))
        + (f"<p>Sources: {shown}</p>" if titles else "")
        + "</div>"
    )

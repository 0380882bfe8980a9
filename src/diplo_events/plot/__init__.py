"""Pictures for papers and notebooks: a timeline showing date uncertainty, and a network.

Needs matplotlib (``pip install 'diplo-events[plot]'``), imported on first use;
without it the functions raise `MissingDependencyError`. Both return a
`matplotlib.figure.Figure` (not attached to pyplot, so no window opens); save
one with `save`. The encoding of time is described in ``docs/design.md``.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._files import write_atomic
from .._optional import optional
from ..dataset import Dataset
from ..errors import ValidationError
from ..model import Event
from ._marks import glyphs

if TYPE_CHECKING:
    from ..query import Query

__all__ = ["FORMATS", "network", "save", "timeline"]

FORMATS = ("svg", "png", "pdf")
"""The file formats `save` writes, from the file's suffix."""


def _matplotlib() -> None:
    optional("matplotlib", "plot", "plots")


def _split(
    events: Dataset | Query | Iterable[Event], dataset: Dataset | None
) -> tuple[Iterable[Event], Dataset | None]:
    """The events to draw and the dataset they come from (for sides and names)."""
    if isinstance(events, Dataset):
        return events.events.values(), dataset or events
    from ..query import Query  # noqa: PLC0415 - keeps `import diplo_events.plot` cheap

    if isinstance(events, Query):
        return events, dataset or events._dataset
    return events, dataset


def timeline(
    events: Dataset | Query | Iterable[Event],
    *,
    dataset: Dataset | None = None,
    lanes: str = "kind",
    labels: str = "summary",
    max_lanes: int = 20,
    max_glyphs: int = 300,
    title: str | None = None,
) -> Any:
    """A timeline of `events` that shows how well each date is known.

    Each event gets a row in each of its lanes: a solid bar over the days it
    certainly covers (its inner bounds), a thin whisker over the days it may
    cover (its outer bounds), arrows for open (solid) or unknown (dashed)
    ends, a glyph whose shape is the precision (circle: day, square: month,
    diamond: year) and whose fill is the status (solid: occurred or ongoing;
    hollow: planned, expected, proposed, postponed, hypothetical; struck
    through: cancelled, denied, negated), coloured by kind.

    Args:
        events: A `Dataset` (all its events), a `Query`, or any events.
        dataset: Where sides are looked up, when `events` is neither a
            dataset nor a query (without it, a side is an actor id).
        lanes: ``"kind"``, ``"side"`` (country, else actor) or ``"actor"``.
        labels: Row labels: ``"summary"`` (the event's summary) or ``"id"``.
        max_lanes: Lanes beyond the busiest `max_lanes` are merged into ``other``.
        max_glyphs: Past this many rows, alike events (same lane, bounds,
            kind, status, precision) share one glyph sized by their count.
        title: The title (default ``"Timeline"``); the counts follow it.

    Returns:
        A `matplotlib.figure.Figure`, one row (inch 0.26) per glyph.

    Raises:
        MissingDependencyError: matplotlib is not installed.
        ValidationError: `lanes`, `labels` or a limit is not valid.
    """
    chosen, ds = _split(events, dataset)
    rows, count = glyphs(
        chosen, dataset=ds, lanes=lanes, labels=labels, max_lanes=max_lanes, max_glyphs=max_glyphs
    )
    _matplotlib()
    from ._timeline import draw_timeline  # noqa: PLC0415 - imports matplotlib

    return draw_timeline(rows, count, title)


def network(
    dataset: Dataset | Query,
    *,
    by: str = "side",
    events: Iterable[Event] | None = None,
    max_nodes: int = 40,
    title: str | None = None,
) -> Any:
    """Who met whom: sides (or actors) on a circle, an edge per pair, its width the count.

    The pairs come from `diplo_events.analysis.meeting_network`, with its one
    default: the meetings and visits that occurred. A `Query` that names no
    kinds (`Query.kind`) is narrowed to meetings and visits, one that names no
    statuses (`Query.status`) to events that occurred; ``diplo-events plot
    network`` draws the same pairs from the same flags. Events given as any
    other iterable are drawn as given. Only the `max_nodes` nodes with the
    most meetings are drawn; the title says how many were left out.

    Args:
        dataset: A `Dataset`, or a `Query` whose events are used.
        by: ``"side"`` (countries, else actor ids) or ``"actor"`` (labelled by name).
        events: The events to use (overrides a query's): a `Query`, narrowed
            as above, or any iterable of events, used as given.
        max_nodes: The most nodes drawn (at least 2).
        title: The title (default ``"Who met whom"``).

    Raises:
        MissingDependencyError: matplotlib is not installed.
        ValidationError: `by` or `max_nodes` is not valid.
    """
    from ..analysis import meeting_network  # noqa: PLC0415 - keeps import cheap
    from ..query import Query  # noqa: PLC0415

    if isinstance(dataset, Query):
        events = dataset if events is None else events
        dataset = dataset._dataset
    if type(max_nodes) is not int or max_nodes < 2:
        raise ValidationError.one("max_nodes", "must be a whole number >= 2", max_nodes)
    net = meeting_network(dataset, by=by, events=events)
    _matplotlib()
    from ._network import draw_network, top_nodes  # noqa: PLC0415 - imports matplotlib

    small, left_out = top_nodes(net, max_nodes)
    names = {a.id: a.name for a in dataset.actors.values()} if by == "actor" else {}
    return draw_network(small, names, left_out, title)


def save(figure: Any, path: str | os.PathLike[str]) -> None:
    """Write `figure` to `path` atomically, as SVG, PNG or PDF by its suffix.

    Raises:
        ValidationError: the suffix is not one of `FORMATS`.
        FileAccessError: the file cannot be written (it is then unchanged).
    """
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValidationError.one(
            "path", f"must end in {', '.join('.' + f for f in FORMATS)}", os.fspath(path)
        )
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {}
    figure.savefig(buffer, format=fmt, dpi=150, metadata=metadata)
    write_atomic(path, [buffer.getvalue()])

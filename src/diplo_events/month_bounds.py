"""Monthly counts that respect uncertain time: per cell, the events certainly and possibly in it.

`analysis.dyad_counts` puts an event in one month or none. Here each event
counts in every month it can fall in (``possible``) and, of those, in every
month it falls in however its uncertainty resolves (``certain``). With the
bounds of `TimeSpan`:

- certainly in month M: the span definitely overlaps M, that is
  ``latest_start <= last day of M`` and ``first day of M <= earliest_end``;
- possibly in month M: ``earliest <= last day of M`` and
  ``first day of M <= latest``; an open or unknown end reaches to the window.

So ``2017-11`` counts certainly (and possibly) in 2017-11 only; ``2017``
possibly in each month of 2017 and certainly in none; ``/2018-02-09`` (an
unknown start) certainly in 2018-02 and possibly in every month of the window
up to 2018-02. The window defaults to the months the events' dated bounds
reach. The same counts come from SQL over the Parquet store
(`diplo_events.columnar.sql`), and a test checks they agree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from .errors import ValidationError
from .validate import side_of

if TYPE_CHECKING:
    from .dataset import Dataset
    from .model import Event

__all__ = ["MonthBounds", "month_bounds", "month_index", "month_name", "parse_window"]

_MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")


class MonthBounds(NamedTuple):
    """The events of one cell: a side (`b` None) or a pair of sides (`a` < `b`) in a month.

    `month` is ``"YYYY-MM"``; ``certain <= possible``.
    """

    a: str
    b: str | None
    month: str
    certain: int
    possible: int


def month_index(day: dt.date) -> int:
    """Months since year 0: ``year * 12 + month - 1``."""
    return day.year * 12 + day.month - 1


def month_name(index: int) -> str:
    """``"YYYY-MM"`` of a `month_index`."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _parse_month(text: object, path: str) -> int:
    match = _MONTH.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ValidationError.one(path, "must be a month as 'YYYY-MM'", text)
    return int(match[1]) * 12 + int(match[2]) - 1


def parse_window(window: object) -> tuple[int, int]:
    """The `month_index` of the first and last month of `window` (``("2017-01", "2018-12")``).

    Raises:
        ValidationError: not two months as ``"YYYY-MM"``, in order.
    """
    if type(window) is not tuple or len(window) != 2:
        raise ValidationError.one("window", "must be two months ('YYYY-MM', 'YYYY-MM')", window)
    low, high = _parse_month(window[0], "window[0]"), _parse_month(window[1], "window[1]")
    if low > high:
        raise ValidationError.one("window", "must not end before it starts", window)
    return low, high


def _window(events: list[Event], window: tuple[str, str] | None) -> tuple[int, int] | None:
    if window is not None:
        return parse_window(window)
    if not events:
        return None
    spans = [e.when for e in events]
    low = min(month_index(s.earliest or s.latest_start) for s in spans)
    high = max(month_index(s.latest or s.earliest_end) for s in spans)
    return low, high


def month_bounds(
    dataset: Dataset,
    *,
    per: str = "pair",
    events: Iterable[Event] | None = None,
    window: tuple[str, str] | None = None,
) -> tuple[MonthBounds, ...]:
    """Count events per side or pair of sides and month, as certain and possible counts.

    Args:
        dataset: The dataset whose sides (`Dataset.side`) and events are counted.
        per: ``"pair"`` counts each pair of distinct sides of an event,
            ``"side"`` each side.
        events: The events to count (a `Query`, say); all events by default.
        window: The first and last month (``("2017-01", "2018-12")``) of the
            cells; by default the months the events' dated bounds reach.

    Returns:
        The cells with at least one possible event, sorted by month, then `a`, `b`.

    Raises:
        ValidationError: `per` is not ``"pair"`` or ``"side"``, or `window` is
            not two months in order.
    """
    if per not in {"pair", "side"}:
        raise ValidationError.one("per", "must be 'pair' or 'side'", per)
    chosen = list(dataset.events.values() if events is None else events)
    limits = _window(chosen, window)
    if limits is None:
        return ()
    low, high = limits
    actors = dataset.actors
    counts: defaultdict[tuple[int, str, str | None], list[int]] = defaultdict(lambda: [0, 0])
    for event in chosen:
        sides = sorted({side_of(p, actors) for p in event.participants})
        keys: list[tuple[str, str | None]]
        if per == "side":
            keys = [(s, None) for s in sides]
        else:
            keys = [(a, b) for i, a in enumerate(sides) for b in sides[i + 1 :]]
        if not keys:
            continue
        span = event.when
        first = max(low, low if span.earliest is None else month_index(span.earliest))
        last = min(high, high if span.latest is None else month_index(span.latest))
        sure = range(month_index(span.latest_start), month_index(span.earliest_end) + 1)
        for month in range(first, last + 1):
            certain = month in sure
            for a, b in keys:
                cell = counts[month, a, b]
                cell[1] += 1
                cell[0] += certain
    cells = sorted(counts.items(), key=lambda cell: (cell[0][0], cell[0][1], cell[0][2] or ""))
    return tuple(
        MonthBounds(a=a, b=b, month=month_name(m), certain=c[0], possible=c[1])
        for (m, a, b), c in cells
    )

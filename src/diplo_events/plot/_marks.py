"""The honest encoding of an event's time, shared by the static plots and the HTML report.

No drawing library is imported here: a `Glyph` says *what* to draw for one
event (or a group of alike events) and the plotting code says *how*. The
encoding (see ``docs/design.md``, "Drawing uncertain time"):

- the outer bounds (``TimeSpan.earliest`` .. ``latest``, the span the event may
  cover) are a thin whisker; the inner bounds (``latest_start`` ..
  ``earliest_end``, the span it certainly covers, after CIDOC CRM P81) a solid
  bar, absent when the event covers no day for certain (a single month);
- an open (``..``) or unknown end is an arrow to the edge of the axis;
- the glyph's shape gives the precision (day, month, year) and its fill the
  status: solid for what happened or is under way, hollow for what is planned,
  expected, proposed, postponed or hypothetical, struck through for what was
  cancelled, denied or negated.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

import attrs

from ..dataset import Dataset
from ..enums import EventKind, Precision, Status
from ..errors import ValidationError
from ..model import Actor, Event, Unbounded
from ..validate import side_of

__all__ = [
    "KIND_COLOURS",
    "LABELS",
    "LANES",
    "OTHER_LANE",
    "Glyph",
    "Style",
    "axis_range",
    "glyphs",
    "lanes_of",
]

LANES = ("kind", "side", "actor")
"""What a timeline's lanes can group by."""

LABELS = ("summary", "id")
"""What a timeline's rows can be labelled with."""

KIND_COLOURS = {
    EventKind.MEETING: "#1f77b4",
    EventKind.VISIT: "#2ca02c",
    EventKind.AGREEMENT: "#9467bd",
    EventKind.DISPUTE: "#d62728",
    EventKind.STATEMENT: "#ff7f0e",
    EventKind.INCIDENT: "#8c564b",
}
"""The colour of each kind (matplotlib's ``tab10`` palette), also used by the report."""

OTHER_LANE = "other"
"""The lane that gathers the lanes beyond `max_lanes`."""

Style = str
"""``"solid"``, ``"hollow"`` or ``"struck"``."""

_STYLE = {
    Status.OCCURRED: "solid",
    Status.ONGOING: "solid",
    Status.PLANNED: "hollow",
    Status.EXPECTED: "hollow",
    Status.PROPOSED: "hollow",
    Status.POSTPONED: "hollow",
    Status.HYPOTHETICAL: "hollow",
    Status.CANCELLED: "struck",
    Status.DENIED: "struck",
    Status.NEGATED: "struck",
}

_ONE_DAY = dt.timedelta(days=1)


@attrs.frozen(kw_only=True)
class Glyph:
    """What to draw for one event in one lane, or for `count` alike events.

    Dates are days; an end date is exclusive (the day after the last day), so
    a one-day event is one day wide. `start`/`end` are the outer bounds, None
    where the span is unbounded (then `open_start`/`open_end` say how: an
    `Unbounded` value). `certain` is the inner span, or None. `window` runs
    from the earliest possible end to the day after the latest possible
    start: the glyph sits in its middle when nothing is certain.
    """

    events: tuple[str, ...]
    lane: str
    label: str
    kind: EventKind
    status: Status
    precision: Precision
    start: dt.date | None
    end: dt.date | None
    certain: tuple[dt.date, dt.date] | None
    open_start: Unbounded | None
    open_end: Unbounded | None
    window: tuple[dt.date, dt.date]

    @property
    def style(self) -> Style:
        """``"solid"``, ``"hollow"`` or ``"struck"``, from the status."""
        return _STYLE[self.status]

    @property
    def count(self) -> int:
        """How many events this glyph stands for."""
        return len(self.events)

    @property
    def anchor(self) -> dt.datetime:
        """Where the glyph sits (naive, a day's time): the middle of `certain`, else of `window`."""
        if self.certain is not None:
            a, b = self.certain
        else:
            a, b = sorted(self.window)
        return dt.datetime.combine(a, dt.time()) + (b - a) / 2

    @property
    def has_whisker(self) -> bool:
        """Whether the outer bounds differ from the certain span (so a whisker shows)."""
        if self.certain is None:
            return True
        return (self.start, self.end) != self.certain


def _glyph(event: Event, lane: str, label: str) -> Glyph:
    when = event.when
    earliest, latest = when.earliest, when.latest
    latest_start, earliest_end = when.latest_start, when.earliest_end
    certain = (latest_start, earliest_end + _ONE_DAY) if latest_start <= earliest_end else None
    start_end = when.start if isinstance(when.start, Unbounded) else None
    end_end = when.end if isinstance(when.end, Unbounded) else None
    return Glyph(
        events=(event.id,),
        lane=lane,
        label=label,
        kind=event.kind,
        status=event.status,
        precision=when.precision,
        start=earliest,
        end=None if latest is None else latest + _ONE_DAY,
        certain=certain,
        open_start=start_end,
        open_end=end_end,
        window=(earliest_end, latest_start + _ONE_DAY),
    )


def lanes_of(event: Event, by: str, actors: Mapping[str, Actor]) -> list[str]:
    """The lanes an event is drawn in: its kind, or each of its sides or actors.

    Raises:
        ValidationError: `by` is not one of `LANES`.
    """
    if by == "kind":
        return [event.kind.value]
    if by == "side":
        return sorted({side_of(p, actors) for p in event.participants}) or [OTHER_LANE]
    if by == "actor":
        return sorted({p.actor for p in event.participants}) or [OTHER_LANE]
    raise ValidationError.one("lanes", f"must be one of {', '.join(LANES)}", by)


def _label_of(by: str) -> Callable[[Event], str]:
    if by == "summary":
        return lambda e: e.summary or e.id
    if by == "id":
        return lambda e: e.id
    raise ValidationError.one("labels", f"must be one of {', '.join(LABELS)}", by)


def glyphs(
    events: Iterable[Event],
    *,
    dataset: Dataset | None = None,
    lanes: str = "kind",
    labels: str = "summary",
    max_lanes: int = 20,
    max_glyphs: int = 300,
) -> tuple[tuple[Glyph, ...], int]:
    """The glyphs of a timeline, lane by lane (busiest lane first), and the events drawn.

    An event is drawn once in each of its lanes. Lanes beyond the `max_lanes`
    busiest are merged into one lane, ``other``. When more than `max_glyphs`
    would be drawn, alike glyphs (same lane, bounds, kind, status and
    precision) are merged into one that counts them, labelled ``N events``;
    this keeps 3,000 ICEWS events (which fall on a few days) readable without
    moving any event off its dates.

    Raises:
        ValidationError: `lanes` or `labels` is not a known choice, or a limit is below 1.
    """
    for name, limit in (("max_lanes", max_lanes), ("max_glyphs", max_glyphs)):
        if type(limit) is not int or limit < 1:
            raise ValidationError.one(name, "must be a whole number >= 1", limit)
    actors = dataset.actors if dataset is not None else {}
    label_of = _label_of(labels)
    chosen = list(events)
    placed = [(event, lanes_of(event, lanes, actors)) for event in chosen]
    sizes = Counter(lane for _, ls in placed for lane in ls)
    kept = {lane for lane, _ in sizes.most_common(max_lanes)}
    rows: list[Glyph] = []
    for event, ls in placed:
        label = label_of(event)
        in_lanes = sorted({lane if lane in kept else OTHER_LANE for lane in ls})
        rows.extend(_glyph(event, lane, label) for lane in in_lanes)
    order = {lane: i for i, (lane, _) in enumerate(sizes.most_common())}
    if len(rows) > max_glyphs:
        rows = _merged(rows)
    rows.sort(key=lambda g: (order.get(g.lane, len(order)), _chrono(g)))
    return tuple(rows), len(chosen)


def _chrono(glyph: Glyph) -> tuple[dt.date, dt.date, str]:
    return (glyph.start or dt.date.min, glyph.end or dt.date.max, glyph.events[0])


def _merged(rows: list[Glyph]) -> list[Glyph]:
    """Merge glyphs that would be drawn identically into one counting them."""
    groups: dict[tuple[object, ...], list[Glyph]] = {}
    for g in rows:
        key = (g.lane, g.start, g.end, g.open_start, g.open_end, g.kind, g.status, g.precision)
        groups.setdefault(key, []).append(g)
    out = []
    for group in groups.values():
        first = group[0]
        if len(group) == 1:
            out.append(first)
            continue
        ids = tuple(i for g in group for i in g.events)
        out.append(attrs.evolve(first, events=ids, label=f"{len(ids)} events"))
    return out


def axis_range(rows: Iterable[Glyph]) -> tuple[dt.date, dt.date]:
    """The days a time axis shows: every bound, padded by a twentieth on each side."""
    days = [d for g in rows for d in (g.start, g.end, *g.window) if d is not None]
    if not days:
        today = dt.date(2000, 1, 1)
        return today, today + _ONE_DAY
    low, high = min(days), max(days)
    pad = max((high - low) / 20, _ONE_DAY)
    return low - pad, high + pad

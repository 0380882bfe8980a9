"""The timeline as a matplotlib figure: one row per glyph, lanes as shaded bands.

Every artist of an event carries a ``gid`` naming it (``glyph:ID``,
``certain:ID``, ``whisker:ID``, ``open-start:ID``, ``open-end:ID``, ``strike:ID``;
an aggregated glyph uses its first event's id), which SVG output keeps as
element ids, so the structure of a picture can be tested without pixels.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

from ..enums import Precision
from ..model import Unbounded
from ._marks import KIND_COLOURS, Glyph, axis_range

__all__ = ["PRECISION_MARKERS", "draw_timeline"]


PRECISION_MARKERS = {Precision.DAY: "o", Precision.MONTH: "s", Precision.YEAR: "D"}
"""The glyph shape of each precision: circle (day), square (month), diamond (year)."""

_ROW_INCHES = 0.26
_LABEL_CHARS = 48


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1] + "\u2026"


def draw_timeline(rows: tuple[Glyph, ...], events: int, title: str | None) -> Any:
    """Draw `rows` (from `glyphs`) on a new figure and return it."""
    from matplotlib.figure import Figure  # noqa: PLC0415
    from matplotlib.lines import Line2D  # noqa: PLC0415

    mdates: Any = importlib.import_module("matplotlib.dates")  # untyped: reached as Any
    height = 1.6 + _ROW_INCHES * max(len(rows), 1)
    fig = Figure(figsize=(11, height), layout="constrained")
    ax = fig.add_subplot()
    low, high = axis_range(rows)
    x_low, x_high = mdates.date2num(low), mdates.date2num(high)
    ax.set_xlim(x_low, x_high)
    ax.set_ylim(max(len(rows), 1) - 0.5, -0.5)
    _lanes(ax, rows)
    biggest = max((g.count for g in rows), default=1)
    for y, glyph in enumerate(rows):
        _draw_one(ax, mdates, glyph, y, edges=(x_low, x_high), biggest=biggest)
    ax.set_yticks(range(len(rows)), [_short(g.label) for g in rows], fontsize=8)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    shown = sum(g.count for g in rows)
    heading = title or "Timeline"
    note = f"{events} events" if shown == events else f"{events} events ({shown} glyph entries)"
    if len(rows) < shown:
        note += f"; alike events merged into {len(rows)} glyphs (size: count)"
    ax.set_title(f"{heading}: {note}", fontsize=10, loc="left")
    legend = [
        Line2D([], [], color="#444444", linewidth=5, label="certain span (inner bounds)"),
        Line2D([], [], color="#444444", linewidth=0.9, label="possible span (outer bounds)"),
        Line2D([], [], color="none", marker="o", markerfacecolor="#444444", label="occurred"),
        Line2D([], [], color="none", marker="o", markerfacecolor="white", label="planned"),
        Line2D([], [], color="none", marker="X", markerfacecolor="white", label="cancelled"),
        *(
            Line2D([], [], color="none", marker=m, markerfacecolor="#999999", label=p.value)
            for p, m in PRECISION_MARKERS.items()
        ),
        *(Line2D([], [], color=c, linewidth=4, label=k.value) for k, c in KIND_COLOURS.items()),
    ]
    ax.legend(handles=legend, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig


def _lanes(ax: Any, rows: tuple[Glyph, ...]) -> None:
    """Shade every other lane and write its name at its top."""
    start = 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or rows[i].lane != rows[start].lane:
            shade = "#f2f2f2" if _lane_number(rows, start) % 2 == 0 else "#ffffff"
            ax.axhspan(start - 0.5, i - 0.5, color=shade, zorder=0, gid=f"lane:{rows[start].lane}")
            ax.text(
                0.002,
                start - 0.45,
                rows[start].lane,
                transform=ax.get_yaxis_transform(),
                fontsize=8,
                fontweight="bold",
                va="top",
                color="#555555",
            )
            start = i


def _lane_number(rows: tuple[Glyph, ...], index: int) -> int:
    return len({g.lane for g in rows[:index]})


def _draw_one(
    ax: Any, mdates: Any, glyph: Glyph, y: int, *, edges: tuple[float, float], biggest: int
) -> None:
    ident = glyph.events[0]
    colour = KIND_COLOURS[glyph.kind]

    def x(day: dt.date) -> float:
        return float(mdates.date2num(day))

    # The whisker covers the dated bounds; an unbounded side is the arrow's.
    low = x(glyph.start) if glyph.start is not None else x(glyph.window[0])
    high = x(glyph.end) if glyph.end is not None else x(glyph.window[1])
    if glyph.has_whisker:
        ax.plot([low, high], [y, y], color=colour, linewidth=0.9, gid=f"whisker:{ident}")
        for bound in (glyph.start, glyph.end):
            if bound is not None:
                ax.plot([x(bound)] * 2, [y - 0.18, y + 0.18], color=colour, linewidth=0.9)
    for end, name, tip, tail, head in (
        (glyph.open_start, "open-start", edges[0], x(glyph.window[0]), "<"),
        (glyph.open_end, "open-end", edges[1], x(glyph.window[1]), ">"),
    ):
        if end is not None:  # the shaft (dashed when the end is unknown), then the head
            dashes = "-" if end is Unbounded.OPEN else (0, (4, 3))
            ax.plot([tail, tip], [y, y], color=colour, linewidth=1.1, linestyle=dashes,
                    gid=f"{name}:{ident}")  # fmt: skip
            ax.plot([tip], [y], marker=head, markersize=6, color=colour, linestyle="none")
    hollow = glyph.style != "solid"
    if glyph.certain is not None:
        a, b = map(x, glyph.certain)
        ax.barh(
            y,
            b - a,
            left=a,
            height=0.42,
            facecolor="white" if hollow else colour,
            edgecolor=colour,
            linewidth=1.2,
            gid=f"certain:{ident}",
        )
    size = 6 + 10 * (glyph.count / biggest) ** 0.5 if glyph.count > 1 else 6
    anchor = x(glyph.anchor)
    ax.plot(
        [anchor],
        [y],
        marker=PRECISION_MARKERS[glyph.precision],
        markersize=size,
        markerfacecolor="white" if hollow else colour,
        markeredgecolor=colour,
        markeredgewidth=1.2,
        linestyle="none",
        gid=f"glyph:{ident}",
    )
    if glyph.style == "struck":
        ax.plot(
            [anchor],
            [y],
            marker="x",
            markersize=size,
            color=colour,
            linestyle="none",
            gid=f"strike:{ident}",
        )

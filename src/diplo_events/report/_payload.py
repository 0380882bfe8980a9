"""The data the report page runs on: records, evidence spans, glyphs and the network, as JSON.

The page's script (``report.js``) draws from this; the time encoding is the
one of `diplo_events.plot._marks`, computed here once, so the report and the
static timeline cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from ..analysis import meeting_network
from ..dataset import Dataset
from ..model import Evidence, Unbounded
from ..plot._marks import Glyph, glyphs
from ..serialize import to_dict
from ._coverage import uncovered
from ._text import Span, text_html

__all__ = ["payload"]

_MAX_NODES = 40


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _glyph(g: Glyph) -> dict[str, Any]:
    return {
        "lane": g.lane,
        "start": _iso(g.start),
        "end": _iso(g.end),
        "certain": None if g.certain is None else [d.isoformat() for d in g.certain],
        "anchor": g.anchor.isoformat(),
        "openStart": None if g.open_start is None else g.open_start.value,
        "openEnd": None if g.open_end is None else g.open_end.value,
        "precision": g.precision.value,
        "style": g.style,
    }


def _records(ds: Dataset) -> Iterator[tuple[str, str, object, tuple[Evidence, ...]]]:
    """(type, id, record, evidence) for every record that can carry evidence."""
    for key, actor in ds.actors.items():
        yield "actor", key, actor, actor.evidence
    for i, membership in enumerate(ds.memberships):
        yield "membership", f"membership-{i}", membership, membership.evidence
    for key, place in ds.places.items():
        yield "place", key, place, place.evidence
    for event in ds:
        yield "event", event.id, event, event.evidence


def payload(ds: Dataset, title: str) -> dict[str, Any]:
    """Everything the page shows, as JSON-ready values (see ``report.js`` for their use)."""
    names = {a.id: a.name for a in ds.actors.values()}
    records: list[dict[str, Any]] = []
    spans: list[Span] = []
    for kind, ident, record, evidence in _records(ds):
        number = len(records)
        entry: dict[str, Any] = {"type": kind, "id": ident, "data": to_dict(record)}
        if kind == "event":
            event = ds.events[ident]
            when = event.when
            (g,), _ = glyphs([event])
            entry |= {
                "kind": event.kind.value,
                "status": event.status.value,
                "summary": event.summary,
                "actors": sorted({p.actor for p in event.participants}),
                "bounds": {
                    "earliest": _iso(when.earliest),
                    "latest": _iso(when.latest),
                    "latestStart": when.latest_start.isoformat(),
                    "earliestEnd": when.earliest_end.isoformat(),
                    "precision": when.precision.value,
                    "openStart": isinstance(when.start, Unbounded),
                    "openEnd": isinstance(when.end, Unbounded),
                },
                "glyph": _glyph(g),
            }
        css = f"k-{entry.get('kind', kind)}"
        base = len(spans)
        spans.extend(
            Span(n=base + i, record=number, start=e.start, end=e.end, css=css)
            for i, e in enumerate(evidence)
        )
        entry["spans"] = [
            {"source": e.source, "start": e.start, "end": e.end, "quote": e.quote} for e in evidence
        ]
        records.append(entry)
    starts = 0
    for entry in records:
        entry["firstSpan"] = starts
        starts += len(entry["spans"])
    return {
        "title": title,
        "names": names,
        "records": records,
        "sources": _sources(ds, records, spans),
        "network": _network(ds, names),
    }


def _sources(ds: Dataset, records: list[dict[str, Any]], spans: list[Span]) -> list[dict[str, Any]]:
    by_source: dict[str, list[Span]] = {}
    flat = [(s, r) for r in records for s in r["spans"]]
    for span, (evidence, _) in zip(spans, flat, strict=True):
        by_source.setdefault(evidence["source"], []).append(span)
    out = []
    for source in ds.sources.values():
        mine = by_source.get(source.id, [])
        text = source.text
        html = None
        gaps = 0
        if text is not None:
            gap_list = uncovered(text, [(s.start, s.end) for s in mine])
            gaps = len(gap_list)
            html = text_html(text, mine, gap_list)
        out.append(
            {"id": source.id, "title": source.title, "html": html, "spans": len(mine), "gaps": gaps}
        )
    return out


def _network(ds: Dataset, names: dict[str, str]) -> dict[str, Any]:
    from ..plot._network import circle_layout, top_nodes  # noqa: PLC0415 - no matplotlib there

    net, left_out = top_nodes(meeting_network(ds), _MAX_NODES)
    where = circle_layout(net.nodes)
    return {
        "nodes": [
            {"id": n, "label": names.get(n, n), "x": where[n][0], "y": where[n][1]}
            for n in net.nodes
        ],
        "edges": [{"a": e.a, "b": e.b, "total": e.total} for e in net.edges],
        "leftOut": left_out,
    }

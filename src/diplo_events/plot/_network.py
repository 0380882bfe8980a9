"""The meeting network as a matplotlib figure, on a circle (deterministic, no layout library).

Nodes carry ``gid="node:ID"`` and edges ``gid="edge:A|B"``, kept as element ids in SVG.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import attrs

from ..analysis import MeetingNetwork

__all__ = ["circle_layout", "draw_network", "top_nodes"]


def top_nodes(network: MeetingNetwork, max_nodes: int) -> tuple[MeetingNetwork, int]:
    """Keep the `max_nodes` nodes with the most meetings (and the edges among them).

    Returns the smaller network and the number of nodes left out.
    """
    degree: Counter[str] = Counter()
    for edge in network.edges:
        degree[edge.a] += edge.total
        degree[edge.b] += edge.total
    if len(network.nodes) <= max_nodes:
        return network, 0
    ranked = sorted(network.nodes, key=lambda n: (-degree[n], n))
    kept = set(ranked[:max_nodes])
    edges = tuple(e for e in network.edges if e.a in kept and e.b in kept)
    small = attrs.evolve(network, nodes=tuple(n for n in network.nodes if n in kept), edges=edges)
    return small, len(network.nodes) - max_nodes


def circle_layout(nodes: tuple[str, ...]) -> dict[str, tuple[float, float]]:
    """Positions on the unit circle, in the order given, the first at the top."""
    n = max(len(nodes), 1)
    return {
        node: (math.sin(2 * math.pi * i / n), math.cos(2 * math.pi * i / n))
        for i, node in enumerate(nodes)
    }


def draw_network(
    network: MeetingNetwork, names: dict[str, str], left_out: int, title: str | None
) -> Any:
    """Draw `network` (nodes on a circle, edge width by count) on a new figure."""
    from matplotlib.figure import Figure  # noqa: PLC0415 - the [plot] extra, checked by the caller

    fig = Figure(figsize=(8, 8), layout="constrained")
    ax = fig.add_subplot()
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_xlim(-1.45, 1.45)
    ax.set_ylim(-1.35, 1.35)
    where = circle_layout(network.nodes)
    biggest = max((e.total for e in network.edges), default=1)
    for edge in network.edges:
        (xa, ya), (xb, yb) = where[edge.a], where[edge.b]
        width = 0.8 + 7 * edge.total / biggest
        ax.plot([xa, xb], [ya, yb], color="#4c72b0", alpha=0.6, linewidth=width,
                solid_capstyle="round", gid=f"edge:{edge.a}|{edge.b}", zorder=1)  # fmt: skip
        if edge.total > 1:
            ax.text((xa + xb) / 2, (ya + yb) / 2, str(edge.total), fontsize=7, ha="center",
                    va="center", color="#222222", zorder=3,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"})  # fmt: skip
    met: Counter[str] = Counter()
    for edge in network.edges:
        met[edge.a] += edge.total
        met[edge.b] += edge.total
    for node, (x, y) in where.items():
        ax.scatter([x], [y], s=60 + 20 * met[node], color="#dd8452", edgecolor="#333333",
                   zorder=2, gid=f"node:{node}")  # fmt: skip
        ax.text(1.12 * x, 1.12 * y, names.get(node, node), fontsize=8,
                ha="left" if x > 0.05 else "right" if x < -0.05 else "center",
                va="bottom" if y > 0.05 else "top" if y < -0.05 else "center")  # fmt: skip
    heading = title or "Who met whom"
    note = f"{len(network.nodes)} nodes, {len(network.edges)} pairs; edge width: meetings"
    if left_out:
        note += f" ({left_out} less connected nodes left out)"
    ax.set_title(f"{heading}\n{note}", fontsize=10)
    return fig

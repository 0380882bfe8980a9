"""diplo_events.plot: structural tests of the pictures (artists counted by gid), not pixels."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from diplo_events import (
    Dataset,
    Meeting,
    MissingDependencyError,
    Participant,
    TimeSpan,
    ValidationError,
    load_reference,
)
from diplo_events.analysis import meeting_network
from diplo_events.cli import main
from diplo_events.plot import network, save, timeline
from diplo_events.plot._marks import glyphs
from diplo_events.query import Query

from . import helpers

pytest.importorskip("matplotlib")

SAMPLE = helpers.SHARED_DATA / "icews" / "events.2018.sample.tab"


def gids(fig: Any, prefix: str) -> dict[str, Any]:
    """The artists of `fig` whose gid starts with `prefix`, by the rest of the gid."""
    found = {}
    for artist in fig.findobj():
        gid = artist.get_gid()
        if gid and gid.startswith(prefix):
            found[gid[len(prefix) :]] = artist
    return found


def meeting(ident: str, when: str, status: str = "occurred") -> Meeting:
    return Meeting(
        id=ident,
        summary=f"meeting {ident}",
        participants=[
            Participant(actor="jpn", role="party"),
            Participant(actor="chn", role="party"),
        ],
        when=TimeSpan.parse(when),
        status=status,
        format="bilateral",
    )


class TestGlyphs:
    def test_a_day_is_certain_for_one_day(self) -> None:
        """A day-precision date: certain span = outer span = that day, so no whisker."""
        (g,), n = glyphs([meeting("m", "2018-01-28")])
        assert n == 1
        assert g.certain == (dt.date(2018, 1, 28), dt.date(2018, 1, 29))
        assert (g.start, g.end) == g.certain
        assert not g.has_whisker
        assert g.anchor == dt.datetime(2018, 1, 28, 12)  # noqa: DTZ001

    def test_a_month_is_never_certain(self) -> None:
        """'Some day in January' certainly covers no day: only a whisker, glyph mid-month."""
        (g,), _ = glyphs([meeting("m", "2018-01")])
        assert g.certain is None
        assert g.has_whisker
        assert (g.start, g.end) == (dt.date(2018, 1, 1), dt.date(2018, 2, 1))
        assert g.precision.value == "month"

    def test_an_interval_of_months_is_certain_between_them(self) -> None:
        """2017-11/2018-02 certainly covers 30 Nov .. 1 Feb and may cover 1 Nov .. 28 Feb."""
        (g,), _ = glyphs([meeting("m", "2017-11/2018-02")])
        assert g.certain == (dt.date(2017, 11, 30), dt.date(2018, 2, 2))
        assert (g.start, g.end) == (dt.date(2017, 11, 1), dt.date(2018, 3, 1))

    def test_open_and_unknown_ends(self) -> None:
        """An open end and an unknown start are recorded as such, with no date."""
        (a,), _ = glyphs([meeting("a", "2018-01-28/..")])
        (b,), _ = glyphs([meeting("b", "/2018-01-28")])
        assert (a.end, a.open_end, a.open_start) == (None, "open", None)
        assert (b.start, b.open_start, b.open_end) == (None, "unknown", None)

    def test_styles_by_status(self) -> None:
        """Occurred solid, planned hollow, cancelled struck."""
        rows, _ = glyphs(
            [
                meeting("a", "2018"),
                meeting("b", "2018", "planned"),
                meeting("c", "2018", "cancelled"),
            ]
        )
        assert {g.events[0]: g.style for g in rows} == {"a": "solid", "b": "hollow", "c": "struck"}

    def test_lanes_by_side_put_an_event_in_each(self) -> None:
        """Lanes by side: the meeting of Japan and China is in both lanes."""
        ds = helpers.dataset()
        rows, _ = glyphs([ds.events["ev-meet"]], dataset=ds, lanes="side")
        assert sorted(g.lane for g in rows) == ["CHN", "JPN"]

    def test_merging_counts_every_event(self) -> None:
        """Past max_glyphs, alike events share a glyph; counts add up to the events."""
        events = [meeting(f"m-{i}", "2018-01-28") for i in range(5)] + [meeting("x", "2018-02")]
        rows, n = glyphs(events, max_glyphs=3)
        assert n == 6
        assert sorted(g.count for g in rows) == [1, 5]
        assert {g.label for g in rows} == {"5 events", "meeting x"}

    def test_merging_keeps_the_other_lane(self) -> None:
        """Lanes beyond max_lanes go to 'other'."""
        ds = load_reference()
        rows, _ = glyphs(ds.events.values(), dataset=ds, lanes="kind", max_lanes=2)
        assert len({g.lane for g in rows}) == 3
        assert "other" in {g.lane for g in rows}

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"lanes": "colour"}, "must be one of kind, side, actor (got 'colour') at lanes"),
            ({"labels": "name"}, "must be one of summary, id (got 'name') at labels"),
            ({"max_lanes": 0}, "must be a whole number >= 1 (got 0) at max_lanes"),
        ],
    )
    def test_bad_choices(self, kwargs: dict[str, Any], message: str) -> None:
        """Bad choices are ValidationErrors naming the argument."""
        with pytest.raises(ValidationError) as info:
            glyphs([meeting("m", "2018")], **kwargs)
        assert str(info.value) == message


@pytest.fixture(scope="module")
def fig() -> Any:
    """The reference timeline, lanes by kind."""
    return timeline(load_reference())


class TestTimeline:
    def test_one_glyph_per_event(self, fig: Any) -> None:
        """Lanes by kind: one glyph per reference event."""
        assert set(gids(fig, "glyph:")) == set(load_reference().events)

    def test_whiskers_where_bounds_differ(self, fig: Any) -> None:
        """A whisker exactly for the events whose outer bounds differ from their certain span."""
        ds = load_reference()
        differ = {g.events[0] for g in glyphs(ds.events.values())[0] if g.has_whisker}
        assert set(gids(fig, "whisker:")) == differ
        assert "ev-kono-meets-li-keqiang" not in differ  # a day: nothing uncertain

    def test_hollow_glyphs_for_planned_events(self, fig: Any) -> None:
        """Planned/expected/proposed glyphs are white inside; occurred ones are not."""
        ds = load_reference()
        for ident, artist in gids(fig, "glyph:").items():
            hollow = artist.get_markerfacecolor() == "white"
            status = ds.events[ident].status.value
            assert hollow == (status not in {"occurred", "ongoing"}), ident

    def test_struck_glyphs_for_cancelled_and_negated(self, fig: Any) -> None:
        """A strike for exactly the cancelled, denied and negated events."""
        ds = load_reference()
        struck = {e.id for e in ds if e.status.value in {"cancelled", "denied", "negated"}}
        assert struck
        assert set(gids(fig, "strike:")) == struck

    def test_arrows_for_open_and_unknown_ends(self, fig: Any) -> None:
        """An arrow at each open or unknown end, none elsewhere."""
        ds = load_reference()
        starts = {e.id for e in ds if e.when.earliest is None}
        ends = {e.id for e in ds if e.when.latest is None}
        assert starts
        assert ends
        assert set(gids(fig, "open-start:")) == starts
        assert set(gids(fig, "open-end:")) == ends
        # the reference's unbounded starts are unknown (dashed), its unbounded ends open (solid)
        assert {a.get_linestyle() for a in gids(fig, "open-start:").values()} == {"--"}
        assert {a.get_linestyle() for a in gids(fig, "open-end:").values()} == {"-"}

    def test_a_query_and_lanes_by_actor(self) -> None:
        """A query chooses events; lanes by actor draw one glyph per participant."""
        ds = load_reference()
        q = ds.query().kind("meeting")
        fig = timeline(q, lanes="actor", labels="id")
        expected = sum(len({p.actor for p in e.participants}) for e in q)
        assert len([a for a in fig.findobj() if str(a.get_gid()).startswith("glyph:")]) == expected

    def test_plain_events_with_a_dataset_for_sides(self) -> None:
        """Any iterable of events; the dataset gives the sides; the title counts the entries."""
        ds = load_reference()
        events = list(ds.query().kind("meeting"))
        fig = timeline(events, dataset=ds, lanes="side", title="Meetings")
        entries = sum(len({ds.side(p) for p in e.participants}) for e in events)
        drawn = [a for a in fig.findobj() if str(a.get_gid()).startswith("glyph:")]
        assert len(drawn) == entries
        title = fig.axes[0].get_title(loc="left")
        assert title == f"Meetings: {len(events)} events ({entries} glyph entries)"

    def test_merged_glyphs_are_sized_and_counted(self) -> None:
        """Past max_glyphs: one bigger glyph for alike events; the title says so."""
        events = [meeting(f"m-{i}", "2018-01-28") for i in range(5)] + [meeting("x", "2018-02")]
        fig = timeline(events, max_glyphs=3)
        glyph = gids(fig, "glyph:")
        assert set(glyph) == {"m-0", "x"}
        assert glyph["m-0"].get_markersize() > glyph["x"].get_markersize()
        title = fig.axes[0].get_title(loc="left")
        assert title == "Timeline: 6 events; alike events merged into 2 glyphs (size: count)"

    def test_empty(self) -> None:
        """No events: an empty timeline, not an error."""
        fig = timeline([])
        assert gids(fig, "glyph:") == {}
        assert fig.axes[0].get_title(loc="left") == "Timeline: 0 events"

    def test_saves_svg_with_ids_and_png(self, tmp_path: Path) -> None:
        """SVG keeps the gids as element ids; PNG is a PNG."""
        ds = helpers.dataset()
        fig = timeline(ds)
        save(fig, tmp_path / "t.svg")
        save(fig, tmp_path / "t.png")
        svg = (tmp_path / "t.svg").read_text(encoding="utf-8")
        assert svg.count('id="glyph:') == len(ds.events)
        assert (tmp_path / "t.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    def test_bad_suffix(self, tmp_path: Path) -> None:
        """Only svg, png and pdf are written."""
        with pytest.raises(ValidationError, match=r"must end in \.svg, \.png, \.pdf"):
            save(timeline(helpers.dataset()), tmp_path / "t.gif")
        assert list(tmp_path.iterdir()) == []

    def test_without_matplotlib(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without matplotlib: MissingDependencyError naming the extra."""
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        with pytest.raises(MissingDependencyError, match=r"diplo-events\[plot\]"):
            timeline(helpers.dataset())
        with pytest.raises(MissingDependencyError, match=r"diplo-events\[plot\]"):
            network(helpers.dataset())


_SAME_INPUT: list[tuple[list[str], Callable[[Dataset], Dataset | Query], set[str]]] = [
    (
        [],
        lambda ds: ds,
        {"CHN|JPN", "CHN|KOR", "CHN|apec", "CHN|asean", "JPN|KOR", "JPN|apec", "JPN|asean",
         "KOR|asean"},
    ),
    (["--kind", "agreement"], lambda ds: ds.query().kind("agreement"), {"CHN|JPN", "CHN|KOR", "JPN|KOR"}),
    (["--status", "planned"], lambda ds: ds.query().status("planned"), {"CHN|JPN", "CHN|KOR", "JPN|KOR"}),
    (
        ["--actor", "kor"],
        lambda ds: ds.query().involving("kor"),
        {"CHN|JPN", "CHN|KOR", "CHN|asean", "JPN|KOR", "JPN|asean", "KOR|asean"},
    ),
    (
        ["--kind", "statement", "--status", "occurred"],
        lambda ds: ds.query().kind("statement").status("occurred"),
        {"CHN|JPN", "CHN|PRK", "CHN|kono-father", "JPN|KOR", "JPN|PRK", "PRK|USA"},
    ),
]  # fmt: skip


@pytest.mark.parametrize(("flags", "choose", "pairs"), _SAME_INPUT)
def test_python_and_the_command_line_draw_the_same_pairs(
    tmp_path: Path, flags: list[str], choose: Callable[[Dataset], Dataset | Query], pairs: set[str]
) -> None:
    """plot network with filter flags draws the pairs of network() on the same query."""
    ds = load_reference()
    svg = tmp_path / "n.svg"
    assert main(["plot", "network", "reference", "-o", str(svg), *flags]) == 0
    drawn = set(re.findall(r'id="edge:([^"]+)"', svg.read_text(encoding="utf-8")))
    assert set(gids(network(choose(ds)), "edge:")) == drawn == pairs


class TestNetwork:
    def test_edges_and_widths(self) -> None:
        """One edge per pair of meeting_network, wider for more meetings."""
        ds = load_reference()
        net = meeting_network(ds)
        fig = network(ds)
        edges = gids(fig, "edge:")
        assert set(edges) == {f"{e.a}|{e.b}" for e in net.edges}
        assert set(gids(fig, "node:")) == set(net.nodes)
        by_total = sorted(net.edges, key=lambda e: e.total)
        widths = [edges[f"{e.a}|{e.b}"].get_linewidth() for e in by_total]
        assert widths == sorted(widths)
        assert widths[0] < widths[-1]

    def test_by_actor_from_a_query_keeps_the_top_nodes(self) -> None:
        """A query's events, by actor, at most max_nodes nodes; the title says how many left out."""
        ds = load_reference()
        q = ds.query().kind("meeting")
        full = meeting_network(ds, by="actor", events=q)
        fig = network(q, by="actor", max_nodes=3)
        assert len(gids(fig, "node:")) == 3
        assert f"({len(full.nodes) - 3} less connected nodes left out)" in fig.axes[0].get_title()

    def test_bad_max_nodes(self) -> None:
        with pytest.raises(ValidationError, match="max_nodes"):
            network(helpers.dataset(), max_nodes=1)

    def test_empty(self) -> None:
        """A dataset without meetings draws an empty network."""
        fig = network(Dataset())
        assert gids(fig, "node:") == {}


@pytest.mark.skipif(not SAMPLE.is_file(), reason="../shared/data/icews is not present")
class TestIcewsSample:
    def test_readable_by_merging(self) -> None:
        """2,919 events by side: at most max_glyphs glyphs, counting every entry."""
        from diplo_events.interop.icews import read_icews

        ds, _ = read_icews(SAMPLE)
        rows, n = glyphs(ds.events.values(), dataset=ds, lanes="side")
        assert n == len(ds.events) == 2919
        assert len(rows) <= 300
        entries = sum(len(set(lanes)) for lanes in _lanes(ds))
        assert sum(g.count for g in rows) == entries
        fig = timeline(ds, lanes="side")
        drawn = [a for a in fig.findobj() if str(a.get_gid()).startswith("glyph:")]
        assert len(drawn) == len(rows)
        assert len(gids(network(ds), "node:")) == 40


def _lanes(ds: Dataset) -> list[list[str]]:
    from diplo_events.plot._marks import lanes_of

    top = {lane for lane, _ in _count(ds).most_common(20)}
    return [[x if x in top else "other" for x in lanes_of(e, "side", ds.actors)] for e in ds]


def _count(ds: Dataset) -> Any:
    from collections import Counter

    from diplo_events.plot._marks import lanes_of

    return Counter(x for e in ds for x in lanes_of(e, "side", ds.actors))

"""diplo_events.report: the page's data, the highlighted text, coverage, the summary and the CLI."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import attrs
import pytest

from diplo_events import Dataset, MissingDependencyError, Source, coverage, load_reference
from diplo_events.cli import main
from diplo_events.reference import SOURCE_ID
from diplo_events.report import report_html, summary_html, write_report
from diplo_events.report._coverage import sentences, uncovered
from diplo_events.report._payload import payload
from diplo_events.report._text import Span, text_html

from . import helpers

SAMPLE = helpers.SHARED_DATA / "icews" / "events.2018.sample.tab"


def span(n: int, start: int, end: int) -> Span:
    return Span(n=n, record=n, start=start, end=end, css="k-meeting")


def marks(html: str) -> list[str]:
    return re.findall(r'data-span="(\d+)"', html)


def strip(html: str) -> str:
    import html as h

    return h.unescape(re.sub(r"<[^>]+>", "", html))


class TestTextHtml:
    def test_disjoint_spans(self) -> None:
        """Each span is one mark; the text between is left alone and escaped."""
        out = text_html("ab <c> de", [span(0, 0, 2), span(1, 7, 9)], [])
        assert out == (
            '<mark class="k-meeting first" data-span="0" data-rec="0" style="--d:0">ab</mark>'
            " &lt;c&gt; "
            '<mark class="k-meeting first" data-span="1" data-rec="1" style="--d:0">de</mark>'
        )

    def test_nested_spans_nest(self) -> None:
        """A span inside another is a mark inside the other's mark, one level deeper."""
        out = text_html("abcdef", [span(0, 0, 6), span(1, 2, 4)], [])
        assert marks(out) == ["0", "1"]
        assert 'data-span="1" data-rec="1" style="--d:1">cd</mark>' in out
        assert strip(out) == "abcdef"

    def test_crossing_spans_are_cut_but_stay_one_highlight(self) -> None:
        """Crossing spans: the later one is cut; only its first piece has 'first'."""
        out = text_html("abcdef", [span(0, 0, 4), span(1, 2, 6)], [])
        assert strip(out) == "abcdef"
        assert out.count(" first") == 2
        assert marks(out) == ["0", "1", "1"]
        assert out.count("<mark") == out.count("</mark>")

    def test_identical_spans_both_show(self) -> None:
        """Two records quoting the same words: two nested marks."""
        out = text_html("abc", [span(0, 0, 3), span(1, 0, 3)], [])
        assert marks(out) == ["0", "1"]

    def test_gaps_are_shaded(self) -> None:
        """An uncovered sentence is wrapped in a gap span."""
        out = text_html("Aa. Bb.", [span(0, 0, 3)], [(4, 7)])
        assert out.endswith(' <span class="gap">Bb.</span>')


class TestCoverage:
    def test_sentences(self) -> None:
        """Split after . ! ? before a capital, per line; 'Feb. 09' does not end a sentence."""
        text = "One. Two!\nOn Feb. 09 three? \u201cFour.\u201d"
        assert [text[a:b] for a, b in sentences(text)] == [
            "One.",
            "Two!",
            "On Feb. 09 three?",
            "\u201cFour.\u201d",
        ]

    def test_uncovered(self) -> None:
        """A sentence is covered when at least half of it is inside spans (diplo_events.coverage)."""
        text = "One. Two. Three."
        assert uncovered(text, [(5, 6)]) == [(0, 4), (5, 9), (10, 16)]
        assert uncovered(text, [(5, 7)]) == [(0, 4), (10, 16)]

    def test_reference_gaps_are_those_of_coverage(self) -> None:
        """The reference article's shaded sentences are those coverage() reports."""
        ds = load_reference()
        (source,) = payload(ds, "t")["sources"]
        assert source["gaps"] == len(coverage(ds, SOURCE_ID).uncovered) > 0


class TestPayload:
    def test_every_span_is_highlighted_once(self) -> None:
        """The reference: 145 spans, each one highlight with a first piece, quote intact."""
        ds = load_reference()
        data = payload(ds, "t")
        (source,) = data["sources"]
        html = source["html"]
        total = sum(len(r["spans"]) for r in data["records"])
        assert source["spans"] == total == 145
        assert sorted(set(map(int, marks(html)))) == list(range(total))
        assert len(re.findall(r"class=\"[^\"]* first\"", html)) == total
        assert strip(html) == ds.sources[source["id"]].text

    def test_event_records_carry_bounds_and_glyph(self) -> None:
        """An event's record: kind, status, bounds with precision, and its glyph."""
        data = payload(load_reference(), "t")
        (visit,) = [r for r in data["records"] if r["id"] == "kono-visit-beijing"]
        assert (visit["kind"], visit["status"]) == ("visit", "occurred")
        assert visit["bounds"] == {
            "earliest": "2018-01-27",
            "latest": "2018-01-28",
            "latestStart": "2018-01-27",
            "earliestEnd": "2018-01-28",
            "precision": "day",
            "openStart": False,
            "openEnd": False,
        }
        assert visit["glyph"]["certain"] == ["2018-01-27", "2018-01-29"]
        assert visit["data"]["participants"][0]["actor"] == "taro-kono"

    def test_without_text(self) -> None:
        """A source without text: no html, no gaps; events still listed."""
        ds = helpers.dataset()
        ds = Dataset(
            sources=[Source(id="src-demo", title="Demo")],
            actors=[attrs.evolve(a, evidence=()) for a in ds.actors.values()],
            events=[attrs.evolve(e, evidence=(), sources=("src-demo",)) for e in ds],
            places=[attrs.evolve(p, evidence=()) for p in ds.places.values()],
        )
        data = payload(ds, "t")
        assert data["sources"][0]["html"] is None
        assert len([r for r in data["records"] if r["type"] == "event"]) == len(ds.events)


class TestPage:
    def test_is_self_contained(self, tmp_path: Path) -> None:
        """One file: no external script, style or link; the data parses back."""
        pytest.importorskip("plotly")
        path = tmp_path / "r.html"
        size = write_report(load_reference(), path, title="Ref <1></script><!--")
        page = path.read_text(encoding="utf-8")
        assert size == path.stat().st_size
        assert "<title>Ref &lt;1&gt;&lt;/script&gt;&lt;!--</title>" in page
        assert page.count("</script>") == 3  # data, plotly.js, the page's script
        assert not re.search(r"<script[^>]+src=|<link[^>]+href=|@import", page)
        blob = re.search(
            r'<script id="data" type="application/json">(.*?)</script>', page, re.DOTALL
        )
        assert blob is not None
        assert json.loads(blob.group(1))["title"] == "Ref <1></script><!--"

    def test_without_plotly(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without plotly: MissingDependencyError naming the extra."""
        monkeypatch.setitem(sys.modules, "plotly.offline", None)
        with pytest.raises(MissingDependencyError, match=r"diplo-events\[report\]"):
            report_html(helpers.dataset())


class TestSummary:
    def test_counts_range_and_sources(self) -> None:
        """Counts by kind and status, the time range, the sources."""
        ds = load_reference()
        html = ds._repr_html_()
        assert html == summary_html(ds)
        assert "<b>Dataset</b>: 56 events" in html
        assert "<tr><td>meeting</td><td style='text-align:right'>12</td></tr>" in html
        assert "<tr><td>occurred</td>" in html
        assert "Time range: 2012-01-01 to " in html
        assert "Sino-Japanese Ties" in html

    def test_empty_and_many_sources(self) -> None:
        """No events: no range; more than five sources: the rest counted."""
        assert "no dated bound" in summary_html(Dataset())
        many = Dataset(sources=[Source(id=f"s-{i}", title=f"T{i}") for i in range(7)])
        assert "T4; and 2 more" in summary_html(many)


class TestCli:
    def test_plot_and_report(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """plot and report write their files; filters choose events (report: and what they cite)."""
        pytest.importorskip("matplotlib")
        pytest.importorskip("plotly")
        svg = tmp_path / "t.svg"
        assert main(["plot", "timeline", "reference", "-o", str(svg), "--kind", "meeting"]) == 0
        meetings = len(load_reference().query().kind("meeting"))
        assert svg.read_text(encoding="utf-8").count('id="glyph:') == meetings
        png = tmp_path / "n.png"
        assert main(["plot", "network", "reference", "-o", str(png), "--by", "actor"]) == 0
        assert png.read_bytes()[:4] == b"\x89PNG"
        html = tmp_path / "r.html"
        assert main(["report", "reference", "-o", str(html), "--status", "planned"]) == 0
        planned = len(load_reference().query().status("planned").to_dataset().events)
        err = capsys.readouterr().err
        assert err.startswith(f"diplo-events: {planned} events, ")
        assert err.endswith(f"MB written to {html}\n")

    def test_network_defaults_to_meetings_and_visits(self, tmp_path: Path) -> None:
        """Without --kind/--status the command draws what network(ds) draws: who met whom."""
        pytest.importorskip("matplotlib")
        from diplo_events.analysis import meeting_network

        svg = tmp_path / "n.svg"
        assert main(["plot", "network", "reference", "-o", str(svg)]) == 0
        net = meeting_network(load_reference())
        assert svg.read_text(encoding="utf-8").count('id="edge:') == len(net.edges)
        every = tmp_path / "all.svg"
        kinds = ["meeting", "visit", "statement", "incident", "dispute", "agreement"]
        flags = [part for kind in kinds for part in ("--kind", kind)]
        assert main(["plot", "network", "reference", "-o", str(every), *flags]) == 0
        assert every.read_text(encoding="utf-8").count('id="edge:') > len(net.edges)

    def test_bad_suffix_is_a_usage_error(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A picture must be .svg, .png or .pdf: exit 2, nothing written."""
        assert main(["plot", "network", "reference", "-o", str(tmp_path / "n.gif")]) == 2
        assert "must end in .svg, .png or .pdf" in capsys.readouterr().err
        assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not SAMPLE.is_file(), reason="../shared/data/icews is not present")
def test_icews_sample_has_list_timeline_and_network() -> None:
    """An ICEWS import (no source text): every event listed, a network, no highlights."""
    from diplo_events.interop.icews import read_icews

    ds, _ = read_icews(SAMPLE)
    data = payload(ds, "icews")
    assert all(s["html"] is None for s in data["sources"])
    assert len([r for r in data["records"] if r["type"] == "event"]) == 2919
    assert data["network"]["nodes"]


class TestGalleryHook:
    def test_without_a_browser_the_screenshot_is_a_note(self, tmp_path: Path) -> None:
        """The docs hook does not fail where no chromium exists: it draws a note instead."""
        pytest.importorskip("mkdocs")
        pytest.importorskip("matplotlib")
        import importlib.util

        spec = importlib.util.spec_from_file_location(
            "docs_gallery", Path(__file__).resolve().parents[1] / "tools" / "docs_gallery.py"
        )
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        png = module.screenshot(tmp_path / "r.html", tmp_path / "p", str(tmp_path / "no-chromium"))
        assert png[:8] == b"\x89PNG\r\n\x1a\n"

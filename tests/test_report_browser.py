"""The HTML report in a real browser: Debian's chromium, driven by Playwright (no downloaded browser).

Skips only when no browser is installed (``apt-get install -y chromium``) or
Playwright is missing. Screenshots go to ``build/`` for people to look at; the
load time of the ICEWS sample is written to ``build/report-timing.txt``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from diplo_events import load_reference
from diplo_events.report import write_report

pytest.importorskip("plotly")
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is missing")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
SAMPLE = ROOT.parent / "shared" / "data" / "icews" / "events.2018.sample.tab"

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).is_file(),
    reason="no chromium on this machine (Debian: apt-get install -y chromium)",
)


class Page:
    """A page with the console errors and the requests it made."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))

    def open(self, path: Path) -> float:
        """Open `path`; return the milliseconds from navigation to the page being drawn."""
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready=yes]", timeout=60_000)
        ready: float = self.page.evaluate(
            "performance.getEntriesByName('report-ready')[0].startTime"
        )
        return ready

    def js(self, script: str) -> Any:
        return self.page.evaluate(script)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


@pytest.fixture(scope="module")
def reference_page(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Page:
    path = tmp_path_factory.mktemp("report") / "reference.html"
    write_report(load_reference(), path, title="Reference dataset")
    page = Page(browser.new_page())
    page.open(path)
    BUILD.mkdir(exist_ok=True)
    page.page.screenshot(path=str(BUILD / "report.png"))
    return page


GLYPHS = "document.getElementById('timeline').data.filter(t => t.meta === 'glyph')"


def data(page: Page) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(page.js("document.getElementById('data').textContent"))
    return result


class TestReferenceReport:
    def test_no_console_errors_and_no_requests(self, reference_page: Page) -> None:
        """Nothing but the file itself is requested; nothing is logged as an error."""
        assert reference_page.errors == []
        assert [u for u in reference_page.requests if not u.startswith("file://")] == []
        assert len(reference_page.requests) == 1

    def test_one_highlight_per_evidence_span(self, reference_page: Page) -> None:
        """Each of the 145 evidence spans is one highlight (a first piece), with its quote."""
        spans = [s for r in data(reference_page)["records"] for s in r["spans"]]
        assert len(spans) == 145
        found = reference_page.js(
            "[...document.querySelectorAll('mark.first')].map(m => +m.dataset.span)"
        )
        assert sorted(found) == list(range(len(spans)))
        texts = reference_page.js(
            "Object.fromEntries([...new Set([...document.querySelectorAll('mark')]"
            ".map(m => m.dataset.span))].map(n => [n, [...document.querySelectorAll("
            "`mark[data-span=\"${n}\"]`)].map(m => m.textContent).join('')]))"
        )
        assert [texts[str(n)] for n in range(len(spans))] == [s["quote"] for s in spans]

    def test_clicking_a_highlight_shows_its_record(self, reference_page: Page) -> None:
        """A real click on a highlight, then a click dispatched on every highlight."""
        page = reference_page.page
        records = data(reference_page)["records"]
        visit = next(i for i, r in enumerate(records) if r["id"] == "kono-visit-beijing")
        last = page.locator(f'mark.first[data-rec="{visit}"]').last
        last.scroll_into_view_if_needed()
        last.click()
        assert page.get_attribute("#record", "data-record") == "kono-visit-beijing"
        shown = page.inner_text("#record")
        assert "certainly covers: 2018-01-27 to 2018-01-28" in shown
        assert "Taro Kono (taro-kono) \u2013 visitor, Japanese Foreign Minister" in shown
        wrong = reference_page.js(
            "[...document.querySelectorAll('mark.first')].filter(m => { m.click(); "
            "return document.getElementById('record').dataset.record !== "
            "JSON.parse(document.getElementById('data').textContent).records[+m.dataset.rec].id; })"
            ".length"
        )
        assert wrong == 0

    def test_the_timeline_has_one_glyph_per_event(self, reference_page: Page) -> None:
        """One glyph point per event (56); filtering to meetings leaves one per meeting."""
        page = reference_page.page
        total = len(load_reference())
        assert total == 56
        assert reference_page.js(f"{GLYPHS}.reduce((n, t) => n + t.x.length, 0)") == total
        assert reference_page.js("document.querySelectorAll('#timeline .point').length") >= total
        page.select_option("#f-kind", "meeting")
        meetings = len(load_reference().query().kind("meeting"))
        assert reference_page.js(f"{GLYPHS}.reduce((n, t) => n + t.x.length, 0)") == meetings
        assert page.inner_text("#shown") == f"{meetings} of {total} events"
        hidden = reference_page.js("document.querySelectorAll('#events li.hidden').length")
        assert hidden == total - meetings
        page.select_option("#f-kind", "")
        assert reference_page.js(f"{GLYPHS}.reduce((n, t) => n + t.x.length, 0)") == total

    def test_clicking_an_event_marks_its_spans(self, reference_page: Page) -> None:
        """A click in the list selects the event's spans and shows its record."""
        page = reference_page.page
        records = data(reference_page)["records"]
        visit = next(i for i, r in enumerate(records) if r["id"] == "kono-visit-beijing")
        page.click(f'#events li[data-rec="{visit}"]')
        selected = reference_page.js(
            f"[...new Set([...document.querySelectorAll('mark.selected[data-rec=\"{visit}\"]')]"
            ".map(m => m.dataset.span))].length"
        )
        assert selected == len(records[visit]["spans"]) == 5
        assert page.get_attribute("#record", "data-record") == "kono-visit-beijing"

    def test_clicking_a_glyph_selects_its_event(self, reference_page: Page) -> None:
        """A real click on a timeline glyph shows that event's record."""
        page = reference_page.page
        point = page.locator("#timeline .scatterlayer .trace:last-child .point").first
        point.scroll_into_view_if_needed()
        box = point.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_function("document.getElementById('record').dataset.record")
        shown = page.get_attribute("#record", "data-record")
        ids = {r["id"] for r in data(reference_page)["records"] if r["type"] == "event"}
        assert shown in ids
        assert reference_page.errors == []


@pytest.mark.skipif(not SAMPLE.is_file(), reason="../shared/data/icews is not present")
def test_icews_sample_opens_with_list_timeline_and_network(browser: Any, tmp_path: Path) -> None:
    """2,919 events without text: listed, merged on the timeline, a network; timing reported."""
    from diplo_events.interop.icews import read_icews

    ds, _ = read_icews(SAMPLE)
    path = tmp_path / "icews.html"
    size = write_report(ds, path, title="ICEWS sample")
    page = Page(browser.new_page())
    times = [page.open(path) for _ in range(3)]
    assert page.errors == []
    assert [u for u in page.requests if not u.startswith("file://")] == []
    assert page.js("document.querySelectorAll('#events li').length") == 2919
    assert page.js("document.querySelectorAll('mark').length") == 0
    glyphs = page.js(f"{GLYPHS}.reduce((n, t) => n + t.x.length, 0)")
    assert 0 < glyphs <= 300
    assert page.js("document.querySelectorAll('#network .point').length") > 0
    page.page.screenshot(path=str(BUILD / "report-icews.png"))
    note = (
        f"ICEWS sample report: {size:,} bytes; drawn in {', '.join(f'{t:.0f}' for t in times)} ms"
    )
    (BUILD / "report-timing.txt").write_text(note + "\n", encoding="utf-8")
    print(note)  # noqa: T201 - reported with -s

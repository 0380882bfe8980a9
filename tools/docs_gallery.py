"""mkdocs hook: draw the gallery pictures of docs/pictures.md while the docs build, so they cannot go stale.

Adds to the site (not to docs/): gallery/timeline.svg and gallery/network.svg
(diplo_events.plot on the reference dataset), gallery/report.html (the review
page) and gallery/report.png (a screenshot of it in headless chromium). Where
no chromium or Playwright is installed, report.png is a picture saying so, and
the build goes on.
"""

from __future__ import annotations

import io
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure
from mkdocs.structure.files import File, Files

from diplo_events import load_reference
from diplo_events.plot import network, timeline
from diplo_events.report import write_report

log = logging.getLogger("mkdocs.hooks.gallery")

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _svg(figure: Any) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def _note(text: str) -> bytes:
    """A small PNG that says why there is no screenshot."""
    fig = Figure(figsize=(8, 1.2))
    fig.text(0.5, 0.5, text, ha="center", va="center", fontsize=11, wrap=True)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=100)
    return out.getvalue()


def screenshot(page: Path, profile: Path, chromium: str | None = None) -> bytes:
    """A PNG of `page` with a highlight clicked, or a PNG saying why there is none."""
    chromium = chromium or shutil.which("chromium") or "/usr/bin/chromium"
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415 - may be missing
    except ImportError:
        return _note(
            "No screenshot: Playwright for Python is not installed where the docs were built."
        )
    if not Path(chromium).is_file():
        return _note(
            "No screenshot: no chromium where the docs were built (apt-get install chromium)."
        )
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=chromium, headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 820},
        )  # fmt: skip
        tab = context.new_page()
        tab.goto(page.as_uri())
        tab.wait_for_selector("body[data-ready=yes]", timeout=60_000)
        tab.locator("mark.first").nth(6).click()
        shot: bytes = tab.screenshot()
        context.close()
    return shot


def on_files(files: Files, config: Any) -> Files:
    """Add the generated gallery files to the site."""
    ds = load_reference()
    made = {
        "timeline.svg": _svg(timeline(ds, title="Reference dataset")),
        "network.svg": _svg(network(ds, title="Reference dataset: who met whom")),
    }
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        write_report(ds, page, title="Reference dataset")
        made["report.html"] = page.read_bytes()
        made["report.png"] = screenshot(page, Path(tmp) / "profile")
    for name, content in made.items():
        files.append(File.generated(config, f"gallery/{name}", content=content))
    log.info("gallery: %s", ", ".join(made))
    return files

"""One HTML page to review a dataset: texts with highlighted evidence, events, timeline, network.

Needs plotly (``pip install 'diplo-events[report]'``) for its bundled
``plotly.js``, which is inlined with the page's script, style and data: the
file opens offline and fetches nothing. The page is described in
``docs/pictures.md``; `summary_html` (no extra needed) is the compact table of
`Dataset._repr_html_`.
"""

from __future__ import annotations

import html
import json
import os
from importlib import resources

from .._files import write_atomic
from .._optional import optional
from ..dataset import Dataset
from ._summary import summary_html

__all__ = ["report_html", "summary_html", "write_report"]


def _plotly_js() -> str:
    script: str = optional("plotly.offline", "report", "the HTML report").get_plotlyjs()
    return script


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def report_html(dataset: Dataset, *, title: str = "diplo_events report") -> str:
    """The report page for `dataset` as one self-contained HTML string.

    Raises:
        MissingDependencyError: plotly is not installed.
    """
    from ..plot._marks import KIND_COLOURS  # noqa: PLC0415 - the colours of the static plots
    from ._payload import payload  # noqa: PLC0415 - the data needs serialize and analysis

    plotly = _plotly_js()
    data = payload(dataset, title)
    data["colours"] = {kind.value: colour for kind, colour in KIND_COLOURS.items()}
    # "<" occurs only in JSON strings, where \u003c means the same: no "</script>" or "<!--".
    blob = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{_asset('report.css')}</style></head><body>"
        f"{_asset('report.html')}"
        f'<script id="data" type="application/json">{blob}</script>'
        f"<script>{plotly}</script><script>{_asset('report.js')}</script>"
        "</body></html>\n"
    )


def write_report(
    dataset: Dataset, path: str | os.PathLike[str], *, title: str = "diplo_events report"
) -> int:
    """Write the report page of `dataset` to `path` atomically; return its size in bytes.

    Raises:
        MissingDependencyError: plotly is not installed.
        FileAccessError: the file cannot be written (it is then unchanged).
    """
    data = report_html(dataset, title=title).encode("utf-8")
    write_atomic(path, [data])
    return len(data)

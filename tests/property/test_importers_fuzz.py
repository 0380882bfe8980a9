"""Mutation fuzzing of the importers: mutated real rows never crash, and every row is accounted for.

Data lines of ICEWS and GDELT files (the shared real samples when present, the
project's fixtures otherwise) are mutated at the byte level (bytes replaced,
inserted or deleted; cells emptied, repeated or swapped; rows duplicated) with
the header (ICEWS) left intact. The import must then complete: no exception at all, a
dataset that writes and loads back equal, ``rows == rows_in_events +
len(skipped)``, and no id given to two records of a kind.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import diplo_events as de
from diplo_events.interop import GdeltFormatError, ImportReport, read_gdelt, read_icews

from ..helpers import SHARED_DATA
from ..test_interop_gdelt import event_row, mention_row

pytestmark = pytest.mark.property

_ICEWS_FIXTURE = Path(__file__).parents[1] / "data" / "icews_small.tab"
_ICEWS_SAMPLE = SHARED_DATA / "icews" / "events.2018.sample.tab"
_GDELT_SAMPLE = SHARED_DATA / "gdelt"
_NASTY = [
    b"\t",
    b"\r",
    b"\n",
    b"\r\n",
    b"\xff",
    b"\x00",
    b"NA",
    b"-",
    b"999",
    b"",
    b"\xe2\x80\x8b",
    b"1e400",
]


def _head(path: Path, lines: int) -> list[bytes]:
    with path.open("rb") as f:
        return [f.readline().rstrip(b"\n") for _ in range(lines)]


def _icews_lines() -> list[bytes]:
    if _ICEWS_SAMPLE.is_file():
        return _head(_ICEWS_SAMPLE, 25)
    return _ICEWS_FIXTURE.read_bytes().rstrip(b"\n").split(b"\n")


def _gdelt_lines() -> tuple[list[bytes], list[bytes]]:
    if _GDELT_SAMPLE.is_dir():
        return _head(_GDELT_SAMPLE / "events.sample.tab", 20), _head(
            _GDELT_SAMPLE / "mentions.sample.tab", 20
        )
    events = [
        event_row(GLOBALEVENTID=str(n), EventCode=c) for n, c in enumerate(("042", "040", "190"))
    ]
    return [e.encode() for e in events], [mention_row(GLOBALEVENTID="1").encode()]


@st.composite
def _mutated(draw: st.DrawFn, lines: list[bytes]) -> bytes:
    """The lines with a few mutations of their cells and bytes, and repeated rows."""
    out = list(lines)
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(out) - 1))
        cells = out[i].split(b"\t")
        how = draw(st.sampled_from(("cell", "byte", "drop", "swap", "repeat")))
        j = draw(st.integers(0, len(cells) - 1))
        if how == "cell":
            cells[j] = draw(st.sampled_from(_NASTY) | st.binary(max_size=8))
        elif how == "byte" and cells[j]:
            k = draw(st.integers(0, len(cells[j]) - 1))
            cells[j] = cells[j][:k] + draw(st.sampled_from(_NASTY)) + cells[j][k + 1 :]
        elif how == "drop":
            del cells[j]
        elif how == "swap":
            k = draw(st.integers(0, len(cells) - 1))
            cells[j], cells[k] = cells[k], cells[j]
        else:
            out.insert(draw(st.integers(0, len(out))), out[i])
            continue
        out[i] = b"\t".join(cells)
    return b"\n".join(out) + b"\n"


def _check(read: Callable[[], tuple[de.Dataset, ImportReport]]) -> None:
    ds, report = read()
    assert report.rows == report.rows_in_events + len(report.skipped)
    assert all(issue.reason and issue.line >= 1 for issue in report.skipped + report.altered)
    assert report.events == len(ds.events)
    assert de.loads(de.dumps(ds, format="jsonl")) == ds


def _any_fitting(data: bytes) -> bool:
    """Whether some line is readable UTF-8 with the 61 fields of a GDELT 2.0 events row."""
    for line in data.split(b"\n"):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if len(line.split(b"\t")) == 61:
            return True
    return False


_ICEWS = _icews_lines()
_GDELT_EVENTS, _GDELT_MENTIONS = _gdelt_lines()


@settings(max_examples=40)
@given(_mutated(_ICEWS[1:]))
def test_icews_mutated_rows(body: bytes) -> None:
    """Mutated ICEWS rows under an intact header: imported or reported, never a crash."""
    _check(lambda: read_icews(io.BytesIO(_ICEWS[0] + b"\n" + body)))


@settings(max_examples=40)
@given(_mutated(_GDELT_EVENTS), _mutated(_GDELT_MENTIONS))
def test_gdelt_mutated_rows(events: bytes, mentions: bytes) -> None:
    """Mutated GDELT rows (no header: any row may be hit): imported or reported, never a crash.

    Only a first line whose width is another table's or GDELT 1.0's, or no readable line of 61
    fields (possible when the few fixture rows are all hit), refuses the file.
    """
    events_width = len(events.split(b"\n", 1)[0].split(b"\t"))
    mentions_width = len(mentions.split(b"\n", 1)[0].split(b"\t"))
    if events_width in {16, 57, 58} or mentions_width == 61 or not _any_fitting(events):
        with pytest.raises(GdeltFormatError):
            read_gdelt(io.BytesIO(events), io.BytesIO(mentions))
    else:
        _check(lambda: read_gdelt(io.BytesIO(events), io.BytesIO(mentions)))

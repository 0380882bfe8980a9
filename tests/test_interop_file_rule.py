"""The importer contract's rule for a whole file, kept alike by the four importers.

A file whose header is right (PLOVER has none) and that has no data rows is an
empty dataset with a warning. A file with data rows of which not one has the
format's shape raises the format's `ImportFormatError`, naming the file, the
format and the first row's problem. Rows of the format's shape that map to no
event (a CAMEO code with no kind) are skipped and reported, never refused.
"""

from __future__ import annotations

import io
import json
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from diplo_events.interop import (
    GDELT_EVENT_COLUMNS,
    ICEWS_COLUMNS,
    POLECAT_COLUMNS,
    GdeltFormatError,
    IcewsFormatError,
    ImportFormatError,
    read_gdelt,
    read_icews,
    read_plover,
    read_polecat,
)

from .test_interop_gdelt import event_row, mention_row
from .test_interop_plover import _record

READERS: dict[str, Callable[..., Any]] = {
    "icews": read_icews,
    "gdelt": read_gdelt,
    "plover": read_plover,
    "polecat": read_polecat,
}
ERRORS: dict[str, type[ImportFormatError]] = {
    "icews": IcewsFormatError,
    "gdelt": GdeltFormatError,
    "plover": ImportFormatError,
    "polecat": ImportFormatError,
}
ICEWS_HEADER = "\t".join(ICEWS_COLUMNS)
POLECAT_HEADER = "\t".join(POLECAT_COLUMNS)
GDELT_HEADER = "\t".join(GDELT_EVENT_COLUMNS)

NO_ROWS = [
    ("icews", f"{ICEWS_HEADER}\n", "the file has no rows"),
    ("icews", f"{ICEWS_HEADER}\n\n \t \n", "the file has no rows"),
    ("gdelt", f"{GDELT_HEADER}\n", "the events file has no rows"),
    ("polecat", f"{POLECAT_HEADER}\n", "the file has no rows"),
    ("polecat", f"{POLECAT_HEADER}\r\n\r\n", "the file has no rows"),
    ("plover", "", "the file has no rows"),
    ("plover", "\n  \n", "the file has no rows"),
    ("plover", "[]", "the file has no rows"),
    ("plover", " [\n ]\n", "the file has no rows"),
]

FOREIGN = [
    (
        "icews",
        f"{ICEWS_HEADER}\na\tb\nc\n",
        (
            "not an ICEWS file: none of its 2 rows could be read as ICEWS; the first: has 2 "
            "tab-separated fields, not 20 (got 2) at line 2"
        ),
    ),
    (
        "gdelt",
        "a\tb\nc\td\n",
        (
            "not a GDELT 2.0 events file: none of its 2 rows could be read as GDELT 2.0; the first: "
            "has 2 tab-separated fields, not the 61 of a GDELT 2.0 events file (got 2) at line 1"
        ),
    ),
    (
        "polecat",
        f"{POLECAT_HEADER}\nJapan\tChina\n",
        (
            "not a POLECAT file: none of its 1 row could be read as POLECAT; the first: has 2 "
            "tab-separated fields, not 40 (got 2) at line 2"
        ),
    ),
    (
        "plover",
        '{"id": "a", "type": "meeting"}\n[1, 2]\nnot json\n',
        (
            "not a PLOVER file: none of its 3 rows could be read as PLOVER; the first: has no "
            "PLOVER event type ('event') (got None) at line 1"
        ),
    ),
    (
        "plover",
        '[{"format": "diplo-events", "version": 1}]',
        (
            "not a PLOVER file: none of its 1 row could be read as PLOVER; the first: has no 'id' "
            "(a string) (got None) at line 1"
        ),
    ),
]


@pytest.mark.parametrize(("fmt", "text", "warning"), NO_ROWS)
def test_no_rows_is_an_empty_dataset_with_a_warning(fmt: str, text: str, warning: str) -> None:
    """A right header (PLOVER: nothing, or []) and no rows: an empty dataset, one warning."""
    ds, report = READERS[fmt](io.BytesIO(text.encode()))
    assert (len(ds), report.rows, report.skipped, report.warnings) == (0, 0, (), (warning,))


@pytest.mark.parametrize(("fmt", "text", "message"), FOREIGN)
def test_rows_none_of_the_format_are_refused(fmt: str, text: str, message: str) -> None:
    """Rows, none of the format's shape: the format's error, saying why (a file object: no name)."""
    with pytest.raises(ERRORS[fmt]) as exc:
        READERS[fmt](io.BytesIO(text.encode()))
    assert str(exc.value) == message
    assert exc.value.file == ""


@pytest.mark.parametrize(("fmt", "text", "message"), FOREIGN)
def test_the_error_names_the_file(fmt: str, text: str, message: str, tmp_path: Path) -> None:
    """Read from a path (or a named file object), the message starts with the file."""
    path = tmp_path / f"input.{fmt}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ERRORS[fmt]) as exc:
        READERS[fmt](path)
    assert (exc.value.file, str(exc.value)) == (str(path), f"{path}: {message}")
    with path.open("rb") as f, pytest.raises(ERRORS[fmt]) as exc:
        READERS[fmt](f)
    assert str(exc.value) == f"{path}: {message}"


def test_other_format_errors_name_the_file_too(tmp_path: Path) -> None:
    """A missing header, or an empty mentions file, names the file it is in."""
    path = tmp_path / "empty.tab"
    path.write_bytes(b"")
    with pytest.raises(IcewsFormatError) as exc:
        read_icews(path)
    assert str(exc.value) == (
        f"{path}: the file is empty: it has no ICEWS header (got '') at line 1"
    )
    events = tmp_path / "events.tab"
    events.write_text(event_row() + "\n", encoding="utf-8")
    with pytest.raises(GdeltFormatError) as gdelt:
        read_gdelt(events, path)
    assert str(gdelt.value) == f"{path}: the mentions file is empty (got '') at mentions line 1"
    with pytest.raises(GdeltFormatError) as gdelt:
        read_gdelt(events, io.BytesIO(b""))
    assert gdelt.value.file == "the mentions file"


def test_the_error_pickles_with_its_file(tmp_path: Path) -> None:
    """The file survives pickling (errors cross process pools)."""
    path = tmp_path / "x.tab"
    path.write_text(FOREIGN[0][1], encoding="utf-8")
    with pytest.raises(IcewsFormatError) as exc:
        read_icews(path)
    back = pickle.loads(pickle.dumps(exc.value))
    assert (type(back), back.file, str(back), back.problems) == (
        IcewsFormatError,
        str(path),
        str(exc.value),
        exc.value.problems,
    )


def _icews_row(code: str) -> str:
    cells = dict.fromkeys(ICEWS_COLUMNS, "NA")
    cells.update(
        {"Event ID": "1", "Event Date": "2018-06-01", "Source Name": "Japan",
         "Source Country": "Japan", "CAMEO Code": code, "Story ID": "100",
         "Sentence Number": "1"}
    )  # fmt: skip
    return "\t".join(cells[c] for c in ICEWS_COLUMNS)


def _polecat_row(**extra: str) -> str:
    cells = dict.fromkeys(POLECAT_COLUMNS, "None")
    cells.update({"Event ID": "pc-1", "Event Date": "2023-03-16", **extra})
    return "\t".join(cells[c] for c in POLECAT_COLUMNS)


FITTING_BUT_SKIPPED = [
    ("icews", f"{ICEWS_HEADER}\n{_icews_row('070')}\n", 2, "CAMEO root 07 (provide aid) has no diplo_events kind"),
    ("gdelt", event_row(EventCode="070") + "\n", 1, "CAMEO root 07 (provide aid) has no diplo_events kind"),
    ("polecat", f"{POLECAT_HEADER}\n{_polecat_row(**{'Event Type': 'None'})}\n", 2, "has no Event Type"),
    ("plover", json.dumps({"id": "doc", "event": "DOCUMENT"}) + "\n", 1, "a documentation record of the file, not an event"),
]  # fmt: skip


@pytest.mark.parametrize(("fmt", "text", "line", "reason"), FITTING_BUT_SKIPPED)
def test_rows_of_the_format_with_no_event_are_skipped(
    fmt: str, text: str, line: int, reason: str
) -> None:
    """A row of the format's shape that makes no event is reported; the file is not refused."""
    ds, report = READERS[fmt](io.BytesIO(text.encode()))
    assert (len(ds), report.rows, report.warnings) == (0, 1, ())
    assert [(s.line, s.reason) for s in report.skipped] == [(line, reason)]


def test_one_row_of_the_format_is_enough() -> None:
    """Foreign rows beside one PLOVER record: the record is imported, the others reported."""
    ds, report = read_plover(io.BytesIO(b"not json\n" + json.dumps(_record()).encode() + b"\n"))
    assert (len(ds.events), report.rows, [s.line for s in report.skipped]) == (1, 2, [1])


def test_gdelt_mentions_rows_do_not_count_as_the_events_file() -> None:
    """An events file with a header and no rows warns even when its mentions file has rows."""
    ds, report = read_gdelt(
        io.BytesIO(f"{GDELT_HEADER}\n".encode()), io.BytesIO(f"{mention_row()}\n".encode())
    )
    assert (len(ds), report.rows, report.warnings) == (0, 1, ("the events file has no rows",))
    assert [(s.file, s.reason) for s in report.skipped] == [
        ("mentions", "its event is not in the events file")
    ]

"""The importer contract: lines, headers, ids, duplicates, numbers, the log and the report."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO

import pytest

from diplo_events import Actor, Source
from diplo_events.interop import ImportFormatError, ImportReport, RowIssue
from diplo_events.interop._importer import (
    MAX_LINE_CHARS,
    Columns,
    ImportLog,
    Line,
    Record,
    RowError,
    RowImporter,
    SeenRows,
    UniqueIds,
    cells_of,
    collect,
    iter_lines,
    make_id,
    number,
)


def lines(data: bytes | str, **kw: object) -> list[Line]:
    stream: IO[bytes] | IO[str] = io.BytesIO(data) if isinstance(data, bytes) else io.StringIO(data)
    return list(iter_lines(stream, **kw))  # type: ignore[arg-type]


class TestLines:
    def test_lf_and_crlf(self) -> None:
        """LF and CRLF line ends both split lines; the ends are not in the cells."""
        assert [x.cells for x in lines(b"a\tb\r\nc\td\n")] == [("a", "b"), ("c", "d")]

    def test_cr_only_file(self) -> None:
        """A file whose first line ends in a bare CR is split on CR (old Mac files)."""
        got = lines(b"h1\th2\r1\t2\r3\t4\r")
        assert [(x.number, x.cells) for x in got] == [
            (1, ("h1", "h2")),
            (2, ("1", "2")),
            (3, ("3", "4")),
        ]

    def test_bare_cr_inside_a_field(self) -> None:
        """A CR inside a field of an LF file is data: read as a space and noted."""
        (_, row) = lines(b"h\n1\tCon\rsult\n")
        assert row.cells == ("1", "Con sult")
        assert row.note == "a control character (U+000D) in a field was read as a space"
        assert row.value == "\r"

    def test_field_over_csv_limit(self) -> None:
        """A field longer than csv's 131,072-character limit is read whole."""
        (_, row) = lines("h\n" + "x" * 131_073 + "\n")
        assert len(row.cells[0]) == 131_073
        assert row.problem is None

    def test_overlong_line_reported_and_passed(self) -> None:
        """A line over the limit is a problem line; the next line is read normally."""
        got = lines(b"h\n" + b"x" * 200 + b"\nok\n", max_chars=50)
        assert got[1] == Line(number=2, problem="is longer than 50 characters")
        assert got[2].cells == ("ok",)
        assert MAX_LINE_CHARS == 1 << 24

    def test_overlong_last_line(self) -> None:
        """An overlong line without a line end is reported once."""
        got = lines(b"h\n" + b"x" * 70_000, max_chars=1000)
        assert [x.problem for x in got] == [None, "is longer than 1,000 characters"]

    def test_invalid_utf8(self) -> None:
        """Invalid UTF-8 makes a problem line naming the bytes; a fallback decodes it, noted."""
        assert lines(b"h\nx\xff\n")[1] == Line(
            number=2, problem="is not valid UTF-8", value=b"\xff"
        )
        row = lines(b"h\ncaf\xe9\n", fallback_encoding="latin-1")[1]
        assert row.cells == ("café",)
        assert row.note == "is not valid UTF-8; read as latin-1"

    def test_bom_and_blank(self) -> None:
        """A byte order mark is dropped; blank lines are blank."""
        got = lines("\ufeffh\n \t \n")
        assert got[0].cells == ("h",)
        assert got[1].blank
        assert not got[0].blank

    def test_no_final_newline(self) -> None:
        """The last line is read without a line end."""
        assert [x.cells for x in lines(b"h\nlast")] == [("h",), ("last",)]


COLS = Columns(
    format="TEST",
    names=("Event ID", "CAMEO Code", "Intensity", "Name"),
    optional=frozenset({"Name"}),
    aliases={"Event Intensity": "Intensity"},
)


class TestColumns:
    def test_exact(self) -> None:
        """The format's own header matches with no warning."""
        assert COLS.match(["Event ID", "CAMEO Code", "Intensity", "Name"]) == (
            {"Event ID": 0, "CAMEO Code": 1, "Intensity": 2, "Name": 3},
            [],
        )

    def test_missing_named(self) -> None:
        """A missing column is named, with what was found instead."""
        with pytest.raises(ImportFormatError) as exc:
            COLS.match(["Event ID", "Intensity", "Cameo"])
        assert exc.value.problems[0].message == (
            "the header misses the TEST column 'CAMEO Code'; found instead 'Cameo' (column 3)"
        )
        assert exc.value.path == "line 1"

    def test_repeated_named(self) -> None:
        """A column named twice is an error naming it and both positions."""
        with pytest.raises(
            ImportFormatError, match=r"'Event ID' appears twice \(columns 1 and 4\)"
        ):
            COLS.match(["Event ID", "CAMEO Code", "Intensity", "Event ID"])

    def test_moved_read_by_name(self) -> None:
        """Swapped columns are read by name and named in a warning."""
        index, warnings = COLS.match(["Event ID", "Intensity", "CAMEO Code"])
        assert index == {"Event ID": 0, "Intensity": 1, "CAMEO Code": 2}
        assert warnings == [
            (
                "columns not in the TEST order, read by name: 'Intensity' (column 2), "
                "'CAMEO Code' (column 3)"
            )
        ]

    def test_alias_loose_and_extra(self) -> None:
        """Aliases and loosely written names are read, extra columns ignored; each is warned."""
        index, warnings = COLS.match(["event_id", "CAMEO Code", "Event Intensity", "Headline"])
        assert index == {"Event ID": 0, "CAMEO Code": 1, "Intensity": 2}
        assert warnings == [
            (
                "header names differ from the TEST names: 'event_id' read as 'Event ID', "
                "'Event Intensity' read as 'Intensity'"
            ),
            "columns not in the TEST format, ignored: 'Headline' (column 4)",
        ]

    def test_cells_of(self) -> None:
        """Cells by name; a wrong number of fields is a row error."""
        line = Line(number=2, cells=("1", "040", "2.5"))
        assert cells_of(line, {"Event ID": 0, "Intensity": 2}, 3) == {
            "Event ID": "1",
            "Intensity": "2.5",
        }
        with pytest.raises(RowError, match="has 3 tab-separated fields, not 4"):
            cells_of(line, {}, 4)

    def test_positions(self) -> None:
        """Without a header, columns are at their format positions."""
        assert COLS.positions()["Intensity"] == 2


class TestIds:
    def test_make_id(self) -> None:
        """Parts are slugged and joined; empty parts are left out."""
        assert make_id("icews", "Shinzo Abe", "", "jpn") == "icews-shinzo-abe-jpn"
        assert make_id("", "") == "x"

    def test_long_id_shortened_deterministically(self) -> None:
        """Over 100 characters: cut and hashed, distinct for distinct inputs, stable."""
        a = make_id("icews", "b" * 120, "freedonia")
        b = make_id("icews", "b" * 120, "ruritania")
        assert len(a) == 100
        assert a != b
        assert a == make_id("icews", "b" * 120, "freedonia")
        assert a.startswith("icews-bbbb")

    def test_unique_ids(self) -> None:
        """A taken id gets a hash suffix from the salt; never the same id twice."""
        ids = UniqueIds()
        first = ids.claim("a")
        second = ids.claim("a", "x")
        third = ids.claim("a", "x")
        assert first == "a"
        assert len({first, second, third}) == 3
        assert second.startswith("a-")
        assert "a" in ids

    def test_seen_rows(self) -> None:
        """An exact repeat and a reused id are told apart, with the first line."""
        seen = SeenRows()
        assert seen.check("7", 2, ["7", "x"]) == (False, None)
        assert seen.check("7", 5, ["7", "x"]) == (True, 2)
        assert seen.check("7", 9, ["7", "y"]) == (False, 2)


class TestNumber:
    def test_values(self) -> None:
        """Numbers in range parse; missing values give None."""
        assert number(" 35.5 ", low=-90, high=90, what="Latitude") == 35.5
        assert number("NA", low=-90, high=90, what="Latitude", missing=("", "NA")) is None

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("north", "Latitude is not a number"),
            ("91", "Latitude must be from -90 to 90"),
            ("nan", "Latitude must be from -90 to 90"),
            ("inf", "Latitude must be from -90 to 90"),
        ],
    )
    def test_bad(self, text: str, message: str) -> None:
        """Bad numbers are row errors naming the field and its range."""
        with pytest.raises(RowError) as exc:
            number(text, low=-90, high=90, what="Latitude")
        assert (exc.value.reason, exc.value.value) == (message, text)


class TestLog:
    def test_counts_and_progress(self) -> None:
        """Rows, events, merges, issues and record counts add up; progress is called."""
        calls: list[int] = []
        log = ImportLog("test", progress=calls.append, progress_every=2)
        for _ in range(5):
            log.row()
        log.event(2)
        log.event(1)
        log.absorbed()
        log.skip(9, "bad", "x", row_id="9")
        log.alter(3, "changed")
        log.add_warning("careful")
        log.made(Actor(id="a", name="A", kind="state"))
        log.finish()
        report = log.report
        assert calls == [2, 4, 5]
        assert report == ImportReport(
            format="test",
            rows=5,
            events=2,
            rows_in_events=4,
            merged_rows=2,
            skipped=(RowIssue(line=9, reason="bad", value="x", row_id="9"),),
            altered=(RowIssue(line=3, reason="changed"),),
            warnings=("careful",),
            actors=1,
        )
        assert report.rows == report.rows_in_events + len(report.skipped)
        assert (
            report.summary() == "2 events from 5 rows (2 merged, 1 skipped, 1 altered, 1 warnings)"
        )

    def test_issue_text(self) -> None:
        """An issue prints its file, line, row id, reason and value."""
        issue = RowIssue(line=4, reason="unknown code", value="999", row_id="12", file="mentions")
        assert str(issue) == "mentions line 4 (12): unknown code (got '999')"
        assert str(RowIssue(line=2, reason="x")) == "line 2: x"


class _Echo(RowImporter):
    """A toy importer: one source per line, named by the line's first cell."""

    format_name = "echo"
    format_title = "Echo"

    def _records(self, f: IO[bytes] | IO[str]) -> Iterator[Record]:
        for line in iter_lines(f):
            self.log.row()
            self.log.fits()
            source = self.attempt(line.number, self._source, line)
            if source is not None:
                self.log.absorbed()
                yield source
            bad = self.attempt(line.number, self._fail)
            assert bad is None

    def _source(self, line: Line) -> Source:
        return Source(
            id=self.ids.claim(make_id(line.cells[0]), str(line.number)), title=line.cells[0]
        )

    def _fail(self) -> None:
        raise RowError("always", 1)


class _Shapeless(_Echo):
    """An importer that never counts a row as of its shape (never calls ``log.fits()``)."""

    def _records(self, f: IO[bytes] | IO[str]) -> Iterator[Record]:
        for line in iter_lines(f):
            self.log.row()
            self.log.absorbed()
            yield self._source(line)


class TestRowImporter:
    def test_rows_in_events_are_never_refused(self) -> None:
        """No row counted as fitting, but none skipped either: the file is read, not refused."""
        reader = _Shapeless(io.BytesIO(b"a\nb\n"))
        assert [r.id for r in reader if isinstance(r, Source)] == ["a", "b"]
        assert (reader.report.rows, reader.report.skipped, reader.report.warnings) == (2, (), ())

    def test_once_and_report(self) -> None:
        """Iterates once; records are counted; a repeated id gets a suffix."""
        reader = _Echo(io.BytesIO(b"a\na\n"))
        ids = [r.id for r in reader if isinstance(r, Source)]
        assert ids[0] == "a"
        assert ids[1].startswith("a-")
        assert len(ids[1]) == 8
        assert reader.report.sources == 2
        with pytest.raises(ImportFormatError, match="can be iterated only once"):
            list(reader)

    def test_validation_error_is_a_skip(self) -> None:
        """A record that does not validate skips its row with the problem."""
        reader = _Echo(io.BytesIO(b" \n"))
        list(reader)
        reasons = [s.reason for s in reader.report.skipped]
        assert reasons[0] == "must not be blank (got ' ') at title"
        assert reasons[1] == "always"

    def test_collect(self) -> None:
        """collect() sorts records into a dataset."""
        ds = collect([Actor(id="a", name="A", kind="state"), Source(id="s", title="S")])
        assert list(ds.actors) == ["a"]
        assert list(ds.sources) == ["s"]


class TestLineEnds:
    def test_bare_cr_in_first_line_of_lf_file(self) -> None:
        """A CR inside the first line of an LF file does not make the file CR-only."""
        got = lines(b"a\rb\tc\nd\te\n")
        assert [x.cells for x in got] == [("a b", "c"), ("d", "e")]

    def test_lf_inside_a_cr_only_line(self) -> None:
        """In a CR-only file, no LF appears in the first block; a later LF is read as a space."""
        got = lines(b"h1\th2\r1\t2\r" + b"x" * (1 << 16) + b"\n\ty\r")
        assert len(got) == 3
        assert got[2].note == "a control character (U+000A) in a field was read as a space"
        assert got[2].cells[1] == "y"


class TestLineEdges:
    def test_truncated_utf8_at_end(self) -> None:
        """A multi-byte character cut off at the end of the file is an unreadable last line."""
        got = lines(b"h\nx\xe2\x80")
        assert got[1].problem == "is not valid UTF-8"

    def test_single_line_ending_in_cr(self) -> None:
        """A file of one line ending in a bare CR is one line."""
        assert [x.cells for x in lines(b"a\tb\r")] == [("a", "b")]

    def test_overlong_line_across_blocks(self) -> None:
        """A line longer than the limit and than a read block is skipped; the next is read."""
        got = lines(b"h\n" + b"x" * 70_000 + b"\nok\n", max_chars=1000)
        assert [(x.number, x.problem, x.cells) for x in got] == [
            (1, None, ("h",)),
            (2, "is longer than 1,000 characters", ()),
            (3, None, ("ok",)),
        ]

    def test_empty_header_cell_ignored(self) -> None:
        """An empty header cell is neither a column nor an extra one."""
        index, warnings = COLS.match(["Event ID", "", "CAMEO Code", "Intensity"])
        assert index == {"Event ID": 0, "CAMEO Code": 2, "Intensity": 3}
        assert warnings == []

"""Unit tests for the ICEWS importer (diplo_events.interop.icews)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from diplo_events import DiploEventsError, Event, EventKind, Membership, Role
from diplo_events.interop import RowIssue
from diplo_events.interop.icews import ICEWS_COLUMNS, IcewsFormatError, IcewsReader, read_icews

from .helpers import SHARED_DATA

DATA = Path(__file__).parent / "data" / "icews_small.tab"
SAMPLE = SHARED_DATA / "icews" / "events.2018.sample.tab"
CJK = {"CHN", "JPN", "KOR", "PRK"}


def fixture_bytes() -> bytes:
    return DATA.read_bytes()


def replace_line(number: int, text: bytes) -> io.BytesIO:
    lines = fixture_bytes().split(b"\n")
    lines[number - 1] = text
    return io.BytesIO(b"\n".join(lines))


class TestReadIcews:
    def test_every_row_is_imported_or_reported(self) -> None:
        """13 rows: 10 in 8 events (two merged pairs), 3 skipped with reasons."""
        ds, report = read_icews(DATA)
        assert (report.rows, report.events, report.rows_in_events, report.merged_rows) == (
            13,
            8,
            10,
            4,
        )
        assert report.rows == report.rows_in_events + len(report.skipped)
        assert report.skipped == (
            RowIssue(
                line=7,
                row_id="6",
                value="073",
                reason="CAMEO root 07 (provide aid) has no diplo_events kind",
            ),
            RowIssue(
                line=8,
                row_id="7",
                value="040",
                reason="a meeting needs two sides, but all actors are on one (got ['IND']) at participants",
            ),
            RowIssue(line=14, row_id="13", value="999", reason="unknown CAMEO code"),
        )
        assert report.warnings == (
            "line 13: unknown country 'Kosovo'; its actors ('Hashim Thaçi' first) are kept without a country",
        )
        assert len(ds) == 8

    def test_reciprocal_consults_merge_into_one_meeting(self) -> None:
        """Japan->China and China->Japan 040 in one sentence are one bilateral meeting."""
        ds, _ = read_icews(DATA)
        meeting = ds.events["icews-1"]
        assert meeting.kind is EventKind.MEETING
        assert meeting.actors() == ("icews-japan-jpn", "icews-china-chn")
        assert meeting.format.value == "bilateral"  # type: ignore[attr-defined]
        assert [c.code for c in meeting.codes] == ["040"]
        assert meeting.note == "ICEWS event 1, 2; story 100, sentence 1; intensity 1, 1"
        assert meeting.sources == ("icews-story-100",)
        assert meeting.sources[0] in ds.sources
        assert meeting.summary == "Japan ↔ China: Consult"
        assert str(meeting.when) == "2018-06-01"

    def test_make_and_host_a_visit_merge(self) -> None:
        """042 Kono->China and 043 China->Kono are one visit carrying both codes."""
        ds, _ = read_icews(DATA)
        visit = ds.events["icews-3"]
        assert visit.with_role(Role.VISITOR) == ("icews-kono-taro-jpn",)
        assert visit.with_role(Role.HOST) == ("icews-china-chn",)
        assert [c.code for c in visit.codes] == ["042", "043"]

    def test_visits_both_ways_stay_apart(self) -> None:
        """042 both ways would make each actor visitor and host: two visits instead."""
        ds, _ = read_icews(DATA)
        assert ds.events["icews-10"].with_role(Role.VISITOR) == ("icews-moon-jae-in-kor",)
        assert ds.events["icews-11"].with_role(Role.VISITOR) == ("icews-kim-jong-un-prk",)

    def test_kinds_roles_and_fields(self) -> None:
        """Statements, incidents and agreements follow the CAMEO -> kind table."""
        ds, _ = read_icews(DATA)
        statement = ds.events["icews-5"]
        assert statement.kind is EventKind.STATEMENT
        assert statement.participants[0].role is Role.SPEAKER
        assert len(statement.participants) == 1  # the target is NA
        assert statement.stance.value == "neutral"  # type: ignore[attr-defined]
        assert ds.events["icews-12"].stance.value == "cooperative"  # type: ignore[attr-defined]
        fight = ds.events["icews-8"]
        assert fight.category.value == "other"  # type: ignore[attr-defined]
        assert fight.with_role(Role.INITIATOR) == ("icews-south-korea-kor",)
        assert ds.events["icews-9"].stage.value == "signed"  # type: ignore[attr-defined]

    def test_actors_are_deduplicated_with_slug_ids(self) -> None:
        """One actor per name and country; states, groups and persons told apart."""
        ds, _ = read_icews(DATA)
        japan = ds.actors["icews-japan-jpn"]
        assert (japan.kind.value, japan.country) == ("state", "JPN")
        police = ds.actors["icews-police-india-ind"]
        assert (police.kind.value, police.note) == ("group", "ICEWS sectors: Government, Police")
        assert ds.actors["icews-recep-tayyip-erdogan-tur"].kind.value == "person"
        assert ds.actors["icews-hashim-thaci-kosovo"].country is None
        assert len(ds.actors) == 12

    def test_a_source_per_story(self) -> None:
        """Each story becomes a Source without text, named after its publisher."""
        ds, _ = read_icews(DATA)
        source = ds.sources["icews-story-100"]
        assert (source.title, source.publisher, source.text) == (
            "ICEWS story 100 (Kyodo)",
            "Kyodo",
            None,
        )
        assert ds.sources["icews-story-107"].publisher is None
        assert len(ds.sources) == 7

    def test_progress_and_text_streams(self) -> None:
        """Progress is reported every N rows and at the end; text streams work too."""
        seen: list[int] = []
        text = io.StringIO(fixture_bytes().decode("utf-8"))
        ds, report = read_icews(text, progress=seen.append, progress_every=5)
        assert seen == [5, 10, 13]
        assert report.rows == 13
        assert len(ds) == 8

    def test_reader_streams_records_before_use(self) -> None:
        """The reader yields each actor and source before the first event that uses it."""
        reader = IcewsReader(io.BytesIO(fixture_bytes()), window=1)
        seen: set[str] = set()
        for record in reader:
            if hasattr(record, "participants"):
                assert all(p.actor in seen for p in record.participants)
            assert not isinstance(record, Membership)
            if isinstance(record, Event):
                assert record.place is None or record.place in seen
            seen.add(record.id)
        assert reader.report.events == 8
        with pytest.raises(IcewsFormatError) as exc:
            list(reader)
        assert str(exc.value) == "an IcewsReader can be iterated only once (got None)"


class TestBadInput:
    def test_wrong_header(self) -> None:
        """A file whose header has no ICEWS column is refused at line 1, saying so."""
        with pytest.raises(IcewsFormatError) as exc:
            read_icews(io.BytesIO(b"a\tb\n1\t2\n"))
        assert (
            str(exc.value) == "the header has none of the 20 ICEWS columns (got 'a\\tb') at line 1"
        )

    def test_missing_column_named(self) -> None:
        """A header without CAMEO Code names it, before the echoed header."""
        header = "\t".join(c for c in ICEWS_COLUMNS if c != "CAMEO Code").encode()
        with pytest.raises(IcewsFormatError) as exc:
            read_icews(io.BytesIO(header + b"\n"))
        assert exc.value.problems[0].message == "the header misses the ICEWS column 'CAMEO Code'"
        assert exc.value.path == "line 1"

    @pytest.mark.parametrize("data", [b"", b"\n \n"])
    def test_empty_file(self, data: bytes) -> None:
        """An empty file is refused: it has no header."""
        with pytest.raises(IcewsFormatError) as exc:
            read_icews(io.BytesIO(data))
        assert str(exc.value) == "the file is empty: it has no ICEWS header (got '') at line 1"

    def test_unreadable_header(self) -> None:
        """A header that is not UTF-8 is refused at its line."""
        with pytest.raises(IcewsFormatError) as exc:
            read_icews(io.BytesIO(b"Event ID\xff\n"))
        assert str(exc.value) == "is not valid UTF-8 (got b'\\xff') at line 1"

    def test_slug_clash_renamed(self) -> None:
        """Event IDs that slug alike ('1 2', '1-2') get distinct ids, the second reported."""
        line = fixture_bytes().split(b"\n")[8]  # a one-row statement (Event ID 8)
        data = b"\n".join([fixture_bytes().split(b"\n")[0], line.replace(b"8\t", b"1 2\t", 1),
                           line.replace(b"8\t", b"1-2\t", 1).replace(b"\t104\t", b"\t999\t")])  # fmt: skip
        ds, report = read_icews(io.BytesIO(data + b"\n"))
        assert len(ds.events) == 2
        assert report.altered[0].reason.startswith("event id 'icews-1-2' was taken")

    def test_swapped_columns_read_by_name(self) -> None:
        """Columns in another order are read by their names, and named in a warning."""
        lines = fixture_bytes().split(b"\n")
        order = list(range(20))
        order[6], order[7] = 7, 6  # CAMEO Code and Intensity swap places

        def swap(line: bytes) -> bytes:
            cells = line.split(b"\t")
            return b"\t".join(cells[i] for i in order) if len(cells) == 20 else line

        ds, report = read_icews(io.BytesIO(b"\n".join(swap(x) for x in lines)))
        assert report.warnings[0] == (
            "columns not in the ICEWS order, read by name: 'Intensity' (column 7), "
            "'CAMEO Code' (column 8)"
        )
        assert len(ds) == 8

    def test_header_only(self) -> None:
        """A header without rows gives an empty dataset and says so in a warning."""
        ds, report = read_icews(io.BytesIO(fixture_bytes().split(b"\n")[0] + b"\n"))
        assert len(ds) == 0
        assert report.rows == 0
        assert report.warnings == ("the file has no rows",)

    def test_wrong_column_count(self) -> None:
        """A row with too few columns is skipped with its line; the rest is imported."""
        ds, report = read_icews(replace_line(3, b"2\t2018-06-01\tChina"))
        assert (
            RowIssue(line=3, row_id="2", reason="has 3 tab-separated fields, not 20", value=3)
            in report.skipped
        )
        assert report.rows == report.rows_in_events + len(report.skipped) == 13
        assert ds.events["icews-1"].summary == "Japan → China: Consult"  # no reciprocal row now
        assert report.events == 8

    def test_bad_date(self) -> None:
        """An impossible date skips its row, naming the column and the value."""
        line = fixture_bytes().split(b"\n")[1].replace(b"2018-06-01", b"2018-02-30")
        _, report = read_icews(replace_line(2, line))
        assert (
            RowIssue(
                line=2,
                row_id="1",
                reason="Event Date must be a date written YYYY-MM-DD",
                value="2018-02-30",
            )
            in report.skipped
        )

    def test_invalid_utf8_in_binary_input(self) -> None:
        """A line that is not UTF-8 is a skipped row with the bytes, not a UnicodeDecodeError."""
        line = fixture_bytes().split(b"\n")[4].replace(b"Kono", b"K\xffno")
        _, report = read_icews(replace_line(5, line))
        assert RowIssue(line=5, reason="is not valid UTF-8", value=b"\xff") in report.skipped
        assert report.rows == 13

    def test_invalid_utf8_in_text_input(self, tmp_path: Path) -> None:
        """A text stream that fails to decode is refused near the line it failed on."""
        path = tmp_path / "bad.tab"
        path.write_bytes(fixture_bytes() + b"\xff\xfe\n")
        with path.open(encoding="utf-8") as f, pytest.raises(DiploEventsError) as exc:
            read_icews(f)
        assert isinstance(exc.value, IcewsFormatError)
        assert exc.value.path.startswith("line ")
        assert "open the file in binary mode" in str(exc.value)

    def test_blank_lines_are_ignored(self) -> None:
        """Blank lines (a trailing newline, say) are not rows."""
        _, report = read_icews(io.BytesIO(fixture_bytes() + b"\n\n"))
        assert report.rows == 13

    def test_out_of_range_numbers_reported(self) -> None:
        """A bad intensity or coordinate is dropped and the row reported as altered."""
        line = fixture_bytes().split(b"\n")[1].replace(b"\t1\tChina", b"\t11\tChina")
        line = line.replace(b"35.6\t139.7", b"95.6\teast")
        ds, report = read_icews(replace_line(2, line))
        assert [(a.line, a.reason, a.value) for a in report.altered] == [
            (2, "Intensity must be from -10 to 10; dropped", "11"),
            (2, "Latitude must be from -90 to 90; dropped", "95.6"),
            (2, "Longitude is not a number; dropped", "east"),
        ]
        assert ds.events["icews-1"].note == "ICEWS event 1, 2; story 100, sentence 1; intensity 1"


@pytest.mark.skipif(not SAMPLE.is_file(), reason="../shared/data/icews is not present")
class TestRealSample:
    def test_all_rows_imported_or_reported(self) -> None:
        """All 3,705 rows of the ICEWS sample end in an event or in the report."""
        ds, report = read_icews(SAMPLE)
        assert report.rows == 3705
        assert report.rows_in_events + len(report.skipped) == 3705
        assert all(s.reason for s in report.skipped)
        assert report.events == len(ds)

    def test_china_japan_korea_events_present(self) -> None:
        """Events involving China, Japan or the Koreas are found by the actors' countries."""
        ds, _ = read_icews(SAMPLE)

        def countries(event: Event) -> set[str | None]:
            return {ds.actors[a].country for a in event.actors()}

        involved = [e for e in ds if countries(e) & CJK]
        assert len(involved) == 603
        between = {frozenset(countries(e)) for e in involved if len(countries(e) & CJK) >= 2}
        assert between == {frozenset({"KOR", "PRK"}), frozenset({"JPN", "PRK"})}


class TestEdgeRows:
    def test_missing_source_clashing_ids_and_non_latin_names(self) -> None:
        """A row without a source actor is reported; clashing slugs get a hash; non-Latin names a hashed slug."""
        lines = fixture_bytes().split(b"\n")
        cells = lines[1].split(b"\t")
        no_source = b"\t".join([b"20", cells[1], b"NA", *cells[3:]])
        clash = b"\t".join([b"21", cells[1], b"JAPAN", *cells[3:11], b"200", *cells[12:]])
        han = b"\t".join(
            [b"22", cells[1], "習近平".encode(), b"NA", b"China", *cells[5:11], b"201", *cells[12:]]
        )
        data = b"\n".join([*lines[:-1], no_source, clash, han, b""])
        ds, report = read_icews(io.BytesIO(data))
        assert (
            RowIssue(line=15, row_id="20", value="040", reason="the row names no source actor")
            in report.skipped
        )
        clashing = [a for a in ds.actors if a.startswith("icews-japan-jpn-")]
        assert len(clashing) == 1
        assert ds.actors[clashing[0]].name == "JAPAN"
        assert any(a.startswith("icews-x") and a.endswith("-chn") for a in ds.actors)


ICEWS_COLUMNS_B = [c.encode() for c in ICEWS_COLUMNS]


def _row(event_id: str, story: str, *, source: str = "Japan", date: str = "2018-06-01") -> bytes:
    cells = [event_id, date, source, "", source, "Consult", "040", "1", "China", "", "China", story,
             "1", "P", "", "", "", "", "", ""]  # fmt: skip
    return "\t".join(cells).encode()


def _file(*rows: bytes) -> io.BytesIO:
    return io.BytesIO(b"\n".join(["\t".join(ICEWS_COLUMNS).encode(), *rows]) + b"\n")


class TestSharedCases:
    """The behaviours of ../shared/cases 13, 15, A04 and A05, in the project's own suite."""

    def test_repeated_row_far_apart_imported_once(self) -> None:
        """The same row 100 rows later (past the merge window) is one event; the copy is reported."""
        rows = [
            _row("1", "1"),
            *(_row(str(1000 + i), str(1000 + i)) for i in range(100)),
            _row("1", "1"),
        ]
        reader = IcewsReader(_file(*rows))
        ids = [r.id for r in reader if isinstance(r, Event)]
        assert len(ids) == len(set(ids)) == 101
        assert reader.report.skipped == (
            RowIssue(
                line=103, reason="repeats line 2 exactly (imported once)", value="1", row_id="1"
            ),
        )

    def test_same_event_id_other_content_kept_apart(self) -> None:
        """One Event ID on two different rows: both imported, under distinct ids, the second reported."""
        ds, report = read_icews(_file(_row("7", "1"), _row("7", "2", date="2018-08-01")))
        first, second = sorted(ds.events)
        assert first == "icews-7"
        assert second.startswith("icews-7-")
        assert report.altered[0].line == 3
        assert report.altered[0].reason.startswith("Event ID also on line 2 with other content")
        assert report.rows == report.rows_in_events == 2

    def test_long_actor_name_gets_a_short_id(self) -> None:
        """An 85-letter name with an unknown country makes a valid, hash-shortened actor id."""
        cells = _row("1", "7", source="b" * 85).split(b"\t")
        cells[4] = b"Freedonia Grand Duchy"
        ds, report = read_icews(_file(b"\t".join(cells)))
        (actor,) = (a for a in ds.actors.values() if a.name == "b" * 85)
        assert len(actor.id) == 100
        assert report.rows_in_events == 1

    def test_normalised_header_names(self) -> None:
        """``event_id``-style names are read as the ICEWS columns, with a warning."""
        header = "\t".join(c.lower().replace(" ", "_") for c in ICEWS_COLUMNS).encode()
        ds, report = read_icews(io.BytesIO(header + b"\n" + _row("1", "1") + b"\n"))
        assert len(ds) == 1
        assert report.warnings[0].startswith(
            "header names differ from the ICEWS names: 'event_id' read as"
        )

    @pytest.mark.parametrize(
        "data",
        [
            b"\t".join(ICEWS_COLUMNS_B)
            + b"\n"
            + _row("1", "7").replace(b"Consult", b"Con\rsult")
            + b"\n",
            b"\t".join(ICEWS_COLUMNS_B) + b"\r" + _row("1", "7") + b"\r",
            b"\t".join(ICEWS_COLUMNS_B)
            + b"\n"
            + _row("1", "7").replace(b"Consult", b"x" * 131_073)
            + b"\n",
        ],
        ids=["bare-cr", "cr-only", "huge-field"],
    )
    def test_csv_level_trouble_is_read(self, data: bytes) -> None:
        """A bare CR in a field, CR-only line ends and a field over csv's limit: the row is imported."""
        ds, report = read_icews(io.BytesIO(data))
        assert (report.rows, report.rows_in_events, len(ds)) == (1, 1, 1)

    def test_missing_intensity_left_out_of_the_note(self) -> None:
        """An Intensity of NA is missing, not bad: the note has no intensity and nothing is reported."""
        cells = _row("1", "7").split(b"\t")
        cells[7] = b"NA"
        ds, report = read_icews(_file(b"\t".join(cells)))
        assert ds.events["icews-1"].note == "ICEWS event 1; story 7, sentence 1"
        assert report.altered == ()

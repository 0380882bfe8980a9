"""POLECAT import, on an invented fixture that has each known drift of the real files.

``tests/data/polecat_small.tsv``: a header with ``Event Intensity`` (the later
name of ``Intensity``) and the extra columns Headline, Event Text, Feed and
Story ID; the literal ``None``; ``; ``-separated actors; a line in Latin-1; the
header repeated; a type with no kind; an impossible date; an exact repeat; an
Event ID reused with other content; a short line; an out-of-range latitude and
a non-numeric intensity; multi-valued columns that do not line up. All rows
are invented.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from diplo_events.interop._importer import ImportFormatError
from diplo_events.interop.polecat import POLECAT_COLUMNS, PolecatReader, read_polecat

FIXTURE = Path(__file__).parent / "data" / "polecat_small.tsv"


class TestFixture:
    def test_every_row_accounted_for(self) -> None:
        """11 rows: 6 events, 5 skipped with line and reason."""
        _, report = read_polecat(FIXTURE)
        assert (report.rows, report.events) == (11, 6)
        assert report.rows == report.rows_in_events + len(report.skipped)
        assert [(s.line, s.reason) for s in report.skipped] == [
            (4, "repeats the header row"),
            (6, "PLOVER type AID (material cooperation) has no diplo_events kind"),
            (7, "Event Date is not a real date"),
            (8, "repeats the row on line 2"),
            (10, "has 3 tab-separated fields, not 44"),
        ]

    def test_altered_rows(self) -> None:
        """Latin-1, a reused id, a bad latitude and intensity, misaligned columns: reported."""
        _, report = read_polecat(FIXTURE)
        assert [(a.line, a.reason) for a in report.altered] == [
            (5, "is not valid UTF-8; read as latin-1"),
            (9, "reuses the Event ID of line 3; kept as 'polecat-pc-0002-f6b73e'"),
            (11, "Latitude must be from -90 to 90; the coordinates were dropped"),
            (11, "Intensity is not a number; dropped"),
            (12, "the Actor columns hold different numbers of values; only names kept"),
        ]
        assert report.warnings == (
            "header names differ from the POLECAT names: 'Event Intensity' read as 'Intensity'",
        )

    def test_visit_with_place_and_people(self) -> None:
        """A CONSULT in mode visit: visitor and host with Wikidata ids, a city with its point."""
        ds, _ = read_polecat(FIXTURE)
        event = ds.events["polecat-pc-0001"]
        assert event.kind.value == "visit"
        assert [(p.actor, p.role.value, p.title) for p in event.participants] == [
            ("polecat-wikidata-q20310906", "visitor", "President"),
            ("polecat-wikidata-q1336559", "host", "Prime Minister"),
        ]
        kishida = ds.actors["polecat-wikidata-q1336559"]
        assert (kishida.name, kishida.kind.value, kishida.country) == (
            "Fumio Kishida",
            "person",
            "JPN",
        )
        tokyo = ds.places["polecat-place-jpn-tokyo"]
        assert (tokyo.kind.value, tokyo.part_of, tokyo.identifier("geonames")) == (
            "city",
            "polecat-place-jpn",
            "1850147",
        )
        assert tokyo.point is not None
        assert (tokyo.point.latitude, tokyo.point.longitude) == (35.6895, 139.69171)
        assert event.topics == ("diplomatic", "economic")
        source = ds.sources["polecat-pc-0001-text"]
        assert source.title == "Invented headline: leaders meet in Tokyo"
        assert source.text == (
            "President Yoon visited Tokyo, where Prime Minister Kishida received him."
        )
        assert "intensity 1.5" in (event.note or "")

    def test_multi_valued_actors_and_none(self) -> None:
        """'China; Russia' are two speakers; 'None' cells are missing, not names."""
        ds, _ = read_polecat(FIXTURE)
        event = ds.events["polecat-pc-0002"]
        assert [p.actor for p in event.participants] == [
            "polecat-chn-china",
            "polecat-rus-russia",
            "polecat-usa-united-states",
        ]
        assert ds.actors["polecat-rus-russia"].kind.value == "state"
        assert all("None" not in a.name for a in ds.actors.values())

    def test_latin1_and_nesting(self) -> None:
        """A Latin-1 line keeps its accents; Brussels sits in its region in Belgium."""
        ds, _ = read_polecat(FIXTURE)
        assert ds.places["polecat-place-bra-sao-paulo"].name == "São Paulo"
        brussels = ds.places[ds.events["polecat-pc-0007"].place or ""]
        region = ds.places[brussels.part_of or ""]
        assert (brussels.name, brussels.kind.value, brussels.point) == ("Brussels", "city", None)
        assert (region.name, region.kind.value, region.part_of) == (
            "Brussels-Capital Region",
            "province",
            "polecat-place-bel",
        )


def _file(*rows: dict[str, str]) -> io.BytesIO:
    """A POLECAT file of the 40 columns; each row's unnamed cells are 'None'."""
    lines = ["\t".join(POLECAT_COLUMNS)]
    for extra in rows:
        cells = dict.fromkeys(POLECAT_COLUMNS, "None")
        cells.update({"Event Date": "2023-03-16", "Event Type": "ACCUSE"})
        cells.update({"Actor Name": "Japan", "Actor Country": "JPN", **extra})
        lines.append("\t".join(cells[c] for c in POLECAT_COLUMNS))
    return io.BytesIO("\n".join(lines).encode())


class TestValues:
    def test_bad_values_dropped_and_reported(self) -> None:
        """Unknown countries and sectors, bad ids, dates and tags are dropped with reasons."""
        ds, report = read_polecat(
            _file(
                {"Event ID": "None"},
                {"Event ID": "p2", "Event Type": "None"},
                {
                    "Event ID": "p3",
                    "Actor Country": "Atlantis",
                    "Primary Actor Sector": "Wizards",
                    "Wikipedia Actor ID": "Japan",
                    "Publication Date": "soon",
                    "Language": "Japanese!",
                    "Country": "Atlantis",
                    "City": "Nowhere",
                    "GeoNames ID": "12x",
                },
                {
                    "Event ID": "p4",
                    "Publication Date": "2023-03-15 10:00:00",
                    "Language": "ja",
                    "Source": "Wire",
                },
            )
        )
        assert [(s.line, s.reason) for s in report.skipped] == [
            (2, "has no Event ID"),
            (3, "has no Event Type"),
        ]
        assert [(a.line, a.reason) for a in report.altered] == [
            (4, "Actor Country is not a known country; dropped"),
            (4, "sector 'Wizards' is not a PLOVER sector code; dropped"),
            (4, "Wikipedia Actor ID is not a Wikidata id; dropped"),
            (4, "Country is not a known country; the place keeps no country"),
            (4, "GeoNames ID is not a number; dropped"),
            (4, "Language is not a language tag; dropped"),
            (4, "Publication Date must be a date written YYYY-MM-DD; dropped"),
        ]
        assert ds.actors["polecat-jpn-japan"].kind.value == "state"  # its name is a country's
        source = ds.sources["polecat-story-polecat-p4"]
        assert (str(source.published), source.language, source.publisher) == (
            "2023-03-15",
            "ja",
            "Wire",
        )

    def test_phone_call_and_four_levels(self) -> None:
        """'None' keeps its slot in a multi-valued cell; a city nests in district, province, country."""
        ds, report = read_polecat(
            _file(
                {
                    "Event ID": "p5",
                    "Event Type": "CONSULT",
                    "Event Mode": "phone",
                    "Actor Name": "Japan; China",
                    "Actor Country": "JPN; CHN",
                    "Primary Actor Sector": "GOV; None",
                    "Country": "Japan",
                    "Province": "Hokkaido",
                    "District": "Sapporo-shi",
                    "City": "Sapporo",
                    "Latitude": "43.06",
                    "Longitude": "141.35",
                    "Feature Type": "PPLA",
                }
            )
        )
        assert report.altered == ()
        event = ds.events["polecat-p5"]
        assert (event.kind.value, getattr(event, "setting", None)) == ("meeting", "phone")
        assert [p.actor for p in event.participants] == [
            "polecat-jpn-gov-japan",
            "polecat-chn-china",
        ]
        chain = []
        place_id = event.place
        while place_id is not None:
            chain.append((ds.places[place_id].name, ds.places[place_id].kind.value))
            place_id = ds.places[place_id].part_of
        assert chain == [
            ("Sapporo", "city"),
            ("Sapporo-shi", "district"),
            ("Hokkaido", "province"),
            ("Japan", "country"),
        ]


class TestHeader:
    def test_missing_column_is_named(self) -> None:
        """A header without Event Date is not a POLECAT file: the error names the column."""
        header = "\t".join(c for c in POLECAT_COLUMNS if c != "Event Date")
        with pytest.raises(ImportFormatError, match="'Event Date'"):
            read_polecat(io.BytesIO(header.encode() + b"\n"))

    def test_empty_file(self) -> None:
        """An empty file has no header."""
        with pytest.raises(ImportFormatError, match="no POLECAT header"):
            read_polecat(io.BytesIO(b""))

    def test_header_only(self) -> None:
        """A header with no rows gives an empty dataset and a report of 0 rows."""
        ds, report = read_polecat(io.BytesIO("\t".join(POLECAT_COLUMNS).encode() + b"\n"))
        assert (len(ds), report.rows) == (0, 0)

    def test_progress(self) -> None:
        """Progress is called every N rows and at the end."""
        seen: list[int] = []
        list(PolecatReader(FIXTURE, progress=seen.append, progress_every=4))
        assert seen == [4, 8, 11]

"""Unit tests for the GDELT 2.0 importer (diplo_events.interop.gdelt) and its code tables."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from diplo_events import Event, GeoPrecision, PlaceKind, Role
from diplo_events._iso3166 import ALPHA3
from diplo_events.interop import RowIssue
from diplo_events.interop._cameo_country_table import CAMEO_REGIONS, iso3_of_cameo
from diplo_events.interop._fips_table import FIPS_TO_ISO3, iso3_of_fips
from diplo_events.interop.gdelt import (
    GDELT_EVENT_COLUMNS,
    GDELT_MENTION_COLUMNS,
    GdeltFormatError,
    GdeltReader,
    read_gdelt,
)

from .helpers import SHARED_DATA

SAMPLE = SHARED_DATA / "gdelt"

_EVENT = {
    "GLOBALEVENTID": "1001",
    "SQLDATE": "20180127",
    "MonthYear": "201801",
    "Year": "2018",
    "FractionDate": "2018.0712",
    "Actor1Code": "JPN",
    "Actor1Name": "JAPAN",
    "Actor1CountryCode": "JPN",
    "Actor2Code": "CHN",
    "Actor2Name": "CHINA",
    "Actor2CountryCode": "CHN",
    "IsRootEvent": "1",
    "EventCode": "042",
    "EventBaseCode": "042",
    "EventRootCode": "04",
    "QuadClass": "1",
    "GoldsteinScale": "1.9",
    "NumMentions": "4",
    "NumSources": "2",
    "NumArticles": "4",
    "AvgTone": "2.5",
    "ActionGeo_Type": "4",
    "ActionGeo_FullName": "Beijing, Beijing, China",
    "ActionGeo_CountryCode": "CH",
    "ActionGeo_ADM1Code": "CH22",
    "ActionGeo_Lat": "39.9289",
    "ActionGeo_Long": "116.388",
    "ActionGeo_FeatureID": "-1898541",
    "DATEADDED": "20180127120000",
    "SOURCEURL": "https://news.example.org/kono-beijing",
}

_MENTION = {
    "GLOBALEVENTID": "1001",
    "EventTimeDate": "20180127120000",
    "MentionTimeDate": "20180127123000",
    "MentionType": "1",
    "MentionSourceName": "example.org",
    "MentionIdentifier": "https://example.org/a",
    "SentenceID": "3",
    "Actor1CharOffset": "120",
    "Actor2CharOffset": "-1",
    "ActionCharOffset": "131",
    "InRawText": "1",
    "Confidence": "80",
    "MentionDocLen": "2400",
    "MentionDocTone": "1.5",
}


def event_row(**cells: str) -> str:
    values = {**_EVENT, **cells}
    return "\t".join(values.get(c, "") for c in GDELT_EVENT_COLUMNS)


def mention_row(**cells: str) -> str:
    values = {**_MENTION, **cells}
    return "\t".join(values.get(c, "") for c in GDELT_MENTION_COLUMNS)


def stream(*rows: str) -> io.BytesIO:
    return io.BytesIO(("\n".join(rows) + "\n").encode("utf-8"))


class TestTables:
    def test_fips(self) -> None:
        """FIPS 10-4 codes differ from ISO's; every mapped value is an ISO alpha-3 code."""
        assert iso3_of_fips("JA") == "JPN"
        assert iso3_of_fips("ch") == "CHN"
        assert iso3_of_fips("KS") == "KOR"
        assert iso3_of_fips("GZ") == "PSE"
        assert iso3_of_fips("KV") is None
        assert set(FIPS_TO_ISO3.values()) <= ALPHA3
        assert len(FIPS_TO_ISO3) == 257

    def test_cameo_countries(self) -> None:
        """CAMEO country codes are ISO codes, regions map to none, three places to their country."""
        assert iso3_of_cameo("JPN") == "JPN"
        assert iso3_of_cameo("EUR") is None
        assert CAMEO_REGIONS["EUR"] == "Europe"
        assert iso3_of_cameo("WSB") == "PSE"
        assert iso3_of_cameo("XYZ") is None
        assert not set(CAMEO_REGIONS) & ALPHA3


class TestEvents:
    def test_visit_with_place_and_sources(self) -> None:
        """A 042 row is a visit; its ActionGeo is a city in a province in a country."""
        ds, report = read_gdelt(stream(event_row()), stream(mention_row()))
        visit = ds.events["gdelt-1001"]
        assert visit.with_role(Role.VISITOR) == ("gdelt-jpn",)
        assert visit.with_role(Role.HOST) == ("gdelt-chn",)
        assert ds.actors["gdelt-jpn"].name == "Japan"
        assert str(visit.when) == "2018-01-27"
        assert visit.note == (
            "GDELT event 1001 (root event); QuadClass 1; Goldstein 1.9; 4 mentions in 2 "
            "sources, 4 articles; average tone 2.50; added 2018-01-27 12:00:00 UTC"
        )
        city = ds.places[visit.place]  # type: ignore[index]
        assert (city.name, city.kind, city.country) == ("Beijing", PlaceKind.CITY, "CHN")
        assert city.point is not None
        assert (city.point.latitude, city.point.precision) == (39.9289, GeoPrecision.CITY)
        assert city.identifier("gdelt_feature") == "-1898541"
        province = ds.places[city.part_of]  # type: ignore[index]
        assert province.kind is PlaceKind.PROVINCE
        assert ds.places[province.part_of].kind is PlaceKind.COUNTRY  # type: ignore[index]
        assert len(visit.sources) == 2
        assert report.rows == report.rows_in_events + len(report.skipped) == 2

    def test_mention_is_a_source_with_unchecked_offsets(self) -> None:
        """A mention becomes a source: outlet, URL, day; offsets are in the note, not evidence."""
        ds, _ = read_gdelt(stream(event_row()), stream(mention_row()))
        visit = ds.events["gdelt-1001"]
        assert visit.evidence == ()
        mention = ds.sources[visit.sources[0]]
        assert (mention.publisher, mention.url, str(mention.published)) == (
            "example.org",
            "https://example.org/a",
            "2018-01-27",
        )
        assert "character offsets Actor1 120, Actor2 -1, Action 131" in (mention.note or "")
        assert "not checked evidence" in (mention.note or "")
        page = ds.sources[visit.sources[1]]
        assert (page.url, page.publisher) == (
            "https://news.example.org/kono-beijing",
            "news.example.org",
        )

    def test_shared_source_url_and_places(self) -> None:
        """Events with one SOURCEURL share its source; events at one place share the place."""
        ds, report = read_gdelt(
            stream(event_row(), event_row(GLOBALEVENTID="1002", EventCode="043"))
        )
        first, second = ds.events["gdelt-1001"], ds.events["gdelt-1002"]
        assert first.sources == second.sources
        assert first.place == second.place
        assert (report.places, report.sources) == (3, 1)

    def test_row_problems_are_reported(self) -> None:
        """Bad rows are skipped with their line and reason; the rest is imported."""
        rows = [
            event_row(),
            event_row(GLOBALEVENTID="2", SQLDATE="20180230"),
            event_row(GLOBALEVENTID="3", EventCode="073", EventBaseCode="073", EventRootCode="07"),
            event_row(GLOBALEVENTID="4", Actor1Code="", Actor1Name="", Actor1CountryCode=""),
            event_row(GLOBALEVENTID="5", EventCode="999"),
            "6\tshort",
        ]
        _, report = read_gdelt(stream(*rows))
        assert [(s.line, s.reason, s.value) for s in report.skipped] == [
            (2, "SQLDATE must be a date written YYYYMMDD", "20180230"),
            (3, "CAMEO root 07 (provide aid) has no diplo_events kind", "073"),
            (4, "the row names no Actor1", "042"),
            (5, "unknown CAMEO EventCode", "999"),
            (6, "has 2 tab-separated fields, not the 61 of a GDELT 2.0 events file", 2),
        ]
        assert report.events == 1

    def test_bad_numbers_and_codes_are_altered(self) -> None:
        """Out-of-range numbers and unknown FIPS codes are dropped and reported; the event stays."""
        row = event_row(GoldsteinScale="12", ActionGeo_Lat="95", ActionGeo_CountryCode="QQ")
        ds, report = read_gdelt(stream(row))
        assert [(a.reason, a.value) for a in report.altered] == [
            ("ActionGeo_CountryCode is no FIPS 10-4 country code we know", "QQ"),
            ("ActionGeo_Lat must be from -90 to 90; dropped", "95"),
            ("GoldsteinScale must be from -10 to 10; dropped", "12"),
        ]
        place = ds.places[ds.events["gdelt-1001"].place]  # type: ignore[index]
        assert (place.point, place.country) == (None, None)

    def test_duplicates(self) -> None:
        """An identical row is imported once; the same id with other content gets its own id."""
        rows = [event_row(), event_row(), event_row(SQLDATE="20180128")]
        ds, report = read_gdelt(stream(*rows))
        assert report.skipped == (
            RowIssue(
                line=2, reason="repeats line 1 exactly (imported once)", value="1001", row_id="1001"
            ),
        )
        assert len(ds.events) == 2
        assert len(report.altered) == 1
        assert report.altered[0].reason.startswith(
            "GLOBALEVENTID also on line 1 with other content"
        )

    def test_regions_and_unknown_countries_warned_once(self) -> None:
        """A CAMEO region as an actor's country is named once; the actor has no country."""
        rows = [
            event_row(Actor2Code="EUR", Actor2Name="EUROPE", Actor2CountryCode="EUR"),
            event_row(
                GLOBALEVENTID="1002", Actor2Code="EUR", Actor2Name="EUROPE", Actor2CountryCode="EUR"
            ),
        ]
        ds, report = read_gdelt(stream(*rows))
        assert report.warnings == (
            (
                "line 1: actor country code 'EUR' is the CAMEO region 'Europe', not a country; "
                "its actors keep no country"
            ),
        )
        assert ds.actors["gdelt-eur-europe"].country is None

    def test_mentions_accounted_for(self) -> None:
        """Mentions of skipped or absent events are skipped with the mentions file named."""
        events = stream(event_row(), event_row(GLOBALEVENTID="7", EventCode="999"))
        mentions = stream(
            mention_row(),
            mention_row(GLOBALEVENTID="7"),
            mention_row(GLOBALEVENTID="8"),
            mention_row(),
            "x",
        )
        _, report = read_gdelt(events, mentions)
        assert [(s.file, s.line, s.reason) for s in report.skipped] == [
            ("", 2, "unknown CAMEO EventCode"),
            ("mentions", 2, "its event (events line 2) was skipped"),
            ("mentions", 3, "its event is not in the events file"),
            ("mentions", 4, "repeats line 1 exactly"),
            ("mentions", 5, "has 1 tab-separated fields, not 16"),
        ]
        assert report.rows == 7 == report.rows_in_events + len(report.skipped)

    def test_header_line_accepted(self) -> None:
        """A BigQuery-style header line is matched by name."""
        header = "\t".join(GDELT_EVENT_COLUMNS)
        ds, report = read_gdelt(stream(header, event_row()))
        assert report.rows == 1
        assert len(ds.events) == 1


class TestFormat:
    def test_gdelt1_refused(self) -> None:
        """A 57- or 58-column file is told apart as GDELT 1.0 and refused."""
        for width in (57, 58):
            with pytest.raises(GdeltFormatError) as exc:
                read_gdelt(stream("\t".join(["1"] * width)))
            assert "this is a GDELT 1.0 event file" in str(exc.value)
            assert exc.value.path == "line 1"

    def test_files_swapped(self) -> None:
        """A mentions file given as events, or the reverse, is named."""
        with pytest.raises(GdeltFormatError, match="a GDELT mentions file"):
            read_gdelt(stream(mention_row()))
        with pytest.raises(
            GdeltFormatError, match="a GDELT events file, not a mentions file"
        ) as exc:
            read_gdelt(stream(event_row()), stream(event_row()))
        assert exc.value.path == "mentions line 1"

    def test_empty(self) -> None:
        """An empty events file is refused, saying so."""
        with pytest.raises(GdeltFormatError, match="the events file is empty"):
            read_gdelt(io.BytesIO(b""))

    def test_no_rows_warned(self) -> None:
        """A header without rows gives an empty dataset and a warning."""
        _, report = read_gdelt(stream("\t".join(GDELT_EVENT_COLUMNS)))
        assert report.warnings == ("the events file has no rows",)

    def test_reader_streams_before_use(self) -> None:
        """Every actor, place and source comes before the first event using it."""
        seen: set[str] = set()
        reader = GdeltReader(stream(event_row()), stream(mention_row()))
        for record in reader:
            refs = getattr(record, "sources", ())
            assert all(r in seen for r in refs)
            seen.add(record.id)  # type: ignore[union-attr]
        assert reader.report.events == 1


@pytest.mark.skipif(not SAMPLE.is_dir(), reason="../shared/data/gdelt is not present")
class TestRealSample:
    def test_every_row_accounted_for(self) -> None:
        """The 100 events and 100 mentions of the sample: every row imported or reported."""
        ds, report = read_gdelt(SAMPLE / "events.sample.tab", SAMPLE / "mentions.sample.tab")
        assert report.rows == 200
        assert report.rows == report.rows_in_events + len(report.skipped)
        assert (report.events, len(report.skipped), len(report.altered)) == (76, 86, 0)
        assert (report.actors, report.places, report.sources) == (65, 102, 61)
        assert (
            sum(1 for s in report.skipped if s.reason == "its event is not in the events file")
            == 48
        )
        assert all(e.place for e in ds if e.place is not None)


class TestRobustness:
    def test_unreadable_first_row_is_a_skipped_row(self) -> None:
        """GDELT files have no header: a first line that is not UTF-8 is just a skipped row."""
        data = (
            b"\xff" + event_row(GLOBALEVENTID="9").encode() + b"\n" + event_row().encode() + b"\n"
        )
        ds, report = read_gdelt(io.BytesIO(data))
        assert [(s.line, s.reason) for s in report.skipped] == [(1, "is not valid UTF-8")]
        assert list(ds.events) == ["gdelt-1001"]

    def test_no_line_of_the_table(self) -> None:
        """A file none of whose lines has 61 fields is refused, not imported as nothing."""
        with pytest.raises(GdeltFormatError) as exc:
            read_gdelt(stream("a\tb", "c\td"))
        assert str(exc.value) == (
            "not a GDELT 2.0 events file: none of its 2 rows could be read as GDELT 2.0; the "
            "first: has 2 tab-separated fields, not the 61 of a GDELT 2.0 events file (got 2) "
            "at line 1"
        )

    def test_streams_in_bounded_memory(self) -> None:
        """The first event comes after a small part of a large file has been read."""
        rows = [event_row(GLOBALEVENTID=str(n)) for n in range(1, 2001)]
        data = ("\n".join(rows) + "\n").encode()

        class Counting(io.BytesIO):
            consumed = 0

            def read(self, size: int | None = -1) -> bytes:
                chunk = super().read(size)
                Counting.consumed += len(chunk)
                return chunk

        reader = GdeltReader(Counting(data))
        first = next(r for r in reader if isinstance(r, Event))
        assert first.id == "gdelt-1"
        assert Counting.consumed < len(data) / 5


class TestVariants:
    def test_place_chains_by_type(self) -> None:
        """Type 1 is a country, 2 a US state, 4 with two names a city in its country."""
        rows = [
            event_row(
                GLOBALEVENTID="1",
                ActionGeo_Type="1",
                ActionGeo_FullName="Japan",
                ActionGeo_CountryCode="JA",
            ),
            event_row(
                GLOBALEVENTID="2",
                ActionGeo_Type="2",
                ActionGeo_FullName="Idaho, United States",
                ActionGeo_CountryCode="US",
            ),
            event_row(
                GLOBALEVENTID="3", ActionGeo_FullName="Tokyo, Japan", ActionGeo_CountryCode="JA"
            ),
        ]
        ds, _ = read_gdelt(stream(*rows))

        def chain(event_id: str) -> list[tuple[str, str]]:
            out, place_id = [], ds.events[event_id].place
            while place_id is not None:
                place = ds.places[place_id]
                out.append((place.kind.value, place.name))
                place_id = place.part_of
            return out

        assert chain("gdelt-1") == [("country", "Japan")]
        assert chain("gdelt-2") == [("province", "Idaho"), ("country", "United States")]
        assert chain("gdelt-3") == [("city", "Tokyo"), ("country", "Japan")]
        assert ds.places[ds.events["gdelt-1"].place].point.precision is GeoPrecision.COUNTRY  # type: ignore[index,union-attr]

    def test_bad_geography_and_note_fields(self) -> None:
        """An unknown geo type or an empty name gives no place; a bad tone or DATEADDED is left out."""
        rows = [
            event_row(ActionGeo_Type="7", AvgTone="x", DATEADDED="soon"),
            event_row(GLOBALEVENTID="2", ActionGeo_FullName=" , "),
        ]
        ds, report = read_gdelt(stream(*rows))
        assert [(a.line, a.reason) for a in report.altered] == [
            (1, "ActionGeo_Type must be 0 to 5; no place"),
            (1, "AvgTone is not a number; dropped"),
            (2, "ActionGeo_FullName is empty; no place"),
        ]
        assert ds.events["gdelt-1001"].place is None
        assert ds.events["gdelt-1001"].note == (
            "GDELT event 1001 (root event); QuadClass 1; Goldstein 1.9; 4 mentions in 2 sources, 4 articles"
        )

    def test_one_actor_statement_and_shared_url(self) -> None:
        """A statement may have one actor; a SOURCEURL equal to a mention's URL makes no second source."""
        row = event_row(
            EventCode="010", EventBaseCode="010", EventRootCode="01",
            Actor2Code="", Actor2Name="", Actor2CountryCode="",
            SOURCEURL="https://example.org/a",
        )  # fmt: skip
        ds, _ = read_gdelt(stream(row), stream(mention_row()))
        statement = ds.events["gdelt-1001"]
        assert statement.actors() == ("gdelt-jpn",)
        assert len(statement.sources) == 1

    def test_citation_mention_and_translation(self) -> None:
        """A citation-only mention keeps its identifier in the note; a translation is noted."""
        mention = mention_row(
            MentionType="2",
            MentionIdentifier="BBC Monitoring",
            MentionDocTranslationInfo="srclc:fra",
        )
        ds, _ = read_gdelt(stream(event_row()), stream(mention))
        source = ds.sources[ds.events["gdelt-1001"].sources[0]]
        assert source.url is None
        assert "(citation only)" in (source.note or "")
        assert (source.note or "").endswith("; translated (srclc:fra); identifier BBC Monitoring")

    def test_slug_clash_renamed(self) -> None:
        """GLOBALEVENTIDs that slug alike ('7 8', '7-8') get distinct ids, the second reported."""
        ds, report = read_gdelt(
            stream(event_row(GLOBALEVENTID="7 8"), event_row(GLOBALEVENTID="7-8"))
        )
        assert len(ds.events) == 2
        assert report.altered[0].reason.startswith(
            "event id 'gdelt-7-8' was taken; imported as 'gdelt-7-8-"
        )

    def test_header_variants(self, tmp_path: Path) -> None:
        """A header missing a column is refused naming it; loosely written names are warned; paths work."""
        names = list(GDELT_EVENT_COLUMNS)
        with pytest.raises(
            GdeltFormatError, match=r"misses the GDELT 2\.0 events column 'SQLDATE'"
        ):
            read_gdelt(stream("\t".join(n for n in names if n != "SQLDATE")))
        events = tmp_path / "events.tab"
        mentions = tmp_path / "mentions.tab"
        events.write_text(
            "\t".join(n.lower() for n in names) + "\n\n" + event_row() + "\n", encoding="utf-8"
        )
        mentions.write_text(mention_row() + "\n", encoding="utf-8")
        ds, report = read_gdelt(events, mentions)
        assert len(ds.events) == 1
        assert report.warnings[0].startswith(
            "events file: header names differ from the GDELT 2.0 events names"
        )

    def test_sqldate_not_digits(self) -> None:
        """A SQLDATE written with dashes is reported, not guessed."""
        _, report = read_gdelt(
            stream(event_row(SQLDATE="2018-01-27"), event_row(GLOBALEVENTID="2"))
        )
        assert report.skipped[0].value == "2018-01-27"


class TestMore:
    def test_one_sided_meeting_and_no_place(self) -> None:
        """A consultation between two actors of one country is reported; Type 0 means no place."""
        rows = [
            event_row(
                EventCode="040", EventBaseCode="040",
                Actor2Code="JPNGOV", Actor2Name="JAPANESE GOVERNMENT", Actor2CountryCode="JPN",
            ),
            event_row(GLOBALEVENTID="2", ActionGeo_Type="0", QuadClass="9"),
        ]  # fmt: skip
        ds, report = read_gdelt(stream(*rows))
        assert [(s.line, s.reason) for s in report.skipped] == [
            (1, "a meeting needs two sides, but all actors are on one")
        ]
        assert ds.events["gdelt-2"].place is None
        assert [a.reason for a in report.altered] == ["QuadClass must be from 1 to 4; dropped"]

    def test_control_character_in_an_imported_row(self) -> None:
        """A control character in a field of an imported row is read as a space and the row reported."""
        ds, report = read_gdelt(stream(event_row(Actor1Name="JA\x07PAN", Actor1Code="JPNGOV")))
        assert ds.events["gdelt-1001"].participants[0].actor == "gdelt-jpngov-ja-pan"
        assert [(a.line, a.value) for a in report.altered] == [(1, "\x07")]

"""PLOVER import (PLOVER JSON and the gold-standard records) and PLOVER export."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from diplo_events import Dataset
from diplo_events.interop._importer import ImportFormatError
from diplo_events.interop._plover_markup import MarkedSpan, locate_spans, read_markup
from diplo_events.interop.plover import PloverReader, read_plover
from diplo_events.interop.plover_export import iter_plover, plover_record, write_plover
from diplo_events.model import Unbounded
from diplo_events.reference import load_reference

from .helpers import SHARED_DATA

GSR = SHARED_DATA / "plover" / "PLOVER_GSR_CAMEO.txt"


def _jsonl(*records: object) -> io.BytesIO:
    return io.BytesIO("\n".join(json.dumps(r) for r in records).encode())


def _record(**extra: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "ev-1",
        "date": "2018-01-28",
        "actor": [
            {"code": "JPN", "sector": "GOV", "entity_text": "Kono", "identifier_id": "Q1"},
        ],
        "recipient": [{"code": "CHN", "entity_text": "China"}],
        "event": ["CONSULT"],
        "mode": ["visit"],
        "context": ["diplomatic"],
        "event_loc": {
            "name": "Beijing",
            "geonameid": 1816670,
            "latitude": 39.9075,
            "longitude": 116.39723,
            "feature code": "PPLC",
            "country code": "CN",
        },
        "text": "Kono visited Beijing.",
        "text_info": {
            "start": 0,
            "end": 4,
            "spans": [{"start": 0, "end": 4}, {"start": 5, "end": 12}],
        },
        "cite_info": {"citation": "story-1", "title": "A story", "url": "https://example.org/1"},
    }
    record.update(extra)
    return record


class TestMarkup:
    def test_spans_of_the_plain_text(self) -> None:
        """Tags are removed; each span's offsets point into the plain text, other parens stay."""
        plain, spans, problems = read_markup(
            "The (SRC: APEC) (forum) (EVT: agreed) in (TAR: Tokyo)."
        )
        assert plain == "The APEC (forum) agreed in Tokyo."
        assert [plain[s.start : s.end] for s in spans] == ["APEC", "agreed", "Tokyo"]
        assert [s.tag for s in spans] == ["SRC", "EVT", "TAR"]
        assert problems == []

    def test_nested_and_combined_tags(self) -> None:
        """A span inside a span gives both; SRC/TAR is one tag."""
        plain, spans, _ = read_markup("(LOC: to (TAR: Bosnia)) and (SRC/TAR: Jordan)")
        assert plain == "to Bosnia and Jordan"
        assert {(s.tag, plain[s.start : s.end]) for s in spans} == {
            ("LOC", "to Bosnia"),
            ("TAR", "Bosnia"),
            ("SRC/TAR", "Jordan"),
        }

    def test_brace_closes_and_open_span_is_dropped(self) -> None:
        """A span ended by '}' is read as closed; one never closed is dropped; both reported."""
        plain, spans, problems = read_markup("(EVT: has sent} troops (EVT: thwarted in")
        assert plain == "has sent troops thwarted in"
        assert [plain[s.start : s.end] for s in spans] == ["has sent"]
        assert problems == [
            "the span (EVT: ...) ends with '}', read as ')'",
            "the span (EVT: thwarted in...) is not closed; dropped",
        ]

    def test_locate_in_a_different_text(self) -> None:
        """Quotes are found in the record's text, white space runs matching; lost ones reported."""
        spans = [MarkedSpan(tag="LOC", start=0, end=17), MarkedSpan(tag="SRC", start=18, end=24)]
        found, lost = locate_spans("near  the Samarra Isreal", spans, "bomb near the Samarra")
        assert found == [MarkedSpan(tag="LOC", start=5, end=21)]
        assert lost == ["the span (SRC: Isreal) is not in the text; dropped"]


class TestReadPlover:
    def test_one_record_in_full(self) -> None:
        """Actors, a visit, a nested place with its point, evidence and a cited source."""
        ds, report = read_plover(_jsonl(_record()))
        assert report.rows == 1
        assert report.events == 1
        assert report.skipped == ()
        event = ds.events["ev-1"]
        assert event.kind.value == "visit"
        assert [(p.actor, p.role.value, p.title) for p in event.participants] == [
            ("plover-wikidata-q1", "visitor", "Kono"),
            ("plover-chn", "host", "China"),
        ]
        assert str(event.when) == "2018-01-28"
        assert event.topics == ("diplomatic",)
        assert [e.quote for e in event.evidence] == ["Kono", "visited"]
        assert ds.actors["plover-wikidata-q1"].identifier("wikidata") == "Q1"
        place = ds.places[event.place or ""]
        assert place.id == "plover-place-chn-beijing"
        assert place.kind.value == "city"
        assert place.part_of == "plover-place-chn"
        assert place.point is not None
        assert (place.point.latitude, place.point.longitude, place.point.feature) == (
            39.9075,
            116.39723,
            "PPLC",
        )
        assert ds.sources["story-1"].url == "https://example.org/1"

    def test_sectors_make_organisations_inside_states(self) -> None:
        """A state code with a GOV sector is an organisation part of the state."""
        record = _record(actor=[{"code": "JAP", "sector": "GOV", "entity_text": "Tokyo"}])
        ds, report = read_plover(_jsonl(record))
        assert ds.actors["plover-jpn-gov"].part_of == "plover-jpn"
        assert ds.actors["plover-jpn"].kind.value == "state"
        assert [str(a) for a in report.altered] == [
            "line 1 (ev-1): actor code 'JAP' is not ISO 3166-1; read as 'JPN' (got 'JAP')"
        ]

    def test_bad_records_are_reported_not_fatal(self) -> None:
        """Each bad record is skipped with its line and reason; the rest are imported."""
        lines = [
            json.dumps(_record()),
            "[1, 2]",
            "{not json",
            json.dumps({"id": "x"}),
            json.dumps(_record(id="ev-2", event="AID")),
            json.dumps(_record(id="ev-3", date="2018-02-30")),
            json.dumps(_record()),
            json.dumps(_record(date="2018-02-01")),
            '{"id": "ev-4", "id": "ev-5"}',
            "",
        ]
        ds, report = read_plover(io.BytesIO("\n".join(lines).encode()))
        assert report.rows == 9
        assert report.rows == report.rows_in_events + len(report.skipped)
        assert [(s.line, s.reason) for s in report.skipped] == [
            (2, "a PLOVER record must be a JSON object"),
            (3, "is not valid JSON (Expecting property name enclosed in double quotes)"),
            (4, "has no PLOVER event type ('event')"),
            (5, "PLOVER type AID (material cooperation) has no diplo_events kind"),
            (6, "'date' is not a real date"),
            (7, "repeats the record on line 1"),
            (9, "an object repeats the key"),
        ]
        assert sorted(ds.events) == ["ev-1", "ev-1-d711c9"]
        assert [(a.line, a.reason) for a in report.altered] == [
            (8, "reuses the id of the record on line 1; kept as 'ev-1-d711c9'")
        ]

    def test_id_taken_by_a_place(self) -> None:
        """A record whose id a place already has keeps a suffixed id, reported."""
        ds, report = read_plover(_jsonl(_record(), _record(id="plover-place-chn")))
        assert sorted(ds.events) == ["ev-1", "plover-place-chn-164bc7"]
        assert [(a.line, a.reason) for a in report.altered] == [
            (2, "the id 'plover-place-chn' is taken; kept as 'plover-place-chn-164bc7'")
        ]

    def test_odd_values_are_dropped_and_reported(self) -> None:
        """Each odd value is dropped with a reason; records that cannot be events are skipped."""

        def rec(**extra: Any) -> dict[str, Any]:
            return {
                "id": "e",
                "date": "2018-01-28",
                "event": "ACCUSE",
                "actor": [{"code": "JPN"}],
            } | extra

        records = [
            rec(
                id="a",
                actor={"code": "JPN", "entity_text": "Tokyo"},
                recipient=[
                    5,
                    {"code": "XXX"},
                    {"sector": "GOV"},
                    {"code": "CHN", "identifier_id": "https://www.wikidata.org/wiki/Q148"},
                    {"code": "USA", "identifier_id": "nope"},
                ],
            ),
            rec(
                id="b",
                mode=["visit", 3],
                context=7,
                event_loc={
                    "name": "Paris",
                    "country code": "ZZ",
                    "latitude": "x",
                    "longitude": 2,
                    "geonameid": "abc",
                },
            ),
            rec(
                id="c",
                event_loc="Paris",
                text="Japan accuses.",
                text_info={"spans": [{"start": 0, "end": 5}, {"start": 9, "end": 99}, [1, 2]]},
            ),
            rec(id="d", event_loc={"name": "Iraq"}),
            rec(id="f", date="28 Jan 2018"),
            rec(id="g", enddate="2018-01-20"),
            rec(id="h", enddate="2018-01-28"),
            rec(id="i", date=None, enddate="2018-02-01", cite_info={"url": "ftp://x", "title": "T"}),
            rec(id="j", event=["CONSULT"]),
            rec(id="k", event=["CONSULT"], actor=[{"code": "JPN", "sector": "GOV"}, {"code": "JPN", "sector": "MIL"}]),
            rec(id="m", textInfo={"markup": "(SRC: Japan) (EVT: accuses)"}, text="Japan accuses", dateCoded="2016-01-01", date="2000-01-01"),
            rec(id="n", textInfo={"markup": "x"}, text="y", date="2000-01-01"),
            rec(id="o", event=["TELEPORT"]),
        ]  # fmt: skip
        ds, report = read_plover(_jsonl(*records))
        assert [(s.line, s.reason) for s in report.skipped] == [
            (5, "'date' must be a date written YYYY-MM-DD"),
            (6, "'enddate' is before 'date'"),
            (9, "a CONSULT needs two actors"),
            (10, "a meeting needs two sides, but all actors are on one"),
            (12, "has only the placeholder date and no 'dateCoded'"),
            (13, "'TELEPORT' is not a PLOVER event type"),
        ]
        assert [(a.line, a.reason) for a in report.altered] == [
            (1, "an actor that is not an object was dropped"),
            (1, "actor code 'XXX' is neither ISO 3166-1 alpha-3 nor a PLOVER code; dropped"),
            (1, "an actor with no code, Wikidata id or text was dropped"),
            (1, "an actor with no code, Wikidata id or text was dropped"),
            (1, "identifier_id is not a Wikidata id; dropped"),
            (2, "a mode that is not text was dropped"),
            (2, "event_loc's country code is not ISO 3166-1; dropped"),
            (2, "event_loc's coordinates are not valid WGS 84 degrees; dropped"),
            (2, "event_loc's geonameid is not a number; dropped"),
            (2, "'context' is neither a list nor text; ignored"),
            (3, "event_loc is not an object; dropped"),
            (3, "a text_info span outside the text was dropped"),
            (3, "a text_info span outside the text was dropped"),
            (8, "cite_info.url is not an http(s) URL; dropped"),
        ]
        assert [(e.id, str(e.when)) for e in ds] == [
            ("a", "2018-01-28"),
            ("b", "2018-01-28"),
            ("c", "2018-01-28"),
            ("d", "2018-01-28"),
            ("h", "2018-01-28"),
            ("i", "/2018-02-01"),
            ("m", "/2016-01-01"),
        ]
        assert [p.actor for p in ds.events["a"].participants] == [
            "plover-jpn",
            "plover-wikidata-q148",
            "plover-usa",
        ]
        assert [e.quote for e in ds.events["c"].evidence] == ["Japan"]
        assert ds.places["plover-place-irq"].kind.value == "country"
        assert ds.sources["i-text"].title == "T"

    def test_broken_array_is_a_format_error(self) -> None:
        """A JSON array that breaks off is not a PLOVER file: the error names the line."""
        with pytest.raises(ImportFormatError, match="line 2"):
            read_plover(io.BytesIO(b'[{"id": "a"},\n{"id": '))

    def test_text_files_and_long_lines(self) -> None:
        """Text file objects (JSON Lines and arrays) and lines longer than a read block."""
        rec = _record()
        for f in (
            io.StringIO(json.dumps(rec) + "\n" + json.dumps({**rec, "id": "b"})),
            io.StringIO(json.dumps([rec, {**rec, "id": "b"}], indent=1)),
            io.BytesIO(
                (
                    json.dumps(rec) + "\n" + json.dumps({**rec, "id": "b", "x": "x" * 100_000})
                ).encode()
            ),
        ):
            ds, report = read_plover(f)
            assert sorted(ds.events) == ["b", "ev-1"]
            assert report.skipped == ()

    def test_bad_lines_skipped(self) -> None:
        """Bad UTF-8, two values on a line, and nesting too deep are skipped rows."""
        data = (
            json.dumps(_record()).encode()
            + b"\n\xff\xfe\n"
            + b'{"a": 1} {"b": 2}\n'
            + b"[" * 100_000
            + b"\n"
        )
        _, report = read_plover(io.BytesIO(data))
        assert [(s.line, s.reason) for s in report.skipped] == [
            (2, "is not valid UTF-8"),
            (3, "holds more than one JSON value"),
            (4, "is not valid JSON (too deep)"),
        ]

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            (b'[\n{"id": "\xff"}]', "a JSON file must be UTF-8 (got b'\\xff') at line 2"),
            (b'[{"id": "a"} {"id": "b"}]', "is not valid JSON: ',' or ']' expected"),
            (b"[" * 100_000, "is nested too deeply"),
        ],
    )
    def test_broken_arrays(self, data: bytes, message: str) -> None:
        """A JSON array that is not UTF-8, misses a comma or nests too deep is a format error."""
        with pytest.raises(ImportFormatError) as info:
            read_plover(io.BytesIO(data))
        assert str(info.value).startswith(message)

    def test_reader_iterates_once(self) -> None:
        """A reader is a single pass."""
        reader = PloverReader(_jsonl(_record()))
        assert len(list(reader)) > 1
        with pytest.raises(ImportFormatError):
            list(reader)


@pytest.mark.skipif(not GSR.is_file(), reason="../shared/data/plover is not present")
class TestGoldStandardRecords:
    def test_every_record_accounted_for(self) -> None:
        """323 records: 294 events, 29 reported (1 documentation record, 28 material cooperation)."""
        ds, report = read_plover(GSR)
        assert (report.rows, report.events, len(report.skipped)) == (323, 294, 29)
        reasons = [s.reason for s in report.skipped]
        assert reasons.count("a documentation record of the file, not an event") == 1
        assert sum("material cooperation" in r for r in reasons) == 28
        assert len(ds.sources) == 294
        assert sum(len(e.evidence) for e in ds) == 1267

    def test_wrong_codes_corrected_and_reported(self) -> None:
        """JAP becomes JPN on the three records using it, each reported with its line."""
        ds, report = read_plover(GSR)
        jap = [a.line for a in report.altered if "'JAP'" in a.reason]
        assert jap == [31, 734, 4377]
        assert "plover-jap" not in ds.actors
        assert ds.actors["plover-jpn"].country == "JPN"

    def test_placeholder_date_not_used(self) -> None:
        """No event is dated 2000-01-01: each ends at its coding date, start unknown."""
        ds, _ = read_plover(GSR)
        assert all(e.when.start is Unbounded.UNKNOWN for e in ds)
        assert all("2000" not in str(e.when) for e in ds)
        assert str(ds.events["plover-gsr01-agree-0001"].when) == "/2016-12-19"

    def test_quotes_match_the_sentences(self) -> None:
        """The dataset checks evidence against the text; Hungarian and agreed are marked."""
        ds, _ = read_plover(GSR)
        event = ds.events["plover-gsr01-agree-0001"]
        assert event.kind.value == "agreement"
        assert [e.quote for e in event.evidence] == ["Hungarian", "Romanian", "agreed", "cooperate"]
        Dataset(
            sources=ds.sources.values(),
            actors=ds.actors.values(),
            places=ds.places.values(),
            events=ds.events.values(),
        )


def _round(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return list(iter_plover(read_plover(_jsonl(*records))[0]))


class TestExport:
    def test_record_fields(self) -> None:
        """One imported record exports the fields PLOVER holds."""
        ds, _ = read_plover(_jsonl(_record()))
        (record,) = iter_plover(ds)
        assert record["actor"] == [
            {
                "code": "JPN",
                "sector": "GOV",
                "entity_text": "Kono",
                "identifier_id": "Q1",
                "identifier_text": "Government (Japan)",
            }
        ]
        assert record["recipient"] == [{"code": "CHN", "entity_text": "China"}]
        assert record["event"] == ["CONSULT"]
        assert record["mode"] == ["visit"]
        assert record["event_loc"] == {
            "name": "Beijing",
            "geonameid": 1816670,
            "latitude": 39.9075,
            "longitude": 116.39723,
            "feature code": "PPLC",
            "cc3": "CHN",
        }
        assert record["text_info"] == {
            "start": 0,
            "end": 4,
            "spans": [{"start": 0, "end": 4}, {"start": 5, "end": 12}],
        }
        assert record["date"] == "2018-01-28"
        assert "enddate" not in record

    def test_month_becomes_first_and_last_day(self) -> None:
        """PLOVER dates are days: a month is written as date and enddate."""
        ds, _ = read_plover(_jsonl(_record(date="2018-01-01", enddate="2018-01-31")))
        (record,) = iter_plover(ds)
        assert (record["date"], record["enddate"]) == ("2018-01-01", "2018-01-31")

    def test_reference_round_trip(self) -> None:
        """Reference -> PLOVER -> records -> PLOVER keeps what PLOVER holds, then is a fixpoint."""
        skipped: list[tuple[str, str]] = []
        first = list(iter_plover(load_reference(), skipped))
        assert len(first) + len(skipped) == len(load_reference())
        second = _round(first)
        assert _round(second) == second
        keep = ("id", "date", "enddate", "event", "context", "event_loc", "text", "text_info")
        for a, b in zip(first, second, strict=True):
            assert {k: a.get(k) for k in keep} == {k: b.get(k) for k in keep}
            assert a["cite_info"]["title"] == b["cite_info"]["title"]

    @pytest.mark.skipif(not GSR.is_file(), reason="../shared/data/plover is not present")
    def test_gold_standard_round_trip(self) -> None:
        """The gold-standard records, once imported, export and re-import without change."""
        first = list(iter_plover(read_plover(GSR)[0]))
        assert len(first) == 294
        assert _round(first) == first

    def test_events_without_plover_type_are_named(self) -> None:
        """Reference statements with no code are left out and listed with the reason."""
        skipped: list[tuple[str, str]] = []
        list(iter_plover(load_reference(), skipped))
        assert (
            "japan-urges-china-on-north-korea",
            "a statement with no PLOVER event type (no PLOVER or CAMEO code)",
        ) in skipped

    def test_write_and_read_back(self, tmp_path: Path) -> None:
        """write_plover writes JSON Lines or a JSON array that read_plover loads."""
        ds = load_reference()
        for fmt in ("jsonl", "json"):
            out = tmp_path / f"out.{fmt}"
            result = write_plover(ds, out, format=fmt)
            back, report = read_plover(out)
            assert result.records == len(back.events) == report.events
            assert len(result.skipped) + result.records == len(ds)

    def test_no_type_reason(self) -> None:
        """plover_record says why an event has no record."""
        ds = load_reference()
        event = ds.events["japan-urges-china-on-north-korea"]
        reason = plover_record(event, actors=ds.actors, places=ds.places, sources=ds.sources)
        assert reason == "a statement with no PLOVER event type (no PLOVER or CAMEO code)"

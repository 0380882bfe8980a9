"""The reference dataset: complete against the article, anchored, shipped and reproducible."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Literal

import jsonschema
import pytest

from diplo_events import (
    Dataset,
    Dispute,
    EventKind,
    Evidence,
    Incident,
    Meeting,
    Role,
    Statement,
    Status,
    TimeSpan,
    Unbounded,
    Visit,
    codes,
)
from diplo_events.anchoring import coverage
from diplo_events.errors import QuoteError
from diplo_events.reference import DATA_FILE, SOURCE_ID, load_reference
from diplo_events.serialize import dumps, json_schema, loads

ROOT = Path(__file__).resolve().parent.parent
BUILDER_PATH = ROOT / "tools" / "build_reference.py"
PACKAGE_DATA = ROOT / "src" / "diplo_events" / "reference" / DATA_FILE
PUBLISHED = dt.date(2018, 2, 9)
ANTICIPATED = frozenset({Status.EXPECTED, Status.PLANNED, Status.PROPOSED, Status.HYPOTHETICAL})


def _load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_reference", BUILDER_PATH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


builder = _load_builder()


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_reference()


@pytest.fixture(scope="module")
def text(ds: Dataset) -> str:
    source_text = ds.sources[SOURCE_ID].text
    assert source_text is not None
    return source_text


def all_evidence(ds: Dataset) -> Iterator[tuple[str, Evidence]]:
    """Every evidence span of the dataset, with the path of its record."""
    for key, actor in ds.actors.items():
        for span in actor.evidence:
            yield f"actors[{key!r}]", span
    for i, membership in enumerate(ds.memberships):
        for span in membership.evidence:
            yield f"memberships[{i}]", span
    for key, place in ds.places.items():
        for span in place.evidence:
            yield f"places[{key!r}]", span
    for event in ds:
        for span in event.evidence:
            yield f"events[{event.id!r}]", span


# -- coverage (the rule: diplo_events.coverage, docs/concepts.md) ----------------------


def normalise(sentence: str) -> str:
    """Collapse every run of whitespace (no-break spaces included) to one space."""
    return " ".join(sentence.split())


ALLOWED_UNCOVERED: dict[str, str] = {
    "Sino-Japanese Ties and the Political Thaw in Northeast Asia": "the title: Source.title",
    "Photo Credit: Kyodo News": "the photo credit: Source.credit",
    "By Tai Wei Lim": "the byline: Source.authors",
    "Feb. 09, 2018 | | 0 comments": "the date line: Source.published; the count is page furniture",
    "It was a clear attempt and desire to reboot the bilateral relationship.": (
        "the author's reading of the 'fresh start' remark, which is encoded"
    ),
    "Their capacity and potential to cooperate and alleviate poverty in the world is tremendous.": (
        "opinion"
    ),
    "This can reverse the trust deficit between the two countries.": "opinion on a hoped-for effect",
    "North Korean remains an urgent issue around which both countries can strengthen their cooperation.": (
        "assessment introducing the paragraph whose facts are encoded"
    ),
    "There is a need to address this heightened sense of potential nuclear war breaking out in the region.": (
        "opinion"
    ),
    "There is a common rallying point for all three Northeast Asian countries in forging cooperation, which is the need to defuse the situation on the Korean Peninsula.": (
        "assessment"
    ),
    "China and Japan are also improving their relations with South Korea individually.": (
        "topic sentence; the two facts it sums up are encoded from the next two sentences"
    ),
    "There is therefore a level of inter-generational familiarity involved in the meeting of the ministers from both countries.": (
        "opinion; only its noun phrase 'the meeting of the ministers from both countries' is "
        "evidence (of the Kono-Wang meeting)"
    ),
    "Reciprocal visits by the top leaders of both countries hold strong symbolism for their future relations and will also create an atmosphere for officials to communicate with each other.": (
        "opinion on the visits; only its subject 'Reciprocal visits by the top leaders of both "
        "countries' is evidence (of the exchange visit)"
    ),
    "But the current agreement to meet trilaterally is timely, given a whole host of problems that require both countries to strengthen their cooperation with South Korea.": (
        "assessment; only 'the current agreement to meet trilaterally' is evidence (of the "
        "agreement)"
    ),
    "These two powers working in tandem with the US can bring peace and economic development to the region if they are willing to dialogue and talk about their differences and spot areas of complementarity.": (
        "opinion"
    ),
    "A lot is at stake here and a lot more can be accomplished with greater cooperation as well as cool-headed dialogue over regional differences.": (
        "opinion"
    ),
    "Leave a Reply": "comment-form boilerplate",
    "Your email address will not be published.": "comment-form boilerplate",
    "Required fields are marked *": "comment-form boilerplate",
}
"""Sentences that `coverage` leaves uncovered (less than half quoted as evidence), with the reason."""


# -- tests ----------------------------------------------------------------------------


class TestLoadReference:
    def test_returns_a_validated_dataset(self, ds: Dataset) -> None:
        """load_reference() gives a Dataset, which is validated on construction."""
        assert isinstance(ds, Dataset)
        assert repr(ds) == ("<Dataset: 1 sources, 27 actors, 11 memberships, 23 places, 56 events>")

    def test_is_cached(self) -> None:
        """A second call returns the same object instead of decoding again."""
        assert load_reference() is load_reference()

    def test_is_exported_at_the_top_level(self) -> None:
        """diplo_events.load_reference is the same function, when the package exports it."""
        import diplo_events

        if "load_reference" not in diplo_events.__all__:
            pytest.fail("diplo_events.__all__ does not export load_reference")
        assert diplo_events.load_reference is load_reference

    def test_equals_what_the_builder_builds(self, ds: Dataset) -> None:
        """The shipped data decode to exactly the records the builder makes."""
        assert ds == builder.build_dataset()


class TestSource:
    def test_attribution(self, ds: Dataset) -> None:
        """Title, author, date, language and photo credit are the article's."""
        source = ds.sources[SOURCE_ID]
        assert list(ds.sources) == [SOURCE_ID]
        assert source.title == "Sino-Japanese Ties and the Political Thaw in Northeast Asia"
        assert source.authors == ("Tai Wei Lim",)
        assert str(source.published) == "2018-02-09"
        assert source.language == "en"
        assert source.credit == "Photo Credit: Kyodo News"
        assert source.publisher is None
        assert source.url is None

    def test_text_is_the_article_exactly(self, text: str) -> None:
        """The text is the article byte for byte: 8,890 code points, no-break spaces kept."""
        article = (ROOT / "src" / "diplo_events" / "reference" / "article.txt").read_bytes()
        assert text.encode("utf-8") == article
        assert len(text) == 8890
        assert text.count("\u00a0") == 10
        assert "\u2014" in text
        assert "\u201cfresh start\u201d" in text


class TestEvidence:
    def test_every_quote_equals_the_text_at_its_offsets(self, ds: Dataset, text: str) -> None:
        """Actors, memberships, places and events: text[start:end] == quote, on this source."""
        spans = list(all_evidence(ds))
        assert len(spans) == 145
        for path, span in spans:
            assert span.source == SOURCE_ID, path
            assert text[span.start : span.end] == span.quote, path

    def test_every_event_and_membership_has_evidence(self, ds: Dataset) -> None:
        """No event and no membership is without a span of text stating it."""
        assert [e.id for e in ds if not e.evidence] == []
        assert [m for m in ds.memberships if not m.evidence] == []

    def test_every_place_except_background_countries_has_evidence(self, ds: Dataset) -> None:
        """Only the containing countries added for part_of chains lack evidence."""
        without = sorted(key for key, place in ds.places.items() if not place.evidence)
        assert without == ["china", "japan", "united-states"]


class TestCounts:
    def test_events_by_kind(self, ds: Dataset) -> None:
        """An accidental deletion or change of kind fails here."""
        counts = Counter(e.kind for e in ds)
        assert counts == {
            EventKind.MEETING: 12,
            EventKind.VISIT: 6,
            EventKind.AGREEMENT: 4,
            EventKind.DISPUTE: 6,
            EventKind.STATEMENT: 12,
            EventKind.INCIDENT: 16,
        }

    def test_events_by_status(self, ds: Dataset) -> None:
        """The statuses, anticipated and negated ones included."""
        counts = Counter(e.status for e in ds)
        assert counts == {
            Status.OCCURRED: 36,
            Status.ONGOING: 12,
            Status.EXPECTED: 2,
            Status.PLANNED: 2,
            Status.PROPOSED: 1,
            Status.HYPOTHETICAL: 1,
            Status.NEGATED: 1,
            Status.CANCELLED: 1,
        }

    def test_actors_places_and_memberships(self, ds: Dataset) -> None:
        """Actors by kind, places by kind, and the number of memberships."""
        assert Counter(a.kind.value for a in ds.actors.values()) == {
            "state": 7,
            "person": 11,
            "organization": 9,
        }
        assert Counter(p.kind.value for p in ds.places.values()) == {
            "country": 6,
            "city": 4,
            "district": 1,
            "venue": 1,
            "island": 2,
            "islands": 1,
            "peninsula": 1,
            "province": 1,
            "sea": 1,
            "maritime_area": 3,
            "region": 2,
        }
        assert len(ds.memberships) == 11

    def test_codes(self, ds: Dataset) -> None:
        """26 events carry a CAMEO code, and each of those a PLOVER type from the table."""
        coded = [e for e in ds if e.codes]
        assert len(coded) == 26
        assert sum(len(e.codes) for e in ds) == 50
        assert {e.status for e in coded} == {Status.OCCURRED, Status.ONGOING}

    def test_every_plover_type_is_the_tables(self, ds: Dataset) -> None:
        """Each event has one CAMEO code, and the PLOVER type the project's table maps it to."""
        for event in ds:
            if not event.codes:
                continue
            by_scheme = {c.scheme.value: c.code for c in event.codes}
            assert len(by_scheme) == len(event.codes), event.id
            expected = codes.plover_type(by_scheme["cameo"])
            assert by_scheme.get("plover") == expected, event.id


class TestCoverage:
    def test_the_splitter_finds_every_sentence(self, ds: Dataset, text: str) -> None:
        """Sentences are exact slices of the text; 'Feb. 09' does not end a sentence."""
        found = coverage(ds, SOURCE_ID).sentences
        assert len(found) == 62
        for sentence in found:
            assert text[sentence.start : sentence.end] == sentence.text
        assert normalise(found[4].text) == "Feb. 09, 2018 | | 0 comments"

    def test_every_fact_sentence_is_covered_by_evidence(self, ds: Dataset) -> None:
        """A sentence outside the allow-list less than half quoted as evidence is a gap."""
        report = coverage(ds, SOURCE_ID)
        assert report.threshold == 0.5
        gaps = [
            normalise(s.text)
            for s in report.uncovered
            if normalise(s.text) not in ALLOWED_UNCOVERED
        ]
        assert gaps == []

    def test_how_much_of_the_article_is_quoted(self, ds: Dataset) -> None:
        """5,561 of 7,436 non-whitespace code points lie in evidence; 20 of 62 sentences do not."""
        report = coverage(ds, SOURCE_ID)
        assert (report.covered_characters, report.characters) == (5561, 7436)
        assert (len(report.uncovered), len(report.sentences)) == (20, 62)

    def test_the_allow_list_is_exact(self, ds: Dataset) -> None:
        """Every allowed sentence is in the article, uncovered, and has a reason."""
        found = {normalise(s.text): s for s in coverage(ds, SOURCE_ID).sentences}
        for sentence, reason in ALLOWED_UNCOVERED.items():
            assert sentence in found, sentence
            share = found[sentence].share
            assert not found[sentence].covered, f"covered ({share:.0%}), remove it: {sentence}"
            assert reason.strip()


class TestTime:
    def test_anticipated_events_start_at_publication(self, ds: Dataset) -> None:
        """Expected, planned, proposed and hypothetical events start on the publication day."""
        found = [e for e in ds if e.status in ANTICIPATED]
        assert len(found) == 6
        for event in found:
            assert event.when.earliest == PUBLISHED, event.id
            assert event.when.is_interval, event.id

    def test_anticipated_events_have_an_open_end_unless_the_text_gives_one(
        self, ds: Dataset
    ) -> None:
        """Only the trilateral summit, 'in 2018', has a dated end."""
        ends = {e.id: e.when.end for e in ds if e.status in ANTICIPATED}
        dated = {key: str(end) for key, end in ends.items() if end is not Unbounded.OPEN}
        assert dated == {"trilateral-summit-2018": "2018"}

    def test_nothing_that_happened_lies_after_publication(self, ds: Dataset) -> None:
        """Occurred and ongoing events start no later than the publication date."""
        for event in ds:
            if event.status in {Status.OCCURRED, Status.ONGOING}:
                assert event.when.earliest is None or event.when.earliest <= PUBLISHED, event.id
                assert event.when.latest_start <= PUBLISHED, event.id

    def test_since_2012_is_a_negated_claim(self, ds: Dataset) -> None:
        """'has not happened since 2012' is a negated exchange visit from 2013 to publication."""
        claim = ds.events["xi-abe-exchange-visits-since-2012"]
        assert isinstance(claim, Visit)
        assert claim.status is Status.NEGATED
        assert claim.reciprocal
        assert claim.when == TimeSpan.parse("2013/2018-02-09")
        assert [e.quote for e in claim.evidence] == ["something that has not happened since 2012"]

    def test_exact_dates_from_the_text(self, ds: Dataset) -> None:
        """Days where the article gives days, as EDTF."""
        when = {
            key: str(ds.events[key].when)
            for key in (
                "kono-visit-beijing",
                "apec-summit-danang",
                "asean-summit-philippines",
                "kanasugi-kong-talks",
                "china-cancels-trilateral-meeting",
            )
        }
        assert when == {
            "kono-visit-beijing": "2018-01-27/2018-01-28",
            "apec-summit-danang": "2017-11-11/2017-11-12",
            "asean-summit-philippines": "2017-11-13/2017-11-14",
            "kanasugi-kong-talks": "2018-01-29",
            "china-cancels-trilateral-meeting": "2012",
        }

    def test_meetings_inside_the_visit(self, ds: Dataset) -> None:
        """The Beijing meetings, message and China's answer are part_of the visit, in its month."""
        inside = sorted(e.id for e in ds if e.part_of == "kono-visit-beijing")
        assert inside == [
            "china-announces-intention",
            "kono-li-meeting",
            "kono-message",
            "kono-wang-meeting",
            "kono-yang-meeting",
        ]
        visit = ds.events["kono-visit-beijing"]
        for key in inside:
            assert str(ds.events[key].when) == "2018-01"
            assert ds.events[key].when.possibly_within(visit.when)


class TestStructure:
    def test_the_follow_up_to_danang(self, ds: Dataset) -> None:
        """The Beijing visit follows up the Danang sidelines meeting, which is part of APEC."""
        visit = ds.events["kono-visit-beijing"]
        assert [(r.kind.value, r.target) for r in visit.relations] == [
            ("follows_up", "danang-sidelines-meeting")
        ]
        assert ds.events["danang-sidelines-meeting"].part_of == "apec-summit-danang"

    def test_disputes_and_their_incidents(self, ds: Dataset) -> None:
        """Each dispute has an incident or statement pointing to it."""
        disputes = [e for e in ds if isinstance(e, Dispute)]
        assert len(disputes) == 6
        targets = {r.target for e in ds for r in e.relations}
        assert [d.id for d in disputes if d.id not in targets] == []

    def test_the_islands_are_named_neutrally(self, ds: Dataset) -> None:
        """Both names with their users; claimants and administrator; no single country."""
        islands = ds.places["diaoyu-senkaku-islands"]
        assert islands.name == "Diaoyu/Senkaku Islands"
        assert "the Diaoyu/Senkaku islands" in (ds.sources[SOURCE_ID].text or "")
        assert islands.country is None
        assert {(n.name, n.used_by) for n in islands.names} == {
            ("Diaoyu", ("chn",)),
            ("Senkaku", ("jpn",)),
        }
        assert islands.claimed_by == ("chn", "jpn")
        assert islands.administered_by == ("jpn",)

    def test_the_unnamed_father(self, ds: Dataset) -> None:
        """Kono's father stays unnamed, as in the article."""
        father = ds.actors["kono-father"]
        assert father.name == "Father of Taro Kono"
        assert father.aliases == ("The Japanese Minister\u2019s father",)
        assert father.country is None

    def test_every_record_has_a_note_on_background_knowledge_where_used(self, ds: Dataset) -> None:
        """Country codes of states are marked as background knowledge in their notes."""
        for actor in ds.actors.values():
            if actor.kind.value == "state":
                assert actor.note is not None
                assert "background knowledge" in actor.note, actor.id


FORMATS: tuple[Literal["json", "jsonl"], ...] = ("json", "jsonl")


class TestRoundTrip:
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_round_trip_is_unchanged(self, ds: Dataset, fmt: Literal["json", "jsonl"]) -> None:
        """Dataset -> text -> Dataset is equal, and text -> Dataset -> text identical."""
        encoded = dumps(ds, format=fmt)
        again = loads(encoded, format=fmt)
        assert again == ds
        assert dumps(again, format=fmt) == encoded

    def test_the_shipped_file_is_canonical(self, ds: Dataset) -> None:
        """The package data file is exactly what dumps() writes for the loaded dataset."""
        assert dumps(ds).encode("utf-8") == PACKAGE_DATA.read_bytes()


class TestBuilder:
    def test_reproduces_the_shipped_file_byte_for_byte(self) -> None:
        """Rebuilding gives exactly the bytes of the package data file."""
        assert builder.render(builder.build_dataset()) == PACKAGE_DATA.read_bytes()

    def test_check_mode_passes_on_the_shipped_file(self) -> None:
        """`--check` exits 0 when the shipped file is up to date."""
        assert builder.main(["--check"]) == 0

    def test_check_mode_fails_on_a_stale_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """`--check` exits 1 when the file differs, and when it is missing."""
        stale = tmp_path / "reference.json"
        stale.write_bytes(PACKAGE_DATA.read_bytes().replace(b"Kono", b"Kano", 1))
        monkeypatch.setattr(builder, "DATA_PATH", stale)
        assert builder.main(["--check"]) == 1
        monkeypatch.setattr(builder, "DATA_PATH", tmp_path / "missing.json")
        assert builder.main(["--check"]) == 1

    def test_writes_the_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without `--check` it writes the data file, identical to the shipped one."""
        target = tmp_path / "reference.json"
        monkeypatch.setattr(builder, "DATA_PATH", target)
        assert builder.main([]) == 0
        assert target.read_bytes() == PACKAGE_DATA.read_bytes()

    def test_rejects_another_article(self, tmp_path: Path) -> None:
        """The article is checked by its SHA-256 before anything is built."""
        other = tmp_path / "article.txt"
        other.write_text("Sino-Japanese Ties\n", encoding="utf-8")
        with pytest.raises(
            ValueError, match=r"is not the reference article \(sha256 [0-9a-f]{64}\)"
        ):
            builder.build_dataset(article_path=other)


def _draft_spans(value: object) -> Iterator[dict[str, object]]:
    """Every evidence object of a draft, found by its key wherever it is nested."""
    if isinstance(value, list):
        for item in value:
            yield from _draft_spans(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key == "evidence":
                yield from item
            else:
                yield from _draft_spans(item)


@pytest.fixture
def draft() -> dict[str, object]:
    data: dict[str, object] = json.loads(builder.DRAFT_PATH.read_text(encoding="utf-8"))
    return data


class TestDraft:
    def test_quotes_without_offsets(self, draft: dict[str, object]) -> None:
        """The draft gives quotes (and an occurrence where a quote repeats): no offsets, no source."""
        spans = list(_draft_spans(draft))
        assert len(spans) == 145
        assert {key for span in spans for key in span} == {"quote", "occurrence"}

    def test_the_draft_is_valid_against_the_draft_schema(self, draft: dict[str, object]) -> None:
        """The draft schema accepts it; the schema of a finished document does not (no offsets)."""
        jsonschema.validate(draft, json_schema(draft=True))
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(draft, json_schema())

    def test_an_occurrence_only_where_the_quote_repeats(
        self, draft: dict[str, object], text: str
    ) -> None:
        """A unique quote has no occurrence; a repeated one says which (1-based)."""
        for span in _draft_spans(draft):
            quote = span["quote"]
            assert isinstance(quote, str)
            count = len(re.findall(f"(?={re.escape(quote)})", text))
            if count == 1:
                assert "occurrence" not in span, quote
            else:
                assert span.get("occurrence") in range(1, count + 1), quote

    def test_every_record_of_the_dataset_comes_from_the_draft(
        self, draft: dict[str, object], ds: Dataset
    ) -> None:
        """Same records in the same order: the draft differs from the data only in offsets."""
        shipped = json.loads(PACKAGE_DATA.read_text(encoding="utf-8"))
        for span in _draft_spans(shipped):
            assert span.pop("source") == SOURCE_ID
            del span["start"], span["end"]
        for span in _draft_spans(draft):
            span.pop("occurrence", None)
        assert shipped == draft

    def test_a_quote_not_in_the_text_is_reported_with_its_path(
        self, draft: dict[str, object], tmp_path: Path
    ) -> None:
        """A misquote in the draft stops the build, with the span's path and the nearest text."""
        events = draft["events"]
        assert isinstance(events, list)
        (index,) = [i for i, e in enumerate(events) if e["id"] == "kono-wang-meeting"]
        span = events[index]["evidence"][0]
        span["quote"] = span["quote"].replace("hosted at the", "hosted in the")
        bad = tmp_path / "draft.json"
        bad.write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(QuoteError) as caught:
            builder.build_dataset(bad)
        assert [p.path for p in caught.value.problems] == [f"events[{index}].evidence[0].quote"]
        assert "[Kono was hosted at the Diaoyutai State Guesthouse" in str(caught.value)

    def test_the_drafts_text_must_be_the_article(self, tmp_path: Path) -> None:
        """A draft whose source text is not the article is refused, even if it anchors."""
        other = tmp_path / "draft.json"
        other.write_text(
            builder.DRAFT_PATH.read_text(encoding="utf-8").replace("0 comments", "1 comment", 1),
            encoding="utf-8",
        )
        with pytest.raises(
            ValueError, match=r"^the text of source 'lim-2018-sino-japanese-ties' in "
        ):
            builder.build_dataset(other)


class TestAudit:
    """The decisions on the independent annotator's audit (issue 15); see the dataset card."""

    def test_the_cancelled_meeting_is_not_dated_by_its_cancellation(self, ds: Dataset) -> None:
        """The meeting: due 2012 or later, no setting; the cancelling: 2012, by China."""
        meeting = ds.events["trilateral-meeting-cancelled"]
        assert isinstance(meeting, Meeting)
        assert (str(meeting.when), meeting.status, meeting.setting.value) == (
            "2012/..",
            Status.CANCELLED,
            "standalone",
        )
        act = ds.events["china-cancels-trilateral-meeting"]
        assert isinstance(act, Incident)
        assert (str(act.when), act.status) == ("2012", Status.OCCURRED)
        assert [(p.actor, p.role) for p in act.participants] == [("chn", Role.INITIATOR)]
        assert {(r.kind.value, r.target) for r in act.relations} == {
            ("caused_by", "diaoyu-senkaku-dispute"),
            ("related_to", "trilateral-meeting-cancelled"),
            ("related_to", "china-japan-rift-2012"),
        }

    def test_the_omissions_are_encoded(self, ds: Dataset) -> None:
        """Both Koreas rally; China and Japan ease their tensions; the investors; the 2012 links."""
        rally = ds.events["inter-korean-olympic-rapprochement"]
        assert {p.actor for p in rally.participants} == {"prk", "kor"}
        assert rally.status is Status.OCCURRED
        thaw = ds.events["china-japan-tensions"]
        assert isinstance(thaw, Dispute)
        assert (thaw.state.value, thaw.status) == ("easing", Status.ONGOING)
        for key in ("chn", "jpn"):
            quotes = [e.quote for e in ds.actors[key].evidence]
            assert "both countries are the top two investors of each other" in quotes
        claim = ds.events["xi-abe-exchange-visits-since-2012"]
        assert [(r.kind.value, r.target) for r in claim.relations] == [
            ("related_to", "china-japan-rift-2012")
        ]

    def test_roles_that_took_one_side(self, ds: Dataset) -> None:
        """Overflown and other claimant are subjects, not targets; meetings have participants."""
        for key in ("icbm-overflights-hokkaido", "chinese-submarine-contested-waters"):
            roles = {p.actor: p.role for p in ds.events[key].participants}
            assert roles["jpn"] is Role.SUBJECT, key
        submarine = ds.events["chinese-submarine-contested-waters"]
        assert isinstance(submarine, Incident)
        assert submarine.category.value == "other"
        assert ds.places["china-japan-contested-waters"].part_of is None
        meeting_roles = {p.role for e in ds if isinstance(e, Meeting) for p in e.participants}
        assert Role.PARTY not in meeting_roles

    def test_this_event_is_the_summit_and_has_no_addressee(self, ds: Dataset) -> None:
        """'It was at this event' reads as the APEC summit; nobody is named as addressed."""
        remark = ds.events["abe-fresh-start"]
        assert isinstance(remark, Statement)
        assert remark.part_of == "apec-summit-danang"
        assert [p.role for p in remark.participants] == [Role.SPEAKER]

    def test_aliases_are_the_articles(self, ds: Dataset, text: str) -> None:
        """Every alias is written in the article (as a whole word, in any case)."""
        for actor in ds.actors.values():
            for alias in actor.aliases:
                assert re.search(rf"\b{re.escape(alias)}\b", text, re.IGNORECASE), (actor.id, alias)
        assert ds.actors["shinzo-abe"].aliases == ()
        assert ds.actors["donald-trump"].aliases == ()


class TestInstalledWheel:
    def test_load_reference_from_an_installed_wheel(self, tmp_path: Path) -> None:
        """Built as a wheel and installed elsewhere, the package still finds its data."""
        wheels = tmp_path / "wheels"
        target = tmp_path / "site"
        build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels)]
        if importlib.util.find_spec("hatchling") is not None:
            build.append("--no-build-isolation")  # faster, and works offline
        subprocess.run([*build, str(ROOT)], check=True, capture_output=True)
        (wheel,) = wheels.glob("diplo_events-*.whl")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--no-deps",
                "-q",
                "--target",
                str(target),
                str(wheel),
            ],
            check=True,
            capture_output=True,
        )
        script = (
            "import diplo_events.reference as r, pathlib, sys\n"
            f"assert pathlib.Path(r.__file__).is_relative_to({str(target)!r}), r.__file__\n"
            "ds = r.load_reference()\n"
            "print(len(ds), len(ds.actors), next(iter(ds.sources.values())).title)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", script],
            check=True,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        )
        assert result.stdout == (
            "56 27 Sino-Japanese Ties and the Political Thaw in Northeast Asia\n"
        )

"""Unit tests for the records' own checks (one validation pass per record)."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from diplo_events import (
    Actor,
    ActorKind,
    Agreement,
    Dispute,
    Event,
    EventCode,
    EventKind,
    Evidence,
    Incident,
    Meeting,
    Membership,
    Participant,
    Place,
    PlaceName,
    Relation,
    Role,
    Source,
    Statement,
    Status,
    TimeSpan,
    ValidationError,
    Visit,
)

WHEN = TimeSpan.parse("2018-01-29")
TWO = [Participant(actor="jpn", role="party"), Participant(actor="chn", role="party")]


def problems(exc: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in exc.value.problems]


def common(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "ev-1",
        "summary": "Talks.",
        "participants": TWO,
        "when": WHEN,
        "status": "occurred",
    }
    base.update(changes)
    return base


class TestActor:
    def test_valid_actor_normalises_inputs(self) -> None:
        """Strings become enum members, lists tuples and identifier dicts sorted pairs."""
        actor = Actor(
            id="jpn",
            name="Japan",
            kind="state",
            aliases=["Nippon"],
            country="JPN",
            identifiers={"wikidata": "Q17", "cameo": "JPN"},
        )
        assert actor.kind is ActorKind.STATE
        assert actor.aliases == ("Nippon",)
        assert actor.identifiers == (("cameo", "JPN"), ("wikidata", "Q17"))
        assert actor.identifier("wikidata") == "Q17"
        assert actor.identifier("gdelt") is None
        assert hash(actor) == hash(attrs.evolve(actor))

    def test_every_bad_field_reported(self) -> None:
        """All problems come at once, each with its field path."""
        with pytest.raises(ValidationError) as exc:
            Actor(
                id="Japan!",
                name=" ",
                kind="country",
                aliases="Nippon",
                country="JAP",
                identifiers={"wikidata": "17", "Bad": "x"},
                note=3,  # type: ignore[arg-type]
                evidence=[1],
            )
        assert problems(exc) == [
            (
                "id",
                "must be an id: lower-case letters and digits in words joined by '-', at most 100 characters",
            ),
            ("name", "must not be blank"),
            ("kind", "must be one of 'state', 'person', 'organization', 'group'"),
            ("aliases", "must be a sequence (not a string)"),
            ("country", "must be an ISO 3166-1 alpha-3 country code such as 'JPN'"),
            ("identifiers[0]", "scheme must be a lower-case name such as 'wikidata'"),
            ("identifiers['wikidata']", "must be a Wikidata item id such as 'Q17'"),
            ("note", "must be a string"),
            ("evidence[0]", "must be an Evidence"),
        ]

    def test_identifier_pairs_checked(self) -> None:
        """Identifier pairs must be (scheme, value) with unique schemes."""
        with pytest.raises(ValidationError) as exc:
            Actor(
                id="a",
                name="A",
                kind="group",
                identifiers=[("icews", "1"), ("icews", "2"), ("x",), 5],
            )
        assert problems(exc) == [
            ("identifiers[1]", "scheme is repeated"),
            ("identifiers[2]", "must be a (scheme, value) pair"),
            ("identifiers[3]", "must be a (scheme, value) pair"),
        ]
        with pytest.raises(ValidationError, match="must be a sequence"):
            Actor(id="a", name="A", kind="group", identifiers=5)

    def test_part_of(self) -> None:
        """An organisation can be part of another; not of itself."""
        bureau = Actor(id="bureau", name="Bureau", kind="organization", part_of="mofa")
        assert bureau.part_of == "mofa"
        with pytest.raises(ValidationError) as exc:
            Actor(id="mofa", name="MOFA", kind="organization", part_of="mofa")
        assert problems(exc) == [("part_of", "must not be the actor itself")]

    def test_repeated_alias(self) -> None:
        """Aliases are unique."""
        with pytest.raises(ValidationError) as exc:
            Actor(id="a", name="A", kind="group", aliases=["x", "x"])
        assert problems(exc) == [("aliases[1]", "is repeated")]

    def test_long_id_rejected(self) -> None:
        """Ids are at most 100 characters."""
        Actor(id="a" * 100, name="A", kind="group")
        with pytest.raises(ValidationError, match="at most 100"):
            Actor(id="a" * 101, name="A", kind="group")


class TestMembership:
    def test_person_and_organization_differ(self) -> None:
        """A membership links two different actors and checks its span type."""
        with pytest.raises(ValidationError) as exc:
            Membership(person="x", organization="x", title="", when="2018", evidence=5)  # type: ignore[arg-type]
        assert problems(exc) == [
            ("organization", "must differ from 'person'"),
            ("title", "must not be blank"),
            ("when", "must be a TimeSpan or None"),
            ("evidence", "must be a sequence (not a string)"),
        ]


class TestPlace:
    def test_disputed_place(self) -> None:
        """Names record who uses them; claims and administration are actor ids."""
        place = Place(
            id="islands",
            name="Senkaku/Diaoyu Islands",
            kind="islands",
            names=[PlaceName(name="Senkaku", used_by=["jpn"], lang="ja")],
            claimed_by=["chn", "jpn"],
            administered_by=["jpn"],
        )
        assert place.names[0].used_by == ("jpn",)

    def test_bad_place(self) -> None:
        """Self part_of, bad names and repeated claimants are reported."""
        with pytest.raises(ValidationError) as exc:
            Place(
                id="p",
                name="P",
                kind="planet",
                part_of="p",
                names=["x"],
                claimed_by=["a", "a"],
                administered_by=["B"],
            )
        assert problems(exc) == [
            (
                "kind",
                (
                    "must be one of 'country', 'region', 'province', 'city', 'district', 'venue', "
                    "'sea', 'maritime_area', 'island', 'islands', 'peninsula', 'other'"
                ),
            ),
            ("names[0]", "must be a PlaceName"),
            ("part_of", "must not be the place itself"),
            ("claimed_by[1]", "is repeated"),
            (
                "administered_by[0]",
                "must be an id: lower-case letters and digits in words joined by '-', at most 100 characters",
            ),
        ]

    def test_place_identifiers(self) -> None:
        """Places carry identifiers like actors: sorted pairs, Wikidata ids checked."""
        place = Place(
            id="beijing",
            name="Beijing",
            kind="city",
            identifiers={"wikidata": "Q956", "geonames": "1816670"},
        )
        assert place.identifiers == (("geonames", "1816670"), ("wikidata", "Q956"))
        assert place.identifier("wikidata") == "Q956"
        assert place.identifier("osm") is None
        with pytest.raises(ValidationError) as exc:
            Place(id="beijing", name="Beijing", kind="city", identifiers={"wikidata": "956"})
        assert problems(exc) == [
            ("identifiers['wikidata']", "must be a Wikidata item id such as 'Q17'")
        ]

    def test_bad_place_name(self) -> None:
        """A place name checks its language tag and users."""
        with pytest.raises(ValidationError) as exc:
            PlaceName(name="Senkaku", used_by=["jpn"], lang="Japanese")
        assert problems(exc) == [("lang", "must be a language tag such as 'ja' or 'zh-Hans'")]


class TestSourceAndEvidence:
    def test_bad_source(self) -> None:
        """Sources check url, date type, language and text type."""
        with pytest.raises(ValidationError) as exc:
            Source(
                id="s",
                title="T",
                authors=["A", ""],
                url="ftp://x",
                published="2018",  # type: ignore[arg-type]
                language="english!",
                text=b"x",  # type: ignore[arg-type]
            )
        assert problems(exc) == [
            ("authors[1]", "must not be blank"),
            ("published", "must be a PartialDate or None"),
            ("url", "must be an http(s) URL without spaces"),
            ("language", "must be a language tag such as 'ja' or 'zh-Hans'"),
            ("text", "must be a string or None"),
        ]

    def test_evidence_quote_length_counts_code_points(self) -> None:
        """The quote is end - start code points long: an emoji counts as one."""
        Evidence(source="s", start=0, end=3, quote="a\U0001f600b")
        with pytest.raises(ValidationError) as exc:
            Evidence(source="s", start=0, end=4, quote="a\U0001f600b")
        assert problems(exc) == [("quote", "must be end - start = 4 code points long")]

    def test_bad_offsets(self) -> None:
        """Offsets are non-negative integers with end after start; context is non-empty."""
        with pytest.raises(ValidationError) as exc:
            Evidence(source="s", start=-1, end=True, quote="", prefix="", suffix=3)  # type: ignore[arg-type]
        assert problems(exc) == [
            ("start", "must be an integer >= 0"),
            ("end", "must be an integer >= 0"),
            ("quote", "must be a non-empty string"),
            ("prefix", "must be a non-empty string or None"),
            ("suffix", "must be a non-empty string or None"),
        ]
        with pytest.raises(ValidationError) as exc:
            Evidence(source="s", start=5, end=5, quote="x")
        assert problems(exc) == [("end", "'end' must be after 'start'")]


class TestEvents:
    def test_event_is_abstract(self) -> None:
        """The base class cannot be instantiated."""
        with pytest.raises(ValidationError, match="Event is the abstract base"):
            Event(**common())

    def test_kind_is_a_class_attribute(self) -> None:
        """Each class carries its kind."""
        assert [c.kind for c in (Meeting, Visit, Agreement, Dispute, Statement, Incident)] == list(
            EventKind
        )

    def test_common_fields_checked(self) -> None:
        """Every common field is checked in one pass."""
        with pytest.raises(ValidationError) as exc:
            Incident(
                id="ev-1",
                summary="",
                participants=[],
                when="2018",  # type: ignore[arg-type]
                status="done",
                category="explosion",
                place="Tokyo",
                topics=["a", "a"],
                part_of="ev-1",
                relations=[Relation(kind="related_to", target="ev-1")],
                codes=[1],
                note="",
            )
        assert problems(exc) == [
            ("summary", "must not be blank"),
            ("participants", "must name at least one participant"),
            ("when", "must be a TimeSpan"),
            (
                "status",
                (
                    "must be one of 'occurred', 'ongoing', 'planned', 'expected', 'proposed', "
                    "'cancelled', 'postponed', 'hypothetical', 'denied', 'negated'"
                ),
            ),
            (
                "place",
                "must be an id: lower-case letters and digits in words joined by '-', at most 100 characters",
            ),
            ("topics[1]", "is repeated"),
            ("part_of", "must not be the event itself"),
            ("relations[0].target", "must not be the event itself"),
            ("codes[0]", "must be an EventCode"),
            ("note", "must not be blank"),
            (
                "category",
                (
                    "must be one of 'missile_launch', 'nuclear_test', 'maritime_incursion', "
                    "'airspace_incursion', 'military_deployment', 'military_exercise', 'false_alarm', "
                    "'sanction', 'abduction', 'cyber_operation', 'protest', 'other'"
                ),
            ),
        ]

    def test_sources(self) -> None:
        """Sources that report an event are ids, without repeats."""
        meeting = Meeting(**common(sources=["icews-story-1"]), format="bilateral")
        assert meeting.sources == ("icews-story-1",)
        with pytest.raises(ValidationError) as exc:
            Meeting(**common(sources=["s-1", "s-1", "Bad"]), format="bilateral")
        assert problems(exc) == [
            ("sources[1]", "is repeated"),
            (
                "sources[2]",
                "must be an id: lower-case letters and digits in words joined by '-', at most 100 characters",
            ),
        ]

    def test_repeated_participant(self) -> None:
        """The same actor in the same role twice is reported."""
        with pytest.raises(ValidationError) as exc:
            Meeting(**common(participants=[*TWO, TWO[0]]), format="bilateral")
        assert problems(exc) == [
            ("participants[2]", "repeats participants[0] (same actor and role)")
        ]

    def test_meeting_needs_two(self) -> None:
        """A meeting has at least two participants."""
        with pytest.raises(ValidationError) as exc:
            Meeting(**common(participants=TWO[:1]), format="bilateral", setting="corridor")
        assert problems(exc) == [
            ("setting", "must be one of 'standalone', 'sidelines', 'summit', 'phone', 'video'"),
            ("participants", "a meeting needs at least two participants"),
        ]

    def test_visit_needs_visitor_and_host(self) -> None:
        """A visit has a visitor and a host, who differ."""
        with pytest.raises(ValidationError) as exc:
            Visit(**common(participants=TWO))
        assert problems(exc) == [
            ("participants", "a visit needs a participant with role 'visitor'"),
            ("participants", "a visit needs a participant with role 'host'"),
        ]
        with pytest.raises(ValidationError) as exc:
            Visit(
                **common(
                    participants=[
                        Participant(actor="jpn", role="visitor"),
                        Participant(actor="jpn", role="host"),
                    ]
                ),
                reciprocal=1,  # type: ignore[arg-type]
            )
        assert problems(exc) == [
            ("reciprocal", "must be true or false"),
            ("participants", "an actor cannot both visit and host"),
        ]

    def test_dispute_needs_two_parties(self) -> None:
        """A dispute has two parties or claimants, a subject and a state."""
        with pytest.raises(ValidationError) as exc:
            Dispute(
                **common(
                    participants=[
                        Participant(actor="jpn", role="party"),
                        Participant(actor="chn", role="observer"),
                    ]
                ),
                subject="",
                state="frozen",
                subject_places=["X"],
            )
        assert problems(exc) == [
            ("subject", "must not be blank"),
            ("state", "must be one of 'active', 'dormant', 'easing', 'resolved'"),
            (
                "subject_places[0]",
                "must be an id: lower-case letters and digits in words joined by '-', at most 100 characters",
            ),
            (
                "participants",
                "a dispute needs at least two participants with role 'party' or 'claimant'",
            ),
        ]

    def test_statement_needs_speaker(self) -> None:
        """A statement has a speaker."""
        with pytest.raises(ValidationError) as exc:
            Statement(**common(), stance="friendly")
        assert problems(exc) == [
            ("stance", "must be one of 'cooperative', 'neutral', 'hostile'"),
            ("participants", "a statement needs a participant with role 'speaker'"),
        ]

    def test_agreement(self) -> None:
        """An agreement has a stage, terms and two participants."""
        agreement = Agreement(**common(), stage="agreed", terms=["meet trilaterally"])
        assert agreement.terms == ("meet trilaterally",)
        with pytest.raises(ValidationError) as exc:
            Agreement(**common(participants=TWO[:1]), stage="done", terms=[""])
        assert problems(exc) == [
            (
                "stage",
                (
                    "must be one of 'proposed', 'agreed', 'signed', 'in_force', 'suspended', "
                    "'terminated', 'abandoned'"
                ),
            ),
            ("terms[0]", "must not be blank"),
            ("participants", "an agreement needs at least two participants"),
        ]

    def test_helpers(self) -> None:
        """actors() and with_role() list actor ids without repeats."""
        visit = Visit(
            **common(
                participants=[
                    Participant(actor="kono", role="visitor"),
                    Participant(actor="chn", role="host"),
                    Participant(actor="kono", role="speaker"),
                ]
            )
        )
        assert visit.actors() == ("kono", "chn")
        assert visit.with_role(Role.HOST, "visitor") == ("kono", "chn")
        with pytest.raises(ValidationError, match="must be one of"):
            visit.with_role("king")
        assert visit.status is Status.OCCURRED

    def test_codes(self) -> None:
        """Codes have a scheme and a code of the right shape, without repeats."""
        code = EventCode(scheme="cameo", code="042")
        Visit(
            **common(
                participants=[
                    Participant(actor="kono", role="visitor"),
                    Participant(actor="chn", role="host"),
                ]
            ),
            codes=[code],
        )
        with pytest.raises(ValidationError) as exc:
            Meeting(**common(), format="bilateral", codes=[code, code])
        assert [p[0] for p in problems(exc)] == ["codes[1]"]
        assert problems(exc)[0][1] == "is repeated"
        with pytest.raises(ValidationError) as exc:
            EventCode(scheme="cameo", code="42a")
        assert problems(exc) == [("code", "must be a CAMEO code: 2 to 4 digits, as text ('042')")]
        with pytest.raises(ValidationError) as exc:
            EventCode(scheme="plover", code="consult")
        assert problems(exc) == [("code", "must be a PLOVER event type in capitals ('CONSULT')")]
        with pytest.raises(ValidationError) as exc:
            EventCode(scheme="gdelt", code="042")
        assert problems(exc) == [("scheme", "must be one of 'cameo', 'plover'")]

    def test_participant_and_relation(self) -> None:
        """Participants and relations check their own fields."""
        with pytest.raises(ValidationError) as exc:
            Participant(actor="kono", role="guest", title="", on_behalf_of="kono")
        assert problems(exc) == [
            (
                "role",
                (
                    "must be one of 'host', 'visitor', 'party', 'claimant', 'speaker', 'addressee', "
                    "'initiator', 'target', 'mediator', 'signatory', 'observer', 'participant', 'subject'"
                ),
            ),
            ("title", "must not be blank"),
            ("on_behalf_of", "must differ from 'actor'"),
        ]
        with pytest.raises(ValidationError) as exc:
            Relation(kind="causes", target="")
        assert [p.path for p in exc.value.problems] == ["kind", "target"]

    def test_records_are_frozen(self) -> None:
        """Records cannot be changed in place; evolve makes a checked copy."""
        meeting = Meeting(**common(), format="bilateral")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            meeting.summary = "x"  # type: ignore[misc]
        with pytest.raises(ValidationError):
            attrs.evolve(meeting, format="bad")

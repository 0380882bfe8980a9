"""Tests for `diplo_events.query` (and the indexes of `diplo_events._index` behind it)."""

from __future__ import annotations

import datetime as dt
import gc

import attrs
import pytest

import diplo_events as de
from diplo_events import (
    Actor,
    Agreement,
    Dataset,
    Dispute,
    Event,
    EventKind,
    Evidence,
    Incident,
    Meeting,
    Membership,
    Participant,
    Place,
    Relation,
    Source,
    Statement,
    Status,
    TimeSpan,
    ValidationError,
    Visit,
)
from diplo_events._index import OPEN_AFTER, OPEN_BEFORE, get_index, span_ordinals

from .helpers import collections

TEXT = "Kono met Wang in Beijing. China and Japan argue over islands."


def build_dataset() -> Dataset:
    """A small dataset exercising every condition: sides, memberships, place chains, open spans."""
    source = Source(id="src", title="A test article", text=TEXT)
    quote = Evidence(source="src", start=0, end=24, quote=TEXT[:24])
    return Dataset(
        sources=[source],
        actors=[
            Actor(id="jpn", name="Japan", kind="state", country="JPN"),
            Actor(id="chn", name="China", kind="state", country="CHN"),
            Actor(id="kor", name="South Korea", kind="state", country="KOR"),
            Actor(id="un", name="United Nations", kind="organization"),
            Actor(id="kono", name="Taro Kono", kind="person", country="JPN"),
            Actor(id="wang", name="Wang Yi", kind="person", country="CHN"),
            Actor(id="envoy", name="An envoy", kind="person"),
        ],
        memberships=[
            Membership(
                person="kono",
                organization="jpn",
                title="Foreign Minister",
                when=TimeSpan.parse("2017-08/2019-09"),
            ),
            Membership(person="wang", organization="chn", title="Foreign Minister"),
            Membership(
                person="envoy", organization="un", title="Envoy", when=TimeSpan.parse("2019")
            ),
        ],
        places=[
            Place(id="japan", name="Japan", kind="country"),
            Place(id="tokyo", name="Tokyo", kind="city", part_of="japan"),
            Place(id="kantei", name="Kantei", kind="venue", part_of="tokyo"),
            Place(id="beijing", name="Beijing", kind="city"),
        ],
        events=[
            Meeting(
                id="m1",
                summary="Kono meets Wang.",
                participants=[
                    Participant(actor="kono", role="party"),
                    Participant(actor="wang", role="party"),
                ],
                when=TimeSpan.parse("2018-01-28"),
                status="occurred",
                place="beijing",
                topics=["north-korea"],
                format="bilateral",
                evidence=[quote],
            ),
            Visit(
                id="v1",
                summary="Kono visits China.",
                participants=[
                    Participant(actor="kono", role="visitor"),
                    Participant(actor="chn", role="host"),
                ],
                when=TimeSpan.parse("2018-01-27/2018-01-28"),
                status="occurred",
                place="beijing",
            ),
            Statement(
                id="s1",
                summary="Japan addresses China.",
                participants=[
                    Participant(actor="jpn", role="speaker"),
                    Participant(actor="chn", role="addressee"),
                ],
                when=TimeSpan.parse("2018-01"),
                status="occurred",
                place="tokyo",
                stance="neutral",
            ),
            Dispute(
                id="d1",
                summary="The islands dispute.",
                participants=[
                    Participant(actor="chn", role="party"),
                    Participant(actor="jpn", role="party"),
                ],
                when=TimeSpan.parse("2012/.."),
                status="ongoing",
                topics=["senkaku"],
                subject="Islands",
                state="active",
            ),
            Incident(
                id="i1",
                summary="A ship enters the waters.",
                participants=[
                    Participant(actor="chn", role="initiator"),
                    Participant(actor="jpn", role="target"),
                ],
                when=TimeSpan.parse("2018-01-11"),
                status="occurred",
                place="kantei",
                relations=[Relation(kind="related_to", target="d1")],
                category="maritime_incursion",
            ),
            Statement(
                id="s2",
                summary="Japan protests.",
                participants=[Participant(actor="jpn", role="speaker")],
                when=TimeSpan.parse("2018-01-12"),
                status="occurred",
                relations=[Relation(kind="responds_to", target="i1")],
                stance="hostile",
            ),
            Agreement(
                id="a1",
                summary="A deal is planned.",
                participants=[
                    Participant(actor="chn", role="signatory"),
                    Participant(actor="jpn", role="signatory"),
                ],
                when=TimeSpan.parse("2018"),
                status="planned",
                relations=[Relation(kind="related_to", target="d1")],
                stage="proposed",
            ),
            Meeting(
                id="m2",
                summary="A trilateral summit.",
                participants=[
                    Participant(actor="chn", role="party"),
                    Participant(actor="jpn", role="party"),
                    Participant(actor="kor", role="party"),
                ],
                when=TimeSpan.parse("2018-05-09"),
                status="planned",
                place="tokyo",
                format="trilateral",
            ),
            Statement(
                id="u1",
                summary="The UN envoy speaks to Seoul.",
                participants=[
                    Participant(actor="envoy", role="speaker", on_behalf_of="un"),
                    Participant(actor="kor", role="addressee"),
                ],
                when=TimeSpan.parse("/2018-02"),
                status="occurred",
                stance="cooperative",
            ),
        ],
    )


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return build_dataset()


def ids(query: object) -> list[str]:
    return [e.id for e in query]  # type: ignore[attr-defined]


class TestOrder:
    def test_all_events_in_chronological_order(self, ds: Dataset) -> None:
        """Earliest bound (unbounded first), then latest bound (unbounded last), then id."""
        assert ids(ds.query()) == ["u1", "d1", "s1", "a1", "i1", "s2", "v1", "m1", "m2"]

    def test_len_first_and_ids(self, ds: Dataset) -> None:
        """len() counts the matches; first() is the earliest; ids() lists them."""
        query = ds.query().kind("meeting")
        assert len(query) == 2
        assert query.first() is ds.events["m1"]
        assert query.ids() == ("m1", "m2")

    def test_first_of_nothing_is_none(self, ds: Dataset) -> None:
        """first() gives None when nothing matches."""
        assert ds.query().topic("no-such-topic").first() is None

    def test_queries_are_immutable(self, ds: Dataset) -> None:
        """Adding a condition returns a new query and leaves the old one as it was."""
        base = ds.query()
        meetings = base.kind(EventKind.MEETING)
        assert len(base) == 9
        assert len(meetings) == 2

    def test_repr_shows_the_chain(self, ds: Dataset) -> None:
        """repr() shows the conditions in the order they were added."""
        query = ds.query().kind("meeting").involving("kono").during("2018-01")
        assert repr(query) == (
            f"<Query {ds!r}.query().kind('meeting').involving('kono')"
            ".during('2018-01', mode='possibly')>"
        )

    def test_index_is_built_once(self, ds: Dataset) -> None:
        """The index is built on the first query and reused by the next ones."""
        len(ds.query())
        first = get_index(ds)
        len(ds.query().kind("visit"))
        assert get_index(ds) is first


class TestKindAndStatus:
    def test_kind_takes_members_and_values(self, ds: Dataset) -> None:
        """Kinds may be given as EventKind members or their string values."""
        assert ids(ds.query().kind(EventKind.VISIT, "dispute")) == ["d1", "v1"]

    def test_status(self, ds: Dataset) -> None:
        """status() keeps events with any of the statuses."""
        assert ids(ds.query().status(Status.PLANNED, "ongoing")) == ["d1", "a1", "m2"]

    def test_unknown_kind(self, ds: Dataset) -> None:
        """An unknown kind is reported with its position."""
        with pytest.raises(ValidationError) as info:
            ds.query().kind("meeting", "meet")
        assert str(info.value) == (
            "must be one of 'meeting', 'visit', 'agreement', 'dispute', 'statement', "
            "'incident' (got 'meet') at kind[1]"
        )

    def test_narrows(self, ds: Dataset) -> None:
        """narrows() says whether a kind or status condition is among the query's conditions."""
        query = ds.query().involving("jpn").during("2018")
        assert (query.narrows("kind"), query.narrows("status")) == (False, False)
        assert (query.kind("visit").narrows("kind"), query.kind("visit").narrows("status")) == (
            True,
            False,
        )
        assert query.status("planned").narrows("status")
        with pytest.raises(ValidationError) as info:
            query.narrows("actor")
        assert str(info.value) == "must be 'kind' or 'status' (got 'actor') at field"

    def test_no_status(self, ds: Dataset) -> None:
        """status() needs at least one status."""
        with pytest.raises(ValidationError) as info:
            ds.query().status()
        assert str(info.value) == "must name at least one status (got ()) at status"


class TestInvolving:
    def test_every_actor_must_take_part(self, ds: Dataset) -> None:
        """involving(a, b) keeps the events in which both take part."""
        assert ids(ds.query().involving("kono")) == ["v1", "m1"]
        assert ids(ds.query().involving("kono", "chn")) == ["v1"]

    def test_any_actor(self, ds: Dataset) -> None:
        """involving_any(a, b) keeps the events in which either takes part."""
        assert ids(ds.query().involving_any("kono", "kor")) == ["u1", "v1", "m1", "m2"]

    def test_members_count_for_their_organisation(self, ds: Dataset) -> None:
        """With include_members, a member acting at the time counts for the state."""
        assert ids(ds.query().involving("jpn")) == ["d1", "s1", "a1", "i1", "s2", "m2"]
        assert ids(ds.query().involving("jpn", include_members=True)) == [
            "d1",
            "s1",
            "a1",
            "i1",
            "s2",
            "v1",
            "m1",
            "m2",
        ]

    def test_membership_out_of_time_does_not_count(self, ds: Dataset) -> None:
        """A membership that cannot overlap the event does not count; on_behalf_of does."""
        assert ids(ds.query().involving("un", include_members=True)) == ["u1"]
        assert ids(ds.query().involving("un")) == []

    def test_unknown_actor(self, ds: Dataset) -> None:
        """An unknown actor id is reported with its position."""
        with pytest.raises(ValidationError) as info:
            ds.query().involving("kono", "kno")
        assert str(info.value) == "refers to an unknown actor (got 'kno') at involving[1]"

    def test_not_a_string(self, ds: Dataset) -> None:
        """A value that is not an id (even an unhashable one) is reported, not a TypeError."""
        with pytest.raises(ValidationError) as info:
            ds.query().involving_any(["kono"])  # type: ignore[arg-type]
        assert str(info.value) == "refers to an unknown actor (got ['kono']) at involving_any[0]"

    def test_no_actor(self, ds: Dataset) -> None:
        """involving() needs at least one actor."""
        with pytest.raises(ValidationError) as info:
            ds.query().involving()
        assert str(info.value) == "must name at least one actor (got ()) at involving"


class TestBetween:
    def test_states_match_their_side(self, ds: Dataset) -> None:
        """A state matches every participant on its side; the two must be on different sides."""
        assert ids(ds.query().between("jpn", "chn")) == [
            "d1",
            "s1",
            "a1",
            "i1",
            "v1",
            "m1",
            "m2",
        ]

    def test_people_match_themselves(self, ds: Dataset) -> None:
        """A person matches only as a participant."""
        assert ids(ds.query().between("kono", "wang")) == ["m1"]
        assert ids(ds.query().between("kono", "chn")) == ["v1", "m1"]

    def test_same_side_never_matches(self, ds: Dataset) -> None:
        """A person and their own state are on the same side."""
        assert ids(ds.query().between("kono", "jpn")) == []

    def test_acting_on_behalf(self, ds: Dataset) -> None:
        """A participant acting on behalf of an organisation matches it."""
        assert ids(ds.query().between("un", "kor")) == ["u1"]

    def test_repr(self, ds: Dataset) -> None:
        """repr() names both actors."""
        assert repr(ds.query().between("jpn", "kor")).endswith(".between('jpn', 'kor')>")

    def test_same_actor_twice(self, ds: Dataset) -> None:
        """between() needs two different actors."""
        with pytest.raises(ValidationError) as info:
            ds.query().between("jpn", "jpn")
        assert str(info.value) == "must differ from the first actor (got 'jpn') at between[1]"


class TestDuring:
    def test_possibly(self, ds: Dataset) -> None:
        """Events whose span can share a day with the month, open spans included."""
        assert ids(ds.query().during("2018-01")) == ["u1", "d1", "s1", "a1", "i1", "s2", "v1", "m1"]

    def test_definitely(self, ds: Dataset) -> None:
        """Events whose span surely lies inside the month."""
        assert ids(ds.query().during("2018-01", mode="definitely")) == [
            "s1",
            "i1",
            "s2",
            "v1",
            "m1",
        ]

    def test_user_text_and_dates(self, ds: Dataset) -> None:
        """A date as typed, a datetime.date and a TimeSpan work like EDTF."""
        assert ids(ds.query().during("28 January 2018")) == ["u1", "d1", "s1", "a1", "v1", "m1"]
        assert ids(ds.query().during(dt.date(2018, 1, 28))) == ["u1", "d1", "s1", "a1", "v1", "m1"]
        assert ids(ds.query().during(TimeSpan.parse("2018-05"), "definitely")) == ["m2"]

    def test_open_windows(self, ds: Dataset) -> None:
        """An open end of the window is unbounded."""
        assert ids(ds.query().during("2018-05/..", mode="definitely")) == ["m2"]
        assert ids(ds.query().during("../2013", mode="definitely")) == []
        assert ids(ds.query().during("../2013")) == ["u1", "d1"]

    def test_two_windows(self, ds: Dataset) -> None:
        """Two windows must both hold."""
        assert ids(ds.query().during("2018").during("2018-01-12/2018-01-27")) == [
            "u1",
            "d1",
            "s1",
            "a1",
            "s2",
            "v1",
        ]

    def test_two_windows_definitely(self, ds: Dataset) -> None:
        """The narrower window is searched; the other is checked, in either mode."""
        query = ds.query().during("2018-01-28").during("2018-01", mode="definitely")
        assert ids(query) == ["s1", "v1", "m1"]

    def test_window_with_other_conditions(self, ds: Dataset) -> None:
        """A narrow window is combined with a broad posting."""
        assert ids(ds.query().kind("statement", "incident").during("2018-01-11")) == [
            "u1",
            "s1",
            "i1",
        ]

    def test_bad_mode(self, ds: Dataset) -> None:
        """The mode is 'possibly' or 'definitely'."""
        with pytest.raises(ValidationError) as info:
            ds.query().during("2018", mode="surely")
        assert str(info.value) == "must be 'possibly' or 'definitely' (got 'surely') at during.mode"

    def test_bad_window(self, ds: Dataset) -> None:
        """A window that is not a date is reported at 'during'."""
        with pytest.raises(ValidationError) as info:
            ds.query().during("soon")
        assert str(info.value) == "is not a date dateutil can read (got 'soon') at during"


class TestPlaceTopicWhere:
    def test_at_includes_parts(self, ds: Dataset) -> None:
        """at() includes the places that are part of the place, transitively."""
        assert ids(ds.query().at("japan")) == ["s1", "i1", "m2"]
        assert ids(ds.query().at("kantei")) == ["i1"]

    def test_unknown_place(self, ds: Dataset) -> None:
        """An unknown place is reported."""
        with pytest.raises(ValidationError) as info:
            ds.query().at("kyoto")
        assert str(info.value) == "refers to an unknown place (got 'kyoto') at at"

    def test_topic(self, ds: Dataset) -> None:
        """topic() keeps events with that topic."""
        assert ids(ds.query().topic("senkaku")) == ["d1"]

    def test_bad_topic(self, ds: Dataset) -> None:
        """A topic must look like a topic id."""
        with pytest.raises(ValidationError) as info:
            ds.query().topic("North Korea")
        assert str(info.value) == (
            "must be a topic id such as 'north-korea' (got 'North Korea') at topic"
        )

    def test_where(self, ds: Dataset) -> None:
        """where() keeps the events for which the predicate is true."""

        def many(event: Event) -> bool:
            return len(event.participants) > 2

        query = ds.query().where(many)
        assert ids(query) == ["m2"]
        assert repr(query).endswith(".where(many)>")

    def test_where_needs_a_function(self, ds: Dataset) -> None:
        """where() rejects what it cannot call."""
        with pytest.raises(ValidationError) as info:
            ds.query().where("kind == 'meeting'")  # type: ignore[arg-type]
        assert str(info.value) == (
            "must be a function of an event (got \"kind == 'meeting'\") at where"
        )


class TestToDataset:
    def test_keeps_what_the_matches_refer_to(self, ds: Dataset) -> None:
        """Referenced events, actors, places, memberships and sources come along."""
        sub = ds.query().kind("statement").involving("jpn").during("2018-01-12").to_dataset()
        assert list(sub.events) == ["s1", "d1", "i1", "s2"]
        assert list(sub.actors) == ["jpn", "chn", "kono", "wang"]
        assert list(sub.places) == ["japan", "tokyo", "kantei"]
        assert [(m.person, m.organization) for m in sub.memberships] == [
            ("kono", "jpn"),
            ("wang", "chn"),
        ]
        assert list(sub.sources) == []

    def test_sources_of_evidence(self, ds: Dataset) -> None:
        """The sources of the evidence come along."""
        sub = ds.query().kind("meeting").involving("wang").to_dataset()
        assert list(sub.sources) == ["src"]
        assert list(sub.events) == ["m1"]

    def test_empty(self, ds: Dataset) -> None:
        """A query without matches gives an empty dataset."""
        assert len(ds.query().topic("nothing").to_dataset()) == 0


class TestIndex:
    def test_span_ordinals(self) -> None:
        """Outer bounds as ordinals; unbounded sides become the sentinels."""
        assert span_ordinals(TimeSpan.parse("2016-02")) == (
            dt.date(2016, 2, 1).toordinal(),
            dt.date(2016, 2, 29).toordinal(),
        )
        assert span_ordinals(TimeSpan.parse("2012/..")) == (
            dt.date(2012, 1, 1).toordinal(),
            OPEN_AFTER,
        )
        assert span_ordinals(TimeSpan.parse("/9999")) == (
            OPEN_BEFORE,
            dt.date(9999, 12, 31).toordinal(),
        )

    def test_collector_left_as_found(self) -> None:
        """Building pauses the garbage collector and leaves it as it was."""
        data = build_dataset()
        gc.disable()
        try:
            assert len(data.query()) == 9
            assert not gc.isenabled()
        finally:
            gc.enable()
        assert len(data.query().kind("visit")) == 1
        assert gc.isenabled()

    def test_empty_dataset(self) -> None:
        """Queries on an empty dataset find nothing."""
        empty = Dataset()
        assert ids(empty.query().during("2018")) == []
        assert ids(empty.query().kind("visit").during("2018")) == []
        assert len(empty.query()) == 0

    def test_long_and_repeated(self) -> None:
        """Spans of many years and an actor in two roles are each indexed once."""
        data = Dataset(
            actors=[
                Actor(id="a", name="A", kind="state", country="JPN"),
                Actor(id="b", name="B", kind="state", country="CHN"),
            ],
            events=[
                Statement(
                    id="long",
                    summary="A long campaign.",
                    participants=[
                        Participant(actor="a", role="speaker"),
                        Participant(actor="a", role="addressee"),
                        Participant(actor="b", role="addressee"),
                    ],
                    when=TimeSpan.parse("1990/2015"),
                    status="occurred",
                    stance="neutral",
                ),
                Statement(
                    id="echo",
                    summary="Talking to itself.",
                    participants=[
                        Participant(actor="a", role="speaker"),
                        Participant(actor="a", role="addressee"),
                    ],
                    when=TimeSpan.parse("2020"),
                    status="occurred",
                    stance="neutral",
                ),
                Statement(
                    id="decade",
                    summary="A decade.",
                    participants=[Participant(actor="b", role="speaker")],
                    when=TimeSpan.parse("2001/2008"),
                    status="occurred",
                    stance="neutral",
                ),
            ],
        )
        assert ids(data.query().involving("a").during("2010")) == ["long"]
        assert ids(data.query().involving_any("a", "b").during("2005-06-01")) == [
            "long",
            "decade",
        ]
        assert ids(data.query().during("2005", mode="definitely")) == []
        assert ids(data.query().involving("a")) == ["long", "echo"]


class TestToDatasetFollowsNewReferences:
    def test_parent_organisations_and_reporting_sources_are_kept(self) -> None:
        """to_dataset keeps the organisations an actor is part of and the sources an event names."""
        cols = collections()
        cols["sources"] = [*cols["sources"], de.Source(id="src-story", title="A coded story")]
        cols["actors"] = [
            *cols["actors"],
            de.Actor(id="mofa", name="MOFA", kind="organization", part_of="jpn"),
            de.Actor(id="bureau", name="Bureau", kind="organization", part_of="mofa"),
        ]
        statement = cols["events"][3]
        cols["events"][3] = attrs.evolve(
            statement,
            participants=[de.Participant(actor="bureau", role="speaker")],
            sources=["src-story"],
            relations=[],
        )
        ds = de.Dataset(**cols)
        sub = ds.query().involving("bureau").to_dataset()
        assert list(sub.events) == ["ev-statement"]
        assert list(sub.actors) == ["jpn", "mofa", "bureau"]
        assert list(sub.sources) == ["src-story"]

"""Unit tests for Dataset construction and the cross-record checks in validate.py."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from diplo_events import (
    Actor,
    Dataset,
    Evidence,
    Meeting,
    Membership,
    Participant,
    Place,
    PlaceName,
    Source,
    TimeSpan,
    ValidationError,
    Visit,
)

from .helpers import TEXT, collections, dataset, quote


def problems(exc: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in exc.value.problems]


def replace(cols: dict[str, Any], name: str, index: int, **changes: Any) -> dict[str, Any]:
    items = list(cols[name])
    items[index] = attrs.evolve(items[index], **changes)
    return {**cols, name: items}


class TestDataset:
    def test_collections_are_read_only_mappings_in_order(self) -> None:
        """Collections map ids to records in insertion order and cannot be changed."""
        ds = dataset()
        assert list(ds.events) == [
            "ev-visit",
            "ev-meet",
            "ev-dispute",
            "ev-statement",
            "ev-incident",
        ]
        assert ds.actors["jpn"].name == "Japan"
        assert isinstance(ds.memberships, tuple)
        with pytest.raises(TypeError):
            ds.events["x"] = ds.events["ev-visit"]  # type: ignore[index]
        assert len(ds) == 5
        assert [e.id for e in ds] == list(ds.events)
        assert repr(ds) == "<Dataset: 1 sources, 4 actors, 1 memberships, 3 places, 5 events>"

    def test_equality_and_hash(self) -> None:
        """Datasets built from equal records are equal and hash alike."""
        assert dataset() == dataset()
        assert hash(dataset()) == hash(dataset())
        assert dataset() != Dataset()
        assert dataset() != "dataset"

    def test_side_and_memberships(self) -> None:
        """Sides come from on_behalf_of or the actor's country; memberships are listed per actor."""
        ds = dataset()
        visit = ds.events["ev-visit"]
        assert [ds.side(p) for p in visit.participants] == ["JPN", "CHN"]
        assert ds.side(Participant(actor="stateless", role="party")) == "stateless"
        assert [m.title for m in ds.memberships_of("jpn")] == ["Foreign Minister"]
        assert ds.memberships_of("chn") == ()

    def test_empty_dataset(self) -> None:
        """An empty dataset is valid."""
        assert len(Dataset()) == 0

    def test_generators_accepted(self) -> None:
        """Any iterables are accepted."""
        cols = collections()
        ds = Dataset(**{k: (x for x in v) for k, v in cols.items()})
        assert ds == dataset()


class TestCollectionErrors:
    def test_wrong_types(self) -> None:
        """Non-iterables and wrong record types are reported with their paths."""
        with pytest.raises(ValidationError) as exc:
            Dataset(
                sources=5,  # type: ignore[arg-type]
                actors="abc",  # type: ignore[arg-type]
                memberships=[1],  # type: ignore[list-item]
                places=[Source(id="s", title="t")],  # type: ignore[list-item]
                events=[Actor(id="a", name="A", kind="state")],  # type: ignore[list-item]
            )
        assert problems(exc) == [
            ("sources", "must be an iterable of a Source"),
            ("actors", "must be an iterable of an Actor"),
            ("memberships[0]", "must be a Membership"),
            ("places[0]", "must be a Place"),
            (
                "events[0]",
                "must be an event (Meeting, Visit, Agreement, Dispute, Statement, Incident)",
            ),
        ]
        with pytest.raises(ValidationError, match="must be an iterable of a Membership"):
            Dataset(memberships=None)  # type: ignore[arg-type]

    def test_duplicate_ids(self) -> None:
        """A repeated id is reported at its position, naming the first."""
        cols = collections()
        cols["actors"] = [*cols["actors"], cols["actors"][0]]
        with pytest.raises(ValidationError) as exc:
            Dataset(**cols)
        assert problems(exc) == [("actors[4].id", "repeats the id of actors[0]")]


class TestReferences:
    def test_every_unknown_reference_reported(self) -> None:
        """Unknown actors, places, events and sources are all reported together."""
        cols = collections()
        cols = replace(
            cols,
            "events",
            0,
            place="nowhere",
            participants=[
                Participant(actor="ghost", role="visitor", on_behalf_of="nobody"),
                Participant(actor="chn", role="host"),
            ],
        )
        cols = replace(cols, "events", 3, relations=[])
        cols = replace(
            cols,
            "events",
            4,
            part_of="ev-missing",
            evidence=[Evidence(source="src-x", start=0, end=2, quote="On")],
        )
        cols = replace(cols, "events", 2, subject_places=["atlantis"])
        cols = replace(
            cols,
            "places",
            1,
            part_of="nowhere",
            names=[PlaceName(name="Peking", used_by=["ghost"])],
            claimed_by=["ghost"],
        )
        cols = replace(cols, "memberships", 0, person="ghost", organization="nobody")
        with pytest.raises(ValidationError) as exc:
            Dataset(**cols)
        assert problems(exc) == [
            ("memberships[0].person", "refers to an unknown actor"),
            ("memberships[0].organization", "refers to an unknown actor"),
            ("places['beijing'].part_of", "refers to an unknown place"),
            ("places['beijing'].names[0].used_by[0]", "refers to an unknown actor"),
            ("places['beijing'].claimed_by[0]", "refers to an unknown actor"),
            ("events['ev-visit'].participants[0].actor", "refers to an unknown actor"),
            ("events['ev-visit'].participants[0].on_behalf_of", "refers to an unknown actor"),
            ("events['ev-visit'].place", "refers to an unknown place"),
            ("events['ev-dispute'].subject_places[0]", "refers to an unknown place"),
            ("events['ev-incident'].part_of", "refers to an unknown event"),
            ("events['ev-incident'].evidence[0].source", "refers to an unknown source"),
        ]
        assert exc.value.path == "memberships[0].person"
        assert exc.value.field == "person"
        assert exc.value.value == "ghost"

    def test_unknown_event_source(self) -> None:
        """An event's sources must be sources of the dataset."""
        cols = replace(collections(), "events", 3, sources=["src-demo", "src-gone"])
        with pytest.raises(ValidationError) as exc:
            Dataset(**cols)
        assert problems(exc) == [
            ("events['ev-statement'].sources[1]", "refers to an unknown source")
        ]

    def test_unknown_relation_target(self) -> None:
        """A relation must point at an event of the dataset."""
        cols = collections()
        cols = replace(
            cols,
            "events",
            4,
            relations=[attrs.evolve(cols["events"][4].relations[0], target="ev-nope")],
        )
        with pytest.raises(ValidationError) as exc:
            Dataset(**cols)
        assert problems(exc) == [
            ("events['ev-incident'].relations[0].target", "refers to an unknown event")
        ]


class TestEvidence:
    def test_quote_mismatch_says_what_the_text_reads_and_where_the_quote_is(self) -> None:
        """A quote at wrong offsets is reported with the text found and the quote's real place."""
        start = TEXT.index("Taro Kono") + 1
        bad = Evidence(source="src-demo", start=start, end=start + 9, quote="Taro Kono")
        cols = replace(collections(), "actors", 2, evidence=[bad])
        with pytest.raises(ValidationError) as exc:
            Dataset(**cols)
        found = TEXT.index("Taro Kono")
        assert problems(exc) == [
            (
                "actors['kono-taro'].evidence[0].quote",
                (
                    f"does not match the source text at {start}:{start + 9}, which reads 'aro Kono ';"
                    f" the quote occurs at {found}:{found + 9}"
                ),
            ),
        ]

    def test_quote_absent_and_long(self) -> None:
        """A quote that occurs nowhere gets no hint; long text is clipped."""
        bad = Evidence(source="src-demo", start=0, end=50, quote="x" * 50)
        cols = replace(collections(), "actors", 2, evidence=[bad])
        with pytest.raises(ValidationError) as exc:
            Dataset(**cols)
        assert problems(exc)[0][1] == (
            "does not match the source text at 0:50, which reads 'On January 27-28, 2018, Japanese Fore...'"
        )

    def test_past_the_end(self) -> None:
        """Offsets past the end of the text are reported with the text length."""
        bad = Evidence(source="src-demo", start=len(TEXT), end=len(TEXT) + 2, quote="ab")
        cols = replace(collections(), "memberships", 0, evidence=[bad])
        with pytest.raises(ValidationError) as exc:
            Dataset(**cols)
        assert problems(exc) == [
            (
                "memberships[0].evidence[0].end",
                f"is past the end of the source text ({len(TEXT)} code points)",
            ),
        ]

    def test_prefix_and_suffix_must_be_adjacent(self) -> None:
        """Context must stand right before and after the quote."""
        good = quote("Taro Kono")
        cols = replace(
            collections(),
            "actors",
            2,
            evidence=[
                attrs.evolve(good, prefix="Minister ", suffix=" visited"),
                attrs.evolve(good, prefix="Mr ", suffix=" went"),
            ],
        )
        with pytest.raises(ValidationError) as exc:
            Dataset(**cols)
        assert problems(exc) == [
            (
                "actors['kono-taro'].evidence[1].prefix",
                "does not stand right before the quote in the source text, which reads 'er ' there",
            ),
            (
                "actors['kono-taro'].evidence[1].suffix",
                "does not stand right after the quote in the source text, which reads ' visi' there",
            ),
        ]

    def test_source_without_text_is_not_checked(self) -> None:
        """Evidence on a source without text cannot be checked, so it is accepted."""
        cols = collections()
        cols["sources"] = [*cols["sources"], Source(id="src-blind", title="No text")]
        cols = replace(
            cols, "actors", 0, evidence=[Evidence(source="src-blind", start=0, end=1, quote="x")]
        )
        assert Dataset(**cols).actors["jpn"].evidence[0].source == "src-blind"


class TestKindRules:
    def test_bilateral_needs_two_sides(self) -> None:
        """Kono (JPN) and Japan (JPN) are one side: not a bilateral meeting."""
        cols = replace(
            collections(),
            "events",
            1,
            participants=[
                Participant(actor="kono-taro", role="party"),
                Participant(actor="jpn", role="party"),
                Participant(actor="chn", role="observer"),
            ],
        )
        with pytest.raises(ValidationError) as exc:
            Dataset(**cols)
        assert problems(exc) == [
            (
                "events['ev-meet'].participants",
                "a bilateral meeting involves exactly two sides, found 1",
            ),
        ]
        assert exc.value.problems[0].value == ["JPN"]

    @pytest.mark.parametrize(
        ("fmt", "message"),
        [
            ("trilateral", "a trilateral meeting involves exactly three sides, found 2"),
            ("multilateral", "a multilateral meeting involves at least three sides, found 2"),
        ],
    )
    def test_other_formats(self, fmt: str, message: str) -> None:
        """Trilateral needs three sides, multilateral at least three."""
        cols = replace(collections(), "events", 1, format=fmt)
        with pytest.raises(ValidationError) as exc:
            Dataset(**cols)
        assert problems(exc) == [("events['ev-meet'].participants", message)]

    def test_sides_not_counted_with_unknown_actor(self) -> None:
        """An unknown actor is reported once; sides are not guessed."""
        cols = replace(
            collections(),
            "events",
            1,
            participants=[
                Participant(actor="kono-taro", role="party"),
                Participant(actor="ghost", role="party"),
            ],
        )
        with pytest.raises(ValidationError) as exc:
            Dataset(**cols)
        assert problems(exc) == [
            ("events['ev-meet'].participants[1].actor", "refers to an unknown actor")
        ]

    def test_membership_kinds(self) -> None:
        """A membership's person is a person and its organisation is not."""
        cols = replace(collections(), "memberships", 0, person="jpn", organization="li-keqiang")
        with pytest.raises(ValidationError) as exc:
            Dataset(**cols)
        assert problems(exc) == [
            ("memberships[0].person", "must be a person, not a state"),
            ("memberships[0].organization", "must be a state, organization or group, not a person"),
        ]

    def test_on_behalf_of_a_person(self) -> None:
        """Nobody acts on behalf of a person."""
        cols = replace(
            collections(),
            "events",
            0,
            participants=[
                Participant(actor="kono-taro", role="visitor", on_behalf_of="li-keqiang"),
                Participant(actor="chn", role="host"),
            ],
        )
        with pytest.raises(ValidationError) as exc:
            Dataset(**cols)
        assert problems(exc) == [
            (
                "events['ev-visit'].participants[0].on_behalf_of",
                "must be a state, organization or group, not a person",
            ),
        ]

    def test_part_of_must_fit_in_time(self) -> None:
        """A meeting inside a visit cannot be outside the visit's span."""
        cols = replace(collections(), "events", 1, when=TimeSpan.parse("2018-02-03"))
        with pytest.raises(ValidationError) as exc:
            Dataset(**cols)
        assert problems(exc) == [
            (
                "events['ev-meet'].when",
                "cannot lie within the span of the event it is part of (2018-01-27/2018-01-28)",
            ),
        ]


class TestActorHierarchy:
    def test_organisation_inside_a_state(self) -> None:
        """An organisation can be part of a state; references resolve."""
        cols = collections()
        cols["actors"] = [
            *cols["actors"],
            Actor(id="mofa", name="MOFA", kind="organization", part_of="jpn"),
        ]
        assert Dataset(**cols).actors["mofa"].part_of == "jpn"

    def test_part_of_problems(self) -> None:
        """Unknown parents, people with a parent, people as parents and cycles are reported."""
        cols = collections()
        cols["actors"] = [
            *cols["actors"],
            Actor(id="a", name="A", kind="organization", part_of="ghost"),
            Actor(id="b", name="B", kind="person", part_of="jpn"),
            Actor(id="c", name="C", kind="group", part_of="kono-taro"),
            Actor(id="d", name="D", kind="organization", part_of="e"),
            Actor(id="e", name="E", kind="organization", part_of="d"),
        ]
        with pytest.raises(ValidationError) as exc:
            Dataset(**cols)
        assert problems(exc) == [
            ("actors['a'].part_of", "refers to an unknown actor"),
            ("actors['b'].part_of", "a person belongs to organisations through memberships"),
            ("actors['c'].part_of", "must be a state, organization or group, not a person"),
            ("actors['d'].part_of", "part_of forms a cycle: d -> e -> d"),
        ]


class TestCycles:
    def test_event_cycle_reported_once(self) -> None:
        """A part_of cycle is reported once, at its first member."""
        cols = replace(collections(), "events", 0, part_of="ev-meet")
        with pytest.raises(ValidationError) as exc:
            Dataset(**cols)
        assert problems(exc) == [
            (
                "events['ev-visit'].part_of",
                "part_of forms a cycle: ev-visit -> ev-meet -> ev-visit",
            ),
        ]

    def test_place_cycle(self) -> None:
        """Places cannot contain each other."""
        cols = replace(collections(), "places", 0, part_of="beijing")
        with pytest.raises(ValidationError) as exc:
            Dataset(**cols)
        assert problems(exc) == [
            (
                "places['chn-place'].part_of",
                "part_of forms a cycle: chn-place -> beijing -> chn-place",
            ),
        ]

    def test_long_chain_without_cycle(self) -> None:
        """A long part_of chain is walked without recursion."""
        places = [Place(id="p-0", name="P", kind="region")]
        places += [
            Place(id=f"p-{i}", name="P", kind="region", part_of=f"p-{i - 1}")
            for i in range(1, 5000)
        ]
        assert len(Dataset(places=places).places) == 5000

    def test_tail_into_cycle(self) -> None:
        """A chain that runs into a cycle reports the cycle, not the chain."""
        places = [
            Place(id="a", name="A", kind="region", part_of="b"),
            Place(id="b", name="B", kind="region", part_of="c"),
            Place(id="c", name="C", kind="region", part_of="b"),
        ]
        with pytest.raises(ValidationError) as exc:
            Dataset(places=places)
        assert problems(exc) == [("places['b'].part_of", "part_of forms a cycle: b -> c -> b")]


def test_visit_with_meeting_example() -> None:
    """The README-style example: a visit with a meeting inside validates."""
    ds = Dataset(
        actors=[
            Actor(id="jpn", name="Japan", kind="state", country="JPN"),
            Actor(id="chn", name="China", kind="state", country="CHN"),
            Actor(id="kono-taro", name="Taro Kono", kind="person", country="JPN"),
        ],
        memberships=[Membership(person="kono-taro", organization="jpn", title="Foreign Minister")],
        events=[
            Visit(
                id="ev-v",
                summary="A visit.",
                when=TimeSpan.parse("2018-01-27/2018-01-28"),
                status="occurred",
                participants=[
                    Participant(actor="kono-taro", role="visitor"),
                    Participant(actor="chn", role="host"),
                ],
            ),
            Meeting(
                id="ev-m",
                summary="A meeting.",
                when=TimeSpan.parse("2018-01-28"),
                status="occurred",
                format="bilateral",
                part_of="ev-v",
                participants=[
                    Participant(actor="kono-taro", role="party"),
                    Participant(actor="chn", role="party"),
                ],
            ),
        ],
    )
    assert ds.events["ev-m"].part_of == "ev-v"

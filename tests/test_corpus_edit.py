"""Editing datasets: `Dataset.add`, `replace`, `remove` and `diplo_events.corpus.edit`."""

from __future__ import annotations

import attrs
import pytest

from diplo_events import (
    Actor,
    Dataset,
    Membership,
    Participant,
    Statement,
    TimeSpan,
    ValidationError,
)
from diplo_events.corpus import edit

from .helpers import dataset, quote


def statement(event_id: str = "ev-new") -> Statement:
    """A valid statement by Japan."""
    return Statement(
        id=event_id,
        summary="Japan speaks again.",
        stance="cooperative",
        participants=[Participant(actor="jpn", role="speaker")],
        when=TimeSpan.parse("2018-02"),
        status="occurred",
    )


def messages(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    """Each problem of the error as a line."""
    return [str(p) for p in exc.value.problems]


class TestAdd:
    def test_add(self) -> None:
        """Added records come last in their collection; the original is unchanged."""
        ds = dataset()
        actor = Actor(id="kor", name="South Korea", kind="state", country="KOR")
        new = ds.add(actor, statement())
        assert list(new.events)[-1] == "ev-new"
        assert list(new.actors)[-1] == "kor"
        assert new.sources is ds.sources  # untouched collections are shared
        assert "ev-new" not in ds.events
        assert new == Dataset(
            sources=ds.sources.values(),
            actors=[*ds.actors.values(), actor],
            memberships=ds.memberships,
            places=ds.places.values(),
            events=[*ds.events.values(), statement()],
        )

    def test_add_invalid(self) -> None:
        """An added record that refers to nothing known, or repeats an id, is refused."""
        bad = attrs.evolve(statement(), participants=[Participant(actor="kor", role="speaker")])
        with pytest.raises(ValidationError) as info:
            dataset().add(bad, statement("ev-visit"))
        assert messages(info) == [
            "repeats the id of events[0] (got 'ev-visit') at events[6].id",
            "refers to an unknown actor (got 'kor') at events['ev-new'].participants[0].actor",
        ]

    def test_repeated_within_the_edit(self) -> None:
        """Two added records with one new id: the second repeats the first, as Dataset() says."""
        with pytest.raises(ValidationError) as info:
            dataset().add(statement(), statement())
        assert messages(info) == ["repeats the id of events[5] (got 'ev-new') at events[6].id"]

    def test_add_membership(self) -> None:
        """A membership is added at the end, and checked."""
        m = Membership(person="li-keqiang", organization="chn", title="Premier")
        assert dataset().add(m).memberships[-1] == m
        with pytest.raises(ValidationError) as info:
            dataset().add(attrs.evolve(m, person="chn", organization="li-keqiang"))
        assert messages(info) == [
            "must be a person, not a state (got 'chn') at memberships[1].person",
            (
                "must be a state, organization or group, not a person (got 'li-keqiang') "
                "at memberships[1].organization"
            ),
        ]


class TestReplace:
    def test_replace(self) -> None:
        """A replaced record keeps its place; an equal one changes nothing."""
        ds = dataset()
        renamed = attrs.evolve(ds.actors["jpn"], name="Nippon")
        new = ds.replace(renamed, ds.events["ev-visit"])
        assert list(new.actors) == list(ds.actors)
        assert new.actors["jpn"].name == "Nippon"
        assert new.events is ds.events

    def test_referrers_checked(self) -> None:
        """Records that refer to a replaced one are checked again (kind, text, span)."""
        ds = dataset()
        with pytest.raises(ValidationError) as info:
            ds.replace(attrs.evolve(ds.actors["jpn"], kind="person"))
        assert messages(info) == [
            (
                "must be a state, organization or group, not a person (got 'jpn') "
                "at memberships[0].organization"
            ),
            (
                "must be a state, organization or group, not a person (got 'jpn') "
                "at events['ev-visit'].participants[0].on_behalf_of"
            ),
        ]
        with pytest.raises(ValidationError) as info:
            ds.replace(attrs.evolve(ds.sources["src-demo"], text="Short."))
        assert len(info.value.problems) == 5
        assert info.value.path == "actors['kono-taro'].evidence[0].end"
        with pytest.raises(ValidationError) as info:
            ds.replace(attrs.evolve(ds.events["ev-visit"], when=TimeSpan.parse("2019")))
        assert messages(info) == [
            (
                "cannot lie within the span of the event it is part of (2019) "
                "(got '2018-01-27/2018-01-28') at events['ev-meet'].when"
            ),
        ]

    def test_cycle(self) -> None:
        """A replacement that closes a part_of cycle is reported as a full validation does."""
        ds = dataset()
        with pytest.raises(ValidationError) as info:
            ds.replace(attrs.evolve(ds.places["chn-place"], part_of="beijing"))
        assert messages(info) == [
            (
                "part_of forms a cycle: chn-place -> beijing -> chn-place (got 'beijing') "
                "at places['chn-place'].part_of"
            ),
        ]


class TestRemove:
    def test_remove(self) -> None:
        """A record nothing refers to is removed (by id); a membership by equality."""
        ds = dataset()
        new = ds.remove(attrs.evolve(ds.events["ev-incident"], summary="Other."))
        assert "ev-incident" not in new.events
        assert ds.remove(ds.memberships[0]).memberships == ()

    def test_refused_while_referred_to(self) -> None:
        """Removing a record others refer to is refused, naming every reference."""
        ds = dataset()
        with pytest.raises(ValidationError) as info:
            ds.remove(ds.events["ev-visit"])
        assert messages(info) == [
            "refers to an unknown event (got 'ev-visit') at events['ev-meet'].part_of",
            "refers to an unknown event (got 'ev-visit') at events['ev-statement'].relations[0].target",
        ]
        with pytest.raises(ValidationError) as info:
            ds.remove(ds.sources["src-demo"])
        assert len(info.value.problems) == 5
        assert {p.message for p in info.value.problems} == {"refers to an unknown source"}

    def test_remove_with_referrers(self) -> None:
        """Removing a record together with the records referring to it works."""
        ds = dataset()
        new = ds.remove(ds.events["ev-visit"], ds.events["ev-meet"], ds.events["ev-statement"])
        assert list(new.events) == ["ev-dispute", "ev-incident"]


class TestEditErrors:
    def test_not_in_dataset(self) -> None:
        """Removing or replacing what the dataset does not hold is refused, by position."""
        ds = dataset()
        m = Membership(person="li-keqiang", organization="chn", title="Premier")
        with pytest.raises(ValidationError) as info:
            edit(ds, remove=[statement(), m], replace=[statement(), m])
        assert [p.path for p in info.value.problems] == [
            "remove[0]",
            "remove[1]",
            "replace[0].id",
            "replace[1]",
        ]
        assert messages(info)[2] == (
            "is not an id of the dataset's events (add the record instead) "
            "(got 'ev-new') at replace[0].id"
        )

    def test_not_records(self) -> None:
        """Things that are not records, or not iterables of them, are refused."""
        with pytest.raises(ValidationError) as info:
            edit(dataset(), add=[quote("Kono")], remove="ev-visit")  # type: ignore[arg-type, list-item]
        assert [p.path for p in info.value.problems] == ["remove", "add[0]"]
        with pytest.raises(ValidationError) as info:
            edit(dataset(), remove=[quote("Kono")], replace=["ev-visit"])  # type: ignore[list-item]
        assert [(p.path, p.message) for p in info.value.problems] == [
            ("remove[0]", "must be a record: a Source, Actor, Membership, Place or an event"),
            ("replace[0]", "must be a record: a Source, Actor, Membership, Place or an event"),
        ]
        with pytest.raises(ValidationError, match=r"at datasets\[0\]"):
            edit({}, add=[])  # type: ignore[arg-type]

    def test_remove_replace_add_in_one_edit(self) -> None:
        """One edit removes, then replaces, then adds."""
        ds = dataset()
        new = edit(
            ds,
            remove=[ds.events["ev-incident"]],
            replace=[attrs.evolve(ds.events["ev-dispute"], summary="The dispute.")],
            add=[statement()],
        )
        assert list(new.events) == ["ev-visit", "ev-meet", "ev-dispute", "ev-statement", "ev-new"]
        assert new.events["ev-dispute"].summary == "The dispute."

"""Event identity and duplicates: `event_key`, `find_duplicates` and `fold_duplicate`."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import attrs
import pytest

import diplo_events as de
from diplo_events import (
    Actor,
    Dataset,
    EventCode,
    Participant,
    Place,
    Relation,
    Statement,
    TimeSpan,
    ValidationError,
    Visit,
)
from diplo_events.cli import main
from diplo_events.corpus import DuplicateCandidate, EventKey

from .helpers import collections, dataset, quote


def with_events(*events: de.Event) -> Dataset:
    """The helper dataset with `events` added (and a place inside Beijing)."""
    cols = collections()
    cols["places"].append(
        Place(id="guesthouse", name="Guesthouse", kind="venue", part_of="beijing")
    )
    cols["events"].extend(events)
    return Dataset(**cols)


VISIT = dataset().events["ev-visit"]
# The same visit as another encoder saw it: the state as visitor, a later day, a venue inside Beijing.
TWIN = Visit(
    id="ev-visit-2",
    summary="Japan's foreign minister in Beijing.",
    participants=[Participant(actor="chn", role="host"), Participant(actor="jpn", role="visitor")],
    when=TimeSpan.parse("2018-01-28"),
    status="occurred",
    place="guesthouse",
    evidence=[quote("visited Beijing")],
    sources=["src-demo"],
)


class TestEventKey:
    def test_key(self) -> None:
        """The key holds kind, sorted sides, EDTF span, place and sorted codes."""
        coded = attrs.evolve(
            VISIT,
            codes=[
                EventCode(scheme="plover", code="CONSULT"),
                EventCode(scheme="cameo", code="042"),
            ],
        )
        ds = with_events()
        ds = ds.replace(coded)
        key = de.event_key(ds, "ev-visit")
        assert key == EventKey(
            kind="visit",
            sides=("CHN", "JPN"),
            when="2018-01-27/2018-01-28",
            place="beijing",
            codes=("cameo:042", "plover:CONSULT"),
        )
        assert str(key) == (
            '["visit",["CHN","JPN"],"2018-01-27/2018-01-28","beijing",["cameo:042","plover:CONSULT"]]'
        )
        assert de.event_key(ds, ds.events["ev-visit"]) == key

    def test_same_event_same_key(self) -> None:
        """Two encodings of one event (a person for a state, sides in another order) share a key."""
        again = attrs.evolve(
            TWIN, when=VISIT.when, place="beijing", evidence=[], sources=["src-demo"]
        )
        ds = with_events(again)
        assert str(de.event_key(ds, "ev-visit")) == str(de.event_key(ds, "ev-visit-2"))
        assert de.event_key(ds, "ev-meet").sides == ("CHN", "JPN")

    def test_unknown(self) -> None:
        """An id the dataset lacks is an error naming it."""
        with pytest.raises(ValidationError) as info:
            de.event_key(dataset(), "ev-none")
        assert str(info.value) == "is not an event of the dataset (got 'ev-none') at event"


class TestFindDuplicates:
    def test_candidate(self) -> None:
        """Same kind and sides, overlapping span, nested place: a candidate with its reasons."""
        assert de.find_duplicates(with_events(TWIN)) == (
            DuplicateCandidate(
                first="ev-visit",
                second="ev-visit-2",
                score=round((0.6 + 0.7 + 0.6 + 0.5) / 4, 3),
                reasons=(
                    "same kind (visit)",
                    "same sides (CHN, JPN)",
                    "overlapping time (2018-01-27/2018-01-28; 2018-01-28)",
                    "nested places (guesthouse in beijing)",
                    "shared participants (chn)",
                    "codes not given for both",
                ),
            ),
        )

    def test_identical_content(self) -> None:
        """An exact re-release (new id only) scores 1 when coded and dated to the day."""
        coded = attrs.evolve(
            TWIN, when=TimeSpan.parse("2018-01-28"), codes=[EventCode(scheme="cameo", code="042")]
        )
        copy = attrs.evolve(coded, id="ev-visit-3", evidence=[])
        (found,) = de.find_duplicates(with_events(coded, copy))[:1]
        assert (found.first, found.second, found.score) == ("ev-visit-2", "ev-visit-3", 1.0)
        assert found.reasons[2:] == (
            "same day (2018-01-28)",
            "same place (guesthouse)",
            "same participants",
            "same codes",
        )

    @pytest.mark.parametrize(
        "change",
        [
            {"when": TimeSpan.parse("2018-03")},
            {"place": "islands"},
            {
                "participants": [
                    Participant(actor="jpn", role="visitor"),
                    Participant(actor="kono-taro", role="host"),
                ]
            },
        ],
        ids=["other-time", "other-place", "other-sides"],
    )
    def test_not_candidates(self, change: dict[str, Any]) -> None:
        """Disjoint spans, unrelated places or other sides are never candidates."""
        other = attrs.evolve(TWIN, **change)
        assert de.find_duplicates(with_events(other)) == ()

    def test_codes_and_unknown_place(self) -> None:
        """Codes and a missing place change the score, each with its reason."""
        a = attrs.evolve(TWIN, place=None, codes=[EventCode(scheme="cameo", code="042")])
        b = attrs.evolve(
            TWIN,
            id="ev-visit-3",
            codes=[EventCode(scheme="cameo", code="042"), EventCode(scheme="cameo", code="043")],
        )
        c = attrs.evolve(TWIN, id="ev-visit-4", codes=[EventCode(scheme="cameo", code="043")])
        reasons = {(d.first, d.second): d.reasons for d in de.find_duplicates(with_events(a, b, c))}
        assert reasons["ev-visit-2", "ev-visit-3"][3::2] == (
            "place unknown for one",
            "some codes shared",
        )
        assert reasons["ev-visit-2", "ev-visit-4"][-1] == "no codes shared"

    def test_nested_either_way(self) -> None:
        """A place inside the other's place pairs whichever event comes first."""
        later = attrs.evolve(VISIT, id="ev-visit-9", evidence=[])
        found = {
            (d.first, d.second): d.reasons[3] for d in de.find_duplicates(with_events(TWIN, later))
        }
        assert found["ev-visit", "ev-visit-2"] == "nested places (guesthouse in beijing)"
        assert found["ev-visit-2", "ev-visit-9"] == "nested places (guesthouse in beijing)"
        assert found["ev-visit", "ev-visit-9"] == "same place (beijing)"

    def test_reference(self) -> None:
        """In the reference dataset the three Kono meetings of January 2018 pair up first."""
        found = de.find_duplicates(de.load_reference())
        assert {(d.first, d.second) for d in found[:3]} == {
            ("kono-li-meeting", "kono-yang-meeting"),
            ("kono-li-meeting", "kono-wang-meeting"),
            ("kono-yang-meeting", "kono-wang-meeting"),
        }
        assert [d.score for d in found] == sorted((d.score for d in found), reverse=True)


def statements(n: int, seed: int) -> Dataset:
    """`n` statements between random pairs of 10 states, on random days of n / 4 days.

    The density (events per pair of sides per day) is the same for any `n`,
    so the number of same-day pairs grows like `n`.
    """
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    states = [Actor(id=f"s-{i}", name=f"State {i}", kind="state") for i in range(10)]
    first = dt.date(2000, 1, 1).toordinal()
    events = []
    for i in range(n):
        a, b = rng.sample(states, 2)
        events.append(
            Statement(
                id=f"ev-{i}",
                summary="A statement.",
                stance="neutral",
                participants=[
                    Participant(actor=a.id, role="speaker"),
                    Participant(actor=b.id, role="target"),
                ],
                when=TimeSpan.of(dt.date.fromordinal(first + rng.randrange(n // 4))),
                status="occurred",
            )
        )
    return Dataset(actors=states, events=events)


def test_growth_is_near_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    """Eight times the events make about eight times the comparisons, not 64 (all pairs would).

    Counted, not timed: every pair `find_duplicates` compares goes through
    `_candidate`, so the count is the work that could grow quadratically.
    """
    from diplo_events.corpus import _duplicates

    compared = [0]
    candidate = _duplicates._candidate

    def counting(*args: Any) -> DuplicateCandidate | None:
        compared[0] += 1
        return candidate(*args)

    monkeypatch.setattr(_duplicates, "_candidate", counting)
    counts = []
    for n in (1_500, 12_000):
        compared[0] = 0
        de.find_duplicates(statements(n, n))
        counts.append(compared[0])
    # Within a pair of sides (45 of them) only events on the same day are compared.
    assert 4 * counts[0] < counts[1] < 12 * counts[0]
    all_pairs_in_blocks = 12_000**2 // (2 * 45)
    assert counts[1] < all_pairs_in_blocks // 100


class TestFold:
    def test_fold(self) -> None:
        """The twin keeps its fields and gains every span, source and participant of the duplicate."""
        ds = with_events(TWIN)
        folded = de.fold_duplicate(ds, "ev-visit-2", into="ev-visit")
        visit = folded.events["ev-visit"]
        assert "ev-visit-2" not in folded.events
        assert (visit.summary, visit.when, visit.place) == (VISIT.summary, VISIT.when, VISIT.place)
        assert visit.evidence == (*VISIT.evidence, *TWIN.evidence)
        assert visit.sources == ("src-demo",)
        assert visit.participants == (*VISIT.participants, TWIN.participants[1])
        assert folded.events["ev-meet"] == ds.events["ev-meet"]

    def test_references_follow(self) -> None:
        """Events that named the duplicate name the twin; links between the two are dropped."""
        dup = attrs.evolve(
            TWIN, relations=[Relation(kind="related_to", target="ev-visit")], when=VISIT.when
        )
        ds = with_events(dup)
        ds = ds.replace(
            attrs.evolve(ds.events["ev-meet"], part_of="ev-visit-2"),
            attrs.evolve(
                ds.events["ev-statement"],
                relations=[
                    Relation(kind="follows_up", target="ev-visit-2"),
                    *ds.events["ev-statement"].relations,
                ],
            ),
        )
        folded = de.fold_duplicate(ds, "ev-visit-2", into="ev-visit")
        assert folded.events["ev-visit"].relations == ()
        assert folded.events["ev-meet"].part_of == "ev-visit"
        assert folded.events["ev-statement"].relations == (
            Relation(kind="follows_up", target="ev-visit"),
        )

    def test_errors(self) -> None:
        """Unknown ids, an event folded into itself, or events of other kinds are refused."""
        ds = with_events(TWIN)
        with pytest.raises(
            ValidationError, match=r"is not an event of the dataset \(got 'ev-x'\) at into"
        ):
            de.fold_duplicate(ds, "ev-visit-2", into="ev-x")
        with pytest.raises(ValidationError, match="must be another event to fold into 'ev-visit'"):
            de.fold_duplicate(ds, "ev-visit", into="ev-visit")
        with pytest.raises(ValidationError, match="must be an event of kind 'visit'"):
            de.fold_duplicate(ds, "ev-meet", into="ev-visit")


def test_command(capsys: pytest.CaptureFixture[str]) -> None:
    """``duplicates`` prints score, ids and reasons, best first; --min-score filters."""
    assert main(["duplicates", "reference", "--min-score", "0.8"]) == 0
    assert capsys.readouterr().out == (
        "0.825 kono-li-meeting kono-yang-meeting: same kind (meeting); same sides (CHN, JPN); "
        "same span (2018-01); same place (beijing); shared participants (taro-kono); same codes\n"
    )
    assert main(["duplicates", "reference", "--min-score", "1.5"]) == 2
    assert "must be a number from 0 to 1 (got '1.5')" in capsys.readouterr().err

"""Tests for `diplo_events.analysis` (through the `Dataset` methods that delegate to it)."""

from __future__ import annotations

import sys
import types
from typing import Any

import attrs
import pytest

from diplo_events import (
    Dataset,
    DiploEventsError,
    Evidence,
    Relation,
    Source,
    TimeSpan,
    ValidationError,
)
from diplo_events.analysis import DyadCount, Edge, MeetingNetwork, Quote

from .test_query import build_dataset


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return build_dataset()


class TestTimeline:
    def test_one_actor(self, ds: Dataset) -> None:
        """An actor's events in order, each printed with date, status, precision and kind."""
        lines = [str(entry) for entry in ds.timeline("kono")]
        assert lines == [
            "2018-01-27/2018-01-28   occurred     day   visit     Kono visits China.",
            "2018-01-28              occurred     day   meeting   Kono meets Wang.",
        ]

    def test_entry_fields(self, ds: Dataset) -> None:
        """An entry exposes the event's span, status, precision and kind."""
        entry = ds.timeline("jpn")[1]
        assert entry.event.id == "s1"
        assert (str(entry.when), entry.status.value, entry.precision.value, entry.kind.value) == (
            "2018-01",
            "occurred",
            "month",
            "statement",
        )

    def test_members(self, ds: Dataset) -> None:
        """include_members counts the state's members at the time."""
        assert [e.event.id for e in ds.timeline("chn", include_members=True)][-3:] == [
            "v1",
            "m1",
            "m2",
        ]

    def test_pair(self, ds: Dataset) -> None:
        """With two actors, the events between them."""
        assert [e.event.id for e in ds.timeline("jpn", "chn")] == [
            "d1",
            "s1",
            "a1",
            "i1",
            "v1",
            "m1",
            "m2",
        ]


class TestDyadCounts:
    def test_by_side(self, ds: Dataset) -> None:
        """Sides are countries, else actor ids; each event counts once per pair."""
        assert ds.dyad_counts() == (
            DyadCount("CHN", "JPN", None, 7),
            DyadCount("CHN", "KOR", None, 1),
            DyadCount("JPN", "KOR", None, 1),
            DyadCount("KOR", "un", None, 1),
        )

    def test_by_actor_per_month(self, ds: Dataset) -> None:
        """Per month: events within one month count there, the others under None, last."""
        assert ds.dyad_counts(by="actor", per_month=True) == (
            DyadCount("chn", "jpn", "2018-01", 2),
            DyadCount("chn", "kono", "2018-01", 1),
            DyadCount("kono", "wang", "2018-01", 1),
            DyadCount("chn", "jpn", "2018-05", 1),
            DyadCount("chn", "kor", "2018-05", 1),
            DyadCount("jpn", "kor", "2018-05", 1),
            DyadCount("chn", "jpn", None, 2),
            DyadCount("envoy", "kor", None, 1),
        )

    def test_of_a_query(self, ds: Dataset) -> None:
        """The events to count can be a query; intervals within one month count in it."""
        counts = ds.dyad_counts(per_month=True, events=ds.query().kind("visit"))
        assert counts == (DyadCount("CHN", "JPN", "2018-01", 1),)

    def test_interval_across_months(self, ds: Dataset) -> None:
        """An interval over two months has no single month."""
        visit = attrs.evolve(ds.events["v1"], when=TimeSpan.parse("2018-01-30/2018-02-02"))
        assert ds.dyad_counts(per_month=True, events=[visit]) == (DyadCount("CHN", "JPN", None, 1),)

    def test_bad_by(self, ds: Dataset) -> None:
        """'by' is 'side' or 'actor'."""
        with pytest.raises(ValidationError) as info:
            ds.dyad_counts(by="country")
        assert str(info.value) == "must be 'side' or 'actor' (got 'country') at by"


class TestMeetingNetwork:
    def test_default_is_occurred_meetings_and_visits(self, ds: Dataset) -> None:
        """By default: meetings and visits that occurred, by side."""
        assert ds.meeting_network() == MeetingNetwork(
            nodes=("CHN", "JPN"), edges=(Edge(a="CHN", b="JPN", total=2, events=("v1", "m1")),)
        )

    def test_by_actor_over_any_events(self, ds: Dataset) -> None:
        """Events given as a list are used as given (planned m2 too); nodes are the actors."""
        network = ds.meeting_network(by="actor", events=list(ds.query().kind("meeting")))
        assert network.nodes == ("chn", "jpn", "kono", "kor", "wang")
        assert [(e.a, e.b, e.total) for e in network.edges] == [
            ("chn", "jpn", 1),
            ("chn", "kor", 1),
            ("jpn", "kor", 1),
            ("kono", "wang", 1),
        ]

    def test_a_query_naming_kinds_keeps_the_status_default(self, ds: Dataset) -> None:
        """kind('meeting'): the meetings that occurred (m1), not the planned m2."""
        assert ds.meeting_network(events=ds.query().kind("meeting")) == MeetingNetwork(
            nodes=("CHN", "JPN"), edges=(Edge(a="CHN", b="JPN", total=1, events=("m1",)),)
        )

    def test_a_query_naming_statuses_keeps_the_kind_default(self, ds: Dataset) -> None:
        """status('planned'): the planned meetings and visits (m2), not the planned agreement a1."""
        network = ds.meeting_network(events=ds.query().status("planned"))
        assert [(e.a, e.b, e.events) for e in network.edges] == [
            ("CHN", "JPN", ("m2",)),
            ("CHN", "KOR", ("m2",)),
            ("JPN", "KOR", ("m2",)),
        ]

    def test_a_query_naming_both_is_used_as_it_is(self, ds: Dataset) -> None:
        """Kinds and statuses named: exactly those events (a1 and m2, both planned)."""
        q = ds.query().kind("agreement", "meeting").status("planned")
        network = ds.meeting_network(events=q)
        assert [(e.a, e.b, e.events) for e in network.edges] == [
            ("CHN", "JPN", ("a1", "m2")),
            ("CHN", "KOR", ("m2",)),
            ("JPN", "KOR", ("m2",)),
        ]

    def test_a_query_naming_neither_gets_both_defaults(self, ds: Dataset) -> None:
        """involving('kono') names no kind or status: Kono's meetings and visits that occurred."""
        assert ds.meeting_network(events=ds.query().involving("kono")) == ds.meeting_network()
        everything = ds.meeting_network(events=list(ds.query().involving("jpn")))
        assert everything.edges[0].events == ("d1", "s1", "a1", "i1", "m2")  # CHN-JPN, any kind

    def test_a_where_predicate_is_not_a_named_kind(self, ds: Dataset) -> None:
        """A kind tested in where() is not named: the default kinds still apply (no statement)."""
        q = ds.query().where(lambda e: e.kind.value == "statement")
        assert ds.meeting_network(events=q) == MeetingNetwork(nodes=(), edges=())
        assert ds.meeting_network(events=q.kind("statement")).edges[0].events == ("s1",)

    def test_to_networkx(self, ds: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
        """to_networkx() fills a networkx Graph with weighted edges."""
        calls: list[tuple[str, Any]] = []

        class Graph:
            def add_nodes_from(self, nodes: Any) -> None:
                calls.append(("nodes", nodes))

            def add_edge(self, a: str, b: str, **attrs: Any) -> None:
                calls.append(("edge", (a, b, attrs)))

        fake = types.ModuleType("networkx")
        fake.Graph = Graph  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "networkx", fake)
        graph = ds.meeting_network().to_networkx()
        assert isinstance(graph, Graph)
        assert calls == [
            ("nodes", ("CHN", "JPN")),
            ("edge", ("CHN", "JPN", {"weight": 2, "events": ["v1", "m1"]})),
        ]

    def test_to_networkx_without_networkx(
        self, ds: Dataset, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without networkx, to_networkx() says how to install it."""
        monkeypatch.setitem(sys.modules, "networkx", None)
        with pytest.raises(DiploEventsError) as info:
            ds.meeting_network().to_networkx()
        assert str(info.value) == "MeetingNetwork.to_networkx needs networkx: pip install networkx"


class TestDisputeHistory:
    def test_linked_events_in_order(self, ds: Dataset) -> None:
        """Events leading to the dispute through relations, transitively, in order."""
        assert [e.event.id for e in ds.dispute_history("d1")] == ["a1", "i1", "s2"]

    def test_events_the_dispute_points_to(self, ds: Dataset) -> None:
        """The dispute's own relations are followed too, transitively."""
        changed = {
            "d1": attrs.evolve(
                ds.events["d1"], relations=[Relation(kind="caused_by", target="m1")]
            ),
            "s2": attrs.evolve(  # reaches the dispute by two paths
                ds.events["s2"],
                relations=[*ds.events["s2"].relations, Relation(kind="related_to", target="d1")],
            ),
        }
        data = Dataset(
            sources=ds.sources.values(),
            actors=ds.actors.values(),
            memberships=ds.memberships,
            places=ds.places.values(),
            events=[changed.get(e.id, e) for e in ds.events.values()],
        )
        assert [e.event.id for e in data.dispute_history("d1")] == ["a1", "i1", "s2", "m1"]
        assert data.dispute_history("d1") == data.dispute_history("d1")  # from the cache

    def test_not_a_dispute(self, ds: Dataset) -> None:
        """The id must be a dispute's."""
        with pytest.raises(ValidationError) as info:
            ds.dispute_history("m1")
        assert str(info.value) == "must be a dispute, not a meeting (got 'm1') at dispute_id"

    def test_unknown(self, ds: Dataset) -> None:
        """An unknown id is reported."""
        with pytest.raises(ValidationError) as info:
            ds.dispute_history("d2")
        assert str(info.value) == "refers to an unknown event (got 'd2') at dispute_id"


class TestEvidence:
    def test_quotes_with_sources(self, ds: Dataset) -> None:
        """Each evidence span comes with its source; str() shows quote and title."""
        quotes = ds.evidence_of("m1")
        assert quotes == ds.evidence_of(ds.events["m1"])
        assert [str(q) for q in quotes] == ["\u201cKono met Wang in Beijing\u201d (A test article)"]
        assert quotes[0].text == "Kono met Wang in Beijing"
        assert quotes[0].context(5) == "[Kono met Wang in Beijing]. Chi"

    def test_no_evidence(self, ds: Dataset) -> None:
        """An event without evidence has no quotes."""
        assert ds.evidence_of("m2") == ()

    def test_context_without_source_text(self) -> None:
        """Without the source text, the context is the quote alone."""
        quote = Quote(
            record="x",
            evidence=Evidence(source="s", start=3, end=7, quote="talk"),
            source=Source(id="s", title="Untranscribed"),
        )
        assert quote.context() == "talk"

    def test_unknown_event(self, ds: Dataset) -> None:
        """An unknown event is reported."""
        with pytest.raises(ValidationError) as info:
            ds.evidence_of("nope")
        assert str(info.value) == "refers to an unknown event (got 'nope') at event"

"""The query index agrees with a direct computation from the events (`diplo_events._index`).

The build works out each distinct span object's bounds once and sorts codes of
bounds rather than the bounds themselves; these properties check that the
result is what one would get event by event, whether events share span
objects or not and whatever the order of their ids.
"""

from __future__ import annotations

from collections import defaultdict

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from diplo_events import Dataset, TimeSpan
from diplo_events import strategies as st_de
from diplo_events._index import N_LAYERS, EventIndex, chronological_key, span_ordinals

from ..helpers import with_events

pytestmark = pytest.mark.property


@st.composite
def reshuffled(draw: st.DrawFn) -> Dataset:
    """A generated dataset in a drawn order, some events sharing span objects, some not."""
    ds = draw(st_de.datasets(max_events=14))
    events = draw(st.permutations(list(ds.events.values())))
    rebuilt = []
    for event in events:
        span = event.when
        if draw(st.booleans()):  # parsed spans are cached: equal spans become one object
            span = TimeSpan.parse(str(span))
        else:  # a fresh object of the same value
            span = TimeSpan(start=span.start, end=span.end)
        rebuilt.append(attrs.evolve(event, when=span))
    return with_events(ds, rebuilt)


class TestIndexColumns:
    @given(ds=reshuffled())
    def test_ranks_bounds_and_layers(self, ds: Dataset) -> None:
        """Ranks follow the chronological key; bounds and layers are those of each event."""
        index = EventIndex(ds)
        expected = sorted(ds.events.values(), key=chronological_key)
        assert list(index.events) == expected
        assert index.events_at(range(len(expected))) == expected
        assert index.events_at(reversed(range(len(expected)))) == expected[::-1]
        assert len(index) == len(expected)
        assert [(lo, hi) for lo, hi in zip(index.lo, index.hi, strict=True)] == [
            span_ordinals(e.when) for e in expected
        ]
        assert len(index.layers) == len(expected)
        by_layer: list[list[int]] = [[] for _ in range(N_LAYERS)]
        for rank, layer in enumerate(index.layers):
            by_layer[layer].append(rank)
        assert [list(ranks) for ranks in index.every] == by_layer
        for layer in (3, 4):
            lengths = [index.hi[r] - index.lo[r] for r in by_layer[layer]]
            assert index.max_length[layer] == max(lengths, default=0)
        for rank, layer in enumerate(index.layers):  # no event outlasts its layer's bound
            if layer < 5:
                assert index.hi[rank] - index.lo[rank] <= index.max_length[layer]

    @given(ds=reshuffled())
    def test_actor_table(self, ds: Dataset) -> None:
        """Each actor's posting holds, per layer, the sorted ranks of its events, once each."""
        index = EventIndex(ds)
        expected: defaultdict[object, list[list[int]]] = defaultdict(
            lambda: [[] for _ in range(N_LAYERS)]
        )
        for rank, event in enumerate(index.events):
            for actor in dict.fromkeys(p.actor for p in event.participants):
                expected[actor][index.layers[rank]].append(rank)
        table = index.table("actor")
        assert {key: [list(ranks) for ranks in posting] for key, posting in table.items()} == (
            dict(expected)
        )

    @given(ds=reshuffled())
    def test_other_tables(self, ds: Dataset) -> None:
        """The kind, status and topic tables hold the sorted ranks of their events."""
        index = EventIndex(ds)
        for name, keys_of in (
            ("kind", lambda e: (e.kind,)),
            ("status", lambda e: (e.status,)),
            ("topic", lambda e: e.topics),
        ):
            expected: defaultdict[object, list[int]] = defaultdict(list)
            for rank, event in enumerate(index.events):
                for key in dict.fromkeys(keys_of(event)):
                    expected[key].append(rank)
            table = index.table(name)
            assert {key: sorted(r for ranks in p for r in ranks) for key, p in table.items()} == (
                dict(expected)
            )

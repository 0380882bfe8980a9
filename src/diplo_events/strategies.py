"""Hypothesis strategies for diplo_events records and whole datasets.

Install the ``testing`` extra (``pip install diplo-events[testing]``) to use them
in your own property tests (without hypothesis, importing this module raises
`MissingDependencyError` naming the extra)::

    from hypothesis import given
    from diplo_events import strategies as st_de

    @given(st_de.datasets())
    def test_my_exporter(ds): ...

Strategies are built bottom-up: ids, partial dates, spans, then records, then
`datasets`. Every record and dataset they generate is valid. `broken_datasets`
generates a valid dataset together with one injected fault and the path at
which validation must report it.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ._iso3166 import ALPHA3
from ._optional import optional
from .dataset import Dataset
from .enums import (
    ActorKind,
    AgreementStage,
    DisputeState,
    GeoPrecision,
    IncidentCategory,
    MeetingFormat,
    MeetingSetting,
    PlaceKind,
    RelationKind,
    Role,
    Stance,
    Status,
)
from .model import (
    Actor,
    Agreement,
    Dispute,
    Event,
    Evidence,
    GeoPoint,
    Incident,
    Meeting,
    Membership,
    PartialDate,
    Participant,
    Place,
    PlaceName,
    Relation,
    Source,
    Statement,
    TimeSpan,
    Unbounded,
    Visit,
)

if TYPE_CHECKING:
    from hypothesis import strategies as st
else:  # imported on use of this module, naming the extra when it is missing
    st = optional("hypothesis.strategies", "testing", "diplo_events.strategies")

__all__ = [
    "Fault",
    "actors",
    "broken_datasets",
    "datasets",
    "event_kwargs",
    "events",
    "evidence_in",
    "geo_points",
    "ids",
    "partial_dates",
    "places",
    "sources",
    "texts",
    "time_spans",
]

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6)
_COUNTRIES = sorted(ALPHA3)
_SIDELESS = frozenset({Role.OBSERVER, Role.MEDIATOR})


def ids(prefix: str | None = None) -> st.SearchStrategy[str]:
    """Valid ids: slugs of one to three words, optionally starting with ``prefix-``."""
    words = st.lists(_WORD, min_size=1, max_size=3).map("-".join)
    if prefix is None:
        return words
    return words.map(lambda w: f"{prefix}-{w}")


def texts(*, min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-blank text, including non-ASCII letters and punctuation."""
    alphabet = st.characters(
        codec="utf-8", categories=("L", "N", "P", "Zs"), exclude_characters="\x00"
    )
    return st.text(alphabet=alphabet, min_size=min_size, max_size=max_size).filter(
        lambda s: bool(s.strip())
    )


@st.composite
def partial_dates(
    draw: st.DrawFn, *, min_year: int = 1, max_year: int = 9999, qualified: bool = True
) -> PartialDate:
    """Partial dates at day, month or year precision, with qualifiers when `qualified`."""
    year = draw(st.integers(min_year, max_year))
    precision = draw(st.sampled_from(("year", "month", "day")))
    month = day = None
    if precision != "year":
        month = draw(st.integers(1, 12))
    if precision == "day":
        assert month is not None  # noqa: S101 - set just above
        day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    uncertain = approximate = False
    if qualified:
        uncertain, approximate = draw(st.tuples(st.booleans(), st.booleans()))
    return PartialDate(
        year=year, month=month, day=day, uncertain=uncertain, approximate=approximate
    )


@st.composite
def time_spans(
    draw: st.DrawFn, *, min_year: int = 1, max_year: int = 9999, qualified: bool = True
) -> TimeSpan:
    """Single dates and intervals with dated, open or unknown ends."""
    dates = partial_dates(min_year=min_year, max_year=max_year, qualified=qualified)
    shape = draw(st.sampled_from(("single", "closed", "open-end", "open-start")))
    if shape == "single":
        return TimeSpan(start=draw(dates))
    if shape == "open-end":
        return TimeSpan(start=draw(dates), end=draw(st.sampled_from(list(Unbounded))))
    if shape == "open-start":
        return TimeSpan(start=draw(st.sampled_from(list(Unbounded))), end=draw(dates))
    first, second = draw(dates), draw(dates)
    if first.earliest > second.latest:
        first, second = second, first
    return TimeSpan(start=first, end=second)


@st.composite
def sources(draw: st.DrawFn, *, source_id: str | None = None) -> Source:
    """Sources with a text of at least 20 code points (so evidence can point into it)."""
    return Source(
        id=source_id or draw(ids("src")),
        title=draw(texts()),
        authors=draw(st.lists(texts(max_size=20), max_size=2)),
        publisher=draw(st.none() | texts(max_size=20)),
        published=draw(st.none() | partial_dates(min_year=1900, max_year=2100)),
        url=draw(st.none() | ids().map(lambda s: f"https://example.org/{s}")),
        language=draw(st.sampled_from((None, "en", "ja", "zh-Hans"))),
        credit=draw(st.none() | texts(max_size=20)),
        text=draw(texts(min_size=20, max_size=200)),
        note=draw(st.none() | texts()),
    )


@st.composite
def evidence_in(draw: st.DrawFn, source: Source) -> Evidence:
    """An evidence span whose quote (and context, if drawn) matches `source.text`."""
    text = source.text or ""
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, min(len(text), start + 40)))
    prefix = suffix = None
    if start > 0 and draw(st.booleans()):
        prefix = text[max(0, start - 8) : start]
    if end < len(text) and draw(st.booleans()):
        suffix = text[end : end + 8]
    return Evidence(
        source=source.id, start=start, end=end, quote=text[start:end], prefix=prefix, suffix=suffix
    )


@st.composite
def actors(draw: st.DrawFn, *, actor_id: str | None = None, kind: ActorKind | None = None) -> Actor:
    """Actors without evidence (so they stand alone)."""
    kind = kind or draw(st.sampled_from(list(ActorKind)))
    return Actor(
        id=actor_id or draw(ids()),
        name=draw(texts()),
        kind=kind,
        aliases=draw(st.lists(texts(max_size=12), max_size=2, unique=True)),
        country=draw(st.none() | st.sampled_from(_COUNTRIES)),
        identifiers=draw(
            st.dictionaries(
                st.sampled_from(("wikidata", "cameo", "icews")),
                st.integers(1, 10**6).map(lambda n: f"Q{n}"),
                max_size=2,
            )
        ),
        note=draw(st.none() | texts()),
    )


def _degrees(limit: int) -> st.SearchStrategy[float | int]:
    floats = st.floats(-limit, limit, allow_nan=False, allow_infinity=False)
    return floats | st.integers(-limit, limit)


def geo_points() -> st.SearchStrategy[GeoPoint]:
    """WGS 84 points: any latitude and longitude in range (floats, and whole degrees as ints)."""
    return st.builds(
        GeoPoint,
        latitude=_degrees(90),
        longitude=_degrees(180),
        precision=st.none() | st.sampled_from(list(GeoPrecision)),
        feature=st.none() | st.sampled_from(("PPLC", "PPLA", "ADM1", "ADM2", "PCLI")),
    )


@st.composite
def places(draw: st.DrawFn, *, place_id: str | None = None, actor_ids: Sequence[str] = ()) -> Place:
    """Places; names, claims and administration refer to `actor_ids`."""
    refs = (
        st.lists(st.sampled_from(actor_ids), max_size=2, unique=True) if actor_ids else st.just([])
    )
    return Place(
        id=place_id or draw(ids("pl")),
        name=draw(texts()),
        kind=draw(st.sampled_from(list(PlaceKind))),
        names=draw(
            st.lists(
                st.builds(
                    PlaceName,
                    name=texts(max_size=12),
                    used_by=refs,
                    lang=st.sampled_from((None, "en", "ja")),
                ),
                max_size=2,
            )
        ),
        country=draw(st.none() | st.sampled_from(_COUNTRIES)),
        identifiers=draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "wikidata": st.integers(1, 10**6).map(lambda n: f"Q{n}"),
                    "geonames": st.integers(1, 10**7).map(str),
                },
            )
        ),
        point=draw(st.none() | geo_points()),
        claimed_by=draw(refs),
        administered_by=draw(refs),
        note=draw(st.none() | texts()),
    )


def _kind_fields(draw: st.DrawFn, cls: type[Event], sides: int) -> dict[str, Any]:
    if cls is Meeting:
        fmt = {2: MeetingFormat.BILATERAL, 3: MeetingFormat.TRILATERAL}.get(
            sides, MeetingFormat.MULTILATERAL
        )
        return {"format": fmt, "setting": draw(st.sampled_from(list(MeetingSetting)))}
    if cls is Visit:
        return {"reciprocal": draw(st.booleans())}
    if cls is Agreement:
        return {
            "stage": draw(st.sampled_from(list(AgreementStage))),
            "terms": draw(st.lists(texts(max_size=20), max_size=2)),
        }
    if cls is Dispute:
        return {"subject": draw(texts()), "state": draw(st.sampled_from(list(DisputeState)))}
    if cls is Statement:
        return {"stance": draw(st.sampled_from(list(Stance)))}
    return {"category": draw(st.sampled_from(list(IncidentCategory)))}


def _roles_for(cls: type[Event], n: int) -> list[Role]:
    if cls is Visit:
        return [Role.VISITOR] + [Role.HOST] * (n - 1)
    if cls is Dispute:
        return [Role.PARTY] * n
    if cls is Statement:
        return [Role.SPEAKER] + [Role.ADDRESSEE] * (n - 1)
    if cls is Meeting:
        return [Role.PARTY] * n
    if cls is Agreement:
        return [Role.SIGNATORY] * n
    return [Role.INITIATOR] + [Role.TARGET] * (n - 1)


@st.composite
def event_kwargs(
    draw: st.DrawFn,
    cls: type[Event],
    *,
    actor_pool: Sequence[Actor],
    event_id: str | None = None,
) -> dict[str, Any]:
    """Constructor arguments for a valid event of kind `cls` among `actor_pool`.

    `actor_pool` must hold at least two actors with distinct countries-or-ids.
    The result has no place, evidence, part_of or relations: `datasets` adds them.
    """
    by_side: dict[str, Actor] = {}
    for actor in actor_pool:
        by_side.setdefault(actor.country or actor.id, actor)
    minimum = 2 if cls in {Meeting, Visit, Agreement, Dispute} else 1
    chosen = draw(
        st.lists(
            st.sampled_from(list(by_side.values())),
            min_size=minimum,
            max_size=min(6, len(by_side)),
            unique_by=lambda a: a.id,
        )
    )
    roles = _roles_for(cls, len(chosen))
    participants = [
        Participant(actor=a.id, role=r, title=draw(st.none() | texts(max_size=20)))
        for a, r in zip(chosen, roles, strict=True)
    ]
    return {
        "id": event_id or draw(ids("ev")),
        "summary": draw(texts()),
        "participants": participants,
        "when": draw(time_spans(min_year=1900, max_year=2100)),
        "status": draw(st.sampled_from(list(Status))),
        "topics": draw(st.lists(ids(), max_size=3, unique=True)),
        "note": draw(st.none() | texts()),
        **_kind_fields(draw, cls, len(chosen)),
    }


_EVENT_CLASSES: tuple[type[Event], ...] = (Meeting, Visit, Agreement, Dispute, Statement, Incident)


@st.composite
def events(draw: st.DrawFn, *, kinds: Sequence[type[Event]] = _EVENT_CLASSES) -> Event:
    """Stand-alone valid events (their actor ids are not backed by a dataset)."""
    pool = [
        Actor(id=f"a{i}", name=f"Actor {i}", kind=ActorKind.STATE, country=None) for i in range(6)
    ]
    cls = draw(st.sampled_from(list(kinds)))
    return cls(**draw(event_kwargs(cls, actor_pool=pool)))


@st.composite
def datasets(
    draw: st.DrawFn, *, min_events: int = 0, max_events: int = 8, max_actors: int = 6
) -> Dataset:
    """Whole valid datasets: references resolve, evidence matches, no cycles, kind rules hold."""
    source = draw(sources(source_id="src-main"))
    n_actors = draw(st.integers(2, max(2, max_actors)))
    pool: list[Actor] = []
    for i in range(n_actors):
        kind = ActorKind.STATE if i < 2 else draw(st.sampled_from(list(ActorKind)))
        actor = draw(actors(actor_id=f"actor-{i}", kind=kind))
        if draw(st.booleans()):
            actor = attrs.evolve(actor, evidence=[draw(evidence_in(source))])
        pool.append(actor)
    # Organisations may belong to an earlier state or organisation (no cycles by construction).
    for i in range(2, len(pool)):
        bodies = [a.id for a in pool[:i] if a.kind is not ActorKind.PERSON]
        if pool[i].kind is not ActorKind.PERSON and bodies and draw(st.booleans()):
            pool[i] = attrs.evolve(pool[i], part_of=draw(st.sampled_from(bodies)))
    # The first two actors are on different sides, so two-sided events are always possible.
    if pool[0].country is not None and pool[0].country == pool[1].country:
        pool[1] = attrs.evolve(pool[1], country=None)
    actor_ids = [a.id for a in pool]

    place_list: list[Place] = []
    for i in range(draw(st.integers(0, 3))):
        place = draw(places(place_id=f"place-{i}", actor_ids=actor_ids))
        if i and draw(st.booleans()):
            place = attrs.evolve(place, part_of=f"place-{draw(st.integers(0, i - 1))}")
        place_list.append(place)

    people = [a for a in pool if a.kind is ActorKind.PERSON]
    orgs = [a for a in pool if a.kind is not ActorKind.PERSON]
    memberships = [
        Membership(
            person=draw(st.sampled_from(people)).id,
            organization=draw(st.sampled_from(orgs)).id,
            title=draw(texts(max_size=20)),
            when=draw(st.none() | time_spans(min_year=1900, max_year=2100)),
            evidence=draw(st.lists(evidence_in(source), max_size=1)),
        )
        for _ in range(draw(st.integers(0, 3) if people else st.just(0)))
    ]

    event_list: list[Event] = []
    for i in range(draw(st.integers(min_events, max_events))):
        cls = draw(st.sampled_from(list(_EVENT_CLASSES)))
        kwargs = draw(event_kwargs(cls, actor_pool=pool, event_id=f"ev-{i}"))
        kwargs["evidence"] = draw(st.lists(evidence_in(source), min_size=1, max_size=3))
        kwargs["sources"] = draw(st.sampled_from([(), (source.id,)]))
        with_place = draw(st.booleans())
        if place_list and with_place:
            kwargs["place"] = draw(st.sampled_from(place_list)).id
        if cls is Dispute and place_list:
            kwargs["subject_places"] = draw(
                st.lists(st.sampled_from([p.id for p in place_list]), max_size=2, unique=True)
            )
        if event_list:
            earlier = [e.id for e in event_list]
            kwargs["relations"] = draw(
                st.lists(
                    st.builds(
                        Relation,
                        kind=st.sampled_from(list(RelationKind)),
                        target=st.sampled_from(earlier),
                    ),
                    max_size=2,
                    unique=True,
                )
            )
            parent = draw(st.none() | st.sampled_from(event_list))
            if parent is not None:
                kwargs["part_of"] = parent.id
                kwargs["when"] = parent.when
        event_list.append(cls(**kwargs))
    return Dataset(
        sources=[source],
        actors=pool,
        memberships=memberships,
        places=place_list,
        events=event_list,
    )


@attrs.frozen(kw_only=True)
class Fault:
    """A fault injected into a valid dataset.

    Attributes:
        name: What kind of fault (``"unknown-actor"``, ``"quote-mismatch"``, …).
        collections: The dataset's collections as `Dataset` keyword arguments, fault included.
        path: The path at which validation must report the fault.
        original: The valid dataset the fault was injected into (so a test can
            also make the fault as an edit of it).
    """

    name: str
    collections: dict[str, tuple[Any, ...]] = attrs.field(eq=False)
    path: str
    original: Dataset | None = attrs.field(default=None, eq=False)

    def build(self) -> Dataset:
        """Build the (invalid) dataset; this raises `ValidationError`."""
        return Dataset(**self.collections)


def _collections(ds: Dataset) -> dict[str, tuple[Any, ...]]:
    return {
        "sources": tuple(ds.sources.values()),
        "actors": tuple(ds.actors.values()),
        "memberships": ds.memberships,
        "places": tuple(ds.places.values()),
        "events": tuple(ds.events.values()),
    }


def _replace_event(cols: dict[str, tuple[Any, ...]], index: int, event: Event) -> None:
    items = list(cols["events"])
    items[index] = event
    cols["events"] = tuple(items)


def _fault_unknown_actor(ds: Dataset, i: int, cols: dict[str, tuple[Any, ...]]) -> str:
    event = list(ds.events.values())[i]
    first = attrs.evolve(event.participants[0], actor="no-such-actor")
    _replace_event(cols, i, attrs.evolve(event, participants=(first, *event.participants[1:])))
    return f"events[{event.id!r}].participants[0].actor"


def _fault_unknown_place(ds: Dataset, i: int, cols: dict[str, tuple[Any, ...]]) -> str:
    event = list(ds.events.values())[i]
    _replace_event(cols, i, attrs.evolve(event, place="no-such-place"))
    return f"events[{event.id!r}].place"


def _fault_quote_mismatch(ds: Dataset, i: int, cols: dict[str, tuple[Any, ...]]) -> str:
    event = list(ds.events.values())[i]
    span = event.evidence[0]
    text = ds.sources[span.source].text or ""
    wrong = "".join("#" if c != "#" else "*" for c in span.quote)
    assert wrong != text[span.start : span.end]  # noqa: S101 - every character differs
    bad = attrs.evolve(span, quote=wrong)
    _replace_event(cols, i, attrs.evolve(event, evidence=(bad, *event.evidence[1:])))
    return f"events[{event.id!r}].evidence[0].quote"


def _fault_past_end(ds: Dataset, i: int, cols: dict[str, tuple[Any, ...]]) -> str:
    event = list(ds.events.values())[i]
    span = event.evidence[0]
    size = len(ds.sources[span.source].text or "")
    bad = attrs.evolve(span, start=size, end=size + 1, quote="x", prefix=None, suffix=None)
    _replace_event(cols, i, attrs.evolve(event, evidence=(bad, *event.evidence[1:])))
    return f"events[{event.id!r}].evidence[0].end"


def _fault_unknown_source(ds: Dataset, i: int, cols: dict[str, tuple[Any, ...]]) -> str:
    event = list(ds.events.values())[i]
    bad = attrs.evolve(event.evidence[0], source="no-such-source")
    _replace_event(cols, i, attrs.evolve(event, evidence=(bad, *event.evidence[1:])))
    return f"events[{event.id!r}].evidence[0].source"


def _fault_duplicate_id(ds: Dataset, i: int, cols: dict[str, tuple[Any, ...]]) -> str:
    event = list(ds.events.values())[i]
    cols["events"] = (*cols["events"], event)
    return f"events[{len(ds.events)}].id"


def _fault_unknown_event_source(ds: Dataset, i: int, cols: dict[str, tuple[Any, ...]]) -> str:
    event = list(ds.events.values())[i]
    _replace_event(cols, i, attrs.evolve(event, sources=("no-such-source",)))
    return f"events[{event.id!r}].sources[0]"


def _fault_unknown_target(ds: Dataset, i: int, cols: dict[str, tuple[Any, ...]]) -> str:
    event = list(ds.events.values())[i]
    rel = Relation(kind=RelationKind.RELATED_TO, target="no-such-event")
    _replace_event(cols, i, attrs.evolve(event, relations=(rel, *event.relations)))
    return f"events[{event.id!r}].relations[0].target"


def _fault_self_cycle(ds: Dataset, i: int, cols: dict[str, tuple[Any, ...]]) -> str:
    """Make the first event part of event `i` and event `i` part of the first one."""
    values = list(ds.events.values())
    first, other = values[0], values[i]
    if i == 0:
        return _fault_unknown_part_of(ds, i, cols)
    _replace_event(cols, 0, attrs.evolve(first, part_of=other.id, when=other.when))
    _replace_event(cols, i, attrs.evolve(other, part_of=first.id))
    return f"events[{first.id!r}].part_of"


def _fault_unknown_part_of(ds: Dataset, i: int, cols: dict[str, tuple[Any, ...]]) -> str:
    event = list(ds.events.values())[i]
    _replace_event(cols, i, attrs.evolve(event, part_of="no-such-event"))
    return f"events[{event.id!r}].part_of"


def _fault_meeting_sides(ds: Dataset, i: int, cols: dict[str, tuple[Any, ...]]) -> str:
    """Make event `i` a trilateral meeting of the first two actors, who are on two sides."""
    event = list(ds.events.values())[i]
    first, second = list(ds.actors)[:2]
    common = {f.name: getattr(event, f.name) for f in attrs.fields(Event)}
    common["participants"] = (
        Participant(actor=first, role=Role.PARTY),
        Participant(actor=second, role=Role.PARTY),
    )
    _replace_event(cols, i, Meeting(**common, format=MeetingFormat.TRILATERAL))
    return f"events[{event.id!r}].participants"


def _fault_behalf_of_person(ds: Dataset, i: int, cols: dict[str, tuple[Any, ...]]) -> str:
    """Add a person and make the first participant of event `i` act on their behalf."""
    event = list(ds.events.values())[i]
    person = Actor(id="fault-person", name="Fault Person", kind=ActorKind.PERSON)
    cols["actors"] = (*cols["actors"], person)
    first = attrs.evolve(event.participants[0], on_behalf_of=person.id)
    _replace_event(cols, i, attrs.evolve(event, participants=(first, *event.participants[1:])))
    return f"events[{event.id!r}].participants[0].on_behalf_of"


_FAULTS: dict[str, Callable[[Dataset, int, dict[str, tuple[Any, ...]]], str]] = {
    "unknown-actor": _fault_unknown_actor,
    "unknown-place": _fault_unknown_place,
    "quote-mismatch": _fault_quote_mismatch,
    "evidence-past-end": _fault_past_end,
    "unknown-source": _fault_unknown_source,
    "unknown-event-source": _fault_unknown_event_source,
    "duplicate-id": _fault_duplicate_id,
    "unknown-relation-target": _fault_unknown_target,
    "unknown-part-of": _fault_unknown_part_of,
    "part-of-cycle": _fault_self_cycle,
    "meeting-sides": _fault_meeting_sides,
    "behalf-of-person": _fault_behalf_of_person,
}


@st.composite
def broken_datasets(draw: st.DrawFn) -> Fault:
    """A valid dataset with one injected fault, and the path where it must be reported."""
    ds = draw(datasets(min_events=1))
    name = draw(st.sampled_from(sorted(_FAULTS)))
    index = draw(st.integers(0, len(ds.events) - 1))
    cols = _collections(ds)
    path = _FAULTS[name](ds, index, cols)
    return Fault(name=name, collections=cols, path=path, original=ds)

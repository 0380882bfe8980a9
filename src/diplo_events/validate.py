"""Dataset-level checks: the rules that span records.

Each record checks its own fields when it is built. What needs the whole
dataset lives here: references resolve, evidence matches its source text,
``part_of`` has no cycles, and the kind rules that depend on other records
(a bilateral meeting has exactly two sides, a membership's person is a person).
`check_dataset` returns every problem found, with its path; it never raises.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import Any

from ._quotes import describe, differences
from .enums import ActorKind, EventKind, MeetingFormat, Role
from .errors import Problem
from .model import (
    Actor,
    Dispute,
    Event,
    Evidence,
    Meeting,
    Membership,
    Participant,
    Place,
    Source,
    TimeSpan,
)

__all__ = ["check_change", "check_dataset", "check_events", "side_of", "side_of_actor"]

_ORGANISATION_KINDS = frozenset({ActorKind.STATE, ActorKind.ORGANIZATION, ActorKind.GROUP})
_SIDELESS_ROLES = (Role.OBSERVER, Role.MEDIATOR)  # a tuple: enum members hash in Python
_FORMAT_SIDES: dict[str, tuple[int, int | None, str]] = {  # by `MeetingFormat` value, likewise
    MeetingFormat.BILATERAL.value: (2, 2, "a bilateral meeting involves exactly two sides"),
    MeetingFormat.TRILATERAL.value: (3, 3, "a trilateral meeting involves exactly three sides"),
    MeetingFormat.MULTILATERAL.value: (
        3,
        None,
        "a multilateral meeting involves at least three sides",
    ),
}


def side_of(participant: Participant, actors: Mapping[str, Actor]) -> str:
    """The side a participant is on: the country (ISO code) it acts for, else an actor id.

    The side comes from `Participant.on_behalf_of` when set, else from the
    actor itself. An actor with a `country` is on that country's side (Kono and
    the state of Japan are both ``JPN``); one without is its own side.
    """
    return side_of_actor(participant.on_behalf_of or participant.actor, actors)


def side_of_actor(actor_id: str, actors: Mapping[str, Actor]) -> str:
    """The side of whoever acts for `actor_id`: its country when it has one, else the id."""
    actor = actors.get(actor_id)
    if actor is not None and actor.country is not None:
        return actor.country
    return actor_id


def check_dataset(
    sources: Mapping[str, Source],
    actors: Mapping[str, Actor],
    memberships: tuple[Membership, ...],
    places: Mapping[str, Place],
    events: Mapping[str, Event],
) -> list[Problem]:
    """Return every cross-record problem of the collections, each with its path."""
    check = _Checker(sources, actors, places, events)
    for key, actor in actors.items():
        check.actor(key, actor)
    _check_cycles(check.problems, "actors", actors, lambda a: a.part_of)
    for i, m in enumerate(memberships):
        check.membership(i, m)
    for key, place in places.items():
        check.place(key, place)
    _check_cycles(check.problems, "places", places, lambda p: p.part_of)
    for key, event in events.items():
        check.event(key, event)
    _check_cycles(check.problems, "events", events, lambda e: e.part_of)
    return check.problems


def check_change(
    sources: Mapping[str, Source],
    actors: Mapping[str, Actor],
    memberships: tuple[Membership, ...],
    places: Mapping[str, Place],
    events: Mapping[str, Event],
    *,
    written: Mapping[str, Collection[Any]],
    replaced_or_removed: Mapping[str, Collection[str]],
) -> list[Problem]:
    """`check_dataset` after an edit of a valid dataset, checking only what the edit touched.

    The collections are the dataset after the edit. `written` names, per
    collection, the records the edit added or replaced (by id; memberships by
    position in `memberships`); `replaced_or_removed` the ids whose old record
    was replaced or removed. Returns exactly what `check_dataset` returns for
    the collections, in the same order, given that they were valid before the
    edit (a property test checks this on generated datasets and edits).

    What is checked again: each written record; every record that refers to a
    replaced or removed id (its kind, country, text or span may have changed,
    or it may be gone); and ``part_of`` cycles, walked up from each written
    record (a new cycle must pass through one). Adding records therefore costs
    only their own checks; replacing or removing one also scans the
    collections that can refer to it for references, which is much cheaper
    than checking them.
    """
    targets = {(c, i) for c, ids in replaced_or_removed.items() for i in ids}
    refers = _refers_to(targets)
    tables: dict[str, Mapping[Any, Any]] = {
        "actors": actors,
        "memberships": dict(enumerate(memberships)),
        "places": places,
        "events": events,
    }
    touched: dict[str, set[Any]] = {}
    for name, table in tables.items():
        keys = set(written.get(name, ()))
        if any(c in _REFERS_TO[name] for c, _ in targets):
            keys.update(k for k, r in table.items() if refers(r))
        touched[name] = keys
    if not _any_problem(_Checker(sources, actors, places, events), tables, touched):
        return []
    # Some problem: check the touched records again, in the order and with the search
    # budget of `check_dataset` (records not touched have no problems to report).
    check = _Checker(sources, actors, places, events)
    for name, table in tables.items():
        method = _method(check, name)
        keys = touched[name]
        for key, record in table.items():
            if key in keys:
                method(key, record)
        if name != "memberships" and _new_cycle(table, keys):
            _check_cycles(check.problems, name, table, lambda r: r.part_of)
    return check.problems


def _method(check: _Checker, name: str) -> Callable[[Any, Any], None]:
    """The check of `check` for the records of collection `name`."""
    method: Callable[[Any, Any], None] = getattr(check, name.removesuffix("s"))
    return method


def _any_problem(
    check: _Checker, tables: Mapping[str, Mapping[Any, Any]], touched: Mapping[str, set[Any]]
) -> bool:
    """Whether any touched record has a problem or a written one closes a cycle."""
    for name, table in tables.items():
        method = _method(check, name)
        for key in touched[name]:
            method(key, table[key])
            if check.problems:
                return True
        if name != "memberships" and _new_cycle(table, touched[name]):
            return True
    return False


def _new_cycle(table: Mapping[str, Any], starts: Collection[str]) -> bool:
    """Whether walking up ``part_of`` from any of `starts` comes back to a record passed."""
    for start in starts:
        seen: set[str] = set()
        node: str | None = start
        while node is not None and node in table:
            if node in seen:
                return True
            seen.add(node)
            node = table[node].part_of
    return False


# The collections whose records a record of each collection can refer to.
_REFERS_TO: dict[str, frozenset[str]] = {
    "actors": frozenset({"sources", "actors"}),
    "memberships": frozenset({"sources", "actors"}),
    "places": frozenset({"sources", "actors", "places"}),
    "events": frozenset({"sources", "actors", "places", "events"}),
}


def _refers_to(targets: set[tuple[str, str]]) -> Callable[[Any], bool]:
    """A test of whether a record refers to any of the (collection, id) `targets`.

    Written out per kind of reference (rather than walking every reference of
    a record) because it runs over whole collections: about a microsecond
    per event.
    """
    ids: dict[str, set[str]] = {"sources": set(), "actors": set(), "places": set(), "events": set()}
    for collection, key in targets:
        ids[collection].add(key)
    sources, actors, places, events = ids["sources"], ids["actors"], ids["places"], ids["events"]

    def refers(r: Any) -> bool:
        if sources and any(span.source in sources for span in r.evidence):
            return True
        kind = type(r)
        if kind is Actor:
            return r.part_of in actors
        if kind is Membership:
            return r.person in actors or r.organization in actors
        if kind is Place:
            return r.part_of in places or bool(
                actors
                and (
                    any(user in actors for name in r.names for user in name.used_by)
                    or any(a in actors for a in (*r.claimed_by, *r.administered_by))
                )
            )
        return bool(
            (sources and any(ref in sources for ref in r.sources))
            or (
                actors
                and any(p.actor in actors or p.on_behalf_of in actors for p in r.participants)
            )
            or (
                places
                and (
                    r.place in places or any(p in places for p in getattr(r, "subject_places", ()))
                )
            )
            or (events and (r.part_of in events or any(x.target in events for x in r.relations)))
        )

    return refers


class _Checker:
    """The cross-record checks of one record at a time, against the dataset's tables."""

    __slots__ = ("actors", "events", "places", "problems", "searches", "sources")

    def __init__(
        self,
        sources: Mapping[str, Source],
        actors: Mapping[str, Actor],
        places: Mapping[str, Place],
        events: Mapping[str, Event],
    ) -> None:
        self.sources, self.actors, self.places, self.events = sources, actors, places, events
        self.problems: list[Problem] = []
        self.searches = _Searches()  # one budget per check, as messages depend on it

    def _need(self, path: str, ref: str, table: Mapping[str, object], what: str) -> bool:
        if ref in table:
            return True
        self.problems.append(Problem(path=path, message=f"refers to an unknown {what}", value=ref))
        return False

    def _evidence(self, path: str, spans: tuple[Evidence, ...]) -> None:
        for i, span in enumerate(spans):
            _check_evidence(
                self.problems, f"{path}.evidence[{i}]", span, self.sources, self.searches
            )

    def _not_a_person(self, path: str, ref: str) -> None:
        self.problems.append(
            Problem(
                path=path, message="must be a state, organization or group, not a person", value=ref
            )
        )

    def actor(self, key: str, actor: Actor) -> None:
        actors = self.actors
        if actor.part_of is not None:
            where = f"actors[{key!r}].part_of"
            if actor.kind is ActorKind.PERSON:
                self.problems.append(
                    Problem(
                        path=where,
                        message="a person belongs to organisations through memberships",
                        value=actor.part_of,
                    )
                )
            elif (
                self._need(where, actor.part_of, actors, "actor")
                and actors[actor.part_of].kind is ActorKind.PERSON
            ):
                self._not_a_person(where, actor.part_of)
        self._evidence(f"actors[{key!r}]", actor.evidence)

    def membership(self, i: int, m: Membership) -> None:
        actors = self.actors
        path = f"memberships[{i}]"
        if self._need(f"{path}.person", m.person, actors, "actor"):
            person = actors[m.person]
            if person.kind is not ActorKind.PERSON:
                self.problems.append(
                    Problem(
                        path=f"{path}.person",
                        message=f"must be a person, not a {person.kind.value}",
                        value=m.person,
                    )
                )
        if (
            self._need(f"{path}.organization", m.organization, actors, "actor")
            and actors[m.organization].kind not in _ORGANISATION_KINDS
        ):
            self._not_a_person(f"{path}.organization", m.organization)
        self._evidence(path, m.evidence)

    def place(self, key: str, place: Place) -> None:
        path = f"places[{key!r}]"
        need, actors = self._need, self.actors
        if place.part_of is not None:
            need(f"{path}.part_of", place.part_of, self.places, "place")
        for j, name in enumerate(place.names):
            for k, user in enumerate(name.used_by):
                need(f"{path}.names[{j}].used_by[{k}]", user, actors, "actor")
        for field in ("claimed_by", "administered_by"):
            for k, ref in enumerate(getattr(place, field)):
                need(f"{path}.{field}[{k}]", ref, actors, "actor")
        self._evidence(path, place.evidence)

    def event(self, key: str, event: Event) -> None:
        self.problems.extend(
            check_events(
                ((key, event),),
                self.sources,
                self.actors,
                self.places,
                _Spans(self.events),
                searches=self.searches,
            )
        )


def check_events(
    items: Iterable[tuple[str, Event]],
    sources: Mapping[str, Source],
    actors: Mapping[str, Actor],
    places: Mapping[str, Place],
    spans: Mapping[str, TimeSpan],
    *,
    searches: _Searches | None = None,
) -> list[Problem]:
    """Return the cross-record problems of some events, each at ``events[key]``.

    What `check_dataset` checks for each event, given the other collections
    and only the span of every event by id (`spans`), so a batch of events
    can be checked apart from the rest (`diplo_events.columnar`). Repeated
    ids and ``part_of`` cycles need all events at once and are not checked here.
    A mismatched quote is looked for in its whole source text only so many
    times per check (`searches`, a new budget by default), so past that many
    mismatches the hint of where the quote stands can differ between checks.
    """
    problems: list[Problem] = []
    add = problems.append
    if searches is None:
        searches = _Searches()

    def need(path: str, ref: str, table: Mapping[str, object], what: str) -> bool:
        if ref in table:
            return True
        add(Problem(path=path, message=f"refers to an unknown {what}", value=ref))
        return False

    for key, event in items:
        if _event_plainly_valid(event, sources, actors, places, spans):
            continue
        path = f"events[{key!r}]"
        for j, p in enumerate(event.participants):
            need(f"{path}.participants[{j}].actor", p.actor, actors, "actor")
            if p.on_behalf_of is not None and need(
                f"{path}.participants[{j}].on_behalf_of", p.on_behalf_of, actors, "actor"
            ):
                kind = actors[p.on_behalf_of].kind
                if kind is ActorKind.PERSON:
                    add(
                        Problem(
                            path=f"{path}.participants[{j}].on_behalf_of",
                            message="must be a state, organization or group, not a person",
                            value=p.on_behalf_of,
                        )
                    )
        if event.place is not None:
            need(f"{path}.place", event.place, places, "place")
        if event.part_of is not None and need(f"{path}.part_of", event.part_of, spans, "event"):
            parent = spans[event.part_of]
            if not event.when.possibly_within(parent):
                add(
                    Problem(
                        path=f"{path}.when",
                        message=f"cannot lie within the span of the event it is part of ({parent})",
                        value=str(event.when),
                    )
                )
        for j, rel in enumerate(event.relations):
            need(f"{path}.relations[{j}].target", rel.target, spans, "event")
        for j, ref in enumerate(event.sources):
            need(f"{path}.sources[{j}]", ref, sources, "source")
        if event.kind is EventKind.DISPUTE:
            assert isinstance(event, Dispute)  # noqa: S101 - kind and class agree
            for j, ref in enumerate(event.subject_places):
                need(f"{path}.subject_places[{j}]", ref, places, "place")
        elif event.kind is EventKind.MEETING:
            assert isinstance(event, Meeting)  # noqa: S101 - kind and class agree
            _check_sides(problems, path, event, actors)
        for i, span in enumerate(event.evidence):
            _check_evidence(problems, f"{path}.evidence[{i}]", span, sources, searches)
    return problems


class _Spans(Mapping[str, TimeSpan]):
    """The events' spans by id: a view, so checking a whole dataset copies nothing."""

    __slots__ = ("_events",)

    def __init__(self, events: Mapping[str, Event]) -> None:
        self._events = events

    def __getitem__(self, key: str) -> TimeSpan:
        return self._events[key].when

    def __contains__(self, key: object) -> bool:
        return key in self._events

    def __iter__(self) -> Iterator[str]:
        return iter(self._events)

    def __len__(self) -> int:
        return len(self._events)


def _event_plainly_valid(
    event: Event,
    sources: Mapping[str, Source],
    actors: Mapping[str, Actor],
    places: Mapping[str, Place],
    spans: Mapping[str, TimeSpan],
) -> bool:
    """A cheap pass that is True only when the event's cross-record checks find nothing.

    When it says False, the explaining code in `check_dataset` runs for the
    event and reports every problem with its path (a test checks that the two
    agree on generated faults).
    """
    is_meeting = event.kind is EventKind.MEETING
    sides: set[str] = set()
    for p in event.participants:
        side_id = p.actor
        actor = actors.get(side_id)
        if actor is None:
            return False
        if p.on_behalf_of is not None:
            side_id = p.on_behalf_of
            actor = actors.get(side_id)
            if actor is None or actor.kind is _PERSON:
                return False
        if is_meeting and p.role not in _SIDELESS_ROLES:  # its side, as `side_of` says
            country = actor.country
            sides.add(side_id if country is None else country)
    if is_meeting:
        low, high, _ = _FORMAT_SIDES[event.format._value_]  # type: ignore[attr-defined]
        if len(sides) < low or (high is not None and len(sides) > high):
            return False
    if event.place is not None and event.place not in places:
        return False
    if event.part_of is not None:
        parent = spans.get(event.part_of)
        if parent is None or not event.when.possibly_within(parent):
            return False
    for r in event.relations:
        if r.target not in spans:
            return False
    for s in event.sources:
        if s not in sources:
            return False
    if event.kind is EventKind.DISPUTE:
        for place in event.subject_places:  # type: ignore[attr-defined]
            if place not in places:
                return False
    for span in event.evidence:
        source = sources.get(span.source)
        if source is None or span.prefix is not None or span.suffix is not None:
            return False
        text = source.text
        if text is not None and text[span.start : span.end] != span.quote:
            return False
    return True


_PERSON = ActorKind.PERSON


_WHOLE_TEXT_SEARCHES = 16
"""Mismatched quotes searched for in the whole source text, per check; later ones only nearby."""

_NEARBY = 2_000
"""Code points searched on each side of a mismatched span's offsets for its quote."""


class _Searches:
    """How many whole-text searches are left; keeps a check of many bad spans linear."""

    __slots__ = ("left",)

    def __init__(self) -> None:
        self.left = _WHOLE_TEXT_SEARCHES

    def find(self, text: str, quote: str, start: int) -> int:
        """Where `quote` stands: near `start`, else (while the budget lasts) anywhere; or -1."""
        lo = max(0, start - _NEARBY)
        found = text.find(quote, lo, start + len(quote) + _NEARBY)
        if found < 0 and self.left > 0:
            self.left -= 1
            found = text.find(quote)
        return found


def _only(expected: str, actual: str) -> str:
    """``"; they differ only in ..."`` when folding explains the difference, else ``""``."""
    if differences(expected, actual) is None:
        return ""
    return f"; they differ only in {describe(expected, actual)}"


def _mismatch(span: Evidence, actual: str, text: str, searches: _Searches) -> str:
    """Say how the quote differs from the text at its offsets, and where it stands if elsewhere."""
    message = (
        f"does not match the source text at {span.start}:{span.end}, which reads {_clip(actual)!r}"
    )
    if differences(span.quote, actual) is not None:
        return message + _only(span.quote, actual)
    found = searches.find(text, span.quote, span.start)
    if found >= 0:
        message += f"; the quote occurs at {found}:{found + len(span.quote)}"
    return message


def _check_evidence(
    problems: list[Problem],
    path: str,
    span: Evidence,
    sources: Mapping[str, Source],
    searches: _Searches,
) -> None:
    source = sources.get(span.source)
    if source is None:
        problems.append(
            Problem(path=f"{path}.source", message="refers to an unknown source", value=span.source)
        )
        return
    text = source.text
    if text is None:
        return
    if span.end > len(text):
        problems.append(
            Problem(
                path=f"{path}.end",
                message=f"is past the end of the source text ({len(text)} code points)",
                value=span.end,
            )
        )
        return
    actual = text[span.start : span.end]
    if actual != span.quote:
        problems.append(
            Problem(
                path=f"{path}.quote",
                message=_mismatch(span, actual, text, searches),
                value=span.quote,
            )
        )
    contexts = (
        ("prefix", span.prefix, "before", max(0, span.start - len(span.prefix or "")), span.start),
        ("suffix", span.suffix, "after", span.end, span.end + len(span.suffix or "")),
    )
    for name, expected, where, lo, hi in contexts:
        if expected is not None and text[lo:hi] != expected:
            problems.append(
                Problem(
                    path=f"{path}.{name}",
                    message=f"does not stand right {where} the quote in the source text, "
                    f"which reads {text[lo:hi]!r} there{_only(expected, text[lo:hi])}",
                    value=expected,
                )
            )


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _check_sides(
    problems: list[Problem], path: str, meeting: Meeting, actors: Mapping[str, Actor]
) -> None:
    if any(
        (p.on_behalf_of or p.actor) not in actors
        for p in meeting.participants
        if p.role not in _SIDELESS_ROLES
    ):
        return  # an unknown actor is reported already; sides cannot be counted
    sides = {side_of(p, actors) for p in meeting.participants if p.role not in _SIDELESS_ROLES}
    low, high, message = _FORMAT_SIDES[meeting.format._value_]
    if len(sides) < low or (high is not None and len(sides) > high):
        problems.append(
            Problem(
                path=f"{path}.participants",
                message=f"{message}, found {len(sides)}",
                value=sorted(sides),
            )
        )


def _check_cycles(
    problems: list[Problem],
    collection: str,
    table: Mapping[str, object],
    parent_of: Callable[..., str | None],
) -> None:
    """Report each ``part_of`` cycle once, at its first member in insertion order."""
    done: set[str] = set()
    for start in table:
        if start in done:
            continue
        if parent_of(table[start]) is None:  # the common case: not part of anything
            done.add(start)
            continue
        trail: list[str] = []
        on_trail: set[str] = set()
        node: str | None = start
        while node is not None and node in table and node not in done:
            if node in on_trail:
                cycle = [*trail[trail.index(node) :], node]
                problems.append(
                    Problem(
                        path=f"{collection}[{cycle[0]!r}].part_of",
                        message="part_of forms a cycle: " + " -> ".join(cycle),
                        value=table[cycle[0]].part_of,  # type: ignore[attr-defined]
                    )
                )
                break
            trail.append(node)
            on_trail.add(node)
            node = parent_of(table[node])
        done.update(trail)


def iter_records(value: object) -> Iterable[object] | None:
    """Return `value` as an iterable when it is one (but not a string or mapping)."""
    if isinstance(value, (str, bytes, Mapping)):
        return None
    if isinstance(value, Iterable):
        return value
    return None

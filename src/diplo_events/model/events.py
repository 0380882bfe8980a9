"""What every event has: participants, a time span, a status, evidence and relations.

`Event` is the common base of the six kinds (`Meeting`, `Visit`, `Agreement`,
`Dispute`, `Statement`, `Incident`); each kind is its own class with its own
fields and rules. `Event` itself is not instantiated.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from typing import ClassVar, Literal

import attrs

from .._checks import (
    Problems,
    are_unique_known_ids,
    check_enum,
    check_id,
    check_instance,
    check_items,
    check_records,
    check_text,
    check_tuple,
    coerce_enum,
    is_known_id,
    is_slug,
    raise_problems,
    to_tuple,
)
from .._convert import to_code_scheme, to_relation_kind, to_role, to_status
from ..enums import CodeScheme, EventKind, RelationKind, Role, Status
from ..errors import Problem
from ._time import TimeSpan
from .sources import Evidence

__all__ = ["Event", "EventCode", "Participant", "Relation"]

_CODE_SHAPES = {
    CodeScheme.CAMEO: (re.compile(r"[0-9]{2,4}"), "a CAMEO code: 2 to 4 digits, as text ('042')"),
    CodeScheme.PLOVER: (re.compile(r"[A-Z]+"), "a PLOVER event type in capitals ('CONSULT')"),
}


@functools.cache
def _known_codes() -> dict[CodeScheme, tuple[Collection[str], str]]:
    """The code tables of `diplo_events.codes`, loaded on the first check of a code.

    Loading them lazily keeps ``import diplo_events`` fast; the check itself is
    one hash lookup.
    """
    from ..codes._cameo_table import CAMEO  # noqa: PLC0415 - lazy on purpose
    from ..codes._lookup import PLOVER_TYPES  # noqa: PLC0415 - lazy on purpose

    return {
        CodeScheme.CAMEO: (CAMEO, "is not a code of the CAMEO table (see diplo_events.codes)"),
        CodeScheme.PLOVER: (PLOVER_TYPES, "is not a PLOVER event type (see diplo_events.codes)"),
    }


@attrs.frozen(kw_only=True)
class Participant:
    """An actor taking part in an event, in a role.

    `title` is the title the source gives the actor in this event
    (``"Japanese Foreign Minister"``); `on_behalf_of` is the actor they act
    for (a minister for their state), which decides the side they are on.
    """

    actor: str
    role: Role = attrs.field(converter=to_role)
    title: str | None = None
    on_behalf_of: str | None = None

    def __attrs_post_init__(self) -> None:
        if self._plainly_valid():
            return
        problems: Problems = []
        check_id(problems, "actor", self.actor)
        check_enum(problems, "role", self.role, Role)
        check_text(problems, "title", self.title, optional=True)
        check_id(problems, "on_behalf_of", self.on_behalf_of, optional=True)
        if self.on_behalf_of is not None and self.on_behalf_of == self.actor:
            problems.append(
                Problem(path="on_behalf_of", message="must differ from 'actor'", value=self.actor)
            )
        raise_problems(problems)

    def _plainly_valid(self) -> bool:
        """A cheap test that accepts only valid participants (a new actor id fails it)."""
        title, behalf = self.title, self.on_behalf_of
        return (
            type(self.role) is Role
            and is_known_id(self.actor)
            and (title is None or (type(title) is str and title != "" and not title.isspace()))
            and (behalf is None or (behalf != self.actor and is_known_id(behalf)))
        )


@attrs.frozen(kw_only=True)
class Relation:
    """A typed link from one event to another (its `target`)."""

    kind: RelationKind = attrs.field(converter=to_relation_kind)
    target: str

    def __attrs_post_init__(self) -> None:
        problems: Problems = []
        check_enum(problems, "kind", self.kind, RelationKind)
        check_id(problems, "target", self.target)
        raise_problems(problems)


@attrs.frozen(kw_only=True)
class EventCode:
    """An event's code in an external scheme: CAMEO (``"042"``) or PLOVER (``"CONSULT"``)."""

    scheme: CodeScheme = attrs.field(converter=to_code_scheme)
    code: str

    def __attrs_post_init__(self) -> None:
        problems: Problems = []
        check_enum(problems, "scheme", self.scheme, CodeScheme)
        if not problems:
            pattern, what = _CODE_SHAPES[self.scheme]
            known, unknown = _known_codes()[self.scheme]
            if type(self.code) is not str or pattern.fullmatch(self.code) is None:
                problems.append(Problem(path="code", message=f"must be {what}", value=self.code))
            elif self.code not in known:
                problems.append(Problem(path="code", message=unknown, value=self.code))
        raise_problems(problems)


@attrs.frozen(kw_only=True)
class Event:
    """The fields every kind of event has.

    Attributes:
        id: A slug, unique among the dataset's events.
        summary: What happened, in the encoder's own words.
        participants: Who took part, each in a role.
        when: When it happened (or is expected to).
        status: Whether it happened: occurred, planned, expected, cancelled, …
        place: Where (a place id), or None.
        topics: Slugs naming what it is about (``north-korea``).
        evidence: Spans of source text that state it.
        sources: Sources that report it without a quotable span (a coded story
            with no text, say); evidence already names its own source.
        part_of: The event this one is part of (a meeting inside a visit), or None.
        relations: Typed links to other events.
        codes: Its CAMEO and PLOVER codes.
        note: The encoder's note (how a date was resolved, background knowledge used).
    """

    kind: ClassVar[EventKind]

    id: str
    summary: str
    participants: tuple[Participant, ...] = attrs.field(converter=to_tuple)
    when: TimeSpan
    status: Status = attrs.field(converter=to_status)
    place: str | None = None
    topics: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    evidence: tuple[Evidence, ...] = attrs.field(default=(), converter=to_tuple)
    sources: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    part_of: str | None = None
    relations: tuple[Relation, ...] = attrs.field(default=(), converter=to_tuple)
    codes: tuple[EventCode, ...] = attrs.field(default=(), converter=to_tuple)
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if type(self) is not Event and self._plainly_valid():
            return
        problems: Problems = []
        if type(self) is Event:
            problems.append(
                Problem(
                    path="",
                    message=(
                        "Event is the abstract base: build a Meeting, Visit, Agreement, "
                        "Dispute, Statement or Incident"
                    ),
                    value="Event",
                )
            )
        else:
            self._check(problems)
        raise_problems(problems)

    def _plainly_valid(self) -> bool:
        """A cheap, one-pass test that accepts only valid events (most of them).

        It may say False for a valid event (an id not seen before, say); then
        `_check` runs, explains any problem, and remembers the ids it accepts.
        It must never say True for an invalid one: a property test checks
        that against `_check`.
        """
        participants: object = self.participants
        if type(participants) is not tuple or not participants:
            return False
        for p in participants:
            if type(p) is not Participant:
                return False
        if len(participants) > 1 and len({(p.actor, p.role) for p in participants}) != len(
            participants
        ):
            return False
        summary, note, place, part_of = self.summary, self.note, self.place, self.part_of
        if not (
            is_slug(self.id)
            and type(summary) is str
            and summary
            and not summary.isspace()
            and type(self.when) is TimeSpan
            and type(self.status) is Status
            and (place is None or is_known_id(place))
            and (part_of is None or (is_known_id(part_of) and part_of != self.id))
            and (note is None or (type(note) is str and note and not note.isspace()))
        ):
            return False
        topics: object = self.topics
        if topics != () and (type(topics) is not tuple or not are_unique_known_ids(topics)):
            return False
        sources: object = self.sources
        if sources != () and (type(sources) is not tuple or not are_unique_known_ids(sources)):
            return False
        evidence: object = self.evidence
        if evidence != ():
            if type(evidence) is not tuple:
                return False
            for e in evidence:
                if type(e) is not Evidence:
                    return False
        relations: object = self.relations
        if relations != ():
            if type(relations) is not tuple:
                return False
            for r in relations:
                if type(r) is not Relation or r.target == self.id:
                    return False
        codes: object = self.codes
        if codes != ():
            if type(codes) is not tuple:
                return False
            for c in codes:
                if type(c) is not EventCode:
                    return False
            if len(codes) > 1 and len({(c.scheme, c.code) for c in codes}) != len(codes):
                return False
        return self._plainly_valid_kind()

    def _plainly_valid_kind(self) -> bool:
        """The kind's part of `_plainly_valid`; kinds override it."""
        return False

    def _roles_at_least(self, roles: tuple[Role, ...], minimum: Literal[1, 2]) -> bool:
        """Whether at least `minimum` distinct actors take part in `roles`.

        It builds no set: it stops at the second distinct actor. Called by
        `_plainly_valid` only, once the participants are known to be a non-empty
        tuple of `Participant`.
        """
        any_role = roles is ALL_ROLES
        first: str | None = None
        for p in self.participants:
            if any_role or p.role in roles:
                if minimum == 1:
                    return True
                if first is None:
                    first = p.actor
                elif p.actor != first:
                    return True
        return False

    def _check(self, problems: Problems) -> None:
        """Append the problems of the common fields; kinds extend this."""
        check_id(problems, "id", self.id)
        check_text(problems, "summary", self.summary)
        participants: object = self.participants
        if check_tuple(problems, "participants", participants):
            assert isinstance(participants, tuple)  # noqa: S101 - narrowed by check_tuple
            if not participants:
                problems.append(
                    Problem(
                        path="participants", message="must name at least one participant", value=()
                    )
                )
            seen: dict[tuple[object, object], int] = {}
            for i, p in enumerate(participants):
                if type(p) is not Participant:
                    problems.append(
                        Problem(path=f"participants[{i}]", message="must be a Participant", value=p)
                    )
                    continue
                key = (p.actor, p.role)
                if key in seen:
                    problems.append(
                        Problem(
                            path=f"participants[{i}]",
                            message=f"repeats participants[{seen[key]}] (same actor and role)",
                            value=p.actor,
                        )
                    )
                else:
                    seen[key] = i
        check_instance(problems, "when", self.when, TimeSpan, "a TimeSpan")
        check_enum(problems, "status", self.status, Status)
        if self.place is not None:
            check_id(problems, "place", self.place)
        if self.topics != ():
            check_items(problems, "topics", self.topics, check_id, unique=True)
        check_records(problems, "evidence", self.evidence, Evidence, "an Evidence")
        if self.sources != ():
            check_items(problems, "sources", self.sources, check_id, unique=True)
        if self.part_of is not None:
            check_id(problems, "part_of", self.part_of)
            if self.part_of == self.id:
                problems.append(
                    Problem(path="part_of", message="must not be the event itself", value=self.id)
                )
        if self.relations != ():
            check_records(problems, "relations", self.relations, Relation, "a Relation")
        if type(self.relations) is tuple:
            relations: tuple[object, ...] = self.relations
            for i, r in enumerate(relations):
                if isinstance(r, Relation) and r.target == self.id:
                    problems.append(
                        Problem(
                            path=f"relations[{i}].target",
                            message="must not be the event itself",
                            value=r.target,
                        )
                    )
        if self.codes != ():
            check_records(problems, "codes", self.codes, EventCode, "an EventCode")
            _check_repeated_codes(problems, self.codes)
        check_text(problems, "note", self.note, optional=True)

    def actors(self) -> tuple[str, ...]:
        """The ids of the participating actors, in order, without repeats."""
        return tuple(dict.fromkeys(p.actor for p in self.participants))

    def with_role(self, *roles: Role | str) -> tuple[str, ...]:
        """The ids of the actors taking part in any of `roles`."""
        wanted = {coerce_enum(Role, r, "roles") for r in roles}
        return tuple(dict.fromkeys(p.actor for p in self.participants if p.role in wanted))

    def _count_roles(
        self, problems: Problems, roles: tuple[Role, ...], minimum: int, what: str
    ) -> None:
        """Report when fewer than `minimum` distinct actors take part in `roles`."""
        if type(self.participants) is not tuple:
            return
        actors = actors_in_roles(self.participants, roles)
        if len(actors) < minimum:
            problems.append(Problem(path="participants", message=what, value=len(actors)))


def actors_in_roles(participants: tuple[object, ...], roles: tuple[Role, ...]) -> set[str]:
    """The ids of the actors in any of `roles`; items that are not participants are skipped."""
    return {p.actor for p in participants if type(p) is Participant and p.role in roles}


def _check_repeated_codes(problems: Problems, codes: object) -> None:
    """Report an EventCode that repeats an earlier one (other items are reported elsewhere)."""
    if type(codes) is not tuple:
        return
    seen: set[EventCode] = set()
    for i, code in enumerate(codes):
        if type(code) is EventCode:
            if code in seen:
                problems.append(Problem(path=f"codes[{i}]", message="is repeated", value=code))
            seen.add(code)


ALL_ROLES: tuple[Role, ...] = tuple(Role)
"""Every role (for rules that count participants whatever their role).

Role groups are tuples, not sets: an enum member hashes in Python, but a tuple
compares members by identity first.
"""

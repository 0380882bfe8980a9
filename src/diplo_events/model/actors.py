"""Actors (states, people, organisations, groups) and their memberships over time."""

from __future__ import annotations

import attrs

from .._checks import (
    Problems,
    check_country,
    check_enum,
    check_id,
    check_identifiers,
    check_items,
    check_records,
    check_text,
    identifier_in,
    raise_problems,
    to_pairs,
    to_tuple,
)
from .._convert import to_actor_kind
from ..enums import ActorKind
from ..errors import Problem
from ._time import TimeSpan
from .sources import Evidence

__all__ = ["Actor", "Membership"]


@attrs.frozen(kw_only=True)
class Actor:
    """A state, person, organisation or group that takes part in events.

    `identifiers` maps a scheme to a value (``{"wikidata": "Q17"}``); it is
    stored as sorted ``(scheme, value)`` pairs so the record stays hashable.
    Use `identifier` to look one up. `part_of` is the organisation or state an
    organisation belongs to (a bureau in a ministry, a ministry in a state);
    people belong to organisations through `Membership` instead.
    """

    id: str
    name: str
    kind: ActorKind = attrs.field(converter=to_actor_kind)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    country: str | None = None
    identifiers: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=to_pairs)
    part_of: str | None = None
    note: str | None = None
    evidence: tuple[Evidence, ...] = attrs.field(default=(), converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        problems: Problems = []
        check_id(problems, "id", self.id)
        check_text(problems, "name", self.name)
        check_enum(problems, "kind", self.kind, ActorKind)
        check_items(problems, "aliases", self.aliases, check_text, unique=True)
        check_country(problems, "country", self.country)
        check_identifiers(problems, "identifiers", self.identifiers)
        if self.part_of is not None:
            check_id(problems, "part_of", self.part_of)
            if self.part_of == self.id:
                problems.append(
                    Problem(path="part_of", message="must not be the actor itself", value=self.id)
                )
        check_text(problems, "note", self.note, optional=True)
        check_records(problems, "evidence", self.evidence, Evidence, "an Evidence")
        raise_problems(problems)

    def identifier(self, scheme: str) -> str | None:
        """The identifier in `scheme` (``"wikidata"``, ``"cameo"``, …), or None."""
        return identifier_in(self.identifiers, scheme)


@attrs.frozen(kw_only=True)
class Membership:
    """A person holding a position in an organisation or state, over a span of time (Popolo).

    `title` is the title as the source writes it (``"Foreign Minister"``);
    `when` is the span the membership is known to hold, or None.
    """

    person: str
    organization: str
    title: str
    when: TimeSpan | None = None
    note: str | None = None
    evidence: tuple[Evidence, ...] = attrs.field(default=(), converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        problems: Problems = []
        check_id(problems, "person", self.person)
        check_id(problems, "organization", self.organization)
        if self.person == self.organization and type(self.person) is str:
            problems.append(
                Problem(path="organization", message="must differ from 'person'", value=self.person)
            )
        check_text(problems, "title", self.title)
        if self.when is not None and not isinstance(self.when, TimeSpan):
            problems.append(
                Problem(path="when", message="must be a TimeSpan or None", value=self.when)
            )
        check_text(problems, "note", self.note, optional=True)
        check_records(problems, "evidence", self.evidence, Evidence, "an Evidence")
        raise_problems(problems)

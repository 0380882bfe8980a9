"""Visits: an actor travels to be received by another."""

from __future__ import annotations

from typing import ClassVar

import attrs

from .._checks import Problems, check_bool
from ..enums import EventKind, Role
from ..errors import Problem
from .events import Event, Participant

__all__ = ["Visit"]

_VISITOR_ROLE, _HOST_ROLE = Role.VISITOR, Role.HOST
_VISITOR, _HOST = (_VISITOR_ROLE,), (_HOST_ROLE,)


@attrs.frozen(kw_only=True)
class Visit(Event):
    """A visit: at least one visitor and at least one host, who are different actors.

    Meetings held during the visit point to it with ``part_of``. `reciprocal`
    marks an exchange of visits in both directions.
    """

    kind: ClassVar[EventKind] = EventKind.VISIT

    reciprocal: bool = False

    def _plainly_valid_kind(self) -> bool:
        if type(self.reciprocal) is not bool:
            return False
        visitors: list[str] = []  # a handful of actors: lists, no sets per event
        hosts: list[str] = []
        for p in self.participants:
            if p.role is _VISITOR_ROLE:
                visitors.append(p.actor)
            elif p.role is _HOST_ROLE:
                hosts.append(p.actor)
        return bool(visitors) and bool(hosts) and not any(h in visitors for h in hosts)

    def _check(self, problems: Problems) -> None:
        super()._check(problems)
        check_bool(problems, "reciprocal", self.reciprocal)
        self._count_roles(problems, _VISITOR, 1, "a visit needs a participant with role 'visitor'")
        self._count_roles(problems, _HOST, 1, "a visit needs a participant with role 'host'")
        if type(self.participants) is tuple:
            valid = [p for p in self.participants if type(p) is Participant]
            visitors = {p.actor for p in valid if p.role is Role.VISITOR}
            both = [p.actor for p in valid if p.role is Role.HOST and p.actor in visitors]
            if both:
                problems.append(
                    Problem(
                        path="participants",
                        message="an actor cannot both visit and host",
                        value=both[0],
                    )
                )

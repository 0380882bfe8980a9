"""Disputes: long-running disagreements with parties, a subject and a span."""

from __future__ import annotations

from typing import ClassVar

import attrs

from .._checks import (
    Problems,
    check_enum,
    check_id,
    check_items,
    check_text,
    is_known_id,
    to_tuple,
)
from .._convert import to_dispute_state
from ..enums import DisputeState, EventKind, Role
from .events import Event

__all__ = ["Dispute"]

_PARTIES = (Role.PARTY, Role.CLAIMANT)


@attrs.frozen(kw_only=True)
class Dispute(Event):
    """A dispute between at least two parties (role ``party`` or ``claimant``).

    `subject` says what it is about; `subject_places` are the places in
    dispute (place ids); `state` is active, dormant, easing or resolved.
    Incidents and statements in the dispute point to it with relations.
    """

    kind: ClassVar[EventKind] = EventKind.DISPUTE

    subject: str
    state: DisputeState = attrs.field(converter=to_dispute_state)
    subject_places: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)

    def _plainly_valid_kind(self) -> bool:
        subject: object = self.subject
        places: object = self.subject_places
        return (
            type(subject) is str
            and bool(subject)
            and not subject.isspace()
            and type(self.state) is DisputeState
            and (
                places == ()
                or (
                    type(places) is tuple
                    and all(is_known_id(p) for p in places)
                    and len(set(places)) == len(places)
                )
            )
            and self._roles_at_least(_PARTIES, 2)
        )

    def _check(self, problems: Problems) -> None:
        super()._check(problems)
        check_text(problems, "subject", self.subject)
        check_enum(problems, "state", self.state, DisputeState)
        check_items(problems, "subject_places", self.subject_places, check_id, unique=True)
        self._count_roles(
            problems,
            _PARTIES,
            2,
            "a dispute needs at least two participants with role 'party' or 'claimant'",
        )

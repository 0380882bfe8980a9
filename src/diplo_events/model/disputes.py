"""Disputes: long-running disagreements with parties, a subject and a span."""

from __future__ import annotations

from typing import ClassVar

import attrs

from .._checks import Problems, check_enum, check_id, check_items, check_text, to_tuple
from .._convert import to_dispute_state
from ..enums import DisputeState, EventKind, Role
from .events import Event

__all__ = ["Dispute"]

_PARTIES = frozenset({Role.PARTY, Role.CLAIMANT})


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

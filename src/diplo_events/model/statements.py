"""Statements: announcements, declarations, warnings, messages."""

from __future__ import annotations

from typing import ClassVar

import attrs

from .._checks import Problems, check_enum
from .._convert import to_stance
from ..enums import EventKind, Role, Stance
from .events import Event

__all__ = ["Statement"]

_SPEAKER = (Role.SPEAKER,)


@attrs.frozen(kw_only=True)
class Statement(Event):
    """Something an actor says: at least one participant has role ``speaker``.

    `stance` is its tone towards the addressees: cooperative, neutral or hostile.
    """

    kind: ClassVar[EventKind] = EventKind.STATEMENT

    stance: Stance = attrs.field(converter=to_stance)

    def _plainly_valid_kind(self) -> bool:
        return type(self.stance) is Stance and self._roles_at_least(_SPEAKER, 1)

    def _check(self, problems: Problems) -> None:
        super()._check(problems)
        check_enum(problems, "stance", self.stance, Stance)
        self._count_roles(
            problems, _SPEAKER, 1, "a statement needs a participant with role 'speaker'"
        )

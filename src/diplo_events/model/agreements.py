"""Agreements and understandings, with the stage they have reached."""

from __future__ import annotations

from typing import ClassVar

import attrs

from .._checks import Problems, check_enum, check_items, check_text, to_tuple
from .._convert import to_agreement_stage
from ..enums import AgreementStage, EventKind
from .events import ALL_ROLES, Event

__all__ = ["Agreement"]


@attrs.frozen(kw_only=True)
class Agreement(Event):
    """An agreement, deal or understanding between at least two parties.

    `stage` is how far it has got (proposed, agreed, signed, in force, …);
    `terms` lists what it says, in the encoder's words.
    """

    kind: ClassVar[EventKind] = EventKind.AGREEMENT

    stage: AgreementStage = attrs.field(converter=to_agreement_stage)
    terms: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)

    def _plainly_valid_kind(self) -> bool:
        terms: object = self.terms
        return (
            type(self.stage) is AgreementStage
            and (
                terms == ()
                or (
                    type(terms) is tuple
                    and all(type(t) is str and t and not t.isspace() for t in terms)
                )
            )
            and self._roles_at_least(ALL_ROLES, 2)
        )

    def _check(self, problems: Problems) -> None:
        super()._check(problems)
        check_enum(problems, "stage", self.stage, AgreementStage)
        check_items(problems, "terms", self.terms, check_text)
        self._count_roles(problems, ALL_ROLES, 2, "an agreement needs at least two participants")

"""Incidents: missile launches, incursions, deployments, false alarms, sanctions."""

from __future__ import annotations

from typing import ClassVar

import attrs

from .._checks import Problems, check_enum
from .._convert import to_incident_category
from ..enums import EventKind, IncidentCategory
from .events import Event

__all__ = ["Incident"]


@attrs.frozen(kw_only=True)
class Incident(Event):
    """A discrete happening such as a missile launch or a maritime incursion.

    `category` says what kind. Tie an incident to its dispute with a relation.
    """

    kind: ClassVar[EventKind] = EventKind.INCIDENT

    category: IncidentCategory = attrs.field(converter=to_incident_category)

    def _plainly_valid_kind(self) -> bool:
        return type(self.category) is IncidentCategory

    def _check(self, problems: Problems) -> None:
        super()._check(problems)
        check_enum(problems, "category", self.category, IncidentCategory)

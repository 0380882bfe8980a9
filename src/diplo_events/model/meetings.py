"""Meetings: talks between two or more sides, standalone or on the sidelines of a summit."""

from __future__ import annotations

from typing import ClassVar

import attrs

from .._checks import Problems, check_enum
from .._convert import to_meeting_format, to_meeting_setting
from ..enums import EventKind, MeetingFormat, MeetingSetting
from .events import ALL_ROLES, Event

__all__ = ["Meeting"]


@attrs.frozen(kw_only=True)
class Meeting(Event):
    """A meeting or talks between actors.

    `format` says how many sides meet (a bilateral meeting has exactly two
    sides; the dataset checks this against the actors' countries) and
    `setting` where the meeting sits (standalone, on the sidelines, …).
    A meeting has at least two participants.
    """

    kind: ClassVar[EventKind] = EventKind.MEETING

    format: MeetingFormat = attrs.field(converter=to_meeting_format)
    setting: MeetingSetting = attrs.field(
        default=MeetingSetting.STANDALONE, converter=to_meeting_setting
    )

    def _plainly_valid_kind(self) -> bool:
        return (
            type(self.format) is MeetingFormat
            and type(self.setting) is MeetingSetting
            and self._roles_at_least(ALL_ROLES, 2)
        )

    def _check(self, problems: Problems) -> None:
        super()._check(problems)
        check_enum(problems, "format", self.format, MeetingFormat)
        check_enum(problems, "setting", self.setting, MeetingSetting)
        self._count_roles(problems, ALL_ROLES, 2, "a meeting needs at least two participants")

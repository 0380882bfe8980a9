"""Named converters from enum values to members, one per enum.

The attrs mypy plugin needs named functions as converters, so that record
constructors accept both ``Status.OCCURRED`` and ``"occurred"``.
An unknown value passes through unchanged and the record's check reports it.
"""

from __future__ import annotations

from typing import Any

from ._checks import enum_table, to_member
from .enums import (
    ActorKind,
    AgreementStage,
    CodeScheme,
    DisputeState,
    GeoPrecision,
    IncidentCategory,
    MeetingFormat,
    MeetingSetting,
    PlaceKind,
    RelationKind,
    Role,
    Stance,
    Status,
)

_ACTOR_KIND = enum_table(ActorKind)
_AGREEMENT_STAGE = enum_table(AgreementStage)
_CODE_SCHEME = enum_table(CodeScheme)
_DISPUTE_STATE = enum_table(DisputeState)
_GEO_PRECISION = enum_table(GeoPrecision)
_INCIDENT_CATEGORY = enum_table(IncidentCategory)
_MEETING_FORMAT = enum_table(MeetingFormat)
_MEETING_SETTING = enum_table(MeetingSetting)
_PLACE_KIND = enum_table(PlaceKind)
_RELATION_KIND = enum_table(RelationKind)
_ROLE = enum_table(Role)
_STANCE = enum_table(Stance)
_STATUS = enum_table(Status)


def to_actor_kind(value: ActorKind | str) -> Any:
    """Convert to `ActorKind`."""
    return to_member(_ACTOR_KIND, value)


def to_agreement_stage(value: AgreementStage | str) -> Any:
    """Convert to `AgreementStage`."""
    return to_member(_AGREEMENT_STAGE, value)


def to_code_scheme(value: CodeScheme | str) -> Any:
    """Convert to `CodeScheme`."""
    return to_member(_CODE_SCHEME, value)


def to_dispute_state(value: DisputeState | str) -> Any:
    """Convert to `DisputeState`."""
    return to_member(_DISPUTE_STATE, value)


def to_geo_precision(value: GeoPrecision | str | None) -> Any:
    """Convert to `GeoPrecision` (None stays None)."""
    return None if value is None else to_member(_GEO_PRECISION, value)


def to_incident_category(value: IncidentCategory | str) -> Any:
    """Convert to `IncidentCategory`."""
    return to_member(_INCIDENT_CATEGORY, value)


def to_meeting_format(value: MeetingFormat | str) -> Any:
    """Convert to `MeetingFormat`."""
    return to_member(_MEETING_FORMAT, value)


def to_meeting_setting(value: MeetingSetting | str) -> Any:
    """Convert to `MeetingSetting`."""
    return to_member(_MEETING_SETTING, value)


def to_place_kind(value: PlaceKind | str) -> Any:
    """Convert to `PlaceKind`."""
    return to_member(_PLACE_KIND, value)


def to_relation_kind(value: RelationKind | str) -> Any:
    """Convert to `RelationKind`."""
    return to_member(_RELATION_KIND, value)


def to_role(value: Role | str) -> Any:
    """Convert to `Role`."""
    return to_member(_ROLE, value)


def to_stance(value: Stance | str) -> Any:
    """Convert to `Stance`."""
    return to_member(_STANCE, value)


def to_status(value: Status | str) -> Any:
    """Convert to `Status`."""
    return to_member(_STATUS, value)

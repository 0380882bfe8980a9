"""The closed vocabularies of the model, as string enums with lower-case values.

Members compare equal to their values (``Status.OCCURRED == "occurred"``), but
write ``member.value`` when you need the text: since Python 3.11 an f-string of
a member gives ``Status.OCCURRED``.
"""

from __future__ import annotations

import enum

__all__ = [
    "ActorKind",
    "AgreementStage",
    "CodeScheme",
    "DisputeState",
    "EventKind",
    "GeoPrecision",
    "IncidentCategory",
    "MeetingFormat",
    "MeetingSetting",
    "PlaceKind",
    "Precision",
    "RelationKind",
    "Role",
    "Stance",
    "Status",
]


class ActorKind(str, enum.Enum):
    """What an actor is."""

    STATE = "state"
    PERSON = "person"
    ORGANIZATION = "organization"
    GROUP = "group"


class Role(str, enum.Enum):
    """The part an actor plays in an event."""

    HOST = "host"
    VISITOR = "visitor"
    PARTY = "party"
    CLAIMANT = "claimant"
    SPEAKER = "speaker"
    ADDRESSEE = "addressee"
    INITIATOR = "initiator"
    TARGET = "target"
    MEDIATOR = "mediator"
    SIGNATORY = "signatory"
    OBSERVER = "observer"
    PARTICIPANT = "participant"
    SUBJECT = "subject"


class EventKind(str, enum.Enum):
    """The kind of an event; each kind is its own record class."""

    MEETING = "meeting"
    VISIT = "visit"
    AGREEMENT = "agreement"
    DISPUTE = "dispute"
    STATEMENT = "statement"
    INCIDENT = "incident"


class Status(str, enum.Enum):
    """Whether, and how surely, an event happens; orthogonal to its kind.

    ``occurred``: reported as having happened. ``ongoing``: under way at the time
    of the report. ``planned``: scheduled or announced by the actors.
    ``expected``: anticipated by the reporter or others. ``proposed``: suggested
    by someone, not agreed. ``cancelled`` / ``postponed``: called off or put back.
    ``hypothetical``: a possibility the text raises. ``denied``: said by an
    actor not to have happened. ``negated``: stated by the text not to have
    happened.
    """

    OCCURRED = "occurred"
    ONGOING = "ongoing"
    PLANNED = "planned"
    EXPECTED = "expected"
    PROPOSED = "proposed"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"
    HYPOTHETICAL = "hypothetical"
    DENIED = "denied"
    NEGATED = "negated"


class RelationKind(str, enum.Enum):
    """How one event relates to another (its target)."""

    FOLLOWS_UP = "follows_up"
    RESPONDS_TO = "responds_to"
    CAUSED_BY = "caused_by"
    RECIPROCATES = "reciprocates"
    RELATED_TO = "related_to"


class MeetingFormat(str, enum.Enum):
    """How many sides a meeting brings together."""

    BILATERAL = "bilateral"
    TRILATERAL = "trilateral"
    MULTILATERAL = "multilateral"


class MeetingSetting(str, enum.Enum):
    """Where a meeting sits: on its own, on the sidelines of a summit."""

    STANDALONE = "standalone"
    SIDELINES = "sidelines"
    SUMMIT = "summit"
    PHONE = "phone"
    VIDEO = "video"


class AgreementStage(str, enum.Enum):
    """The stage an agreement has reached."""

    PROPOSED = "proposed"
    AGREED = "agreed"
    SIGNED = "signed"
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"
    ABANDONED = "abandoned"


class DisputeState(str, enum.Enum):
    """The state of a dispute over its span."""

    ACTIVE = "active"
    DORMANT = "dormant"
    EASING = "easing"
    RESOLVED = "resolved"


class Stance(str, enum.Enum):
    """The tone of a statement towards its addressees."""

    COOPERATIVE = "cooperative"
    NEUTRAL = "neutral"
    HOSTILE = "hostile"


class IncidentCategory(str, enum.Enum):
    """What kind of incident happened."""

    MISSILE_LAUNCH = "missile_launch"
    NUCLEAR_TEST = "nuclear_test"
    MARITIME_INCURSION = "maritime_incursion"
    AIRSPACE_INCURSION = "airspace_incursion"
    MILITARY_DEPLOYMENT = "military_deployment"
    MILITARY_EXERCISE = "military_exercise"
    FALSE_ALARM = "false_alarm"
    SANCTION = "sanction"
    ABDUCTION = "abduction"
    CYBER_OPERATION = "cyber_operation"
    PROTEST = "protest"
    OTHER = "other"


class GeoPrecision(str, enum.Enum):
    """What a place's coordinates locate: the site itself, or the centre of an area holding it.

    ``province`` is a first-order administrative division (GeoNames ``ADM1``),
    ``district`` a second-order one (``ADM2``).
    """

    SITE = "site"
    CITY = "city"
    DISTRICT = "district"
    PROVINCE = "province"
    COUNTRY = "country"


class PlaceKind(str, enum.Enum):
    """What kind of place a place is."""

    COUNTRY = "country"
    REGION = "region"
    PROVINCE = "province"
    CITY = "city"
    DISTRICT = "district"
    VENUE = "venue"
    SEA = "sea"
    MARITIME_AREA = "maritime_area"
    ISLAND = "island"
    ISLANDS = "islands"
    PENINSULA = "peninsula"
    OTHER = "other"


class Precision(str, enum.Enum):
    """The precision of a partial date."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class CodeScheme(str, enum.Enum):
    """An external event-coding scheme an event can be coded in."""

    CAMEO = "cameo"
    PLOVER = "plover"

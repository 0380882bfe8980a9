"""The records of the model. They know nothing about JSON: see `diplo_events.serialize`."""

from ._time import PartialDate, TimeSpan, Unbounded
from .actors import Actor, Membership
from .agreements import Agreement
from .disputes import Dispute
from .events import Event, EventCode, Participant, Relation
from .incidents import Incident
from .meetings import Meeting
from .places import GeoPoint, Place, PlaceName
from .sources import Evidence, Source
from .statements import Statement
from .visits import Visit

EVENT_CLASSES: tuple[type[Event], ...] = (Meeting, Visit, Agreement, Dispute, Statement, Incident)
"""Every concrete kind of event, in the order of `EventKind`."""

__all__ = [
    "EVENT_CLASSES",
    "Actor",
    "Agreement",
    "Dispute",
    "Event",
    "EventCode",
    "Evidence",
    "GeoPoint",
    "Incident",
    "Meeting",
    "Membership",
    "PartialDate",
    "Participant",
    "Place",
    "PlaceName",
    "Relation",
    "Source",
    "Statement",
    "TimeSpan",
    "Unbounded",
    "Visit",
]

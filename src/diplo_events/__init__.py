"""diplo_events: typed, validated, evidence-anchored records of diplomatic events.

The public API is what ``__all__`` lists; everything else is internal.
"""

from typing import Any

from .dataset import Dataset
from .enums import (
    ActorKind,
    AgreementStage,
    CodeScheme,
    DisputeState,
    EventKind,
    IncidentCategory,
    MeetingFormat,
    MeetingSetting,
    PlaceKind,
    Precision,
    RelationKind,
    Role,
    Stance,
    Status,
)
from .errors import (
    DecodeError,
    DiploEventsError,
    Problem,
    UnsupportedFormatVersionError,
    ValidationError,
)
from .model import (
    Actor,
    Agreement,
    Dispute,
    Event,
    EventCode,
    Evidence,
    Incident,
    Meeting,
    Membership,
    PartialDate,
    Participant,
    Place,
    PlaceName,
    Relation,
    Source,
    Statement,
    TimeSpan,
    Unbounded,
    Visit,
)
from .serialize import (
    dump,
    dumps,
    from_dict,
    iter_records,
    json_schema,
    load,
    loads,
    to_dict,
)

__all__ = [
    "Actor",
    "ActorKind",
    "Agreement",
    "AgreementStage",
    "CodeScheme",
    "Dataset",
    "DecodeError",
    "DiploEventsError",
    "Dispute",
    "DisputeState",
    "Event",
    "EventCode",
    "EventKind",
    "Evidence",
    "Incident",
    "IncidentCategory",
    "Meeting",
    "MeetingFormat",
    "MeetingSetting",
    "Membership",
    "PartialDate",
    "Participant",
    "Place",
    "PlaceKind",
    "PlaceName",
    "Precision",
    "Problem",
    "Relation",
    "RelationKind",
    "Role",
    "Source",
    "Stance",
    "Statement",
    "Status",
    "TimeSpan",
    "Unbounded",
    "UnsupportedFormatVersionError",
    "ValidationError",
    "Visit",
    "dump",
    "dumps",
    "from_dict",
    "iter_records",
    "json_schema",
    "load",
    "loads",
    "to_dict",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from ._version import __version__  # noqa: PLC0415 - lazy on purpose

        return __version__
    raise AttributeError(f"module 'diplo_events' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

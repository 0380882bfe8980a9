"""diplo_events: typed, validated, evidence-anchored records of diplomatic events.

The public API is what ``__all__`` lists; everything else is internal.
"""

import importlib
from typing import TYPE_CHECKING, Any

from .enums import (
    ActorKind,
    AgreementStage,
    CodeScheme,
    DisputeState,
    EventKind,
    GeoPrecision,
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
    AmbiguousQuoteError,
    DecodeError,
    DiploEventsError,
    FileAccessError,
    MissingDependencyError,
    Problem,
    QuoteError,
    QuoteNotFoundError,
    UnsupportedFormatVersionError,
    ValidationError,
)

if TYPE_CHECKING:
    from .analysis import DyadCount, Edge, MeetingNetwork, Quote, TimelineEntry
    from .anchoring import anchor, coverage, reanchor
    from .corpus import (
        Diff,
        MergeReport,
        diff,
        event_key,
        find_duplicates,
        fold_duplicate,
        merge,
        merge_with_report,
    )
    from .dataset import Dataset
    from .model import (
        Actor,
        Agreement,
        Dispute,
        Event,
        EventCode,
        Evidence,
        GeoPoint,
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
    from .query import Query
    from .reference import load_reference
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

# Subsystems that a user may not need are imported on first use (PEP 562), so that
# `import diplo_events` stays cheap: name -> module that defines it.
_LAZY: dict[str, str] = {
    "Actor": "diplo_events.model",
    "Agreement": "diplo_events.model",
    "Dispute": "diplo_events.model",
    "Event": "diplo_events.model",
    "EventCode": "diplo_events.model",
    "Evidence": "diplo_events.model",
    "GeoPoint": "diplo_events.model",
    "Incident": "diplo_events.model",
    "Meeting": "diplo_events.model",
    "Membership": "diplo_events.model",
    "PartialDate": "diplo_events.model",
    "Participant": "diplo_events.model",
    "Place": "diplo_events.model",
    "PlaceName": "diplo_events.model",
    "Relation": "diplo_events.model",
    "Source": "diplo_events.model",
    "Statement": "diplo_events.model",
    "TimeSpan": "diplo_events.model",
    "Unbounded": "diplo_events.model",
    "Visit": "diplo_events.model",
    "Dataset": "diplo_events.dataset",
    "anchor": "diplo_events.anchoring",
    "Diff": "diplo_events.corpus",
    "coverage": "diplo_events.anchoring",
    "DyadCount": "diplo_events.analysis",
    "Edge": "diplo_events.analysis",
    "MeetingNetwork": "diplo_events.analysis",
    "MergeReport": "diplo_events.corpus",
    "Query": "diplo_events.query",
    "Quote": "diplo_events.analysis",
    "TimelineEntry": "diplo_events.analysis",
    "diff": "diplo_events.corpus",
    "dump": "diplo_events.serialize",
    "dumps": "diplo_events.serialize",
    "event_key": "diplo_events.corpus",
    "find_duplicates": "diplo_events.corpus",
    "fold_duplicate": "diplo_events.corpus",
    "from_dict": "diplo_events.serialize",
    "iter_records": "diplo_events.serialize",
    "json_schema": "diplo_events.serialize",
    "load": "diplo_events.serialize",
    "load_reference": "diplo_events.reference",
    "reanchor": "diplo_events.anchoring",
    "loads": "diplo_events.serialize",
    "merge": "diplo_events.corpus",
    "merge_with_report": "diplo_events.corpus",
    "to_dict": "diplo_events.serialize",
}

__all__ = [
    "Actor",
    "ActorKind",
    "Agreement",
    "AgreementStage",
    "AmbiguousQuoteError",
    "CodeScheme",
    "Dataset",
    "DecodeError",
    "Diff",
    "DiploEventsError",
    "Dispute",
    "DisputeState",
    "DyadCount",
    "Edge",
    "Event",
    "EventCode",
    "EventKind",
    "Evidence",
    "FileAccessError",
    "GeoPoint",
    "GeoPrecision",
    "Incident",
    "IncidentCategory",
    "Meeting",
    "MeetingFormat",
    "MeetingNetwork",
    "MeetingSetting",
    "Membership",
    "MergeReport",
    "MissingDependencyError",
    "PartialDate",
    "Participant",
    "Place",
    "PlaceKind",
    "PlaceName",
    "Precision",
    "Problem",
    "Query",
    "Quote",
    "QuoteError",
    "QuoteNotFoundError",
    "Relation",
    "RelationKind",
    "Role",
    "Source",
    "Stance",
    "Statement",
    "Status",
    "TimeSpan",
    "TimelineEntry",
    "Unbounded",
    "UnsupportedFormatVersionError",
    "ValidationError",
    "Visit",
    "anchor",
    "coverage",
    "diff",
    "dump",
    "dumps",
    "event_key",
    "find_duplicates",
    "fold_duplicate",
    "from_dict",
    "iter_records",
    "json_schema",
    "load",
    "load_reference",
    "loads",
    "merge",
    "merge_with_report",
    "reanchor",
    "to_dict",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value
    if name == "__version__":
        from ._version import __version__  # noqa: PLC0415 - lazy on purpose

        return __version__
    raise AttributeError(f"module 'diplo_events' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

"""Interoperability: ICEWS and GDELT imports; dyadic, Web Annotation and Arrow/Parquet exports.

See ``docs/interop.md``. The exports take a `Dataset` or any iterable of
records (such as `diplo_events.iter_records` yields), so they stream.
"""

from ._importer import ImportFormatError, ImportReport, RowIssue
from .annotations import (
    ANNOTATION_CONTEXT,
    annotation_collection,
    evidence_from_annotation,
    iter_annotations,
    record_evidence_from_annotation,
)
from .arrow import MissingDependencyError, arrow_schema, iter_batches, to_arrow, write_parquet
from .dyads import DYAD_COLUMNS, dyad_records, iter_dyads, write_dyads_csv
from .gdelt import (
    GDELT_EVENT_COLUMNS,
    GDELT_MENTION_COLUMNS,
    GdeltFormatError,
    GdeltReader,
    read_gdelt,
)
from .icews import ICEWS_COLUMNS, IcewsFormatError, IcewsReader, read_icews

__all__ = [
    "ANNOTATION_CONTEXT",
    "DYAD_COLUMNS",
    "GDELT_EVENT_COLUMNS",
    "GDELT_MENTION_COLUMNS",
    "ICEWS_COLUMNS",
    "GdeltFormatError",
    "GdeltReader",
    "IcewsFormatError",
    "IcewsReader",
    "ImportFormatError",
    "ImportReport",
    "MissingDependencyError",
    "RowIssue",
    "annotation_collection",
    "arrow_schema",
    "dyad_records",
    "evidence_from_annotation",
    "iter_annotations",
    "iter_batches",
    "iter_dyads",
    "read_gdelt",
    "read_icews",
    "record_evidence_from_annotation",
    "to_arrow",
    "write_dyads_csv",
    "write_parquet",
]

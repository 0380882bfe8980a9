"""Interoperability: imports (ICEWS, GDELT, PLOVER, POLECAT), exports (dyads, Arrow, PLOVER, ...).

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
from .arrow import MissingDependencyError, arrow_schema, iter_batches, to_arrow, write_parquet_table
from .dyads import DYAD_COLUMNS, dyad_records, iter_dyads, write_dyads_csv
from .gdelt import (
    GDELT_EVENT_COLUMNS,
    GDELT_MENTION_COLUMNS,
    GdeltFormatError,
    GdeltReader,
    read_gdelt,
)
from .icews import ICEWS_COLUMNS, IcewsFormatError, IcewsReader, read_icews
from .plover import PloverReader, read_plover
from .plover_export import PloverExport, iter_plover, write_plover
from .polecat import POLECAT_COLUMNS, PolecatReader, read_polecat

__all__ = [
    "ANNOTATION_CONTEXT",
    "DYAD_COLUMNS",
    "GDELT_EVENT_COLUMNS",
    "GDELT_MENTION_COLUMNS",
    "ICEWS_COLUMNS",
    "POLECAT_COLUMNS",
    "GdeltFormatError",
    "GdeltReader",
    "IcewsFormatError",
    "IcewsReader",
    "ImportFormatError",
    "ImportReport",
    "MissingDependencyError",
    "PloverExport",
    "PloverReader",
    "PolecatReader",
    "RowIssue",
    "annotation_collection",
    "arrow_schema",
    "dyad_records",
    "evidence_from_annotation",
    "iter_annotations",
    "iter_batches",
    "iter_dyads",
    "iter_plover",
    "read_gdelt",
    "read_icews",
    "read_plover",
    "read_polecat",
    "record_evidence_from_annotation",
    "to_arrow",
    "write_dyads_csv",
    "write_parquet_table",
    "write_plover",
]

"""Corpus operations: datasets that grow, merge, diff and find their duplicate events.

- `merge` / `merge_with_report`: several datasets into one, with a rule for conflicts;
- `diff`: records added, removed and changed between two datasets;
- `edit`: add, replace and remove records, validating only what changed;
- `event_key`, `find_duplicates`, `fold_duplicate`: event identity and duplicates.
"""

from ._diff import CollectionDiff, Diff, diff
from ._duplicates import (
    DuplicateCandidate,
    EventKey,
    event_key,
    find_duplicates,
    fold_duplicate,
)
from ._edit import edit
from ._merge import Conflict, MergeReport, OnConflict, merge, merge_with_report
from ._records import FieldChange

__all__ = [
    "CollectionDiff",
    "Conflict",
    "Diff",
    "DuplicateCandidate",
    "EventKey",
    "FieldChange",
    "MergeReport",
    "OnConflict",
    "diff",
    "edit",
    "event_key",
    "find_duplicates",
    "fold_duplicate",
    "merge",
    "merge_with_report",
]

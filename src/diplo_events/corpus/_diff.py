"""`diff`: what was added, removed and changed between two datasets, per collection."""

from __future__ import annotations

import attrs

from ..dataset import Dataset
from ._records import (
    COLLECTIONS,
    FieldChange,
    Record,
    field_changes,
    membership_table,
    record_path,
    require_datasets,
    table_of,
)

__all__ = ["CollectionDiff", "Diff", "diff"]


@attrs.frozen(kw_only=True)
class CollectionDiff:
    """The differences within one collection.

    Attributes:
        added: Records only in the new dataset, in its order.
        removed: Records only in the old dataset, in its order.
        changed: Every changed value of the records in both, in the old
            dataset's order, each with its path and both values.
    """

    added: tuple[Record, ...] = ()
    removed: tuple[Record, ...] = ()
    changed: tuple[FieldChange, ...] = ()

    def __bool__(self) -> bool:
        """Whether anything differs."""
        return bool(self.added or self.removed or self.changed)


@attrs.frozen(kw_only=True)
class Diff:
    """The differences between two datasets, per collection (see `diff`).

    A `Diff` is false when the datasets hold the same records (their order may
    differ). `changes` lists every changed value of every collection.
    """

    sources: CollectionDiff = CollectionDiff()
    actors: CollectionDiff = CollectionDiff()
    memberships: CollectionDiff = CollectionDiff()
    places: CollectionDiff = CollectionDiff()
    events: CollectionDiff = CollectionDiff()

    def __bool__(self) -> bool:
        """Whether anything differs."""
        return any(self.collections().values())

    def collections(self) -> dict[str, CollectionDiff]:
        """The `CollectionDiff` of each collection, by name, in dataset order."""
        return {name: getattr(self, name) for name in COLLECTIONS}

    @property
    def changes(self) -> tuple[FieldChange, ...]:
        """Every changed value, collection by collection."""
        return tuple(c for part in self.collections().values() for c in part.changed)


def diff(old: Dataset, new: Dataset) -> Diff:
    """The records added, removed and changed from `old` to `new`, per collection.

    Sources, actors, places and events are matched by id; memberships by
    person, organization, title and span (see `membership_key`), so a
    membership whose evidence or note changed is a change, and one whose title
    changed is a removal and an addition. A changed membership is named by its
    position in `old` (``memberships[3].evidence``). Records are compared
    field by field (see `FieldChange`); the order of records does not matter.

    ``diff(a, a)`` is empty, and merging `a` with a changed copy `b`
    (``on_conflict="last"``) reports as conflicts exactly ``diff(a, b).changes``.

    Raises:
        ValidationError: `old` or `new` is not a `Dataset`.
    """
    require_datasets(old, new)
    parts = {}
    for name in COLLECTIONS:
        before, after = table_of(old, name), table_of(new, name)
        positions = (
            {k: i for k, (i, _) in membership_table(old.memberships).items()}
            if name == "memberships"
            else None
        )
        changed: list[FieldChange] = []
        for key, record in before.items():
            other = after.get(key)
            if other is not None and other != record:
                label = key if positions is None else positions[key]
                changed.extend(field_changes(record_path(name, label), record, other))
        parts[name] = CollectionDiff(
            added=tuple(r for k, r in after.items() if k not in before),
            removed=tuple(r for k, r in before.items() if k not in after),
            changed=tuple(changed),
        )
    return Diff(**parts)

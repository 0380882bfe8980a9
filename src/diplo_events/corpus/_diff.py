"""`diff`: what was added, removed and changed between two datasets, per collection."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from ..dataset import Dataset
from ..model import Membership
from ._records import (
    COLLECTIONS,
    FieldChange,
    Record,
    field_changes,
    membership_table,
    record_path,
    require_datasets,
    show,
    table_of,
)

__all__ = ["CollectionDiff", "Diff", "diff"]

_SHOWN = 5
"""``str(diff)`` lists at most this many records added, removed and values changed a collection."""

_VALUE_CHARS = 60
"""``str(diff)`` cuts a value's JSON longer than this (characters) to end in ``...``."""


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

    @property
    def changed_records(self) -> int:
        """How many records have a changed value (`changed` lists the values)."""
        return len({change.path.split(".", 1)[0] for change in self.changed})

    def _counts(self) -> str:
        """``2 added, 1 removed, 1 changed (3 values)``, leaving out what is 0."""
        parts = [f"{len(self.added):,} added"] if self.added else []
        if self.removed:
            parts.append(f"{len(self.removed):,} removed")
        if self.changed:
            values = len(self.changed)
            parts.append(
                f"{self.changed_records:,} changed ({values:,} value{'s' if values > 1 else ''})"
            )
        return ", ".join(parts)

    def _groups(self, name: str, value: Callable[[object], str]) -> dict[str, list[str]]:
        """The lines of `Diff.lines` for the collection `name`: added, removed, changed values."""
        changed = self.changed
        return {
            "added": [f"+ {_label(name, r)}" for r in self.added],
            "removed": [f"- {_label(name, r)}" for r in self.removed],
            "changed values": [f"~ {c.path}: {value(c.old)} -> {value(c.new)}" for c in changed],
        }


@attrs.frozen(kw_only=True)
class Diff:
    """The differences between two datasets, per collection (see `diff`).

    A `Diff` is false when the datasets hold the same records (their order may
    differ). `changes` lists every changed value of every collection.

    ``str(diff)`` is for people: a line of counts, then per collection that
    differs its counts and at most 5 records added, 5 removed and 5 values
    changed (values cut to 60 characters), the rest counted::

        2 records differ: 1 added, 0 removed, 1 changed (1 value)
        actors: 1 changed (1 value)
          ~ actors['jpn'].name: "Japan" -> "Nippon"
        events: 1 added
          + events['ev-new']

    `lines` gives every difference, uncut (what ``diplo-events diff`` prints).
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

    def lines(self) -> list[str]:
        """Every difference, one line each, collection by collection, in dataset order.

        ``+ events['ev-1']`` for a record added, ``- actors['kor']`` for one
        removed (a membership as ``memberships (PERSON in ORGANIZATION, TITLE,
        SPAN)``), then ``~ PATH: OLD -> NEW`` for each changed value, the
        values as compact JSON (records as the file format writes them, spans
        as EDTF).
        """
        return [
            line
            for name, part in self.collections().items()
            for group in part._groups(name, show).values()
            for line in group
        ]

    def __str__(self) -> str:
        parts = {name: part for name, part in self.collections().items() if part}
        if not parts:
            return "no differences"
        added = sum(len(p.added) for p in parts.values())
        removed = sum(len(p.removed) for p in parts.values())
        changed = sum(p.changed_records for p in parts.values())
        values = sum(len(p.changed) for p in parts.values())
        total = added + removed + changed
        verb = "records differ" if total > 1 else "record differs"
        noun = "value" if values == 1 else "values"
        head = f"{total:,} {verb}: {added:,} added, {removed:,} removed, "
        out = [f"{head}{changed:,} changed ({values:,} {noun})"]
        for name, part in parts.items():
            out.append(f"{name}: {part._counts()}")
            for what, lines in part._groups(name, _clipped).items():
                out.extend(f"  {line}" for line in lines[:_SHOWN])
                if len(lines) > _SHOWN:
                    out.append(f"  ... and {len(lines) - _SHOWN:,} more {what}")
        return "\n".join(out)


def _label(name: str, record: Record) -> str:
    """``events['ev-1']``; a membership by its key: ``memberships (kono in jpn, Envoy, 2018)``."""
    if isinstance(record, Membership):
        when = "" if record.when is None else f", {record.when}"
        return f"{name} ({record.person} in {record.organization}, {record.title}{when})"
    return record_path(name, record.id)


def _clipped(value: object) -> str:
    text = show(value)
    return text if len(text) <= _VALUE_CHARS else text[: _VALUE_CHARS - 3] + "..."


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

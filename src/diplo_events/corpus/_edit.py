"""`edit`: add, replace and remove records, getting a new validated `Dataset`.

Only what the edit touches is validated again (`validate.check_change`), so
adding an event to a large dataset costs that event's checks plus copying the
id table of its collection, not a full validation.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..dataset import Dataset, Record
from ..errors import Problem, ValidationError
from ..model import Membership
from ..validate import check_change
from ._records import COLLECTIONS, collection_of, require_datasets

__all__ = ["edit"]

_WHAT = "a record: a Source, Actor, Membership, Place or an event"


class _Edit:
    """The collections being edited: copied on first change, the rest shared."""

    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        self.tables: dict[str, Any] = {}
        self.written: dict[str, set[Any]] = {name: set() for name in COLLECTIONS}
        self.gone: dict[str, set[str]] = {name: set() for name in COLLECTIONS}
        self.usage: list[Problem] = []
        self.repeats: dict[str, list[Problem]] = {name: [] for name in COLLECTIONS}
        self.appended: dict[str, int] = dict.fromkeys(COLLECTIONS, 0)  # repeated ids added
        self.added_at: dict[str, dict[str, int]] = {name: {} for name in COLLECTIONS}

    def table(self, name: str) -> Any:
        if name not in self.tables:
            old = getattr(self.ds, name)
            # mappingproxy.copy() copies the dict underneath: far faster than dict(proxy).
            self.tables[name] = list(old) if name == "memberships" else old.copy()
        return self.tables[name]

    def locate(self, verb: str, i: int, record: object) -> tuple[str, Any] | None:
        """The collection of `record` and its table, copied for the change (None: no change)."""
        name = collection_of(record)
        if name is None:
            self.usage.append(
                Problem(path=f"{verb}[{i}]", message=f"must be {_WHAT}", value=record)
            )
            return None
        if (
            verb == "replace"
            and name != "memberships"
            and self.current(name).get(getattr(record, "id", None)) == record
        ):
            return None  # the same record again: nothing to copy or check
        return name, self.table(name)

    def current(self, name: str) -> Any:
        """The table of `name` as edited so far (not copied)."""
        return self.tables.get(name, getattr(self.ds, name))

    def remove(self, i: int, record: object) -> None:
        found = self.locate("remove", i, record)
        if found is None:
            return
        name, table = found
        if isinstance(record, Membership):
            if record in table:
                table.remove(record)
                return
        elif record.id in table:  # type: ignore[attr-defined]
            del table[record.id]  # type: ignore[attr-defined]
            self.gone[name].add(record.id)  # type: ignore[attr-defined]
            return
        self.usage.append(
            Problem(path=f"remove[{i}]", message=f"is not in the dataset's {name}", value=record)
        )

    def replace(self, i: int, record: object) -> None:
        found = self.locate("replace", i, record)
        if found is None:
            return
        name, table = found
        if isinstance(record, Membership):
            message = "has no id to replace by: remove the old membership and add the new one"
            self.usage.append(Problem(path=f"replace[{i}]", message=message, value=record))
            return
        key = record.id  # type: ignore[attr-defined]
        if key not in table:
            self.usage.append(
                Problem(
                    path=f"replace[{i}].id",
                    message=f"is not an id of the dataset's {name} (add the record instead)",
                    value=key,
                )
            )
        else:  # `locate` has left out a record equal to the one it replaces
            table[key] = record
            self.written[name].add(key)
            self.gone[name].add(key)

    def add(self, i: int, record: object) -> None:
        found = self.locate("add", i, record)
        if found is None:
            return
        name, table = found
        if isinstance(record, Membership):
            self.written[name].add(len(table))
            table.append(record)
            return
        key = record.id  # type: ignore[attr-defined]
        position = len(table) + self.appended[name]
        if key in table:  # as Dataset() reports a repeated id
            first = self.added_at[name].get(key)
            if first is None:
                first = list(table).index(key)
            self.repeats[name].append(
                Problem(
                    path=f"{name}[{position}].id",
                    message=f"repeats the id of {name}[{first}]",
                    value=key,
                )
            )
            self.appended[name] += 1
            return
        table[key] = record
        self.written[name].add(key)
        self.added_at[name][key] = position

    def result(self) -> Dataset:
        cols = {name: self.current(name) for name in COLLECTIONS}
        cols["memberships"] = tuple(cols["memberships"])
        problems = [p for name in COLLECTIONS for p in self.repeats[name]]
        problems.extend(check_change(**cols, written=self.written, replaced_or_removed=self.gone))
        if problems:
            raise ValidationError(problems)
        return Dataset._from_checked(**cols)  # validated by check_change


def edit(
    ds: Dataset,
    *,
    add: Iterable[Record] = (),
    replace: Iterable[Record] = (),
    remove: Iterable[Record] = (),
) -> Dataset:
    """A new validated `Dataset`: `ds` with records removed, then replaced, then added.

    Each record goes to its collection by type (an event of any kind to
    ``events``). Records with an id are removed and replaced by id (a removed
    record's other fields are not compared); a membership is removed when an
    equal one is in the dataset, and cannot be replaced (remove the old one and
    add the new one in the same edit). Added records come last in their
    collection; a replaced one keeps its place. `ds` itself is unchanged.

    Only what the edit touches is checked again (see
    `validate.check_change`), and the problems are exactly those that building
    the edited collections with ``Dataset(...)`` would report, in the same
    order and with the same paths. So removing a record that others still
    refer to is refused with a problem at every reference, such as ``refers to
    an unknown actor (got 'jpn') at events['ev-3'].participants[0].actor``.

    Raises:
        ValidationError: the edit names a record that is not in the dataset
            (``remove[0]``, ``replace[1].id``) or something that is not a
            record; or the edited dataset is not valid.
    """
    require_datasets(ds)
    change = _Edit(ds)
    for verb, records in (("remove", remove), ("replace", replace), ("add", add)):
        if isinstance(records, (str, bytes, dict)) or not isinstance(records, Iterable):
            change.usage.append(
                Problem(path=verb, message=f"must be an iterable of {_WHAT}s", value=records)
            )
            continue
        step = getattr(change, verb)
        for i, record in enumerate(records):
            step(i, record)
    if change.usage:
        raise ValidationError(change.usage)
    return change.result()

"""`merge`: several datasets into one, with a rule for records that conflict."""

from __future__ import annotations

from typing import Any, Literal

import attrs

from ..dataset import Dataset
from ..errors import Problem, ValidationError, _short_repr
from ._records import (
    COLLECTIONS,
    FieldChange,
    Record,
    combine,
    field_changes,
    record_path,
    require_datasets,
    table_of,
)

__all__ = ["Conflict", "MergeReport", "OnConflict", "merge", "merge_with_report"]

OnConflict = Literal["error", "first", "last", "combine"]
_MODES: tuple[OnConflict, ...] = ("error", "first", "last", "combine")


@attrs.frozen(kw_only=True)
class Conflict:
    """One value on which two datasets disagree, and how the merge settled it.

    Attributes:
        path: Where, as in `FieldChange` (``events['ev-1'].summary``); a
            membership is named by its position in the merged dataset.
        first: The value kept so far (from ``datasets[datasets[0]]``).
        second: The value in ``datasets[datasets[1]]``.
        datasets: The positions, among the merged datasets, of the two values.
        resolution: ``"first"`` (first kept), ``"last"`` (second kept) or
            ``"combined"`` (a tuple field: the union of both, first's order).
    """

    path: str
    first: object
    second: object
    datasets: tuple[int, int]
    resolution: str


@attrs.frozen(kw_only=True)
class MergeReport:
    """What a merge did besides copying records.

    Attributes:
        conflicts: Every conflicting value and how it was settled, in
            collection order, then in the order the datasets were given.
        identical: How many records were found again with equal content (and
            merged silently).
    """

    conflicts: tuple[Conflict, ...] = ()
    identical: int = 0


def merge(*datasets: Dataset, on_conflict: OnConflict = "error") -> Dataset:
    """Combine datasets into one validated `Dataset`; see `merge_with_report` for the rules.

    ``merge(a, a) == a``. Use `merge_with_report` to learn which conflicts a
    ``"first"``, ``"last"`` or ``"combine"`` merge settled.

    Raises:
        ValidationError: a conflict under ``on_conflict="error"`` (or a
            disagreement under ``"combine"``), a bad argument, or a merged
            dataset that is not valid.
    """
    return merge_with_report(*datasets, on_conflict=on_conflict)[0]


def merge_with_report(
    *datasets: Dataset, on_conflict: OnConflict = "error"
) -> tuple[Dataset, MergeReport]:
    """Combine datasets into one validated `Dataset`, and report the conflicts settled.

    Records are matched as in `diff` (by id; memberships by person,
    organization, title and span) and keep the position of their first
    occurrence. Records with equal content merge silently. A conflict (same
    id, different content) is settled by `on_conflict`:

    - ``"error"``: a `ValidationError` listing every conflicting value, at
      ``datasets[1].events['ev-1'].summary``, with both values;
    - ``"first"`` / ``"last"``: keep the first or the last record, reported;
    - ``"combine"``: one record whose tuple fields (evidence, aliases,
      identifiers, names, sources, topics, participants, ...) are the union,
      first's order first; its single-valued fields must agree, and every
      disagreement is reported in one `ValidationError`.

    Raises:
        ValidationError: as for `merge`.
    """
    require_datasets(*datasets)
    if on_conflict not in _MODES:
        allowed = ", ".join(repr(m) for m in _MODES)
        raise ValidationError.one("on_conflict", f"must be one of {allowed}", on_conflict)
    state = _Merge(on_conflict)
    merged: dict[str, Any] = {name: state.collection(name, datasets) for name in COLLECTIONS}
    if state.problems:
        raise ValidationError(state.problems)
    report = MergeReport(conflicts=tuple(state.conflicts), identical=state.identical)
    return Dataset(**merged), report


@attrs.define
class _Merge:
    mode: OnConflict
    problems: list[Problem] = attrs.Factory(list)
    conflicts: list[Conflict] = attrs.Factory(list)
    identical: int = 0

    def collection(self, name: str, datasets: tuple[Dataset, ...]) -> list[Record]:
        kept: dict[Any, tuple[int, Record]] = {}
        position: dict[Any, int] = {}
        for j, ds in enumerate(datasets):
            for key, record in table_of(ds, name).items():
                if key not in kept:
                    position[key] = len(position)
                    kept[key] = (j, record)
                    continue
                i, current = kept[key]
                if current == record:
                    self.identical += 1
                    continue
                path = record_path(name, position[key] if name == "memberships" else key)
                kept[key] = (i, self._settle(path, current, record, (i, j)))
        return [record for _, record in kept.values()]

    def _settle(self, path: str, first: Record, second: Record, pair: tuple[int, int]) -> Record:
        if self.mode == "combine":
            return self._combine(path, first, second, pair)
        changes = field_changes(path, first, second)
        if self.mode == "error":
            self._disagree(changes, pair, "conflicts with")
            return first
        self._report(changes, pair, self.mode)
        return first if self.mode == "first" else second

    def _combine(self, path: str, first: Record, second: Record, pair: tuple[int, int]) -> Record:
        try:
            record, joined, disagreements = combine(path, first, second)
        except ValidationError as exc:
            self.problems.extend(exc.at(f"datasets[{pair[1]}]").problems)
            return first
        self._report(joined, pair, "combined")
        self._disagree(disagreements, pair, "cannot be combined: it must equal")
        return record

    def _report(self, changes: list[FieldChange], pair: tuple[int, int], how: str) -> None:
        self.conflicts.extend(
            Conflict(path=c.path, first=c.old, second=c.new, datasets=pair, resolution=how)
            for c in changes
        )

    def _disagree(self, changes: list[FieldChange], pair: tuple[int, int], verb: str) -> None:
        first, second = pair
        self.problems.extend(
            Problem(
                path=f"datasets[{second}].{c.path}",
                message=f"{verb} datasets[{first}], where it is {_short_repr(c.old)}",
                value=c.new,
            )
            for c in changes
        )

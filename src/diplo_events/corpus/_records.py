"""What merge, diff and edits share: record keys, record paths and field-by-field comparison.

Records with an id (sources, actors, places, events) are matched by id.
Memberships have none: they are matched by their *key* (person,
organization, title and span), the k-th membership with a key matching the
k-th one of the other dataset.
"""

from __future__ import annotations

import enum
import json
from typing import Any

import attrs

from ..dataset import Dataset, Record
from ..errors import Problem, ValidationError
from ..model import Actor, Event, Membership, PartialDate, Place, Source, TimeSpan

__all__ = [
    "COLLECTIONS",
    "ID_COLLECTIONS",
    "FieldChange",
    "Record",
    "collection_of",
    "combine",
    "field_changes",
    "membership_key",
    "membership_table",
    "record_path",
    "require_datasets",
    "show",
    "table_of",
]

COLLECTIONS = ("sources", "actors", "memberships", "places", "events")
"""The collections of a `Dataset`, in the order they are validated and written."""

ID_COLLECTIONS = ("sources", "actors", "places", "events")
"""The collections whose records have an id."""

_COLLECTION_OF: tuple[tuple[type, str], ...] = (
    (Source, "sources"),
    (Actor, "actors"),
    (Membership, "memberships"),
    (Place, "places"),
    (Event, "events"),
)

# Values compared as a whole: their parts are not fields a user edits one by one.
_LEAVES = (TimeSpan, PartialDate)


@attrs.frozen(kw_only=True)
class FieldChange:
    """One value that differs between two versions of a record.

    Attributes:
        path: Where, in the style of validation paths:
            ``events['ev-1'].summary``, ``events['ev-1'].participants[1].role``,
            ``memberships[3].evidence``; a whole record (``events['ev-1']``)
            when the two are of different kinds.
        old: The value in the first (old) version.
        new: The value in the second (new) version.
    """

    path: str
    old: object
    new: object

    def __str__(self) -> str:
        """``PATH: OLD -> NEW``, the values as compact JSON (see `show`)."""
        return f"{self.path}: {show(self.old)} -> {show(self.new)}"


def show(value: object) -> str:
    """A value as compact JSON: records as the file writes them, spans as EDTF, enums by value."""
    return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"))


def _plain(value: object) -> object:
    if isinstance(value, (TimeSpan, PartialDate)):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if attrs.has(type(value)):
        from ..serialize import to_dict  # noqa: PLC0415 - serialize is needed only to show records

        return to_dict(value)
    return value


def collection_of(record: object) -> str | None:
    """The collection a record belongs in (``"events"`` for any kind of event), or None."""
    for cls, name in _COLLECTION_OF:
        if isinstance(record, cls) and type(record) is not Event:
            return name
    return None


def membership_key(m: Membership) -> tuple[str, str, str, str | None]:
    """What identifies a membership: person, organization, title and span (as EDTF)."""
    return (m.person, m.organization, m.title, None if m.when is None else str(m.when))


def membership_table(
    memberships: tuple[Membership, ...],
) -> dict[tuple[tuple[str, str, str, str | None], int], tuple[int, Membership]]:
    """Memberships by (key, occurrence of that key), each with its position."""
    seen: dict[tuple[str, str, str, str | None], int] = {}
    table = {}
    for i, m in enumerate(memberships):
        key = membership_key(m)
        n = seen.get(key, 0)
        seen[key] = n + 1
        table[key, n] = (i, m)
    return table


def table_of(ds: Dataset, collection: str) -> dict[Any, Any]:
    """A collection as a dict: by id, or (memberships) by `membership_table` key."""
    if collection == "memberships":
        return {k: m for k, (_, m) in membership_table(ds.memberships).items()}
    return dict(getattr(ds, collection))


def record_path(collection: str, key: object) -> str:
    """``events['ev-1']`` for a record with an id, ``memberships[3]`` for a position."""
    return f"{collection}[{key!r}]"


def field_changes(path: str, old: object, new: object) -> list[FieldChange]:
    """Every value that differs between `old` and `new`, with its path below `path`.

    Records of the same type are compared field by field, and tuples of
    records of the same length item by item; anything else (a string, a
    `TimeSpan`, a tuple of strings, tuples of different lengths, records of
    different types) is one change.
    """
    out: list[FieldChange] = []
    _walk(out, path, old, new)
    return out


def _walk(out: list[FieldChange], path: str, old: object, new: object) -> None:
    if old == new:
        return
    kind = type(old)
    if kind is type(new) and attrs.has(kind) and not isinstance(old, _LEAVES):
        for field in attrs.fields(kind):
            name = field.name
            _walk(out, f"{path}.{name}", getattr(old, name), getattr(new, name))
    elif (
        type(old) is tuple
        and type(new) is tuple
        and len(old) == len(new)
        and all(attrs.has(type(item)) for item in (*old, *new))
    ):
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            _walk(out, f"{path}[{i}]", a, b)
    else:
        out.append(FieldChange(path=path, old=old, new=new))


def combine(
    path: str, first: Record, second: Record
) -> tuple[Record, list[FieldChange], list[FieldChange]]:
    """One record with the tuple fields of both (union, first's order) and first's other values.

    An optional value (a note, a place) that one of the two leaves out (None)
    is taken from the other. Returns the combined record, the fields that
    second added to or filled in (as changes from first's value to second's) and
    the single-valued fields on which the two disagree (first's value is kept
    for those). Records of different types
    cannot be combined: `first` comes back, with one disagreement for the
    whole record.

    Raises:
        ValidationError: the union is not a valid record (two values for one
            identifier scheme, say); paths start with `path`.
    """
    if type(first) is not type(second):
        return first, [], [FieldChange(path=path, old=first, new=second)]
    unions: dict[str, object] = {}
    joined: list[FieldChange] = []
    disagreements: list[FieldChange] = []
    for field in attrs.fields(type(first)):
        a, b = getattr(first, field.name), getattr(second, field.name)
        if a == b:
            continue
        where = f"{path}.{field.name}"
        if type(a) is tuple and type(b) is tuple:
            union = tuple(dict.fromkeys((*a, *b)))
        elif a is None or b is None:  # an optional value one side leaves out
            union = b if a is None else a
        else:
            disagreements.extend(field_changes(where, a, b))
            continue
        if union != a:
            unions[field.name] = union
            joined.append(FieldChange(path=where, old=a, new=b))
    if not unions:
        return first, joined, disagreements
    try:
        combined: Record = attrs.evolve(first, **unions)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise exc.at(path) from None
    return combined, joined, disagreements


def require_datasets(*values: object) -> None:
    """Raise `ValidationError` naming each value that is not a `Dataset` (``datasets[1]``)."""
    problems = [
        Problem(path=f"datasets[{i}]", message="must be a Dataset", value=type(v).__name__)
        for i, v in enumerate(values)
        if not isinstance(v, Dataset)
    ]
    if problems:
        raise ValidationError(problems)

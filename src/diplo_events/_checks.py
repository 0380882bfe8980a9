"""Field checks shared by the records' single validation pass.

Each ``check_*`` appends `Problem`s to a list instead of raising, so a record
reports every bad field at once; `raise_problems` raises them together.
Checks use exact type tests (``type(v) is int``: a ``bool`` is an ``int``).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from ._iso3166 import ALPHA3
from .errors import Problem, ValidationError

E = TypeVar("E", bound=enum.Enum)

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_LENGTH = 100
_SCHEME_RE = re.compile(r"[a-z][a-z0-9_]*")
_LANG_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_WIKIDATA_RE = re.compile(r"Q[1-9][0-9]*")
_GEONAMES_RE = re.compile(r"[1-9][0-9]*")

Problems = list[Problem]


def raise_problems(problems: Problems) -> None:
    """Raise a `ValidationError` holding `problems`, if there are any."""
    if problems:
        raise ValidationError(problems)


def to_tuple(value: Any) -> Any:
    """Normalise any non-string iterable to a tuple; leave anything else for the checks."""
    if type(value) is tuple:
        return value
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        return value
    return tuple(value)


def enum_table(cls: type[E]) -> dict[object, E]:
    """A ``{value: member}`` table: a dict lookup is about 15x faster than calling the enum."""
    return {m.value: m for m in cls}


def to_member(table: dict[object, E], value: object) -> Any:
    """Map an enum value (``"occurred"``) to its member; leave anything else for the checks."""
    if type(value) is str:
        return table.get(value, value)
    return value


def to_pairs(value: Any) -> Any:
    """Normalise a mapping or iterable of identifier pairs to sorted ``(key, value)`` pairs."""
    items: list[object]
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        return value
    else:
        items = list(value)
    if all(type(i) is tuple and len(i) == 2 and type(i[0]) is str for i in items):
        return tuple(sorted(items))
    return tuple(items)


def is_slug(value: object) -> bool:
    """Whether `value` is a valid id: a lower-case slug like ``ev-kono-visit``."""
    return (
        type(value) is str and len(value) <= MAX_ID_LENGTH and SLUG_RE.fullmatch(value) is not None
    )


# Ids repeat (an actor takes part in many events), so ids already found valid are
# remembered: a set lookup is several times cheaper than the regular expression.
_KNOWN_IDS: set[str] = set()
_KNOWN_IDS_LIMIT = 1 << 17


def is_known_id(value: object) -> bool:
    """Whether `value` is an id already found valid (a cheap, partial fast path)."""
    return type(value) is str and value in _KNOWN_IDS


def are_unique_known_ids(values: tuple[object, ...]) -> bool:
    """Whether every item is an id already found valid, none repeated (a cheap, partial test)."""
    for value in values:
        if type(value) is not str or value not in _KNOWN_IDS:
            return False
    return len(values) < 2 or len(set(values)) == len(values)


def check_id(problems: Problems, path: str, value: object, *, optional: bool = False) -> None:
    """Check that `value` is an id (or None when `optional`)."""
    if type(value) is str and value in _KNOWN_IDS:
        return
    if value is None and optional:
        return
    if is_slug(value):
        if len(_KNOWN_IDS) >= _KNOWN_IDS_LIMIT:
            _KNOWN_IDS.clear()
        _KNOWN_IDS.add(value)  # type: ignore[arg-type]
    else:
        problems.append(
            Problem(
                path=path,
                message=(
                    "must be an id: lower-case letters and digits in words joined by '-', "
                    f"at most {MAX_ID_LENGTH} characters"
                ),
                value=value,
            )
        )


def check_text(problems: Problems, path: str, value: object, *, optional: bool = False) -> None:
    """Check that `value` is a non-blank string (or None when `optional`)."""
    if value is None and optional:
        return
    if type(value) is not str:
        problems.append(Problem(path=path, message="must be a string", value=value))
    elif not value.strip():
        problems.append(Problem(path=path, message="must not be blank", value=value))


def check_bool(problems: Problems, path: str, value: object) -> None:
    """Check that `value` is exactly True or False."""
    if type(value) is not bool:
        problems.append(Problem(path=path, message="must be true or false", value=value))


def check_enum(problems: Problems, path: str, value: object, cls: type[enum.Enum]) -> None:
    """Check that `value` is a member of `cls`; the message lists the allowed values."""
    if type(value) is not cls:
        allowed = ", ".join(repr(m.value) for m in cls)
        problems.append(Problem(path=path, message=f"must be one of {allowed}", value=value))


def check_instance(problems: Problems, path: str, value: object, cls: type, what: str) -> bool:
    """Check that `value` is an instance of `cls` (named `what` in the message)."""
    if isinstance(value, cls):
        return True
    problems.append(Problem(path=path, message=f"must be {what}", value=value))
    return False


def check_tuple(problems: Problems, path: str, value: object) -> bool:
    """Check that `value` is a tuple (sequences are converted to tuples before this runs)."""
    if type(value) is tuple:
        return True
    problems.append(Problem(path=path, message="must be a sequence (not a string)", value=value))
    return False


def check_items(
    problems: Problems,
    path: str,
    value: object,
    item_check: Callable[[Problems, str, object], None],
    *,
    unique: bool = False,
) -> None:
    """Check a tuple field item by item; with `unique`, report repeated items."""
    if not check_tuple(problems, path, value):
        return
    assert isinstance(value, tuple)  # noqa: S101 - narrowed by check_tuple
    seen: set[object] = set()
    for i, item in enumerate(value):
        before = len(problems)
        item_check(problems, f"{path}[{i}]", item)
        if unique and len(problems) == before:
            if item in seen:
                problems.append(Problem(path=f"{path}[{i}]", message="is repeated", value=item))
            seen.add(item)


def check_records(problems: Problems, path: str, value: object, cls: type, what: str) -> None:
    """Check a tuple field whose items must be `cls` records."""
    if not check_tuple(problems, path, value):
        return
    assert isinstance(value, tuple)  # noqa: S101 - narrowed by check_tuple
    for i, item in enumerate(value):
        check_instance(problems, f"{path}[{i}]", item, cls, what)


def check_country(problems: Problems, path: str, value: object) -> None:
    """Check an ISO 3166-1 alpha-3 country code (or None)."""
    if value is None:
        return
    if type(value) is not str or value not in ALPHA3:
        problems.append(
            Problem(
                path=path,
                message="must be an ISO 3166-1 alpha-3 country code such as 'JPN'",
                value=value,
            )
        )


def check_lang(problems: Problems, path: str, value: object) -> None:
    """Check a BCP 47-like language tag such as ``ja`` or ``zh-Hans`` (or None)."""
    if value is None:
        return
    if type(value) is not str or _LANG_RE.fullmatch(value) is None:
        problems.append(
            Problem(
                path=path, message="must be a language tag such as 'ja' or 'zh-Hans'", value=value
            )
        )


def identifier_in(pairs: tuple[tuple[str, str], ...], scheme: str) -> str | None:
    """The value for `scheme` among sorted ``(scheme, value)`` pairs, or None."""
    for key, value in pairs:
        if key == scheme:
            return value
    return None


_ID_RULES = {
    "wikidata": (_WIKIDATA_RE, "must be a Wikidata item id such as 'Q17'"),
    "geonames": (_GEONAMES_RE, "must be a GeoNames id, digits such as '1850147'"),
}
"""Schemes whose values have a known form: the pattern and the message when one does not match."""


def check_identifiers(problems: Problems, path: str, value: object) -> None:
    """Check identifier pairs: a scheme (``wikidata``) and a value, schemes unique."""
    if not check_tuple(problems, path, value):
        return
    assert isinstance(value, tuple)  # noqa: S101 - narrowed by check_tuple
    seen: set[str] = set()
    for i, pair in enumerate(value):
        where = f"{path}[{i}]"
        if type(pair) is not tuple or len(pair) != 2:
            problems.append(
                Problem(path=where, message="must be a (scheme, value) pair", value=pair)
            )
            continue
        scheme, ident = pair
        if type(scheme) is not str or _SCHEME_RE.fullmatch(scheme) is None:
            problems.append(
                Problem(
                    path=where,
                    message="scheme must be a lower-case name such as 'wikidata'",
                    value=scheme,
                )
            )
            continue
        if scheme in seen:
            problems.append(Problem(path=where, message="scheme is repeated", value=scheme))
        seen.add(scheme)
        check_text(problems, f"{path}[{scheme!r}]", ident)
        rule = _ID_RULES.get(scheme)
        if rule is not None and type(ident) is str and rule[0].fullmatch(ident) is None:
            problems.append(Problem(path=f"{path}[{scheme!r}]", message=rule[1], value=ident))


def coerce_enum(cls: type[E], value: object, path: str) -> E:
    """Return the member of `cls` that `value` is or names; raise `ValidationError` otherwise."""
    if isinstance(value, cls):
        return value
    for member in cls:
        if member.value == value:
            return member
    allowed = ", ".join(repr(m.value) for m in cls)
    raise ValidationError.one(path, f"must be one of {allowed}", value)

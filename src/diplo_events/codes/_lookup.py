"""Lookups in the CAMEO and PLOVER code tables.

Every derived value (name, Goldstein value, QuadClass, PLOVER type) comes from
the tables through these functions; records store only the code itself.
An unknown code raises `UnknownCodeError`, a `ValidationError` whose single
problem has the path ``code``.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import attrs

from ..enums import CodeScheme
from ..errors import ValidationError
from ._cameo_table import CAMEO
from ._plover_table import PLOVER

if TYPE_CHECKING:
    from ..model import Event

__all__ = [
    "PLOVER_TYPES",
    "CameoCode",
    "PloverCode",
    "QuadClass",
    "UnknownCodeError",
    "cameo",
    "cameo_codes",
    "cameo_name",
    "cameo_of",
    "goldstein",
    "is_known",
    "plover",
    "plover_of",
    "plover_type",
    "quad_class",
    "root",
]

PLOVER_TYPES: frozenset[str] = frozenset(t for t, _, _ in PLOVER.values())
"""The PLOVER event types (``AGREE``, ``CONSULT``, …) that the mapping uses."""


class UnknownCodeError(ValidationError):
    """A code that is not in the shipped tables (or not a code at all)."""


class QuadClass(enum.IntEnum):
    """The four classes of CAMEO events (GDELT's QuadClass), by root code.

    Roots 01-05 are verbal cooperation, 06-08 material cooperation, 09-13
    verbal conflict and 14-20 material conflict.
    """

    VERBAL_COOPERATION = 1
    MATERIAL_COOPERATION = 2
    VERBAL_CONFLICT = 3
    MATERIAL_CONFLICT = 4


def _quad_of_root(root_code: str) -> QuadClass:
    number = int(root_code)
    if number <= 5:
        return QuadClass.VERBAL_COOPERATION
    if number <= 8:
        return QuadClass.MATERIAL_COOPERATION
    if number <= 13:
        return QuadClass.VERBAL_CONFLICT
    return QuadClass.MATERIAL_CONFLICT


@attrs.frozen(kw_only=True)
class PloverCode:
    """A CAMEO code's PLOVER equivalent: event type, mode (or None) and contexts."""

    event_type: str
    mode: str | None
    contexts: tuple[str, ...]


@attrs.frozen(kw_only=True)
class CameoCode:
    """One row of the CAMEO table, with its derived QuadClass and PLOVER mapping."""

    code: str
    name: str
    goldstein: float
    root: str
    quad_class: QuadClass
    plover: PloverCode | None


def _row(code: object) -> tuple[str, float, str]:
    if type(code) is not str:
        raise UnknownCodeError.one("code", "must be a CAMEO code as text ('042')", code)
    row = CAMEO.get(code)
    if row is None:
        raise UnknownCodeError.one("code", "is not a code of the CAMEO table", code)
    return row


def is_known(scheme: CodeScheme | str, code: object) -> bool:
    """Whether `code` is in the table of `scheme` (``"cameo"`` or ``"plover"``).

    PLOVER codes are event types such as ``"CONSULT"``. An unknown scheme gives False.
    """
    if type(code) is not str:
        return False
    if scheme == CodeScheme.CAMEO:
        return code in CAMEO
    if scheme == CodeScheme.PLOVER:
        return code in PLOVER_TYPES
    return False


def cameo(code: str) -> CameoCode:
    """Everything the tables say about a CAMEO code.

    Raises:
        UnknownCodeError: `code` is not in the CAMEO table.
    """
    name, value, root_code = _row(code)
    return CameoCode(
        code=code,
        name=name,
        goldstein=value,
        root=root_code,
        quad_class=_quad_of_root(root_code),
        plover=plover(code),
    )


def cameo_name(code: str) -> str:
    """The CAMEO name of `code` (``"042"`` -> ``"Make a visit"``)."""
    return _row(code)[0]


def goldstein(code: str) -> float:
    """The Goldstein value of `code`, from -10 (most conflictual) to 10 (most cooperative).

    Values are the ICEWS-derived ones of andybega/icews ``data-raw/cameo-codes.csv``.
    """
    return _row(code)[1]


def root(code: str) -> str:
    """The two-digit root of `code` (``"0421"`` -> ``"04"``)."""
    return _row(code)[2]


def quad_class(code: str) -> QuadClass:
    """The QuadClass of `code`, derived from its root (see `QuadClass`)."""
    return _quad_of_root(_row(code)[2])


def plover(code: str) -> PloverCode | None:
    """The PLOVER mapping of a CAMEO code, or None when PLOVER has none (roots 01, 02).

    Raises:
        UnknownCodeError: `code` is not in the CAMEO table.
    """
    _row(code)
    entry = PLOVER.get(code)
    if entry is None:
        return None
    event_type, mode, contexts = entry
    return PloverCode(event_type=event_type, mode=mode, contexts=contexts)


def plover_type(code: str) -> str | None:
    """The PLOVER event type of a CAMEO code (``"040"`` -> ``"CONSULT"``), or None."""
    _row(code)
    entry = PLOVER.get(code)
    return None if entry is None else entry[0]


def cameo_codes() -> tuple[str, ...]:
    """Every CAMEO code of the table, in table order (roots before their children)."""
    return tuple(CAMEO)


def cameo_of(event: Event) -> str | None:
    """The event's first CAMEO code, or None."""
    return _first(event, CodeScheme.CAMEO)


def plover_of(event: Event) -> str | None:
    """The event's PLOVER type: its own PLOVER code, else derived from its CAMEO code."""
    own = _first(event, CodeScheme.PLOVER)
    if own is not None:
        return own
    code = _first(event, CodeScheme.CAMEO)
    return None if code is None else PLOVER.get(code, (None,))[0]


def _first(event: Event, scheme: CodeScheme) -> str | None:
    for item in event.codes:
        if item.scheme is scheme:
            return item.code
    return None

"""Offsets in code points, UTF-16 code units and UTF-8 bytes, converted both ways.

`Evidence` counts code points, as Python's ``str`` does. Annotation tools
count otherwise: browsers' DOM ranges, doccano and INCEpTION in UTF-16 code
units (a character outside the Basic Multilingual Plane, such as an emoji,
counts 2), byte-oriented tools in UTF-8 bytes (1 to 4 per character). An
offset from such a tool taken as a code-point offset lands too far right after
the first such character; these functions convert it exactly.
"""

from __future__ import annotations

from typing import Literal

from ..errors import ValidationError

__all__ = ["Unit", "from_code_points", "to_code_points"]

Unit = Literal["code-point", "utf-16", "utf-8"]
"""The unit of an offset: code points, UTF-16 code units, or UTF-8 bytes."""

_CODECS = {"utf-16": ("utf-16-le", 2), "utf-8": ("utf-8", 1)}


def _check(text: object, offset: object, unit: object) -> tuple[str, int, int]:
    if type(text) is not str:
        raise ValidationError.one("text", "must be a string", type(text).__name__)
    if type(offset) is not int or offset < 0:
        raise ValidationError.one("offset", "must be an integer >= 0", offset)
    if unit not in ("code-point", "utf-16", "utf-8"):
        raise ValidationError.one("unit", "must be 'code-point', 'utf-16' or 'utf-8'", unit)
    return text, offset, 0 if unit == "code-point" else _CODECS[unit][1]


def to_code_points(text: str, offset: int, *, unit: Unit) -> int:
    """The code-point offset in `text` of an offset counted in `unit`.

    Args:
        text: The text the offset points into.
        offset: An offset (0 to the text's length in `unit`), in `unit`.
        unit: ``"utf-16"`` (code units), ``"utf-8"`` (bytes) or ``"code-point"``.

    Raises:
        ValidationError: the offset is past the end, or falls inside one
            character (between the two halves of a surrogate pair, or inside a
            multi-byte UTF-8 sequence).
    """
    text, offset, _ = _check(text, offset, unit)
    if unit == "code-point":
        if offset > len(text):
            raise ValidationError.one(
                "offset", f"is past the end of the text ({len(text)} code points)", offset
            )
        return offset
    codec, width = _CODECS[unit]
    data = text.encode(codec, "surrogatepass")
    if offset * width > len(data):
        raise ValidationError.one(
            "offset", f"is past the end of the text ({len(data) // width} {unit} units)", offset
        )
    try:
        return len(data[: offset * width].decode(codec))
    except UnicodeDecodeError:
        raise ValidationError.one(
            "offset", f"falls inside a character (not on a {unit} character boundary)", offset
        ) from None


def from_code_points(text: str, offset: int, *, unit: Unit) -> int:
    """The offset in `unit` of the code-point offset `offset` in `text`.

    The inverse of `to_code_points`: ``to_code_points(t, from_code_points(t,
    i, unit=u), unit=u) == i`` for every ``0 <= i <= len(t)``.

    Raises:
        ValidationError: the offset is past the end of the text.
    """
    text, offset, width = _check(text, offset, unit)
    if offset > len(text):
        raise ValidationError.one(
            "offset", f"is past the end of the text ({len(text)} code points)", offset
        )
    if unit == "code-point":
        return offset
    codec = _CODECS[unit][0]
    return len(text[:offset].encode(codec, "surrogatepass")) // width

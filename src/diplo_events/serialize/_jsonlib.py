"""Strict JSON text <-> Python values, with `orjson` when it is installed.

Parsing rejects what RFC 8259 rejects or leaves open: duplicate keys, ``NaN``
and ``Infinity``, lone surrogates, a byte order mark, invalid UTF-8. Every
failure is a `DecodeError` whose message gives the line and column when the
parser knows them; no other exception escapes (deep nesting included).

Encoding is canonical: insertion order of keys, no ASCII escaping, compact
(``,`` and ``:``) or indented by two spaces. The bytes are the same with and
without `orjson`; where `orjson` cannot encode a value (an integer beyond 64
bits) or would write other text (a float below 1e-4 in magnitude: see
`orjson_agrees`) the standard library does it.

`orjson` parses only canonical text: its result is accepted only when
re-encoding it gives back the input bytes exactly, which rules out duplicate
keys and everything else it is lenient about. Any other input goes through the
standard library parser, whose errors are the ones reported.
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import DecodeError, Problem, ValidationError

try:
    import orjson as _orjson
except ImportError:  # pragma: no cover - the dev environment has orjson
    _orjson = None  # type: ignore[assignment]

orjson: Any = _orjson
"""The `orjson` module, or None when it is not installed (tests set it to None)."""

__all__ = [
    "check_utf8",
    "encode",
    "encode_text",
    "orjson_agrees",
    "parse",
    "parse_clean",
    "repeated_key",
    "utf8",
]

_BOM = "\ufeff"


class _Repeated(dict):  # type: ignore[type-arg]
    """An object with a repeated key; the decoder reports it at its path."""

    repeated: str


_REPEATS = [0]
"""How many objects with a repeated key the standard library parser has met (see `parse_clean`)."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    _REPEATS[0] += 1
    seen: set[str] = set()
    bad = _Repeated(obj)
    for key, _ in pairs:  # pragma: no branch - a repeat exists
        if key in seen:
            bad.repeated = key
            break
        seen.add(key)
    return bad


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


_DECODER = json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=_no_constant)
# Encoders are built once: ``json.dumps`` with options builds one per call. Values
# come from our own encoders, which never make cycles, so cycle checks are off.
_COMPACT = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), check_circular=False, allow_nan=False
)
_INDENTED = json.JSONEncoder(ensure_ascii=False, indent=2, check_circular=False, allow_nan=False)


def repeated_key(value: object) -> str | None:
    """The repeated key of an object parsed from text that repeats one, else None."""
    return value.repeated if type(value) is _Repeated else None


def _fail(message: str, value: object = None) -> DecodeError:
    return DecodeError([Problem(path="", message=message, value=value)])


def _position(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    column = index - text.rfind("\n", 0, index)
    return f"line {line} column {column}"


def _to_text(data: str | bytes | bytearray | memoryview) -> str:
    if isinstance(data, str):
        text = data
    elif isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            where = _position(raw[: exc.start].decode("utf-8"), exc.start)
            raise _fail(
                f"is not UTF-8: invalid byte at {where}", raw[exc.start : exc.end]
            ) from None
    else:
        raise _fail("must be JSON text (str or bytes)", type(data).__name__)
    if text.startswith(_BOM):
        raise _fail("starts with a byte order mark; save it as UTF-8 without one", _BOM)
    return text


def _parse_std(text: str) -> Any:
    if not text.strip():
        raise _fail("is empty; expected a JSON value", text[:20])
    try:
        value = _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        # Some of json's messages end in "at" ("Unterminated string starting at").
        msg = exc.msg.removesuffix(" at")
        raise _fail(
            f"is not valid JSON: {msg} at line {exc.lineno} column {exc.colno}",
            text[exc.pos : exc.pos + 20],
        ) from None
    except RecursionError:
        raise _fail("is not supported JSON: nested too deeply", text[:20]) from None
    except ValueError as exc:  # NaN, Infinity, integers beyond the conversion limit
        raise _fail(f"is not supported JSON: {str(exc).split(';', 1)[0]}", text[:20]) from None
    if "\\ud" in text or "\\uD" in text:
        _check_surrogates(value)
    return value


def _check_surrogates(value: Any) -> None:
    r"""Reject strings holding a lone surrogate (an escape such as ``\ud800``): not Unicode text."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise _fail("holds a lone surrogate escape, which is not text", item) from None
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def parse(data: str | bytes | bytearray | memoryview, *, indented: bool = False) -> Any:
    r"""Parse one JSON value strictly.

    Args:
        data: JSON text, as ``str`` or UTF-8 ``bytes``.
        indented: Whether canonical text of this kind is indented (a whole
            document ending in a newline) rather than compact (one JSON Lines line).

    Raises:
        DecodeError: `data` is not strict JSON (the message says where and why).
    """
    if isinstance(data, str):
        text = data
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError as exc:
            where = _position(text, exc.start)
            raise _fail(
                f"holds a lone surrogate at {where}, which is not text", text[exc.start : exc.end]
            ) from None
    if orjson is not None and type(data) is bytes:
        try:
            value = orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
        else:
            try:
                again = encode(value, indented=indented)
            except ValidationError:
                pass
            else:
                if again == data:
                    return value
    return _parse_std(_to_text(data))


def parse_clean(data: str | bytes, *, indented: bool = False) -> tuple[Any, bool]:
    """Parse like `parse`; also say whether the value is plain (no object repeats a key).

    A plain value holds only exact ``dict`` objects, so decoders may take their
    fast path. (Another thread's repeated key can only make this say False,
    which costs time, never correctness.)
    """
    before = _REPEATS[0]
    value = parse(data, indented=indented)
    return value, _REPEATS[0] == before


_NESTED = "nested arrays or objects"


def encode_text(value: Any, *, indented: bool = False, standard: bool = False) -> str:
    """Encode `value` canonically as text, without checking that UTF-8 can encode it.

    The standard library makes text natively, so joining many lines as text
    and checking them once with `check_utf8` is cheaper than encoding each.
    `standard` forces the standard library, as in `encode`.
    """
    if orjson is not None and not standard:
        return encode(value, indented=indented).decode("utf-8")
    return _INDENTED.encode(value) + "\n" if indented else _COMPACT.encode(value)


def check_utf8(text: str) -> None:
    """Check that UTF-8 can encode `text` (it holds no lone surrogate).

    ASCII text (which ``str.isascii`` tells without reading it) passes at once.

    Raises:
        ValidationError: it holds one.
    """
    if not text.isascii():
        utf8(text)


def utf8(text: str) -> bytes:
    """`text` encoded as UTF-8.

    Raises:
        ValidationError: it holds a lone surrogate, which UTF-8 cannot encode.
    """
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValidationError.one(
            "",
            "cannot be written as UTF-8: a string holds a lone surrogate",
            exc.object[exc.start : exc.end],
        ) from None


def orjson_agrees(number: float) -> bool:
    """Whether `orjson` writes `number` as its canonical text, the shortest round trip `repr` gives.

    It does for every finite float but those with 0 < |number| < 1e-4, which
    `orjson` writes as ``0.00001`` or ``7.75e-8`` where `repr` writes
    ``1e-05`` and ``7.75e-08`` (measured with orjson 3.x on 200,000 floats).
    """
    return number == 0.0 or not -1e-4 < number < 1e-4


def encode(value: Any, *, indented: bool = False, standard: bool = False) -> bytes:
    """Encode `value` canonically as UTF-8 (indented documents end in a newline).

    `standard` forces the standard library (the value holds a float that
    `orjson` writes otherwise: see `orjson_agrees`).

    Raises:
        ValidationError: a string holds a lone surrogate, which UTF-8 cannot
            encode, or the value is nested deeper than the encoder's recursion allows.
    """
    if orjson is not None and not standard:
        try:
            option = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE if indented else 0
            data: bytes = orjson.dumps(value, option=option)
        except TypeError:
            pass  # an integer beyond 64 bits, or a lone surrogate: see below
        else:
            return data
    try:
        text = _INDENTED.encode(value) + "\n" if indented else _COMPACT.encode(value)
    except RecursionError:
        raise ValidationError.one("", "is nested too deeply to encode", _NESTED) from None
    return utf8(text)

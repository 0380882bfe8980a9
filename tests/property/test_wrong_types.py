"""Every field of every record checks its JSON type, never its truthiness; loader and schema agree.

Each record kind of the format (sources, actors, memberships, places, the six event kinds and the
records nested in them: evidence, place names, participants, relations, event codes) is taken from
the reference dataset's JSON Lines, and each field, present or not, is given JSON values of every
type, falsy ones included (``0``, ``""``, ``false``, ``null``, ``{}``, ``[]``). A value whose JSON
type the schema does not allow for the field must be refused by both the loader (the streaming
reader, whose fast path falls back to the explaining decoder, and `from_dict`, which is that
decoder alone) and the JSON Schema (`jsonschema`). Whatever the value, a line the schema refuses
is refused by the loader too. Array items and object entries are fed the same values.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import diplo_events as de
from diplo_events import DecodeError
from diplo_events.model import (
    EVENT_CLASSES,
    Actor,
    EventCode,
    Evidence,
    Membership,
    Participant,
    Place,
    PlaceName,
    Relation,
    Source,
)

pytestmark = pytest.mark.property

HEADER = '{"format":"diplo-events","version":1}'
FALSY: tuple[Any, ...] = (0, 0.0, "", False, None, [], {})
TRUTHY: tuple[Any, ...] = (1, -1, 1.5, "x", "ev-1", True, [1], ["x"], [[]], {"a": 1}, [{}])
PALETTE = FALSY + TRUTHY

# Where each record kind of the schema is found in a JSON Lines record: (line type, event kind,
# the key of the array holding it, or None for the line itself).
_NESTED: dict[str, tuple[str, str | None, str]] = {
    "evidence": ("event", None, "evidence"),
    "participant": ("event", None, "participants"),
    "relation": ("event", None, "relations"),
    "event_code": ("event", None, "codes"),
    "place_name": ("place", None, "names"),
}
_CLASSES: dict[str, type] = {
    "source": Source,
    "actor": Actor,
    "membership": Membership,
    "place": Place,
    "evidence": Evidence,
    "participant": Participant,
    "relation": Relation,
    "event_code": EventCode,
    "place_name": PlaceName,
    **{c.kind.value: c for c in EVENT_CLASSES},
}


@functools.cache
def _lines() -> tuple[dict[str, Any], ...]:
    text = de.dumps(de.load_reference(), format="jsonl")
    return tuple(json.loads(line) for line in text.splitlines()[1:])


@functools.cache
def _schema() -> dict[str, Any]:
    return de.json_schema(format="jsonl")


@functools.cache
def _validator(line_type: str, kind: str) -> jsonschema.Draft202012Validator:
    """The validator of one kind of line: the branch of the schema's ``oneOf`` that the
    line's ``type`` and ``kind`` select (the others refuse it by their constants)."""
    name = f"line_{kind if line_type == 'event' else line_type}"
    return jsonschema.Draft202012Validator({"$ref": f"#/$defs/{name}", "$defs": _schema()["$defs"]})


_TOP = frozenset({"source", "actor", "membership", "place"})


@functools.cache
def _host(kind: str) -> tuple[str, str]:
    """A reference line holding a record of `kind` (as JSON text), and the array holding it."""
    line_type, _, array = _NESTED.get(kind, (kind if kind in _TOP else "event", None, ""))
    for line in _lines():
        if line["type"] != line_type:
            continue
        if array and line.get(array):
            return json.dumps(line), array
        if not array and (line_type != "event" or line["kind"] == kind):
            return json.dumps(line), ""
    raise AssertionError(kind)  # pragma: no cover - the reference has every kind


def _properties(kind: str) -> dict[str, Any]:
    defs = _schema()["$defs"]
    name = kind if kind in _NESTED else f"line_{kind}"
    props: dict[str, Any] = defs[name]["properties"]
    return {k: v for k, v in props.items() if k != "type"}


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = _schema()["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def allowed_types(schema: dict[str, Any]) -> set[str]:
    """The JSON types a (sub)schema allows, from its type, enum, const and anyOf."""
    schema = _resolve(schema)
    if "anyOf" in schema:
        return set().union(*(allowed_types(s) for s in schema["anyOf"]))
    if "enum" in schema or "const" in schema:
        values = schema.get("enum", [schema.get("const")])
        return {json_type(v) for v in values}
    kind = schema["type"]
    return {kind} if isinstance(kind, str) else set(kind)


def json_type(value: Any) -> str:
    """The JSON Schema type of a parsed value (an integer is also a number).

    As JSON Schema defines it, ``1.0`` is an integer too: a schema cannot see how a number was
    written. The loader is stricter (``1.0`` is not an integer there), which the tests allow:
    the loader may refuse more than the schema, never less.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def wrong_type(value: Any, allowed: set[str]) -> bool:
    kind = json_type(value)
    return kind not in allowed and not (kind == "integer" and "number" in allowed)


def fields() -> Iterator[tuple[str, str]]:
    for kind in _CLASSES:
        for field in _properties(kind):
            yield kind, field


FIELDS = list(fields())


def place_value(kind: str, field: str, value: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """A reference line with `field` of its `kind` record set to `value`; and that record."""
    text, array = _host(kind)
    line = json.loads(text)
    record = line[array][0] if array else line
    record[field] = copy.deepcopy(value)
    return line, record


def loader_refuses(kind: str, line: dict[str, Any], record: dict[str, Any]) -> bool:
    """Whether the streaming reader (fast path) and `from_dict` (explaining decoder) both refuse."""
    text = json.dumps(line, ensure_ascii=False, separators=(",", ":"))
    try:
        list(de.iter_records([HEADER, text]))
    except DecodeError:
        streamed = True
    else:
        streamed = False
    fields = {k: v for k, v in record.items() if k != "type"}
    try:
        de.from_dict(fields, de.Event if kind in EVENT_CLASS_NAMES else _CLASSES[kind])
    except DecodeError:
        decoded = True
    else:
        decoded = False
    assert streamed == decoded, (kind, record)
    return streamed


EVENT_CLASS_NAMES = frozenset(c.kind.value for c in EVENT_CLASSES)


def schema_refuses(line: dict[str, Any]) -> bool:
    kind = line.get("kind") if line["type"] == "event" else ""
    if line["type"] == "event" and not (isinstance(kind, str) and kind in EVENT_CLASS_NAMES):
        return not jsonschema.Draft202012Validator(_schema()).is_valid(line)
    return not _validator(line["type"], str(kind)).is_valid(line)


class TestBase:
    @pytest.mark.parametrize("kind", list(_CLASSES))
    def test_base_lines_are_accepted(self, kind: str) -> None:
        """The unchanged host of each kind is valid for both, so a refusal means the value."""
        text, array = _host(kind)
        line = json.loads(text)
        record = line[array][0] if array else line
        assert not schema_refuses(line)
        assert not loader_refuses(kind, line, record)

    def test_every_kind_and_field_is_covered(self) -> None:
        """Fifteen record kinds; every field of each model class (and an event's kind) is fed values."""
        assert len(_CLASSES) == 15
        for kind, cls in _CLASSES.items():
            names = {f for k, f in FIELDS if k == kind}
            if kind in EVENT_CLASS_NAMES:
                names.remove("kind")
            assert names == {a.name for a in cls.__attrs_attrs__}, kind  # type: ignore[attr-defined]


@pytest.mark.parametrize(("kind", "field"), FIELDS)
def test_wrong_types_refused_by_both(kind: str, field: str) -> None:
    """Every wrong-typed value (falsy included) of every field: loader and schema both refuse."""
    schema = _properties(kind)[field]
    allowed = allowed_types(schema)
    checked = 0
    for value in PALETTE:
        line, record = place_value(kind, field, value)
        refused_by_schema = schema_refuses(line)
        refused_by_loader = loader_refuses(kind, line, record)
        if wrong_type(value, allowed):
            assert refused_by_schema, (kind, field, value)
            assert refused_by_loader, (kind, field, value)
            checked += 1
        elif refused_by_schema:
            assert refused_by_loader, (kind, field, value)
    assert checked >= len(FALSY) - 2  # at most two JSON types (say string and null) allowed


def _holds_entries(kind: str, field: str) -> bool:
    """Whether a field is an array or a map (not a nested record such as a place's point)."""
    schema = _resolve(_properties(kind)[field])
    if "anyOf" in schema:
        schema = next(s for s in schema["anyOf"] if s.get("type") != "null")
    schema = _resolve(schema)
    return "items" in schema or isinstance(schema.get("additionalProperties"), dict)


@pytest.mark.parametrize(
    ("kind", "field"),
    [
        (k, f)
        for k, f in FIELDS
        if allowed_types(_properties(k)[f]) & {"array", "object"} and _holds_entries(k, f)
    ],
)
def test_wrong_typed_items_and_entries(kind: str, field: str) -> None:
    """An array's items and an object's entries are checked by type as well."""
    schema = _resolve(_properties(kind)[field])
    if "anyOf" in schema:  # pragma: no cover - no optional array or object in the format
        schema = next(s for s in schema["anyOf"] if s.get("type") != "null")
    inner = schema.get("items") or schema["additionalProperties"]
    allowed = allowed_types(inner)
    for value in PALETTE:
        if not wrong_type(value, allowed):
            continue
        container = [value] if schema["type"] == "array" else {"wikidata": value}
        line, record = place_value(kind, field, container)
        assert schema_refuses(line), (kind, field, container)
        assert loader_refuses(kind, line, record), (kind, field, container)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=6,
)


@given(field=st.sampled_from(FIELDS), value=json_values)
def test_any_value_schema_refusal_implies_loader_refusal(
    field: tuple[str, str], value: Any
) -> None:
    """For any JSON value in any field: a wrong type is refused by both; the schema never accepts less."""
    kind, name = field
    line, record = place_value(kind, name, value)
    refused_by_loader = loader_refuses(kind, line, record)
    if wrong_type(value, allowed_types(_properties(kind)[name])):
        assert refused_by_loader
        assert schema_refuses(line)
    elif schema_refuses(line):
        assert refused_by_loader

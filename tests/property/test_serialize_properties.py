"""Serialisation properties: lossless round trips, schema agreement, and robustness to any input."""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import diplo_events as de
from diplo_events import strategies as st_de
from diplo_events.errors import Problem
from diplo_events.serialize import _jsonlib
from diplo_events.serialize._decode import DECODERS
from diplo_events.serialize._document import COLLECTIONS
from diplo_events.serialize._fast import FastDecoder

pytestmark = pytest.mark.property

DOCUMENT = jsonschema.Draft202012Validator(de.json_schema())
LINE = jsonschema.Draft202012Validator(de.json_schema(format="jsonl"))
FORMATS = st.sampled_from(["json", "jsonl"])

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@contextlib.contextmanager
def standard_library(*, active: bool) -> Iterator[None]:
    """Use the standard library's json instead of orjson while active."""
    saved = _jsonlib.orjson
    if active:
        _jsonlib.orjson = None
    try:
        yield
    finally:
        _jsonlib.orjson = saved


def load_or_reject(data: str | bytes) -> de.Dataset | None:
    """Load `data`, or None when it is rejected with a ValidationError (anything else fails)."""
    try:
        return de.loads(data)
    except de.ValidationError:
        return None


class TestRoundTrip:
    @given(ds=st_de.datasets(), fmt=FORMATS, stdlib=st.booleans())
    def test_lossless(self, ds: de.Dataset, fmt: str, stdlib: bool) -> None:
        """loads(dumps(ds)) == ds, and dumps of that is the same text, with either backend."""
        with standard_library(active=stdlib):
            text = de.dumps(ds, format=fmt)  # type: ignore[arg-type]
            assert de.loads(text) == ds
            assert de.loads(text.encode()) == ds
            assert de.dumps(de.loads(text), format=fmt) == text  # type: ignore[arg-type]

    @given(ds=st_de.datasets(), fmt=FORMATS)
    def test_backends_write_the_same_bytes(self, ds: de.Dataset, fmt: str) -> None:
        """Output bytes are identical with and without orjson."""
        text = de.dumps(ds, format=fmt)  # type: ignore[arg-type]
        with standard_library(active=True):
            assert de.dumps(ds, format=fmt) == text  # type: ignore[arg-type]

    @given(st.text())
    def test_backends_escape_strings_alike(self, text: str) -> None:
        """Any string encodes to the same bytes with both backends."""
        value = {"s": text, "l": [text]}
        fast = _jsonlib.encode(value), _jsonlib.encode(value, indented=True)
        with standard_library(active=True):
            assert (_jsonlib.encode(value), _jsonlib.encode(value, indented=True)) == fast

    @given(ds=st_de.datasets())
    def test_records_round_trip_through_dicts(self, ds: de.Dataset) -> None:
        """from_dict(to_dict(record), type(record)) == record for every record."""
        for record in (
            *ds.sources.values(),
            *ds.actors.values(),
            *ds.memberships,
            *ds.places.values(),
            *ds,
        ):
            assert de.from_dict(de.to_dict(record), type(record)) == record

    @given(ds=st_de.datasets())
    def test_schema_accepts_every_dataset(self, ds: de.Dataset) -> None:
        """Every serialised valid dataset validates against the published schema."""
        DOCUMENT.validate(json.loads(de.dumps(ds)))
        for line in de.dumps(ds, format="jsonl").split("\n")[:-1]:
            LINE.validate(json.loads(line))


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside a parsed document."""
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out.extend(_paths(item, (*prefix, i)))
    return out


@st.composite
def mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid document with one to three values replaced, removed or added."""
    doc: dict[str, Any] = json.loads(de.dumps(draw(st_de.datasets(min_events=1))))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(doc)[1:]))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "remove" or (action == "add" and not isinstance(parent, dict)):
            del parent[path[-1]]
        elif action == "add":
            parent[draw(st.text(max_size=12))] = draw(json_values)
        else:
            parent[path[-1]] = draw(json_values)
    return doc


class TestRobustness:
    @given(json_values)
    def test_any_json_value(self, value: Any) -> None:
        """Any JSON value, as a document or a record line, is rejected with a ValidationError."""
        assert load_or_reject(json.dumps(value)) is None
        header = '{"format":"diplo-events","version":1}\n'
        assert load_or_reject(header + json.dumps(value) + "\n") is None

    @given(st.binary(max_size=200))
    def test_any_bytes(self, data: bytes) -> None:
        """Any bytes are loaded or rejected with a ValidationError, nothing else."""
        load_or_reject(data)
        load_or_reject(b'{"format":"diplo-events","version":1}\n' + data)

    @given(doc=mutated_documents(), stdlib=st.booleans())
    def test_mutations(self, doc: dict[str, Any], stdlib: bool) -> None:
        """Mutated documents load or raise a ValidationError; what the schema rejects, the loader rejects."""
        with standard_library(active=stdlib):
            loaded = load_or_reject(json.dumps(doc, indent=2))
        if not DOCUMENT.is_valid(doc):
            assert loaded is None

    @given(doc=mutated_documents(), cut=st.floats(0, 1, exclude_max=True))
    def test_truncations(self, doc: dict[str, Any], cut: float) -> None:
        """A document cut anywhere is rejected with a ValidationError."""
        text = json.dumps(doc).encode()
        assert load_or_reject(text[: int(len(text) * cut)]) is None

    @given(mutated_documents())
    def test_fast_and_slow_paths_agree(self, doc: dict[str, Any]) -> None:
        """The fast decoding path accepts exactly what the slow one accepts, with equal records."""
        for name, cls, _, _ in COLLECTIONS:
            items = doc.get(name)
            if not isinstance(items, list):
                continue
            for item in items:
                slow_problems: list[Problem] = []
                fast_problems: list[Problem] = []
                slow = DECODERS[cls](copy.deepcopy(item), "", slow_problems)
                fast = FastDecoder().decode(cls, copy.deepcopy(item), "", fast_problems, plain=True)
                assert fast == slow
                assert fast_problems == slow_problems

"""Bounded mutation fuzzing of real files: the reference dataset, mutated, in every reader.

Each example takes the reference dataset as JSON or JSON Lines and mutates it,
either as bytes (flip, delete, insert, duplicate, truncate, splice) or as
structure (a value anywhere replaced by a JSON value of another type, falsy
ones included, by deep nesting, by huge or odd numbers and strings; a key
dropped, renamed or repeated). Every reader then gets the result: `loads`,
`load`, `iter_records` and the command line's ``validate``.

The rule checked, for every mutation: a reader returns a dataset or raises a
`DiploEventsError` (the command line exits 0 or 1 with no traceback); a
document the loader accepts, the JSON Schema accepts too; and a dataset that
loads saves and loads back equal, and exports to CSV and Web Annotations. Hypothesis draws the mutations;
the ``ci`` profile keeps the number fixed (``max_examples``), so the run is
bounded and the same on every CI run.
"""

from __future__ import annotations

import contextlib
import io
import json
import string
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplo_events import Dataset, DiploEventsError, load_reference
from diplo_events.cli import main
from diplo_events.cli._render import write_csv
from diplo_events.interop import iter_annotations
from diplo_events.serialize import dumps, iter_records, json_schema, load, loads

pytestmark = pytest.mark.property


@cache
def _reference_texts() -> dict[str, str]:
    ds = load_reference()
    return {"json": dumps(ds, format="json"), "jsonl": dumps(ds, format="jsonl")}


# --- byte mutations ---------------------------------------------------------------------

JSON_TOKENS = [
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b'"',
    b"\\",
    b"null",
    b"0",
    b"-",
    b"1e999",
    b"\n",
    b"\r",
]


@st.composite
def byte_mutants(draw: st.DrawFn) -> tuple[str, bytes]:
    fmt = draw(st.sampled_from(["json", "jsonl"]))
    data = bytearray(_reference_texts()[fmt].encode("utf-8"))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        how = draw(st.sampled_from(["flip", "delete", "insert", "token", "duplicate", "truncate"]))
        if how == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif how == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif how == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif how == "token":
            data[at:at] = draw(st.sampled_from(JSON_TOKENS))
        elif how == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 400))]
        else:
            del data[at:]
    return fmt, bytes(data)


# --- structural mutations -------------------------------------------------------------

ODD_STRINGS = st.sampled_from(
    ["", " ", "\x00", "\x1b[31m", "\ud800", "2018-13-01", "2004-06~-11", "1985-04-12T23:20:30Z",
     "..", "/", "JAP", "x" * 300, "é\u0301", "occurred", "party", "jpn", "-1", "NaN"]
)  # fmt: skip
LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | ODD_STRINGS
    | st.text(alphabet=string.printable, max_size=6)
)
JSON_VALUES: st.SearchStrategy[Any] = st.recursive(
    LEAVES,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=5,
) | st.sampled_from([0, "", False, {}, [], None])


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside a JSON value (the root excluded)."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((*prefix, key))
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found.append((*prefix, i))
            found.extend(_paths(item, (*prefix, i)))
    return found


@cache
def _reference_document() -> str:
    return _reference_texts()["json"]


@cache
def _all_paths() -> tuple[tuple[Any, ...], ...]:
    return tuple(_paths(json.loads(_reference_document())))


def _parent(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        document = document[step]
    return document


@st.composite
def structural_mutants(draw: st.DrawFn) -> tuple[str, bytes]:
    document = json.loads(_reference_document())
    nests: list[int] = []  # deep nesting is spliced into the text: json.dumps would recurse
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_all_paths()))
        try:
            parent = _parent(document, path)
            _ = parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed it
        how = draw(st.sampled_from(["replace", "nest", "drop", "rename"]))
        if how == "replace":
            parent[path[-1]] = draw(JSON_VALUES)
        elif how == "nest":
            nests.append(draw(st.sampled_from([50, 900, 1100, 3000])))
            parent[path[-1]] = f"__nest{len(nests) - 1}__"
        elif how == "drop" and isinstance(parent, dict):
            del parent[path[-1]]
        elif how == "drop":
            parent.pop(path[-1])
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["id", "type", "kind", "x", "quote", "when"]))] = (
                parent.pop(path[-1])
            )
    text = json.dumps(document, ensure_ascii=False)
    for i, depth in enumerate(nests):
        text = text.replace(f'"__nest{i}__"', "[" * depth + "]" * depth)
    if draw(st.booleans()):  # a repeated key, which json.dumps cannot write
        text = text.replace('"title":', '"title": "again", "title":', 1)
    return "json", text.encode("utf-8", "surrogatepass")


# --- the rule ------------------------------------------------------------------------------


@cache
def _document_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json_schema(format="json"))


def _accepted(ds: Dataset, fmt: str, data: bytes) -> None:
    """What a reader accepted: the schema accepts it too, it round-trips, and it exports."""
    if fmt == "json":
        errors = list(_document_validator().iter_errors(json.loads(data)))
        assert not errors, f"the loader accepts what the schema refuses: {errors[0].message}"
    for form in ("json", "jsonl"):
        assert loads(dumps(ds, format=form)) == ds
    write_csv(ds.events.values(), io.StringIO())
    for _ in iter_annotations(ds):
        pass


def _check_readers(fmt: str, data: bytes, tmp_path: Path) -> None:
    try:
        ds = loads(data)
    except DiploEventsError:
        pass
    else:
        _accepted(ds, fmt, data)
    path = tmp_path / f"mutant.{fmt}"
    path.write_bytes(data)
    with contextlib.suppress(DiploEventsError):
        load(path)
    if fmt == "jsonl":
        with contextlib.suppress(DiploEventsError):
            for _ in iter_records(io.BytesIO(data)):
                pass


@settings(max_examples=60)
@given(mutant=byte_mutants())
def test_byte_mutations(
    mutant: tuple[str, bytes], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Flipped, cut, spliced bytes: a dataset or a DiploEventsError, from every reader."""
    _check_readers(*mutant, tmp_path_factory.mktemp("byte"))


@settings(max_examples=80)
@given(mutant=structural_mutants())
def test_structural_mutations(
    mutant: tuple[str, bytes], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Wrong types (falsy too), deep nesting, dropped and renamed keys: refused with a path."""
    _check_readers(*mutant, tmp_path_factory.mktemp("structure"))


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutant=byte_mutants() | structural_mutants())
def test_command_line_on_mutants(
    mutant: tuple[str, bytes],
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``diplo-events validate`` on a mutant exits 0 or 1, and says why in one line per problem."""
    fmt, data = mutant
    path = tmp_path_factory.mktemp("cli") / f"mutant.{fmt}"
    path.write_bytes(data)
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert code in {0, 1}, err
    assert "Traceback" not in out + err
    assert "internal error" not in err

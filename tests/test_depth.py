"""Deeply nested JSON: no entry point lets a RecursionError out, at any depth, with either parser.

`orjson` parses up to 1,024 levels and encodes up to 254; the standard library parser stops
where Python's recursion limit does (about 1,000 levels less the caller's stack). The sweep
crosses all three limits, with `orjson` and without it, with the nesting in an unknown key and
in a field whose value ends up quoted in the error message.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import diplo_events as de
from diplo_events import DecodeError, ValidationError
from diplo_events.errors import Problem
from diplo_events.serialize import _jsonlib

DEPTHS = (2, 50, 253, 254, 255, 256, 500, 985, 1000, 1023, 1024, 1025, 2000, 10_000, 100_000)
HEADER = '{"format":"diplo-events","version":1}'
EVENT = (
    '{"type":"event","kind":"statement","id":"ev-1","summary":%s,'
    '"participants":[{"actor":"jpn","role":"speaker"}],"when":"2018","status":"occurred",'
    '"stance":"neutral"%s}'
)


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def documents(depth: int) -> Iterator[tuple[str, str]]:
    """JSON and JSON Lines texts holding `depth` nested arrays in a few places."""
    deep = nested(depth)
    empty = '"sources":[],"actors":[],"memberships":[],"places":[]'
    yield (
        "unknown key, document",
        f'{{"format":"diplo-events","version":1,{empty},"events":[],"x":{deep}}}',
    )
    yield (
        "summary, document",
        (
            f'{{"format":"diplo-events","version":1,{empty},"events":[{EVENT % (deep, "")}]}}'.replace(
                '"type":"event",', ""
            )
        ),
    )
    yield "unknown key, line", HEADER + "\n" + EVENT % ('"s"', ',"x":' + deep) + "\n"
    yield "summary, line", f"{HEADER}\n{EVENT % (deep, '')}\n"
    yield "topics, line", HEADER + "\n" + EVENT % ('"s"', ',"topics":' + deep) + "\n"
    yield "header", f'{{"format":"diplo-events","version":{deep}}}\n'


@pytest.fixture(params=["orjson", "json"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "json":
        monkeypatch.setattr(_jsonlib, "orjson", None)
    return str(request.param)


def refused(call: object) -> ValidationError:
    """Call `call`; it must raise a DiploEventsError, whose message must render."""
    with pytest.raises(de.DiploEventsError) as info:
        call()  # type: ignore[operator]
    assert isinstance(info.value, ValidationError)
    assert str(info.value)  # rendering the problems recurses into no value
    return info.value


class TestSweep:
    @pytest.mark.parametrize("depth", DEPTHS)
    def test_loads(self, parser: str, depth: int) -> None:
        """loads refuses every deep document with a DecodeError, whichever parser."""
        for _, text in documents(depth):
            error = refused(lambda text=text: de.loads(text))
            assert isinstance(error, DecodeError)

    @pytest.mark.parametrize("depth", DEPTHS)
    def test_load_and_iter_records(self, parser: str, depth: int, tmp_path: Path) -> None:
        """load (from a path, either suffix or none) and iter_records refuse them too."""
        for i, (where, text) in enumerate(documents(depth)):
            for suffix in (".json" if "document" in where else ".jsonl", ".txt"):
                path = tmp_path / f"{i}{suffix}"
                path.write_text(text, encoding="utf-8")
                refused(lambda path=path: de.load(path))
            if "line" in where or where == "header":
                refused(lambda text=text: list(de.iter_records(text.splitlines())))

    def test_bytes_as_well_as_text(self, parser: str) -> None:
        """The orjson path takes bytes: the same refusal."""
        error = refused(lambda: de.loads(f"{HEADER}\n{EVENT % (nested(1000), '')}\n".encode()))
        assert error.path in {"line 2.summary", "line 2"}

    def test_what_is_said(self, parser: str) -> None:
        """Past the parser's limit the message says so; within it, the bad field is named."""
        deep = refused(lambda: de.loads(f"{HEADER}\n{EVENT % (nested(100_000), '')}\n"))
        assert [str(p) for p in deep.problems] == [
            'is not supported JSON: nested too deeply (got \'{"type":"event","kin\') at line 2'
        ]
        shallow = refused(lambda: de.loads(f"{HEADER}\n{EVENT % (nested(300), '')}\n"))
        assert [str(p) for p in shallow.problems] == [
            "must be a string (got [[[[[[[...]]]]]]]) at line 2.summary"
        ]


class TestMessages:
    def test_problem_with_deep_value_renders(self) -> None:
        """A problem holding a value nested far past the recursion limit renders, clipped."""
        value: list[object] = []
        inner = value
        for _ in range(50_000):
            inner.append([])
            inner = inner[0]  # type: ignore[assignment]
        assert str(Problem(path="x", message="bad", value=value)) == (
            "bad (got [[[[[[[...]]]]]]]) at x"
        )

    def test_long_values_are_not_rendered_whole(self) -> None:
        """Long strings, lists and numbers are clipped to 80 characters without rendering all."""
        assert str(Problem(path="", message="m", value="x" * 10**6)) == (
            "m (got '" + "x" * 76 + "...)"
        )
        assert str(Problem(path="", message="m", value=list(range(10**6)))).startswith(
            "m (got [0, 1, 2"
        )
        assert (
            str(Problem(path="", message="m", value={"b": 1, "a": 2})) == "m (got {'b': 1, 'a': 2})"
        )

    def test_encode_of_deep_value(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The standard-library encoder's RecursionError becomes a ValidationError."""
        monkeypatch.setattr(_jsonlib, "orjson", None)
        value: list[object] = []
        inner = value
        for _ in range(100_000):
            inner.append([])
            inner = inner[0]  # type: ignore[assignment]
        with pytest.raises(ValidationError) as info:
            _jsonlib.encode(value)
        assert str(info.value) == "is nested too deeply to encode (got 'nested arrays or objects')"


def test_cli_validate_shows_no_traceback(tmp_path: Path) -> None:
    """The command line refuses a 1,000-deep file in one line, exit 1."""
    path = tmp_path / "deep.jsonl"
    path.write_text(f"{HEADER}\n{EVENT % (nested(1000), '')}\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "diplo_events", "validate", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == f"{path}: invalid (1 problem)"

"""Property test: record constructors given garbage raise ValidationError and nothing else."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from diplo_events import (
    Actor,
    Agreement,
    Dispute,
    EventCode,
    Evidence,
    Incident,
    Meeting,
    Membership,
    PartialDate,
    Participant,
    Place,
    PlaceName,
    Relation,
    Source,
    Statement,
    TimeSpan,
    ValidationError,
    Visit,
)

pytestmark = pytest.mark.property

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.just(math.nan)
    | st.text(max_size=5)
    | st.binary(max_size=5)
    | st.just(dt.date(2018, 1, 1))
    | st.sampled_from(["occurred", "party", "JPN", "kono-taro", "2018", "..", "open"])
    | st.builds(object)
)
GARBAGE = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=3), inner, max_size=2)
        | st.frozensets(st.integers(), max_size=2)
        | st.sets(st.text(max_size=2), max_size=2)
    ),
    max_leaves=6,
)

CODE = EventCode(scheme="cameo", code="042")
P2 = (Participant(actor="a", role="party"), Participant(actor="b", role="party"))
WHEN = TimeSpan.parse("2018")
EVENT = {"id": "ev", "summary": "s", "participants": P2, "when": WHEN, "status": "occurred"}
VALID: dict[type, dict[str, Any]] = {
    PartialDate: {"year": 2018},
    TimeSpan: {"start": PartialDate(year=2018)},
    Source: {"id": "s", "title": "t"},
    Evidence: {"source": "s", "start": 0, "end": 1, "quote": "x"},
    Actor: {"id": "a", "name": "A", "kind": "state"},
    Membership: {"person": "p", "organization": "o", "title": "t"},
    PlaceName: {"name": "n"},
    Place: {"id": "p", "name": "P", "kind": "city"},
    Participant: {"actor": "a", "role": "party"},
    Relation: {"kind": "related_to", "target": "e"},
    EventCode: {"scheme": "cameo", "code": "042"},
    Meeting: {**EVENT, "format": "bilateral"},
    Visit: {
        **EVENT,
        "participants": (
            Participant(actor="a", role="visitor"),
            Participant(actor="b", role="host"),
        ),
    },
    Agreement: {**EVENT, "stage": "agreed"},
    Dispute: {**EVENT, "subject": "s", "state": "active"},
    Statement: {
        **EVENT,
        "participants": (Participant(actor="a", role="speaker"),),
        "stance": "neutral",
    },
    Incident: {**EVENT, "category": "other"},
}


def attempt(func: Any, *args: Any, **kwargs: Any) -> ValidationError | None:
    """Call func; return the ValidationError it raised, or None. Any other exception escapes."""
    try:
        func(*args, **kwargs)
    except ValidationError as exc:
        return exc
    return None


@st.composite
def garbage_calls(draw: st.DrawFn) -> tuple[type, dict[str, Any]]:
    cls = draw(st.sampled_from(list(VALID)))
    fields = [f.name for f in attrs.fields(cls)]
    kwargs = dict(VALID[cls])
    for name in draw(st.lists(st.sampled_from(fields), min_size=1, max_size=3, unique=True)):
        kwargs[name] = draw(GARBAGE)
    return cls, kwargs


@given(garbage_calls())
def test_constructors_raise_only_validation_errors(call: tuple[type, dict[str, Any]]) -> None:
    """Any value in any field gives a valid record or a ValidationError with paths, never another exception."""
    cls, kwargs = call
    error = attempt(cls, **kwargs)
    if error is not None:
        assert error.problems
        assert all(isinstance(p.path, str) for p in error.problems)
        assert str(error)


@given(GARBAGE)
def test_parsers_raise_only_validation_errors(value: object) -> None:
    """The date parsers reject garbage with ValidationError."""
    for parse in (
        TimeSpan.parse,
        TimeSpan.from_user,
        TimeSpan.coerce,
        PartialDate.parse,
        PartialDate.from_user,
    ):
        attempt(parse, value)


@given(st.text(alphabet="0123456789-/.?~%X ", max_size=25))
def test_edtf_like_text(text: str) -> None:
    """EDTF-looking text parses or is rejected with ValidationError; what parses round-trips."""
    try:
        span = TimeSpan.parse(text)
    except ValidationError:
        return
    assert str(span) == text


EVENT_CLASSES = (Meeting, Visit, Agreement, Dispute, Statement, Incident)


@st.composite
def raw_events(draw: st.DrawFn) -> Any:
    """An event object with garbage in some fields, made without running its checks."""
    cls = draw(st.sampled_from(EVENT_CLASSES))
    base = cls(**VALID[cls])
    values = {f.name: getattr(base, f.name) for f in attrs.fields(cls)}
    replacements = st.one_of(
        GARBAGE,
        st.sampled_from(
            [
                (),
                ("a",),
                ("a", "a"),
                ("a", "b"),
                "ev",
                "x",
                None,
                " ",
                base.participants[:1],
                base.participants + base.participants[:1],
                (base.participants[0], Participant(actor=base.participants[0].actor, role="host")),
                (CODE, CODE),
                (CODE, EventCode(scheme="plover", code="CONSULT")),
                (Relation(kind="related_to", target="ev"),),
                (Relation(kind="related_to", target="other"),),
            ]
        ),
        st.sampled_from([getattr(base, f.name) for f in attrs.fields(cls)]),
    )
    for name in draw(st.lists(st.sampled_from(sorted(values)), max_size=3, unique=True)):
        values[name] = draw(replacements)
    event: Any = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(event, name, value)
    return event


@given(raw_events())
def test_fast_path_never_accepts_what_the_full_check_rejects(event: Any) -> None:
    """Event._plainly_valid() is True only for events that _check() finds no problem with."""
    problems: list[Any] = []
    try:
        event._check(problems)
    except Exception:
        return
    if event._plainly_valid():
        assert problems == []

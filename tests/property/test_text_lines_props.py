"""The JSON Lines text writer (`event_line`) writes exactly what `json` writes from the dicts."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import diplo_events as de
from diplo_events import strategies as st_de
from diplo_events.enums import CodeScheme, Role
from diplo_events.model import (
    Agreement,
    Dispute,
    Event,
    EventCode,
    Evidence,
    Participant,
    Relation,
)
from diplo_events.serialize import _jsonlib
from diplo_events.serialize._encode import encode_event
from diplo_events.serialize._lines import _line_values
from diplo_events.serialize._text import event_line

pytestmark = pytest.mark.property

# Any text the model accepts: control characters, quotes, backslashes, non-ASCII, astral.
any_text = st.text(min_size=1, max_size=12).filter(str.strip)
optional_text = st.none() | any_text
ids = st_de.ids()


def reference_line(value: dict[str, Any]) -> str:
    """A line as `json` writes it canonically (insertion order, compact, no ASCII escaping)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def dumps_without_orjson(ds: de.Dataset) -> str:
    """The dataset's JSON Lines text written with the standard library."""
    saved = _jsonlib.orjson
    _jsonlib.orjson = None
    try:
        return de.dumps(ds, format="jsonl")
    finally:
        _jsonlib.orjson = saved


@st.composite
def evidence(draw: st.DrawFn) -> Evidence:
    """An evidence span with any quote and context (a record's own checks only)."""
    quote = draw(any_text)
    start = draw(st.integers(0, 2**70))
    return Evidence(
        source=draw(ids),
        start=start,
        end=start + len(quote),
        quote=quote,
        prefix=draw(optional_text),
        suffix=draw(optional_text),
    )


@st.composite
def odd_events(draw: st.DrawFn) -> Event:
    """Generated events with every optional field drawn and any text in their text fields."""
    event = draw(st_de.events())
    participants = [
        Participant(
            actor=p.actor,
            role=p.role,
            title=draw(optional_text),
            on_behalf_of=draw(st.none() | ids),
        )
        for p in event.participants
    ]
    changes: dict[str, Any] = {
        "summary": draw(any_text),
        "note": draw(optional_text),
        "participants": participants,
        "place": draw(st.none() | ids),
        "evidence": draw(st.lists(evidence(), max_size=2)),
        "sources": draw(st.lists(ids, max_size=2, unique=True)),
        "part_of": draw(st.none() | ids),
        "codes": draw(
            st.lists(
                st.sampled_from(
                    [
                        EventCode(scheme=CodeScheme.CAMEO, code="042"),
                        EventCode(scheme="plover", code="CONSULT"),
                    ]
                ),
                max_size=2,
                unique=True,
            )
        ),
    }
    if isinstance(event, Dispute):
        changes["subject"] = draw(any_text)
    if isinstance(event, Agreement):
        changes["terms"] = draw(st.lists(any_text, max_size=2))
    return attrs.evolve(event, **changes)


class TestEventLine:
    @given(odd_events())
    def test_same_text_as_json_of_the_dict(self, event: Event) -> None:
        """event_line(e) is json's compact text of {"type": "event", **encode_event(e)}."""
        assert event_line(event) == reference_line({"type": "event", **encode_event(event)})

    @settings(max_examples=50)
    @given(st_de.datasets())
    def test_dataset_lines_as_before(self, ds: de.Dataset) -> None:
        """dumps(format="jsonl") without orjson is json's text of every line's dict."""
        assert dumps_without_orjson(ds) == "".join(map(reference_line, _line_values(ds)))

    def test_reference_dataset(self) -> None:
        """The reference dataset's JSON Lines, without orjson, is json's text of the dicts."""
        ds = de.load_reference()
        assert dumps_without_orjson(ds) == "".join(map(reference_line, _line_values(ds)))

    def test_escapes(self) -> None:
        """Quotes, backslashes and control characters are escaped as json escapes them."""
        event = de.Statement(
            id="ev-1",
            summary='say "hi"\\\n\x01\u2028é',
            participants=[Participant(actor="a", role=Role.SPEAKER)],
            when=de.TimeSpan.parse("2017-11"),
            status="occurred",
            stance="neutral",
        )
        assert event_line(event) == (
            '{"type":"event","kind":"statement","id":"ev-1",'
            '"summary":"say \\"hi\\"\\\\\\n\\u0001\u2028é",'
            '"participants":[{"actor":"a","role":"speaker"}],'
            '"when":"2017-11","status":"occurred","stance":"neutral"}\n'
        )

    def test_writes_every_field(self) -> None:
        """An event with no field at its default has a key for every field (a new field fails here)."""
        event = de.Meeting(
            id="ev-1",
            summary="Talks.",
            participants=[
                Participant(actor="a", role=Role.PARTY, title="T", on_behalf_of="b"),
                Participant(actor="c", role=Role.PARTY),
            ],
            when=de.TimeSpan.parse("2017-11/2018"),
            status="occurred",
            place="p",
            topics=["t"],
            evidence=[Evidence(source="s", start=0, end=1, quote="q", prefix="p", suffix="s")],
            sources=["s"],
            part_of="ev-0",
            relations=[Relation(kind="follows_up", target="ev-0")],
            codes=[EventCode(scheme=CodeScheme.CAMEO, code="042")],
            note="N.",
            format="bilateral",
            setting="summit",
        )
        value = json.loads(event_line(event))
        assert list(value) == ["type", "kind", *(f.name for f in attrs.fields(de.Meeting))]
        assert list(value["participants"][0]) == [f.name for f in attrs.fields(Participant)]
        assert list(value["evidence"][0]) == [f.name for f in attrs.fields(Evidence)]

"""Serialisation errors: strict decoding, every problem with its path, nothing else escapes."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest

import diplo_events as de
from diplo_events import DecodeError, UnsupportedFormatVersionError, ValidationError
from diplo_events.serialize import _fast, _jsonlib
from tests.helpers import dataset

HEADER = '{"format":"diplo-events","version":1}'


@pytest.fixture(params=["orjson", "json"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with orjson and with the standard library's json."""
    if request.param == "json":
        monkeypatch.setattr(_jsonlib, "orjson", None)
    return str(request.param)


def document(**changes: Any) -> dict[str, Any]:
    """The shared example as a parsed document, with top-level keys changed."""
    doc: dict[str, Any] = json.loads(de.dumps(dataset()))
    doc.update(changes)
    return doc


def problems(data: str | bytes, **kwargs: Any) -> list[str]:
    """The problems loading `data` raises, rendered."""
    with pytest.raises(ValidationError) as info:
        de.loads(data, **kwargs)
    return [str(p) for p in info.value.problems]


def event_problems(**fields: Any) -> list[str]:
    """The problems of the example document with the meeting's fields changed (None deletes)."""
    doc = document()
    meeting = doc["events"][1]
    for key, value in fields.items():
        if value is None:
            del meeting[key]
        else:
            meeting[key] = value
    return problems(json.dumps(doc))


class TestWrongInput:
    """Named regression cases: each bad input gives one DecodeError, and nothing else."""

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ("", "is empty; expected a JSON value (got '')"),
            (b"", "is empty; expected a JSON value (got '')"),
            (" \n", "is empty; expected a JSON value (got ' \\n')"),
            ("[1, 2]", 'must be an object with "format": "diplo-events" (got \'list\')'),
            ('"text"', 'must be an object with "format": "diplo-events" (got \'str\')'),
            ("null", 'must be an object with "format": "diplo-events" (got \'NoneType\')'),
            (
                b"\xef\xbb\xbf{}",
                "starts with a byte order mark; save it as UTF-8 without one (got '\\ufeff')",
            ),
            (
                "\ufeff{}",
                "starts with a byte order mark; save it as UTF-8 without one (got '\\ufeff')",
            ),
            (b'{"a":\n "\xff"}', "is not UTF-8: invalid byte at line 2 column 3 (got b'\\xff')"),
            (
                '{"a": NaN}',
                "is not supported JSON: NaN is not valid JSON (got '{\"a\": NaN}')",
            ),
            (
                '{"a": -Infinity}',
                "is not supported JSON: -Infinity is not valid JSON (got '{\"a\": -Infinity}')",
            ),
            (
                "[" * 100_000,
                "is not supported JSON: nested too deeply (got '[[[[[[[[[[[[[[[[[[[[')",
            ),
            (
                '{"a":"\\ud800"}',
                "holds a lone surrogate escape, which is not text (got '\\ud800')",
            ),
        ],
    )
    def test_bad_text(self, backend: str, data: str | bytes, message: str) -> None:
        """Each bad input is one DecodeError with an exact message."""
        assert problems(data) == [message]

    def test_huge_integer(self, backend: str) -> None:
        """An integer beyond the interpreter's conversion limit is a DecodeError."""
        (message,) = problems('{"a": ' + "9" * 5000 + "}")
        # The interpreter words the limit differently across versions (3.10: "(4300) for integer
        # string conversion", 3.11: "(4300 digits)"); both start alike.
        assert message.startswith("is not supported JSON: Exceeds the limit (4300")

    def test_huge_integer_where_a_number_goes(self, backend: str) -> None:
        """A large but convertible integer reaches the record checks and is reported there."""
        doc = document()
        doc["events"][1]["evidence"][0]["start"] = 10**30
        assert problems(json.dumps(doc)) == [
            (
                "'end' must be after 'start' (got '1000000000000000000000000000000 >= 104') "
                "at events[1].evidence[0].end"
            )
        ]

    def test_invalid_json_gives_line_and_column(self, backend: str) -> None:
        """Invalid JSON reports the parser's line and column."""
        assert problems('{\n  "format": "diplo-events",\n  "version": 1,\n}') == [
            (
                "is not valid JSON: Expecting property name enclosed in double quotes "
                "at line 4 column 1 (got '}')"
            )
        ]

    def test_truncated_document(self, backend: str) -> None:
        """A document cut short is invalid JSON at its end."""
        text = de.dumps(dataset())
        (message,) = problems(text[: len(text) // 2].encode())
        assert message.startswith("is not valid JSON: ")

    def test_truncated_jsonl(self, backend: str) -> None:
        """A JSON Lines file cut inside a line reports that line."""
        text = de.dumps(dataset(), format="jsonl")
        cut = text[: text.index('"type":"place"') + 20]
        (message,) = problems(cut)
        assert message.startswith("is not valid JSON: ")
        assert message.endswith("at line 8")

    def test_repeated_key(self, backend: str) -> None:
        """A repeated key is an error at the object that repeats it, with both backends."""
        assert problems(
            f'{HEADER}\n{{"type":"actor","id":"a","name":"A","kind":"state","name":"B"}}\n'
        ) == ["repeats a key (got 'name') at line 2"]

    def test_repeated_key_in_a_nested_object(self, backend: str) -> None:
        """Repeats are found in nested objects too."""
        text = de.dumps(dataset()).replace('"role": "party"', '"role": "party", "role": "host"', 1)
        assert problems(text) == ["repeats a key (got 'role') at events[1].participants[0]"]


class TestFormatMarker:
    def test_newer_version(self, backend: str) -> None:
        """A newer version raises UnsupportedFormatVersionError and nothing else."""
        with pytest.raises(UnsupportedFormatVersionError) as info:
            de.loads(json.dumps(document(version=2, events="not even an array")))
        assert str(info.value) == (
            "is newer than this release of diplo_events reads (1); upgrade it (got 2) at version"
        )

    def test_newer_version_in_jsonl(self) -> None:
        """The JSON Lines header's version is checked the same way, with the line number."""
        with pytest.raises(UnsupportedFormatVersionError) as info:
            de.loads('{"format":"diplo-events","version":7}\n{}\n')
        assert info.value.path == "line 1.version"

    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            (
                {"format": "other"},
                ["must be 'diplo-events': this is not a diplo-events file (got 'other') at format"],
            ),
            (
                {"version": 0},
                ["must be the format version, an integer from 1 to 1 (got 0) at version"],
            ),
            (
                {"version": True},
                ["must be the format version, an integer from 1 to 1 (got True) at version"],
            ),
            (
                {"version": 1.0},
                ["must be the format version, an integer from 1 to 1 (got 1.0) at version"],
            ),
            ({"events": {}}, ["must be an array (got 'an object') at events"]),
        ],
    )
    def test_bad_marker(self, changes: dict[str, Any], expected: list[str]) -> None:
        """A wrong marker, a bad version or a collection that is no array."""
        assert problems(json.dumps(document(**changes))) == expected

    def test_unknown_and_missing_top_level_keys(self) -> None:
        """All five collections are required and nothing else is allowed."""
        doc = document(extra=1)
        del doc["places"]
        assert problems(json.dumps(doc)) == [
            (
                "has an unknown key; a diplo-events document has actors, events, format, "
                "memberships, places, sources, version (got 'extra')"
            ),
            "misses a required key (got 'places')",
        ]

    def test_jsonl_header_with_extra_keys(self) -> None:
        """The header has exactly format and version."""
        assert problems('{"format":"diplo-events","version":1,"x":1}\n', format="jsonl") == [
            "must be the header, with only 'format' and 'version' (got ['x']) at line 1"
        ]

    @pytest.mark.parametrize("data", ["", b""])
    def test_empty_jsonl(self, data: str | bytes) -> None:
        """An empty JSON Lines file misses its header."""
        assert problems(data, format="jsonl") == ["is empty; expected the header line (got '')"]

    def test_jsonl_header_not_json(self) -> None:
        """A header line that is not JSON is reported at line 1."""
        assert problems("nope\n", format="jsonl")[0].endswith("at line 1")


class TestRecordProblems:
    def test_all_problems_together(self) -> None:
        """Unknown keys and bad values of several records are reported in one error."""
        doc = document()
        doc["actors"][0]["colour"] = "red"
        doc["actors"][0]["kind"] = "nation"
        doc["events"][0]["when"] = "2018-02-30"
        assert problems(json.dumps(doc)) == [
            (
                "has an unknown key; an actor has aliases, country, evidence, id, identifiers, kind, "
                "name, note, part_of (got 'colour') at actors[0]"
            ),
            "must be one of 'state', 'person', 'organization', 'group' (got 'nation') at actors[0].kind",
            "day is past the end of 2018-02 (got '2018-02-30') at events[0].when",
        ]

    @pytest.mark.parametrize(
        ("fields", "expected"),
        [
            ({"summary": None}, ["misses a required key (got 'summary') at events[1]"]),
            ({"summary": 3}, ["must be a string (got 3) at events[1].summary"]),
            (
                {"participants": "kono"},
                ["must be an array (got 'a string') at events[1].participants"],
            ),
            (
                {"participants": {}},
                ["must be an array (got 'an object') at events[1].participants"],
            ),
            (
                {"topics": "north-korea"},
                ["must be a sequence (not a string) (got 'north-korea') at events[1].topics"],
            ),
            (
                {"relations": [[]]},
                ["must be an object (a relation) (got 'an array') at events[1].relations[0]"],
            ),
            (
                {"codes": [{"scheme": "cameo", "code": 42}]},
                [
                    "must be a CAMEO code: 2 to 4 digits, as text ('042') (got 42) at events[1].codes[0].code"
                ],
            ),
            (
                {"when": 2018},
                ["must be an EDTF date or interval string (got 2018) at events[1].when"],
            ),
            (
                {"when": "٢٠١٨"},
                ["must be an EDTF date or interval string (got '٢٠١٨') at events[1].when"],
            ),
            (
                {"when": "Jan 2018"},
                [
                    "must be an EDTF date: YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ?, ~ or % (got 'Jan 2018') at events[1].when"
                ],
            ),
            (
                {"part_of": "Ev Visit"},
                [
                    "must be an id: lower-case letters and digits in words joined by '-', at most 100 characters (got 'Ev Visit') at events[1].part_of"
                ],
            ),
            (
                {"format": "quadrilateral"},
                [
                    "must be one of 'bilateral', 'trilateral', 'multilateral' (got 'quadrilateral') at events[1].format"
                ],
            ),
            (
                {"kind": "summit"},
                [
                    "must be one of 'meeting', 'visit', 'agreement', 'dispute', 'statement', 'incident' (got 'summit') at events[1].kind"
                ],
            ),
            ({"kind": None}, ["misses a required key (got 'kind') at events[1]"]),
        ],
    )
    def test_event_field(self, fields: dict[str, Any], expected: list[str]) -> None:
        """One wrong field of an event: its problem, exactly (an absent optional key is fine)."""
        assert event_problems(**fields) == expected

    def test_absent_optional_keys_take_defaults(self) -> None:
        """An optional key may be left out: the field gets its default."""
        doc = document()
        doc["events"][1]["setting"] = "summit"
        del doc["events"][1]["setting"]
        del doc["events"][1]["evidence"]
        meeting = de.loads(json.dumps(doc)).events["ev-meet"]
        assert isinstance(meeting, de.Meeting)
        assert meeting.setting is de.MeetingSetting.STANDALONE
        assert meeting.evidence == ()

    def test_explicit_null_where_a_value_is_required(self) -> None:
        """null is not a missing key: it is a wrong value."""
        assert event_problems(setting="x", status="done")[0] == (
            "must be one of 'occurred', 'ongoing', 'planned', 'expected', 'proposed', 'cancelled', "
            "'postponed', 'hypothetical', 'denied', 'negated' (got 'done') at events[1].status"
        )
        doc = document()
        doc["events"][1]["setting"] = None
        assert problems(json.dumps(doc)) == [
            (
                "must be one of 'standalone', 'sidelines', 'summit', 'phone', 'video' (got None) "
                "at events[1].setting"
            )
        ]
        doc = document()
        doc["events"][1]["evidence"] = None
        assert problems(json.dumps(doc)) == ["must be an array (got 'null') at events[1].evidence"]

    def test_not_an_object(self) -> None:
        """Records must be objects."""
        assert problems(json.dumps(document(actors=[1], events=["x"]))) == [
            "must be an object (an actor) (got 'a number') at actors[0]",
            "must be an object (an event) (got 'a string') at events[0]",
        ]

    def test_nested_problems_skip_the_parent_echo(self) -> None:
        """A bad participant is reported once, not again as a kind rule of the meeting."""
        assert event_problems(
            participants=[{"actor": "kono-taro", "role": "party"}, {"actor": "li-keqiang"}]
        ) == ["misses a required key (got 'role') at events[1].participants[1]"]

    @pytest.mark.parametrize(
        ("collection", "index", "changes", "expected"),
        [
            (
                "sources",
                0,
                {"published": "2018-13"},
                "month must be a month from 1 to 12 (got '2018-13') at sources[0].published",
            ),
            (
                "sources",
                0,
                {"published": 2018},
                "must be an EDTF date string (got 2018) at sources[0].published",
            ),
            (
                "actors",
                0,
                {"identifiers": [["wikidata", "Q17"]]},
                "must be an object mapping schemes to identifiers (got 'an array') at actors[0].identifiers",
            ),
            (
                "actors",
                2,
                {"evidence": [{"source": "src-demo", "start": 50, "end": 59}]},
                "misses a required key (got 'quote') at actors[2].evidence[0]",
            ),
            (
                "memberships",
                0,
                {"when": "2018-01-99"},
                "day must be a day from 1 to 31 (got '2018-01-99') at memberships[0].when",
            ),
            (
                "places",
                2,
                {"names": [{"name": "Senkaku", "lang": 1}]},
                "must be a language tag such as 'ja' or 'zh-Hans' (got 1) at places[2].names[0].lang",
            ),
            (
                "places",
                2,
                {"names": "Senkaku"},
                "must be an array (got 'a string') at places[2].names",
            ),
        ],
    )
    def test_other_records(
        self, collection: str, index: int, changes: dict[str, Any], expected: str
    ) -> None:
        """Problems in sources, actors, memberships and places, with their paths."""
        doc = document()
        doc[collection][index].update(changes)
        assert problems(json.dumps(doc)) == [expected]

    def test_dataset_problems_keep_id_paths(self) -> None:
        """A document's cross-record problems come from Dataset, with id paths."""
        doc = document()
        doc["events"][1]["participants"][1]["actor"] = "nobody"
        with pytest.raises(ValidationError) as info:
            de.loads(json.dumps(doc))
        assert not isinstance(info.value, DecodeError)
        assert (
            str(info.value)
            == "refers to an unknown actor (got 'nobody') at events['ev-meet'].participants[1].actor"
        )


class TestJsonLines:
    def lines(self) -> list[str]:
        return de.dumps(dataset(), format="jsonl").split("\n")[:-1]

    def test_line_numbers_in_paths(self) -> None:
        """Each problem names its line; every bad line is reported; blank lines still count."""
        lines = self.lines()
        lines[2] = lines[2].replace('"kind":"state"', '"kind":"nation"')
        lines[11] = "[1]"
        lines[12] = '{"type":"ship"}'
        lines.insert(5, "")
        assert problems("\n".join(lines)) == [
            "must be one of 'state', 'person', 'organization', 'group' (got 'nation') at line 3.kind",
            "must be an object (a record) (got 'an array') at line 13",
            "must be one of 'source', 'actor', 'membership', 'place', 'event' (got 'ship') at line 14.type",
        ]

    def test_dataset_problems_get_line_numbers(self) -> None:
        """Cross-record problems are moved to the line of the record they concern."""
        lines = self.lines()
        lines[10] = lines[10].replace('"actor":"chn"', '"actor":"nobody"')
        lines[6] = lines[6].replace('"organization":"jpn"', '"organization":"li-keqiang"')
        lines.append(lines[12])
        assert problems("\n".join(lines)) == [
            "repeats the id of events[2] (got 'ev-dispute') at line 16.id",
            "must be a state, organization or group, not a person (got 'li-keqiang') at line 7.organization",
            "refers to an unknown actor (got 'nobody') at line 11.participants[1].actor",
        ]

    @pytest.mark.parametrize(
        ("shared", "changed", "message"),
        [
            (
                '{"actor":"chn","role":"host"}',
                '{"actor":"chn","role":"host","x":1}',
                (
                    "has an unknown key; a participant has actor, on_behalf_of, role, title "
                    "(got 'x') at line 14.participants[1]"
                ),
            ),
            (
                '{"actor":"chn","role":"host"}',
                '{"actor":"chn","role":"host","title":" "}',
                "must not be blank (got ' ') at line 14.participants[1].title",
            ),
            (
                '{"scheme":"cameo","code":"042"}',
                '{"scheme":"cameo","code":"042","x":1}',
                "has an unknown key; an event code has code, scheme (got 'x') at line 14.codes[0]",
            ),
        ],
    )
    def test_shared_records_are_not_reused_for_other_objects(
        self, shared: str, changed: str, message: str
    ) -> None:
        """A participant or code equal to one already read but for an extra key is still checked."""
        lines = self.lines()
        event = json.loads(lines[10])
        event["id"] = "ev-visit-2"
        event["codes"] = [{"scheme": "cameo", "code": "042"}]
        first = json.dumps(event, separators=(",", ":"))
        assert shared in first
        lines.insert(10, first)
        second = first.replace('"ev-visit-2"', '"ev-visit-3"').replace(shared, changed)
        assert second != first
        lines.insert(13, second)
        assert problems("\n".join(lines)) == [message]

    def test_shared_record_keys_name_every_field(self) -> None:
        """The decoder's sharing keys cover every field, so no field is ignored when sharing."""
        for cls, key_of in (
            (de.Participant, _fast._participant_key),
            (de.EventCode, _fast._code_key),
        ):
            names = [f.name for f in attrs.fields(cls)]
            key = key_of({name: name for name in names})
            assert key == (*names, len(names))

    def test_records_in_any_order(self) -> None:
        """Records may come in any order; collections keep their own order."""
        lines = self.lines()
        shuffled = [lines[0], *reversed(lines[1:])]
        loaded = de.loads("\n".join(shuffled))
        assert list(loaded.events) == list(reversed(list(dataset().events)))

    def test_lone_surrogate_in_str_input(self) -> None:
        """A str holding a lone surrogate (not encodable) is still read, and reported."""
        lines = self.lines()
        lines[2] = lines[2].replace('"Japan"', '"\ud800"')
        (message,) = problems("\n".join(lines), format="jsonl")
        assert (
            message
            == "holds a lone surrogate at line 1 column 36, which is not text (got '\\ud800') at line 3"
        )

    def test_crlf_line_endings(self, backend: str) -> None:
        """Windows line endings are JSON whitespace: accepted."""
        text = de.dumps(dataset(), format="jsonl").replace("\n", "\r\n")
        assert de.loads(text.encode()) == dataset()


class TestNothingElseEscapes:
    @pytest.mark.parametrize(
        "data",
        [
            "{}",
            "[]",
            "0",
            (
                '{"format":"diplo-events","version":1,"sources":[[]],"actors":[{}],"memberships":[null],'
                '"places":[{"id":[]}],"events":[{"kind":[]}]}'
            ),
            (
                '{"format":"diplo-events","version":1,"sources":[],"actors":[{"id":"a","name":"A",'
                '"kind":"state","aliases":[{}],"identifiers":{"wikidata":[]}}],"memberships":[],'
                '"places":[],"events":[{"kind":"meeting","id":"e","summary":"s","participants":'
                '[{"actor":{},"role":[]}],"when":[],"status":{},"format":"x","topics":[[]],"codes":[{}]}]}'
            ),
            f'{HEADER}\n{{"type":[]}}\n{{"type":"event","kind":{{}}}}\n',
            f"{HEADER}\n" + "[" * 5000 + "\n",
            b"\x00\x01\x02",
            b"\xff\xfe{\x00}\x00",
        ],
    )
    def test_only_library_errors(self, backend: str, data: str | bytes) -> None:
        """Odd input raises a ValidationError (a DiploEventsError), never anything else."""
        with pytest.raises(ValidationError):
            de.loads(data)


class TestRepeatedKeys:
    """A repeated key is reported as repeated in every object, whichever parser reads it."""

    IDENTIFIERS = '"identifiers":{"wikidata":"Q17","wikidata":"Q17"}'

    @staticmethod
    def with_identifiers(raw: str) -> str:
        """The shared example as text, its first actor's identifiers being `raw` JSON text."""
        doc = document()
        doc["actors"][0]["identifiers"] = "@identifiers@"
        return json.dumps(doc).replace('"@identifiers@"', raw)

    def test_in_identifiers_of_a_document(self, backend: str) -> None:
        """An actor's identifiers object repeating a key (the case of JSONTestSuite's y_ files)."""
        assert problems(self.with_identifiers('{"wikidata":"Q17","wikidata":"Q17"}')) == [
            "repeats a key (got 'wikidata') at actors[0].identifiers"
        ]

    def test_in_identifiers_of_a_line(self, backend: str) -> None:
        """A place's identifiers in JSON Lines, and a repeated key in a record itself."""
        place = '{"type":"place","id":"p","name":"P","kind":"city",' + self.IDENTIFIERS + "}"
        record = '{"type":"place","id":"q","name":"Q","name":"Q","kind":"city"}'
        assert problems(f"{HEADER}\n{place}\n{record}\n") == [
            "repeats a key (got 'wikidata') at line 2.identifiers",
            "repeats a key (got 'name') at line 3",
        ]

    def test_in_the_header_line(self, backend: str) -> None:
        """The JSON Lines header repeating a key."""
        header = '{"format":"diplo-events","version":1,"version":1}'
        assert problems(f"{header}\n", format="jsonl") == [
            "repeats a key (got 'version') at line 1"
        ]

    def test_identifiers_of_the_wrong_type(self) -> None:
        """A non-object is still told it must be an object."""
        assert problems(self.with_identifiers("[]")) == [
            "must be an object mapping schemes to identifiers (got 'an array') at actors[0].identifiers"
        ]


class TestBlankLines:
    def test_skipped_and_counted(self, backend: str) -> None:
        """Blank lines (empty, spaces, CR LF) anywhere are skipped; line numbers stay the file's."""
        lines = de.dumps(dataset(), format="jsonl").split("\n")[:-1]
        text = "\n" + "\n".join([lines[0], "", "  \t", *lines[1:]]) + "\n\r\n\n"
        assert de.loads(text) == dataset()
        assert de.loads(text.encode(), format="jsonl") == dataset()
        bad = text.replace('"kind":"state"', '"kind":"nation"', 1)
        assert problems(bad) == [
            "must be one of 'state', 'person', 'organization', 'group' (got 'nation') at line 6.kind"
        ]

    def test_blank_lines_only(self) -> None:
        """A file of blank lines has no header."""
        assert problems("\n \n\n", format="jsonl") == [
            "is empty; expected the header line (got '')"
        ]

    def test_streamed(self) -> None:
        """iter_records skips them too."""
        lines = de.dumps(dataset(), format="jsonl").splitlines(keepends=True)
        records = list(de.iter_records([lines[0], "\n", b"\r\n", *lines[1:], "   "]))
        assert len(records) == len(lines) - 1


class TestIterRecordsArguments:
    @pytest.mark.parametrize(
        ("source", "message"),
        [
            (
                None,
                "must be a path, an open file or an iterable of lines (got 'NoneType') at source",
            ),
            (1, "must be a path, an open file or an iterable of lines (got 'int') at source"),
            ([1, 2], "must be a line of text (str or bytes) (got 'int') at line 1"),
            ([HEADER.encode(), 7], "must be a line of text (str or bytes) (got 'int') at line 2"),
        ],
    )
    def test_refused(self, source: Any, message: str) -> None:
        """Not a file or lines of text: a DecodeError naming what was given (case A11)."""
        with pytest.raises(DecodeError) as info:
            list(de.iter_records(source))
        assert str(info.value) == message

    @pytest.mark.parametrize("source", [None, 1, [HEADER]])
    def test_load_refuses_non_files(self, source: Any) -> None:
        """load takes a path or an open file only."""
        with pytest.raises(DecodeError) as info:
            de.load(source)
        assert str(info.value) == (
            f"must be a path or an open file (got {type(source).__name__!r}) at source"
        )

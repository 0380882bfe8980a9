"""Serialisation: the public API, the canonical formats, files, the schema and the JSON backends."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

import diplo_events as de
from diplo_events import (
    Actor,
    DecodeError,
    EventCode,
    Evidence,
    Meeting,
    Participant,
    Relation,
    Source,
    TimeSpan,
    ValidationError,
    Visit,
)
from diplo_events.serialize import _jsonlib, _lines
from tests.helpers import dataset

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.fixture(params=["orjson", "json"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with orjson and with the standard library's json."""
    if request.param == "json":
        monkeypatch.setattr(_jsonlib, "orjson", None)
    return str(request.param)


class TestDumps:
    def test_document_is_indented_with_marker_first(self, backend: str) -> None:
        """A document starts with format and version, is indented by two spaces, ends in a newline."""
        text = de.dumps(dataset())
        assert text.startswith('{\n  "format": "diplo-events",\n  "version": 1,\n  "sources": [\n')
        assert text.endswith("}\n")
        assert list(json.loads(text)) == [
            "format",
            "version",
            "sources",
            "actors",
            "memberships",
            "places",
            "events",
        ]

    def test_same_dataset_same_bytes(self, backend: str) -> None:
        """Saving the same dataset twice gives the same text."""
        assert de.dumps(dataset()) == de.dumps(dataset())
        assert de.dumps(dataset(), format="jsonl") == de.dumps(dataset(), format="jsonl")

    def test_backends_give_identical_text(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """orjson and the standard library produce the same bytes."""
        with_orjson = (de.dumps(dataset()), de.dumps(dataset(), format="jsonl"))
        monkeypatch.setattr(_jsonlib, "orjson", None)
        assert (de.dumps(dataset()), de.dumps(dataset(), format="jsonl")) == with_orjson

    @pytest.mark.parametrize(
        ("latitude", "text"),
        [
            (1e-05, "1e-05"),
            (-2.5e-05, "-2.5e-05"),
            (7.7539063e-08, "7.7539063e-08"),
            (1e-4, "0.0001"),
        ],
    )
    def test_small_coordinates_written_as_repr_by_both_backends(
        self, monkeypatch: pytest.MonkeyPatch, latitude: float, text: str
    ) -> None:
        """A float below 1e-4, which orjson writes without repr's two-digit exponent, is canonical too."""
        place = de.Place(
            id="buoy",
            name="Buoy",
            kind="maritime_area",
            point=de.GeoPoint(latitude=latitude, longitude=0),
        )
        ds = de.Dataset(places=[place])
        with_orjson = (de.dumps(ds), de.dumps(ds, format="jsonl"))
        assert f'"latitude":{text},' in with_orjson[1]
        assert f'"latitude": {text},' in with_orjson[0]
        monkeypatch.setattr(_jsonlib, "orjson", None)
        assert (de.dumps(ds), de.dumps(ds, format="jsonl")) == with_orjson
        for written in with_orjson:
            assert de.loads(written) == ds

    def test_jsonl_header_then_tagged_records(self, backend: str) -> None:
        """JSON Lines: the header line, then one record per line tagged by its type."""
        lines = de.dumps(dataset(), format="jsonl").split("\n")
        assert lines[0] == '{"format":"diplo-events","version":1}'
        assert lines[-1] == ""
        tags = [json.loads(line)["type"] for line in lines[1:-1]]
        assert tags == ["source"] + ["actor"] * 4 + ["membership"] + ["place"] * 3 + ["event"] * 5
        assert lines[-2].startswith('{"type":"event","kind":"incident","id":"ev-incident",')

    def test_unknown_format(self) -> None:
        """An unknown format is a ValidationError naming the allowed ones."""
        with pytest.raises(ValidationError) as info:
            de.dumps(dataset(), format="xml")  # type: ignore[arg-type]
        assert str(info.value) == "must be 'json' or 'jsonl' (got 'xml') at format"

    def test_not_a_dataset(self) -> None:
        """Only a Dataset can be dumped."""
        with pytest.raises(ValidationError) as info:
            de.dumps([])  # type: ignore[arg-type]
        assert str(info.value) == "must be a Dataset (got 'list') at ds"


class TestLoads:
    @pytest.mark.parametrize("fmt", ["json", "jsonl"])
    def test_round_trip(self, backend: str, fmt: str) -> None:
        """Text and bytes load back to an equal dataset, which dumps to the same text."""
        text = de.dumps(dataset(), format=fmt)  # type: ignore[arg-type]
        assert de.loads(text) == dataset()
        assert de.loads(text.encode()) == dataset()
        assert de.loads(text, format=fmt) == dataset()  # type: ignore[arg-type]
        assert de.dumps(de.loads(text), format=fmt) == text  # type: ignore[arg-type]

    def test_empty_dataset_in_both_formats(self) -> None:
        """An empty dataset round-trips; its JSON Lines is the header alone."""
        empty = de.Dataset()
        assert de.dumps(empty, format="jsonl") == '{"format":"diplo-events","version":1}\n'
        assert de.loads(de.dumps(empty, format="jsonl")) == empty
        assert de.loads(de.dumps(empty)) == empty

    def test_non_canonical_text_is_accepted(self, backend: str) -> None:
        """Whitespace, key order and explicit nulls are fine; the output is canonical again."""
        document = json.loads(de.dumps(dataset()))
        document["actors"][1] = {"country": "CHN", "kind": "state", "name": "China", "id": "chn"}
        document["actors"][1]["note"] = None
        text = json.dumps(document, indent=4)
        assert de.loads(text) == dataset()
        assert de.dumps(de.loads(text)) == de.dumps(dataset())

    def test_collector_restored(self) -> None:
        """Loading pauses the garbage collector and restores its state, also after an error."""
        import gc

        assert gc.isenabled()
        de.loads(de.dumps(dataset()))
        assert gc.isenabled()
        with pytest.raises(DecodeError):
            de.loads("{}")
        assert gc.isenabled()
        gc.disable()
        try:
            de.loads(de.dumps(dataset()))
            assert not gc.isenabled()
        finally:
            gc.enable()

    def test_not_text(self) -> None:
        """Only str and bytes are JSON text."""
        with pytest.raises(DecodeError) as info:
            de.loads(42)  # type: ignore[arg-type]
        assert str(info.value) == "must be JSON text (str or bytes) (got 'int')"

    def test_detects_jsonl_with_a_bad_header(self) -> None:
        """A first line that is JSON on its own, with more lines after it, means JSON Lines."""
        with pytest.raises(DecodeError) as info:
            de.loads('{"format":"diplo-events"}\n{"type":"source"}\n')
        assert str(info.value) == (
            "must be the format version, an integer from 1 to 1 (got None) at line 1.version"
        )

    def test_one_line_document_is_json(self) -> None:
        """A compact document on one line (and a trailing newline) is a JSON document."""
        compact = json.dumps(json.loads(de.dumps(dataset())), separators=(",", ":")) + "\n"
        assert de.loads(compact) == dataset()


class TestRecordApi:
    def test_to_dict_leaves_defaults_out(self) -> None:
        """Keys follow the model's field order; None, empty and default values are left out."""
        meeting = dataset().events["ev-meet"]
        assert de.to_dict(meeting) == {
            "kind": "meeting",
            "id": "ev-meet",
            "summary": "Kono meets Li.",
            "participants": [
                {"actor": "kono-taro", "role": "party"},
                {"actor": "li-keqiang", "role": "party"},
            ],
            "when": "2018-01-27/2018-01-28",
            "status": "occurred",
            "evidence": [
                {
                    "source": "src-demo",
                    "start": 77,
                    "end": 104,
                    "quote": "Kono met Premier Li Keqiang",
                }
            ],
            "part_of": "ev-visit",
            "format": "bilateral",
        }

    def test_to_dict_non_default_values(self) -> None:
        """Non-default values of the kind fields, context and codes are written."""
        visit = Visit(
            id="ev-1",
            summary="A visit.",
            participants=[
                Participant(actor="a", role="visitor"),
                Participant(actor="b", role="host"),
            ],
            when=TimeSpan.parse("2018?"),
            status="planned",
            reciprocal=True,
            codes=[EventCode(scheme="cameo", code="042")],
            note="Expected.",
        )
        data = de.to_dict(visit)
        assert data["reciprocal"] is True
        assert data["codes"] == [{"scheme": "cameo", "code": "042"}]
        assert de.from_dict(data, Visit) == visit
        evidence = Evidence(source="s", start=0, end=2, quote="ab", prefix="x", suffix="y")
        assert de.to_dict(evidence) == {
            "source": "s",
            "start": 0,
            "end": 2,
            "quote": "ab",
            "prefix": "x",
            "suffix": "y",
        }

    @pytest.mark.parametrize(
        "record",
        [
            Source(id="s", title="T", authors=["A"], published=de.PartialDate.parse("2018-01~")),
            Actor(id="a", name="A", kind="group", aliases=["Ay"], note="n", identifiers={"x": "1"}),
            Relation(kind="caused_by", target="ev-2"),
            Participant(actor="a", role="speaker", title="Minister", on_behalf_of="b"),
        ],
    )
    def test_round_trip_records(self, record: object) -> None:
        """from_dict(to_dict(x)) == x for any record type."""
        assert de.from_dict(de.to_dict(record), type(record)) == record

    def test_from_dict_event_decodes_any_kind(self) -> None:
        """Event takes the kind from the data; a kind class accepts only its own kind."""
        data = de.to_dict(dataset().events["ev-meet"])
        assert isinstance(de.from_dict(data, de.Event), Meeting)
        with pytest.raises(DecodeError) as info:
            de.from_dict(data, Visit)
        assert str(info.value) == "must be 'visit' (got 'meeting') at kind"

    def test_from_dict_does_not_modify_input(self) -> None:
        """from_dict leaves its input as it was."""
        data = de.to_dict(dataset().events["ev-meet"])
        before = json.dumps(data)
        de.from_dict(data, de.Event)
        assert json.dumps(data) == before

    def test_from_dict_dataset(self) -> None:
        """Dataset takes a whole document."""
        assert de.from_dict(de.to_dict(dataset()), de.Dataset) == dataset()

    def test_from_dict_problems_have_record_paths(self) -> None:
        """Problems of from_dict have paths relative to the record."""
        data: dict[str, Any] = de.to_dict(dataset().events["ev-meet"])
        data["participants"][1]["actor"] = "Li"
        with pytest.raises(DecodeError) as info:
            de.from_dict(data, Meeting)
        assert info.value.path == "participants[1].actor"

    def test_unknown_types(self) -> None:
        """to_dict and from_dict name the types they know."""
        with pytest.raises(ValidationError) as info:
            de.to_dict(object())
        assert str(info.value).startswith("must be a record (Actor, Agreement, Dataset, ")
        with pytest.raises(ValidationError) as info:
            de.from_dict({}, dict)
        assert str(info.value).startswith("must be a record type (Actor, Agreement, Dataset, ")


class TestFiles:
    @pytest.mark.parametrize("suffix", [".json", ".jsonl", ".JSONL"])
    def test_format_from_suffix(self, tmp_path: Path, suffix: str) -> None:
        """dump and load take the format from the suffix."""
        path = tmp_path / f"data{suffix}"
        de.dump(dataset(), path)
        fmt = "jsonl" if suffix.lower() == ".jsonl" else "json"
        assert path.read_text(encoding="utf-8") == de.dumps(dataset(), format=fmt)  # type: ignore[arg-type]
        assert de.load(path) == dataset()
        assert de.load(str(path)) == dataset()

    def test_unknown_suffix(self, tmp_path: Path) -> None:
        """Without a known suffix the format must be given."""
        with pytest.raises(ValidationError) as info:
            de.dump(dataset(), tmp_path / "data.txt")
        assert str(info.value) == (
            "cannot tell from the file name: pass format='json' or 'jsonl' "
            f"(got {str(tmp_path / 'data.txt')!r}) at format"
        )
        de.dump(dataset(), tmp_path / "data.txt", format="jsonl")
        assert de.load(tmp_path / "data.txt", format="jsonl") == dataset()

    def test_open_files(self) -> None:
        """Binary and text files work, the format given or taken from the name."""
        binary = io.BytesIO()
        de.dump(dataset(), binary, format="jsonl")
        binary.seek(0)
        assert de.load(binary, format="jsonl") == dataset()
        text = io.StringIO()
        de.dump(dataset(), text, format="json")
        text.seek(0)
        assert de.load(text, format="json") == dataset()

    def test_non_text_file(self) -> None:
        """A file that yields neither str nor bytes is a DecodeError."""

        class Odd:
            name = "x.json"

            def read(self) -> int:
                return 1

        with pytest.raises(DecodeError) as info:
            de.load(Odd())  # type: ignore[arg-type]
        assert str(info.value) == "must be a file of JSON text (got 'int')"

    def test_failed_write_leaves_old_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A failure while writing leaves the old file as it was and no temporary file."""
        path = tmp_path / "data.json"
        path.write_text("old", encoding="utf-8")

        def broken_fsync(fd: int) -> None:
            raise OSError("disk full")

        monkeypatch.setattr(os, "fsync", broken_fsync)
        with pytest.raises(OSError, match="disk full"):
            de.dump(dataset(), path)
        assert path.read_text(encoding="utf-8") == "old"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["data.json"]

    @pytest.mark.parametrize("where", ["actor", "event"])
    def test_failed_encoding_leaves_old_file(
        self, tmp_path: Path, backend: str, where: str
    ) -> None:
        """An error while encoding midway (a lone surrogate) leaves the old file too."""
        path = tmp_path / "data.jsonl"
        path.write_text("old", encoding="utf-8")
        ds = dataset()
        if where == "actor":
            lone = Actor(id="x", name="\ud800", kind="group")
            bad = de.Dataset(sources=ds.sources.values(), actors=[*ds.actors.values(), lone])
        else:
            bad = ds.replace(attrs.evolve(next(iter(ds)), summary="\ud800"))
        with pytest.raises(ValidationError) as info:
            de.dump(bad, path)
        assert str(info.value) == (
            "cannot be written as UTF-8: a string holds a lone surrogate (got '\\ud800')"
        )
        assert path.read_text(encoding="utf-8") == "old"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["data.jsonl"]

    def test_jsonl_without_orjson_in_chunks(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without orjson, dump writes JSON Lines in chunks of lines, the same bytes as with it."""
        expected = de.dumps(dataset(), format="jsonl").encode("utf-8")
        monkeypatch.setattr(_jsonlib, "orjson", None)
        monkeypatch.setattr(_lines, "_CHUNK_LINES", 2)
        chunks = list(_lines.encode_lines(dataset()))
        assert [chunk.count(b"\n") for chunk in chunks[:-1]] == [2] * (len(chunks) - 1)
        assert chunks[-1].count(b"\n") in {1, 2}
        assert b"".join(chunks) == expected
        de.dump(dataset(), tmp_path / "data.jsonl")
        assert (tmp_path / "data.jsonl").read_bytes() == expected

    @pytest.mark.parametrize("fmt", ["json", "jsonl"])
    def test_dumps_refuses_lone_surrogates(self, backend: str, fmt: str) -> None:
        """dumps raises on text UTF-8 cannot encode, with either backend."""
        bad = de.Dataset(actors=[Actor(id="x", name="\ud800", kind="group")])
        with pytest.raises(ValidationError) as info:
            de.dumps(bad, format=fmt)  # type: ignore[arg-type]
        assert info.value.problems[0].message == (
            "cannot be written as UTF-8: a string holds a lone surrogate"
        )

    @pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
    def test_permissions(self, tmp_path: Path) -> None:
        """A replaced file keeps its mode; a new one gets the umask's."""
        path = tmp_path / "data.json"
        path.write_text("old", encoding="utf-8")
        path.chmod(0o640)
        de.dump(dataset(), path)
        assert path.stat().st_mode & 0o777 == 0o640
        umask = os.umask(0o022)
        os.umask(umask)
        de.dump(dataset(), tmp_path / "new.json")
        assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o666 & ~umask


class TestIterRecords:
    def test_streams_records_in_file_order(self, tmp_path: Path) -> None:
        """iter_records yields each record, checked on its own, from a path, a file or lines."""
        path = tmp_path / "data.jsonl"
        de.dump(dataset(), path)
        records = list(de.iter_records(path))
        ds = dataset()
        expected = [
            *ds.sources.values(),
            *ds.actors.values(),
            *ds.memberships,
            *ds.places.values(),
            *ds.events.values(),
        ]
        assert records == expected
        with path.open("rb") as f:
            assert list(de.iter_records(f)) == expected
        assert list(de.iter_records(path.read_text(encoding="utf-8").splitlines())) == expected

    def test_stops_at_the_first_bad_line(self) -> None:
        """Records before a bad line are yielded; the bad line raises with its number."""
        lines = de.dumps(dataset(), format="jsonl").split("\n")
        lines[3] = lines[3].replace('"kind":"state"', '"kind":"nation"')
        stream = de.iter_records(lines)
        assert isinstance(next(stream), Source)
        assert isinstance(next(stream), Actor)
        with pytest.raises(DecodeError) as info:
            next(stream)
        assert info.value.path == "line 4.kind"

    def test_does_not_check_references(self) -> None:
        """Cross-record checks are left to load: a dangling reference streams fine."""
        header = '{"format":"diplo-events","version":1}'
        line = '{"type":"place","id":"p","name":"P","kind":"city","part_of":"nowhere"}'
        assert [p.part_of for p in de.iter_records([header, line])] == ["nowhere"]


class TestSchema:
    def test_published_schema_is_current(self) -> None:
        """docs/schema.json is json_schema() as generated now."""
        published = json.loads((DOCS / "schema.json").read_text(encoding="utf-8"))
        assert published == de.json_schema()

    @pytest.mark.parametrize("fmt", ["json", "jsonl"])
    def test_schema_is_valid_2020_12(self, fmt: str) -> None:
        """Both schemas are valid draft 2020-12 schemas."""
        jsonschema.Draft202012Validator.check_schema(de.json_schema(format=fmt))

    def test_accepts_the_example(self) -> None:
        """The shared example validates, as a document and line by line."""
        jsonschema.validate(json.loads(de.dumps(dataset())), de.json_schema())
        line_schema = de.json_schema(format="jsonl")
        for line in de.dumps(dataset(), format="jsonl").splitlines():
            jsonschema.validate(json.loads(line), line_schema)

    def test_generated_from_the_model(self) -> None:
        """Required keys are the fields without defaults; enums list the model's values."""
        defs = de.json_schema()["$defs"]
        assert defs["meeting"]["required"] == [
            "kind",
            "id",
            "summary",
            "participants",
            "when",
            "status",
            "format",
        ]
        assert defs["participant"]["properties"]["role"] == {"enum": [r.value for r in de.Role]}
        assert defs["meeting"]["properties"]["place"] == {
            "anyOf": [{"$ref": "#/$defs/id"}, {"type": "null"}]
        }

    def test_unknown_format(self) -> None:
        """Only json and jsonl have schemas."""
        with pytest.raises(ValidationError) as info:
            de.json_schema(format="xml")
        assert str(info.value) == "must be 'json' or 'jsonl' (got 'xml') at format"


class TestJsonBackend:
    def test_big_integers_fall_back_to_the_standard_library(self) -> None:
        """Integers beyond 64 bits are written by the standard library, identically."""
        value = {"n": 2**70}
        assert _jsonlib.encode(value) == b'{"n":1180591620717411303424}'
        assert _jsonlib.parse(_jsonlib.encode(value)) == value

    def test_orjson_takes_only_canonical_text(self) -> None:
        """Non-canonical bytes go through the standard library parser (which sees repeats)."""
        assert _jsonlib.parse_clean(b'{"a":1}') == ({"a": 1}, True)
        assert _jsonlib.parse_clean(b'{"a": 1}') == ({"a": 1}, True)
        value, plain = _jsonlib.parse_clean(b'{"a":1,"a":2}')
        assert not plain
        assert _jsonlib.repeated_key(value) == "a"

    def test_indented_encoding_matches(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Indented output is the same with both backends, empty containers included."""
        value = {"a": [], "b": {}, "c": [1, {"d": None, "e": True}], "f": "é\u2028\x7f\n"}
        with_orjson = _jsonlib.encode(value, indented=True)
        monkeypatch.setattr(_jsonlib, "orjson", None)
        assert _jsonlib.encode(value, indented=True) == with_orjson


class TestOneReader:
    """load() finds the file first, then its format: suffix, else content (as loads and the CLI)."""

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is "no such file", naming the path, whatever its suffix."""
        for name in ("missing-file", "missing.json", "missing.jsonl"):
            with pytest.raises(de.FileAccessError) as info:
                de.load(tmp_path / name)
            assert info.value.strerror == "No such file or directory"
            assert info.value.filename == str(tmp_path / name)

    @pytest.mark.parametrize("fmt", ["json", "jsonl"])
    def test_unknown_suffix_sniffs(self, tmp_path: Path, fmt: str) -> None:
        """A file without a known suffix is read in the format its content shows."""
        text = de.dumps(dataset(), format=fmt)  # type: ignore[arg-type]
        for name in ("data.txt", "data"):
            path = tmp_path / name
            path.write_text(text, encoding="utf-8")
            assert de.load(path) == dataset()
            assert de.load(str(path)) == dataset()
            with path.open("rb") as f:
                assert de.load(f) == dataset()
        assert de.load(io.StringIO(text)) == dataset()
        assert de.load(io.BytesIO(text.encode())) == dataset()

    def test_same_answer_as_loads_and_cli(self, tmp_path: Path) -> None:
        """load, loads and the CLI agree on a file without a suffix (an invalid one included)."""
        path = tmp_path / "data"
        text = de.dumps(dataset(), format="jsonl").replace('"kind":"state"', '"kind":"nation"', 1)
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ValidationError) as from_load:
            de.load(path)
        with pytest.raises(ValidationError) as from_loads:
            de.loads(text)
        assert from_load.value.problems == from_loads.value.problems
        assert str(from_load.value) == (
            "must be one of 'state', 'person', 'organization', 'group' (got 'nation') at line 3.kind"
        )

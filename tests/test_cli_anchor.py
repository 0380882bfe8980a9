"""The anchoring commands: ``anchor``, ``reanchor``, ``coverage`` and ``schema --draft``."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from diplo_events.anchoring import coverage
from diplo_events.cli import main
from diplo_events.reference import SOURCE_ID, load_reference
from diplo_events.serialize import dumps, json_schema, load

from .helpers import TEXT, dataset
from .test_anchoring import draft_of


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `main` in process; return the exit code, standard output and standard error."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    """The helpers' dataset as a draft: every evidence span a quote."""
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(draft_of(dataset())), encoding="utf-8")
    return path


class TestAnchor:
    def test_writes_the_dataset(
        self, capsys: pytest.CaptureFixture[str], draft: Path, tmp_path: Path
    ) -> None:
        """anchor DRAFT -o OUT writes the anchored dataset."""
        out = tmp_path / "out.jsonl"
        assert call(capsys, "anchor", str(draft), "-o", str(out)) == (0, "", "")
        assert load(out) == dataset()

    def test_lists_every_quote_it_cannot_place(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Each unplaced quote gets a line with its path; nothing is written; exit 1."""
        document: dict[str, Any] = draft_of(dataset())
        document["actors"][2]["evidence"] = [{"quote": "Taro  Kono"}, {"quote": "Kono"}]
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        out = tmp_path / "out.json"
        code, stdout, err = call(capsys, "anchor", str(path), "-o", str(out))
        assert (code, stdout) == (1, "")
        lines = err.splitlines()
        assert lines[0].startswith(f"diplo-events: {path}: is not in the text of source")
        assert lines[0].endswith("at actors[2].evidence[0].quote")
        assert lines[1].endswith("at actors[2].evidence[1].quote")
        assert (
            lines[2] == f"diplo-events: error: {path}: 2 quotes cannot be placed; nothing written"
        )
        assert not out.exists()

    def test_from_stdin(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """'-' reads the draft from standard input."""
        data = json.dumps(draft_of(dataset())).encode()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        out = tmp_path / "out.json"
        assert call(capsys, "anchor", "-", "-o", str(out))[0] == 0
        assert load(out) == dataset()

    def test_bad_output_name(
        self, capsys: pytest.CaptureFixture[str], draft: Path, tmp_path: Path
    ) -> None:
        """The output must be .json or .jsonl."""
        code, _, err = call(capsys, "anchor", str(draft), "-o", str(tmp_path / "x.txt"))
        assert code == 2
        assert "must end in .json or .jsonl" in err


class TestReanchor:
    @pytest.fixture
    def ds_file(self, tmp_path: Path) -> Path:
        path = tmp_path / "ds.json"
        path.write_text(dumps(dataset()), encoding="utf-8")
        return path

    def test_moves_and_writes(
        self, capsys: pytest.CaptureFixture[str], ds_file: Path, tmp_path: Path
    ) -> None:
        """Every span moves with text put in front; the report goes to standard error."""
        new = tmp_path / "new.txt"
        new.write_text("Corrected. " + TEXT, encoding="utf-8")
        out = tmp_path / "out.json"
        code, stdout, err = call(
            capsys, "reanchor", str(ds_file), "src-demo", str(new), "-o", str(out)
        )
        assert (code, stdout) == (0, "")
        moved = load(out)
        assert moved.sources["src-demo"].text == "Corrected. " + TEXT
        assert err.splitlines()[-1] == "diplo-events: 0 unchanged, 5 moved, 0 orphaned"

    def test_orphans_stop_the_write_unless_dropped(
        self, capsys: pytest.CaptureFixture[str], ds_file: Path, tmp_path: Path
    ) -> None:
        """With orphans nothing is written (exit 1) unless --drop-orphans."""
        new = tmp_path / "new.txt"
        new.write_text(TEXT.replace("Taro Kono", "the minister"), encoding="utf-8")
        out = tmp_path / "out.json"
        args = ["reanchor", str(ds_file), "src-demo", str(new), "-o", str(out)]
        code, _, err = call(capsys, *args)
        assert code == 1
        assert "orphaned actors['kono-taro'].evidence[0]: 'Taro Kono'" in err
        assert not out.exists()
        assert call(capsys, *args, "--drop-orphans")[0] == 0
        assert load(out).actors["kono-taro"].evidence == ()

    def test_text_from_stdin(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        ds_file: Path,
        tmp_path: Path,
    ) -> None:
        """'-' reads the new text from standard input."""
        data = ("Corrected. " + TEXT).encode()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        out = tmp_path / "out.json"
        code, _, _ = call(capsys, "reanchor", str(ds_file), "src-demo", "-", "-o", str(out))
        assert code == 0
        assert load(out).sources["src-demo"].text == "Corrected. " + TEXT

    def test_missing_text_file(
        self, capsys: pytest.CaptureFixture[str], ds_file: Path, tmp_path: Path
    ) -> None:
        """A text file that cannot be read exits 3."""
        code, _, err = call(
            capsys, "reanchor", str(ds_file), "src-demo", str(tmp_path / "no.txt"), "-o", "o.json"
        )
        assert code == 3
        assert "No such file" in err

    def test_text_not_utf8(
        self, capsys: pytest.CaptureFixture[str], ds_file: Path, tmp_path: Path
    ) -> None:
        """A text that is not UTF-8 exits 1 naming the byte."""
        bad = tmp_path / "bad.txt"
        bad.write_bytes(b"ok \xff")
        code, _, err = call(capsys, "reanchor", str(ds_file), "src-demo", str(bad), "-o", "o.json")
        assert code == 1
        assert "is not UTF-8 text (byte 3)" in err

    def test_unknown_source(
        self, capsys: pytest.CaptureFixture[str], ds_file: Path, tmp_path: Path
    ) -> None:
        """An unknown source id is a usage error naming the argument (exit 2), as --actor is."""
        new = tmp_path / "new.txt"
        new.write_text(TEXT, encoding="utf-8")
        code, _, err = call(capsys, "reanchor", str(ds_file), "nope", str(new), "-o", "o.json")
        assert code == 2
        assert "argument SOURCE: refers to an unknown source" in err


class TestCoverage:
    def test_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The reference's uncovered sentences, each with offsets and covered share."""
        report = coverage(load_reference(), SOURCE_ID)
        code, out, _ = call(capsys, "coverage", "reference")
        lines = out.splitlines()
        assert code == 0
        covered = len(report.sentences) - len(report.uncovered)
        assert lines[0] == (
            f"{SOURCE_ID}: {covered} of {len(report.sentences)} sentences covered "
            f"(at least 50% quoted); {report.share:.1%} of characters in evidence"
        )
        assert lines[1] == "  0:59 (0%) Sino-Japanese Ties and the Political Thaw in Northeast Asia"
        assert len(lines) == 1 + len(report.uncovered)

    def test_json_and_threshold(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--format json gives the library's numbers for the threshold given."""
        expected = coverage(load_reference(), SOURCE_ID, threshold=0.2)
        code, out, _ = call(
            capsys, "coverage", "reference", "--format", "json", "--threshold", "0.2"
        )
        (report,) = json.loads(out)
        assert code == 0
        assert (report["threshold"], report["sentences"]) == (0.2, len(expected.sentences))
        assert [(u["start"], u["end"]) for u in report["uncovered"]] == [
            (s.start, s.end) for s in expected.uncovered
        ]
        assert len(expected.uncovered) < len(coverage(load_reference(), SOURCE_ID).uncovered)

    @pytest.mark.parametrize("value", ["2", "0", "abc"])
    def test_bad_threshold(self, capsys: pytest.CaptureFixture[str], value: str) -> None:
        """A threshold outside (0, 1], or not a number, is a usage error."""
        code, _, err = call(capsys, "coverage", "reference", "--threshold", value)
        assert code == 2
        assert f"must be a number above 0 and at most 1 (got '{value}')" in err

    def test_one_source(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--source picks one source."""
        path = tmp_path / "ds.json"
        path.write_text(dumps(dataset()), encoding="utf-8")
        code, out, _ = call(capsys, "coverage", str(path), "--source", "src-demo")
        assert code == 0
        assert out.startswith("src-demo: ")


class TestDraftSchema:
    def test_printed(self, capsys: pytest.CaptureFixture[str]) -> None:
        """schema --draft prints the draft schema."""
        code, out, _ = call(capsys, "schema", "--draft")
        assert code == 0
        assert json.loads(out) == json_schema(draft=True)
        assert json.loads(out)["title"] == "diplo-events draft, format version 1"

    @pytest.mark.parametrize("fmt", ["json", "jsonl"])
    def test_valid_and_accepts_drafts(self, fmt: str) -> None:
        """The draft schema is valid 2020-12; it accepts a draft the plain schema refuses."""
        schema = json_schema(format=fmt, draft=True)
        jsonschema.Draft202012Validator.check_schema(schema)
        document = draft_of(dataset())
        if fmt == "json":
            jsonschema.validate(document, schema)
            with pytest.raises(jsonschema.ValidationError):
                jsonschema.validate(document, json_schema())
        else:
            record = {"type": "actor", **document["actors"][2]}
            jsonschema.validate(record, schema)

    def test_refuses_what_anchor_refuses(self) -> None:
        """A draft span with offsets and an occurrence, or an unknown key, fails the schema."""
        schema = json_schema(draft=True)
        document = draft_of(dataset())
        for bad in (
            {"quote": "Kono", "page": 2},
            {"quote": "Kono", "occurrence": 0},
            {"quote": ""},
        ):
            document["actors"][2]["evidence"] = [bad]
            with pytest.raises(jsonschema.ValidationError):
                jsonschema.validate(document, schema)

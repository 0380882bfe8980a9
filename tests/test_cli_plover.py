"""``diplo-events import plover``, ``import polecat`` and ``export --to plover``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplo_events.cli import main
from diplo_events.serialize import load

FIXTURE = Path(__file__).parent / "data" / "polecat_small.tsv"


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the command line in process; return the exit code, stdout and stderr."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


class TestImport:
    def test_polecat_verbose(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The dataset is written and loads; every skipped and altered row is listed."""
        out = tmp_path / "pc.jsonl"
        code, _, err = call(capsys, "import", "polecat", str(FIXTURE), "-o", str(out), "--verbose")
        assert code == 0
        assert len(load(out)) == 6
        lines = err.splitlines()
        assert lines[0] == "diplo-events: 11 rows read"
        assert "diplo-events: skipped line 4: repeats the header row" in lines
        assert sum(line.startswith("diplo-events: skipped line") for line in lines) == 5
        assert sum(line.startswith("diplo-events: altered line") for line in lines) == 5
        assert lines[-1] == (
            "diplo-events: 6 events from 11 rows (0 merged, 5 skipped, 5 altered, 1 warnings) "
            f"written to {out}"
        )

    def test_plover_round_trip(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """export --to plover writes records that import plover reads back."""
        first = tmp_path / "ref.json"
        code, _, err = call(capsys, "export", "reference", "--to", "plover", "-o", str(first))
        assert code == 0
        assert err.startswith("diplo-events: 21 events with no PLOVER event type left out")
        records = json.loads(first.read_text(encoding="utf-8"))
        assert len(records) == 35
        back = tmp_path / "back.json"
        code, _, err = call(capsys, "import", "plover", str(first), "-o", str(back), "--quiet")
        assert (code, err) == (0, "")
        assert len(load(back)) == 35

    def test_plover_to_stdout(self, capsys: pytest.CaptureFixture[str]) -> None:
        """'-o -' writes JSON Lines to standard output."""
        code, out, _ = call(capsys, "export", "reference", "--to", "plover", "-o", "-")
        assert code == 0
        events = [json.loads(line)["event"] for line in out.splitlines()]
        assert len(events) == 35
        assert events[0] == ["CONSULT"]

    def test_not_plover_is_exit_1(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A broken JSON array is one line naming the file and the line, exit 1."""
        bad = tmp_path / "bad.json"
        bad.write_text('[{"id": "a"},\n{"id"', encoding="utf-8")
        code, _, err = call(capsys, "import", "plover", str(bad), "-o", str(tmp_path / "x.json"))
        assert code == 1
        assert err.startswith(f"diplo-events: error: {bad}: is not valid JSON")
        assert "line 2" in err

    def test_missing_file_is_exit_3(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A file that cannot be read is a file error."""
        missing = tmp_path / "missing.tsv"
        code, _, err = call(
            capsys, "import", "polecat", str(missing), "-o", str(tmp_path / "x.json")
        )
        assert code == 3
        assert "No such file or directory" in err

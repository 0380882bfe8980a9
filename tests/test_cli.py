"""The ``diplo-events`` command line.

Each command runs once through the real entry points (the console script and
``python -m diplo_events``) in a subprocess; the same paths also run in
process through `diplo_events.cli.main`, which coverage can measure.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from diplo_events import Dataset
from diplo_events.cli import _commands as commands
from diplo_events.cli import main
from diplo_events.interop.icews import ICEWS_COLUMNS
from diplo_events.serialize import dump, json_schema, load, loads

from .helpers import dataset
from .test_interop_gdelt import event_row, mention_row

SCRIPT = Path(sys.executable).with_name("diplo-events")
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8"}


def run(
    *args: str, stdin: bytes | None = None, module: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run the console script (or ``python -m diplo_events``) and capture its output."""
    command = [sys.executable, "-m", "diplo_events"] if module else [str(SCRIPT)]
    return subprocess.run(
        [*command, *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=ENV,
        check=False,
        timeout=120,
    )


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `main` in process; return the exit code, standard output and standard error."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    """The small helper dataset as .json, .jsonl and an unsuffixed file, plus bad files."""
    ds = dataset()
    paths = {
        "json": tmp_path / "small.json",
        "jsonl": tmp_path / "small.jsonl",
        "plain": tmp_path / "small.data",
    }
    dump(ds, paths["json"])
    dump(ds, paths["jsonl"])
    dump(ds, paths["plain"], format="jsonl")
    lines = paths["jsonl"].read_text(encoding="utf-8").splitlines()
    bad_lines = [
        line.replace('"role":"host"', '"role":"boss"').replace('"role":"party"', '"role":"side"')
        for line in lines
    ]
    (tmp_path / "bad.jsonl").write_text("\n".join(bad_lines) + "\n", encoding="utf-8")
    unknown = [line.replace('"actor":"li-keqiang"', '"actor":"nobody"') for line in lines]
    (tmp_path / "unknown.jsonl").write_text("\n".join(unknown) + "\n", encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"format": ', encoding="utf-8")
    out = {name: str(path) for name, path in paths.items()}
    out["bad"] = str(tmp_path / "bad.jsonl")
    out["unknown"] = str(tmp_path / "unknown.jsonl")
    out["broken"] = str(tmp_path / "broken.json")
    out["missing"] = str(tmp_path / "missing.json")
    out["dir"] = str(tmp_path)
    return out


def counts(ds: Dataset) -> str:
    """``1 source, 4 actors, …`` for `ds`, as the commands print it."""
    from diplo_events.cli._render import counted, record_counts

    return counted(record_counts(ds))


def icews_file(path: Path) -> Path:
    """Write a four-row ICEWS file: a visit reported both ways, a statement, an unknown code."""

    def row(n: int, date: str, code: str, *, source: str, target: str, story: str) -> str:
        cells = [str(n), date, source, "Government", source, "text", code, "1.9", target, "",
                 target, story, "1", "Kyodo", "", "", "", "", "", ""]  # fmt: skip
        return "\t".join(cells)

    rows = [
        "\t".join(ICEWS_COLUMNS),
        row(1, "2018-01-27", "042", source="Japan", target="China", story="100"),
        row(2, "2018-01-27", "043", source="China", target="Japan", story="100"),
        row(3, "2018-01-28", "036", source="Japan", target="China", story="101"),
        row(4, "2018-01-28", "999", source="Japan", target="China", story="102"),
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


class TestEntryPoints:
    def test_console_script_version(self) -> None:
        """The console script prints the version and exits 0."""
        from diplo_events import __version__

        result = run("--version")
        assert (result.returncode, result.stdout, result.stderr) == (
            0,
            f"diplo-events {__version__}\n",
            "",
        )

    def test_reference(self) -> None:
        """'reference' names the dataset shipped with the package."""
        from diplo_events.reference import load_reference

        result = run("validate", "reference")
        assert result.returncode == 0, result.stderr
        assert result.stdout == f"reference: valid ({counts(load_reference())})\n"

    def test_reference_and_stdin_in_process(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        files: dict[str, str],
    ) -> None:
        """'reference' and '-' also work in process (where coverage is measured)."""
        from diplo_events.reference import load_reference

        code, out, _ = call(capsys, "stats", "reference", "--format", "json")
        assert code == 0
        assert json.loads(out)["records"]["events"] == len(load_reference())
        stdin = io.TextIOWrapper(io.BytesIO(Path(files["json"]).read_bytes()), encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", stdin)
        assert call(capsys, "query", "-", "--kind", "visit", "--format", "csv")[1].count("\n") == 2

    def test_python_dash_m(self) -> None:
        """``python -m diplo_events`` is the same program."""
        result = run("--help", module=True)
        assert result.returncode == 0
        assert result.stdout.startswith("usage: diplo-events [-h] [--version] COMMAND ...")
        assert "exit codes:" in result.stdout

    @pytest.mark.parametrize(
        "command",
        [
            ["validate"],
            ["stats"],
            ["query"],
            ["timeline"],
            ["export"],
            ["import"],
            ["import", "icews"],
            ["schema"],
        ],
    )
    def test_help_on_every_command(self, command: list[str]) -> None:
        """Every command has --help, naming it in the usage line and listing the exit codes."""
        result = run(*command, "--help")
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"usage: diplo-events {' '.join(command)} [-h]")
        assert "  141  standard output was closed early" in result.stdout

    def test_module_entry_in_process(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``__main__`` exits with the code `main` returns."""
        import runpy

        monkeypatch.setattr(sys, "argv", ["diplo-events", "schema"])
        with pytest.raises(SystemExit) as exc:
            runpy.run_module("diplo_events", run_name="__main__")
        assert exc.value.code == 0
        assert json.loads(capsys.readouterr().out) == json_schema()


class TestUsageErrors:
    def test_no_command(self) -> None:
        """Without a command the usage is printed and the exit code is 2."""
        result = run()
        assert result.returncode == 2
        assert result.stderr.endswith(
            "diplo-events: error: the following arguments are required: COMMAND\n"
        )
        assert result.stdout == ""

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["frobnicate"], "argument COMMAND: invalid choice: 'frobnicate'"),
            (["stats", "x.json", "--bogus"], "unrecognized arguments: --bogus"),
            (["query", "x.json", "--kind", "party"], "argument --kind: invalid choice: 'party'"),
            (
                ["query", "x.json", "--limit", "-1"],
                "argument --limit: must be a whole number >= 0 (got '-1')",
            ),
            (
                ["stats", "x.json", "--top", "many"],
                "argument --top: must be a whole number >= 0 (got 'many')",
            ),
            (
                ["export", "x.json", "--to", "csv"],
                "the following arguments are required: -o/--output",
            ),
            (["import", "x.tab"], "argument SYSTEM: invalid choice: 'x.tab'"),
            (
                ["import", "icews", "x", "-o", "y.json", "--quiet", "--verbose"],
                "argument --verbose: not allowed with argument --quiet",
            ),
        ],
    )
    def test_bad_command_lines(
        self, capsys: pytest.CaptureFixture[str], args: list[str], message: str
    ) -> None:
        """argparse errors exit 2 with the usage and one error line, no traceback."""
        code, out, err = call(capsys, *args)
        assert code == 2
        assert out == ""
        assert err.startswith("usage: diplo-events")
        assert message in err.splitlines()[-1]
        assert "Traceback" not in err

    @pytest.mark.parametrize(
        ("flags", "message"),
        [
            (["--actor", "nobody"], "argument --actor: refers to an unknown actor (got 'nobody')"),
            (
                ["--between", "jpn", "nobody"],
                "argument --between: refers to an unknown actor (got 'nobody')",
            ),
            (
                ["--between", "jpn", "jpn"],
                "argument --between: needs two different actors (got 'jpn' twice)",
            ),
            (["--during", "someday"], "argument --during: "),
            (
                ["--place", "atlantis"],
                "argument --place: refers to an unknown place (got 'atlantis')",
            ),
            (
                ["--topic", "Not A Slug"],
                "argument --topic: must be a topic id such as 'north-korea' (got 'Not A Slug')",
            ),
        ],
    )
    def test_bad_filter_values(
        self,
        capsys: pytest.CaptureFixture[str],
        files: dict[str, str],
        flags: list[str],
        message: str,
    ) -> None:
        """A filter value the dataset rejects is a usage error naming the flag."""
        code, out, err = call(capsys, "query", files["json"], *flags)
        assert (code, out) == (2, "")
        assert err.startswith("usage: diplo-events query")
        assert err.splitlines()[-1].startswith(f"diplo-events query: error: {message}")

    def test_bad_output_suffix(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """import icews needs an output name ending in .json or .jsonl."""
        source = icews_file(tmp_path / "events.tab")
        code, _, err = call(capsys, "import", "icews", str(source), "-o", str(tmp_path / "out.txt"))
        assert code == 2
        assert err.splitlines()[-1] == (
            f"diplo-events import icews: error: argument -o/--output: must end in .json or .jsonl (got '{tmp_path / 'out.txt'}')"
        )


class TestValidate:
    def test_valid_files(self, files: dict[str, str]) -> None:
        """Each valid file gets one line with its counts; the exit code is 0."""
        result = run("validate", files["json"], files["jsonl"], files["plain"])
        counts = "1 source, 4 actors, 1 membership, 3 places, 5 events"
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == [
            f"{files['json']}: valid ({counts})",
            f"{files['jsonl']}: valid ({counts})",
            f"{files['plain']}: valid ({counts})",
        ]

    def test_every_problem_with_its_line(self, files: dict[str, str]) -> None:
        """JSON Lines problems are all listed, each with the line and the path in it; exit 1."""
        result = run("validate", files["bad"])
        bad = files["bad"]
        assert result.returncode == 1
        assert result.stderr == ""
        roles = (
            "must be one of 'host', 'visitor', 'party', 'claimant', 'speaker', 'addressee', "
            "'initiator', 'target', 'mediator', 'signatory', 'observer', 'participant', 'subject'"
        )
        assert result.stdout.splitlines() == [
            f"{bad}: {roles} (got 'boss') at line 11.participants[1].role",
            f"{bad}: {roles} (got 'side') at line 12.participants[0].role",
            f"{bad}: {roles} (got 'side') at line 12.participants[1].role",
            f"{bad}: invalid (3 problems)",
        ]

    def test_dataset_problem_with_its_line(
        self, capsys: pytest.CaptureFixture[str], files: dict[str, str]
    ) -> None:
        """A problem found across records (an unknown actor) also names the line of the record."""
        code, out, _ = call(capsys, "validate", files["unknown"])
        assert code == 1
        assert out.splitlines() == [
            f"{files['unknown']}: refers to an unknown actor (got 'nobody') at line 12.participants[1].actor",
            f"{files['unknown']}: invalid (1 problem)",
        ]

    def test_broken_json(self, capsys: pytest.CaptureFixture[str], files: dict[str, str]) -> None:
        """A file that is not JSON is invalid, with the problem's position."""
        code, out, err = call(capsys, "validate", files["broken"])
        assert code == 1
        assert err == ""
        assert out.splitlines()[-1] == f"{files['broken']}: invalid (1 problem)"

    def test_missing_file_and_folder(
        self, capsys: pytest.CaptureFixture[str], files: dict[str, str]
    ) -> None:
        """Unreadable files are reported on standard error; the others are still checked; exit 3."""
        code, out, err = call(capsys, "validate", files["missing"], files["dir"], files["json"])
        assert code == 3
        assert err.splitlines() == [
            f"diplo-events: error: No such file or directory: '{files['missing']}'",
            f"diplo-events: error: Is a directory: '{files['dir']}'",
        ]
        assert out.startswith(f"{files['json']}: valid")

    def test_standard_input(self, files: dict[str, str]) -> None:
        """'-' reads standard input, named <stdin> in the output."""
        data = Path(files["jsonl"]).read_bytes()
        result = run("validate", "-", stdin=data)
        assert result.returncode == 0
        assert result.stdout.startswith("<stdin>: valid (1 source")


class TestInvalidInputElsewhere:
    @pytest.mark.parametrize(
        "command", [["stats"], ["query"], ["timeline"], ["export", "--to", "json", "-o", "-"]]
    )
    def test_invalid_dataset(
        self, capsys: pytest.CaptureFixture[str], files: dict[str, str], command: list[str]
    ) -> None:
        """Other commands print the first problem and how to see the rest, in one line; exit 1."""
        code, out, err = call(capsys, command[0], files["bad"], *command[1:])
        assert (code, out) == (1, "")
        assert err == (
            f"diplo-events: error: {files['bad']}: {loads_problem(files['bad'])} "
            f"(and 2 more problems: run 'diplo-events validate {files['bad']}')\n"
        )

    def test_missing_file(self) -> None:
        """A missing file is one line on standard error and exit code 3, without a traceback."""
        result = run("stats", "no/such/file.json")
        assert (result.returncode, result.stdout) == (3, "")
        assert (
            result.stderr == "diplo-events: error: No such file or directory: 'no/such/file.json'\n"
        )

    def test_folder_in_process(
        self, capsys: pytest.CaptureFixture[str], files: dict[str, str]
    ) -> None:
        """A folder given as FILE is a file error, exit 3."""
        assert call(capsys, "timeline", files["dir"]) == (
            3,
            "",
            f"diplo-events: error: Is a directory: '{files['dir']}'\n",
        )


def loads_problem(path: str) -> str:
    """The first problem of the dataset file at `path`, as the library words it."""
    try:
        load(path)
    except ValueError as exc:
        return str(exc.problems[0])  # type: ignore[attr-defined]
    raise AssertionError(path)


class TestStats:
    def test_text(self, capsys: pytest.CaptureFixture[str], files: dict[str, str]) -> None:
        """Counts by kind, status, year and actor, in aligned tables."""
        code, out, _ = call(capsys, "stats", files["json"], "--top", "2")
        assert code == 0
        lines = out.splitlines()
        assert lines[0] == f"{files['json']}: 1 source, 4 actors, 1 membership, 3 places, 5 events"
        assert "meeting         1" in lines
        assert "occurred           4" in lines
        assert lines[-3:] == [
            "ACTOR  NAME   EVENTS",
            "chn    China       3",
            "jpn    Japan       2",
        ]
        year = lines.index("YEAR  EVENTS")
        assert lines[year + 1 : year + 3] == ["2012       1", "2018       4"]

    def test_json(self, capsys: pytest.CaptureFixture[str], files: dict[str, str]) -> None:
        """--format json gives the same numbers as a JSON object; --top 0 lists every actor."""
        code, out, _ = call(capsys, "stats", files["jsonl"], "--format", "json", "--top", "0")
        assert code == 0
        stats = json.loads(out)
        assert stats["records"] == {
            "sources": 1,
            "actors": 4,
            "memberships": 1,
            "places": 3,
            "events": 5,
        }
        assert stats["by_kind"] == {
            "meeting": 1, "visit": 1, "agreement": 0, "dispute": 1, "statement": 1, "incident": 1
        }  # fmt: skip
        assert stats["by_status"]["ongoing"] == 1
        assert stats["by_year"] == {"2012": 1, "2018": 4}
        assert [a["id"] for a in stats["by_actor"]] == ["chn", "jpn", "kono-taro", "li-keqiang"]

    def test_unknown_year_first(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """An event with an open start is counted under 'unknown' and shown first in the timeline."""
        from .helpers import collections

        parts = collections()
        dispute = parts["events"][2]
        import attrs

        from diplo_events import TimeSpan

        parts["events"][2] = attrs.evolve(dispute, when=TimeSpan.parse("../2019"))
        dump(Dataset(**parts), tmp_path / "open.json")
        code, out, _ = call(capsys, "stats", str(tmp_path / "open.json"), "--format", "json")
        assert code == 0
        assert json.loads(out)["by_year"] == {"unknown": 1, "2018": 4}
        code, out, _ = call(capsys, "timeline", str(tmp_path / "open.json"))
        assert out.splitlines()[1:3] == [
            "-- start unknown --",
            "../2019                year       ongoing   dispute    The island dispute. [ev-dispute]",
        ]


class TestQuery:
    def test_table(self, files: dict[str, str]) -> None:
        """The default output is an aligned table in chronological order."""
        result = run("query", files["json"], "--actor", "jpn", "--members")
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == [
            "WHEN                   STATUS    KIND       ID            SUMMARY",
            "2012/..                ongoing   dispute    ev-dispute    The island dispute.",
            "2018-01                occurred  statement  ev-statement  Japan speaks.",
            "2018-01-27/2018-01-28  occurred  meeting    ev-meet       Kono meets Li.",
            "2018-01-27/2018-01-28  occurred  visit      ev-visit      Kono visits Beijing.",
        ]

    @pytest.mark.parametrize(
        ("flags", "ids"),
        [
            (["--kind", "visit", "--kind", "meeting"], ["ev-meet", "ev-visit"]),
            (["--status", "ongoing"], ["ev-dispute"]),
            (["--during", "2015"], ["ev-dispute"]),
            (
                ["--during", "Jan 2018", "--definitely"],
                ["ev-incident", "ev-statement", "ev-meet", "ev-visit"],
            ),
            (["--between", "jpn", "chn"], ["ev-dispute", "ev-meet", "ev-visit"]),
            (["--place", "chn-place"], ["ev-visit"]),
            (["--actor", "chn", "--actor", "jpn"], ["ev-dispute"]),
            (["--limit", "2"], ["ev-dispute", "ev-incident"]),
        ],
    )
    def test_filters(
        self,
        capsys: pytest.CaptureFixture[str],
        files: dict[str, str],
        flags: list[str],
        ids: list[str],
    ) -> None:
        """Each filter flag narrows the events; together they must all hold."""
        code, out, _ = call(capsys, "query", files["jsonl"], *flags, "--format", "csv")
        assert code == 0
        rows = list(csv.DictReader(io.StringIO(out)))
        assert [row["id"] for row in rows] == ids

    def test_topic(self, capsys: pytest.CaptureFixture[str], files: dict[str, str]) -> None:
        """--topic keeps the events with that topic (none in the helper dataset)."""
        code, out, _ = call(capsys, "query", files["json"], "--topic", "north-korea")
        assert (code, out) == (0, "WHEN  STATUS  KIND  ID  SUMMARY\n")

    def test_csv_columns(self, capsys: pytest.CaptureFixture[str], files: dict[str, str]) -> None:
        """CSV rows give dates, bounds, precision, place, actors and topics."""
        code, out, _ = call(capsys, "query", files["json"], "--kind", "visit", "--format", "csv")
        assert code == 0
        assert out.splitlines() == [
            "id,kind,status,when,earliest,latest,precision,place,actors,topics,summary",
            "ev-visit,visit,occurred,2018-01-27/2018-01-28,2018-01-27,2018-01-28,day,beijing,kono-taro;chn,,Kono visits Beijing.",
        ]

    @pytest.mark.parametrize("fmt", ["json", "jsonl"])
    def test_dataset_output(self, files: dict[str, str], fmt: str) -> None:
        """json and jsonl print a valid dataset of the matches and what they refer to."""
        result = run("query", files["json"], "--kind", "meeting", "--format", fmt)
        assert result.returncode == 0, result.stderr
        subset = loads(result.stdout, format=fmt)  # type: ignore[arg-type]
        assert list(subset.events) == ["ev-visit", "ev-meet"]  # the meeting is part of the visit
        assert subset == dataset().query().kind("meeting").to_dataset()

    def test_limit_in_dataset_output(
        self, capsys: pytest.CaptureFixture[str], files: dict[str, str]
    ) -> None:
        """--limit also cuts the events of a dataset output."""
        code, out, _ = call(capsys, "query", files["json"], "--format", "jsonl", "--limit", "1")
        assert code == 0
        assert list(loads(out).events) == ["ev-dispute"]


class TestTimeline:
    def test_timeline(self, files: dict[str, str]) -> None:
        """A heading per year, then when, precision, status, kind, summary and id, aligned."""
        result = run("timeline", files["json"])
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == [
            "WHEN                   PRECISION  STATUS    KIND       SUMMARY [ID]",
            "-- 2012 --",
            "2012/..                year       ongoing   dispute    The island dispute. [ev-dispute]",
            "-- 2018 --",
            "2018-01                month      occurred  incident   An incident. [ev-incident]",
            "2018-01                month      occurred  statement  Japan speaks. [ev-statement]",
            "2018-01-27/2018-01-28  day        occurred  meeting    Kono meets Li. [ev-meet]",
            "2018-01-27/2018-01-28  day        occurred  visit      Kono visits Beijing. [ev-visit]",
        ]

    def test_actor_and_during(
        self, capsys: pytest.CaptureFixture[str], files: dict[str, str]
    ) -> None:
        """--actor and --during narrow the timeline."""
        code, out, _ = call(
            capsys, "timeline", files["json"], "--actor", "kono-taro", "--during", "2018-01-28"
        )
        assert code == 0
        assert [line.rsplit(" ", 1)[-1] for line in out.splitlines()[2:]] == [
            "[ev-meet]",
            "[ev-visit]",
        ]

    def test_summaries_on_one_line(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A summary with line breaks is printed on one line."""
        import attrs

        from .helpers import collections

        parts = collections()
        parts["events"][3] = attrs.evolve(parts["events"][3], summary="Japan\n  speaks.")
        dump(Dataset(**parts), tmp_path / "multi.json")
        code, out, _ = call(capsys, "timeline", str(tmp_path / "multi.json"), "--actor", "jpn")
        assert code == 0
        assert "Japan speaks. [ev-statement]" in out


class TestExport:
    @pytest.mark.parametrize("fmt", ["json", "jsonl"])
    def test_dataset_formats(self, files: dict[str, str], tmp_path: Path, fmt: str) -> None:
        """json and jsonl write the dataset, which loads back equal."""
        out = tmp_path / f"out.{fmt}"
        result = run("export", files["json"], "--to", fmt, "-o", str(out))
        assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
        assert load(out) == dataset()

    def test_to_standard_output(
        self, capsys: pytest.CaptureFixture[str], files: dict[str, str]
    ) -> None:
        """-o - writes to standard output."""
        code, out, _ = call(capsys, "export", files["jsonl"], "--to", "jsonl", "-o", "-")
        assert code == 0
        assert out == Path(files["jsonl"]).read_text(encoding="utf-8")

    def test_csv(
        self, capsys: pytest.CaptureFixture[str], files: dict[str, str], tmp_path: Path
    ) -> None:
        """csv writes one row per event."""
        out = tmp_path / "events.csv"
        code, _, _ = call(capsys, "export", files["json"], "--to", "csv", "-o", str(out))
        assert code == 0
        with out.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert [r["id"] for r in rows] == list(dataset().events)

    def test_dyads(self, capsys: pytest.CaptureFixture[str], files: dict[str, str]) -> None:
        """dyads writes the dyadic table of diplo_events.interop as CSV."""
        from diplo_events.interop import DYAD_COLUMNS, dyad_records

        code, out, _ = call(capsys, "export", files["json"], "--to", "dyads", "-o", "-")
        assert code == 0
        rows = list(csv.DictReader(io.StringIO(out)))
        assert tuple(rows[0]) == DYAD_COLUMNS
        assert [r["event_id"] for r in rows] == [r["event_id"] for r in dyad_records(dataset())]

    def test_annotations(self, capsys: pytest.CaptureFixture[str], files: dict[str, str]) -> None:
        """annotations writes one Web Annotation collection, named after the input."""
        code, out, _ = call(capsys, "export", files["json"], "--to", "annotations", "-o", "-")
        assert code == 0
        collection = json.loads(out)
        assert collection["id"] == "urn:diplo-events:annotations:small"
        ds = dataset()
        records = [*ds.actors.values(), *ds.memberships, *ds.places.values(), *ds]
        assert collection["total"] == sum(len(r.evidence) for r in records) == 5

    def test_parquet(
        self, capsys: pytest.CaptureFixture[str], files: dict[str, str], tmp_path: Path
    ) -> None:
        """parquet writes the store, which imports back; it cannot go to standard output."""
        pytest.importorskip("pyarrow")
        out = tmp_path / "store"
        assert call(capsys, "export", files["jsonl"], "--to", "parquet", "-o", str(out))[0] == 0
        back = tmp_path / "back.jsonl"
        assert call(capsys, "import", "parquet", str(out), "-o", str(back)) == (
            0,
            "",
            f"diplo-events: 5 events written to {back}\n",
        )
        assert back.read_bytes() == Path(files["jsonl"]).read_bytes()
        assert call(capsys, "import", "parquet", str(out), "-o", str(back), "--quiet")[2] == ""
        code, _, err = call(capsys, "export", files["jsonl"], "--to", "parquet", "-o", "-")
        assert code == 2
        assert err.splitlines()[-1] == (
            "diplo-events export: error: argument -o/--output: parquet cannot be written to '-'"
        )

    def test_annotations_from_stdin(self, files: dict[str, str]) -> None:
        """Standard input gives the collection the name 'stdin'."""
        result = run(
            "export", "-", "--to", "annotations", "-o", "-", stdin=Path(files["json"]).read_bytes()
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["id"] == "urn:diplo-events:annotations:stdin"

    def test_unwritable_output(
        self, capsys: pytest.CaptureFixture[str], files: dict[str, str], tmp_path: Path
    ) -> None:
        """An output in a missing folder is a file error: exit 3, one line."""
        target = tmp_path / "no" / "out.json"
        code, out, err = call(capsys, "export", files["json"], "--to", "json", "-o", str(target))
        assert (code, out) == (3, "")
        assert err.startswith("diplo-events: error: No such file or directory: ")


class TestImportIcews:
    def test_import(self, tmp_path: Path) -> None:
        """Rows become events (a reciprocal visit merged); progress and a summary go to stderr."""
        source = icews_file(tmp_path / "events.tab")
        out = tmp_path / "icews.jsonl"
        result = run("import", "icews", str(source), "-o", str(out))
        assert (result.returncode, result.stdout) == (0, "")
        assert result.stderr.splitlines() == [
            "diplo-events: 4 rows read",
            (
                "diplo-events: 2 events from 4 rows (2 merged, 1 skipped, 0 altered, 0 warnings) "
                f"written to {out}"
            ),
        ]
        assert [e.kind.value for e in load(out)] == ["visit", "statement"]

    def test_verbose_and_quiet(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--verbose lists the skipped rows; --quiet prints nothing; '-' writes JSON Lines."""
        source = str(icews_file(tmp_path / "events.tab"))
        code, _, err = call(
            capsys, "import", "icews", source, "-o", str(tmp_path / "x.json"), "--verbose"
        )
        assert code == 0
        assert (
            "diplo-events: skipped line 5 (4): unknown CAMEO code (got '999')" in err.splitlines()
        )
        code, out, err = call(capsys, "import", "icews", source, "-o", "-", "--quiet")
        assert (code, err) == (0, "")
        assert len(loads(out)) == 2

    def test_not_an_icews_file(
        self, capsys: pytest.CaptureFixture[str], files: dict[str, str], tmp_path: Path
    ) -> None:
        """A file that is not ICEWS is invalid data, reported with its line."""
        code, out, err = call(
            capsys, "import", "icews", files["json"], "-o", str(tmp_path / "x.json"), "--quiet"
        )
        assert (code, out) == (1, "")
        assert err == (
            f"diplo-events: error: {files['json']}: the header has none of the 20 ICEWS columns "
            "(got '{') at line 1\n"
        )

    def test_warnings_listed(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The import's warnings are printed (an unknown country here)."""
        source = icews_file(tmp_path / "events.tab")
        source.write_text(
            source.read_text(encoding="utf-8").replace("\tChina\t100\t", "\tNarnia\t100\t", 1),
            encoding="utf-8",
        )
        code, _, err = call(
            capsys, "import", "icews", str(source), "-o", str(tmp_path / "x.json"), "--verbose"
        )
        assert code == 0
        assert any(
            line.startswith("diplo-events: warning: line 2: unknown country")
            for line in err.splitlines()
        )


class TestSchema:
    @pytest.mark.parametrize("fmt", ["json", "jsonl"])
    def test_schema(self, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
        """schema prints the library's JSON Schema."""
        code, out, _ = call(capsys, "schema", "--format", fmt)
        assert code == 0
        assert json.loads(out) == json_schema(format=fmt)


class TestClosedPipe:
    def test_reader_gone_before_output(self) -> None:
        """With the read end of the pipe already closed: exit 141, nothing on stderr."""
        read_end, write_end = os.pipe()
        os.close(read_end)
        try:
            proc = subprocess.run(
                [str(SCRIPT), "schema"],
                stdout=write_end,
                stderr=subprocess.PIPE,
                check=False,
                timeout=60,
            )
        finally:
            os.close(write_end)
        assert (proc.returncode, proc.stderr) == (141, b"")

    def test_head(self, files: dict[str, str]) -> None:
        """``| head -1`` gets the first line and the command leaves no error behind."""
        script = f"'{SCRIPT}' schema | head -1; echo \"${{PIPESTATUS[0]}}\" >&2"
        result = subprocess.run(
            ["/bin/bash", "-c", script], capture_output=True, text=True, check=False, timeout=60
        )
        assert result.stdout == "{\n"
        assert result.stderr.strip() in {"0", "141"}

    def test_in_process(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A BrokenPipeError while writing gives exit code 141 and no message."""

        class ClosedPipe(io.StringIO):
            def write(self, text: str) -> int:
                raise BrokenPipeError(32, "Broken pipe")

        monkeypatch.setattr(sys, "stdout", ClosedPipe())
        assert main(["stats", "reference"]) == 141
        assert capsys.readouterr().err == ""

    def test_real_stdout_is_pointed_at_devnull(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """After a broken pipe the standard output descriptor is replaced by os.devnull."""
        target = tmp_path / "stdout.txt"
        with target.open("w") as f:

            class Closed(io.TextIOWrapper):
                def write(self, text: str) -> int:
                    raise BrokenPipeError(32, "Broken pipe")

            saved = os.dup(f.fileno())
            fake = Closed(io.BufferedWriter(io.FileIO(f.fileno(), "w", closefd=False)))
            monkeypatch.setattr(sys, "stdout", fake)
            try:
                assert main(["stats", "reference"]) == 141
                os.write(f.fileno(), b"after")
            finally:
                os.dup2(saved, f.fileno())
                os.close(saved)
        assert target.read_text() == ""


class TestUnexpectedErrors:
    def test_interrupt(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Ctrl-C exits 130 without a traceback."""

        def interrupted(args: Any) -> int:
            raise KeyboardInterrupt

        monkeypatch.setattr(commands, "schema", interrupted)
        assert call(capsys, "schema") == (130, "", "\n")

    def test_library_error(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Any DiploEventsError is one line and exit 1; a ValidationError gives its first problem."""
        from diplo_events import DiploEventsError, ValidationError
        from diplo_events.errors import Problem

        def fails(args: Any) -> int:
            raise DiploEventsError("pyarrow is needed")

        monkeypatch.setattr(commands, "schema", fails)
        assert call(capsys, "schema") == (1, "", "diplo-events: error: pyarrow is needed\n")

        def invalid(args: Any) -> int:
            problems = [
                Problem(path="a", message="is bad", value=1),
                Problem(path="b", message="is bad", value=2),
            ]
            raise ValidationError(problems)

        monkeypatch.setattr(commands, "schema", invalid)
        assert call(capsys, "schema") == (
            1,
            "",
            "diplo-events: error: is bad (got 1) at a (and 1 more)\n",
        )

    def test_missing_dependency(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        files: dict[str, str],
        tmp_path: Path,
    ) -> None:
        """Parquet without pyarrow: the library's message and exit code 4."""
        monkeypatch.setitem(sys.modules, "pyarrow", None)
        out = str(tmp_path / "x.parquet")
        assert call(capsys, "export", files["json"], "--to", "parquet", "-o", out) == (
            4,
            "",
            (
                "diplo-events: error: pyarrow is needed for the Parquet store: "
                "pip install 'diplo-events[arrow]'\n"
            ),
        )

    def test_os_error_without_file_name(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An OSError without a file name is still one line, exit 3."""

        def fails(args: Any) -> int:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(commands, "schema", fails)
        assert call(capsys, "schema") == (3, "", "diplo-events: error: No space left on device\n")


class TestImportGdelt:
    def test_import_with_mentions(self, tmp_path: Path) -> None:
        """Events and mentions become a dataset that loads; the summary goes to stderr."""
        events = tmp_path / "events.tab"
        mentions = tmp_path / "mentions.tab"
        events.write_text(event_row() + "\n", encoding="utf-8")
        mentions.write_text(mention_row() + "\n", encoding="utf-8")
        out = tmp_path / "gdelt.json"
        result = run("import", "gdelt", str(events), "--mentions", str(mentions), "-o", str(out))
        assert (result.returncode, result.stdout) == (0, "")
        assert result.stderr.splitlines()[-1] == (
            f"diplo-events: 1 events from 2 rows (0 merged, 0 skipped, 0 altered, 0 warnings) "
            f"written to {out}"
        )
        ds = load(out)
        assert len(ds.sources) == 2

    def test_gdelt1_refused(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A GDELT 1.0 file exits 1 with a one-line message saying so."""
        events = tmp_path / "old.tab"
        events.write_text("\t".join(["1"] * 57) + "\n", encoding="utf-8")
        code, out, err = call(
            capsys, "import", "gdelt", str(events), "-o", str(tmp_path / "x.json")
        )
        assert (code, out) == (1, "")
        assert "this is a GDELT 1.0 event file" in err
        assert len(err.splitlines()) == 1

    def test_verbose_lists_rows(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--verbose prints every skipped and altered row; control characters never reach it."""
        events = tmp_path / "events.tab"
        rows = [event_row(GoldsteinScale="99"), event_row(GLOBALEVENTID="2", EventCode="999\x1b")]
        events.write_text("\n".join(rows) + "\n", encoding="utf-8")
        code, _, err = call(
            capsys, "import", "gdelt", str(events), "-o", str(tmp_path / "x.jsonl"), "--verbose"
        )
        assert code == 0
        lines = err.splitlines()
        assert "diplo-events: skipped line 2 (2): unknown CAMEO EventCode (got '999')" in lines
        assert (
            "diplo-events: altered line 1 (1001): GoldsteinScale must be from -10 to 10; dropped "
            "(got '99')"
        ) in lines
        assert "\x1b" not in err


class TestImportRendering:
    def test_progress_printed_once_per_count(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The progress printer skips a count it has already shown (the final call repeats it)."""
        from diplo_events.cli._cmd_import import progress_printer

        show = progress_printer(quiet=False)
        assert show is not None
        show(10_000)
        show(10_000)
        assert capsys.readouterr().err == "diplo-events: 10,000 rows read\n"
        assert progress_printer(quiet=True) is None

    def test_default_output(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Without --verbose: warnings and the summary, no row list."""
        events = tmp_path / "events.tab"
        rows = [event_row(GoldsteinScale="99", Actor2CountryCode="EUR", Actor2Code="EUR")]
        events.write_text("\n".join(rows) + "\n", encoding="utf-8")
        code, _, err = call(capsys, "import", "gdelt", str(events), "-o", str(tmp_path / "x.json"))
        assert code == 0
        lines = err.splitlines()
        assert lines[-2].startswith("diplo-events: warning: line 1: actor country code 'EUR'")
        assert lines[-1].startswith(
            "diplo-events: 1 events from 1 rows (0 merged, 0 skipped, 1 altered"
        )
        assert not any("altered line" in x for x in lines)

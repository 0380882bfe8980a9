"""The command line's last line of defence: no input, argument, locale or stream state
gives a traceback (issue 10, section 6), and every export is written atomically.

Streams are really closed and locales really set, in a subprocess, as a shell does.
"""

from __future__ import annotations

import io
import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from diplo_events import (
    Actor,
    Dataset,
    Evidence,
    Meeting,
    Participant,
    Source,
    TimeSpan,
    load_reference,
)
from diplo_events.cli import main
from diplo_events.cli._render import printable
from diplo_events.interop import (
    ICEWS_COLUMNS,
    POLECAT_COLUMNS,
    ImportFormatError,
    read_gdelt,
    read_icews,
    read_plover,
    read_polecat,
)
from diplo_events.serialize import dump, dumps

SCRIPT = Path(sys.executable).with_name("diplo-events")


def run_closed(args: list[str], fd: int) -> subprocess.CompletedProcess[bytes]:
    """Run the console script with file descriptor `fd` (0 or 1) closed, as ``<&-``/``>&-`` do."""
    return subprocess.run(
        [str(SCRIPT), *args],
        stdin=None if fd == 0 else subprocess.DEVNULL,
        stdout=None if fd == 1 else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(fd),
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("args", "fd"),
    [
        (["validate", "-"], 0),
        (["query", "reference"], 1),
        (["query", "reference", "--format", "csv"], 1),
        (["export", "reference", "--to", "jsonl", "-o", "-"], 1),
        (["export", "reference", "--to", "csv", "-o", "-"], 1),
        (["schema"], 1),
    ],
)
def test_closed_standard_stream(args: list[str], fd: int) -> None:
    """A closed stream is a file error (exit 3) named in one line, never a traceback."""
    out = run_closed(args, fd)
    err = out.stderr.decode()
    assert out.returncode == 3
    assert "Traceback" not in err
    name = "<stdin>" if fd == 0 else "<stdout>"
    assert err == f"diplo-events: error: Bad file descriptor: {name!r}\n"


def test_closed_standard_error_still_exits_with_the_code() -> None:
    """With standard error closed too, a failing command exits non-zero in silence."""
    out = subprocess.run(
        [str(SCRIPT), "validate", "missing.json"],
        stdout=subprocess.DEVNULL,
        stderr=None,
        preexec_fn=lambda: os.close(2),
        check=False,
        timeout=120,
    )
    assert out.returncode == 3


def _latin1_env() -> dict[str, str]:
    return {**os.environ, "PYTHONIOENCODING": "latin-1", "PYTHONUTF8": "0", "LC_ALL": "C"}


def test_text_for_people_in_a_non_utf8_locale() -> None:
    """A table in a Latin-1 terminal escapes what it cannot show instead of crashing."""
    out = subprocess.run(
        [str(SCRIPT), "query", "reference", "--actor", "taro-kono", "--kind", "meeting"],
        capture_output=True,
        env=_latin1_env(),
        check=False,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert b"kono-wang-meeting" in out.stdout


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_data_is_utf8_whatever_the_locale(fmt: str) -> None:
    """JSON, JSON Lines and CSV on standard output are UTF-8 bytes even in a Latin-1 locale."""
    out = subprocess.run(
        [str(SCRIPT), "query", "reference", "--format", fmt],
        capture_output=True,
        env=_latin1_env(),
        check=False,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode("utf-8")  # raises if it were Latin-1 or escaped
    if fmt != "csv":
        assert "釣魚島" in text or "尖閣" in text or "Diaoyu" in text
    if fmt == "json":
        assert json.loads(text)["format"] == "diplo-events"


def test_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    """A file name with bytes that are not UTF-8 is read, and named in messages escaped."""
    name = os.fsencode(tmp_path) + b"/caf\xe9.jsonl"
    Path(os.fsdecode(name)).write_text(dumps(load_reference(), format="jsonl"))
    out = subprocess.run(
        [os.fsencode(SCRIPT), b"validate", name],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    shown = os.fsencode(tmp_path) + b"/caf\\udce9.jsonl: valid ("
    assert out.stdout.startswith(shown)
    missing = os.fsencode(tmp_path) + b"/gon\xe9.json"
    out = subprocess.run(
        [os.fsencode(SCRIPT), b"stats", missing],
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert out.returncode == 3
    assert b"Traceback" not in out.stderr
    assert b"gon\\udce9.json" in out.stderr


def _hostile_dataset() -> Dataset:
    """A valid dataset whose text fields hold ANSI escapes and a bidi override."""
    text = "Kono met Wang. \x1b[2J\x1b[31mRED\x1b[0m"
    return Dataset(
        sources=[Source(id="s", title="T", text=text)],
        actors=[
            Actor(id="kono", name="Taro \x1b[5mKono", kind="person"),
            Actor(id="wang", name="Wang Yi", kind="person"),
        ],
        events=[
            Meeting(
                id="ansi-meeting",
                summary="Kono meets Wang \x1b[2J\x1b]0;owned\x07 \u202eevil",
                participants=[
                    Participant(actor="kono", role="participant"),
                    Participant(actor="wang", role="participant"),
                ],
                when=TimeSpan.parse("2018-01"),
                status="occurred",
                format="bilateral",
                evidence=[Evidence(source="s", start=0, end=14, quote="Kono met Wang.")],
            )
        ],
    )


def test_printable_escapes_controls() -> None:
    assert printable("a\x1b[31mb\x07c\u202ed\x85e\u2028f") == (
        "a\\x1b[31mb\\x07c\\u202ed\\x85e\\u2028f"
    )
    assert printable("東京 — Ōsaka 🙂\u200d") == "東京 — Ōsaka 🙂\u200d"


@pytest.mark.parametrize("command", ["query", "timeline", "stats", "validate"])
def test_table_output_neutralises_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """Data holding ANSI escapes or bidi overrides cannot drive the terminal."""
    ds = _hostile_dataset()
    path = tmp_path / "hostile\x1b[1m.jsonl"
    dump(ds, path)
    code = main([command, str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "\x07" not in out
    if command in {"query", "timeline"}:
        assert "Kono meets Wang \\x1b[2J\\x1b]0;owned\\x07 \\u202eevil" in out


def test_internal_errors_are_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug (an unexpected exception) is said in one line with exit 70, not a traceback."""
    from diplo_events.cli import _commands

    def broken(args: object) -> int:
        raise TypeError("a bug")

    monkeypatch.setattr(_commands, "stats", broken)
    monkeypatch.delenv("DIPLO_EVENTS_DEBUG", raising=False)
    code = main(["stats", "reference"])
    err = capsys.readouterr().err
    assert code == 70
    assert err.startswith("diplo-events: error: internal error (TypeError: a bug)")
    assert err.count("\n") == 1
    monkeypatch.setenv("DIPLO_EVENTS_DEBUG", "1")
    with pytest.raises(TypeError, match="a bug"):
        main(["stats", "reference"])


@pytest.mark.parametrize(
    "during", ["Jan 2018 UTC", "Jan 2018 EST", "2018 +05:00 T", "\x00", "1e400", "٢٠١٨"]
)
def test_garbage_during(capsys: pytest.CaptureFixture[str], during: str) -> None:
    """Whatever dateutil makes of it, a bad --during is a usage error naming the flag."""
    code = main(["query", "reference", "--during", during])
    err = capsys.readouterr().err
    assert code == 2
    assert "error: argument --during:" in err


def _fsize_limit() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.parametrize("fmt", ["csv", "dyads", "annotations", "jsonl"])
def test_every_export_is_atomic(tmp_path: Path, fmt: str) -> None:
    """An export that fails midway (a 4 KiB file-size limit, as a full disk) keeps the old file."""
    target = tmp_path / "out.dat"
    target.write_bytes(b"old\n")
    out = subprocess.run(
        [str(SCRIPT), "export", "reference", "--to", fmt, "-o", str(target)],
        capture_output=True,
        text=True,
        preexec_fn=_fsize_limit,
        check=False,
        timeout=120,
    )
    assert out.returncode == 3
    assert out.stderr == f"diplo-events: error: File too large: {str(target)!r}\n"
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.dat"]


def test_unbuffered_output_to_a_closed_pipe() -> None:
    """Under PYTHONUNBUFFERED a raw stdout may write part of a chunk; the rest is never lost
    silently: a reader that goes away gives exit 141, and a full read gets every byte.
    """
    command = [str(SCRIPT), "query", "reference", "--format", "json"]
    unbuffered = {**os.environ, "PYTHONUNBUFFERED": "1"}
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    full = subprocess.run(command, capture_output=True, env=unbuffered, check=True, timeout=120)
    plain = subprocess.run(command, capture_output=True, env=buffered, check=True, timeout=120)
    assert full.stdout == plain.stdout
    assert len(full.stdout) > 65536  # more than a pipe holds: the writer blocks, then fails
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=unbuffered
    ) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        proc.stdout.read(10)
        proc.stdout.close()
        proc.wait(timeout=120)
        assert b"Traceback" not in proc.stderr.read()
    assert proc.returncode == 141


def test_main_puts_back_the_streams_it_wraps(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """In process, a raw (unbuffered) stdout is wrapped while main runs, then put back, open."""
    target = tmp_path / "out.txt"
    with target.open("wb") as f:
        raw = io.FileIO(f.fileno(), "w", closefd=False)
        unbuffered = io.TextIOWrapper(raw, encoding="utf-8", write_through=True)
        monkeypatch.setattr(sys, "stdout", unbuffered)
        assert main(["query", "reference", "--format", "jsonl"]) == 0
        assert sys.stdout is unbuffered
        assert not raw.closed
        unbuffered.write("after\n")
    text = target.read_text(encoding="utf-8")
    assert text.startswith('{"format":"diplo-events"')
    assert text.endswith("\nafter\n")


def test_export_refuses_a_name_that_says_the_other_dataset_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--to jsonl -o out.json would write a file that does not load as its name says: exit 2."""
    out = tmp_path / "out.json"
    assert main(["export", "reference", "--to", "jsonl", "-o", str(out)]) == 2
    assert "a jsonl file must not end in .json" in capsys.readouterr().err
    assert not out.exists()
    assert main(["export", "reference", "--to", "json", "-o", str(out)]) == 0
    assert main(["validate", str(out)]) == 0


def test_an_import_that_reads_no_row_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file of another format given to `import plover`: the library's error, exit 1, nothing written."""
    not_plover = tmp_path / "ref.json"
    dump(load_reference(), not_plover)
    rows = sum(1 for line in not_plover.read_text(encoding="utf-8").splitlines() if line.strip())
    out = tmp_path / "out.jsonl"
    assert main(["import", "plover", str(not_plover), "-o", str(out), "--quiet"]) == 1
    assert capsys.readouterr().err == (
        f"diplo-events: error: {not_plover}: not a PLOVER file: none of its {rows:,} rows could "
        "be read as PLOVER; the first: is not valid JSON (Expecting property name enclosed in "
        "double quotes) (got '{') at line 1\n"
    )
    assert not out.exists()


@pytest.mark.parametrize("system", ["icews", "gdelt", "polecat", "plover"])
def test_an_import_of_rows_of_another_shape_fails_for_every_system(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], system: str
) -> None:
    """The message is the library's ImportFormatError, naming the file: exit 1, nothing written."""
    source = tmp_path / "rows.txt"
    header = {"icews": ICEWS_COLUMNS, "polecat": POLECAT_COLUMNS}.get(system)
    lines = (["\t".join(header)] if header else []) + ["a\tb", "c\td"]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    read: dict[str, Callable[[Path], object]] = {
        "icews": read_icews,
        "gdelt": read_gdelt,
        "polecat": read_polecat,
        "plover": read_plover,
    }
    with pytest.raises(ImportFormatError) as exc:
        read[system](source)
    out = tmp_path / "out.jsonl"
    assert main(["import", system, str(source), "-o", str(out), "--quiet"]) == 1
    assert capsys.readouterr().err == f"diplo-events: error: {exc.value}\n"
    assert str(exc.value).startswith(f"{source}: not a")
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (["coverage", "reference", "--source", "nope"], "--source"),
        (["reanchor", "reference", "nope", "TEXT", "-o", "OUT.json"], "SOURCE"),
    ],
)
def test_unknown_source_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], flag: str
) -> None:
    text = tmp_path / "new.txt"
    text.write_text("new text")
    args = [str(text) if a == "TEXT" else str(tmp_path / a) if a == "OUT.json" else a for a in args]
    assert main(args) == 2
    assert (
        f"error: argument {flag}: refers to an unknown source (got 'nope'"
        in capsys.readouterr().err
    )


def test_anchor_names_the_draft_that_does_not_decode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.jsonl"
    draft.write_text('{"format":"diplo-events","version":1}\n{"type": "source", "id": "s", "ti')
    assert main(["anchor", str(draft), "-o", str(tmp_path / "out.json")]) == 1
    assert capsys.readouterr().err.startswith(f"diplo-events: error: {draft}: ")


def test_import_into_a_missing_folder_fails_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The output folder is checked first: exit 3 at once, naming the output, nothing read."""
    out = tmp_path / "missing" / "x.jsonl"
    assert main(["import", "icews", str(tmp_path / "not-read.tab"), "-o", str(out)]) == 3
    assert capsys.readouterr().err == (
        f"diplo-events: error: No such file or directory: {str(out)!r}\n"
    )


def test_report_needs_an_html_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "reference", "-o", str(tmp_path / "r.txt")]) == 2
    assert "must end in .html" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_unterminated_string_message_reads_right(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "diplo-events", "version": 1, "sources": [{"id": "s", "title": "T')
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "Unterminated string starting at line 1 column 75" in out
    assert "at at" not in out

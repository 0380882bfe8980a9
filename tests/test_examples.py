"""Every script in examples/ runs on its own and prints what it promises."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import diplo_events as de

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(name: str, tmp_path: Path) -> str:
    """Run an example in a fresh folder, as a user would, and return its output."""
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / name)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


@pytest.fixture(scope="module")
def ds() -> de.Dataset:
    return de.load_reference()


class TestExamples:
    def test_all_examples_are_tested(self) -> None:
        """Each example in the folder has a test here."""
        tested = {name[5:] for name in dir(self) if name.startswith("test_0")}
        assert {p.stem for p in EXAMPLES.glob("*.py")} == tested

    def test_01_quick_start(self, ds: de.Dataset, tmp_path: Path) -> None:
        """Counts by kind and status, then Kono's three meetings in Beijing."""
        out = run("01_quick_start.py", tmp_path)
        assert out.startswith(f"{ds!r}\n\nEvents by kind:\n")
        for kind, n in Counter(e.kind.value for e in ds).items():
            assert f"  {kind:<10} {n:>3}\n" in out
        for status, n in Counter(e.status.value for e in ds).items():
            assert f"  {status:<12} {n:>3}\n" in out
        assert out.endswith(
            "Taro Kono's meetings:\n"
            "  2018-01  with Li Keqiang   Kono meets Premier Li Keqiang in Beijing.\n"
            "  2018-01  with Wang Yi      Foreign Minister Wang Yi hosts Kono at the Diaoyutai"
            " State Guesthouse.\n"
            "  2018-01  with Yang Jiechi  Kono meets State Councilor Yang Jiechi in Beijing.\n"
        )

    def test_02_timeline(self, ds: de.Dataset, tmp_path: Path) -> None:
        """The China-Japan timeline, one aligned line per event, and the precision counts."""
        out = run("02_timeline.py", tmp_path)
        entries = ds.timeline("chn", "jpn")
        assert out.startswith(f"China-Japan: {len(entries)} events\n\n")
        assert [str(e) for e in entries] == out.split("\n\n")[1].splitlines()
        assert (
            "2018-01-27/2018-01-28   occurred     day   visit     Japanese Foreign Minister"
            " Taro Kono visits Beijing to improve relations with China.\n"
        ) in out
        assert "2012/..                 cancelled    year  meeting" in out
        assert out.splitlines()[-1].startswith("Date precision: {")

    def test_03_disputes(self, tmp_path: Path) -> None:
        """The active disputes at 9 February 2018, with their incidents."""
        out = run("03_disputes.py", tmp_path)
        assert out.startswith(
            "Published 2018-02-09: Sino-Japanese Ties and the Political Thaw in Northeast Asia\n"
        )
        assert (
            "diaoyu-senkaku-dispute (/2018-02-09): ownership of the Diaoyu/Senkaku islands\n" in out
        )
        assert (
            "    /2018-02-09  occurred  A Chinese nuclear submarine navigates into maritime"
            " territory contested by China and Japan.\n"
        ) in out

    def test_04_what_next(self, tmp_path: Path) -> None:
        """Planned, expected, proposed and hypothetical events from the publication day on."""
        out = run("04_what_next.py", tmp_path)
        headings = [line for line in out.splitlines() if not line.startswith(" ")]
        assert [h.split(" ")[0] for h in headings] == [
            "planned",
            "expected",
            "proposed",
            "hypothetical",
        ]
        assert "    visit    2018-02-09/..   Li Keqiang, Japan\n" in out
        assert "Premier Li Keqiang is expected to visit Tokyo" in out

    def test_05_who_met_whom(self, ds: de.Dataset, tmp_path: Path) -> None:
        """Dyad counts, China-Japan per month, and the meeting network."""
        out = run("05_who_met_whom.py", tmp_path)
        top = max(ds.dyad_counts(), key=lambda d: d.total)
        assert out.startswith(
            "Most frequent pairs (all kinds of events):\n"
            f"  {top.a:>5} - {top.b:<6} {top.total:>3}\n"
        )
        assert "China-Japan events per month:\n  2017-11  5\n  2018-01  7\n" in out
        network = ds.meeting_network()
        assert f"Meeting network: {len(network.nodes)} nodes, {len(network.edges)} edges\n" in out
        assert "    CHN - JPN    met 10 times\n" in out
        assert "    CHN - apec   met once\n" in out

    def test_06_evidence(self, ds: de.Dataset, tmp_path: Path) -> None:
        """Every event with all its quotes, then the memberships with theirs."""
        out = run("06_evidence.py", tmp_path)
        spans = sum(len(e.evidence) for e in ds)
        assert out.endswith(f"\n{spans} evidence quotes for {len(ds)} events.\n")
        assert (
            "kono-wang-meeting [meeting, occurred, 2018-01]\n"
            "    \u201cKono was hosted at the Diaoyutai State Guesthouse by the Chinese Foreign"
            " Minister Wang Yi\u201d\n"
        ) in out
        assert out.count("\n    \u201c") == spans
        assert "Memberships:\n  Taro Kono, " in out

    def test_07_encode_your_own(self, tmp_path: Path) -> None:
        """The misquote is rejected with its path; the dataset saves and loads back equal."""
        out = run("07_encode_your_own.py", tmp_path)
        assert out == (
            "Rejected: does not match the source text at 0:6, which reads 'LISBON' (got 'LISBOA')"
            " at events['reyes-benali-meeting'].evidence[0].quote\n"
            "Valid: <Dataset: 1 sources, 4 actors, 2 memberships, 4 places, 3 events>\n"
            "Saved 15 lines to portugal-morocco.jsonl\n"
            "Loaded back equal: True\n"
            "At Portugal: 2024-03-03 The foreign ministers of Portugal and Morocco meet in Lisbon.\n"
            "Proposed: 2024-03-03/2024 Reyes is invited to visit Rabat later in the year.\n"
        )
        assert list(tmp_path.iterdir()) == []  # it wrote only to a temporary folder

    def test_08_grow_a_corpus(self, ds: de.Dataset, tmp_path: Path) -> None:
        """The invented draft anchors, merges with the reference (combined), diffs, and coverage."""
        out = run("08_grow_a_corpus.py", tmp_path)
        assert out.startswith(
            "Anchored the invented paragraph: <Dataset: 1 sources, 2 actors, 0 memberships,"
            " 2 places, 4 events>\n"
            "  maritime-talks-tokyo      37:124 'On 12 March 2018 officials of Japan and China met"
            " in Tokyo for talks on maritime safety'\n"
        )
        merged = (
            f"Merged: <Dataset: 2 sources, {len(ds.actors)} actors, {len(ds.memberships)}"
            f" memberships, {len(ds.places)} places, {len(ds) + 4} events>\n"
            "  4 values combined, 0 records identical\n"
        )
        assert merged in out
        assert (
            "From the reference dataset to the merged one:\n"
            "  sources      +1 added, 0 values changed\n"
            "  actors       +0 added, 2 values changed\n"
            "  places       +0 added, 2 values changed\n"
            "  events       +4 added, 0 values changed\n"
            "    changed: actors['chn'].evidence\n"
        ) in out
        reference = de.coverage(ds, "lim-2018-sino-japanese-ties")
        covered = len(reference.sentences) - len(reference.uncovered)
        assert out.endswith(
            "Coverage:\n"
            f"  lim-2018-sino-japanese-ties: {reference.share:.0%} of the text quoted,"
            f" {covered} of {len(reference.sentences)} sentences covered\n"
            "    not covered (0%): 'Sino-Japanese Ties and the Political Thaw in Northeast Asia'\n"
            "    not covered (0%): 'Photo Credit: Kyodo News'\n"
            "  invented-maritime-talks: 83% of the text quoted, 3 of 4 sentences covered\n"
            "    not covered (0%): 'INVENTED EXAMPLE, NOT A REAL REPORT.'\n"
        )
        assert list(tmp_path.iterdir()) == []  # it writes nothing

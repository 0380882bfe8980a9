"""Merging and diffing datasets: `diplo_events.merge`, `diff` and the ``merge``/``diff`` commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest

import diplo_events as de
from diplo_events import Actor, Dataset, Evidence, Meeting, Membership, Statement, ValidationError
from diplo_events.cli import main
from diplo_events.corpus import Conflict, FieldChange, MergeReport
from diplo_events.serialize import dump, load

from .helpers import TEXT, collections, dataset, quote
from .test_docs import blocks, run_python

ROOT = Path(__file__).resolve().parent.parent


def edited(**changes: Any) -> Dataset:
    """The helper dataset with some records replaced (by id) or collections swapped."""
    cols = collections()
    for name, value in changes.items():
        cols[name] = value
    return Dataset(**cols)


def with_actor(actor: Actor) -> Dataset:
    """The helper dataset with `actor` in place of the actor with its id."""
    cols = collections()
    cols["actors"] = [actor if a.id == actor.id else a for a in cols["actors"]]
    return Dataset(**cols)


JPN = dataset().actors["jpn"]
KONO = dataset().actors["kono-taro"]


class TestDiff:
    def test_equal(self) -> None:
        """Equal datasets have an empty (false) diff."""
        d = de.diff(dataset(), dataset())
        assert not d
        assert d.changes == ()
        assert not d.events

    def test_field_changes(self) -> None:
        """A changed value is reported with its path and both values; nested records by index."""
        new_kono = attrs.evolve(KONO, aliases=("Kono",), evidence=[quote("Kono met")])
        d = de.diff(dataset(), with_actor(new_kono))
        assert d.changes == (
            FieldChange(path="actors['kono-taro'].aliases", old=(), new=("Kono",)),
            FieldChange(
                path="actors['kono-taro'].evidence[0].start",
                old=KONO.evidence[0].start,
                new=TEXT.index("Kono met"),
            ),
            FieldChange(
                path="actors['kono-taro'].evidence[0].end",
                old=KONO.evidence[0].end,
                new=TEXT.index("Kono met") + len("Kono met"),
            ),
            FieldChange(
                path="actors['kono-taro'].evidence[0].quote", old="Taro Kono", new="Kono met"
            ),
        )
        assert d.actors.changed == d.changes
        assert bool(d)

    def test_added_removed(self) -> None:
        """Records only in one dataset are added or removed, per collection."""
        old = dataset()
        cols = collections()
        statement = cols["events"].pop(3)
        new = Dataset(**cols)
        assert de.diff(old, new).events.removed == (statement,)
        assert de.diff(new, old).events.added == (statement,)
        assert de.diff(new, old).changes == ()

    def test_kind_changed(self) -> None:
        """An event whose kind changed is one change of the whole record."""
        old = dataset()
        statement = old.events["ev-statement"]
        assert isinstance(statement, Statement)
        fields = {f.name: getattr(statement, f.name) for f in attrs.fields(Statement)}
        fields.pop("stance")
        incident = de.Incident(category="protest", **fields)
        cols = collections()
        cols["events"][3] = incident
        d = de.diff(old, Dataset(**cols))
        assert d.changes == (
            FieldChange(path="events['ev-statement']", old=statement, new=incident),
        )

    def test_memberships_by_key(self) -> None:
        """Memberships match by person, organization, title and span; evidence changes are changes."""
        m = collections()["memberships"][0]
        renamed = attrs.evolve(m, title="Minister for Foreign Affairs")
        noted = attrs.evolve(m, note="From the byline.")
        d = de.diff(dataset(), edited(memberships=[renamed]))
        assert (d.memberships.added, d.memberships.removed) == ((renamed,), (m,))
        d = de.diff(dataset(), edited(memberships=[noted]))
        assert d.changes == (
            FieldChange(path="memberships[0].note", old=None, new="From the byline."),
        )

    def test_order_ignored(self) -> None:
        """Datasets with the same records in another order have an empty diff."""
        cols = collections()
        cols["events"] = cols["events"][::-1][2:] + cols["events"][::-1][:2]
        reordered = Dataset(**cols)
        assert reordered != dataset()
        assert not de.diff(dataset(), reordered)

    def test_not_a_dataset(self) -> None:
        """Anything but a Dataset is rejected with its position."""
        with pytest.raises(ValidationError) as info:
            de.diff(dataset(), {})  # type: ignore[arg-type]
        assert str(info.value) == "must be a Dataset (got 'dict') at datasets[1]"


class TestDiffText:
    def test_no_differences(self) -> None:
        """Equal datasets: one line saying so, and no lines to list."""
        d = de.diff(dataset(), dataset())
        assert (str(d), d.lines()) == ("no differences", [])

    def test_by_collection_with_counts(self) -> None:
        """A count line, then each collection that differs with its counts and its lines."""
        cols = collections()
        cols["actors"] = [attrs.evolve(JPN, name="Nippon"), *cols["actors"][1:]]
        cols["events"] = cols["events"][:-1]
        d = de.diff(dataset(), Dataset(**cols))
        assert str(d) == (
            "2 records differ: 0 added, 1 removed, 1 changed (1 value)\n"
            "actors: 1 changed (1 value)\n"
            '  ~ actors[\'jpn\'].name: "Japan" -> "Nippon"\n'
            "events: 1 removed\n"
            "  - events['ev-incident']"
        )
        assert d.lines() == [
            '~ actors[\'jpn\'].name: "Japan" -> "Nippon"',
            "- events['ev-incident']",
        ]

    def test_values_of_one_record_count_once(self) -> None:
        """Four values changed in one actor: 1 record changed (4 values)."""
        new_kono = attrs.evolve(KONO, aliases=("Kono",), evidence=[quote("Kono met")])
        d = de.diff(dataset(), with_actor(new_kono))
        start, end = TEXT.index("Kono met"), TEXT.index("Kono met") + len("Kono met")
        assert str(d).splitlines() == [
            "1 record differs: 0 added, 0 removed, 1 changed (4 values)",
            "actors: 1 changed (4 values)",
            "  ~ actors['kono-taro'].aliases: [] -> [\"Kono\"]",
            f"  ~ actors['kono-taro'].evidence[0].start: {KONO.evidence[0].start} -> {start}",
            f"  ~ actors['kono-taro'].evidence[0].end: {KONO.evidence[0].end} -> {end}",
            '  ~ actors[\'kono-taro\'].evidence[0].quote: "Taro Kono" -> "Kono met"',
        ]
        assert d.actors.changed_records == 1

    def test_compact_when_large(self) -> None:
        """At most 5 lines of each group, the rest counted; long values cut to 60 characters."""
        cols = collections()
        cols["memberships"] = [attrs.evolve(cols["memberships"][0], title="Minister")]
        statement = cols["events"][3]
        fields = {f.name: getattr(statement, f.name) for f in attrs.fields(Statement)}
        fields.pop("stance")
        cols["events"][3] = de.Incident(category="protest", **fields)
        extra = [attrs.evolve(cols["events"][0], id=f"ev-extra-{i:02}") for i in range(12)]
        d = de.diff(dataset(), Dataset(**{**cols, "events": cols["events"] + extra}))
        assert str(d).splitlines() == [
            "15 records differ: 13 added, 1 removed, 1 changed (1 value)",
            "memberships: 1 added, 1 removed",
            "  + memberships (kono-taro in jpn, Minister, 2018-01)",
            "  - memberships (kono-taro in jpn, Foreign Minister, 2018-01)",
            "events: 12 added, 1 changed (1 value)",
            "  + events['ev-extra-00']",
            "  + events['ev-extra-01']",
            "  + events['ev-extra-02']",
            "  + events['ev-extra-03']",
            "  + events['ev-extra-04']",
            "  ... and 7 more added",
            (
                "  ~ events['ev-statement']: "
                '{"kind":"statement","id":"ev-statement","summary":"Japan ... -> '
                '{"kind":"incident","id":"ev-statement","summary":"Japan s...'
            ),
        ]
        lines = d.lines()
        assert len(lines) == 15
        assert lines[-1].startswith('~ events[\'ev-statement\']: {"kind":"statement",')
        assert len(lines[-1]) > 200  # lines() cuts nothing

    def test_field_change_str(self) -> None:
        """A FieldChange reads PATH: OLD -> NEW, values as compact JSON (spans as EDTF)."""
        change = FieldChange(
            path="events['ev-1'].when", old=de.TimeSpan.parse("2018-01"), new=("a", None)
        )
        assert str(change) == 'events[\'ev-1\'].when: "2018-01" -> ["a",null]'


class TestMerge:
    def test_self(self) -> None:
        """Merging a dataset with itself gives the dataset; every record is counted identical."""
        ds = dataset()
        merged, report = de.merge_with_report(ds, ds)
        assert merged == ds
        assert report == MergeReport(conflicts=(), identical=14)

    def test_disjoint(self) -> None:
        """Records of both datasets are kept, first dataset's first."""
        cols = collections()
        first = Dataset(**{**cols, "events": cols["events"][:2]})
        second = Dataset(**{**cols, "events": [cols["events"][0], *cols["events"][2:]]})
        assert de.merge(first, second) == dataset()
        assert de.merge() == Dataset()

    def test_error_lists_every_conflict(self) -> None:
        """on_conflict='error' raises one error listing each conflicting value with both values."""
        other = with_actor(attrs.evolve(JPN, name="Nippon", country=None))
        with pytest.raises(ValidationError) as info:
            de.merge(dataset(), other)
        assert [str(p) for p in info.value.problems] == [
            (
                "conflicts with datasets[0], where it is 'Japan' (got 'Nippon') "
                "at datasets[1].actors['jpn'].name"
            ),
            (
                "conflicts with datasets[0], where it is 'JPN' (got None) "
                "at datasets[1].actors['jpn'].country"
            ),
        ]

    @pytest.mark.parametrize(("mode", "kept"), [("first", "Japan"), ("last", "Nippon")])
    def test_first_last(self, mode: de.corpus.OnConflict, kept: str) -> None:
        """'first' and 'last' keep one record, and report the conflict."""
        other = with_actor(attrs.evolve(JPN, name="Nippon"))
        merged, report = de.merge_with_report(dataset(), other, on_conflict=mode)
        assert merged.actors["jpn"].name == kept
        assert report.conflicts == (
            Conflict(
                path="actors['jpn'].name",
                first="Japan",
                second="Nippon",
                datasets=(0, 1),
                resolution=mode,
            ),
        )

    def test_combine(self) -> None:
        """'combine' unions tuple fields, fills in left-out optional values, and reports both."""
        span = quote("Japanese")
        other = with_actor(
            attrs.evolve(JPN, aliases=("Nippon",), evidence=[span], note="Background.")
        )
        merged, report = de.merge_with_report(dataset(), other, dataset(), on_conflict="combine")
        assert merged.actors["jpn"] == attrs.evolve(
            JPN, aliases=("Nippon",), evidence=(span,), note="Background."
        )
        assert [(c.path, c.resolution, c.datasets) for c in report.conflicts] == [
            ("actors['jpn'].aliases", "combined", (0, 1)),
            ("actors['jpn'].note", "combined", (0, 1)),
            ("actors['jpn'].evidence", "combined", (0, 1)),
        ]
        assert report.identical == 13 + 13

    def test_combine_disagreement(self) -> None:
        """'combine' reports single-valued fields that disagree, and unions that are invalid."""
        other = with_actor(attrs.evolve(JPN, name="Nippon", identifiers={"wikidata": "Q18"}))
        with pytest.raises(ValidationError) as info:
            de.merge(dataset(), other, on_conflict="combine")
        assert [str(p) for p in info.value.problems] == [
            "scheme is repeated (got 'wikidata') at datasets[1].actors['jpn'].identifiers[1]",
        ]
        other = with_actor(attrs.evolve(JPN, name="Nippon"))
        with pytest.raises(ValidationError) as info:
            de.merge(dataset(), other, on_conflict="combine")
        assert str(info.value) == (
            "cannot be combined: it must equal datasets[0], where it is 'Japan' (got 'Nippon') "
            "at datasets[1].actors['jpn'].name"
        )

    def test_combine_kinds(self) -> None:
        """Events of different kinds with one id cannot be combined."""
        meeting = dataset().events["ev-meet"]
        assert isinstance(meeting, Meeting)
        fields = {f.name: getattr(meeting, f.name) for f in attrs.fields(de.Event)}
        fields.pop("part_of")
        fields["participants"] = [de.Participant(actor="kono-taro", role="speaker")]
        statement = Statement(stance="cooperative", **fields)
        cols = collections()
        first = Dataset(**{**cols, "events": [cols["events"][0], meeting]})
        second = Dataset(**{**cols, "events": [cols["events"][0], statement]})
        with pytest.raises(ValidationError) as info:
            de.merge(first, second, on_conflict="combine")
        assert info.value.path == "datasets[1].events['ev-meet']"

    def test_memberships(self) -> None:
        """Memberships with the same key combine their evidence; others are both kept."""
        m = collections()["memberships"][0]
        more = attrs.evolve(m, evidence=[quote("Taro Kono")])
        other_title = attrs.evolve(m, title="Minister")
        merged = de.merge(dataset(), edited(memberships=[more, other_title]), on_conflict="combine")
        assert merged.memberships == (
            attrs.evolve(m, evidence=(*m.evidence, *more.evidence)),
            other_title,
        )

    def test_merged_must_be_valid(self) -> None:
        """A merge whose result breaks a cross-record rule raises that rule's error."""
        person = attrs.evolve(JPN, kind="person")
        with pytest.raises(ValidationError) as info:
            de.merge(dataset(), with_actor(person), on_conflict="last")
        assert "memberships[0].organization" in {p.path for p in info.value.problems}

    def test_bad_arguments(self) -> None:
        """A bad on_conflict or a non-dataset is rejected with its name."""
        with pytest.raises(ValidationError) as info:
            de.merge(dataset(), on_conflict="newest")  # type: ignore[arg-type]
        assert str(info.value) == (
            "must be one of 'error', 'first', 'last', 'combine' (got 'newest') at on_conflict"
        )
        with pytest.raises(ValidationError, match=r"at datasets\[0\]"):
            de.merge([])  # type: ignore[arg-type]


def tutorial_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Dataset:
    """The dataset docs/tutorial.md builds, by running its code blocks."""
    page = ROOT / "docs" / "tutorial.md"
    found = [b for b in blocks(page.read_text(encoding="utf-8")) if b.info == "python"]
    monkeypatch.chdir(tmp_path)
    namespace = run_python(page, found)
    ds = namespace["ds"]
    assert isinstance(ds, Dataset)
    return ds


class TestReferenceAndTutorial:
    def test_combine(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """The reference and the tutorial both have `jpn`; 'combine' joins them, 'error' refuses."""
        reference = de.load_reference()
        tutorial = tutorial_dataset(tmp_path, monkeypatch)
        with pytest.raises(ValidationError) as info:
            de.merge(reference, tutorial)
        assert "datasets[1].actors['jpn'].note" in {p.path for p in info.value.problems}
        merged, report = de.merge_with_report(reference, tutorial, on_conflict="combine")
        # The tutorial's jpn has no note, evidence or identifiers: the reference's are kept.
        assert merged.actors["jpn"] == reference.actors["jpn"]
        assert report.conflicts == ()
        tutorial_first = de.merge(tutorial, reference, on_conflict="combine")
        assert tutorial_first.actors["jpn"] == reference.actors["jpn"]
        assert len(merged.events) == len(reference.events) + len(tutorial.events)
        assert set(merged.sources) == set(reference.sources) | set(tutorial.sources)
        d = de.diff(reference, merged)
        assert {getattr(e, "id", None) for e in d.events.added} == set(tutorial.events)
        assert d.events.removed == ()


class TestCommands:
    @pytest.fixture
    def changed(self, tmp_path: Path) -> Path:
        """The helper dataset with jpn renamed and one event left out, as JSON Lines."""
        cols = collections()
        cols["actors"] = [attrs.evolve(JPN, name="Nippon"), *cols["actors"][1:]]
        cols["events"] = cols["events"][:-1]
        path = tmp_path / "changed.jsonl"
        dump(Dataset(**cols), path)
        dump(dataset(), tmp_path / "base.json")
        return path

    def test_diff(self, changed: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """diff prints one line per difference and exits 1; 0 for equal datasets."""
        base = str(changed.with_name("base.json"))
        assert main(["diff", base, str(changed)]) == 1
        assert capsys.readouterr().out == (
            "~ actors['jpn'].name: \"Japan\" -> \"Nippon\"\n- events['ev-incident']\n"
        )
        assert main(["diff", str(changed), base]) == 1
        assert capsys.readouterr().out == (
            "~ actors['jpn'].name: \"Nippon\" -> \"Japan\"\n+ events['ev-incident']\n"
        )
        assert main(["diff", base, base]) == 0
        assert capsys.readouterr().out == ""

    def test_diff_values_and_memberships(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Values show as JSON (records as the file format writes them); memberships by key."""
        m = collections()["memberships"][0]
        cols = collections()
        cols["memberships"] = [attrs.evolve(m, title="Minister")]
        cols["events"][0] = attrs.evolve(cols["events"][0], evidence=[quote("Beijing")])
        dump(Dataset(**cols), tmp_path / "new.json")
        dump(dataset(), tmp_path / "old.json")
        assert main(["diff", str(tmp_path / "old.json"), str(tmp_path / "new.json")]) == 1
        start = TEXT.index("Beijing")
        assert capsys.readouterr().out.splitlines() == [
            "+ memberships (kono-taro in jpn, Minister, 2018-01)",
            "- memberships (kono-taro in jpn, Foreign Minister, 2018-01)",
            f"~ events['ev-visit'].evidence[0].start: {TEXT.index('Taro Kono visited')} -> {start}",
            '~ events[\'ev-visit\'].evidence[0].quote: "Taro Kono visited Beijing" -> "Beijing"',
        ]

    def test_diff_shows_values_as_json(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Enums show as their value, tuples as arrays, whole records as the file format has them."""
        old = dataset()
        statement = old.events["ev-statement"]
        incident = de.Incident(
            id="ev-statement",
            summary="Japan speaks.",
            category="protest",
            participants=[de.Participant(actor="jpn", role="initiator")],
            when=statement.when,
            status="occurred",
        )
        cols = collections()
        cols["actors"][0] = attrs.evolve(JPN, aliases=("Nippon",))
        cols["events"][0] = attrs.evolve(cols["events"][0], status="planned")
        cols["events"][3] = incident
        cols["events"][4] = attrs.evolve(cols["events"][4], when=de.TimeSpan.parse("2018-02"))
        dump(Dataset(**cols), tmp_path / "new.json")
        dump(old, tmp_path / "old.json")
        assert main(["diff", str(tmp_path / "old.json"), str(tmp_path / "new.json")]) == 1
        lines = capsys.readouterr().out.splitlines()
        assert lines[:2] == [
            "~ actors['jpn'].aliases: [] -> [\"Nippon\"]",
            '~ events[\'ev-visit\'].status: "occurred" -> "planned"',
        ]
        assert lines[2].startswith('~ events[\'ev-statement\']: {"kind":"statement",')
        assert '-> {"kind":"incident","id":"ev-statement",' in lines[2]
        assert lines[3] == '~ events[\'ev-incident\'].when: "2018-01" -> "2018-02"'

    def test_diff_trouble(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An invalid file exits 2 and an unreadable one 3, as diff(1) does for trouble."""
        bad = tmp_path / "bad.json"
        bad.write_text("{", encoding="utf-8")
        assert main(["diff", str(bad), "reference"]) == 2
        assert capsys.readouterr().err.startswith(f"diplo-events: error: {bad}: is not valid JSON")
        assert main(["diff", "reference", str(tmp_path / "missing.json")]) == 3
        assert "No such file or directory" in capsys.readouterr().err

    def test_merge(self, changed: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """merge writes OUT and lists settled conflicts on standard error."""
        base = str(changed.with_name("base.json"))
        out = changed.with_name("out.json")
        assert main(["merge", base, str(changed), "-o", str(out), "--on-conflict", "last"]) == 0
        assert capsys.readouterr().err == (
            'diplo-events: actors[\'jpn\'].name: datasets[0] "Japan", datasets[1] "Nippon": '
            "kept last\n"
        )
        assert load(out).actors["jpn"].name == "Nippon"
        assert len(load(out).events) == 5

    def test_merge_conflicts(self, changed: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Without --on-conflict, every conflict is printed and the exit code is 1."""
        base = str(changed.with_name("base.json"))
        out = changed.with_name("out.json")
        assert main(["merge", base, str(changed), "-o", str(out)]) == 1
        assert capsys.readouterr().err == (
            "diplo-events: error: conflicts with datasets[0], where it is 'Japan' (got 'Nippon') "
            "at datasets[1].actors['jpn'].name\n"
        )
        assert not out.exists()

    def test_merge_to_stdout(self, capsys: pytest.CaptureFixture[str]) -> None:
        """'-o -' writes JSON Lines to standard output; a bad suffix is a usage error."""
        assert main(["merge", "reference", "reference", "-o", "-"]) == 0
        assert capsys.readouterr().out.startswith('{"format":"diplo-events","version":1}\n')
        assert main(["merge", "reference", "-o", "out.txt"]) == 2


def test_public_names() -> None:
    """merge, diff and their results are public names of the package."""
    assert {"merge", "merge_with_report", "diff", "Diff", "MergeReport"} <= set(de.__all__)
    assert de.merge is de.corpus.merge
    assert isinstance(Evidence, type)
    assert Membership is de.Membership

"""reanchor (a source gets a new text) and coverage (what no evidence covers yet)."""

from __future__ import annotations

import random
import time

import pytest

import diplo_events as de
from diplo_events import Actor, Dataset, Evidence, Source, ValidationError
from diplo_events.anchoring import coverage, reanchor, sentences
from diplo_events.anchoring._coverage import evidence_on
from diplo_events.reference import SOURCE_ID, load_reference

TEXT = "Abe met Xi in Danang. They spoke of trade.\nLater, Kono visited Beijing. Mr. Li said it\u2019s fine."


def dataset(spans: list[tuple[str, str | None, str | None]], text: str = TEXT) -> Dataset:
    """One source and one actor whose evidence quotes `spans` (quote, prefix, suffix)."""
    evidence = []
    for quote, prefix, suffix in spans:
        start = text.index(quote)
        evidence.append(
            Evidence(
                source="s",
                start=start,
                end=start + len(quote),
                quote=quote,
                prefix=prefix,
                suffix=suffix,
            )
        )
    return Dataset(
        sources=[Source(id="s", title="T", text=text)],
        actors=[Actor(id="a", name="A", kind="state", evidence=evidence)],
    )


class TestReanchor:
    def test_same_text_moves_nothing(self) -> None:
        """With the text unchanged every span is unchanged and the dataset equal."""
        ds = dataset([("Abe met Xi", None, None), ("Kono", "Later, ", None)])
        new, report = reanchor(ds, "s", TEXT)
        assert new == ds
        assert (len(report.unchanged), report.moved, report.orphaned) == (2, (), ())

    def test_inserted_text_shifts_spans(self) -> None:
        """Text put in front moves each span by its length; quotes and contexts hold."""
        ds = dataset([("Abe met Xi", None, " in"), ("Kono", "Later, ", None)])
        new_text = "UPDATED. " + TEXT
        new, report = reanchor(ds, "s", new_text)
        assert [(r.old.start + 9, r.new.start if r.new else None) for r in report.moved] == [
            (9, 9),
            (TEXT.index("Kono") + 9, TEXT.index("Kono") + 9),
        ]
        assert all(r.score == 1.0 for r in report.moved)
        assert new.sources["s"].text == new_text
        assert new.actors["a"].evidence[1] == Evidence(
            source="s",
            start=TEXT.index("Kono") + 9,
            end=TEXT.index("Kono") + 13,
            quote="Kono",
            prefix="Later, ",
        )

    def test_corrected_quote_moves_approximately(self) -> None:
        """A span whose words were corrected moves to the new wording, with its score."""
        ds = dataset([("Kono visited Beijing", None, None)])
        new_text = TEXT.replace("Kono visited Beijing", "Kono visited Peking")
        new, report = reanchor(ds, "s", new_text)
        (moved,) = report.moved
        assert moved.new is not None
        assert moved.new.quote == "Kono visited Peking"
        assert 0.8 < moved.score < 1.0
        assert new.actors["a"].evidence == (moved.new,)

    def test_rewrapped_text(self) -> None:
        """A quote across a line break that became a space is found (whitespace only)."""
        ds = dataset([("They spoke of trade.\nLater, Kono", None, None)])
        _, report = reanchor(ds, "s", TEXT.replace("\n", " "))
        (moved,) = report.moved
        assert moved.new is not None
        assert moved.new.quote == "They spoke of trade. Later, Kono"
        assert moved.new.start == moved.old.start

    def test_deleted_quote_is_orphaned_and_reported(self) -> None:
        """A span whose words are gone is left out of the dataset and listed with its best candidate."""
        ds = dataset([("They spoke of trade.", None, None), ("Abe met Xi", None, None)])
        new_text = TEXT.replace("They spoke of trade.", "They talked about tariffs.")
        new, report = reanchor(ds, "s", new_text)
        (orphan,) = report.orphaned
        assert orphan.path == "actors['a'].evidence[0]"
        assert orphan.new is None
        assert orphan.candidate is not None
        assert orphan.candidate.text in new_text
        assert 0 < orphan.score < 1
        assert new.actors["a"].evidence == ds.actors["a"].evidence[1:]

    def test_ambiguous_quote_follows_its_context(self) -> None:
        """Of two exact occurrences, the one with the old context and position wins."""
        text = "Abe spoke. Then Xi spoke. Abe left."
        ds = dataset([("Abe left", None, None)], text)
        new_text = "Abe left early. " + text
        _, report = reanchor(ds, "s", new_text)
        (moved,) = report.moved
        assert moved.new is not None
        assert moved.new.start == len("Abe left early. ") + text.index("Abe left")

    def test_nothing_near_is_orphaned_without_candidate(self) -> None:
        """A quote with nothing like it in the new text has no candidate."""
        ds = dataset([("Danang", None, None)])
        new, report = reanchor(ds, "s", "Completely different words here.")
        (orphan,) = report.orphaned
        assert (orphan.candidate, orphan.score) == (None, 0.0)
        assert new.actors["a"].evidence == ()

    @pytest.mark.parametrize(
        ("args", "path"),
        [
            (("x", "s", TEXT), "ds"),
            ((None, "nope", TEXT), "source_id"),
            ((None, "s", 3), "new_text"),
            ((None, "bare", TEXT), "source_id"),
        ],
    )
    def test_bad_arguments(self, args: tuple[object, ...], path: str) -> None:
        """Wrong arguments are ValidationErrors naming the argument."""
        ds = Dataset(
            sources=[Source(id="s", title="T", text=TEXT), Source(id="bare", title="B")],
        )
        call = (ds if args[0] is None else args[0], *args[1:])
        with pytest.raises(ValidationError) as info:
            reanchor(*call)  # type: ignore[arg-type]
        assert info.value.path == path

    def test_bad_threshold(self) -> None:
        """min_similarity must be in (0, 1]."""
        with pytest.raises(ValidationError) as info:
            reanchor(dataset([]), "s", TEXT, min_similarity=0)
        assert info.value.path == "min_similarity"

    def test_reference_rewrapped_and_prefixed(self) -> None:
        """The reference article with a note in front and curly apostrophes straightened."""
        ds = load_reference()
        old = ds.sources[SOURCE_ID].text
        assert old is not None
        new_text = "Note: corrected.\n" + old.replace("\u2019", "'")
        _, report = reanchor(ds, SOURCE_ID, new_text)
        assert report.orphaned == ()
        assert len(report.moved) == len(evidence_on(ds, SOURCE_ID)) > 100
        for r in report.moved:
            assert r.new is not None
            assert r.new.quote == r.old.quote.replace("\u2019", "'")
            assert r.new.start == r.old.start + len("Note: corrected.\n")

    def test_exported_lazily(self) -> None:
        """diplo_events.reanchor and coverage are the anchoring functions."""
        assert (de.reanchor, de.coverage) == (reanchor, coverage)


def _synthetic(words: int) -> tuple[Dataset, str]:
    rnd = random.Random(7)  # noqa: S311 - test data, not secrets
    vocabulary = [f"w{i}" for i in range(2000)]
    tokens = [rnd.choice(vocabulary) if rnd.random() < 0.9 else f"u{i}" for i in range(words)]
    text = " ".join(tokens)
    starts = [0]
    for token in tokens[:-1]:
        starts.append(starts[-1] + len(token) + 1)
    spans = [
        Evidence(
            source="s",
            start=starts[i],
            end=starts[i + 5] - 1,
            quote=text[starts[i] : starts[i + 5] - 1],
        )
        for i in range(0, words - 6, 50)
    ]
    ds = Dataset(
        sources=[Source(id="s", title="T", text=text)],
        actors=[Actor(id="a", name="A", kind="state", evidence=spans)],
    )
    new_text = "A preface.\n" + text.replace(" w7 ", " w7x ").replace(" w11 ", "\n w11 ")
    return ds, new_text


def _seconds(words: int) -> float:
    ds, new_text = _synthetic(words)
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        _, report = reanchor(ds, "s", new_text)
        best = min(best, time.perf_counter() - began)
        assert report.orphaned == ()
    return best


def test_reanchor_grows_near_linearly() -> None:
    """4x the text and 4x the spans, every one shifted, cost well under 16x (no full scan per span)."""
    small, large = _seconds(20_000), _seconds(80_000)
    assert large / small < 10, (small, large)


class TestSentences:
    def test_rule(self) -> None:
        """Cut after . ! ? before a capital or opening quote; not after titles or initials."""
        text = 'Mr. Li met J. Smith in the U.S. Capitol. "Yes!" he said. Feb. 09 came.\nNew line'
        assert [text[a:b] for a, b in sentences(text)] == [
            "Mr. Li met J. Smith in the U.S. Capitol.",
            '"Yes!" he said.',
            "Feb. 09 came.",
            "New line",
        ]


class TestCoverage:
    def test_shares_and_threshold(self) -> None:
        """Each sentence reports its covered share of non-space characters; half covers it."""
        ds = dataset([("Abe met Xi in Danang", None, None), ("Kono", None, None)])
        report = coverage(ds, "s")
        first, second, third, fourth = report.sentences
        assert (first.text, first.characters, first.covered_characters) == (
            "Abe met Xi in Danang.",
            17,
            16,
        )
        assert first.covered
        assert (second.share, second.covered) == (0.0, False)
        assert (third.covered_characters, third.characters, third.covered) == (4, 25, False)
        assert fourth.text == "Mr. Li said it\u2019s fine."
        assert report.uncovered == (second, third, fourth)
        assert report.covered_characters == 20
        assert report.characters == sum(len(s.text.replace(" ", "")) for s in report.sentences)
        assert report.share == 20 / report.characters

    def test_a_lower_threshold(self) -> None:
        """With threshold 0.1 a sentence one sixth quoted counts as covered."""
        ds = dataset([("Kono", None, None)])
        third = coverage(ds, "s", threshold=0.1).sentences[2]
        assert third.covered

    def test_overlapping_spans_count_once(self) -> None:
        """Characters inside two spans are counted once."""
        ds = dataset([("Abe met", None, None), ("met Xi", None, None)])
        assert coverage(ds, "s").covered_characters == len("Abemet") + len("Xi")

    @pytest.mark.parametrize(
        ("source_id", "threshold", "path"),
        [("nope", 0.5, "source_id"), ("bare", 0.5, "source_id"), ("s", 0, "threshold")],
    )
    def test_bad_arguments(self, source_id: str, threshold: float, path: str) -> None:
        """Unknown sources, sources without text and bad thresholds are refused by name."""
        ds = Dataset(sources=[Source(id="s", title="T", text=TEXT), Source(id="bare", title="B")])
        with pytest.raises(ValidationError) as info:
            coverage(ds, source_id, threshold=threshold)
        assert info.value.path == path

    def test_not_a_dataset(self) -> None:
        """Anything but a Dataset is refused."""
        with pytest.raises(ValidationError) as info:
            coverage("x", "s")  # type: ignore[arg-type]
        assert info.value.path == "ds"
